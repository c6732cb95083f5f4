/* Structured output in genai-emulator (docs/emulator.md, "Structured
 * output"): JSON answers from OpenAPI and JSON Schema schemas, without a
 * schema, enum answers, streaming, and the validation errors, on both
 * backends. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "emulator_harness.h"
#include "gen_client.h"
#include "http_client.h"
#include "json_path.h"

#define MODEL "gemini-2.0-flash"
#define PROMPT(text) "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" text "\"}]}]"
#define JSON_CONFIG(schema_field, schema)                                                         \
  ",\"generationConfig\":{\"responseMimeType\":\"application/json\",\"" schema_field "\":" schema \
  "}}"

/* The Python SDK's README example (a dict schema: no propertyOrdering). */
#define COUNTRY_INFO                                                                            \
  "{\"required\":[\"name\",\"population\",\"capital\",\"continent\",\"gdp\","                   \
  "\"official_language\",\"total_area_sq_mi\"],\"properties\":{\"name\":{\"type\":\"STRING\"}," \
  "\"population\":{\"type\":\"INTEGER\"},\"capital\":{\"type\":\"STRING\"},\"continent\":{"     \
  "\"type\":\"STRING\"},\"gdp\":{\"type\":\"INTEGER\"},\"official_language\":{\"type\":"        \
  "\"STRING\"},\"total_area_sq_mi\":{\"type\":\"INTEGER\"}},\"type\":\"OBJECT\"}"
#define COUNTRY_TEXT                                                                   \
  "{\"name\": \"name\", \"population\": 10, \"capital\": \"capital\", \"continent\": " \
  "\"continent\", \"gdp\": 3, \"official_language\": \"official language\", "          \
  "\"total_area_sq_mi\": 16}"

#define INSTRUMENTS                                                                            \
  "{\"type\":\"STRING\",\"format\":\"enum\",\"enum\":[\"Percussion\",\"String\",\"Woodwind\"," \
  "\"Brass\",\"Keyboard\"]}"
#define INSTRUMENT_PROMPT PROMPT("What instrument plays multiple notes at once?")

static emu_harness emu;

static json_t *call(gen_backend b, const char *body) { return gen_call(&emu, b, MODEL, body, 200); }

static const char *text_of(const json_t *r) {
  const char *t = jp_str(r, "candidates.0.content.parts.0.text");
  return t ? t : "(no text)";
}

/* The answer's text for `body` on both backends, checked to be `want`. */
static void expect_text_both(const char *body, const char *want) {
  for (size_t i = 0; i < 2; i++) {
    json_t *r = call(gen_backends[i], body);
    assert_string_equal(text_of(r), want);
    assert_string_equal(jp_str(r, "candidates.0.finishReason"), "STOP");
    json_decref(r);
  }
}

static void test_country_info(void **state) {
  (void)state;
  for (size_t i = 0; i < 2; i++) {
    json_t *r = call(gen_backends[i], PROMPT("Give me information for the United States.")
                                          JSON_CONFIG("responseSchema", COUNTRY_INFO));
    assert_string_equal(text_of(r), COUNTRY_TEXT);
    assert_string_equal(jp_str(r, "candidates.0.finishReason"), "STOP");
    assert_string_equal(jp_str(r, "candidates.0.content.role"), "model");
    /* The token rule over the JSON text. */
    assert_int_equal(jp_int(r, "usageMetadata.candidatesTokenCount"), 60);
    assert_int_equal(jp_int(r, "usageMetadata.promptTokenCount"), 8);
    json_decref(r);
  }
}

/* propertyOrdering first, then the properties it leaves out, in schema
 * order; nested objects, arrays and enums. */
static void test_property_ordering_nested(void **state) {
  (void)state;
  expect_text_both(
      PROMPT("x") JSON_CONFIG(
          "responseSchema",
          "{\"type\":\"OBJECT\",\"properties\":{\"a\":{\"type\":\"STRING\"},\"b\":{\"type\":"
          "\"OBJECT\",\"properties\":{\"z\":{\"type\":\"NUMBER\"},\"y\":{\"type\":\"ARRAY\","
          "\"items\":{\"type\":\"STRING\",\"enum\":[\"q\",\"r\"]}},\"w\":{\"type\":\"BOOLEAN\"}},"
          "\"propertyOrdering\":[\"y\",\"z\"]},\"c\":{\"type\":\"ARRAY\",\"minItems\":\"2\","
          "\"items\":{\"type\":\"OBJECT\",\"properties\":{\"first_name\":{\"type\":\"STRING\"}}}}},"
          "\"propertyOrdering\":[\"b\",\"nope\",\"a\"]}"),
      "{\"b\": {\"y\": [\"q\"], \"z\": 1.5, \"w\": true}, \"a\": \"a\", \"c\": [{\"first_name\": "
      "\"first name\"}, {\"first_name\": \"first name\"}]}");
}

/* The value of each type, and the bounds that change it. */
static void test_value_rules(void **state) {
  (void)state;
  static const struct {
    const char *schema, *text;
  } cases[] = {
      {"{\"type\":\"STRING\"}", "\"text\""},
      {"{\"type\":\"INTEGER\"}", "1"},
      {"{\"type\":\"NUMBER\"}", "1.5"},
      {"{\"type\":\"BOOLEAN\",\"nullable\":true}", "true"},
      {"{\"type\":\"ARRAY\",\"items\":{\"type\":\"INTEGER\"},\"minItems\":3}", "[1, 1, 1]"},
      {"{\"type\":\"ARRAY\",\"items\":{\"type\":\"INTEGER\"},\"minItems\":3,\"maxItems\":\"0\"}",
       "[]"},
      {"{\"type\":\"ARRAY\",\"items\":{\"type\":\"ARRAY\",\"items\":{\"type\":\"NUMBER\"}}}",
       "[[1.5]]"},
      {"{\"type\":\"OBJECT\",\"properties\":{\"population\":{\"type\":\"INTEGER\",\"maximum\":5},"
       "\"gdp\":{\"type\":\"INTEGER\",\"minimum\":20.5},\"share\":{\"type\":\"NUMBER\","
       "\"minimum\":0.25,\"maximum\":0.75},\"area\":{\"type\":\"NUMBER\",\"minimum\":\"100\"},"
       "\"ratio\":{\"type\":\"NUMBER\",\"maximum\":1e-05}}}",
       "{\"population\": 5, \"gdp\": 21, \"share\": 0.75, \"area\": 100.0, \"ratio\": 1e-05}"},
      {"{\"type\":\"OBJECT\",\"properties\":{\"when\":{\"type\":\"STRING\",\"format\":"
       "\"date-time\"},\"either\":{\"anyOf\":[{\"type\":\"INTEGER\"},{\"type\":\"STRING\"}]},"
       "\"maybe\":{\"type\":\"STRING\",\"nullable\":true},\"empty\":{\"type\":\"OBJECT\"}}}",
       "{\"when\": \"when\", \"either\": 6, \"maybe\": \"maybe\", \"empty\": {}}"},
      {"{\"type\":\"OBJECT\",\"properties\":{\"gr\\u00f6\\u00dfe\":{\"type\":\"INTEGER\"},"
       "\"say\":{\"type\":\"STRING\",\"enum\":[\"a \\\"b\\\"\\n\"]}}}",
       "{\"gr\xc3\xb6\xc3\x9f"
       "e\": 5, \"say\": \"a \\\"b\\\"\\n\"}"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char body[2048];
    snprintf(body, sizeof body,
             "%s,\"generationConfig\":{\"responseMimeType\":\"application/json\","
             "\"responseSchema\":%s}}",
             PROMPT("x"), cases[i].schema);
    json_t *r = call(gen_backends[i % 2], body);
    if (strcmp(text_of(r), cases[i].text) != 0)
      print_error("case %zu: %s\n     got %s\n", i, cases[i].text, text_of(r));
    assert_string_equal(text_of(r), cases[i].text);
    json_decref(r);
  }
}

/* responseJsonSchema: lower-case types, type lists, $ref, anyOf, oneOf,
 * const, numeric enums. */
static void test_json_schema_input(void **state) {
  (void)state;
  expect_text_both(
      PROMPT("x") JSON_CONFIG(
          "responseJsonSchema",
          "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
          "\"properties\":{\"people\":{\"type\":\"array\",\"minItems\":2,\"items\":{\"$ref\":"
          "\"#/$defs/Person\"}},\"score\":{\"type\":\"number\",\"minimum\":0,\"maximum\":1},"
          "\"ok\":{\"type\":[\"null\",\"boolean\"]},\"kind\":{\"anyOf\":[{\"type\":\"integer\","
          "\"minimum\":5},{\"type\":\"string\"}]},\"shape\":{\"oneOf\":[{\"const\":\"circle\"},"
          "{\"const\":\"square\"}]},\"level\":{\"enum\":[3,2,1]},\"tags\":{\"type\":\"array\"}},"
          "\"required\":[\"people\"],\"additionalProperties\":false,\"$defs\":{\"Person\":{"
          "\"type\":\"object\",\"properties\":{\"first_name\":{\"type\":\"string\"},\"age\":{"
          "\"type\":\"integer\",\"maximum\":3}}}}}"),
      "{\"people\": [{\"first_name\": \"first name\", \"age\": 3}, {\"first_name\": \"first "
      "name\", \"age\": 3}], \"score\": 1.0, \"ok\": true, \"kind\": 5, \"shape\": \"circle\", "
      "\"level\": 3, \"tags\": [\"text\"]}");
  /* A schema that refers to itself still gives a finite answer. */
  json_t *r = call(
      GEN_MLDEV, PROMPT("x") JSON_CONFIG("responseJsonSchema",
                                         "{\"$ref\":\"#/$defs/Node\",\"$defs\":{\"Node\":{\"type\":"
                                         "\"object\",\"properties\":{\"child\":{\"$ref\":\"#/$defs/"
                                         "Node\"}}}}}"));
  json_t *doc = json_loads(text_of(r), 0, NULL);
  assert_non_null(doc);
  assert_true(json_is_object(jp(doc, "child.child.child")));
  json_decref(doc);
  json_decref(r);
}

static size_t count_values(const json_t *v) {
  size_t n = 1;
  const char *key;
  json_t *member;
  if (json_is_array(v))
    for (size_t i = 0; i < json_array_size(v); i++) n += count_values(json_array_get(v, i));
  json_object_foreach((json_t *)v, key, member) n += count_values(member);
  return n;
}

/* Arrays stop at 1000 items and an answer at 10000 values, whatever the
 * schema asks; bounds beyond int64 are met as far as they can be. */
static void test_answers_stay_finite(void **state) {
  (void)state;
  json_t *r = call(GEN_MLDEV, PROMPT("x") JSON_CONFIG(
                                  "responseSchema",
                                  "{\"type\":\"ARRAY\",\"minItems\":5000,\"items\":{\"type\":"
                                  "\"ARRAY\",\"minItems\":5000,\"items\":{\"type\":\"ARRAY\","
                                  "\"minItems\":5000,\"items\":{\"type\":\"INTEGER\"}}}}"));
  json_t *doc = json_loads(text_of(r), 0, NULL);
  assert_non_null(doc);
  assert_int_equal(json_array_size(jp(doc, "0.0")), 1000);
  assert_true(count_values(doc) <= 10000 + 2);
  json_decref(doc);
  json_decref(r);
  r = call(GEN_VERTEX, PROMPT("x") JSON_CONFIG(
                           "responseJsonSchema",
                           "{\"$ref\":\"#/$defs/Node\",\"$defs\":{\"Node\":{\"type\":\"object\","
                           "\"properties\":{\"left\":{\"$ref\":\"#/$defs/Node\"},\"right\":{"
                           "\"$ref\":\"#/$defs/Node\"}}}}}"));
  doc = json_loads(text_of(r), 0, NULL);
  assert_non_null(doc);
  /* the objects already started still get all their properties */
  assert_true(count_values(doc) <= 10000 + 2 * 32);
  json_decref(doc);
  json_decref(r);
  r = call(GEN_MLDEV,
           PROMPT("x") JSON_CONFIG("responseSchema", "{\"type\":\"INTEGER\",\"minimum\":1e300}"));
  assert_string_equal(text_of(r), "9200000000000000000");
  json_decref(r);
}

/* A list of objects, as the Python SDK sends list[CountryInfo]. */
static void test_list_of_objects(void **state) {
  (void)state;
  expect_text_both(
      PROMPT("Give me information for the United States, Canada, and Mexico.")
          JSON_CONFIG("responseSchema", "{\"type\":\"ARRAY\",\"items\":" COUNTRY_INFO "}"),
      "[" COUNTRY_TEXT "]");
}

/* Without a schema: {"text": the text answer}. */
static void test_json_without_schema(void **state) {
  (void)state;
  expect_text_both(
      "{\"contents\":[{\"parts\":[{\"text\":\"Say \\\"hi\\\"\"}]}],\"systemInstruction\":{"
      "\"parts\":[{\"text\":\"Be terse.\"}]},\"generationConfig\":{\"responseMimeType\":"
      "\"application/json\"}}",
      "{\"text\": \"Echo from " MODEL ": Say \\\"hi\\\" [system: Be terse.]\"}");
}

static void test_enum_answers(void **state) {
  (void)state;
  /* No value in the prompt: the first value. */
  expect_text_both(INSTRUMENT_PROMPT
                   ",\"generationConfig\":{\"responseMimeType\":\"text/x.enum\","
                   "\"responseSchema\":" INSTRUMENTS "}}",
                   "Percussion");
  /* The first value that occurs in the prompt, case-insensitively. */
  expect_text_both(PROMPT("Which one has a KEYBOARD and strings?")
                   ",\"generationConfig\":{\"responseMimeType\":\"text/x.enum\","
                   "\"responseSchema\":" INSTRUMENTS "}}",
                   "String");
  /* application/json with an enum schema: the same value, quoted. */
  expect_text_both(INSTRUMENT_PROMPT JSON_CONFIG("responseSchema", INSTRUMENTS), "\"Percussion\"");
  /* JSON Schema enums too. */
  expect_text_both(PROMPT("I play the brass section")
                   ",\"generationConfig\":{\"responseMimeType\":\"text/x.enum\","
                   "\"responseJsonSchema\":{\"type\":\"string\",\"enum\":[\"Woodwind\",\"Brass\"]}}}",
                   "Brass");
  expect_text_both(PROMPT("I play the brass section")
                       JSON_CONFIG("responseJsonSchema", "{\"enum\":[\"Woodwind\",\"Brass\"]}"),
                   "\"Brass\"");
}

/* maxOutputTokens and stop sequences do not cut JSON or enum answers;
 * every candidate gets the same text. */
static void test_limits_do_not_apply(void **state) {
  (void)state;
  for (size_t i = 0; i < 2; i++) {
    json_t *r = call(gen_backends[i],
                     PROMPT("Give me information for the United States.")
                     ",\"generationConfig\":{\"responseMimeType\":\"application/json\","
                     "\"responseSchema\":" COUNTRY_INFO ",\"maxOutputTokens\":2,"
                     "\"stopSequences\":[\"name\"],\"candidateCount\":2}}");
    assert_string_equal(text_of(r), COUNTRY_TEXT);
    assert_string_equal(jp_str(r, "candidates.1.content.parts.0.text"), COUNTRY_TEXT);
    assert_string_equal(jp_str(r, "candidates.0.finishReason"), "STOP");
    assert_string_equal(jp_str(r, "candidates.1.finishReason"), "STOP");
    assert_int_equal(jp_int(r, "candidates.1.index"), 1);
    assert_int_equal(jp_int(r, "usageMetadata.candidatesTokenCount"), 120);
    json_decref(r);
  }
  expect_text_both(INSTRUMENT_PROMPT
                   ",\"generationConfig\":{\"responseMimeType\":\"text/x.enum\","
                   "\"responseSchema\":" INSTRUMENTS ",\"stopSequences\":[\"cus\"]}}",
                   "Percussion");
}

/* Streamed, the same text is cut by the chunking rule. */
static void test_stream(void **state) {
  (void)state;
  static const char body[] = PROMPT("Give me information for the United States.")
      JSON_CONFIG("responseSchema", COUNTRY_INFO);
  for (size_t i = 0; i < 2; i++) {
    json_t *unary = call(gen_backends[i], body);
    json_t *events = gen_stream(&emu, gen_backends[i], MODEL, body);
    assert_int_equal(json_array_size(events), 1 + (60 - 1 + 3) / 4);
    char *text = gen_stream_text(events, 0);
    assert_string_equal(text, COUNTRY_TEXT);
    free(text);
    assert_string_equal(jp_str(events, "0.candidates.0.content.parts.0.text"), "{");
    json_t *last = json_array_get(events, json_array_size(events) - 1);
    assert_string_equal(jp_str(last, "candidates.0.finishReason"), "STOP");
    assert_true(json_equal(jp(last, "usageMetadata"), jp(unary, "usageMetadata")));
    json_decref(events);
    json_decref(unary);
  }
  /* One token: the value, then an empty chunk. */
  json_t *events = gen_stream(&emu, GEN_VERTEX, MODEL,
                              INSTRUMENT_PROMPT
                              ",\"generationConfig\":{\"responseMimeType\":"
                              "\"text/x.enum\",\"responseSchema\":" INSTRUMENTS "}}");
  assert_int_equal(json_array_size(events), 2);
  assert_string_equal(jp_str(events, "0.candidates.0.content.parts.0.text"), "Percussion");
  assert_null(jp(events, "1.candidates.0.content.parts"));
  assert_string_equal(jp_str(events, "1.candidates.0.finishReason"), "STOP");
  json_decref(events);
}

/* text/plain and the other text types leave the echo as it is. */
static void test_text_mime_types_are_echo(void **state) {
  (void)state;
  static const char *const types[] = {"text/plain", "application/xml", "application/yaml", ""};
  for (size_t t = 0; t < sizeof types / sizeof types[0]; t++) {
    char body[512];
    snprintf(body, sizeof body, "%s,\"generationConfig\":{\"responseMimeType\":\"%s\"}}",
             PROMPT("Hello world"), types[t]);
    json_t *r = call(gen_backends[t % 2], body);
    json_t *plain = call(gen_backends[t % 2], PROMPT("Hello world") "}");
    assert_true(json_equal(jp(r, "candidates"), jp(plain, "candidates")));
    json_decref(plain);
    json_decref(r);
  }
}

/* --- validation --- */

static void test_unsupported_mime_type(void **state) {
  (void)state;
  for (size_t i = 0; i < 2; i++)
    json_decref(gen_expect_400(
        &emu, gen_backends[i], MODEL,
        PROMPT("x") ",\"generationConfig\":{\"responseMimeType\":\"image/png\"}}",
        "* GenerateContentRequest.generation_config.response_mime_type: allowed mimetypes are "
        "`text/plain`, `application/json`, `application/xml`, `application/yaml` and "
        "`text/x.enum`.\n"));
}

static void test_both_schemas(void **state) {
  (void)state;
  for (size_t i = 0; i < 2; i++)
    json_decref(gen_expect_400(
        &emu, gen_backends[i], MODEL,
        PROMPT("x") ",\"generationConfig\":{\"responseMimeType\":\"application/json\","
                    "\"responseSchema\":{\"type\":\"STRING\"},\"responseJsonSchema\":{\"type\":"
                    "\"string\"}}}",
        "* GenerateContentRequest.generation_config.response_schema: response_schema must not be "
        "set when response_json_schema is set.\n"));
}

static void test_enum_mime_needs_enum_schema(void **state) {
  (void)state;
  static const char *const configs[] = {
      "",
      ",\"responseSchema\":{\"type\":\"OBJECT\",\"properties\":{\"a\":{\"type\":\"STRING\"}}}",
      ",\"responseSchema\":{\"type\":\"ARRAY\",\"items\":" INSTRUMENTS "}",
      ",\"responseSchema\":{\"type\":\"STRING\"}",
  };
  for (size_t c = 0; c < sizeof configs / sizeof configs[0]; c++) {
    char body[512];
    snprintf(body, sizeof body, "%s,\"generationConfig\":{\"responseMimeType\":\"text/x.enum\"%s}}",
             PROMPT("x"), configs[c]);
    json_decref(gen_expect_400(&emu, gen_backends[c % 2], MODEL, body,
                               "* GenerateContentRequest.generation_config.response_schema: "
                               "response_mime_type text/x.enum requires a STRING schema with "
                               "enum values.\n"));
  }
  json_decref(gen_expect_400(
      &emu, GEN_MLDEV, MODEL,
      PROMPT("x") ",\"generationConfig\":{\"responseMimeType\":\"text/x.enum\","
                  "\"responseJsonSchema\":{\"type\":\"integer\",\"enum\":[1,2]}}}",
      "* GenerateContentRequest.generation_config.response_json_schema: response_mime_type "
      "text/x.enum requires a STRING schema with enum values.\n"));
}

/* responseSchema is the OpenAPI Schema message: the transcoder checks its
 * field names, its type enum and its enum values. */
static void test_response_schema_shape(void **state) {
  (void)state;
  json_decref(gen_expect_400(
      &emu, GEN_MLDEV, MODEL,
      PROMPT("x") JSON_CONFIG("responseSchema",
                              "{\"type\":\"OBJECT\",\"properties\":{\"a\":{\"type\":\"string\"}}}"),
      "Invalid value at 'generation_config.response_schema.properties[0].value.type' "
      "(type.googleapis.com/google.ai.generativelanguage.v1beta.Type), \"string\""));
  json_decref(gen_expect_400(
      &emu, GEN_VERTEX, MODEL, PROMPT("x") JSON_CONFIG("responseSchema", "{\"type\":\"object\"}"),
      "Invalid value at 'generation_config.response_schema.type' "
      "(type.googleapis.com/google.cloud.aiplatform.v1beta1.Type), \"object\""));
  json_decref(gen_expect_400(
      &emu, GEN_MLDEV, MODEL,
      PROMPT("x") JSON_CONFIG("responseSchema", "{\"type\":\"OBJECT\",\"$schema\":\"x\"}"),
      "Invalid JSON payload received. Unknown name \"$schema\" at "
      "'generation_config.response_schema': Cannot find field."));
  /* additionalProperties: Vertex AI's Schema has it, the Gemini API's not. */
  static const char extra[] =
      PROMPT("x") JSON_CONFIG("responseSchema",
                              "{\"type\":\"OBJECT\",\"properties\":{\"a\":{\"type\":\"STRING\"}},"
                              "\"additionalProperties\":false}");
  json_decref(gen_expect_400(&emu, GEN_MLDEV, MODEL, extra,
                             "Invalid JSON payload received. Unknown name "
                             "\"additionalProperties\" at 'generation_config.response_schema': "
                             "Cannot find field."));
  json_t *r = call(GEN_VERTEX, extra);
  assert_string_equal(text_of(r), "{\"a\": \"a\"}");
  json_decref(r);
  json_decref(gen_expect_400(
      &emu, GEN_VERTEX, MODEL,
      PROMPT("x") JSON_CONFIG("responseSchema", "{\"type\":\"STRING\",\"enum\":[\"a\",2]}"),
      "Invalid value at 'generation_config.response_schema.enum[1]' (TYPE_STRING), 2"));
  json_decref(gen_expect_400(
      &emu, GEN_MLDEV, MODEL, PROMPT("x") JSON_CONFIG("responseSchema", "\"STRING\""),
      "Invalid value at 'generation_config.response_schema' "
      "(type.googleapis.com/google.ai.generativelanguage.v1beta.Schema), \"STRING\""));
  /* responseJsonSchema is free-form JSON: nothing in it is checked. */
  r = call(GEN_MLDEV,
           PROMPT("x") JSON_CONFIG("responseJsonSchema", "{\"type\":\"string\",\"whatever\":[1]}"));
  assert_string_equal(text_of(r), "\"text\"");
  json_decref(r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_country_info),
      cmocka_unit_test(test_property_ordering_nested),
      cmocka_unit_test(test_value_rules),
      cmocka_unit_test(test_json_schema_input),
      cmocka_unit_test(test_answers_stay_finite),
      cmocka_unit_test(test_list_of_objects),
      cmocka_unit_test(test_json_without_schema),
      cmocka_unit_test(test_enum_answers),
      cmocka_unit_test(test_limits_do_not_apply),
      cmocka_unit_test(test_stream),
      cmocka_unit_test(test_text_mime_types_are_echo),
      cmocka_unit_test(test_unsupported_mime_type),
      cmocka_unit_test(test_both_schemas),
      cmocka_unit_test(test_enum_mime_needs_enum_schema),
      cmocka_unit_test(test_response_schema_shape),
  };
  if (emu_start(&emu, (const char *const[]){"--quiet", NULL}) != 0) return 1;
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  /* Checked here rather than in a group teardown, whose failure cmocka
   * does not reflect in the exit status. */
  int stopped = emu_stop(&emu);
  return failed || stopped != 0;
}
