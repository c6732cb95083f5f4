/* Batch jobs, tuning jobs and tuned models of genai-emulator on the wire
 * (docs/emulator.md, "Jobs"): the shapes each backend answers, the
 * lifecycle under --lro-delay-ms, and the errors. */
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

#define VERTEX "/v1beta1/projects/p/locations/us-central1/"
#define AUTH "x-goog-api-key: k"

static emu_harness emu;

static json_t *call(const char *method, const char *path, const char *body, long want) {
  const char *auth = strncmp(path, "/v1beta1/", 9) ? AUTH : "Authorization: Bearer t";
  const char *headers[] = {auth, "Content-Type: application/json", NULL};
  http_reply r;
  http_call(NULL, &emu, method, path, headers, body, &r);
  if (r.status != want) fail_msg("%s %s: status %ld, want %ld: %s", method, path, r.status, want, r.body);
  json_t *doc = http_reply_json(&r);
  http_reply_dispose(&r);
  return doc;
}

static void sleep_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}

static int reset(void **state) {
  (void)state;
  return emu_reset(&emu) == 200 ? 0 : -1;
}

#define INLINE_BATCH                                                                              \
  "{\"batch\":{\"displayName\":\"b\",\"inputConfig\":{\"requests\":{\"requests\":["               \
  "{\"request\":{\"contents\":[{\"parts\":[{\"text\":\"Hi\"}]}]},\"metadata\":{\"key\":\"k1\"}}," \
  "{\"request\":{\"contents\":[{\"role\":\"model\",\"parts\":[]}]}}]}}}}"

static void mldev_batch_lifecycle(void **state) {
  (void)state;
  json_t *op = call("POST", "/v1beta/models/gemini-2.0-flash:batchGenerateContent", INLINE_BATCH, 200);
  const char *name = jp_str(op, "name");
  assert_int_equal(strncmp(name, "batches/", 8), 0);
  assert_string_equal(jp_str(op, "metadata.state"), "BATCH_STATE_PENDING");
  assert_string_equal(jp_str(op, "metadata.name"), name);
  assert_string_equal(jp_str(op, "metadata.model"), "models/gemini-2.0-flash");
  assert_string_equal(jp_str(op, "metadata.batchStats.requestCount"), "2");
  assert_null(jp(op, "done"));
  char path[128];
  snprintf(path, sizeof path, "/v1beta/%s", name);
  json_t *running = call("GET", path, NULL, 200);
  assert_string_equal(jp_str(running, "metadata.state"), "BATCH_STATE_RUNNING");
  json_decref(running);
  sleep_ms(250);
  json_t *done = call("GET", path, NULL, 200);
  assert_string_equal(jp_str(done, "metadata.state"), "BATCH_STATE_SUCCEEDED");
  assert_true(json_is_true(jp(done, "done")));
  assert_non_null(jp_str(done, "metadata.endTime"));
  /* each request answered alone: the first as generateContent would, the
   * second with the error generateContent gives */
  assert_non_null(strstr(
      jp_str(done, "metadata.output.inlinedResponses.inlinedResponses.0.response.candidates.0.content.parts.0.text"),
      "Hi"));
  assert_string_equal(jp_str(done, "metadata.output.inlinedResponses.inlinedResponses.0.metadata.key"), "k1");
  assert_int_equal(jp_int(done, "metadata.output.inlinedResponses.inlinedResponses.1.error.code"), 3);
  assert_string_equal(jp_str(done, "response.@type"),
                      "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput");
  json_decref(done);
  /* listed under "operations"; cancel once done is refused; delete */
  json_t *list = call("GET", "/v1beta/batches?pageSize=1", NULL, 200);
  assert_string_equal(jp_str(list, "operations.0.name"), name);
  json_decref(list);
  snprintf(path, sizeof path, "/v1beta/%s:cancel", name);
  json_decref(call("POST", path, "{}", 400));
  snprintf(path, sizeof path, "/v1beta/%s", name);
  json_t *empty = call("DELETE", path, NULL, 200);
  assert_int_equal(json_object_size(empty), 0);
  json_decref(empty);
  json_decref(call("GET", path, NULL, 404));
  json_decref(op);
}

static void mldev_batch_errors(void **state) {
  (void)state;
  json_decref(call("POST", "/v1beta/models/gemini-2.0-flash:batchGenerateContent", "{\"batch\":{}}", 400));
  json_decref(call("POST", "/v1beta/models/gemini-2.0-flash:batchGenerateContent",
                   "{\"batch\":{\"inputConfig\":{\"fileName\":\"files/a\",\"requests\":{\"requests\":[{}]}}}}", 400));
  json_decref(call("POST", "/v1beta/models/nope-1:batchGenerateContent", INLINE_BATCH, 404));
  json_decref(call("GET", "/v1beta/batches/missing", NULL, 404));
  json_decref(call("POST", "/v1beta/batches/missing:cancel", "{}", 404));
}

static void mldev_file_and_embed(void **state) {
  (void)state;
  json_t *op = call("POST", "/v1beta/models/gemini-2.0-flash:batchGenerateContent",
                    "{\"batch\":{\"inputConfig\":{\"fileName\":\"files/in\"}}}", 200);
  char path[128];
  snprintf(path, sizeof path, "/v1beta/%s", jp_str(op, "name"));
  sleep_ms(250);
  json_t *done = call("GET", path, NULL, 200);
  assert_int_equal(strncmp(jp_str(done, "metadata.output.responsesFile"), "files/batch-", 12), 0);
  json_decref(done);
  json_decref(op);
  op = call("POST", "/v1beta/models/gemini-embedding-001:asyncBatchEmbedContent",
            "{\"batch\":{\"inputConfig\":{\"requests\":{\"requests\":[{\"request\":{\"content\":{\"parts\":[{\"text\":"
            "\"a\"}]},\"outputDimensionality\":8}}]}}}}",
            200);
  snprintf(path, sizeof path, "/v1beta/%s", jp_str(op, "name"));
  sleep_ms(250);
  done = call("GET", path, NULL, 200);
  assert_int_equal(
      json_array_size(jp(done, "metadata.output.inlinedResponses.inlinedResponses.0.response.embedding.values")), 8);
  json_decref(done);
  json_decref(op);
}

#define VERTEX_BATCH                                                                                 \
  "{\"model\":\"publishers/google/models/gemini-2.0-flash\",\"displayName\":\"j\",\"inputConfig\":{" \
  "\"instancesFormat\":\"jsonl\",\"gcsSource\":{\"uris\":[\"gs://b/in.jsonl\"]}},\"outputConfig\":{" \
  "\"predictionsFormat\":\"jsonl\",\"gcsDestination\":{\"outputUriPrefix\":\"gs://b/out\"}}}"

static void vertex_batch_lifecycle(void **state) {
  (void)state;
  json_t *job = call("POST", VERTEX "batchPredictionJobs", VERTEX_BATCH, 200);
  const char *name = jp_str(job, "name");
  assert_int_equal(strncmp(name, "projects/p/locations/us-central1/batchPredictionJobs/", 53), 0);
  assert_int_equal(strlen(name + 53), 19);
  assert_string_equal(jp_str(job, "state"), "JOB_STATE_PENDING");
  char path[256];
  snprintf(path, sizeof path, "/v1beta1/%s:cancel", name);
  json_t *empty = call("POST", path, "{}", 200);
  assert_int_equal(json_object_size(empty), 0);
  json_decref(empty);
  snprintf(path, sizeof path, "/v1beta1/%s", name);
  json_t *got = call("GET", path, NULL, 200);
  assert_string_equal(jp_str(got, "state"), "JOB_STATE_CANCELLED");
  json_decref(got);
  json_t *list = call("GET", VERTEX "batchPredictionJobs", NULL, 200);
  assert_string_equal(jp_str(list, "batchPredictionJobs.0.name"), name);
  json_decref(list);
  json_t *deleted = call("DELETE", path, NULL, 200);
  assert_true(json_is_true(jp(deleted, "done")));
  assert_non_null(strstr(jp_str(deleted, "name"), "/operations/"));
  json_decref(deleted);
  json_decref(job);
  /* a job runs its course */
  job = call("POST", VERTEX "batchPredictionJobs", VERTEX_BATCH, 200);
  snprintf(path, sizeof path, "/v1beta1/%s", jp_str(job, "name"));
  sleep_ms(250);
  got = call("GET", path, NULL, 200);
  assert_string_equal(jp_str(got, "state"), "JOB_STATE_SUCCEEDED");
  assert_int_equal(strncmp(jp_str(got, "outputInfo.gcsOutputDirectory"), "gs://b/out/prediction-model-", 28), 0);
  json_decref(got);
  json_decref(job);
  json_decref(call("POST", VERTEX "batchPredictionJobs", "{\"model\":\"m\",\"displayName\":\"x\"}", 400));
}

static void vertex_tuning(void **state) {
  (void)state;
  json_t *job = call("POST", VERTEX "tuningJobs",
                     "{\"baseModel\":\"gemini-2.0-flash-001\",\"tunedModelDisplayName\":\"t\","
                     "\"supervisedTuningSpec\":{\"trainingDatasetUri\":\"gs://b/t.jsonl\"}}",
                     200);
  assert_string_equal(jp_str(job, "state"), "JOB_STATE_PENDING");
  char path[256];
  snprintf(path, sizeof path, "/v1beta1/%s", jp_str(job, "name"));
  json_t *got = call("GET", path, NULL, 200);
  assert_string_equal(jp_str(got, "state"), "JOB_STATE_RUNNING");
  assert_null(jp(got, "tunedModel"));
  json_decref(got);
  sleep_ms(250);
  got = call("GET", path, NULL, 200);
  assert_string_equal(jp_str(got, "state"), "JOB_STATE_SUCCEEDED");
  const char *model = jp_str(got, "tunedModel.model");
  assert_int_equal(strncmp(model, "projects/p/locations/us-central1/models/", 40), 0);
  snprintf(path, sizeof path, "/v1beta1/%s", model);
  json_t *m = call("GET", path, NULL, 200);
  assert_string_equal(jp_str(m, "labels.tune-type"), "sft");
  assert_string_equal(jp_str(m, "labels.google-vertex-llm-tuning-base-model-id"), "gemini-2-0-flash-001");
  assert_string_equal(jp_str(m, "deployedModels.0.endpoint"), jp_str(got, "tunedModel.endpoint"));
  json_decref(m);
  json_t *list = call("GET", VERTEX "tuningJobs", NULL, 200);
  assert_int_equal(json_array_size(jp(list, "tuningJobs")), 1);
  json_decref(list);
  json_decref(got);
  json_decref(job);
  json_decref(call("POST", VERTEX "tuningJobs", "{\"baseModel\":\"gemini-2.0-flash-001\"}", 400));
  json_decref(call("GET", VERTEX "tuningJobs/1", NULL, 404));
}

static void mldev_tuning(void **state) {
  (void)state;
  json_t *op = call("POST", "/v1beta/tunedModels",
                    "{\"baseModel\":\"models/gemini-1.0-pro-001\",\"displayName\":\"d\",\"tuningTask\":{"
                    "\"hyperparameters\":{\"epochCount\":1},\"trainingData\":{\"examples\":{\"examples\":[{"
                    "\"textInput\":\"a\",\"output\":\"b\"}]}}}}",
                    200);
  const char *model = jp_str(op, "metadata.tunedModel");
  assert_int_equal(strncmp(model, "tunedModels/", 12), 0);
  assert_int_equal(strncmp(jp_str(op, "name"), model, strlen(model)), 0);
  assert_non_null(strstr(jp_str(op, "name"), "/operations/"));
  char path[256];
  snprintf(path, sizeof path, "/v1beta/%s", model);
  json_t *m = call("GET", path, NULL, 200);
  assert_string_equal(jp_str(m, "state"), "CREATING");
  json_decref(m);
  snprintf(path, sizeof path, "/v1beta/%s", jp_str(op, "name"));
  json_t *pending = call("GET", path, NULL, 200);
  assert_null(jp(pending, "done"));
  json_decref(pending);
  sleep_ms(250);
  json_t *done = call("GET", path, NULL, 200);
  assert_true(json_is_true(jp(done, "done")));
  assert_string_equal(jp_str(done, "response.state"), "ACTIVE");
  json_decref(done);
  json_t *list = call("GET", "/v1beta/tunedModels", NULL, 200);
  assert_string_equal(jp_str(list, "tunedModels.0.state"), "ACTIVE");
  assert_non_null(jp_str(list, "tunedModels.0.tuningTask.completeTime"));
  json_decref(list);
  json_decref(op);
  json_decref(call("POST", "/v1beta/tunedModels", "{\"baseModel\":\"models/gemini-1.0-pro-001\"}", 400));
}

int main(void) {
  if (emu_start(&emu, (const char *const[]){"--quiet", "--lro-delay-ms", "200", NULL}) != 0) return 1;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(mldev_batch_lifecycle, reset), cmocka_unit_test_setup(mldev_batch_errors, reset),
      cmocka_unit_test_setup(mldev_file_and_embed, reset),  cmocka_unit_test_setup(vertex_batch_lifecycle, reset),
      cmocka_unit_test_setup(vertex_tuning, reset),         cmocka_unit_test_setup(mldev_tuning, reset),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  if (emu_stop(&emu) != 0) failed++;
  return failed ? 1 : 0;
}
