/* Tuning on both backends against the emulator started with --lro-delay-ms:
 * what tune sends, the job Python synthesises on the Gemini API, the states
 * a job goes through, the tuned model it makes (models get, list, update and
 * delete), cancel, pagers, client-side errors and the async forms. */
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

/* The docs' loop: get while the job runs. */
static genai_tuning_job *wait_done(genai_client *c, genai_tuning_job *job) {
  for (int i = 0; i < 100 && genai_job_state_is_running(job->state); i++) {
    sleep_ms(50);
    char name[512];
    snprintf(name, sizeof name, "%s", job->name);
    genai_tuning_job_free(job);
    job = NULL;
    expect_ok(genai_tunings_get(c, name, NULL, &job));
  }
  assert_false(genai_job_state_is_running(job->state));
  return job;
}

static const json_t *body_at(const json_t *req, const char *path) {
  const json_t *v = json_object_get(req, "body");
  char copy[256];
  snprintf(copy, sizeof copy, "%s", path);
  for (char *key = strtok(copy, "."); key && v; key = strtok(NULL, "."))
    v = json_is_array(v) ? json_array_get(v, (size_t)atoi(key)) : json_object_get(v, key);
  return v;
}

static const char *body_string(const json_t *req, const char *path) { return json_string_value(body_at(req, path)); }

static const char *req_path(const json_t *req) { return json_string_value(json_object_get(req, "path")); }

static const char *label(const genai_model *m, const char *key) {
  for (size_t i = 0; i < m->labels_count; i++)
    if (!strcmp(m->labels[i].key, key)) return m->labels[i].value;
  return NULL;
}

/* The tuned model answers through its endpoint (as its base model, in the emulator). */
static void expect_generate(genai_client *c, const char *endpoint, const char *text) {
  genai_generate_content_response *r = NULL;
  expect_ok(genai_models_generate_content(c, endpoint, GENAI_TEXT("hi"), NULL, &r));
  assert_string_equal(genai_response_text(r), text);
  genai_generate_content_response_free(r);
}

/* ----------------------------------------------------------- Vertex AI */

static genai_tuning_job *vertex_tune(genai_client *c) {
  genai_tuning_dataset ds = {GENAI_INIT(genai_tuning_dataset), .gcs_uri = "gs://bucket/sft_train_data.jsonl"};
  genai_create_tuning_job_config cfg = {GENAI_INIT(genai_create_tuning_job_config), .epoch_count = &(int32_t){1},
                                        .tuned_model_display_name = "test_dataset_examples model"};
  genai_tuning_job *job = NULL;
  expect_ok(genai_tunings_tune(c, "gemini-2.0-flash-001", &ds, &cfg, &job));
  return job;
}

static void tune_vertex(void **state) {
  (void)state;
  genai_client *c = itest_vertex_client(NULL);
  genai_tuning_job *job = vertex_tune(c);
  json_t *req = itest_last_request();
  assert_string_equal(req_path(req), "/v1beta1/projects/test-project/locations/us-central1/tuningJobs");
  assert_string_equal(body_string(req, "baseModel"), "gemini-2.0-flash-001");
  assert_string_equal(body_string(req, "supervisedTuningSpec.trainingDatasetUri"), "gs://bucket/sft_train_data.jsonl");
  assert_int_equal(json_integer_value(body_at(req, "supervisedTuningSpec.hyperParameters.epochCount")), 1);
  assert_string_equal(body_string(req, "tunedModelDisplayName"), "test_dataset_examples model");
  json_decref(req);
  assert_int_equal(strncmp(job->name, "projects/test-project/locations/us-central1/tuningJobs/", 55), 0);
  assert_int_equal(job->state, GENAI_JOB_STATE_PENDING);
  genai_tuning_job *got = NULL;
  expect_ok(genai_tunings_get(c, job->name, NULL, &got));
  assert_int_equal(got->state, GENAI_JOB_STATE_RUNNING);
  req = itest_last_request();
  assert_string_equal(json_string_value(json_object_get(req, "method")), "GET");
  json_decref(req);
  got = wait_done(c, got);
  assert_int_equal(got->state, GENAI_JOB_STATE_SUCCEEDED);
  assert_non_null(got->tuned_model);
  assert_int_equal(strncmp(got->tuned_model->model, "projects/test-project/locations/us-central1/models/", 51), 0);
  assert_int_equal(strncmp(got->tuned_model->endpoint, "projects/test-project/locations/us-central1/endpoints/", 54),
                   0);
  expect_generate(c, got->tuned_model->endpoint, "Echo from gemini-2.0-flash-001: hi");
  /* Get Tuned Model */
  genai_model *m = NULL;
  expect_ok(genai_models_get(c, got->tuned_model->model, NULL, &m));
  assert_string_equal(m->name, got->tuned_model->model);
  assert_string_equal(m->display_name, "test_dataset_examples model");
  assert_string_equal(label(m, "google-vertex-llm-tuning-base-model-id"), "gemini-2-0-flash-001");
  assert_string_equal(label(m, "tune-type"), "sft");
  assert_int_equal(m->endpoints_count, 1);
  genai_model_free(m);
  /* List Tuned Models */
  genai_list_models_config lc = {GENAI_INIT(genai_list_models_config), .page_size = &(int32_t){10},
                                 .query_base = &(bool){false}};
  genai_pager *p = NULL;
  expect_ok(genai_models_list(c, &lc, &p));
  req = itest_last_request();
  assert_string_equal(req_path(req), "/v1beta1/projects/test-project/locations/us-central1/models");
  json_decref(req);
  assert_int_equal(genai_pager_page_len(p), 1);
  const genai_model *listed = genai_pager_page_item(p, 0);
  assert_string_equal(listed->name, got->tuned_model->model);
  /* Update Tuned Model */
  genai_update_model_config uc = {GENAI_INIT(genai_update_model_config), .display_name = "my tuned model",
                                  .description = "my tuned model description"};
  expect_ok(genai_models_update(c, listed->name, &uc, &m));
  assert_string_equal(m->display_name, "my tuned model");
  assert_string_equal(m->description, "my tuned model description");
  genai_model_free(m);
  genai_pager_free(p);
  /* delete: the model is gone, and stays gone though the job is read again */
  expect_ok(genai_models_delete(c, got->tuned_model->model, NULL, NULL));
  genai_tuning_job *again = NULL;
  expect_ok(genai_tunings_get(c, job->name, NULL, &again));
  genai_tuning_job_free(again);
  assert_int_equal(genai_models_get(c, got->tuned_model->model, NULL, &m), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 404);
  genai_tuning_job_free(got);
  genai_tuning_job_free(job);
  genai_client_free(c);
}

static void pre_tuned_model_vertex(void **state) {
  (void)state;
  genai_client *c = itest_vertex_client(NULL);
  genai_tuning_dataset ds = {GENAI_INIT(genai_tuning_dataset), .gcs_uri = "gs://bucket/more.jsonl"};
  genai_create_tuning_job_config cfg = {GENAI_INIT(genai_create_tuning_job_config),
                                        .pre_tuned_model_checkpoint_id = "2"};
  genai_tuning_job *job = NULL;
  expect_ok(genai_tunings_tune(c, "projects/test-project/locations/us-central1/models/123", &ds, &cfg, &job));
  json_t *req = itest_last_request();
  assert_null(body_at(req, "baseModel"));
  assert_string_equal(body_string(req, "preTunedModel.tunedModelName"),
                      "projects/test-project/locations/us-central1/models/123");
  assert_string_equal(body_string(req, "preTunedModel.checkpointId"), "2");
  json_decref(req);
  genai_tuning_job_free(job);
  genai_client_free(c);
}

static void cancel_vertex(void **state) {
  (void)state;
  genai_client *c = itest_vertex_client(NULL);
  genai_tuning_job *job = vertex_tune(c);
  genai_cancel_tuning_job_response *answer = NULL;
  expect_ok(genai_tunings_cancel(c, job->name, NULL, &answer));
  assert_non_null(answer);
  genai_cancel_tuning_job_response_free(answer);
  json_t *req = itest_last_request();
  char expected[256];
  snprintf(expected, sizeof expected, "/v1beta1/%s:cancel", job->name);
  assert_string_equal(req_path(req), expected);
  json_decref(req);
  genai_tuning_job *got = NULL;
  expect_ok(genai_tunings_get(c, job->name, NULL, &got));
  assert_int_equal(got->state, GENAI_JOB_STATE_CANCELLED);
  assert_null(got->tuned_model);
  genai_tuning_job_free(got);
  assert_int_equal(genai_tunings_cancel(c, job->name, NULL, NULL), GENAI_EAPI);
  assert_string_equal(genai_error_last()->status, "FAILED_PRECONDITION");
  genai_tuning_job_free(job);
  genai_client_free(c);
}

static void list_jobs_vertex(void **state) {
  (void)state;
  genai_client *c = itest_vertex_client(NULL);
  char names[3][256];
  for (int i = 0; i < 3; i++) {
    genai_tuning_job *job = vertex_tune(c);
    snprintf(names[i], sizeof names[i], "%s", job->name);
    genai_tuning_job_free(job);
  }
  genai_list_tuning_jobs_config cfg = {GENAI_INIT(genai_list_tuning_jobs_config), .page_size = &(int32_t){2}};
  genai_pager *p = NULL;
  expect_ok(genai_tunings_list(c, &cfg, &p));
  json_t *req = itest_last_request();
  assert_string_equal(req_path(req), "/v1beta1/projects/test-project/locations/us-central1/tuningJobs");
  assert_string_equal(json_string_value(json_object_get(req, "query")), "pageSize=2");
  json_decref(req);
  assert_string_equal(genai_pager_name(p), "tuning_jobs");
  assert_int_equal(genai_pager_page_size(p), 2);
  const genai_tuning_job *job;
  int n = 0;
  genai_result rc;
  while ((rc = genai_pager_next(p, (const void **)&job)) == GENAI_OK) assert_string_equal(job->name, names[n++]);
  assert_int_equal(rc, GENAI_DONE);
  assert_int_equal(n, 3);
  genai_pager_free(p);
  genai_client_free(c);
}

/* --------------------------------------------------------- Gemini API */

static genai_tuning_job *mldev_tune(genai_client *c) {
  genai_tuning_example e[5];
  const genai_tuning_example *examples[5];
  char inputs[5][32], outputs[5][32];
  for (int i = 0; i < 5; i++) {
    snprintf(inputs[i], sizeof inputs[i], "Input text %d", i);
    snprintf(outputs[i], sizeof outputs[i], "Output text %d", i);
    e[i] = (genai_tuning_example){GENAI_INIT(genai_tuning_example), .text_input = inputs[i], .output = outputs[i]};
    examples[i] = &e[i];
  }
  genai_tuning_dataset ds = {GENAI_INIT(genai_tuning_dataset), .examples = examples, .examples_count = 5};
  genai_create_tuning_job_config cfg = {GENAI_INIT(genai_create_tuning_job_config), .epoch_count = &(int32_t){1},
                                        .tuned_model_display_name = "test_dataset_examples model"};
  genai_tuning_job *job = NULL;
  expect_ok(genai_tunings_tune(c, "models/gemini-1.0-pro-001", &ds, &cfg, &job));
  return job;
}

static void tune_gemini_api(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_tuning_job *job = mldev_tune(c);
  json_t *req = itest_last_request();
  assert_string_equal(req_path(req), "/v1beta/tunedModels");
  assert_string_equal(body_string(req, "baseModel"), "models/gemini-1.0-pro-001");
  assert_string_equal(body_string(req, "displayName"), "test_dataset_examples model");
  assert_int_equal(json_integer_value(body_at(req, "tuningTask.hyperparameters.epochCount")), 1);
  assert_string_equal(body_string(req, "tuningTask.trainingData.examples.examples.4.textInput"), "Input text 4");
  json_decref(req);
  /* the job Python makes of the operation */
  assert_int_equal(strncmp(job->name, "tunedModels/", 12), 0);
  assert_null(strstr(job->name, "/operations/"));
  assert_int_equal(job->state, GENAI_JOB_STATE_QUEUED);
  assert_true(genai_job_state_is_running(job->state));
  genai_tuning_job *got = NULL;
  expect_ok(genai_tunings_get(c, job->name, NULL, &got));
  assert_int_equal(got->state, GENAI_JOB_STATE_RUNNING); /* CREATING */
  got = wait_done(c, got);
  assert_int_equal(got->state, GENAI_JOB_STATE_SUCCEEDED); /* ACTIVE */
  assert_string_equal(got->tuned_model->model, job->name);
  assert_string_equal(got->tuned_model->endpoint, job->name);
  expect_generate(c, got->tuned_model->endpoint, "Echo from gemini-1.0-pro-001: hi");
  assert_non_null(got->end_time);
  /* the tuned model through models.* */
  genai_model *m = NULL;
  expect_ok(genai_models_get(c, got->tuned_model->model, NULL, &m));
  assert_string_equal(m->name, job->name);
  assert_string_equal(m->display_name, "test_dataset_examples model");
  genai_model_free(m);
  genai_list_models_config lc = {GENAI_INIT(genai_list_models_config), .page_size = &(int32_t){10},
                                 .query_base = &(bool){false}};
  genai_pager *p = NULL;
  expect_ok(genai_models_list(c, &lc, &p));
  req = itest_last_request();
  assert_string_equal(req_path(req), "/v1beta/tunedModels");
  json_decref(req);
  assert_int_equal(genai_pager_page_len(p), 1);
  genai_update_model_config uc = {GENAI_INIT(genai_update_model_config), .display_name = "my tuned model"};
  expect_ok(genai_models_update(c, ((const genai_model *)genai_pager_page_item(p, 0))->name, &uc, &m));
  assert_string_equal(m->display_name, "my tuned model");
  genai_model_free(m);
  genai_pager_free(p);
  expect_ok(genai_models_delete(c, job->name, NULL, NULL));
  genai_tuning_job_free(got);
  assert_int_equal(genai_tunings_get(c, job->name, NULL, &got), GENAI_EAPI);
  assert_null(got);
  genai_tuning_job_free(job);
  genai_client_free(c);
}

/* --------------------------------------------------- client-side errors */

static void bad_input(void **state) {
  (void)state;
  genai_client *m = itest_mldev_client(NULL), *v = itest_vertex_client(NULL);
  genai_tuning_job *job = NULL;
  genai_pager *p = NULL;
  assert_int_equal(genai_tunings_list(m, NULL, &p), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "only supported in"));
  genai_tuning_dataset gcs = {GENAI_INIT(genai_tuning_dataset), .gcs_uri = "gs://b/x.jsonl"};
  assert_int_equal(genai_tunings_tune(m, "models/gemini-1.0-pro-001", &gcs, NULL, &job), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "gcs_uri"));
  const genai_tuning_example e = {GENAI_INIT(genai_tuning_example), .text_input = "a", .output = "b"};
  const genai_tuning_example *examples[] = {&e};
  genai_tuning_dataset inl = {GENAI_INIT(genai_tuning_dataset), .examples = examples, .examples_count = 1};
  assert_int_equal(genai_tunings_tune(v, "gemini-2.0-flash-001", &inl, NULL, &job), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "examples"));
  assert_int_equal(genai_tunings_tune(v, NULL, &gcs, NULL, &job), GENAI_EINVAL);
  assert_int_equal(genai_tunings_tune(v, "gemini-2.0-flash-001", NULL, NULL, &job), GENAI_EINVAL);
  assert_int_equal(genai_tunings_get(v, "", NULL, &job), GENAI_EINVAL);
  assert_int_equal(genai_tunings_cancel(v, NULL, NULL, NULL), GENAI_EINVAL);
  assert_int_equal(itest_request_count(), 0);
  /* the service's errors */
  assert_int_equal(genai_tunings_get(v, "projects/test-project/locations/us-central1/tuningJobs/1", NULL, &job),
                   GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 404);
  genai_tuning_dataset none = {GENAI_INIT(genai_tuning_dataset)};
  assert_int_equal(genai_tunings_tune(v, "gemini-2.0-flash-001", &none, NULL, &job), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 400);
  assert_null(job);
  genai_client_free(m);
  genai_client_free(v);
}

/* --------------------------------------------------------------- async */

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
  genai_client *m = itest_mldev_client(NULL);
  genai_multi *multi = NULL;
  expect_ok(genai_multi_new(m, NULL, &multi));
  async_state s = {0};
  genai_op_callbacks cb = {GENAI_INIT(genai_op_callbacks), .on_done = on_done, .user_data = &s};
  const genai_tuning_example e = {GENAI_INIT(genai_tuning_example), .text_input = "a", .output = "b"};
  const genai_tuning_example *examples[] = {&e};
  genai_tuning_dataset inl = {GENAI_INIT(genai_tuning_dataset), .examples = examples, .examples_count = 1};
  genai_op *op = NULL;
  expect_ok(genai_tunings_tune_async(multi, "models/gemini-1.0-pro-001", &inl, NULL, &cb, &op));
  genai_tuning_job *job = NULL;
  assert_int_equal(genai_op_take_tuning_job(op, &job), GENAI_EINPROGRESS);
  run(multi, &s);
  expect_ok(genai_op_take_tuning_job(op, &job));
  assert_int_equal(job->state, GENAI_JOB_STATE_QUEUED);
  assert_int_equal(strncmp(job->name, "tunedModels/", 12), 0);
  genai_tuning_job *again = NULL;
  assert_int_equal(genai_op_take_tuning_job(op, &again), GENAI_EINVAL);
  genai_op_free(op);
  s = (async_state){0};
  expect_ok(genai_tunings_get_async(multi, job->name, NULL, &cb, &op));
  run(multi, &s);
  expect_ok(genai_op_take_tuning_job(op, &again));
  assert_string_equal(again->name, job->name);
  genai_tuning_job_free(again);
  genai_op_free(op);
  genai_tuning_job_free(job);
  genai_multi_free(multi);
  /* Vertex AI: list and cancel */
  genai_client *v = itest_vertex_client(NULL);
  expect_ok(genai_multi_new(v, NULL, &multi));
  job = vertex_tune(v);
  s = (async_state){0};
  expect_ok(genai_tunings_cancel_async(multi, job->name, NULL, &cb, &op));
  run(multi, &s);
  genai_cancel_tuning_job_response *answer = NULL;
  expect_ok(genai_op_take_cancel_tuning_job_response(op, &answer));
  genai_cancel_tuning_job_response_free(answer);
  genai_op_free(op);
  s = (async_state){0};
  expect_ok(genai_tunings_list_async(multi, NULL, &cb, &op));
  run(multi, &s);
  genai_pager *p = NULL;
  expect_ok(genai_op_take_pager(op, &p));
  assert_int_equal(((const genai_tuning_job *)genai_pager_page_item(p, 0))->state, GENAI_JOB_STATE_CANCELLED);
  genai_pager_free(p);
  genai_op_free(op);
  genai_tuning_job_free(job);
  genai_multi_free(multi);
  genai_client_free(v);
  genai_client_free(m);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(tune_vertex, itest_reset),     cmocka_unit_test_setup(pre_tuned_model_vertex, itest_reset),
      cmocka_unit_test_setup(cancel_vertex, itest_reset),   cmocka_unit_test_setup(list_jobs_vertex, itest_reset),
      cmocka_unit_test_setup(tune_gemini_api, itest_reset), cmocka_unit_test_setup(bad_input, itest_reset),
      cmocka_unit_test_setup(async_forms, itest_reset),
  };
  return itest_finish(cmocka_run_group_tests(tests, group_setup, NULL));
}
