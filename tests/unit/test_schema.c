/* response_schema processing (t_schema / process_schema, reference
 * python-genai.md §4.3): types upper-cased, propertyOrdering added to
 * objects with two or more properties, additionalProperties refused on the
 * Gemini Developer API only, response_json_schema passed through verbatim. */
#include "unit_helpers.h"

#include "wire/schema.h"
#include "wire/types_gen.h"

#define CFG(...) (&(const genai_generate_content_config){GENAI_INIT(genai_generate_content_config), __VA_ARGS__})
#define SCHEMA(...) (&(const genai_schema){GENAI_INIT(genai_schema), __VA_ARGS__})

static json_t *ut_schema_on_wire(genai__backend backend, const genai_schema *schema, const char *file, int line) {
  json_t *body = NULL;
  genai_result rc = ut_request(backend, GENAI_TEXT("q"), CFG(.response_schema = schema), &body);
  if (rc != GENAI_OK) {
    print_error("%s:%d: request failed: %s\n", file, line, genai_error_last()->message);
    _fail(file, line);
  }
  json_t *s = json_incref(ut_get(body, "generationConfig.responseSchema"));
  json_decref(body);
  return s;
}
#define schema_on_wire(b, s) ut_schema_on_wire((b), (s), __FILE__, __LINE__)

static void object_with_two_properties_gets_property_ordering_in_declared_order(void **state) {
  (void)state;
  const genai_schema_entry props[] = {{"zeta", SCHEMA(.type = GENAI_TYPE_STRING)},
                                      {"alpha", SCHEMA(.type = GENAI_TYPE_INTEGER)}};
  const genai_schema *s = SCHEMA(.type = GENAI_TYPE_OBJECT, .properties = props, .properties_count = 2);
  genai__backend backends[] = {GENAI__BACKEND_MLDEV, GENAI__BACKEND_VERTEX};
  for (size_t i = 0; i < 2; i++) {
    json_t *wire = schema_on_wire(backends[i], s);
    assert_json_take(wire, "{\"type\":\"OBJECT\",\"properties\":{\"zeta\":{\"type\":\"STRING\"},"
                         "\"alpha\":{\"type\":\"INTEGER\"}},\"propertyOrdering\":[\"zeta\",\"alpha\"]}");
  }
}

static void object_with_one_property_gets_no_property_ordering(void **state) {
  (void)state;
  const genai_schema_entry props[] = {{"only", SCHEMA(.type = GENAI_TYPE_STRING)}};
  json_t *wire = schema_on_wire(GENAI__BACKEND_MLDEV,
                                SCHEMA(.type = GENAI_TYPE_OBJECT, .properties = props, .properties_count = 1));
  assert_json_take(wire, "{\"type\":\"OBJECT\",\"properties\":{\"only\":{\"type\":\"STRING\"}}}");
}

static void an_explicit_property_ordering_is_kept(void **state) {
  (void)state;
  const genai_schema_entry props[] = {{"a", SCHEMA(.type = GENAI_TYPE_STRING)}, {"b", SCHEMA(.type = GENAI_TYPE_STRING)}};
  const char *order[] = {"b", "a"};
  json_t *wire = schema_on_wire(GENAI__BACKEND_MLDEV,
                                SCHEMA(.type = GENAI_TYPE_OBJECT, .properties = props, .properties_count = 2,
                                       .property_ordering = order, .property_ordering_count = 2));
  assert_json_take(ut_take_at(wire, "propertyOrdering"), "[\"b\",\"a\"]");
}

static void lower_case_type_strings_are_upper_cased_at_every_level(void **state) {
  (void)state;
  const genai_schema_entry inner_props[] = {{"x", SCHEMA(.type_str = "number")}, {"y", SCHEMA(.type_str = "boolean")}};
  const genai_schema *inner = SCHEMA(.type_str = "object", .properties = inner_props, .properties_count = 2);
  const genai_schema *items = SCHEMA(.type_str = "array", .items = inner);
  const genai_schema *any_of[] = {SCHEMA(.type_str = "string"), SCHEMA(.type_str = "integer")};
  const genai_schema_entry props[] = {{"list", items}, {"choice", SCHEMA(.any_of = any_of, .any_of_count = 2)}};
  json_t *wire = schema_on_wire(GENAI__BACKEND_VERTEX,
                                SCHEMA(.type_str = "object", .properties = props, .properties_count = 2));
  assert_json_take(wire, "{\"type\":\"OBJECT\",\"properties\":{"
                       "\"list\":{\"type\":\"ARRAY\",\"items\":{\"type\":\"OBJECT\",\"properties\":"
                       "{\"x\":{\"type\":\"NUMBER\"},\"y\":{\"type\":\"BOOLEAN\"}},\"propertyOrdering\":[\"x\",\"y\"]}},"
                       "\"choice\":{\"anyOf\":[{\"type\":\"STRING\"},{\"type\":\"INTEGER\"}]}},"
                       "\"propertyOrdering\":[\"list\",\"choice\"]}");
}

static void additional_properties_are_refused_on_mldev(void **state) {
  (void)state;
  const genai_schema *s = SCHEMA(.type = GENAI_TYPE_OBJECT, .additional_properties_json = "{\"type\":\"string\"}");
  json_t *body = NULL;
  assert_error(ut_request(GENAI__BACKEND_MLDEV, GENAI_TEXT("q"), CFG(.response_schema = s), &body), GENAI_EINVAL,
               "additionalProperties is only supported in Gemini Enterprise Agent Platform mode");
  assert_null(body);
  /* Also when nested. */
  const genai_schema_entry props[] = {{"m", SCHEMA(.type = GENAI_TYPE_OBJECT, .additional_properties_json = "true")}};
  assert_error(ut_request(GENAI__BACKEND_MLDEV, GENAI_TEXT("q"),
                          CFG(.response_schema = SCHEMA(.type = GENAI_TYPE_OBJECT, .properties = props,
                                                        .properties_count = 1)),
                          &body),
               GENAI_EINVAL, "additionalProperties is only supported in Gemini Enterprise Agent Platform mode");
}

/* Python tests truthiness: additionalProperties false counts as not set. */
static void additional_properties_false_is_accepted_on_mldev(void **state) {
  (void)state;
  json_t *wire = schema_on_wire(GENAI__BACKEND_MLDEV,
                                SCHEMA(.type = GENAI_TYPE_OBJECT, .additional_properties_json = "false"));
  assert_json_take(wire, "{\"type\":\"OBJECT\",\"additionalProperties\":false}");
}

static void additional_properties_are_kept_and_processed_on_vertex(void **state) {
  (void)state;
  json_t *wire = schema_on_wire(GENAI__BACKEND_VERTEX,
                                SCHEMA(.type = GENAI_TYPE_OBJECT, .additional_properties_json = "{\"type\":\"string\"}"));
  assert_json_take(wire, "{\"type\":\"OBJECT\",\"additionalProperties\":{\"type\":\"STRING\"}}");
}

static void response_json_schema_is_sent_verbatim(void **state) {
  (void)state;
  const char *js = "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{\"b\":{\"type\":\"string\"},"
                   "\"a\":{\"type\":[\"number\",\"null\"]}},\"required\":[\"a\"]}";
  genai__backend backends[] = {GENAI__BACKEND_MLDEV, GENAI__BACKEND_VERTEX};
  for (size_t i = 0; i < 2; i++) {
    json_t *body = NULL;
    assert_int_equal(ut_request(backends[i], GENAI_TEXT("q"), CFG(.response_json_schema_json = js), &body), GENAI_OK);
    assert_json_eq(ut_get(body, "generationConfig.responseJsonSchema"), js);
    assert_null(ut_get(body, "generationConfig.responseSchema"));
    json_decref(body);
  }
}

static void schema_process_names_the_path_of_a_refused_member(void **state) {
  (void)state;
  json_t *schema = ut_json("{\"type\":\"array\",\"items\":{\"type\":\"object\",\"additionalProperties\":{}}}");
  genai__path path = {{0}, 0};
  genai__path_push(&path, "config.response_schema");
  /* an empty object is falsy in Python: accepted */
  assert_int_equal(genai__schema_process(schema, true, &path), GENAI_OK);
  json_decref(schema);

  schema = ut_json("{\"type\":\"array\",\"items\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}}");
  assert_error(genai__schema_process(schema, true, &path), GENAI_EINVAL, "config.response_schema.items: ");
  json_decref(schema);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(object_with_two_properties_gets_property_ordering_in_declared_order),
      cmocka_unit_test(object_with_one_property_gets_no_property_ordering),
      cmocka_unit_test(an_explicit_property_ordering_is_kept),
      cmocka_unit_test(lower_case_type_strings_are_upper_cased_at_every_level),
      cmocka_unit_test(additional_properties_are_refused_on_mldev),
      cmocka_unit_test(additional_properties_false_is_accepted_on_mldev),
      cmocka_unit_test(additional_properties_are_kept_and_processed_on_vertex),
      cmocka_unit_test(response_json_schema_is_sent_verbatim),
      cmocka_unit_test(schema_process_names_the_path_of_a_refused_member),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  genai_error_clear();
  return failed;
}
