/* The retry policy of HttpRetryOptions (reference/python-genai.md §2.8),
 * with the deliberate improvements of DESIGN.md §4: zero delays mean zero,
 * and the server's Retry-After / RetryInfo are honoured. */
#ifndef GENAI_HTTP_RETRY_H
#define GENAI_HTTP_RETRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <genai/types.h>

typedef struct genai__retry_policy {
  int attempts; /* total, including the first; 1 means no retry */
  double initial_delay_s, max_delay_s, exp_base, jitter_s;
  int codes[32];
  size_t ncodes;
} genai__retry_policy;

/* NULL options: retries off (the Python SDK's default). */
void genai__retry_policy_init(genai__retry_policy *p, const genai_http_retry_options *o);

bool genai__retry_status(const genai__retry_policy *p, long status);

/* The wait before retry number `n` (1 for the first retry), in ms, given
 * `server_ms` the delay the service asked for (-1 when none) and `r` a
 * random number in [0, 1). Returns -1 when the service asks for a wait
 * longer than max_delay: the call should then fail with that error. */
int64_t genai__retry_delay_ms(const genai__retry_policy *p, int n, int64_t server_ms, double r);

/* A uniform random number in [0, 1), thread-safe. */
double genai__random01(void);

#endif
