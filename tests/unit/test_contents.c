/* Normalisation of `contents` (t_contents / t_content, reference
 * python-genai.md §4.2 and the Python docs' "How to structure contents
 * argument"), through genai_contents values and through
 * genai_contents_from_json (the Python dict forms). */
#include "unit_helpers.h"

#include <genai/models.h>
#include <genai/helpers.h>

#include "api/contents.h"
#include "wire/types_gen.h"

/* The contents list as the Gemini API would receive it. */
static json_t *ut_wire_contents(const genai_contents *c, const char *file, int line) {
  genai__arena tmp = {0};
  genai__encode_ctx ctx = {.backend = GENAI__BACKEND_MLDEV, .tmp = &tmp};
  json_t *list = NULL;
  genai_result rc = genai__encode_contents_list(&ctx, c, &list);
  genai__arena_release(&tmp);
  if (rc != GENAI_OK) {
    print_error("%s:%d: contents failed to encode: %s\n", file, line, genai_error_last()->message);
    _fail(file, line);
  }
  return list;
}
#define assert_contents(c, expected) assert_json_take(ut_wire_contents((c), __FILE__, __LINE__), (expected))

/* Same, starting from the Python (dict) form. */
static void ut_assert_contents_json(const char *python_form, const char *expected, const char *file, int line) {
  genai_contents *c = NULL;
  genai_result rc = genai_contents_from_json(python_form, &c);
  if (rc != GENAI_OK) {
    print_error("%s:%d: genai_contents_from_json(%s) failed: %s\n", file, line, python_form,
                genai_error_last()->message);
    _fail(file, line);
  }
  json_t *got = ut_wire_contents(c, file, line);
  genai_contents_free(c);
  ut_assert_json_eq(got, expected, 1, file, line);
}
#define assert_contents_json(form, expected) ut_assert_contents_json((form), (expected), __FILE__, __LINE__)

static genai_function_call boston = {GENAI_INIT(genai_function_call), .name = "get_weather_by_location",
                                     .args_json = "{\"location\":\"Boston\"}"};
static genai_function_call new_york = {GENAI_INIT(genai_function_call), .name = "get_weather_by_location",
                                       .args_json = "{\"location\":\"New York\"}"};
static genai_file_data scones = {GENAI_INIT(genai_file_data),
                                 .file_uri = "gs://generativeai-downloads/images/scones.jpg", .mime_type = "image/jpeg"};

#define FC_BOSTON "{\"functionCall\":{\"name\":\"get_weather_by_location\",\"args\":{\"location\":\"Boston\"}}}"
#define FC_NEW_YORK "{\"functionCall\":{\"name\":\"get_weather_by_location\",\"args\":{\"location\":\"New York\"}}}"
#define SCONES "{\"fileData\":{\"fileUri\":\"gs://generativeai-downloads/images/scones.jpg\",\"mimeType\":\"image/jpeg\"}}"

/* ------------------------------------------------- genai_contents values */

static void a_string_becomes_one_user_content(void **state) {
  (void)state;
  assert_contents(GENAI_TEXT("Why is the sky blue?"),
                  "[{\"role\":\"user\",\"parts\":[{\"text\":\"Why is the sky blue?\"}]}]");
}

static void a_list_of_strings_becomes_one_user_content(void **state) {
  (void)state;
  assert_contents(GENAI_LIST(GENAI_TEXT("Why is the sky blue?"), GENAI_TEXT("Why is the cloud white?")),
                  "[{\"role\":\"user\",\"parts\":[{\"text\":\"Why is the sky blue?\"},"
                  "{\"text\":\"Why is the cloud white?\"}]}]");
}

static void a_function_call_part_becomes_a_model_content(void **state) {
  (void)state;
  genai_part fc = {GENAI_INIT(genai_part), .function_call = &boston};
  assert_contents(GENAI_PART(&fc), "[{\"role\":\"model\",\"parts\":[" FC_BOSTON "]}]");
}

static void a_list_of_function_call_parts_becomes_one_model_content(void **state) {
  (void)state;
  genai_part a = {GENAI_INIT(genai_part), .function_call = &boston};
  genai_part b = {GENAI_INIT(genai_part), .function_call = &new_york};
  assert_contents(GENAI_LIST(GENAI_PART(&a), GENAI_PART(&b)),
                  "[{\"role\":\"model\",\"parts\":[" FC_BOSTON "," FC_NEW_YORK "]}]");
}

static void a_non_function_call_part_becomes_a_user_content(void **state) {
  (void)state;
  genai_part p = {GENAI_INIT(genai_part), .file_data = &scones};
  assert_contents(GENAI_PART(&p), "[{\"role\":\"user\",\"parts\":[" SCONES "]}]");
}

static void a_list_of_non_function_call_parts_becomes_one_user_content(void **state) {
  (void)state;
  genai_part text = {GENAI_INIT(genai_part), .text = "What is this image about?"};
  genai_part img = {GENAI_INIT(genai_part), .file_data = &scones};
  assert_contents(GENAI_LIST(GENAI_PART(&text), GENAI_PART(&img)),
                  "[{\"role\":\"user\",\"parts\":[{\"text\":\"What is this image about?\"}," SCONES "]}]");
}

static void a_content_is_kept_as_it_is(void **state) {
  (void)state;
  genai_part p = {GENAI_INIT(genai_part), .text = "Why is the sky blue?"};
  const genai_part *parts[] = {&p};
  genai_content c = {GENAI_INIT(genai_content), .role = "user", .parts = parts, .parts_count = 1};
  assert_contents(GENAI_CONTENT(&c), "[{\"role\":\"user\",\"parts\":[{\"text\":\"Why is the sky blue?\"}]}]");
  /* No role is added to a Content that has none. */
  genai_content bare = {GENAI_INIT(genai_content), .parts = parts, .parts_count = 1};
  assert_contents(GENAI_CONTENT(&bare), "[{\"parts\":[{\"text\":\"Why is the sky blue?\"}]}]");
}

static void a_mixed_list_groups_consecutive_runs_and_keeps_contents(void **state) {
  (void)state;
  genai_part fc1 = {GENAI_INIT(genai_part), .function_call = &boston};
  genai_part fc2 = {GENAI_INIT(genai_part), .function_call = &new_york};
  genai_part img = {GENAI_INIT(genai_part), .file_data = &scones};
  genai_part answer = {GENAI_INIT(genai_part), .text = "sunny"};
  const genai_part *answer_parts[] = {&answer};
  genai_content model = {GENAI_INIT(genai_content), .role = "model", .parts = answer_parts, .parts_count = 1};
  assert_contents(GENAI_LIST(GENAI_TEXT("hi"), GENAI_PART(&img), GENAI_TEXT("describe"), GENAI_PART(&fc1),
                             GENAI_PART(&fc2), GENAI_TEXT("and"), GENAI_CONTENT(&model), GENAI_TEXT("bye")),
                  "[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}," SCONES ",{\"text\":\"describe\"}]},"
                  "{\"role\":\"model\",\"parts\":[" FC_BOSTON "," FC_NEW_YORK "]},"
                  "{\"role\":\"user\",\"parts\":[{\"text\":\"and\"}]},"
                  "{\"role\":\"model\",\"parts\":[{\"text\":\"sunny\"}]},"
                  "{\"role\":\"user\",\"parts\":[{\"text\":\"bye\"}]}]");
}

static void a_function_call_run_can_start_the_list(void **state) {
  (void)state;
  genai_part fc = {GENAI_INIT(genai_part), .function_call = &boston};
  assert_contents(GENAI_LIST(GENAI_PART(&fc), GENAI_TEXT("after")),
                  "[{\"role\":\"model\",\"parts\":[" FC_BOSTON "]},{\"role\":\"user\",\"parts\":[{\"text\":\"after\"}]}]");
}

/* Only function calls are model parts: a function response is a user part. */
static void a_function_response_part_is_a_user_part(void **state) {
  (void)state;
  genai_function_response fr = {GENAI_INIT(genai_function_response), .name = "get_weather_by_location",
                                .response_json = "{\"temp\":21}"};
  genai_part call = {GENAI_INIT(genai_part), .function_call = &boston};
  genai_part resp = {GENAI_INIT(genai_part), .function_response = &fr};
  assert_contents(GENAI_LIST(GENAI_TEXT("weather?"), GENAI_PART(&call), GENAI_PART(&resp)),
                  "[{\"role\":\"user\",\"parts\":[{\"text\":\"weather?\"}]},"
                  "{\"role\":\"model\",\"parts\":[" FC_BOSTON "]},"
                  "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"get_weather_by_location\","
                  "\"response\":{\"temp\":21}}}]}]");
}

static void a_nested_list_becomes_one_user_content(void **state) {
  (void)state;
  genai_part img = {GENAI_INIT(genai_part), .file_data = &scones};
  genai_part fc = {GENAI_INIT(genai_part), .function_call = &boston};
  /* The inner list is one user content even around other items, and even
   * when it holds a function call (UserContent(parts=inner_list)). */
  assert_contents(GENAI_LIST(GENAI_TEXT("a"), GENAI_LIST(GENAI_TEXT("b"), GENAI_PART(&img), GENAI_PART(&fc)),
                             GENAI_TEXT("c")),
                  "[{\"role\":\"user\",\"parts\":[{\"text\":\"a\"}]},"
                  "{\"role\":\"user\",\"parts\":[{\"text\":\"b\"}," SCONES "," FC_BOSTON "]},"
                  "{\"role\":\"user\",\"parts\":[{\"text\":\"c\"}]}]");
}

static void empty_or_missing_contents_are_required(void **state) {
  (void)state;
  genai__arena tmp = {0};
  genai__path path = {{0}, 0};
  const genai_content *const *list = NULL;
  size_t n = 0;
  assert_error(genai__t_contents(&tmp, &path, NULL, &list, &n), GENAI_EINVAL, NULL);
  assert_error_message("contents are required.");
  genai_contents empty = {GENAI_INIT(genai_contents), .kind = GENAI_CONTENTS_KIND_LIST, .items = NULL,
                          .items_count = 0};
  assert_error(genai__t_contents(&tmp, &path, &empty, &list, &n), GENAI_EINVAL, NULL);
  assert_error_message("contents are required.");
  genai__arena_release(&tmp);
}

static void t_contents_returns_contents_that_borrow_the_callers_parts(void **state) {
  (void)state;
  genai_part fc = {GENAI_INIT(genai_part), .function_call = &boston};
  genai__arena tmp = {0};
  genai__path path = {{0}, 0};
  const genai_content *const *list = NULL;
  size_t n = 0;
  assert_int_equal(genai__t_contents(&tmp, &path, GENAI_LIST(GENAI_TEXT("x"), GENAI_PART(&fc)), &list, &n), GENAI_OK);
  assert_int_equal(n, 2);
  assert_string_equal(list[0]->role, "user");
  assert_string_equal(list[0]->parts[0]->text, "x");
  assert_string_equal(list[1]->role, "model");
  assert_ptr_equal(list[1]->parts[0], &fc);
  genai__arena_release(&tmp);
}

static void t_content_turns_one_value_into_one_content(void **state) {
  (void)state;
  genai_part fc = {GENAI_INIT(genai_part), .function_call = &boston};
  genai__arena tmp = {0};
  genai__path path = {{0}, 0};
  const genai_content *c = NULL;
  assert_int_equal(genai__t_content(&tmp, &path, GENAI_PART(&fc), &c), GENAI_OK);
  assert_string_equal(c->role, "model");
  assert_int_equal(c->parts_count, 1);
  assert_int_equal(genai__t_content(&tmp, &path, GENAI_LIST(GENAI_TEXT("a"), GENAI_TEXT("b")), &c), GENAI_OK);
  assert_string_equal(c->role, "user");
  assert_int_equal(c->parts_count, 2);
  assert_error(genai__t_content(&tmp, &path, NULL, &c), GENAI_EINVAL, NULL);
  genai__arena_release(&tmp);
}

static void invalid_items_are_rejected_with_their_index(void **state) {
  (void)state;
  genai__arena tmp = {0};
  genai__path path = {{0}, 0};
  genai__path_push(&path, "contents");
  const genai_content *const *list = NULL;
  size_t n = 0;
  genai_contents no_text = {GENAI_INIT(genai_contents), .kind = GENAI_CONTENTS_KIND_TEXT, .text = NULL};
  assert_error(genai__t_contents(&tmp, &path, GENAI_LIST(GENAI_TEXT("ok"), &no_text), &list, &n), GENAI_EINVAL,
               "contents[1]");
  genai_contents no_kind = {GENAI_INIT(genai_contents), .kind = GENAI_CONTENTS_KIND_NONE};
  assert_error(genai__t_contents(&tmp, &path, GENAI_LIST(&no_kind), &list, &n), GENAI_EINVAL, "contents[0]");
  genai_part p = {GENAI_INIT(genai_part), .text = "x"};
  const genai_part *parts[] = {&p};
  genai_content c = {GENAI_INIT(genai_content), .parts = parts, .parts_count = 1};
  /* A list inside a list holds only parts (Python: UserContent(parts=[Content]) fails). */
  assert_error(genai__t_contents(&tmp, &path, GENAI_LIST(GENAI_LIST(GENAI_CONTENT(&c))), &list, &n), GENAI_EINVAL,
               "contents[0][0]");
  genai__arena_release(&tmp);
}

/* ------------------------------------------------ the Python dict forms */

static void json_string_form(void **state) {
  (void)state;
  assert_contents_json("\"Why is the sky blue?\"",
                       "[{\"role\":\"user\",\"parts\":[{\"text\":\"Why is the sky blue?\"}]}]");
}

static void json_list_of_strings_form(void **state) {
  (void)state;
  assert_contents_json("[\"a\",\"b\"]", "[{\"role\":\"user\",\"parts\":[{\"text\":\"a\"},{\"text\":\"b\"}]}]");
}

static void json_function_call_part_forms(void **state) {
  (void)state;
  assert_contents_json(
      "{\"function_call\":{\"name\":\"get_weather_by_location\",\"args\":{\"location\":\"Boston\"}}}",
      "[{\"role\":\"model\",\"parts\":[" FC_BOSTON "]}]");
  assert_contents_json("[" FC_BOSTON "," FC_NEW_YORK "]", "[{\"role\":\"model\",\"parts\":[" FC_BOSTON "," FC_NEW_YORK "]}]");
}

static void json_non_function_call_part_forms(void **state) {
  (void)state;
  assert_contents_json("{\"file_data\":{\"file_uri\":\"gs://generativeai-downloads/images/scones.jpg\","
                       "\"mime_type\":\"image/jpeg\"}}",
                       "[{\"role\":\"user\",\"parts\":[" SCONES "]}]");
  assert_contents_json("[{\"text\":\"What is this image about?\"}," SCONES "]",
                       "[{\"role\":\"user\",\"parts\":[{\"text\":\"What is this image about?\"}," SCONES "]}]");
}

static void json_content_forms_are_kept(void **state) {
  (void)state;
  assert_contents_json("{\"role\":\"model\",\"parts\":[{\"text\":\"x\"}]}",
                       "[{\"role\":\"model\",\"parts\":[{\"text\":\"x\"}]}]");
  assert_contents_json("[{\"parts\":[{\"text\":\"no role\"}]}]", "[{\"parts\":[{\"text\":\"no role\"}]}]");
}

static void json_mixed_list_form(void **state) {
  (void)state;
  assert_contents_json("[\"hi\",{\"text\":\"there\"}," FC_BOSTON ",{\"functionCall\":{\"name\":\"g\"}},"
                       "{\"role\":\"user\",\"parts\":[{\"text\":\"c\"}]},\"bye\"]",
                       "[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"},{\"text\":\"there\"}]},"
                       "{\"role\":\"model\",\"parts\":[" FC_BOSTON ",{\"functionCall\":{\"name\":\"g\"}}]},"
                       "{\"role\":\"user\",\"parts\":[{\"text\":\"c\"}]},"
                       "{\"role\":\"user\",\"parts\":[{\"text\":\"bye\"}]}]");
}

static void json_nested_list_form(void **state) {
  (void)state;
  assert_contents_json("[[\"a\",{\"text\":\"b\"}],\"c\"]",
                       "[{\"role\":\"user\",\"parts\":[{\"text\":\"a\"},{\"text\":\"b\"}]},"
                       "{\"role\":\"user\",\"parts\":[{\"text\":\"c\"}]}]");
}

static void json_empty_list_is_rejected(void **state) {
  (void)state;
  genai_contents *c = NULL;
  assert_int_equal(genai_contents_from_json("[]", &c), GENAI_OK); /* a valid value ... */
  genai__arena tmp = {0};
  genai__encode_ctx ctx = {.backend = GENAI__BACKEND_MLDEV, .tmp = &tmp};
  json_t *list = NULL;
  assert_error(genai__encode_contents_list(&ctx, c, &list), GENAI_EINVAL, "contents are required.");
  genai__arena_release(&tmp); /* ... that t_contents refuses */
  genai_contents_free(c);
}

static void json_invalid_inputs_are_rejected(void **state) {
  (void)state;
  genai_contents *c = (genai_contents *)1;
  assert_error(genai_contents_from_json("[\"a\",", &c), GENAI_EINVAL, NULL);
  assert_null(c);
  assert_error(genai_contents_from_json("42", &c), GENAI_EINVAL, "contents");
  assert_error(genai_contents_from_json("[\"a\",true]", &c), GENAI_EINVAL, "contents[1]");
  assert_error(genai_contents_from_json("{\"text\":7}", &c), GENAI_EINVAL, "text");
  assert_error(genai_contents_from_json(NULL, &c), GENAI_EINVAL, NULL);
  genai_contents_free(NULL);
}

/* Python's t_content tries Content first, so `{}` is an empty Content (and
 * _is_part explicitly treats an empty dict as Content, not Part). */
static void json_empty_object_is_an_empty_content(void **state) {
  (void)state;
  assert_contents_json("{}", "[{}]");
  assert_contents_json("[{}]", "[{}]");
}

/* Python's t_part: a dict that is not a Part but is a FileData becomes
 * Part(file_data=...). */
static void json_file_data_dict_becomes_a_file_data_part(void **state) {
  (void)state;
  assert_contents_json("{\"file_uri\":\"gs://generativeai-downloads/images/scones.jpg\",\"mime_type\":\"image/jpeg\"}",
                       "[{\"role\":\"user\",\"parts\":[" SCONES "]}]");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(a_string_becomes_one_user_content),
      cmocka_unit_test(a_list_of_strings_becomes_one_user_content),
      cmocka_unit_test(a_function_call_part_becomes_a_model_content),
      cmocka_unit_test(a_list_of_function_call_parts_becomes_one_model_content),
      cmocka_unit_test(a_non_function_call_part_becomes_a_user_content),
      cmocka_unit_test(a_list_of_non_function_call_parts_becomes_one_user_content),
      cmocka_unit_test(a_content_is_kept_as_it_is),
      cmocka_unit_test(a_mixed_list_groups_consecutive_runs_and_keeps_contents),
      cmocka_unit_test(a_function_call_run_can_start_the_list),
      cmocka_unit_test(a_function_response_part_is_a_user_part),
      cmocka_unit_test(a_nested_list_becomes_one_user_content),
      cmocka_unit_test(empty_or_missing_contents_are_required),
      cmocka_unit_test(t_contents_returns_contents_that_borrow_the_callers_parts),
      cmocka_unit_test(t_content_turns_one_value_into_one_content),
      cmocka_unit_test(invalid_items_are_rejected_with_their_index),
      cmocka_unit_test(json_string_form),
      cmocka_unit_test(json_list_of_strings_form),
      cmocka_unit_test(json_function_call_part_forms),
      cmocka_unit_test(json_non_function_call_part_forms),
      cmocka_unit_test(json_content_forms_are_kept),
      cmocka_unit_test(json_mixed_list_form),
      cmocka_unit_test(json_nested_list_form),
      cmocka_unit_test(json_empty_list_is_rejected),
      cmocka_unit_test(json_invalid_inputs_are_rejected),
      cmocka_unit_test(json_empty_object_is_an_empty_content),
      cmocka_unit_test(json_file_data_dict_becomes_a_file_data_part),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  genai_error_clear();
  return failed;
}
