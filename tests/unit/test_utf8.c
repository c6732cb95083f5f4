/* UTF-8 validation (core/utf8.h): what a caller's string must be before it
 * is put into a JSON request. */
#include "unit_helpers.h"

#include "core/utf8.h"

static bool valid(const char *s) { return genai__utf8_valid(s, strlen(s)); }

static void accepts_ascii_and_every_sequence_length(void **state) {
  (void)state;
  assert_true(valid(""));
  assert_true(valid("plain ASCII \x01\x7f"));
  assert_true(valid("caf\xc3\xa9"));                   /* U+00E9, 2 bytes */
  assert_true(valid("\xe2\x82\xac"));                  /* U+20AC, 3 bytes */
  assert_true(valid("\xf0\x9f\x98\x80"));              /* U+1F600, 4 bytes */
  assert_true(valid("\xc2\x80"));                      /* U+0080, smallest 2-byte */
  assert_true(valid("\xef\xbf\xbf"));                  /* U+FFFF */
  assert_true(valid("\xf4\x8f\xbf\xbf"));              /* U+10FFFF, the last code point */
  assert_true(valid("\xe7\xa7\x8b\xe9\xa3\x8e"));      /* 秋风 */
  assert_true(genai__utf8_valid("a\0b", 3));           /* NUL is a valid code point */
}

static void rejects_stray_and_missing_continuation_bytes(void **state) {
  (void)state;
  assert_false(valid("\x80"));
  assert_false(valid("abc\xbf"));
  assert_false(valid("caf\xe9"));          /* Latin-1, not UTF-8 */
  assert_false(valid("\xc3"));             /* truncated at the end */
  assert_false(valid("\xe2\x82"));
  assert_false(valid("\xf0\x9f\x98"));
  assert_false(valid("\xc3\x41"));         /* continuation expected */
  assert_false(genai__utf8_valid("\xc3\xa9", 1));
}

static void rejects_overlong_forms_surrogates_and_out_of_range(void **state) {
  (void)state;
  assert_false(valid("\xc0\x80"));         /* overlong NUL */
  assert_false(valid("\xc1\xbf"));
  assert_false(valid("\xe0\x80\xaf"));     /* overlong '/' */
  assert_false(valid("\xf0\x80\x80\xaf"));
  assert_false(valid("\xed\xa0\x80"));     /* U+D800 */
  assert_false(valid("\xed\xbf\xbf"));     /* U+DFFF */
  assert_false(valid("\xf4\x90\x80\x80")); /* U+110000 */
  assert_false(valid("\xf8\x88\x80\x80\x80"));
  assert_false(valid("\xff"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(accepts_ascii_and_every_sequence_length),
      cmocka_unit_test(rejects_stray_and_missing_continuation_bytes),
      cmocka_unit_test(rejects_overlong_forms_surrogates_and_out_of_range),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  genai_error_clear();
  return failed;
}
