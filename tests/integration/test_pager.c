/* Pagers (genai_pager) through models.list, and models.get, on both
 * backends: item by item across pages, page by page, the requests each
 * page sends, errors in the middle, and the async forms. */
#include <string.h>

#include "itest.h"

/* A call that must succeed; the error's message shows when it does not. */
#define expect_ok(call)                                                            \
  do {                                                                             \
    genai_result rc_ = (call);                                                     \
    if (rc_ != GENAI_OK) fail_msg("%s: %s", #call, genai_error_last()->message); \
  } while (0)

/* The emulator's catalogue (emulator/route_models.c), in order. */
static const char *const catalogue[] = {"gemini-2.0-flash",        "gemini-2.0-flash-001", "gemini-2.5-flash",
                                        "gemini-2.5-pro",          "gemini-3-pro-preview", "text-embedding-004",
                                        "gemini-embedding-001",    "imagen-3.0-generate-002",
                                        "veo-2.0-generate-001"};
#define CATALOGUE_SIZE (sizeof catalogue / sizeof catalogue[0])

static void check_name(const genai_model *m, const char *prefix, size_t i) {
  char expected[128];
  snprintf(expected, sizeof expected, "%s%s", prefix, catalogue[i]);
  assert_non_null(m);
  assert_string_equal(m->name, expected);
}

static void item_by_item(genai_client *c, const char *prefix, const char *first_path) {
  genai_list_models_config cfg = {GENAI_INIT(genai_list_models_config), .page_size = &(int32_t){4}};
  genai_pager *p = NULL;
  expect_ok(genai_models_list(c, &cfg, &p));
  assert_string_equal(genai_pager_name(p), "models");
  assert_int_equal(genai_pager_page_size(p), 4);
  assert_int_equal(genai_pager_page_len(p), 4);
  assert_true(genai_pager_has_next_page(p));
  assert_non_null(genai_pager_sdk_http_response(p));
  assert_non_null(strstr(genai_pager_page_raw_json(p), catalogue[0]));
  json_t *req = itest_last_request();
  assert_string_equal(json_string_value(json_object_get(req, "path")), first_path);
  assert_string_equal(json_string_value(json_object_get(req, "query")), "pageSize=4");
  json_decref(req);
  const genai_model *m;
  size_t n = 0;
  genai_result rc;
  while ((rc = genai_pager_next(p, (const void **)&m)) == GENAI_OK) check_name(m, prefix, n++);
  assert_int_equal(rc, GENAI_DONE);
  assert_int_equal(n, CATALOGUE_SIZE);
  assert_int_equal(genai_pager_next(p, (const void **)&m), GENAI_DONE); /* stays done */
  assert_null(m);
  assert_int_equal(itest_request_count(), 3); /* 4 + 4 + 1 */
  req = itest_last_request();
  assert_string_equal(json_string_value(json_object_get(req, "query")), "pageSize=4&pageToken=c8");
  json_decref(req);
  /* the last page is current: Python's len(pager) and pager[0] */
  assert_int_equal(genai_pager_page_len(p), 1);
  check_name(genai_pager_page_item(p, 0), prefix, 8);
  assert_null(genai_pager_page_item(p, 1));
  assert_false(genai_pager_has_next_page(p));
  assert_int_equal(genai_pager_next_page(p), GENAI_DONE);
  genai_pager_free(p);
}

static void items_across_pages_gemini_api(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  item_by_item(c, "models/", "/v1beta/models");
  genai_client_free(c);
}

static void items_across_pages_vertex(void **state) {
  (void)state;
  genai_client *c = itest_vertex_client(NULL);
  /* base models are listed without the project prefix, as the SDK does */
  item_by_item(c, "publishers/google/models/", "/v1beta1/publishers/google/models");
  genai_client_free(c);
}

static void page_by_page(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_list_models_config cfg = {GENAI_INIT(genai_list_models_config), .page_size = &(int32_t){5}};
  genai_pager *p = NULL;
  expect_ok(genai_models_list(c, &cfg, &p));
  check_name(genai_pager_page_item(p, 0), "models/", 0);
  const genai_model *m;
  assert_int_equal(genai_pager_next(p, (const void **)&m), GENAI_OK); /* item 0 */
  assert_int_equal(genai_pager_next_page(p), GENAI_OK);               /* Python's pager.next_page() */
  assert_int_equal(genai_pager_page_len(p), 4);
  check_name(genai_pager_page_item(p, 0), "models/", 5);
  assert_int_equal(genai_pager_next(p, (const void **)&m), GENAI_OK); /* the new page from its start */
  check_name(m, "models/", 5);
  assert_int_equal(genai_pager_page_size(p), 5);
  assert_int_equal(genai_pager_next_page(p), GENAI_DONE);
  assert_int_equal(genai_pager_page_len(p), 4); /* the page stays */
  genai_pager_free(p);
  /* without page_size: the first page's length, and the default page of 50 */
  assert_int_equal(genai_models_list(c, NULL, &p), GENAI_OK);
  assert_int_equal(genai_pager_page_size(p), CATALOGUE_SIZE);
  assert_false(genai_pager_has_next_page(p));
  genai_pager_free(p);
  genai_client_free(c);
}

/* A failed page fetch returns its error and leaves the pager where it was;
 * calling again fetches the page. */
static void failed_fetch_is_retried(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_list_models_config cfg = {GENAI_INIT(genai_list_models_config), .page_size = &(int32_t){8}};
  genai_pager *p = NULL;
  expect_ok(genai_models_list(c, &cfg, &p));
  const genai_model *m;
  for (int i = 0; i < 8; i++) assert_int_equal(genai_pager_next(p, (const void **)&m), GENAI_OK);
  itest_script("{\"responses\":[{\"status\":403,\"json\":{\"error\":{\"code\":403,\"message\":\"no\","
               "\"status\":\"PERMISSION_DENIED\"}}}]}");
  assert_int_equal(genai_pager_next(p, (const void **)&m), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 403);
  assert_null(m);
  assert_int_equal(genai_pager_page_len(p), 8);
  assert_int_equal(genai_pager_next(p, (const void **)&m), GENAI_OK);
  check_name(m, "models/", 8);
  assert_int_equal(genai_pager_next(p, (const void **)&m), GENAI_DONE);
  genai_pager_free(p);
  genai_client_free(c);
}

static void bad_input(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_pager *p = (genai_pager *)1;
  assert_int_equal(genai_models_list(NULL, NULL, &p), GENAI_EINVAL);
  assert_null(p);
  assert_int_equal(genai_models_list(c, NULL, NULL), GENAI_EINVAL);
  const void *item = NULL;
  assert_int_equal(genai_pager_next(NULL, &item), GENAI_EINVAL);
  assert_int_equal(genai_pager_page_len(NULL), 0);
  assert_null(genai_pager_page_item(NULL, 0));
  genai_pager_free(NULL);
  genai_model *m = NULL;
  assert_int_equal(genai_models_get(c, "", NULL, &m), GENAI_EINVAL);
  assert_string_equal(genai_error_last()->message, "model is required.");
  assert_int_equal(itest_request_count(), 0);
  genai_client_free(c);
}

static void get_model(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_model *m = NULL;
  expect_ok(genai_models_get(c, "gemini-2.5-flash", NULL, &m));
  assert_string_equal(m->name, "models/gemini-2.5-flash");
  assert_int_equal(*m->input_token_limit, 1048576);
  assert_true(m->supported_actions_count >= 1);
  assert_string_equal(m->supported_actions[0], "generateContent");
  genai_model_free(m);
  json_t *req = itest_last_request();
  assert_string_equal(json_string_value(json_object_get(req, "method")), "GET");
  assert_string_equal(json_string_value(json_object_get(req, "path")), "/v1beta/models/gemini-2.5-flash");
  json_decref(req);
  assert_int_equal(genai_models_get(c, "no-such-model", NULL, &m), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 404);
  assert_null(m);
  genai_client_free(c);
  c = itest_vertex_client(NULL);
  expect_ok(genai_models_get(c, "gemini-2.5-flash", NULL, &m));
  assert_string_equal(m->name, "publishers/google/models/gemini-2.5-flash");
  assert_string_equal(m->version, "001");
  genai_model_free(m);
  req = itest_last_request();
  assert_string_equal(json_string_value(json_object_get(req, "path")),
                      "/v1beta1/publishers/google/models/gemini-2.5-flash");
  json_decref(req);
  genai_client_free(c);
}

/* ---------------------------------------------------------------- async */

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

static void async_pages(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_multi *multi = NULL;
  assert_int_equal(genai_multi_new(c, NULL, &multi), GENAI_OK);
  async_state s = {0};
  genai_op_callbacks cb = {GENAI_INIT(genai_op_callbacks), .on_done = on_done, .user_data = &s};
  genai_list_models_config cfg = {GENAI_INIT(genai_list_models_config), .page_size = &(int32_t){4}};
  genai_op *op = NULL;
  assert_int_equal(genai_models_list_async(multi, &cfg, &cb, &op), GENAI_OK);
  genai_pager *p = NULL;
  assert_int_equal(genai_op_take_pager(op, &p), GENAI_EINPROGRESS);
  run(multi, &s);
  assert_int_equal(s.result, GENAI_OK);
  genai_generate_content_response *wrong = NULL;
  assert_int_equal(genai_op_take_generate_content_response(op, &wrong), GENAI_EINVAL);
  assert_int_equal(genai_op_take_pager(op, &p), GENAI_OK);
  genai_pager *again = NULL;
  assert_int_equal(genai_op_take_pager(op, &again), GENAI_EINVAL); /* taken already */
  assert_null(again);
  genai_op_free(op);
  assert_non_null(p);
  check_name(genai_pager_page_item(p, 0), "models/", 0);
  /* the next pages, as `await pager.next_page()` */
  for (size_t first = 4; first < CATALOGUE_SIZE; first += 4) {
    s = (async_state){0};
    assert_int_equal(genai_pager_next_page_async(multi, p, &cb, &op), GENAI_OK);
    assert_int_equal(genai_pager_page_len(p), 0); /* busy */
    const void *item = NULL;
    assert_int_equal(genai_pager_next(p, &item), GENAI_EINVAL);
    run(multi, &s);
    assert_int_equal(s.result, GENAI_OK);
    genai_op_free(op);
    check_name(genai_pager_page_item(p, 0), "models/", first);
  }
  assert_int_equal(genai_pager_next_page_async(multi, p, &cb, &op), GENAI_DONE);
  assert_null(op);
  /* freeing a pager while its fetch runs waits for the fetch's operation */
  genai_pager_free(p);
  assert_int_equal(genai_models_list_async(multi, &cfg, &cb, &op), GENAI_OK);
  s = (async_state){0};
  run(multi, &s);
  assert_int_equal(genai_op_take_pager(op, &p), GENAI_OK);
  genai_op_free(op);
  s = (async_state){0};
  assert_int_equal(genai_pager_next_page_async(multi, p, &cb, &op), GENAI_OK);
  genai_pager_free(p);
  run(multi, &s);
  genai_op_free(op);
  /* an untaken pager goes with its operation */
  s = (async_state){0};
  assert_int_equal(genai_models_list_async(multi, NULL, &cb, &op), GENAI_OK);
  run(multi, &s);
  genai_op_free(op);
  /* get on a multi */
  s = (async_state){0};
  assert_int_equal(genai_models_get_async(multi, "gemini-2.0-flash", NULL, &cb, &op), GENAI_OK);
  run(multi, &s);
  genai_model *m = NULL;
  assert_int_equal(genai_op_take_model(op, &m), GENAI_OK);
  assert_string_equal(m->name, "models/gemini-2.0-flash");
  genai_model_free(m);
  genai_op_free(op);
  genai_multi_free(multi);
  genai_client_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(items_across_pages_gemini_api, itest_reset),
      cmocka_unit_test_setup(items_across_pages_vertex, itest_reset),
      cmocka_unit_test_setup(page_by_page, itest_reset),
      cmocka_unit_test_setup(failed_fetch_is_retried, itest_reset),
      cmocka_unit_test_setup(bad_input, itest_reset),
      cmocka_unit_test_setup(get_model, itest_reset),
      cmocka_unit_test_setup(async_pages, itest_reset),
  };
  return itest_finish(cmocka_run_group_tests(tests, itest_group_setup, NULL));
}
