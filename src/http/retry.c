#include "http/retry.h"

#include <math.h>
#include <pthread.h>
#include <time.h>

static const int default_codes[] = {408, 429, 500, 502, 503, 504};

void genai__retry_policy_init(genai__retry_policy *p, const genai_http_retry_options *o) {
  *p = (genai__retry_policy){.attempts = 1, .initial_delay_s = 1.0, .max_delay_s = 60.0, .exp_base = 2.0,
                             .jitter_s = 1.0};
  if (!o) return;
  /* Unset means 5 attempts; 0 (or less) means one, as in the Python SDK. */
  p->attempts = o->attempts ? (*o->attempts > 0 ? *o->attempts : 1) : 5;
  if (o->initial_delay_s && *o->initial_delay_s >= 0) p->initial_delay_s = *o->initial_delay_s;
  if (o->max_delay_s && *o->max_delay_s >= 0) p->max_delay_s = *o->max_delay_s;
  if (o->exp_base && *o->exp_base > 0) p->exp_base = *o->exp_base;
  if (o->jitter_s && *o->jitter_s >= 0) p->jitter_s = *o->jitter_s;
  if (o->http_status_codes && o->http_status_codes_count) { /* an empty list means the defaults */
    for (size_t i = 0; i < o->http_status_codes_count && p->ncodes < sizeof(p->codes) / sizeof(p->codes[0]); i++)
      p->codes[p->ncodes++] = o->http_status_codes[i];
  } else {
    for (size_t i = 0; i < sizeof(default_codes) / sizeof(default_codes[0]); i++) p->codes[p->ncodes++] = default_codes[i];
  }
}

bool genai__retry_status(const genai__retry_policy *p, long status) {
  for (size_t i = 0; i < p->ncodes; i++)
    if (p->codes[i] == status) return true;
  return false;
}

int64_t genai__retry_delay_ms(const genai__retry_policy *p, int n, int64_t server_ms, double r) {
  double s = p->initial_delay_s * pow(p->exp_base, n - 1) + r * p->jitter_s;
  if (s > p->max_delay_s) s = p->max_delay_s;
  int64_t ms = (int64_t)(s * 1000.0 + 0.5);
  if (server_ms >= 0) {
    if ((double)server_ms > p->max_delay_s * 1000.0) return -1;
    if (server_ms > ms) ms = server_ms;
  }
  return ms;
}

static pthread_mutex_t rng_lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t rng_state;

double genai__random01(void) {
  pthread_mutex_lock(&rng_lock);
  if (!rng_state) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    rng_state = ((uint64_t)ts.tv_sec * 1000000007u) ^ (uint64_t)ts.tv_nsec ^ 0x9e3779b97f4a7c15u;
  }
  /* xorshift64* */
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  uint64_t x = rng_state * 0x2545f4914f6cdd1du;
  pthread_mutex_unlock(&rng_lock);
  return (double)(x >> 11) / 9007199254740992.0;
}
