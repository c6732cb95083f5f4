/* Function calling in genai-emulator (docs/emulator.md, "Function
 * calling"): which turn gets calls, the calls and their args, ids, modes,
 * allowed names, function responses, streaming, and the validation errors,
 * on both backends. */
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
#define MODEL3 "gemini-3-pro-preview"

/* The Python SDK's manual function calling example. */
#define WEATHER_DECL                                                                        \
  "{\"name\":\"get_current_weather\",\"description\":\"Get the current weather in a given " \
  "location\",\"parameters\":{\"type\":\"OBJECT\",\"properties\":{\"location\":{\"type\":"  \
  "\"STRING\",\"description\":\"The city and state, e.g. San Francisco, CA\"}},"            \
  "\"required\":[\"location\"]}}"
#define WEATHER_TOOLS "\"tools\":[{\"functionDeclarations\":[" WEATHER_DECL "]}]"
#define USER(text) "{\"role\":\"user\",\"parts\":[{\"text\":\"" text "\"}]}"
#define BOSTON USER("What is the weather like in Boston?")
#define ASK_BOSTON "{\"contents\":[" BOSTON "]," WEATHER_TOOLS
#define CALL_BOSTON                                                                     \
  "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"get_current_weather\"," \
  "\"args\":{\"location\":\"Boston\"}}}]}"
#define RESPONSE_TURN(role, response)                                      \
  "{\"role\":\"" role                                                      \
  "\",\"parts\":[{\"functionResponse\":{\"name\":\"get_current_weather\"," \
  "\"response\":" response "}}]}"
#define MODE(m) "\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"" m "\"}}"

static emu_harness emu;

static json_t *call(gen_backend b, const char *model, const char *body) {
  return gen_call(&emu, b, model, body, 200);
}

/* The answer's parts, checked against the expected JSON. */
static void expect_parts(const json_t *r, const char *parts) {
  gen_assert_json(jp(r, "candidates.0.content.parts"), parts);
}

/* docs/emulator.md's worked example, byte for byte. */
static void test_call_exact_bytes_mldev(void **state) {
  (void)state;
  static const char expected[] =
      "{\n"
      "  \"candidates\": [\n"
      "    {\n"
      "      \"content\": {\n"
      "        \"parts\": [\n"
      "          {\n"
      "            \"functionCall\": {\n"
      "              \"name\": \"get_current_weather\",\n"
      "              \"args\": {\n"
      "                \"location\": \"Boston\"\n"
      "              }\n"
      "            }\n"
      "          }\n"
      "        ],\n"
      "        \"role\": \"model\"\n"
      "      },\n"
      "      \"finishReason\": \"STOP\",\n"
      "      \"index\": 0\n"
      "    }\n"
      "  ],\n"
      "  \"usageMetadata\": {\n"
      "    \"promptTokenCount\": 8,\n"
      "    \"candidatesTokenCount\": 14,\n"
      "    \"totalTokenCount\": 22,\n"
      "    \"promptTokensDetails\": [\n"
      "      {\n"
      "        \"modality\": \"TEXT\",\n"
      "        \"tokenCount\": 8\n"
      "      }\n"
      "    ],\n"
      "    \"candidatesTokensDetails\": [\n"
      "      {\n"
      "        \"modality\": \"TEXT\",\n"
      "        \"tokenCount\": 14\n"
      "      }\n"
      "    ]\n"
      "  },\n"
      "  \"modelVersion\": \"gemini-2.0-flash\",\n"
      "  \"responseId\": \"gOCNe8ZifWnb9aez-laVPg\"\n"
      "}\n";
  const char *headers[] = {API_KEY_HEADER, NULL};
  http_reply r;
  http_call(NULL, &emu, "POST", MLDEV_PATH(MODEL), headers, ASK_BOSTON "}", &r);
  assert_int_equal(r.status, 200);
  assert_string_equal(r.body, expected);
  http_reply_dispose(&r);
}

static void test_call_layout_both_backends(void **state) {
  (void)state;
  for (size_t i = 0; i < 2; i++) {
    gen_backend b = gen_backends[i];
    json_t *r = call(b, MODEL, ASK_BOSTON "}");
    expect_parts(r,
                 "[{\"functionCall\":{\"name\":\"get_current_weather\","
                 "\"args\":{\"location\":\"Boston\"}}}]");
    assert_string_equal(jp_str(r, "candidates.0.content.role"), "model");
    assert_string_equal(jp_str(r, "candidates.0.finishReason"), "STOP");
    assert_int_equal(json_array_size(jp(r, "candidates")), 1);
    /* get _ current _ weather + { " location " : " Boston " } */
    assert_int_equal(jp_int(r, "usageMetadata.candidatesTokenCount"), 14);
    assert_int_equal(jp_int(r, "usageMetadata.promptTokenCount"), 8);
    if (b == GEN_VERTEX) {
      assert_null(jp(r, "candidates.0.index"));
      assert_string_equal(jp_str(r, "usageMetadata.trafficType"), "ON_DEMAND");
      assert_non_null(jp(r, "createTime"));
    } else {
      assert_int_equal(jp_int(r, "candidates.0.index"), 0);
    }
    json_decref(r);
  }
}

/* FNV-1a-64 + splitmix64's finalizer, as docs/emulator.md defines call ids. */
static void expected_id(const char *response_id, int cand, int part, char *out, size_t size) {
  char seed[64];
  int n = snprintf(seed, sizeof seed, "%s/%d/%d", response_id, cand, part);
  uint64_t h = UINT64_C(0xcbf29ce484222325);
  for (int i = 0; i < n; i++) {
    h ^= (unsigned char)seed[i];
    h *= UINT64_C(0x100000001b3);
  }
  h = (h ^ (h >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
  h = (h ^ (h >> 27)) * UINT64_C(0x94d049bb133111eb);
  h = (h ^ (h >> 31)) >> 1;
  snprintf(out, size, "function-call-%llu", (unsigned long long)h);
}

#define PARALLEL \
  "{\"contents\":[" USER("What is the weather like in Boston and Paris?") "]," WEATHER_TOOLS

static void test_ids_on_gemini_api_with_gemini3_only(void **state) {
  (void)state;
  json_t *r = call(GEN_MLDEV, MODEL3, PARALLEL "}");
  const char *rid = jp_str(r, "responseId");
  char want[64];
  for (int p = 0; p < 2; p++) {
    char path[64];
    snprintf(path, sizeof path, "candidates.0.content.parts.%d.functionCall.id", p);
    expected_id(rid, 0, p, want, sizeof want);
    assert_string_equal(jp_str(r, path), want);
  }
  /* The id comes after name and args, as the Live API writes it. */
  const char *keys[3];
  size_t k = 0;
  const char *key;
  json_t *v;
  json_object_foreach(jp(r, "candidates.0.content.parts.0.functionCall"), key, v) {
    if (k < 3) keys[k] = key;
    k++;
  }
  assert_int_equal(k, 3);
  assert_string_equal(keys[0], "name");
  assert_string_equal(keys[2], "id");
  /* Deterministic: the same request gets the same ids. */
  json_t *again = call(GEN_MLDEV, MODEL3, PARALLEL "}");
  assert_true(json_equal(jp(r, "candidates"), jp(again, "candidates")));
  json_decref(again);
  json_decref(r);
  /* No ids with older models, and none on Vertex AI. */
  r = call(GEN_MLDEV, MODEL, PARALLEL "}");
  assert_null(jp(r, "candidates.0.content.parts.0.functionCall.id"));
  json_decref(r);
  r = call(GEN_VERTEX, MODEL3, PARALLEL "}");
  assert_null(jp(r, "candidates.0.content.parts.0.functionCall.id"));
  assert_string_equal(jp_str(r, "candidates.0.content.parts.1.functionCall.args.location"),
                      "Paris");
  json_decref(r);
}

static void test_parallel_calls(void **state) {
  (void)state;
  for (size_t i = 0; i < 2; i++) {
    json_t *r = call(gen_backends[i], MODEL, PARALLEL "}");
    expect_parts(r,
                 "[{\"functionCall\":{\"name\":\"get_current_weather\",\"args\":{\"location\":"
                 "\"Boston\"}}},{\"functionCall\":{\"name\":\"get_current_weather\",\"args\":{"
                 "\"location\":\"Paris\"}}}]");
    json_decref(r);
  }
}

/* Capitalized words but the first, punctuation stripped; "unknown" when
 * there are none. */
static void test_call_values(void **state) {
  (void)state;
  json_t *r = call(GEN_MLDEV, MODEL,
                   "{\"contents\":[" USER(
                       "Weather: \\\"Tokyo\\\", (Oslo); rome, 'Lima'!") "]," WEATHER_TOOLS "}");
  gen_assert_json(jp(r, "candidates.0.content.parts"),
                  "[{\"functionCall\":{\"name\":\"get_current_weather\",\"args\":{\"location\":"
                  "\"Tokyo\"}}},{\"functionCall\":{\"name\":\"get_current_weather\",\"args\":{"
                  "\"location\":\"Oslo\"}}},{\"functionCall\":{\"name\":\"get_current_weather\","
                  "\"args\":{\"location\":\"Lima\"}}}]");
  json_decref(r);
  r = call(GEN_VERTEX, MODEL,
           "{\"contents\":[" USER("Boston weather please") "]," WEATHER_TOOLS "}");
  expect_parts(r,
               "[{\"functionCall\":{\"name\":\"get_current_weather\","
               "\"args\":{\"location\":\"unknown\"}}}]");
  json_decref(r);
}

/* The target is the first STRING entry of `required`; the other required
 * properties get fillers, optional ones are left out. */
static void test_args_rules(void **state) {
  (void)state;
  static const char body[] =
      "{\"contents\":[" USER("Book a flight to Rome and Oslo") "],\"tools\":[{"
      "\"functionDeclarations\":[{\"name\":\"book_flight\",\"parameters\":{\"type\":\"OBJECT\","
      "\"properties\":{\"seat\":{\"type\":\"STRING\",\"enum\":[\"aisle\",\"window\"]},"
      "\"passengers\":{\"type\":\"INTEGER\"},\"price\":{\"type\":\"NUMBER\"},"
      "\"direct\":{\"type\":\"BOOLEAN\"},\"extras\":{\"type\":\"OBJECT\"},"
      "\"stops\":{\"type\":\"ARRAY\",\"items\":{\"type\":\"STRING\"}},"
      "\"note\":{\"type\":\"STRING\"},\"optional\":{\"type\":\"STRING\"},"
      "\"destination\":{\"type\":\"STRING\"}},"
      "\"required\":[\"passengers\",\"destination\",\"seat\",\"price\",\"direct\",\"extras\","
      "\"stops\",\"note\"]}}]}]}";
  for (size_t i = 0; i < 2; i++) {
    json_t *r = call(gen_backends[i], MODEL, body);
    expect_parts(r,
                 "[{\"functionCall\":{\"name\":\"book_flight\",\"args\":{\"seat\":\"aisle\","
                 "\"passengers\":1,\"price\":1,\"direct\":true,\"extras\":{},\"stops\":[],"
                 "\"note\":\"unknown\",\"destination\":\"Rome\"}}},"
                 "{\"functionCall\":{\"name\":\"book_flight\",\"args\":{\"seat\":\"aisle\","
                 "\"passengers\":1,\"price\":1,\"direct\":true,\"extras\":{},\"stops\":[],"
                 "\"note\":\"unknown\",\"destination\":\"Oslo\"}}}]");
    /* args keep the schema's property order */
    const char *first = NULL;
    json_t *v;
    json_object_foreach(jp(r, "candidates.0.content.parts.0.functionCall.args"), first, v) break;
    assert_string_equal(first, "seat");
    json_decref(r);
  }
  /* No required STRING property: the first STRING property is the target. */
  json_t *r = call(GEN_MLDEV, MODEL,
                   "{\"contents\":[" USER("Translate it for Maria") "],\"tools\":[{"
                   "\"functionDeclarations\":[{\"name\":\"translate\",\"parameters\":{\"type\":"
                   "\"OBJECT\",\"properties\":{\"count\":{\"type\":\"INTEGER\"},\"language\":{"
                   "\"type\":\"STRING\"},\"text\":{\"type\":\"STRING\"}}}}]}]}");
  expect_parts(r,
               "[{\"functionCall\":{\"name\":\"translate\",\"args\":{\"language\":\"Maria\"}}}]");
  json_decref(r);
}

static void test_no_string_property_one_call(void **state) {
  (void)state;
  json_t *r = call(GEN_VERTEX, MODEL,
                   "{\"contents\":[" USER("Roll dice for Alice and Bob") "],\"tools\":[{"
                   "\"functionDeclarations\":[{\"name\":\"roll_dice\",\"parameters\":{\"type\":"
                   "\"OBJECT\",\"properties\":{\"sides\":{\"type\":\"INTEGER\"},\"fair\":{"
                   "\"type\":\"BOOLEAN\"}},\"required\":[\"sides\"]}}]}]}");
  expect_parts(r, "[{\"functionCall\":{\"name\":\"roll_dice\",\"args\":{\"sides\":1}}}]");
  json_decref(r);
}

static void test_no_parameters_empty_args(void **state) {
  (void)state;
  for (size_t i = 0; i < 2; i++) {
    json_t *r = call(gen_backends[i], MODEL,
                     "{\"contents\":[" USER("What time is it in Paris?") "],\"tools\":[{"
                     "\"functionDeclarations\":[{\"name\":\"current_time\"}]}]}");
    expect_parts(r, "[{\"functionCall\":{\"name\":\"current_time\",\"args\":{}}}]");
    json_decref(r);
  }
}

/* parametersJsonSchema: lower-case types, type lists, $ref. */
static void test_parameters_json_schema(void **state) {
  (void)state;
  static const char body[] =
      "{\"contents\":[" USER("Greet Jone please") "],\"tools\":[{\"functionDeclarations\":[{"
      "\"name\":\"greet\",\"parametersJsonSchema\":{\"type\":\"object\",\"properties\":{"
      "\"times\":{\"type\":[\"integer\",\"null\"]},\"who\":{\"$ref\":\"#/$defs/Name\"},"
      "\"greeting\":{\"type\":\"string\"}},\"required\":[\"times\",\"who\",\"greeting\"],"
      "\"$defs\":{\"Name\":{\"type\":\"string\"}},\"additionalProperties\":false,"
      "\"$schema\":\"http://json-schema.org/draft-07/schema#\"}}]}]}";
  for (size_t i = 0; i < 2; i++) {
    json_t *r = call(gen_backends[i], MODEL, body);
    expect_parts(r,
                 "[{\"functionCall\":{\"name\":\"greet\",\"args\":{\"times\":1,\"who\":\"Jone\","
                 "\"greeting\":\"unknown\"}}}]");
    json_decref(r);
  }
}

/* "Asked for": a word of the name, of 4 or more letters, in the prompt. */
static void test_asked_for_rule(void **state) {
  (void)state;
  /* "customDivide" is one word, found case-insensitively. */
  json_t *r = call(GEN_MLDEV, MODEL,
                   "{\"contents\":[" USER("Divide 10 by 2 using the CUSTOMDIVIDE function") "],"
                   "\"tools\":[{\"functionDeclarations\":[{\"name\":\"customDivide\","
                   "\"parametersJsonSchema\":{\"type\":\"object\",\"properties\":{\"numerator\":{"
                   "\"type\":\"number\"},\"denominator\":{\"type\":\"number\"}}}}]}]}");
  expect_parts(r, "[{\"functionCall\":{\"name\":\"customDivide\",\"args\":{}}}]");
  json_decref(r);
  /* "get" and "set" are too short: no call, the normal echo. */
  r = call(GEN_MLDEV, MODEL,
           "{\"contents\":[" USER("get set go") "],\"tools\":[{\"functionDeclarations\":[{"
           "\"name\":\"get_set\"}]}]}");
  assert_string_equal(jp_str(r, "candidates.0.content.parts.0.text"),
                      "Echo from " MODEL ": get set go");
  json_decref(r);
}

/* Tools that are not asked for leave the echo reply as it is, byte for byte
 * the reply of a request without tools (apart from the responseId). */
static void test_auto_not_asked_is_echo(void **state) {
  (void)state;
  for (size_t i = 0; i < 2; i++) {
    json_t *with =
        call(gen_backends[i], MODEL, "{\"contents\":[" USER("Hello world") "]," WEATHER_TOOLS "}");
    json_t *without = call(gen_backends[i], MODEL, "{\"contents\":[" USER("Hello world") "]}");
    assert_true(json_equal(jp(with, "candidates"), jp(without, "candidates")));
    assert_true(json_equal(jp(with, "usageMetadata"), jp(without, "usageMetadata")));
    assert_string_equal(jp_str(with, "candidates.0.content.parts.0.text"),
                        "Echo from " MODEL ": Hello world");
    json_decref(with);
    json_decref(without);
  }
}

#define TWO_TOOLS                                                                             \
  "\"tools\":[{\"functionDeclarations\":[{\"name\":\"find_movies\",\"parameters\":{\"type\":" \
  "\"OBJECT\",\"properties\":{\"title\":{\"type\":\"STRING\"}}}}]},{\"googleSearch\":{}},"    \
  "{\"functionDeclarations\":[{\"name\":\"find_theaters\",\"parameters\":{\"type\":"          \
  "\"OBJECT\",\"properties\":{\"city\":{\"type\":\"STRING\"}}}}]}]"

/* All functionDeclarations of all tools entries, in order; the first asked
 * for is called. */
static void test_first_declared_asked_wins(void **state) {
  (void)state;
  json_t *r =
      call(GEN_MLDEV, MODEL,
           "{\"contents\":[" USER("Which theaters show movies in Berlin?") "]," TWO_TOOLS "}");
  assert_string_equal(jp_str(r, "candidates.0.content.parts.0.functionCall.name"), "find_movies");
  assert_string_equal(jp_str(r, "candidates.0.content.parts.0.functionCall.args.title"), "Berlin");
  json_decref(r);
  r = call(GEN_VERTEX, MODEL,
           "{\"contents\":[" USER("Which theaters are in Berlin?") "]," TWO_TOOLS "}");
  assert_string_equal(jp_str(r, "candidates.0.content.parts.0.functionCall.name"), "find_theaters");
  assert_string_equal(jp_str(r, "candidates.0.content.parts.0.functionCall.args.city"), "Berlin");
  json_decref(r);
}

static void test_mode_none_is_echo(void **state) {
  (void)state;
  for (size_t i = 0; i < 2; i++) {
    json_t *r = call(gen_backends[i], MODEL, ASK_BOSTON "," MODE("NONE") "}");
    assert_string_equal(jp_str(r, "candidates.0.content.parts.0.text"),
                        "Echo from " MODEL ": What is the weather like in Boston?");
    json_decref(r);
  }
}

/* ANY: the first asked for, else the first declared (and allowed). */
static void test_mode_any(void **state) {
  (void)state;
  for (size_t i = 0; i < 2; i++) {
    json_t *r = call(gen_backends[i], MODEL,
                     "{\"contents\":[" USER("Hello Anna") "]," TWO_TOOLS "," MODE("ANY") "}");
    expect_parts(r,
                 "[{\"functionCall\":{\"name\":\"find_movies\",\"args\":{\"title\":\"Anna\"}}}]");
    json_decref(r);
    r = call(gen_backends[i], MODEL,
             "{\"contents\":[" USER("Any theaters?") "]," TWO_TOOLS "," MODE("ANY") "}");
    expect_parts(
        r, "[{\"functionCall\":{\"name\":\"find_theaters\",\"args\":{\"city\":\"unknown\"}}}]");
    json_decref(r);
  }
}

/* AUTO when unset, MODE_UNSPECIFIED, VALIDATED, or the enum's number 1. */
static void test_modes_like_auto(void **state) {
  (void)state;
  static const char *const configs[] = {"",
                                        "," MODE("AUTO"),
                                        "," MODE("MODE_UNSPECIFIED"),
                                        "," MODE("VALIDATED"),
                                        ",\"toolConfig\":{\"functionCallingConfig\":{\"mode\":1}}",
                                        ",\"toolConfig\":{}"};
  for (size_t c = 0; c < sizeof configs / sizeof configs[0]; c++) {
    char body[1024];
    snprintf(body, sizeof body, "%s%s}", ASK_BOSTON, configs[c]);
    json_t *r = call(GEN_VERTEX, MODEL, body);
    assert_string_equal(jp_str(r, "candidates.0.content.parts.0.functionCall.name"),
                        "get_current_weather");
    json_decref(r);
    snprintf(body, sizeof body, "{\"contents\":[%s],%s%s}", USER("Hello"), WEATHER_TOOLS,
             configs[c]);
    r = call(GEN_VERTEX, MODEL, body);
    assert_string_equal(jp_str(r, "candidates.0.content.parts.0.text"),
                        "Echo from " MODEL ": Hello");
    json_decref(r);
  }
  /* The enum's number 2 is ANY. */
  json_t *r = call(
      GEN_MLDEV, MODEL,
      "{\"contents\":[" USER("Hello") "]," WEATHER_TOOLS
                                      ",\"toolConfig\":{\"functionCallingConfig\":{\"mode\":2}}}");
  assert_string_equal(jp_str(r, "candidates.0.content.parts.0.functionCall.args.location"),
                      "unknown");
  json_decref(r);
}

static void test_allowed_function_names(void **state) {
  (void)state;
  for (size_t i = 0; i < 2; i++) {
    /* ANY limited to find_theaters, although the prompt asks for movies. */
    json_t *r = call(
        gen_backends[i], MODEL,
        "{\"contents\":[" USER(
            "Show movies in Rome") "]," TWO_TOOLS
                                   ",\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"ANY\","
                                   "\"allowedFunctionNames\":[\"find_theaters\"]}}}");
    expect_parts(r,
                 "[{\"functionCall\":{\"name\":\"find_theaters\",\"args\":{\"city\":\"Rome\"}}}]");
    json_decref(r);
    /* AUTO: a function that is not allowed is never called. */
    r = call(
        gen_backends[i], MODEL,
        "{\"contents\":[" USER("Show movies in Rome") "]," TWO_TOOLS
                                                      ",\"toolConfig\":{\"functionCallingConfig\":{"
                                                      "\"allowedFunctionNames\":"
                                                      "[\"find_theaters\"]}}}");
    assert_string_equal(jp_str(r, "candidates.0.content.parts.0.text"),
                        "Echo from " MODEL ": Show movies in Rome");
    json_decref(r);
  }
}

/* After function responses: "NAME returned RESPONSE" joined with "; ". */
static void test_function_response_text(void **state) {
  (void)state;
  for (size_t i = 0; i < 2; i++) {
    json_t *r = call(
        gen_backends[i], MODEL,
        "{\"contents\":[" BOSTON "," CALL_BOSTON "," RESPONSE_TURN(
            "user",
            "{\"result\": \"sunny\", \"temp\": 21.5, \"tags\": [1, 2.0]}") "]," WEATHER_TOOLS "}");
    assert_string_equal(jp_str(r, "candidates.0.content.parts.0.text"),
                        "get_current_weather returned "
                        "{\"result\":\"sunny\",\"temp\":21.5,\"tags\":[1,2.0]}");
    assert_string_equal(jp_str(r, "candidates.0.finishReason"), "STOP");
    json_decref(r);
  }
  /* Two responses to two calls, in order; also without tools. */
  json_t *r = call(
      GEN_VERTEX, MODEL,
      "{\"contents\":[" USER("Weather in Boston and Paris?") ",{\"role\":\"model\",\"parts\":["
      "{\"functionCall\":{\"name\":\"get_current_weather\",\"args\":{\"location\":\"Boston\"}}},"
      "{\"functionCall\":{\"name\":\"get_current_weather\",\"args\":{\"location\":\"Paris\"}}}]},"
      "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"get_current_weather\","
      "\"response\":{\"result\":\"sunny\"}}},{\"functionResponse\":{\"name\":\"other\","
      "\"response\":{}}}]}]}");
  assert_string_equal(jp_str(r, "candidates.0.content.parts.0.text"),
                      "get_current_weather returned {\"result\":\"sunny\"}; other returned {}");
  /* Function call and response parts carry no text: prompt tokens are the
   * user's question only. */
  assert_int_equal(jp_int(r, "usageMetadata.promptTokenCount"), 6);
  json_decref(r);
  /* Mode NONE answers the same way; the text is a normal reply text
   * (candidates, stop sequences and the token limit apply). */
  r = call(GEN_MLDEV, MODEL,
           "{\"contents\":[" BOSTON "," CALL_BOSTON
           "," RESPONSE_TURN("user", "{\"result\":1}") "]," WEATHER_TOOLS "," MODE(
               "NONE") ",\"generationConfig\":{\"candidateCount\":2,\"maxOutputTokens\":3}}");
  assert_string_equal(jp_str(r, "candidates.0.content.parts.0.text"), "get_current");
  assert_string_equal(jp_str(r, "candidates.0.finishReason"), "MAX_TOKENS");
  json_decref(r);
  r = call(GEN_MLDEV, MODEL,
           "{\"contents\":[" BOSTON "," CALL_BOSTON "," RESPONSE_TURN(
               "user", "{\"result\":1}") "],\"generationConfig\":{\"candidateCount\":2}}");
  assert_string_equal(jp_str(r, "candidates.1.content.parts.0.text"),
                      "get_current_weather returned {\"result\":1} (candidate 2)");
  json_decref(r);
}

/* Mode ANY keeps calling after function responses, from the text of the
 * last turn that has text, so that a client loop ends by its own limit. */
static void test_mode_any_after_response(void **state) {
  (void)state;
  for (size_t i = 0; i < 2; i++) {
    json_t *r = call(gen_backends[i], MODEL,
                     "{\"contents\":[" BOSTON "," CALL_BOSTON "," RESPONSE_TURN(
                         "user", "{\"result\":\"sunny\"}") "]," WEATHER_TOOLS "," MODE("ANY") "}");
    expect_parts(r,
                 "[{\"functionCall\":{\"name\":\"get_current_weather\","
                 "\"args\":{\"location\":\"Boston\"}}}]");
    json_decref(r);
  }
}

/* The response turn may have the role user, function or tool (or none). */
static void test_response_turn_roles(void **state) {
  (void)state;
  static const char *const roles[] = {"user", "function", "tool", ""};
  for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++) {
    char body[2048];
    snprintf(body, sizeof body,
             "{\"contents\":[%s,%s,{\"role\":\"%s\",\"parts\":[{\"functionResponse\":{\"name\":"
             "\"get_current_weather\",\"response\":{\"ok\":true}}}]}],%s}",
             BOSTON, CALL_BOSTON, roles[i], WEATHER_TOOLS);
    json_t *r = call(i % 2 ? GEN_VERTEX : GEN_MLDEV, MODEL, body);
    assert_string_equal(jp_str(r, "candidates.0.content.parts.0.text"),
                        "get_current_weather returned {\"ok\":true}");
    json_decref(r);
  }
  /* ... but "tool" is no role for a text turn. */
  json_decref(gen_expect_400(&emu, GEN_MLDEV, MODEL,
                             "{\"contents\":[{\"role\":\"tool\",\"parts\":[{\"text\":\"x\"}]}]}",
                             "Please use a valid role: user, model."));
}

static void test_stream_calls_in_one_event(void **state) {
  (void)state;
  for (size_t i = 0; i < 2; i++) {
    gen_backend b = gen_backends[i];
    json_t *unary = call(b, MODEL3, PARALLEL "}");
    json_t *events = gen_stream(&emu, b, MODEL3, PARALLEL "}");
    assert_int_equal(json_array_size(events), 1);
    json_t *e = json_array_get(events, 0);
    /* The event is the whole answer: calls, finishReason, full usage. */
    assert_true(json_equal(jp(e, "candidates"), jp(unary, "candidates")));
    assert_true(json_equal(jp(e, "usageMetadata"), jp(unary, "usageMetadata")));
    assert_string_equal(jp_str(e, "responseId"), jp_str(unary, "responseId"));
    assert_string_equal(jp_str(e, "candidates.0.finishReason"), "STOP");
    if (b == GEN_VERTEX) {
      assert_null(jp(e, "candidates.0.index"));
      assert_non_null(jp(e, "createTime"));
    }
    json_decref(events);
    json_decref(unary);
  }
}

/* Without alt=sse the one event is a one-element JSON array. */
static void test_stream_calls_json_array(void **state) {
  (void)state;
  long status;
  json_t *doc = http_post_json(&emu, MLDEV_RPC(MODEL, "streamGenerateContent"), API_KEY_HEADER,
                               ASK_BOSTON "}", &status);
  assert_int_equal(status, 200);
  assert_int_equal(json_array_size(doc), 1);
  assert_string_equal(jp_str(doc, "0.candidates.0.content.parts.0.functionCall.args.location"),
                      "Boston");
  json_decref(doc);
}

static void test_stream_response_text(void **state) {
  (void)state;
  static const char body[] = "{\"contents\":[" BOSTON "," CALL_BOSTON "," RESPONSE_TURN(
      "tool", "{\"result\":\"sunny\"}") "]," WEATHER_TOOLS "}";
  for (size_t i = 0; i < 2; i++) {
    json_t *events = gen_stream(&emu, gen_backends[i], MODEL, body);
    /* 15 tokens: the first, then 4 per event */
    assert_int_equal(json_array_size(events), 5);
    char *text = gen_stream_text(events, 0);
    assert_string_equal(text, "get_current_weather returned {\"result\":\"sunny\"}");
    free(text);
    json_decref(events);
  }
}

/* Function calling together with JSON output: refused before Gemini 3. */
static void test_calls_with_json_output(void **state) {
  (void)state;
  for (size_t i = 0; i < 2; i++) {
    json_decref(gen_expect_400(
        &emu, gen_backends[i], MODEL,
        ASK_BOSTON ",\"generationConfig\":{\"responseMimeType\":\"application/json\"}}",
        "Function calling with a response mime type: 'application/json' is unsupported"));
    json_t *r =
        call(gen_backends[i], MODEL3,
             ASK_BOSTON ",\"generationConfig\":{\"responseMimeType\":\"application/json\"}}");
    assert_string_equal(jp_str(r, "candidates.0.content.parts.0.functionCall.args.location"),
                        "Boston");
    json_decref(r);
    /* The answer after the response is then JSON. */
    r = call(gen_backends[i], MODEL3,
             "{\"contents\":[" BOSTON "," CALL_BOSTON "," RESPONSE_TURN(
                 "user",
                 "{\"t\":1}") "]," WEATHER_TOOLS
                              ",\"generationConfig\":{\"responseMimeType\":\"application/json\"}}");
    assert_string_equal(jp_str(r, "candidates.0.content.parts.0.text"),
                        "{\"text\": \"get_current_weather returned {\\\"t\\\":1}\"}");
    json_decref(r);
  }
}

/* --- validation --- */

static void test_function_response_needs_name(void **state) {
  (void)state;
  for (size_t i = 0; i < 2; i++) {
    json_decref(gen_expect_400(
        &emu, gen_backends[i], MODEL,
        "{\"contents\":[" BOSTON "," CALL_BOSTON
        ",{\"role\":\"user\",\"parts\":[{"
        "\"functionResponse\":{\"response\":{}}}]}]}",
        "* GenerateContentRequest.contents[2].parts[0].function_response.name: Name cannot be "
        "empty.\n"));
    json_decref(gen_expect_400(
        &emu, gen_backends[i], MODEL,
        "{\"contents\":[" BOSTON
        ",{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"\"}}]}]}",
        "* GenerateContentRequest.contents[1].parts[0].function_call.name: Name cannot be "
        "empty.\n"));
  }
}

/* response and args are google.protobuf.Struct: JSON objects only. */
static void test_struct_fields_must_be_objects(void **state) {
  (void)state;
  json_t *doc = gen_expect_400(&emu, GEN_MLDEV, MODEL,
                               "{\"contents\":[" BOSTON "," CALL_BOSTON
                               "," RESPONSE_TURN("user", "\"sunny\"") "]}",
                               "Invalid value at 'contents[2].parts[0].function_response.response' "
                               "(type.googleapis.com/google.protobuf.Struct), \"sunny\"");
  assert_string_equal(jp_str(doc, "error.details.0.@type"),
                      "type.googleapis.com/google.rpc.BadRequest");
  assert_string_equal(jp_str(doc, "error.details.0.fieldViolations.0.field"),
                      "contents[2].parts[0].function_response.response");
  json_decref(doc);
  json_decref(gen_expect_400(&emu, GEN_VERTEX, MODEL,
                             "{\"contents\":[" BOSTON
                             ",{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"f\","
                             "\"args\":[1,2]}}]}]}",
                             "Invalid value at 'contents[1].parts[0].function_call.args' "
                             "(type.googleapis.com/google.protobuf.Struct), [1,2]"));
  json_decref(gen_expect_400(&emu, GEN_MLDEV, MODEL,
                             "{\"contents\":[" BOSTON
                             ",{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"f\","
                             "\"argz\":{}}}]}]}",
                             "Invalid JSON payload received. Unknown name \"argz\" at "
                             "'contents[1].parts[0].function_call': Cannot find field."));
}

static void test_response_count_must_match(void **state) {
  (void)state;
  for (size_t i = 0; i < 2; i++)
    json_decref(gen_expect_400(
        &emu, gen_backends[i], MODEL,
        "{\"contents\":[" USER(
            "Weather in Boston and Paris?") ",{\"role\":\"model\",\"parts\":["
                                            "{\"functionCall\":{\"name\":\"get_current_weather\","
                                            "\"args\":{}}},"
                                            "{\"functionCall\":{\"name\":\"get_current_weather\","
                                            "\"args\":{}}}]}," RESPONSE_TURN("user", "{}") "]}",
        "Please ensure that the number of function response parts is equal to the number of "
        "function call parts of the function call turn."));
  /* A plain user turn after calls is fine (the services accept it). */
  json_t *r =
      call(GEN_VERTEX, MODEL, "{\"contents\":[" BOSTON "," CALL_BOSTON "," USER("never mind") "]}");
  assert_string_equal(jp_str(r, "candidates.0.content.parts.0.text"),
                      "Echo from " MODEL ": never mind");
  json_decref(r);
}

static void test_turn_order(void **state) {
  (void)state;
  for (size_t i = 0; i < 2; i++) {
    gen_backend b = gen_backends[i];
    json_decref(gen_expect_400(&emu, b, MODEL,
                               "{\"contents\":[" BOSTON "," RESPONSE_TURN("user", "{}") "]}",
                               "Please ensure that function response turn comes immediately "
                               "after a function call turn."));
    json_decref(gen_expect_400(&emu, b, MODEL, "{\"contents\":[" CALL_BOSTON "]}",
                               "Please ensure that function call turn comes immediately after a "
                               "user turn or after a function response turn."));
    json_decref(gen_expect_400(
        &emu, b, MODEL,
        "{\"contents\":[" BOSTON
        ",{\"role\":\"model\",\"parts\":[{\"text\":\"Let me see.\"}]}," CALL_BOSTON "]}",
        "Please ensure that function call turn comes immediately after a user turn or after a "
        "function response turn."));
    json_decref(gen_expect_400(
        &emu, b, MODEL,
        "{\"contents\":[" BOSTON
        ",{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":"
        "\"f\"}},{\"functionResponse\":{\"name\":\"f\",\"response\":{}}}]}]}",
        "Please ensure that function call turn contains at least one function_call part which "
        "can not be mixed with function_response parts."));
  }
  /* Several rounds in a row are fine. */
  json_t *r = call(GEN_MLDEV, MODEL,
                   "{\"contents\":[" BOSTON "," CALL_BOSTON "," RESPONSE_TURN(
                       "user", "{}") "," CALL_BOSTON "," RESPONSE_TURN("user", "{\"n\":2}") "]}");
  assert_string_equal(jp_str(r, "candidates.0.content.parts.0.text"),
                      "get_current_weather returned {\"n\":2}");
  json_decref(r);
}

static void test_function_names(void **state) {
  (void)state;
  static const char msg_tail[] =
      ".name: Invalid function name. Must start with a letter or an underscore. Must be "
      "alphameric (a-z, A-Z, 0-9), underscores (_), dots (.), colons (:), or dashes (-), with a "
      "maximum length of 64.\n";
  static const char *const bad[] = {
      "1st",   "has space", "", "x2345678901234567890123456789012345678901234567890123456789012345",
      "-dash", "caf\\u00e9"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    char body[512], msg[512];
    snprintf(body, sizeof body,
             "{\"contents\":[%s],\"tools\":[{\"googleSearch\":{}},{\"functionDeclarations\":["
             "{\"name\":\"ok\"},{\"name\":\"%s\"}]}]}",
             BOSTON, bad[i]);
    snprintf(msg, sizeof msg, "* GenerateContentRequest.tools[1].function_declarations[1]%s",
             msg_tail);
    json_decref(gen_expect_400(&emu, gen_backends[i % 2], MODEL, body, msg));
  }
  /* Letters, digits, '_', '.', ':', '-'; 64 characters. */
  json_t *r = call(GEN_MLDEV, MODEL,
                   "{\"contents\":[" USER("hi") "],\"tools\":[{\"functionDeclarations\":[{\"name\":"
                   "\"_a.b:c-d_9\"},{\"name\":"
                   "\"x234567890123456789012345678901234567890123456789012345678901234\"}]}]}");
  assert_string_equal(jp_str(r, "candidates.0.content.parts.0.text"), "Echo from " MODEL ": hi");
  json_decref(r);
}

static void test_enum_only_for_strings(void **state) {
  (void)state;
  json_decref(gen_expect_400(
      &emu, GEN_MLDEV, MODEL,
      "{\"contents\":[" USER("hi") "],\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\","
                                   "\"parameters\":{\"type\":\"OBJECT\",\"properties\":{\"mode\":{"
                                   "\"type\":\"INTEGER\","
                                   "\"enum\":[\"1\",\"2\"]}}}}]}]}",
      "* GenerateContentRequest.tools[0].function_declarations[0].parameters.properties[mode]."
      "enum: only allowed for STRING type\n"));
  json_decref(gen_expect_400(
      &emu, GEN_VERTEX, MODEL,
      "{\"contents\":[" USER(
          "hi") "],\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\","
                "\"parameters\":{\"type\":\"OBJECT\",\"properties\":{\"mode\":{\"type\":\"STRING\","
                "\"enum\":[1]}}}}]}]}",
      "Invalid value at 'tools[0].function_declarations[0].parameters.properties[0].value.enum[0]' "
      "(TYPE_STRING), 1"));
}

/* The transcoder's checks of declarations, parameters and toolConfig. */
static void test_tool_shapes(void **state) {
  (void)state;
  json_decref(gen_expect_400(
      &emu, GEN_MLDEV, MODEL,
      "{\"contents\":[" USER("hi") "]," WEATHER_TOOLS "," MODE("SOMETIMES") "}",
      "Invalid value at 'tool_config.function_calling_config.mode' "
      "(type.googleapis.com/google.ai.generativelanguage.v1beta.FunctionCallingConfig.Mode), "
      "\"SOMETIMES\""));
  json_decref(gen_expect_400(
      &emu, GEN_VERTEX, MODEL, "{\"contents\":[" USER("hi") "]," WEATHER_TOOLS "," MODE("auto") "}",
      "Invalid value at 'tool_config.function_calling_config.mode' "
      "(type.googleapis.com/google.cloud.aiplatform.v1beta1.FunctionCallingConfig.Mode), "
      "\"auto\""));
  json_decref(gen_expect_400(
      &emu, GEN_MLDEV, MODEL,
      "{\"contents\":[" USER("hi") "],\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\","
                                   "\"parameters\":{\"type\":\"object\"}}]}]}",
      "Invalid value at 'tools[0].function_declarations[0].parameters.type' "
      "(type.googleapis.com/google.ai.generativelanguage.v1beta.Type), \"object\""));
  json_decref(gen_expect_400(
      &emu, GEN_MLDEV, MODEL,
      "{\"contents\":[" USER("hi") "],\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\","
                                   "\"parameters\":{\"type\":\"OBJECT\",\"$schema\":\"x\"}}]}]}",
      "Invalid JSON payload received. Unknown name \"$schema\" at "
      "'tools[0].function_declarations[0].parameters': Cannot find field."));
  json_decref(gen_expect_400(
      &emu, GEN_VERTEX, MODEL,
      "{\"contents\":[" USER("hi") "],\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\","
                                   "\"params\":{}}]}]}",
      "Invalid JSON payload received. Unknown name \"params\" at "
      "'tools[0].function_declarations[0]': Cannot find field."));
  json_decref(gen_expect_400(
      &emu, GEN_MLDEV, MODEL,
      "{\"contents\":[" USER(
          "hi") "]," WEATHER_TOOLS
                ",\"toolConfig\":{\"functionCallingConfig\":{\"allowedFunctionNames\":[7]}}}",
      "Invalid value at 'tool_config.function_calling_config.allowed_function_names[0]' "
      "(TYPE_STRING), 7"));
}

/* Errors on the streaming endpoint come as usual there. */
static void test_stream_validation_error(void **state) {
  (void)state;
  const char *headers[] = {API_KEY_HEADER, NULL};
  http_reply r;
  http_call(NULL, &emu, "POST", MLDEV_RPC(MODEL, "streamGenerateContent?alt=sse"), headers,
            "{\"contents\":[" BOSTON "," RESPONSE_TURN("user", "{}") "]}", &r);
  assert_int_equal(r.status, 400);
  char ct[128];
  assert_string_equal(http_reply_header(&r, "Content-Type", ct, sizeof ct), "text/event-stream");
  json_t *doc = http_reply_json(&r);
  assert_string_equal(jp_str(doc, "error.message"),
                      "Please ensure that function response turn comes immediately after a "
                      "function call turn.");
  json_decref(doc);
  http_reply_dispose(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_call_exact_bytes_mldev),
      cmocka_unit_test(test_call_layout_both_backends),
      cmocka_unit_test(test_ids_on_gemini_api_with_gemini3_only),
      cmocka_unit_test(test_parallel_calls),
      cmocka_unit_test(test_call_values),
      cmocka_unit_test(test_args_rules),
      cmocka_unit_test(test_no_string_property_one_call),
      cmocka_unit_test(test_no_parameters_empty_args),
      cmocka_unit_test(test_parameters_json_schema),
      cmocka_unit_test(test_asked_for_rule),
      cmocka_unit_test(test_auto_not_asked_is_echo),
      cmocka_unit_test(test_first_declared_asked_wins),
      cmocka_unit_test(test_mode_none_is_echo),
      cmocka_unit_test(test_mode_any),
      cmocka_unit_test(test_modes_like_auto),
      cmocka_unit_test(test_allowed_function_names),
      cmocka_unit_test(test_function_response_text),
      cmocka_unit_test(test_mode_any_after_response),
      cmocka_unit_test(test_response_turn_roles),
      cmocka_unit_test(test_stream_calls_in_one_event),
      cmocka_unit_test(test_stream_calls_json_array),
      cmocka_unit_test(test_stream_response_text),
      cmocka_unit_test(test_calls_with_json_output),
      cmocka_unit_test(test_function_response_needs_name),
      cmocka_unit_test(test_struct_fields_must_be_objects),
      cmocka_unit_test(test_response_count_must_match),
      cmocka_unit_test(test_turn_order),
      cmocka_unit_test(test_function_names),
      cmocka_unit_test(test_enum_only_for_strings),
      cmocka_unit_test(test_tool_shapes),
      cmocka_unit_test(test_stream_validation_error),
  };
  if (emu_start(&emu, (const char *const[]){"--quiet", NULL}) != 0) return 1;
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  /* Checked here rather than in a group teardown, whose failure cmocka
   * does not reflect in the exit status. */
  int stopped = emu_stop(&emu);
  return failed || stopped != 0;
}
