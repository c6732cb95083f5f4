/* The error API (include/genai/errors.h): genai_error_last() is never NULL
 * and per thread, genai_error_clear() forgets, every code has a name and a
 * description. */
#include <pthread.h>

#include "unit_helpers.h"

#include <genai/models.h>
#include <genai/helpers.h>

#include "core/error.h"

static void the_last_error_is_never_null_and_starts_clear(void **state) {
  (void)state;
  genai_error_clear();
  const genai_error *e = genai_error_last();
  assert_non_null(e);
  assert_int_equal(e->struct_size, sizeof(genai_error));
  assert_int_equal(e->code, GENAI_OK);
  assert_int_equal(e->http_status, 0);
  assert_non_null(e->status);
  assert_string_equal(e->status, "");
  assert_non_null(e->message);
  assert_null(e->details_json);
  assert_null(e->body);
  assert_true(e->retry_after_ms == -1);
}

static void a_failing_call_records_its_error(void **state) {
  (void)state;
  genai_part *p = NULL;
  assert_int_equal(genai_part_from_text(NULL, &p), GENAI_EINVAL);
  const genai_error *e = genai_error_last();
  assert_int_equal(e->code, GENAI_EINVAL);
  assert_string_equal(e->message, "text is NULL");
  assert_int_equal(e->http_status, 0);
  assert_string_equal(e->status, "");
  assert_true(e->retry_after_ms == -1);
}

static void a_newer_error_replaces_the_older_one(void **state) {
  (void)state;
  genai__err(GENAI_EIO, "first %d", 1);
  genai__api_error api = {.code = GENAI_EAPI, .http_status = 429, .status = "RESOURCE_EXHAUSTED", .message = "slow down",
                          .details_json = "[]", .body = NULL, .retry_after_ms = 1234};
  assert_int_equal(genai__err_full(&api), GENAI_EAPI);
  const genai_error *e = genai_error_last();
  assert_int_equal(e->code, GENAI_EAPI);
  assert_int_equal(e->http_status, 429);
  assert_string_equal(e->status, "RESOURCE_EXHAUSTED");
  assert_string_equal(e->message, "slow down");
  assert_string_equal(e->details_json, "[]");
  assert_true(e->retry_after_ms == 1234);
  assert_int_equal(genai__err(GENAI_ETIMEOUT, "late by %d ms", 50), GENAI_ETIMEOUT);
  e = genai_error_last();
  assert_int_equal(e->code, GENAI_ETIMEOUT);
  assert_string_equal(e->message, "late by 50 ms");
  assert_int_equal(e->http_status, 0);
  assert_string_equal(e->status, "");
  assert_null(e->details_json);
  assert_true(e->retry_after_ms == -1);
}

static void a_prefix_can_name_the_failing_field(void **state) {
  (void)state;
  genai__err(GENAI_EINVAL, "is not valid UTF-8");
  genai__err_prefix("config.labels[0]");
  assert_string_equal(genai_error_last()->message, "config.labels[0]: is not valid UTF-8");
}

static void clear_forgets_the_error(void **state) {
  (void)state;
  genai__err(GENAI_EAUTH, "no credentials");
  assert_int_equal(genai_error_last()->code, GENAI_EAUTH);
  genai_error_clear();
  assert_int_equal(genai_error_last()->code, GENAI_OK);
  genai_error_clear(); /* twice is fine */
  assert_int_equal(genai_error_last()->code, GENAI_OK);
}

static void *fail_in_thread(void *arg) {
  (void)arg;
  genai__err(GENAI_ETRANSPORT, "connection reset on the other thread");
  const genai_error *e = genai_error_last();
  int ok = e->code == GENAI_ETRANSPORT && !strcmp(e->message, "connection reset on the other thread");
  genai_error_clear();
  return ok ? (void *)1 : NULL;
}

static void errors_are_per_thread(void **state) {
  (void)state;
  genai__err(GENAI_EINVAL, "main thread error");
  pthread_t t;
  void *ok = NULL;
  assert_int_equal(pthread_create(&t, NULL, fail_in_thread, NULL), 0);
  assert_int_equal(pthread_join(t, &ok), 0);
  assert_non_null(ok);
  assert_int_equal(genai_error_last()->code, GENAI_EINVAL);
  assert_string_equal(genai_error_last()->message, "main thread error");
}

static void every_code_has_a_distinct_name_and_description(void **state) {
  (void)state;
  const struct {
    genai_result rc;
    const char *name;
  } codes[] = {{GENAI_OK, "GENAI_OK"},           {GENAI_DONE, "GENAI_DONE"},
               {GENAI_ERROR, "GENAI_ERROR"},     {GENAI_EINVAL, "GENAI_EINVAL"},
               {GENAI_ENOMEM, "GENAI_ENOMEM"},   {GENAI_ETRANSPORT, "GENAI_ETRANSPORT"},
               {GENAI_ETIMEOUT, "GENAI_ETIMEOUT"}, {GENAI_ECANCELED, "GENAI_ECANCELED"},
               {GENAI_EAPI, "GENAI_EAPI"},       {GENAI_EDECODE, "GENAI_EDECODE"},
               {GENAI_EAUTH, "GENAI_EAUTH"},     {GENAI_EIO, "GENAI_EIO"}};
  size_t n = sizeof(codes) / sizeof(codes[0]);
  for (size_t i = 0; i < n; i++) {
    assert_string_equal(genai_result_name(codes[i].rc), codes[i].name);
    const char *desc = genai_result_str(codes[i].rc);
    assert_non_null(desc);
    assert_true(strlen(desc) > 0);
    assert_string_not_equal(desc, genai_result_str((genai_result)-99));
    for (size_t j = 0; j < i; j++) assert_string_not_equal(desc, genai_result_str(codes[j].rc));
  }
  assert_string_equal(genai_result_str(GENAI_EINVAL), "invalid argument");
  assert_string_equal(genai_result_name((genai_result)-99), "GENAI_UNKNOWN");
  assert_non_null(genai_result_str((genai_result)42));
}

static void codes_keep_their_numbers(void **state) {
  (void)state;
  assert_int_equal(GENAI_OK, 0);
  assert_int_equal(GENAI_DONE, 1);
  assert_int_equal(GENAI_ERROR, -1);
  assert_int_equal(GENAI_EINVAL, -2);
  assert_int_equal(GENAI_ENOMEM, -3);
  assert_int_equal(GENAI_ETRANSPORT, -4);
  assert_int_equal(GENAI_ETIMEOUT, -5);
  assert_int_equal(GENAI_ECANCELED, -6);
  assert_int_equal(GENAI_EAPI, -7);
  assert_int_equal(GENAI_EDECODE, -8);
  assert_int_equal(GENAI_EAUTH, -9);
  assert_int_equal(GENAI_EIO, -10);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(the_last_error_is_never_null_and_starts_clear),
      cmocka_unit_test(a_failing_call_records_its_error),
      cmocka_unit_test(a_newer_error_replaces_the_older_one),
      cmocka_unit_test(a_prefix_can_name_the_failing_field),
      cmocka_unit_test(clear_forgets_the_error),
      cmocka_unit_test(errors_are_per_thread),
      cmocka_unit_test(every_code_has_a_distinct_name_and_description),
      cmocka_unit_test(codes_keep_their_numbers),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  genai_error_clear();
  return failed;
}
