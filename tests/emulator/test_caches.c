/* cachedContents on the emulator, over raw HTTP: the shapes of create, get,
 * patch, list and delete on both backends, expiry, the checks of create and
 * patch, and generateContent/streamGenerateContent with cachedContent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "emulator_harness.h"
#include "http_client.h"
#include "json_path.h"

#define MLDEV_CACHES "/v1beta/cachedContents"
#define VERTEX_PARENT "projects/test-project/locations/us-central1"
#define VERTEX_CACHES "/v1beta1/" VERTEX_PARENT "/cachedContents"
#define VERTEX_MODEL VERTEX_PARENT "/publishers/google/models/gemini-2.5-flash"
#define CONTENTS "\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"one two three four\"}]}]"

static emu_harness emu;

/* DELETE /_emulator/script also empties the store. */
static int reset(void **state) {
  (void)state;
  return emu_reset(&emu) == 200 && emu_delete(&emu, "/_emulator/script") == 200 ? 0 : -1;
}

static const char *auth_for(const char *path) {
  return strstr(path, "/projects/") ? BEARER_HEADER : API_KEY_HEADER;
}

/* METHOD path with body; the parsed answer (caller json_decref()s), *status set. */
static json_t *call(const char *method, const char *path, const char *body, long *status) {
  const char *headers[] = {auth_for(path), "Content-Type: application/json", NULL};
  http_reply r;
  http_call(NULL, &emu, method, path, headers, body, &r);
  *status = r.status;
  json_t *doc = http_reply_json(&r);
  http_reply_dispose(&r);
  return doc;
}

static json_t *expect(const char *method, const char *path, const char *body, long want) {
  long status;
  json_t *doc = call(method, path, body, &status);
  if (status != want) fail_msg("%s %s: %ld, not %ld", method, path, status, want);
  return doc;
}

static char *create(const char *collection, const char *body) {
  json_t *doc = expect("POST", collection, body, 200);
  char *name = strdup(jp_str(doc, "name"));
  json_decref(doc);
  return name;
}

static long long parse_ms(const char *stamp) {
  struct tm tm = {0};
  int ms = 0;
  assert_int_equal(sscanf(stamp, "%d-%d-%dT%d:%d:%d.%3d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                          &tm.tm_min, &tm.tm_sec, &ms),
                   7);
  /* differences only: local time is fine */
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return (long long)mktime(&tm) * 1000 + ms;
}

static void test_create_shape_mldev(void **state) {
  (void)state;
  json_t *doc = expect("POST", MLDEV_CACHES,
                       "{\"model\":\"models/gemini-2.5-flash\"," CONTENTS
                       ",\"systemInstruction\":{\"parts\":[{\"text\":\"be brief\"}]}}",
                       200);
  assert_int_equal(strncmp(jp_str(doc, "name"), "cachedContents/", 15), 0);
  assert_string_equal(jp_str(doc, "model"), "models/gemini-2.5-flash");
  assert_string_equal(jp_str(doc, "displayName"), "");
  assert_int_equal(jp_int(doc, "usageMetadata.totalTokenCount"), 6);
  assert_string_equal(jp_str(doc, "createTime"), jp_str(doc, "updateTime"));
  /* the default ttl is one hour */
  long long life = parse_ms(jp_str(doc, "expireTime")) - parse_ms(jp_str(doc, "createTime"));
  assert_int_equal(life, 3600 * 1000);
  assert_null(jp(doc, "contents"));
  char path[128];
  snprintf(path, sizeof path, "/v1beta/%s", jp_str(doc, "name"));
  json_t *got = expect("GET", path, NULL, 200);
  assert_true(json_equal(doc, got));
  json_decref(got);
  json_decref(doc);
}

static void test_create_shape_vertex(void **state) {
  (void)state;
  json_t *doc = expect("POST", VERTEX_CACHES,
                       "{\"model\":\"" VERTEX_MODEL "\"," CONTENTS ",\"ttl\":\"60s\",\"displayName\":\"d\"}", 200);
  assert_int_equal(strncmp(jp_str(doc, "name"), VERTEX_PARENT "/cachedContents/", strlen(VERTEX_PARENT) + 16), 0);
  assert_string_equal(jp_str(doc, "model"), VERTEX_MODEL);
  assert_string_equal(jp_str(doc, "displayName"), "d");
  long long life = parse_ms(jp_str(doc, "expireTime")) - parse_ms(jp_str(doc, "createTime"));
  assert_int_equal(life, 60 * 1000);
  json_decref(doc);
  /* the Gemini API's model form is refused on Vertex AI and vice versa */
  json_decref(expect("POST", VERTEX_CACHES, "{\"model\":\"gemini-2.5-flash\"," CONTENTS "}", 404));
  json_decref(expect("POST", MLDEV_CACHES, "{\"model\":\"" VERTEX_MODEL "\"," CONTENTS "}", 404));
}

static void test_create_checks(void **state) {
  (void)state;
  json_t *doc = expect("POST", MLDEV_CACHES, "{\"model\":\"models/gemini-2.5-flash\"}", 400);
  assert_string_equal(jp_str(doc, "error.status"), "INVALID_ARGUMENT");
  json_decref(doc);
  doc = expect("POST", MLDEV_CACHES, "{\"model\":\"models/nope-1\"," CONTENTS "}", 404);
  assert_non_null(strstr(jp_str(doc, "error.message"), "createCachedContent"));
  json_decref(doc);
  json_decref(expect("POST", MLDEV_CACHES, "{\"model\":\"models/text-embedding-004\"," CONTENTS "}", 404));
  json_decref(expect("POST", MLDEV_CACHES, "{" CONTENTS "}", 400));
  json_decref(expect("POST", MLDEV_CACHES, "{\"model\":\"models/gemini-2.5-flash\"," CONTENTS ",\"ttl\":\"1h\"}", 400));
  json_decref(expect("POST", MLDEV_CACHES,
                     "{\"model\":\"models/gemini-2.5-flash\"," CONTENTS
                     ",\"ttl\":\"1s\",\"expireTime\":\"2999-01-01T00:00:00Z\"}",
                     400));
  json_decref(expect("POST", MLDEV_CACHES,
                     "{\"model\":\"models/gemini-2.5-flash\"," CONTENTS ",\"expireTime\":\"2000-01-01T00:00:00Z\"}",
                     400));
  doc = expect("POST", MLDEV_CACHES, "{\"model\":\"models/gemini-2.5-flash\"," CONTENTS ",\"bogus\":1}", 400);
  assert_non_null(strstr(jp_str(doc, "error.message"), "bogus"));
  json_decref(doc);
  /* encryptionSpec is Vertex AI's */
  json_decref(expect("POST", MLDEV_CACHES,
                     "{\"model\":\"models/gemini-2.5-flash\"," CONTENTS ",\"encryptionSpec\":{\"kmsKeyName\":\"k\"}}",
                     400));
  json_decref(expect("POST", VERTEX_CACHES,
                     "{\"model\":\"" VERTEX_MODEL "\"," CONTENTS ",\"encryption_spec\":{\"kmsKeyName\":\"k\"}}", 200));
}

static void test_patch(void **state) {
  (void)state;
  char *name = create(MLDEV_CACHES, "{\"model\":\"models/gemini-2.5-flash\"," CONTENTS ",\"ttl\":\"60s\"}");
  char path[128];
  snprintf(path, sizeof path, "/v1beta/%s", name);
  json_t *doc = expect("PATCH", path, "{\"ttl\":\"7200s\"}", 200);
  long long life = parse_ms(jp_str(doc, "expireTime")) - parse_ms(jp_str(doc, "updateTime"));
  assert_int_equal(life, 7200 * 1000);
  json_decref(doc);
  doc = expect("PATCH", path, "{\"expireTime\":\"2999-01-01T00:00:00Z\"}", 200);
  assert_string_equal(jp_str(doc, "expireTime"), "2999-01-01T00:00:00.000000Z");
  json_decref(doc);
  doc = expect("PATCH", path, "{\"displayName\":\"x\"}", 400);
  assert_string_equal(jp_str(doc, "error.status"), "INVALID_ARGUMENT");
  json_decref(doc);
  json_decref(expect("PATCH", path, "{\"ttl\":\"soon\"}", 400));
  doc = expect("PATCH", "/v1beta/cachedContents/unknown", "{\"ttl\":\"1s\"}", 403);
  assert_string_equal(jp_str(doc, "error.message"), "CachedContent not found (or permission denied)");
  json_decref(doc);
  json_decref(expect("PATCH", VERTEX_CACHES "/unknown", "{\"ttl\":\"1s\"}", 404));
  free(name);
}

static void test_list_and_delete(void **state) {
  (void)state;
  char *names[3];
  for (int i = 0; i < 3; i++) names[i] = create(MLDEV_CACHES, "{\"model\":\"models/gemini-2.5-flash\"," CONTENTS "}");
  char *other = create(VERTEX_CACHES, "{\"model\":\"" VERTEX_MODEL "\"," CONTENTS "}");
  json_t *doc = expect("GET", MLDEV_CACHES "?pageSize=2", NULL, 200);
  assert_int_equal(json_array_size(jp(doc, "cachedContents")), 2);
  assert_string_equal(jp_str(doc, "cachedContents.0.name"), names[0]);
  char path[256];
  snprintf(path, sizeof path, MLDEV_CACHES "?pageSize=2&pageToken=%s", jp_str(doc, "nextPageToken"));
  json_decref(doc);
  doc = expect("GET", path, NULL, 200);
  assert_int_equal(json_array_size(jp(doc, "cachedContents")), 1);
  assert_string_equal(jp_str(doc, "cachedContents.0.name"), names[2]);
  assert_null(jp(doc, "nextPageToken"));
  json_decref(doc);
  doc = expect("GET", VERTEX_CACHES, NULL, 200);
  assert_int_equal(json_array_size(jp(doc, "cachedContents")), 1);
  assert_string_equal(jp_str(doc, "cachedContents.0.name"), other);
  json_decref(doc);
  for (int i = 0; i < 3; i++) {
    snprintf(path, sizeof path, "/v1beta/%s", names[i]);
    doc = expect("DELETE", path, NULL, 200);
    assert_int_equal(json_object_size(doc), 0);
    json_decref(doc);
    json_decref(expect("DELETE", path, NULL, 403));
    free(names[i]);
  }
  doc = expect("GET", MLDEV_CACHES, NULL, 200);
  assert_int_equal(json_object_size(doc), 0); /* an empty page has no key */
  json_decref(doc);
  snprintf(path, sizeof path, "/v1beta1/%s", other);
  json_decref(expect("DELETE", path, NULL, 200));
  json_decref(expect("GET", path, NULL, 404));
  free(other);
}

/* The Gemini API and Vertex AI express mode share the names
 * "cachedContents/{id}" but not their caches. */
static void test_express_mode_is_separate(void **state) {
  (void)state;
  char *mldev = create(MLDEV_CACHES, "{\"model\":\"models/gemini-2.5-flash\"," CONTENTS "}");
  char *express = create("/v1beta1/cachedContents",
                         "{\"model\":\"publishers/google/models/gemini-2.5-flash\"," CONTENTS "}");
  assert_int_equal(strncmp(express, "cachedContents/", 15), 0);
  json_t *doc = expect("GET", MLDEV_CACHES, NULL, 200);
  assert_int_equal(json_array_size(jp(doc, "cachedContents")), 1);
  assert_string_equal(jp_str(doc, "cachedContents.0.name"), mldev);
  json_decref(doc);
  doc = expect("GET", "/v1beta1/cachedContents", NULL, 200);
  assert_int_equal(json_array_size(jp(doc, "cachedContents")), 1);
  assert_string_equal(jp_str(doc, "cachedContents.0.model"), "publishers/google/models/gemini-2.5-flash");
  json_decref(doc);
  char path[128];
  snprintf(path, sizeof path, "/v1beta1/%s", mldev);
  json_decref(expect("GET", path, NULL, 404));
  snprintf(path, sizeof path, "/v1beta/%s", express);
  json_decref(expect("GET", path, NULL, 403));
  free(mldev);
  free(express);
}

static void test_expiry(void **state) {
  (void)state;
  char *name = create(MLDEV_CACHES, "{\"model\":\"models/gemini-2.5-flash\"," CONTENTS ",\"ttl\":\"1s\"}");
  char path[128];
  snprintf(path, sizeof path, "/v1beta/%s", name);
  json_decref(expect("GET", path, NULL, 200));
  struct timespec ts = {1, 200 * 1000000L};
  nanosleep(&ts, NULL);
  json_t *doc = expect("GET", MLDEV_CACHES, NULL, 200);
  assert_null(jp(doc, "cachedContents"));
  json_decref(doc);
  json_decref(expect("GET", path, NULL, 403));
  free(name);
}

static void test_generate_with_cache(void **state) {
  (void)state;
  char *name = create(MLDEV_CACHES, "{\"model\":\"models/gemini-2.5-flash\"," CONTENTS "}");
  char body[512];
  snprintf(body, sizeof body, "{\"cachedContent\":\"%s\",\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}", name);
  json_t *doc = expect("POST", MLDEV_PATH("gemini-2.5-flash"), body, 200);
  assert_int_equal(jp_int(doc, "usageMetadata.cachedContentTokenCount"), 4);
  assert_int_equal(jp_int(doc, "usageMetadata.promptTokenCount"), 5);
  assert_int_equal(jp_int(doc, "usageMetadata.totalTokenCount"),
                   5 + jp_int(doc, "usageMetadata.candidatesTokenCount"));
  assert_int_equal(jp_int(doc, "usageMetadata.promptTokensDetails.0.tokenCount"), 5);
  assert_int_equal(jp_int(doc, "usageMetadata.cacheTokensDetails.0.tokenCount"), 4);
  json_decref(doc);

  /* streaming: every chunk's usage includes the cache */
  const char *headers[] = {API_KEY_HEADER, NULL};
  http_reply r;
  http_call(NULL, &emu, "POST", MLDEV_RPC("gemini-2.5-flash", "streamGenerateContent") "?alt=sse", headers, body,
            &r);
  assert_int_equal(r.status, 200);
  assert_non_null(strstr(r.body, "\"cachedContentTokenCount\": 4"));
  http_reply_dispose(&r);

  /* another model */
  doc = expect("POST", MLDEV_PATH("gemini-2.0-flash"), body, 400);
  assert_non_null(strstr(jp_str(doc, "error.message"), "has to be the same"));
  json_decref(doc);
  /* instructions belong in the cache */
  snprintf(body, sizeof body,
           "{\"cachedContent\":\"%s\",\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}],"
           "\"systemInstruction\":{\"parts\":[{\"text\":\"x\"}]}}",
           name);
  doc = expect("POST", MLDEV_PATH("gemini-2.5-flash"), body, 400);
  assert_non_null(strstr(jp_str(doc, "error.message"), "system_instruction, tools or tool_config"));
  json_decref(doc);
  /* unknown */
  doc = expect("POST", MLDEV_PATH("gemini-2.5-flash"),
               "{\"cachedContent\":\"cachedContents/nope\",\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}", 403);
  assert_string_equal(jp_str(doc, "error.status"), "PERMISSION_DENIED");
  json_decref(doc);
  free(name);
}

static void test_generate_with_cache_vertex(void **state) {
  (void)state;
  char *name = create(VERTEX_CACHES, "{\"model\":\"" VERTEX_MODEL "\"," CONTENTS "}");
  char body[512];
  snprintf(body, sizeof body, "{\"cachedContent\":\"%s\",\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}",
           name);
  json_t *doc = expect("POST", VERTEX_PATH("gemini-2.5-flash"), body, 200);
  assert_int_equal(jp_int(doc, "usageMetadata.cachedContentTokenCount"), 4);
  assert_int_equal(jp_int(doc, "usageMetadata.promptTokenCount"), 5);
  json_decref(doc);
  doc = expect("POST", VERTEX_PATH("gemini-2.5-flash"),
               "{\"cachedContent\":\"" VERTEX_PARENT "/cachedContents/nope\","
               "\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}",
               404);
  assert_string_equal(jp_str(doc, "error.status"), "NOT_FOUND");
  json_decref(doc);
  free(name);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(test_create_shape_mldev, reset),
      cmocka_unit_test_setup(test_create_shape_vertex, reset),
      cmocka_unit_test_setup(test_create_checks, reset),
      cmocka_unit_test_setup(test_patch, reset),
      cmocka_unit_test_setup(test_list_and_delete, reset),
      cmocka_unit_test_setup(test_express_mode_is_separate, reset),
      cmocka_unit_test_setup(test_expiry, reset),
      cmocka_unit_test_setup(test_generate_with_cache, reset),
      cmocka_unit_test_setup(test_generate_with_cache_vertex, reset),
  };
  if (emu_start(&emu, (const char *const[]){"--quiet", NULL}) != 0) return 1;
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  int stopped = emu_stop(&emu);
  return failed || stopped != 0;
}
