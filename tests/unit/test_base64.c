/* Base64: both alphabets on input, the alphabet each field needs on output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/base64.h"

static void encodes_padded_in_both_alphabets(void **state) {
  (void)state;
  const uint8_t data[] = {0xfb, 0xff, 0xbf, 'a'};
  char out[16];
  genai__base64_encode(data, 3, false, out);
  assert_string_equal(out, "+/+/");
  genai__base64_encode(data, 3, true, out);
  assert_string_equal(out, "-_-_");
  genai__base64_encode(data, 4, false, out);
  assert_string_equal(out, "+/+/YQ==");
  genai__base64_encode(data, 0, false, out);
  assert_string_equal(out, "");
  assert_int_equal(genai__base64_encoded_len(4), 8);
}

static void decodes_either_alphabet_with_or_without_padding(void **state) {
  (void)state;
  uint8_t out[16];
  size_t n = 0;
  const char *forms[] = {"+/+/YQ==", "-_-_YQ==", "+/+/YQ", "-_-_YQ"};
  for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
    assert_true(genai__base64_decode(forms[i], strlen(forms[i]), out, &n));
    assert_int_equal(n, 4);
    assert_memory_equal(out, ((const uint8_t[]){0xfb, 0xff, 0xbf, 'a'}), 4);
  }
}

static void rejects_foreign_characters_and_bad_lengths(void **state) {
  (void)state;
  uint8_t out[16];
  size_t n = 0;
  assert_false(genai__base64_decode("ab!d", 4, out, &n));
  assert_false(genai__base64_decode("abcde", 5, out, &n));
  assert_false(genai__base64_decode("ab cd", 5, out, &n));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(encodes_padded_in_both_alphabets),
      cmocka_unit_test(decodes_either_alphabet_with_or_without_padding),
      cmocka_unit_test(rejects_foreign_characters_and_bad_lengths),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
