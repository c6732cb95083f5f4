/* client.caches on both backends against the emulator: the requests each
 * call sends (paths, bodies, name and model normalisation), the lifecycle
 * (create, get, update, list, delete, expiry), generate_content with
 * cached_content, errors, and the async forms. */
#include <string.h>
#include <time.h>

#include "itest.h"

#define VERTEX_PREFIX "projects/test-project/locations/us-central1/"

#define expect_ok(call)                                                            \
  do {                                                                             \
    genai_result rc_ = (call);                                                     \
    if (rc_ != GENAI_OK) fail_msg("%s: %s", #call, genai_error_last()->message); \
  } while (0)

static const char *last_field(const char *field) {
  json_t *req = itest_last_request();
  static char value[1024];
  const char *v = json_string_value(json_object_get(req, field));
  snprintf(value, sizeof value, "%s", v ? v : "");
  json_decref(req);
  return value;
}

/* The last request's body, parsed; the caller json_decref()s it. */
static json_t *last_body(void) {
  json_t *req = itest_last_request();
  json_t *body = json_incref(json_object_get(req, "body"));
  json_decref(req);
  assert_non_null(body);
  return body;
}

/* "Hello cached world" and a system instruction: 3 + 2 tokens by the
 * emulator's rule. */
static genai_cached_content *create_cache(genai_client *c, const char *model, const char *ttl) {
  genai_create_cached_content_config cfg = {GENAI_INIT(genai_create_cached_content_config),
                                            .contents = GENAI_TEXT("Hello cached world"),
                                            .system_instruction = GENAI_TEXT("Be brief"),
                                            .display_name = "test cache",
                                            .ttl = ttl};
  genai_cached_content *cache = NULL;
  expect_ok(genai_caches_create(c, model, &cfg, &cache));
  return cache;
}

/* Each test starts without caches (itest_reset empties the emulator's store)
 * and with an empty request log. */
static genai_client *fresh(genai_client *c) {
  assert_int_equal(itest_reset(NULL), 0);
  return c;
}

static void sleep_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}

/* ------------------------------------------------------------- lifecycle */

static void lifecycle(genai_client *c, const char *prefix, const char *version, const char *model_name) {
  char path[256];
  genai_cached_content *cache = create_cache(c, "gemini-2.5-flash", "600s");
  snprintf(path, sizeof path, "/%s/%scachedContents", version, prefix);
  assert_string_equal(last_field("path"), path);
  assert_string_equal(last_field("method"), "POST");
  json_t *body = last_body();
  assert_string_equal(json_string_value(json_object_get(body, "model")), model_name);
  assert_string_equal(json_string_value(json_object_get(body, "ttl")), "600s");
  assert_string_equal(json_string_value(json_object_get(body, "displayName")), "test cache");
  assert_non_null(json_object_get(body, "contents"));
  assert_non_null(json_object_get(body, "systemInstruction"));
  json_decref(body);

  size_t plen = strlen(prefix);
  assert_memory_equal(cache->name, prefix, plen);
  assert_memory_equal(cache->name + plen, "cachedContents/", 15);
  assert_string_equal(cache->model, model_name);
  assert_string_equal(cache->display_name, "test cache");
  assert_int_equal(*cache->usage_metadata->total_token_count, 5);
  assert_non_null(cache->create_time);
  assert_non_null(cache->expire_time);

  /* get by the bare id: t_cached_content_name */
  const char *id = strrchr(cache->name, '/') + 1;
  genai_cached_content *got = NULL;
  expect_ok(genai_caches_get(c, id, NULL, &got));
  snprintf(path, sizeof path, "/%s/%s", version, cache->name);
  assert_string_equal(last_field("path"), path);
  assert_string_equal(got->name, cache->name);
  assert_string_equal(got->expire_time, cache->expire_time);
  genai_cached_content_free(got);

  /* update the ttl: only ttl goes in the body */
  genai_update_cached_content_config up = {GENAI_INIT(genai_update_cached_content_config), .ttl = "7200s"};
  genai_cached_content *updated = NULL;
  expect_ok(genai_caches_update(c, cache->name, &up, &updated));
  assert_string_equal(last_field("method"), "PATCH");
  body = last_body();
  itest_assert_json_value(body, "{\"ttl\": \"7200s\"}");
  json_decref(body);
  assert_true(strcmp(updated->expire_time, cache->expire_time) > 0);
  genai_cached_content_free(updated);

  /* list through the pager */
  genai_cached_content *second = create_cache(c, "gemini-2.5-flash", NULL);
  genai_list_cached_contents_config lc = {GENAI_INIT(genai_list_cached_contents_config),
                                          .page_size = &(int32_t){1}};
  genai_pager *pager = NULL;
  expect_ok(genai_caches_list(c, &lc, &pager));
  assert_string_equal(genai_pager_name(pager), "cached_contents");
  const genai_cached_content *item;
  const char *names[2] = {cache->name, second->name};
  size_t n = 0;
  genai_result rc;
  while ((rc = genai_pager_next(pager, (const void **)&item)) == GENAI_OK) {
    assert_true(n < 2);
    assert_string_equal(item->name, names[n++]);
  }
  assert_int_equal(rc, GENAI_DONE);
  assert_int_equal(n, 2);
  assert_memory_equal(last_field("query"), "pageSize=1&pageToken=", 21);
  genai_pager_free(pager);

  /* delete, then it is gone */
  genai_delete_cached_content_response *del = NULL;
  expect_ok(genai_caches_delete(c, cache->name, NULL, &del));
  assert_string_equal(last_field("method"), "DELETE");
  assert_non_null(del);
  genai_delete_cached_content_response_free(del);
  expect_ok(genai_caches_delete(c, second->name, NULL, NULL));
  assert_int_equal(genai_caches_get(c, cache->name, NULL, &got), GENAI_EAPI);
  assert_null(got);
  genai_cached_content_free(second);
  genai_cached_content_free(cache);
}

static void lifecycle_gemini_api(void **state) {
  (void)state;
  genai_client *c = fresh(itest_mldev_client(NULL));
  lifecycle(c, "", "v1beta", "models/gemini-2.5-flash");
  genai_client_free(c);
}

static void lifecycle_vertex(void **state) {
  (void)state;
  genai_client *c = fresh(itest_vertex_client(NULL));
  lifecycle(c, VERTEX_PREFIX, "v1beta1", VERTEX_PREFIX "publishers/google/models/gemini-2.5-flash");
  genai_client_free(c);
}

/* ---------------------------------------------------------------- expiry */

static void expiry(genai_client *c, int not_found_status) {
  genai_cached_content *cache = create_cache(c, "gemini-2.0-flash", "1s");
  genai_cached_content *got = NULL;
  expect_ok(genai_caches_get(c, cache->name, NULL, &got));
  genai_cached_content_free(got);
  sleep_ms(1200);
  assert_int_equal(genai_caches_get(c, cache->name, NULL, &got), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, not_found_status);
  genai_pager *pager = NULL;
  expect_ok(genai_caches_list(c, NULL, &pager));
  assert_int_equal(genai_pager_page_len(pager), 0);
  genai_pager_free(pager);
  /* update moves the expiry */
  genai_cached_content *kept = create_cache(c, "gemini-2.0-flash", "1s");
  genai_update_cached_content_config up = {GENAI_INIT(genai_update_cached_content_config), .ttl = "60s"};
  genai_cached_content *updated = NULL;
  expect_ok(genai_caches_update(c, kept->name, &up, &updated));
  sleep_ms(1200);
  expect_ok(genai_caches_get(c, kept->name, NULL, &got));
  genai_cached_content_free(got);
  genai_cached_content_free(updated);
  genai_cached_content_free(kept);
  genai_cached_content_free(cache);
}

static void expiry_gemini_api(void **state) {
  (void)state;
  genai_client *c = fresh(itest_mldev_client(NULL));
  expiry(c, 403);
  genai_client_free(c);
}

static void expiry_vertex(void **state) {
  (void)state;
  genai_client *c = fresh(itest_vertex_client(NULL));
  expiry(c, 404);
  genai_client_free(c);
}

/* ------------------------------------------------------------- generate */

static void generate_with_cache(genai_client *c, const char *model) {
  genai_cached_content *cache = create_cache(c, model, NULL);
  const char *id = strrchr(cache->name, '/') + 1;
  /* the bare id is normalised to the cache's full name */
  genai_generate_content_config cfg = {GENAI_INIT(genai_generate_content_config), .cached_content = id};
  genai_generate_content_response *r = NULL;
  expect_ok(genai_models_generate_content(c, model, GENAI_TEXT("Summarize it"), &cfg, &r));
  json_t *body = last_body();
  assert_string_equal(json_string_value(json_object_get(body, "cachedContent")), cache->name);
  json_decref(body);
  assert_int_equal(*r->usage_metadata->cached_content_token_count, 5);
  assert_int_equal(*r->usage_metadata->prompt_token_count, 5 + 2);
  genai_generate_content_response_free(r);

  /* streaming too: the last chunk carries the counts */
  genai_stream *s = NULL;
  expect_ok(genai_models_generate_content_stream(c, model, GENAI_TEXT("Summarize it"), &cfg, &s));
  const genai_generate_content_response *chunk, *last = NULL;
  genai_result rc;
  int32_t cached = 0;
  while ((rc = genai_stream_next(s, &chunk)) == GENAI_OK) {
    last = chunk;
    if (last->usage_metadata && last->usage_metadata->cached_content_token_count)
      cached = *last->usage_metadata->cached_content_token_count;
  }
  assert_int_equal(rc, GENAI_DONE);
  assert_int_equal(cached, 5);
  genai_stream_free(s);

  /* another model than the cache's */
  assert_int_equal(genai_models_generate_content(c, "gemini-2.0-flash", GENAI_TEXT("x"), &cfg, &r), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 400);
  /* a system instruction belongs in the cache */
  genai_generate_content_config with_system = cfg;
  with_system.system_instruction = GENAI_TEXT("Be long");
  assert_int_equal(genai_models_generate_content(c, model, GENAI_TEXT("x"), &with_system, &r), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 400);
  assert_string_equal(genai_error_last()->status, "INVALID_ARGUMENT");
  genai_cached_content_free(cache);
}

static void generate_gemini_api(void **state) {
  (void)state;
  genai_client *c = fresh(itest_mldev_client(NULL));
  generate_with_cache(c, "gemini-2.5-flash");
  genai_generate_content_config cfg = {GENAI_INIT(genai_generate_content_config), .cached_content = "nope"};
  genai_generate_content_response *r = NULL;
  assert_int_equal(genai_models_generate_content(c, "gemini-2.5-flash", GENAI_TEXT("x"), &cfg, &r), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 403);
  assert_string_equal(genai_error_last()->status, "PERMISSION_DENIED");
  assert_string_equal(last_field("path"), "/v1beta/models/gemini-2.5-flash:generateContent");
  genai_client_free(c);
}

static void generate_vertex(void **state) {
  (void)state;
  genai_client *c = fresh(itest_vertex_client(NULL));
  generate_with_cache(c, "gemini-2.5-flash");
  genai_generate_content_config cfg = {GENAI_INIT(genai_generate_content_config), .cached_content = "nope"};
  genai_generate_content_response *r = NULL;
  assert_int_equal(genai_models_generate_content(c, "gemini-2.5-flash", GENAI_TEXT("x"), &cfg, &r), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 404);
  json_t *body = last_body();
  assert_string_equal(json_string_value(json_object_get(body, "cachedContent")), VERTEX_PREFIX "cachedContents/nope");
  json_decref(body);
  genai_client_free(c);
}

/* ---------------------------------------------------------------- errors */

static void errors(void **state) {
  (void)state;
  genai_client *c = fresh(itest_mldev_client(NULL));
  genai_cached_content *cache = (genai_cached_content *)1;
  /* caller errors, before any request */
  assert_int_equal(genai_caches_create(c, "", NULL, &cache), GENAI_EINVAL);
  assert_null(cache);
  assert_int_equal(genai_caches_get(c, NULL, NULL, &cache), GENAI_EINVAL);
  assert_int_equal(genai_caches_get(NULL, "x", NULL, &cache), GENAI_EINVAL);
  assert_int_equal(genai_caches_get(c, "x", NULL, NULL), GENAI_EINVAL);
  assert_int_equal(genai_caches_update(c, "", NULL, &cache), GENAI_EINVAL);
  assert_int_equal(genai_caches_delete(c, "", NULL, NULL), GENAI_EINVAL);
  assert_int_equal(genai_caches_list(c, NULL, NULL), GENAI_EINVAL);
  genai_create_cached_content_config kms = {GENAI_INIT(genai_create_cached_content_config),
                                            .contents = GENAI_TEXT("x"), .kms_key_name = "k"};
  assert_int_equal(genai_caches_create(c, "gemini-2.5-flash", &kms, &cache), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "kms_key_name"));
  assert_int_equal(itest_request_count(), 0);

  /* the service's answers */
  assert_int_equal(genai_caches_get(c, "unknown", NULL, &cache), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 403);
  assert_string_equal(genai_error_last()->message, "CachedContent not found (or permission denied)");
  genai_create_cached_content_config empty = {GENAI_INIT(genai_create_cached_content_config)};
  assert_int_equal(genai_caches_create(c, "gemini-2.5-flash", &empty, &cache), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 400);
  genai_create_cached_content_config text = {GENAI_INIT(genai_create_cached_content_config),
                                             .contents = GENAI_TEXT("x")};
  assert_int_equal(genai_caches_create(c, "no-such-model", &text, &cache), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 404);
  assert_int_equal(genai_caches_create(c, "text-embedding-004", &text, &cache), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 404);
  text.ttl = "1h"; /* not a Duration: refused before sending */
  assert_int_equal(genai_caches_create(c, "gemini-2.5-flash", &text, &cache), GENAI_EINVAL);
  text.ttl = NULL;
  text.expire_time = "2001-01-01T00:00:00Z";
  assert_int_equal(genai_caches_create(c, "gemini-2.5-flash", &text, &cache), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 400);
  assert_null(cache);

  /* expire_time instead of a ttl */
  text.expire_time = "2999-01-01T00:00:00.5+01:00";
  expect_ok(genai_caches_create(c, "models/gemini-2.5-flash", &text, &cache));
  assert_string_equal(cache->expire_time, "2998-12-31T23:00:00.500000Z");
  genai_cached_content_free(cache);
  genai_client_free(c);
}

/* Vertex AI: the encryption key is sent, and express mode works too. */
static void vertex_specifics(void **state) {
  (void)state;
  genai_client *c = fresh(itest_vertex_client(NULL));
  genai_create_cached_content_config kms = {GENAI_INIT(genai_create_cached_content_config),
                                            .contents = GENAI_TEXT("x"), .kms_key_name = "projects/p/keys/k"};
  genai_cached_content *cache = NULL;
  expect_ok(genai_caches_create(c, "publishers/google/models/gemini-2.0-flash", &kms, &cache));
  json_t *body = last_body();
  itest_assert_json_value(json_object_get(body, "encryption_spec"), "{\"kmsKeyName\": \"projects/p/keys/k\"}");
  assert_string_equal(json_string_value(json_object_get(body, "model")),
                      VERTEX_PREFIX "publishers/google/models/gemini-2.0-flash");
  json_decref(body);
  /* a name with "cachedContents/" gets the project and location */
  const char *local = strstr(cache->name, "cachedContents/");
  genai_cached_content *got = NULL;
  expect_ok(genai_caches_get(c, local, NULL, &got));
  assert_string_equal(got->name, cache->name);
  genai_cached_content_free(got);
  genai_cached_content_free(cache);
  genai_client_free(c);
}

/* Express mode has no project: names and models stay without one (Python
 * would send "projects/None/locations/None/..."). */
static void vertex_express(void **state) {
  (void)state;
  genai_client *c = fresh(itest_vertex_express_client(NULL));
  genai_cached_content *cache = create_cache(c, "gemini-2.5-flash", NULL);
  assert_string_equal(last_field("path"), "/v1beta1/cachedContents");
  json_t *body = last_body();
  assert_string_equal(json_string_value(json_object_get(body, "model")), "publishers/google/models/gemini-2.5-flash");
  json_decref(body);
  assert_memory_equal(cache->name, "cachedContents/", 15);
  genai_cached_content *got = NULL;
  expect_ok(genai_caches_get(c, cache->name + 15, NULL, &got));
  char path[128];
  snprintf(path, sizeof path, "/v1beta1/%s", cache->name);
  assert_string_equal(last_field("path"), path);
  genai_cached_content_free(got);
  genai_generate_content_config cfg = {GENAI_INIT(genai_generate_content_config), .cached_content = cache->name + 15};
  genai_generate_content_response *r = NULL;
  expect_ok(genai_models_generate_content(c, "gemini-2.5-flash", GENAI_TEXT("hi"), &cfg, &r));
  assert_int_equal(*r->usage_metadata->cached_content_token_count, 5);
  genai_generate_content_response_free(r);
  expect_ok(genai_caches_delete(c, cache->name, NULL, NULL));
  genai_cached_content_free(cache);
  genai_client_free(c);
}

/* ----------------------------------------------------------------- async */

typedef struct async_state {
  int done;
  genai_result result;
} async_state;

static void on_done(genai_op *op, void *data) {
  async_state *s = data;
  s->done++;
  s->result = genai_op_result(op);
}

static void run(genai_multi *multi, async_state *s) {
  int running = 1;
  while (running) assert_int_equal(genai_multi_poll(multi, 1000, &running), GENAI_OK);
  assert_int_equal(s->done, 1);
}

static void async_forms(void **state) {
  (void)state;
  genai_client *c = fresh(itest_mldev_client(NULL));
  genai_multi *multi = NULL;
  assert_int_equal(genai_multi_new(c, NULL, &multi), GENAI_OK);
  async_state s = {0};
  genai_op_callbacks cb = {GENAI_INIT(genai_op_callbacks), .on_done = on_done, .user_data = &s};
  genai_op *op = NULL;
  genai_create_cached_content_config cfg = {GENAI_INIT(genai_create_cached_content_config),
                                            .contents = GENAI_TEXT("one two three")};
  expect_ok(genai_caches_create_async(multi, "gemini-2.5-flash", &cfg, &cb, &op));
  run(multi, &s);
  genai_cached_content *cache = NULL;
  expect_ok(genai_op_take_cached_content(op, &cache));
  assert_int_equal(*cache->usage_metadata->total_token_count, 3);
  genai_op_free(op);

  s = (async_state){0};
  expect_ok(genai_caches_get_async(multi, cache->name, NULL, &cb, &op));
  run(multi, &s);
  genai_cached_content *got = NULL;
  expect_ok(genai_op_take_cached_content(op, &got));
  assert_string_equal(got->name, cache->name);
  genai_cached_content_free(got);
  genai_op_free(op);

  s = (async_state){0};
  genai_update_cached_content_config up = {GENAI_INIT(genai_update_cached_content_config),
                                           .expire_time = "2999-01-01T00:00:00Z"};
  expect_ok(genai_caches_update_async(multi, cache->name, &up, &cb, &op));
  run(multi, &s);
  expect_ok(genai_op_take_cached_content(op, &got));
  assert_string_equal(got->expire_time, "2999-01-01T00:00:00.000000Z");
  genai_cached_content_free(got);
  genai_op_free(op);

  s = (async_state){0};
  expect_ok(genai_caches_list_async(multi, NULL, &cb, &op));
  run(multi, &s);
  genai_pager *pager = NULL;
  expect_ok(genai_op_take_pager(op, &pager));
  assert_int_equal(genai_pager_page_len(pager), 1);
  genai_pager_free(pager);
  genai_op_free(op);

  s = (async_state){0};
  expect_ok(genai_caches_delete_async(multi, cache->name, NULL, &cb, &op));
  run(multi, &s);
  genai_delete_cached_content_response *del = NULL;
  expect_ok(genai_op_take_delete_cached_content_response(op, &del));
  genai_delete_cached_content_response_free(del);
  genai_op_free(op);

  /* a failed get: the op carries the error */
  s = (async_state){0};
  expect_ok(genai_caches_get_async(multi, cache->name, NULL, &cb, &op));
  run(multi, &s);
  assert_int_equal(s.result, GENAI_EAPI);
  assert_int_equal(genai_op_take_cached_content(op, &got), GENAI_EAPI);
  assert_null(got);
  genai_op_free(op);

  assert_int_equal(genai_caches_get_async(multi, "", NULL, &cb, &op), GENAI_EINVAL);
  assert_null(op);
  genai_cached_content_free(cache);
  genai_multi_free(multi);
  genai_client_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(lifecycle_gemini_api, itest_reset),
      cmocka_unit_test_setup(lifecycle_vertex, itest_reset),
      cmocka_unit_test_setup(expiry_gemini_api, itest_reset),
      cmocka_unit_test_setup(expiry_vertex, itest_reset),
      cmocka_unit_test_setup(generate_gemini_api, itest_reset),
      cmocka_unit_test_setup(generate_vertex, itest_reset),
      cmocka_unit_test_setup(errors, itest_reset),
      cmocka_unit_test_setup(vertex_specifics, itest_reset),
      cmocka_unit_test_setup(vertex_express, itest_reset),
      cmocka_unit_test_setup(async_forms, itest_reset),
  };
  return itest_finish(cmocka_run_group_tests(tests, itest_group_setup, NULL));
}
