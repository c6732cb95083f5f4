/* Response helpers (reference/python-genai.md §10): genai_response_text()
 * with the rules of GenerateContentResponse.text, genai_response_raw_json()
 * and genai_part_from_text(). */
#include "unit_helpers.h"

#include <genai/models.h>
#include <genai/helpers.h>

#include "wire/types_gen.h"

static genai_generate_content_response *ut_response(const char *json, const char *file, int line) {
  genai_generate_content_response *r = NULL;
  genai_result rc = genai__decode_owned(&genai__type_generate_content_response, GENAI__BACKEND_MLDEV, json,
                                        strlen(json), (void **)&r);
  if (rc != GENAI_OK) {
    print_error("%s:%d: decode failed: %s\n", file, line, genai_error_last()->message);
    _fail(file, line);
  }
  return r;
}
#define response(json) ut_response((json), __FILE__, __LINE__)

static void ut_text_is(const char *json, const char *want, const char *file, int line) {
  genai_generate_content_response *r = ut_response(json, file, line);
  const char *got = genai_response_text(r);
  int ok = want ? got && !strcmp(got, want) : got == NULL;
  if (!ok) {
    print_error("%s:%d: text of %s\n  expected %s%s%s\n  got      %s%s%s\n", file, line, json, want ? "\"" : "",
                want ? want : "NULL", want ? "\"" : "", got ? "\"" : "", got ? got : "NULL", got ? "\"" : "");
    genai_generate_content_response_free(r);
    _fail(file, line);
  }
  genai_generate_content_response_free(r);
}
#define assert_text(json, want) ut_text_is((json), (want), __FILE__, __LINE__)

static void text_concatenates_the_text_parts_of_the_first_candidate(void **state) {
  (void)state;
  assert_text("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hello, \"},{\"text\":\"world\"}]}}]}",
              "Hello, world");
  assert_text("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"first\"}]}},"
              "{\"content\":{\"parts\":[{\"text\":\"second\"}]}}]}",
              "first");
}

static void text_skips_thought_parts(void **state) {
  (void)state;
  assert_text("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Let me think\",\"thought\":true},"
              "{\"text\":\"42\"},{\"text\":\"!\",\"thought\":false}]}}]}",
              "42!");
  assert_text("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"only a thought\",\"thought\":true}]}}]}", NULL);
}

static void text_skips_non_text_parts(void **state) {
  (void)state;
  assert_text("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"},{\"functionCall\":{\"name\":\"f\"}},"
              "{\"text\":\"b\",\"thoughtSignature\":\"AQ==\"}]}}]}",
              "ab");
  assert_text("{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"f\"}}]}}]}", NULL);
}

static void empty_text_parts_give_an_empty_string_not_null(void **state) {
  (void)state;
  assert_text("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\"}]}}]}", "");
  assert_text("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\",\"thought\":true,\"thoughtSignature\":\"AQ==\"},"
              "{\"text\":\"\"}]}}]}",
              "");
}

static void text_is_null_without_candidates_content_or_parts(void **state) {
  (void)state;
  assert_text("{}", NULL);
  assert_text("{\"candidates\":[]}", NULL);
  assert_text("{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}", NULL);
  assert_text("{\"candidates\":[{\"finishReason\":\"SAFETY\"}]}", NULL);
  assert_text("{\"candidates\":[{\"content\":{\"role\":\"model\"}}]}", NULL);
  assert_text("{\"candidates\":[{\"content\":{\"parts\":[]}}]}", NULL);
  assert_text("{\"candidates\":[{\"content\":{\"parts\":[]}},{\"content\":{\"parts\":[{\"text\":\"x\"}]}}]}", NULL);
  assert_null(genai_response_text(NULL));
}

static void text_is_stable_across_calls(void **state) {
  (void)state;
  genai_generate_content_response *r = response("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"},{\"text\":\"b\"}]}}]}");
  const char *first = genai_response_text(r);
  assert_string_equal(first, "ab");
  assert_ptr_equal(genai_response_text(r), first);
  genai_generate_content_response_free(r);
}

static void raw_json_is_the_exact_body(void **state) {
  (void)state;
  const char *body = "{ \"candidates\" : [ ], \"modelVersion\":\"m\" }";
  genai_generate_content_response *r = response(body);
  size_t len = 0;
  const char *raw = genai_response_raw_json(r, &len);
  assert_int_equal(len, strlen(body));
  assert_memory_equal(raw, body, len);
  assert_string_equal(r->model_version, "m");
  genai_generate_content_response_free(r);
  assert_null(genai_response_raw_json(NULL, &len));
  assert_int_equal(len, 0);
}

static void part_from_text_copies_the_text(void **state) {
  (void)state;
  char text[] = "Why is the sky blue?";
  genai_part *p = NULL;
  assert_int_equal(genai_part_from_text(text, &p), GENAI_OK);
  assert_int_equal(p->struct_size, sizeof(genai_part));
  assert_string_equal(p->text, "Why is the sky blue?");
  assert_ptr_not_equal(p->text, text);
  text[0] = 'w';
  assert_string_equal(p->text, "Why is the sky blue?");
  assert_null(p->thought);
  assert_null(p->function_call);
  char *json = NULL;
  assert_int_equal(genai_part_to_json(p, &json), GENAI_OK);
  assert_json_text_eq(json, "{\"text\":\"Why is the sky blue?\"}");
  genai_free(json);
  genai_part_free(p);
  assert_int_equal(genai_part_from_text("", &p), GENAI_OK);
  assert_string_equal(p->text, "");
  genai_part_free(p);
}

static void part_from_text_rejects_null_arguments(void **state) {
  (void)state;
  genai_part *p = (genai_part *)1;
  assert_error(genai_part_from_text(NULL, &p), GENAI_EINVAL, "text");
  assert_null(p);
  assert_error(genai_part_from_text("x", NULL), GENAI_EINVAL, NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(text_concatenates_the_text_parts_of_the_first_candidate),
      cmocka_unit_test(text_skips_thought_parts),
      cmocka_unit_test(text_skips_non_text_parts),
      cmocka_unit_test(empty_text_parts_give_an_empty_string_not_null),
      cmocka_unit_test(text_is_null_without_candidates_content_or_parts),
      cmocka_unit_test(text_is_stable_across_calls),
      cmocka_unit_test(raw_json_is_the_exact_body),
      cmocka_unit_test(part_from_text_copies_the_text),
      cmocka_unit_test(part_from_text_rejects_null_arguments),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  genai_error_clear();
  return failed;
}
