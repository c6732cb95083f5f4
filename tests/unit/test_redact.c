/* Redaction of secrets from text that may reach logs or error messages, and
 * the cut of long excerpts at a UTF-8 boundary (core/redact.h). */
#include "unit_helpers.h"

#include "core/alloc.h"
#include "core/redact.h"

static char *redact(const char *text, const genai__secrets *s, size_t max) {
  char *out = genai__redact(text, strlen(text), s, max);
  assert_non_null(out);
  return out;
}

static void every_occurrence_of_every_secret_is_replaced(void **state) {
  (void)state;
  genai__secrets s = {{0}, 0};
  genai__secrets_add(&s, "AIzaSECRET1");
  genai__secrets_add(&s, "ya29.token");
  char *out = redact("key=AIzaSECRET1&again=AIzaSECRET1AIzaSECRET1 auth: Bearer ya29.token.", &s, 4096);
  assert_string_equal(out, "key=[REDACTED]&again=[REDACTED][REDACTED] auth: Bearer [REDACTED].");
  genai__free(out);
}

static void text_without_secrets_is_copied_unchanged(void **state) {
  (void)state;
  genai__secrets s = {{0}, 0};
  genai__secrets_add(&s, "AIzaSECRET1");
  char *out = redact("nothing to hide", &s, 4096);
  assert_string_equal(out, "nothing to hide");
  genai__free(out);
  out = redact("no secrets known", NULL, 4096);
  assert_string_equal(out, "no secrets known");
  genai__free(out);
  out = genai__redact("", 0, &s, 10);
  assert_string_equal(out, "");
  genai__free(out);
}

static void secrets_too_short_to_be_keys_are_not_registered(void **state) {
  (void)state;
  genai__secrets s = {{0}, 0};
  genai__secrets_add(&s, "abc");
  genai__secrets_add(&s, "");
  genai__secrets_add(&s, NULL);
  assert_int_equal(s.count, 0);
  char *out = redact("abc abc", &s, 100);
  assert_string_equal(out, "abc abc");
  genai__free(out);
}

static void text_is_redacted_before_it_is_cut(void **state) {
  (void)state;
  genai__secrets s = {{0}, 0};
  genai__secrets_add(&s, "SECRETKEY");
  /* The secret straddles the cut: no prefix of it may survive. */
  char *out = redact("0123SECRETKEY", &s, 8);
  assert_null(strstr(out, "SECR"));
  assert_int_equal(strncmp(out, "0123[RED", 8), 0);
  genai__free(out);
}

static void long_text_is_cut_with_a_note_of_what_was_left_out(void **state) {
  (void)state;
  char *out = redact("abcdefghij", NULL, 4);
  assert_string_equal(out, "abcd... [6 more bytes not shown]");
  genai__free(out);
  out = redact("abcd", NULL, 4); /* exactly the limit: no note */
  assert_string_equal(out, "abcd");
  genai__free(out);
}

static void the_cut_never_splits_a_utf8_sequence(void **state) {
  (void)state;
  /* "é" is 2 bytes, "€" 3 bytes, "😀" 4 bytes */
  char *out = redact("\xc3\xa9\xc3\xa9\xc3\xa9", NULL, 3);
  assert_string_equal(out, "\xc3\xa9... [4 more bytes not shown]");
  genai__free(out);
  out = redact("a\xe2\x82\xac" "b", NULL, 3);
  assert_string_equal(out, "a... [4 more bytes not shown]");
  genai__free(out);
  out = redact("\xf0\x9f\x98\x80\xf0\x9f\x98\x80", NULL, 7);
  assert_string_equal(out, "\xf0\x9f\x98\x80... [4 more bytes not shown]");
  genai__free(out);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(every_occurrence_of_every_secret_is_replaced),
      cmocka_unit_test(text_without_secrets_is_copied_unchanged),
      cmocka_unit_test(secrets_too_short_to_be_keys_are_not_registered),
      cmocka_unit_test(text_is_redacted_before_it_is_cut),
      cmocka_unit_test(long_text_is_cut_with_a_note_of_what_was_left_out),
      cmocka_unit_test(the_cut_never_splits_a_utf8_sequence),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  genai_error_clear();
  return failed;
}
