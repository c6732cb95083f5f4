/* The "secrets" group of the fault matrix (faults.c, docs/faults.md): the
 * service echoing the API key or the bearer token back, and a 401 that makes
 * the library fetch a new token. Every group checks that the credentials
 * stay out of logs, errors and URLs; this one adds the cases where the
 * service itself hands them back. */
#include "faults.h"

int main(void) { return fault_main("secrets"); }
