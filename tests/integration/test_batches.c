/* Batch jobs on both backends against the emulator started with
 * --lro-delay-ms: what create sends for each kind of source, the states a
 * job goes through, inline results, cancel, delete, names, pagers and the
 * async forms. */
#include <string.h>
#include <time.h>

#include "itest.h"

#define DELAY_MS "300"

#define expect_ok(call)                                                          \
  do {                                                                           \
    genai_result rc_ = (call);                                                   \
    if (rc_ != GENAI_OK) fail_msg("%s: %s", #call, genai_error_last()->message); \
  } while (0)

static int group_setup(void **state) {
  (void)state;
  const char *args[] = {"--api-key", ITEST_KEY,        "--bearer-token", ITEST_TOKEN,
                        "--quiet",   "--lro-delay-ms", DELAY_MS,         NULL};
  return emu_start(&itest_emu, args);
}

static void sleep_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}

/* Polls as the docs' loop does, until the job has ended. */
static genai_batch_job *wait_done(genai_client *c, genai_batch_job *job) {
  for (int i = 0; i < 100 && !genai_job_state_is_done(job->state); i++) {
    sleep_ms(50);
    char name[512];
    snprintf(name, sizeof name, "%s", job->name);
    genai_batch_job_free(job);
    job = NULL;
    expect_ok(genai_batches_get(c, name, NULL, &job));
  }
  assert_true(genai_job_state_is_done(job->state));
  return job;
}

static const char *body_string(const json_t *req, const char *path) {
  const json_t *v = json_object_get(req, "body");
  char copy[256];
  snprintf(copy, sizeof copy, "%s", path);
  for (char *key = strtok(copy, "."); key && v; key = strtok(NULL, "."))
    v = json_is_array(v) ? json_array_get(v, (size_t)atoi(key)) : json_object_get(v, key);
  return json_string_value(v);
}

static const char *req_path(const json_t *req) { return json_string_value(json_object_get(req, "path")); }

/* --------------------------------------------------------- Gemini API */

static void inline_requests_gemini_api(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  const genai_string_entry meta[] = {{"key", "first"}};
  const genai_inlined_request r1 = {GENAI_INIT(genai_inlined_request), .contents = GENAI_TEXT("Hello"),
                                    .metadata = meta, .metadata_count = 1};
  const genai_inlined_request r2 = {GENAI_INIT(genai_inlined_request), .contents = GENAI_TEXT("Tell me a joke")};
  const genai_inlined_request *reqs[] = {&r1, &r2};
  genai_batch_job_source src = {GENAI_INIT(genai_batch_job_source), .inlined_requests = reqs,
                                .inlined_requests_count = 2};
  genai_create_batch_job_config cfg = {GENAI_INIT(genai_create_batch_job_config), .display_name = "my batch"};
  genai_batch_job *job = NULL;
  expect_ok(genai_batches_create(c, "gemini-2.0-flash", &src, &cfg, &job));
  json_t *req = itest_last_request();
  assert_string_equal(req_path(req), "/v1beta/models/gemini-2.0-flash:batchGenerateContent");
  assert_string_equal(body_string(req, "batch.displayName"), "my batch");
  assert_string_equal(body_string(req, "batch.inputConfig.requests.requests.0.request.contents.0.parts.0.text"),
                      "Hello");
  assert_string_equal(body_string(req, "batch.inputConfig.requests.requests.0.metadata.key"), "first");
  json_decref(req);
  assert_int_equal(strncmp(job->name, "batches/", 8), 0);
  assert_int_equal(job->state, GENAI_JOB_STATE_PENDING);
  assert_string_equal(job->display_name, "my batch");
  assert_string_equal(job->model, "models/gemini-2.0-flash");
  assert_non_null(job->create_time);
  /* read at once: running; then done, with an answer per request */
  genai_batch_job *got = NULL;
  expect_ok(genai_batches_get(c, job->name, NULL, &got));
  assert_int_equal(got->state, GENAI_JOB_STATE_RUNNING);
  assert_true(genai_job_state_is_running(got->state));
  req = itest_last_request();
  char expected[128];
  snprintf(expected, sizeof expected, "/v1beta/%s", job->name);
  assert_string_equal(req_path(req), expected);
  json_decref(req);
  got = wait_done(c, got);
  assert_int_equal(got->state, GENAI_JOB_STATE_SUCCEEDED);
  assert_non_null(got->end_time);
  assert_non_null(got->dest);
  assert_int_equal(got->dest->inlined_responses_count, 2);
  const genai_inlined_response *first = got->dest->inlined_responses[0];
  assert_non_null(first->response);
  assert_non_null(strstr(first->response->candidates[0]->content->parts[0]->text, "Hello"));
  assert_int_equal(first->metadata_count, 1);
  assert_string_equal(first->metadata[0].value, "first");
  genai_batch_job_free(got);
  /* delete, then it is gone */
  genai_delete_resource_job *deleted = NULL;
  expect_ok(genai_batches_delete(c, job->name, NULL, &deleted));
  genai_delete_resource_job_free(deleted);
  req = itest_last_request();
  assert_string_equal(json_string_value(json_object_get(req, "method")), "DELETE");
  json_decref(req);
  assert_int_equal(genai_batches_get(c, job->name, NULL, &got), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 404);
  assert_null(got);
  genai_batch_job_free(job);
  genai_client_free(c);
}

static void file_source_gemini_api(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_batch_job_source *src = NULL;
  expect_ok(genai_batch_job_source_from_uri("files/abc123", &src));
  genai_batch_job *job = NULL;
  expect_ok(genai_batches_create(c, "gemini-2.5-flash", src, NULL, &job));
  json_t *req = itest_last_request();
  assert_string_equal(body_string(req, "batch.inputConfig.fileName"), "files/abc123");
  json_decref(req);
  job = wait_done(c, job);
  assert_int_equal(job->state, GENAI_JOB_STATE_SUCCEEDED);
  assert_non_null(job->dest);
  assert_int_equal(strncmp(job->dest->file_name, "files/batch-", 12), 0);
  genai_batch_job_free(job);
  genai_batch_job_source_free(src);
  genai_client_free(c);
}

static void embeddings_gemini_api(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_embed_content_batch batch = {GENAI_INIT(genai_embed_content_batch),
                                     .contents = GENAI_LIST(GENAI_TEXT("one"), GENAI_TEXT("two"))};
  genai_embeddings_batch_job_source src = {GENAI_INIT(genai_embeddings_batch_job_source), .inlined_requests = &batch};
  genai_batch_job *job = NULL;
  expect_ok(genai_batches_create_embeddings(c, "gemini-embedding-001", &src, NULL, &job));
  json_t *req = itest_last_request();
  assert_string_equal(req_path(req), "/v1beta/models/gemini-embedding-001:asyncBatchEmbedContent");
  assert_string_equal(body_string(req, "batch.inputConfig.requests.requests.1.request.content.parts.0.text"), "two");
  json_decref(req);
  job = wait_done(c, job);
  assert_non_null(job->dest);
  assert_int_equal(job->dest->inlined_embed_content_responses_count, 2);
  assert_true(job->dest->inlined_embed_content_responses[0]->response->embedding->values_count > 0);
  genai_batch_job_free(job);
  /* Vertex AI has no embeddings batches */
  genai_client *v = itest_vertex_client(NULL);
  assert_int_equal(genai_batches_create_embeddings(v, "gemini-embedding-001", &src, NULL, &job), GENAI_EINVAL);
  genai_client_free(v);
  genai_client_free(c);
}

/* ----------------------------------------------------------- Vertex AI */

static genai_batch_job *vertex_create(genai_client *c, const char *uri, const genai_create_batch_job_config *cfg) {
  genai_batch_job_source *src = NULL;
  expect_ok(genai_batch_job_source_from_uri(uri, &src));
  genai_batch_job *job = NULL;
  expect_ok(genai_batches_create(c, "gemini-2.0-flash", src, cfg, &job));
  genai_batch_job_source_free(src);
  return job;
}

static void gcs_source_vertex(void **state) {
  (void)state;
  genai_client *c = itest_vertex_client(NULL);
  genai_batch_job *job = vertex_create(c, "gs://bucket/in/prompts.jsonl", NULL);
  json_t *req = itest_last_request();
  assert_string_equal(req_path(req), "/v1beta1/projects/test-project/locations/us-central1/batchPredictionJobs");
  assert_string_equal(body_string(req, "model"), "publishers/google/models/gemini-2.0-flash");
  assert_string_equal(body_string(req, "inputConfig.instancesFormat"), "jsonl");
  assert_string_equal(body_string(req, "inputConfig.gcsSource.uris.0"), "gs://bucket/in/prompts.jsonl");
  assert_string_equal(body_string(req, "outputConfig.predictionsFormat"), "jsonl");
  assert_string_equal(body_string(req, "outputConfig.gcsDestination.outputUriPrefix"), "gs://bucket/in/prompts/dest");
  assert_int_equal(strncmp(body_string(req, "displayName"), "genai_batch_job_", 16), 0);
  json_decref(req);
  assert_int_equal(job->state, GENAI_JOB_STATE_PENDING);
  assert_non_null(job->src);
  assert_int_equal(job->src->gcs_uri_count, 1);
  assert_string_equal(job->dest->gcs_uri, "gs://bucket/in/prompts/dest");
  /* the numeric id is a name too */
  genai_batch_job *got = NULL;
  expect_ok(genai_batches_get(c, strrchr(job->name, '/') + 1, NULL, &got));
  assert_string_equal(got->name, job->name);
  got = wait_done(c, got);
  assert_int_equal(got->state, GENAI_JOB_STATE_SUCCEEDED);
  assert_non_null(got->output_info);
  assert_int_equal(strncmp(got->output_info->gcs_output_directory, "gs://bucket/in/prompts/dest/prediction-model-", 45),
                   0);
  genai_batch_job_free(got);
  genai_delete_resource_job *deleted = NULL;
  expect_ok(genai_batches_delete(c, job->name, NULL, &deleted));
  assert_true(deleted->done && *deleted->done);
  genai_delete_resource_job_free(deleted);
  genai_batch_job_free(job);
  genai_client_free(c);
}

static void bigquery_source_vertex(void **state) {
  (void)state;
  genai_client *c = itest_vertex_client(NULL);
  genai_batch_job *job = vertex_create(c, "bq://proj.ds.table", NULL);
  json_t *req = itest_last_request();
  assert_string_equal(body_string(req, "inputConfig.instancesFormat"), "bigquery");
  assert_string_equal(body_string(req, "inputConfig.bigquerySource.inputUri"), "bq://proj.ds.table");
  assert_int_equal(
      strncmp(body_string(req, "outputConfig.bigqueryDestination.outputUri"), "bq://proj.ds.table_dest_", 24), 0);
  json_decref(req);
  genai_batch_job_free(job);
  /* an explicit destination and name are sent as given */
  genai_batch_job_destination *dest = NULL;
  expect_ok(genai_batch_job_destination_from_uri("bq://proj.ds.out", &dest));
  genai_create_batch_job_config cfg = {GENAI_INIT(genai_create_batch_job_config), .display_name = "bq job",
                                       .dest = dest};
  job = vertex_create(c, "bq://proj.ds.table", &cfg);
  req = itest_last_request();
  assert_string_equal(body_string(req, "outputConfig.bigqueryDestination.outputUri"), "bq://proj.ds.out");
  assert_string_equal(body_string(req, "displayName"), "bq job");
  json_decref(req);
  job = wait_done(c, job);
  assert_string_equal(job->output_info->bigquery_output_table, "bq://proj.ds.out");
  genai_batch_job_free(job);
  genai_batch_job_destination_free(dest);
  genai_client_free(c);
}

static void cancel_vertex(void **state) {
  (void)state;
  genai_client *c = itest_vertex_client(NULL);
  genai_batch_job *job = vertex_create(c, "gs://bucket/a.jsonl", NULL);
  expect_ok(genai_batches_cancel(c, job->name, NULL));
  json_t *req = itest_last_request();
  assert_non_null(strstr(req_path(req), ":cancel"));
  json_decref(req);
  genai_batch_job *got = NULL;
  expect_ok(genai_batches_get(c, job->name, NULL, &got));
  assert_int_equal(got->state, GENAI_JOB_STATE_CANCELLED);
  assert_true(genai_job_state_is_done(got->state));
  genai_batch_job_free(got);
  assert_int_equal(genai_batches_cancel(c, job->name, NULL), GENAI_EAPI);
  assert_string_equal(genai_error_last()->status, "FAILED_PRECONDITION");
  genai_batch_job_free(job);
  genai_client_free(c);
}

/* --------------------------------------------------- client-side errors */

static void bad_input(void **state) {
  (void)state;
  genai_client *m = itest_mldev_client(NULL), *v = itest_vertex_client(NULL);
  genai_batch_job *job = NULL;
  genai_batch_job_source *gcs = NULL;
  expect_ok(genai_batch_job_source_from_uri("gs://b/x.jsonl", &gcs));
  assert_int_equal(genai_batches_create(m, "gemini-2.0-flash", gcs, NULL, &job), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "other sources are not supported in Gemini API"));
  const genai_inlined_request r = {GENAI_INIT(genai_inlined_request), .contents = GENAI_TEXT("x")};
  const genai_inlined_request *reqs[] = {&r};
  genai_batch_job_source inl = {GENAI_INIT(genai_batch_job_source), .inlined_requests = reqs,
                                .inlined_requests_count = 1};
  assert_int_equal(genai_batches_create(v, "gemini-2.0-flash", &inl, NULL, &job), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "Exactly one of `gcs_uri` or `bigquery_uri`"));
  genai_batch_job_source two_gcs = {GENAI_INIT(genai_batch_job_source), .format = "jsonl",
                                    .gcs_uri = (const char *const[]){"gs://b/1.jsonl", "gs://b/2.jsonl"},
                                    .gcs_uri_count = 2};
  assert_int_equal(genai_batches_create(v, "gemini-2.0-flash", &two_gcs, NULL, &job), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "config.dest"));
  genai_batch_job_source *bad = NULL;
  assert_int_equal(genai_batch_job_source_from_uri("http://x", &bad), GENAI_EINVAL);
  assert_string_equal(genai_error_last()->message, "Unsupported source: http://x");
  assert_null(bad);
  expect_ok(genai_batch_job_source_from_uri("projects/p/locations/l/datasets/d", &bad));
  assert_string_equal(bad->vertex_dataset_name, "projects/p/locations/l/datasets/d");
  genai_batch_job_source_free(bad);
  genai_batch_job_destination *dest = NULL;
  assert_int_equal(genai_batch_job_destination_from_uri("files/x", &dest), GENAI_EINVAL);
  assert_null(dest);
  /* the states: the docs' completed_states and running_states, and the final EXPIRED */
  static const genai_job_state done[] = {GENAI_JOB_STATE_SUCCEEDED, GENAI_JOB_STATE_FAILED,
                                         GENAI_JOB_STATE_CANCELLED, GENAI_JOB_STATE_PAUSED,
                                         GENAI_JOB_STATE_EXPIRED,   GENAI_JOB_STATE_PARTIALLY_SUCCEEDED};
  static const genai_job_state running[] = {GENAI_JOB_STATE_QUEUED, GENAI_JOB_STATE_PENDING, GENAI_JOB_STATE_RUNNING,
                                            GENAI_JOB_STATE_CANCELLING, GENAI_JOB_STATE_UPDATING};
  for (size_t i = 0; i < sizeof done / sizeof done[0]; i++)
    assert_true(genai_job_state_is_done(done[i]) && !genai_job_state_is_running(done[i]));
  for (size_t i = 0; i < sizeof running / sizeof running[0]; i++)
    assert_true(genai_job_state_is_running(running[i]) && !genai_job_state_is_done(running[i]));
  assert_false(genai_job_state_is_done(GENAI_JOB_STATE_UNSPECIFIED) ||
               genai_job_state_is_running(GENAI_JOB_STATE_UNKNOWN));
  assert_int_equal(genai_batches_get(m, "abc", NULL, &job), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "Invalid batch job name: abc."));
  assert_int_equal(genai_batches_get(v, "batches/abc", NULL, &job), GENAI_EINVAL);
  assert_int_equal(genai_batches_get(m, NULL, NULL, &job), GENAI_EINVAL);
  assert_int_equal(genai_batches_create(m, NULL, &inl, NULL, &job), GENAI_EINVAL);
  assert_int_equal(genai_batches_create(m, "gemini-2.0-flash", NULL, NULL, &job), GENAI_EINVAL);
  assert_int_equal(itest_request_count(), 0);
  /* the service's errors */
  assert_int_equal(genai_batches_get(m, "batches/nothere", NULL, &job), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 404);
  assert_int_equal(genai_batches_create(m, "imagen-3.0-generate-002", &inl, NULL, &job), GENAI_EAPI);
  assert_null(job);
  genai_batch_job_source_free(gcs);
  genai_client_free(m);
  genai_client_free(v);
}

/* ------------------------------------------------------ pagers and async */

static void list_pages(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  const genai_inlined_request r = {GENAI_INIT(genai_inlined_request), .contents = GENAI_TEXT("x")};
  const genai_inlined_request *reqs[] = {&r};
  genai_batch_job_source src = {GENAI_INIT(genai_batch_job_source), .inlined_requests = reqs,
                                .inlined_requests_count = 1};
  char names[3][64];
  for (int i = 0; i < 3; i++) {
    genai_batch_job *job = NULL;
    expect_ok(genai_batches_create(c, "gemini-2.0-flash", &src, NULL, &job));
    snprintf(names[i], sizeof names[i], "%s", job->name);
    genai_batch_job_free(job);
  }
  genai_list_batch_jobs_config cfg = {GENAI_INIT(genai_list_batch_jobs_config), .page_size = &(int32_t){2}};
  genai_pager *p = NULL;
  expect_ok(genai_batches_list(c, &cfg, &p));
  json_t *req = itest_last_request();
  assert_string_equal(req_path(req), "/v1beta/batches");
  assert_string_equal(json_string_value(json_object_get(req, "query")), "pageSize=2");
  json_decref(req);
  assert_string_equal(genai_pager_name(p), "batch_jobs");
  assert_int_equal(genai_pager_page_len(p), 2);
  const genai_batch_job *job;
  int n = 0;
  genai_result rc;
  while ((rc = genai_pager_next(p, (const void **)&job)) == GENAI_OK) {
    assert_string_equal(job->name, names[n]);
    assert_int_equal(job->model ? 0 : 1, 0);
    n++;
  }
  assert_int_equal(rc, GENAI_DONE);
  assert_int_equal(n, 3);
  genai_pager_free(p);
  /* Vertex AI lists batchPredictionJobs, with a filter */
  genai_client *v = itest_vertex_client(NULL);
  genai_batch_job *vj = vertex_create(v, "gs://b/x.jsonl", NULL);
  genai_list_batch_jobs_config vcfg = {GENAI_INIT(genai_list_batch_jobs_config), .filter = "state=JOB_STATE_RUNNING"};
  expect_ok(genai_batches_list(v, &vcfg, &p));
  req = itest_last_request();
  assert_string_equal(req_path(req), "/v1beta1/projects/test-project/locations/us-central1/batchPredictionJobs");
  assert_non_null(strstr(json_string_value(json_object_get(req, "query")), "filter="));
  json_decref(req);
  assert_int_equal(genai_pager_page_len(p), 1);
  assert_string_equal(((const genai_batch_job *)genai_pager_page_item(p, 0))->name, vj->name);
  genai_pager_free(p);
  genai_batch_job_free(vj);
  /* filter is Vertex AI only */
  assert_int_equal(genai_batches_list(c, &vcfg, &p), GENAI_EINVAL);
  genai_client_free(v);
  genai_client_free(c);
}

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
  assert_int_equal(s->result, GENAI_OK);
}

static void async_forms(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_multi *multi = NULL;
  expect_ok(genai_multi_new(c, NULL, &multi));
  async_state s = {0};
  genai_op_callbacks cb = {GENAI_INIT(genai_op_callbacks), .on_done = on_done, .user_data = &s};
  const genai_inlined_request r = {GENAI_INIT(genai_inlined_request), .contents = GENAI_TEXT("x")};
  const genai_inlined_request *reqs[] = {&r};
  genai_batch_job_source src = {GENAI_INIT(genai_batch_job_source), .inlined_requests = reqs,
                                .inlined_requests_count = 1};
  genai_op *op = NULL;
  expect_ok(genai_batches_create_async(multi, "gemini-2.0-flash", &src, NULL, &cb, &op));
  run(multi, &s);
  genai_batch_job *job = NULL;
  expect_ok(genai_op_take_batch_job(op, &job));
  genai_op_free(op);
  s = (async_state){0};
  expect_ok(genai_batches_get_async(multi, job->name, NULL, &cb, &op));
  run(multi, &s);
  genai_batch_job *got = NULL;
  expect_ok(genai_op_take_batch_job(op, &got));
  assert_string_equal(got->name, job->name);
  genai_batch_job_free(got);
  genai_op_free(op);
  s = (async_state){0};
  expect_ok(genai_batches_cancel_async(multi, job->name, NULL, &cb, &op));
  run(multi, &s);
  genai_op_free(op);
  s = (async_state){0};
  expect_ok(genai_batches_list_async(multi, NULL, &cb, &op));
  run(multi, &s);
  genai_pager *p = NULL;
  expect_ok(genai_op_take_pager(op, &p));
  assert_int_equal(genai_pager_page_len(p), 1);
  assert_int_equal(((const genai_batch_job *)genai_pager_page_item(p, 0))->state, GENAI_JOB_STATE_CANCELLED);
  genai_pager_free(p);
  genai_op_free(op);
  s = (async_state){0};
  expect_ok(genai_batches_delete_async(multi, job->name, NULL, &cb, &op));
  run(multi, &s);
  genai_delete_resource_job *deleted = NULL;
  expect_ok(genai_op_take_delete_resource_job(op, &deleted));
  genai_delete_resource_job_free(deleted);
  genai_op_free(op);
  genai_batch_job_free(job);
  genai_multi_free(multi);
  genai_client_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(inline_requests_gemini_api, itest_reset),
      cmocka_unit_test_setup(file_source_gemini_api, itest_reset),
      cmocka_unit_test_setup(embeddings_gemini_api, itest_reset),
      cmocka_unit_test_setup(gcs_source_vertex, itest_reset),
      cmocka_unit_test_setup(bigquery_source_vertex, itest_reset),
      cmocka_unit_test_setup(cancel_vertex, itest_reset),
      cmocka_unit_test_setup(bad_input, itest_reset),
      cmocka_unit_test_setup(list_pages, itest_reset),
      cmocka_unit_test_setup(async_forms, itest_reset),
  };
  return itest_finish(cmocka_run_group_tests(tests, group_setup, NULL));
}
