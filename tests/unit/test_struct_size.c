/* The struct_size convention (include/genai/common.h, core/structsize.h):
 * 0 is rejected naming the struct, an older (smaller) struct is
 * zero-extended, a newer (larger) one is accepted only when the part this
 * library does not know is all zero. */
#include "unit_helpers.h"

#include <genai/client.h>

#include "core/structsize.h"
#include "wire/types_gen.h"

static void struct_copy_rejects_size_zero_naming_the_struct(void **state) {
  (void)state;
  genai_part in = {0}, out;
  assert_error(genai__struct_copy(&in, sizeof(out), "config.part", "genai_part", &out), GENAI_EINVAL, NULL);
  assert_error_message("config.part: struct_size is 0; initialise the genai_part with GENAI_INIT(genai_part)");
}

static void struct_copy_rejects_a_size_smaller_than_the_size_member(void **state) {
  (void)state;
  genai_part in = {.struct_size = 3}, out;
  assert_error(genai__struct_copy(&in, sizeof(out), "part", "genai_part", &out), GENAI_EINVAL, "too small");
}

static void struct_copy_zero_extends_an_older_smaller_struct(void **state) {
  (void)state;
  genai_part in = {GENAI_INIT(genai_part), .text = "t", .thought = &(bool){true}};
  in.struct_size = offsetof(genai_part, thought); /* an "older" part ending before thought */
  genai_part out;
  memset(&out, 0xab, sizeof(out));
  assert_int_equal(genai__struct_copy(&in, sizeof(out), "part", "genai_part", &out), GENAI_OK);
  assert_ptr_equal(out.text, in.text);
  assert_null(out.thought);
  assert_null(out.audio_transcription);
  assert_int_equal(out.thought_signature.size, 0);
}

typedef struct newer_part {
  genai_part part;
  uint64_t future_member;
} newer_part;

static void struct_copy_accepts_a_newer_struct_whose_unknown_tail_is_zero(void **state) {
  (void)state;
  newer_part in = {.part = {.text = "t"}, .future_member = 0};
  in.part.struct_size = sizeof(in);
  genai_part out;
  assert_int_equal(genai__struct_copy(&in, sizeof(out), "part", "genai_part", &out), GENAI_OK);
  assert_ptr_equal(out.text, in.part.text);
}

static void struct_copy_rejects_a_newer_struct_with_a_non_zero_tail(void **state) {
  (void)state;
  newer_part in = {.part = {.text = "t"}, .future_member = 1};
  in.part.struct_size = sizeof(in);
  genai_part out;
  assert_error(genai__struct_copy(&in, sizeof(out), "part", "genai_part", &out), GENAI_EINVAL,
               "the rest is not zero");
}

static void encoding_a_zero_sized_value_names_its_type(void **state) {
  (void)state;
  genai_part p = {.text = "no size"};
  char *text = (char *)1;
  assert_error(genai_part_to_json(&p, &text), GENAI_EINVAL, NULL);
  assert_error_message("genai_part: struct_size is 0; initialise the genai_part with GENAI_INIT(genai_part)");
  assert_null(text);
}

static void encoding_a_zero_sized_nested_value_names_its_path(void **state) {
  (void)state;
  genai_part bad = {.text = "no size"};
  const genai_part *parts[] = {&bad};
  genai_content c = {GENAI_INIT(genai_content), .parts = parts, .parts_count = 1};
  json_t *wire = NULL;
  assert_error(ut_encode(GENAI__BACKEND_MLDEV, &genai__type_content, &c, &wire), GENAI_EINVAL, NULL);
  assert_error_message("parts[0]: struct_size is 0; initialise the genai_part with GENAI_INIT(genai_part)");
}

static void encoding_ignores_members_beyond_an_older_struct_size(void **state) {
  (void)state;
  genai_part p = {GENAI_INIT(genai_part), .text = "t", .thought = &(bool){true}};
  p.struct_size = offsetof(genai_part, thought);
  json_t *wire = NULL;
  assert_int_equal(ut_encode(GENAI__BACKEND_MLDEV, &genai__type_part, &p, &wire), GENAI_OK);
  assert_json_take(wire, "{\"text\":\"t\"}");
}

static void encoding_accepts_a_newer_struct_only_with_a_zero_tail(void **state) {
  (void)state;
  newer_part p = {.part = {.text = "t"}, .future_member = 0};
  p.part.struct_size = sizeof(p);
  json_t *wire = NULL;
  assert_int_equal(ut_encode(GENAI__BACKEND_VERTEX, &genai__type_part, &p.part, &wire), GENAI_OK);
  assert_json_take(wire, "{\"text\":\"t\"}");
  p.future_member = 42;
  assert_error(ut_encode(GENAI__BACKEND_VERTEX, &genai__type_part, &p.part, &wire), GENAI_EINVAL,
               "the rest is not zero");
  assert_null(wire);
}

static void a_request_config_of_size_zero_is_rejected_as_config(void **state) {
  (void)state;
  genai_generate_content_config cfg = {.temperature = &(double){1}};
  json_t *body = NULL;
  assert_error(ut_request(GENAI__BACKEND_MLDEV, GENAI_TEXT("hi"), &cfg, &body), GENAI_EINVAL,
               "config: struct_size is 0; initialise the genai_generate_content_config with "
               "GENAI_INIT(genai_generate_content_config)");
  assert_null(body);
}

static void contents_of_size_zero_are_rejected(void **state) {
  (void)state;
  genai_contents c = {.kind = GENAI_CONTENTS_KIND_TEXT, .text = "hi"};
  json_t *body = NULL;
  assert_error(ut_request(GENAI__BACKEND_MLDEV, &c, NULL, &body), GENAI_EINVAL,
               "struct_size is 0; initialise the genai_contents with GENAI_INIT(genai_contents)");
}

static void client_options_of_size_zero_are_rejected(void **state) {
  (void)state;
  genai_client_options o = {.api_key = "k", .no_env = true};
  genai_client *c = (genai_client *)1;
  assert_error(genai_client_new(&o, &c), GENAI_EINVAL,
               "options: struct_size is 0; initialise the genai_client_options with "
               "GENAI_INIT(genai_client_options)");
  assert_null(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(struct_copy_rejects_size_zero_naming_the_struct),
      cmocka_unit_test(struct_copy_rejects_a_size_smaller_than_the_size_member),
      cmocka_unit_test(struct_copy_zero_extends_an_older_smaller_struct),
      cmocka_unit_test(struct_copy_accepts_a_newer_struct_whose_unknown_tail_is_zero),
      cmocka_unit_test(struct_copy_rejects_a_newer_struct_with_a_non_zero_tail),
      cmocka_unit_test(encoding_a_zero_sized_value_names_its_type),
      cmocka_unit_test(encoding_a_zero_sized_nested_value_names_its_path),
      cmocka_unit_test(encoding_ignores_members_beyond_an_older_struct_size),
      cmocka_unit_test(encoding_accepts_a_newer_struct_only_with_a_zero_tail),
      cmocka_unit_test(a_request_config_of_size_zero_is_rejected_as_config),
      cmocka_unit_test(contents_of_size_zero_are_rejected),
      cmocka_unit_test(client_options_of_size_zero_are_rejected),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  genai_error_clear();
  return failed;
}
