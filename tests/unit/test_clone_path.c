/* Deep copies over the descriptors, and the setv/getv path semantics. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <genai/genai.h>

#include "wire/clone.h"
#include "wire/path.h"
#include "wire/types_gen.h"

static const char *rich =
    "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"hi\",\"thoughtSignature\":\"AAEC\","
    "\"futureField\":{\"x\":[1,2]}},{\"functionCall\":{\"name\":\"f\",\"args\":{\"a\":0.5}}}]},"
    "\"finishReason\":\"NEW_REASON\",\"safetyRatings\":[{\"category\":\"HARM_CATEGORY_HATE_SPEECH\","
    "\"probability\":\"LOW\"}],\"index\":0,\"avgLogprobs\":-0.25}],\"usageMetadata\":{\"totalTokenCount\":7,"
    "\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":3}]},\"modelVersion\":\"m\","
    "\"sdkHttpResponse\":{\"headers\":{\"a\":\"b\"}}}";

static void a_clone_is_deep_and_complete(void **state) {
  (void)state;
  genai_generate_content_response *orig = NULL;
  assert_int_equal(genai_generate_content_response_from_json(rich, &orig), GENAI_OK);
  char *before = NULL;
  assert_int_equal(genai_generate_content_response_to_json(orig, &before), GENAI_OK);
  void *copy = NULL;
  assert_int_equal(genai__clone_owned(&genai__type_generate_content_response, orig, &copy), GENAI_OK);
  genai_generate_content_response_free(orig); /* the copy must not share anything with it */
  char *after = NULL;
  assert_int_equal(genai_generate_content_response_to_json(copy, &after), GENAI_OK);
  assert_string_equal(after, before);
  const genai_generate_content_response *c = copy;
  assert_string_equal(c->candidates[0]->finish_reason_str, "NEW_REASON");
  assert_int_equal(c->candidates[0]->content->parts[0]->thought_signature.size, 3);
  assert_non_null(c->candidates[0]->content->parts[0]->unknown_json);
  assert_string_equal(genai_response_text(copy), "hi");
  genai_free(before);
  genai_free(after);
  genai_generate_content_response_free(copy);
}

static void an_older_caller_struct_is_cloned_zero_extended(void **state) {
  (void)state;
  genai_part old = {GENAI_INIT(genai_part), .text = "t"};
  old.struct_size = offsetof(genai_part, text) + sizeof(old.text); /* as if compiled before later members */
  void *copy = NULL;
  assert_int_equal(genai__clone_owned(&genai__type_part, &old, &copy), GENAI_OK);
  assert_int_equal(((genai_part *)copy)->struct_size, sizeof(genai_part));
  assert_string_equal(((genai_part *)copy)->text, "t");
  assert_null(((genai_part *)copy)->audio_transcription);
  genai_part_free(copy);
}

static void check_json(json_t *v, const char *expected) {
  char *s = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS);
  assert_string_equal(s, expected);
  free(s);
}

static void set_path_semantics(void **state) {
  (void)state;
  json_t *o = json_object();
  assert_int_equal(genai__json_set_path(o, "a.b", json_integer(1)), GENAI_OK);
  assert_int_equal(genai__json_set_path(o, "a.c", json_integer(2)), GENAI_OK);
  check_json(o, "{\"a\":{\"b\":1,\"c\":2}}");
  /* an array value spreads over a new array, a scalar goes into every element */
  assert_int_equal(genai__json_set_path(o, "r[].content", json_pack("[s,s]", "x", "y")), GENAI_OK);
  assert_int_equal(genai__json_set_path(o, "r[].model", json_string("m")), GENAI_OK);
  check_json(json_object_get(o, "r"), "[{\"content\":\"x\",\"model\":\"m\"},{\"content\":\"y\",\"model\":\"m\"}]");
  assert_int_equal(genai__json_set_path(o, "inst[0].prompt", json_string("p")), GENAI_OK);
  assert_int_equal(genai__json_set_path(o, "inst[0].n", json_integer(3)), GENAI_OK);
  check_json(json_object_get(o, "inst"), "[{\"n\":3,\"prompt\":\"p\"}]");
  /* an object at an existing key is merged */
  assert_int_equal(genai__json_set_path(o, "a", json_pack("{s:i}", "d", 4)), GENAI_OK);
  check_json(json_object_get(o, "a"), "{\"b\":1,\"c\":2,\"d\":4}");
  /* a scalar cannot be spread over a missing array */
  assert_int_not_equal(genai__json_set_path(o, "missing[].x", json_integer(1)), GENAI_OK);
  json_decref(o);
}

static void get_path_semantics(void **state) {
  (void)state;
  json_t *o = json_loads("{\"predictions\":[{\"embeddings\":{\"v\":1}},{\"embeddings\":{\"v\":2}},{}],"
                         "\"a\":{\"b\":[{\"c\":5}]}}",
                         0, NULL);
  json_t *v = genai__json_get_path(o, "predictions[].embeddings");
  check_json(v, "[{\"v\":1},{\"v\":2},null]");
  json_decref(v);
  v = genai__json_get_path(o, "a.b[0].c");
  assert_int_equal(json_integer_value(v), 5);
  json_decref(v);
  assert_null(genai__json_get_path(o, "a.x.y"));
  v = genai__json_get_path(o, "_self");
  assert_ptr_equal(v, o);
  json_decref(v);
  assert_true(genai__path_is_key("models"));
  assert_false(genai__path_is_key("a.b"));
  assert_false(genai__path_is_key("^a"));
  assert_false(genai__path_is_key("_self"));
  json_decref(o);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(a_clone_is_deep_and_complete),
      cmocka_unit_test(an_older_caller_struct_is_cloned_zero_extended),
      cmocka_unit_test(set_path_semantics),
      cmocka_unit_test(get_path_semantics),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  genai_error_clear();
  return failed;
}
