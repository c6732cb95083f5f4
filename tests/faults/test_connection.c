/* The "connection" group of the fault matrix (faults.c, docs/faults.md). */
#include "faults.h"

int main(void) { return fault_main("connection"); }
