/* The retry policy of HttpRetryOptions (reference/python-genai.md §2.8):
 * tenacity's wait_exponential_jitter delays, the defaults, the status codes,
 * plus the deliberate improvements of DESIGN.md §4 (zero means zero, the
 * service's requested delay is honoured, or the call gives up when it
 * exceeds max_delay). */
#include "unit_helpers.h"

#include "http/retry.h"

#define RETRY(...) (&(const genai_http_retry_options){GENAI_INIT(genai_http_retry_options), __VA_ARGS__})

static void without_options_there_is_no_retry(void **state) {
  (void)state;
  genai__retry_policy p;
  genai__retry_policy_init(&p, NULL);
  assert_int_equal(p.attempts, 1);
}

static void empty_options_enable_the_python_defaults(void **state) {
  (void)state;
  genai__retry_policy p;
  genai__retry_policy_init(&p, RETRY(.attempts = NULL));
  assert_int_equal(p.attempts, 5);
  assert_true(p.initial_delay_s == 1.0);
  assert_true(p.max_delay_s == 60.0);
  assert_true(p.exp_base == 2.0);
  assert_true(p.jitter_s == 1.0);
  const int retried[] = {408, 429, 500, 502, 503, 504};
  for (size_t i = 0; i < sizeof(retried) / sizeof(retried[0]); i++) assert_true(genai__retry_status(&p, retried[i]));
  const int not_retried[] = {200, 400, 401, 403, 404, 409, 499, 501, 505};
  for (size_t i = 0; i < sizeof(not_retried) / sizeof(not_retried[0]); i++)
    assert_false(genai__retry_status(&p, not_retried[i]));
}

static void attempts_count_the_first_try(void **state) {
  (void)state;
  genai__retry_policy p;
  genai__retry_policy_init(&p, RETRY(.attempts = &(int32_t){3}));
  assert_int_equal(p.attempts, 3);
  genai__retry_policy_init(&p, RETRY(.attempts = &(int32_t){1}));
  assert_int_equal(p.attempts, 1);
}

/* retry_args: `if options.attempts == 0: options.attempts = 1`. */
static void zero_attempts_means_a_single_try(void **state) {
  (void)state;
  genai__retry_policy p;
  genai__retry_policy_init(&p, RETRY(.attempts = &(int32_t){0}));
  assert_int_equal(p.attempts, 1);
}

static void custom_status_codes_replace_the_defaults(void **state) {
  (void)state;
  const int32_t codes[] = {418, 503};
  genai__retry_policy p;
  genai__retry_policy_init(&p, RETRY(.http_status_codes = codes, .http_status_codes_count = 2));
  assert_true(genai__retry_status(&p, 418));
  assert_true(genai__retry_status(&p, 503));
  assert_false(genai__retry_status(&p, 429));
  assert_false(genai__retry_status(&p, 500));
}

static void delays_grow_exponentially_without_jitter(void **state) {
  (void)state;
  genai__retry_policy p;
  genai__retry_policy_init(&p, RETRY(.jitter_s = &(double){0}));
  assert_int_equal(genai__retry_delay_ms(&p, 1, -1, 0.9), 1000);
  assert_int_equal(genai__retry_delay_ms(&p, 2, -1, 0.9), 2000);
  assert_int_equal(genai__retry_delay_ms(&p, 3, -1, 0.9), 4000);
  assert_int_equal(genai__retry_delay_ms(&p, 4, -1, 0.9), 8000);
  genai__retry_policy_init(&p, RETRY(.jitter_s = &(double){0}, .initial_delay_s = &(double){0.5},
                                     .exp_base = &(double){3}));
  assert_int_equal(genai__retry_delay_ms(&p, 1, -1, 0), 500);
  assert_int_equal(genai__retry_delay_ms(&p, 3, -1, 0), 4500);
}

static void jitter_adds_a_uniform_fraction_of_its_value(void **state) {
  (void)state;
  genai__retry_policy p;
  genai__retry_policy_init(&p, RETRY(.jitter_s = &(double){2}));
  assert_int_equal(genai__retry_delay_ms(&p, 1, -1, 0.0), 1000);
  assert_int_equal(genai__retry_delay_ms(&p, 1, -1, 0.5), 2000);
  assert_int_equal(genai__retry_delay_ms(&p, 2, -1, 0.25), 2500);
}

static void delays_are_capped_at_max_delay(void **state) {
  (void)state;
  genai__retry_policy p;
  genai__retry_policy_init(&p, RETRY(.jitter_s = &(double){0}));
  assert_int_equal(genai__retry_delay_ms(&p, 7, -1, 0), 60000); /* 64 s > 60 s */
  assert_int_equal(genai__retry_delay_ms(&p, 30, -1, 0), 60000);
  genai__retry_policy_init(&p, RETRY(.max_delay_s = &(double){3}, .jitter_s = &(double){1}));
  assert_int_equal(genai__retry_delay_ms(&p, 2, -1, 0.99), 2990); /* 2 s + 0.99 s of jitter < 3 s */
  assert_int_equal(genai__retry_delay_ms(&p, 3, -1, 0.5), 3000); /* the cap includes the jitter */
}

static void zero_initial_delay_means_no_wait(void **state) {
  (void)state;
  genai__retry_policy p;
  genai__retry_policy_init(&p, RETRY(.initial_delay_s = &(double){0}, .jitter_s = &(double){0}));
  for (int n = 1; n <= 4; n++) assert_int_equal(genai__retry_delay_ms(&p, n, -1, 0.7), 0);
}

static void the_service_requested_delay_is_honoured(void **state) {
  (void)state;
  genai__retry_policy p;
  genai__retry_policy_init(&p, RETRY(.jitter_s = &(double){0}));
  assert_int_equal(genai__retry_delay_ms(&p, 1, 26000, 0), 26000); /* longer than ours */
  assert_int_equal(genai__retry_delay_ms(&p, 3, 500, 0), 4000);    /* shorter: ours wins */
  assert_int_equal(genai__retry_delay_ms(&p, 1, 60000, 0), 60000); /* exactly max_delay */
  assert_int_equal(genai__retry_delay_ms(&p, 1, 0, 0), 1000);
}

static void a_service_delay_beyond_max_delay_gives_up(void **state) {
  (void)state;
  genai__retry_policy p;
  genai__retry_policy_init(&p, RETRY(.jitter_s = &(double){0}));
  assert_int_equal(genai__retry_delay_ms(&p, 1, 60001, 0), -1);
  genai__retry_policy_init(&p, RETRY(.max_delay_s = &(double){10}));
  assert_int_equal(genai__retry_delay_ms(&p, 1, 30000, 0), -1);
}

static void random01_stays_in_the_unit_interval(void **state) {
  (void)state;
  double lo = 1, hi = 0;
  for (int i = 0; i < 10000; i++) {
    double r = genai__random01();
    assert_true(r >= 0.0 && r < 1.0);
    if (r < lo) lo = r;
    if (r > hi) hi = r;
  }
  assert_true(lo < 0.05 && hi > 0.95); /* not stuck */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(without_options_there_is_no_retry),
      cmocka_unit_test(empty_options_enable_the_python_defaults),
      cmocka_unit_test(attempts_count_the_first_try),
      cmocka_unit_test(zero_attempts_means_a_single_try),
      cmocka_unit_test(custom_status_codes_replace_the_defaults),
      cmocka_unit_test(delays_grow_exponentially_without_jitter),
      cmocka_unit_test(jitter_adds_a_uniform_fraction_of_its_value),
      cmocka_unit_test(delays_are_capped_at_max_delay),
      cmocka_unit_test(zero_initial_delay_means_no_wait),
      cmocka_unit_test(the_service_requested_delay_is_honoured),
      cmocka_unit_test(a_service_delay_beyond_max_delay_gives_up),
      cmocka_unit_test(random01_stays_in_the_unit_interval),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  genai_error_clear();
  return failed;
}
