/* Proto3 JSON Timestamp and Duration text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <genai/genai.h>
#include <jansson.h>

#include "core/arena.h"
#include "wire/codec.h"
#include "wire/types_gen.h"

static void timestamps_parse_with_fraction_and_offset(void **state) {
  (void)state;
  int64_t s = 0;
  int32_t ns = 0;
  assert_int_equal(genai_timestamp_parse("1970-01-01T00:00:00Z", &s, &ns), GENAI_OK);
  assert_int_equal(s, 0);
  assert_int_equal(ns, 0);
  assert_int_equal(genai_timestamp_parse("2024-08-28T08:24:56.049455995Z", &s, &ns), GENAI_OK);
  assert_int_equal(s, 1724833496);
  assert_int_equal(ns, 49455995);
  assert_int_equal(genai_timestamp_parse("2024-08-28T10:24:56.5+02:00", &s, &ns), GENAI_OK);
  assert_int_equal(s, 1724833496);
  assert_int_equal(ns, 500000000);
  assert_int_equal(genai_timestamp_parse("1969-12-31T23:59:59Z", &s, NULL), GENAI_OK);
  assert_int_equal(s, -1);
  assert_int_equal(genai_timestamp_parse("2000-02-29T12:00:00-05:30", &s, NULL), GENAI_OK);
  assert_int_equal(s, 951845400);
}

static void malformed_timestamps_are_rejected(void **state) {
  (void)state;
  const char *bad[] = {"", "2024-08-28", "2024-08-28T08:24:56", "2024-13-01T00:00:00Z", "2024-08-28T25:00:00Z",
                       "2024-08-28T08:24:56.Z", "2024-08-28T08:24:56.0123456789Z", "2024-08-28T08:24:56Zjunk",
                       "24-08-28T08:24:56Z"};
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    assert_int_equal(genai_timestamp_parse(bad[i], NULL, NULL), GENAI_EINVAL);
    assert_non_null(strstr(genai_error_last()->message, "RFC 3339"));
  }
  assert_int_equal(genai_timestamp_parse(NULL, NULL, NULL), GENAI_EINVAL);
}

static void timestamps_format_in_the_shortest_proto3_form(void **state) {
  (void)state;
  char buf[40];
  assert_int_equal(genai_timestamp_format(1724833496, 49455995, buf, sizeof(buf)), GENAI_OK);
  assert_string_equal(buf, "2024-08-28T08:24:56.049455995Z");
  assert_int_equal(genai_timestamp_format(1724833496, 500000000, buf, sizeof(buf)), GENAI_OK);
  assert_string_equal(buf, "2024-08-28T08:24:56.500Z");
  assert_int_equal(genai_timestamp_format(1724833496, 123000, buf, sizeof(buf)), GENAI_OK);
  assert_string_equal(buf, "2024-08-28T08:24:56.000123Z");
  assert_int_equal(genai_timestamp_format(-1, 0, buf, sizeof(buf)), GENAI_OK);
  assert_string_equal(buf, "1969-12-31T23:59:59Z");
  assert_int_equal(genai_timestamp_format(0, 1000000000, buf, sizeof(buf)), GENAI_EINVAL);
  assert_int_equal(genai_timestamp_format(0, 0, buf, 8), GENAI_EINVAL);
  /* round trip */
  int64_t s = 0;
  int32_t ns = 0;
  assert_int_equal(genai_timestamp_format(4102444799, 999999999, buf, sizeof(buf)), GENAI_OK);
  assert_int_equal(genai_timestamp_parse(buf, &s, &ns), GENAI_OK);
  assert_int_equal(s, 4102444799);
  assert_int_equal(ns, 999999999);
}

static void durations_parse_and_format(void **state) {
  (void)state;
  int64_t s = 0;
  int32_t ns = 0;
  assert_int_equal(genai_duration_parse("3600s", &s, &ns), GENAI_OK);
  assert_int_equal(s, 3600);
  assert_int_equal(ns, 0);
  assert_int_equal(genai_duration_parse("1.5s", &s, &ns), GENAI_OK);
  assert_int_equal(s, 1);
  assert_int_equal(ns, 500000000);
  assert_int_equal(genai_duration_parse("-0.25s", &s, &ns), GENAI_OK);
  assert_int_equal(s, 0);
  assert_int_equal(ns, -250000000);
  const char *bad[] = {"3600", "s", "1.s", "1.5", "+1s", "1.0000000001s", "1 s", ""};
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
    assert_int_equal(genai_duration_parse(bad[i], NULL, NULL), GENAI_EINVAL);
  char buf[40];
  assert_int_equal(genai_duration_format(3600, 0, buf, sizeof(buf)), GENAI_OK);
  assert_string_equal(buf, "3600s");
  assert_int_equal(genai_duration_format(0, -250000000, buf, sizeof(buf)), GENAI_OK);
  assert_string_equal(buf, "-0.250s");
  assert_int_equal(genai_duration_format(1, -1, buf, sizeof(buf)), GENAI_EINVAL);
}

/* The wire form of a config as one backend would receive it. */
static genai_result encode_for(genai__backend backend, const genai_create_cached_content_config *cfg, json_t **out) {
  genai__arena tmp = {0};
  genai__encode_ctx ctx = {.backend = backend, .tmp = &tmp};
  genai_result rc = genai__encode_new(&ctx, &genai__type_create_cached_content_config, cfg, out);
  genai__arena_release(&tmp);
  return rc;
}

/* Time fields are checked when sent to a backend, never when read, and the
 * SDK's own JSON writes back what it read. */
static void time_fields_are_checked_when_sent(void **state) {
  (void)state;
  genai_create_cached_content_config *cfg = NULL;
  assert_int_equal(genai_create_cached_content_config_from_json("{\"ttl\": \"an hour\"}", &cfg), GENAI_OK);
  char *out = NULL;
  assert_int_equal(genai_create_cached_content_config_to_json(cfg, &out), GENAI_OK);
  assert_string_equal(out, "{\"ttl\":\"an hour\"}");
  genai_free(out);
  const genai__backend backends[] = {GENAI__BACKEND_MLDEV, GENAI__BACKEND_VERTEX};
  for (size_t i = 0; i < 2; i++) {
    json_t *wire = NULL;
    assert_int_equal(encode_for(backends[i], cfg, &wire), GENAI_EINVAL);
    assert_null(wire);
    assert_non_null(strstr(genai_error_last()->message, "ttl: \"an hour\" is not a duration"));
  }
  genai_create_cached_content_config_free(cfg);
  assert_int_equal(genai_create_cached_content_config_from_json(
                       "{\"ttl\": \"86400s\", \"expire_time\": \"2026-01-01T00:00:00Z\"}", &cfg),
                   GENAI_OK);
  assert_int_equal(genai_create_cached_content_config_to_json(cfg, &out), GENAI_OK);
  assert_string_equal(out, "{\"ttl\":\"86400s\",\"expireTime\":\"2026-01-01T00:00:00Z\"}");
  genai_free(out);
  json_t *wire = NULL;
  assert_int_equal(encode_for(GENAI__BACKEND_VERTEX, cfg, &wire), GENAI_OK);
  assert_string_equal(json_string_value(json_object_get(wire, "ttl")), "86400s");
  json_decref(wire);
  genai_create_cached_content_config_free(cfg);
  assert_int_equal(genai_create_cached_content_config_from_json("{\"expireTime\": \"tomorrow\"}", &cfg), GENAI_OK);
  assert_int_equal(encode_for(GENAI__BACKEND_MLDEV, cfg, &wire), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "\"tomorrow\" is not an RFC 3339 timestamp"));
  genai_create_cached_content_config_free(cfg);
  genai_cached_content *cc = NULL;
  assert_int_equal(genai_cached_content_from_json("{\"createTime\": \"yesterday\"}", &cc), GENAI_OK);
  assert_string_equal(cc->create_time, "yesterday");
  genai_cached_content_free(cc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(timestamps_parse_with_fraction_and_offset),
      cmocka_unit_test(malformed_timestamps_are_rejected),
      cmocka_unit_test(timestamps_format_in_the_shortest_proto3_form),
      cmocka_unit_test(durations_parse_and_format),
      cmocka_unit_test(time_fields_are_checked_when_sent),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  genai_error_clear();
  return failed;
}
