/* Embeddings of genai-emulator: mldev batchEmbedContents and embedContent,
 * Vertex AI predict and embedContent; shapes, dimensions, determinism,
 * truncation and errors (docs/emulator.md, "Embeddings"). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "emulator_harness.h"
#include "http_client.h"
#include "json_path.h"

#define BATCH(model) MLDEV_RPC(model, "batchEmbedContents")
#define PREDICT(model) VERTEX_RPC(model, "predict")
#define REQ(model, text) \
  "{\"model\":\"models/" model "\",\"content\":{\"parts\":[{\"text\":\"" text "\"}]}}"

static emu_harness emu;

static json_t *post_ok(const char *path, const char *auth, const char *body) {
  long status;
  json_t *doc = http_post_json(&emu, path, auth, body, &status);
  if (status != 200) {
    char *shown = json_dumps(doc, 0);
    fail_msg("status %ld for %s: %s", status, path, shown ? shown : "(no JSON)");
  }
  return doc;
}

static json_t *post_error(const char *path, const char *auth, const char *body, long want,
                          const char *google_status) {
  long status;
  json_t *doc = http_post_json(&emu, path, auth, body, &status);
  assert_int_equal(status, want);
  assert_string_equal(jp_str(doc, "error.status"), google_status);
  return doc;
}

static double norm(const json_t *values) {
  double sum = 0;
  for (size_t i = 0; i < json_array_size(values); i++) {
    double v = json_real_value(json_array_get(values, i));
    sum += v * v;
  }
  return sqrt(sum);
}

static void assert_unit_vector(const json_t *values, size_t dims) {
  assert_int_equal(json_array_size(values), dims);
  for (size_t i = 0; i < dims; i++) assert_true(json_is_real(json_array_get(values, i)));
  assert_true(fabs(norm(values) - 1.0) < 1e-5);
}

static void test_batch_shape_and_dimensions(void **state) {
  (void)state;
  json_t *doc = post_ok(BATCH("text-embedding-004"), API_KEY_HEADER,
                        "{\"requests\":[" REQ("text-embedding-004", "Hello world") ","
                        "{\"model\":\"models/text-embedding-004\",\"content\":{\"parts\":"
                        "[{\"text\":\"Hello world\"}]},\"outputDimensionality\":10,"
                        "\"taskType\":\"RETRIEVAL_DOCUMENT\",\"title\":\"T\"},"
                        REQ("text-embedding-004", "Something else") "]}");
  assert_int_equal(json_object_size(doc), 1);
  assert_int_equal(json_array_size(jp(doc, "embeddings")), 3);
  assert_int_equal(json_object_size(jp(doc, "embeddings.0")), 1);
  assert_unit_vector(jp(doc, "embeddings.0.values"), 768); /* the default */
  assert_unit_vector(jp(doc, "embeddings.1.values"), 10);
  assert_unit_vector(jp(doc, "embeddings.2.values"), 768);
  /* A smaller dimension is the re-normalised prefix of the full vector. */
  const json_t *full = jp(doc, "embeddings.0.values"), *small = jp(doc, "embeddings.1.values");
  double scale =
      json_real_value(json_array_get(small, 0)) / json_real_value(json_array_get(full, 0));
  for (size_t i = 0; i < 10; i++)
    assert_true(fabs(json_real_value(json_array_get(small, i)) -
                     scale * json_real_value(json_array_get(full, i))) < 1e-6);
  /* Different text, different vector. */
  assert_false(json_equal(jp(doc, "embeddings.0.values"), jp(doc, "embeddings.2.values")));
  json_decref(doc);
}

/* The vector depends only on the text: same on every route and backend,
 * and on every call. */
static void test_deterministic_across_routes(void **state) {
  (void)state;
  json_t *a = post_ok(BATCH("gemini-embedding-001"), API_KEY_HEADER,
                      "{\"requests\":[" REQ("gemini-embedding-001", "Hello world") "]}");
  json_t *b = post_ok(MLDEV_RPC("text-embedding-004", "embedContent"), API_KEY_HEADER,
                      "{\"content\":{\"parts\":[{\"text\":\"Hello world\"}]}}");
  json_t *c = post_ok(PREDICT("text-embedding-004"), BEARER_HEADER,
                      "{\"instances\":[{\"content\":\"Hello world\"}]}");
  json_t *d = post_ok(VERTEX_RPC("gemini-embedding-001", "embedContent"), BEARER_HEADER,
                      "{\"content\":{\"parts\":[{\"text\":\"Hello world\"}]}}");
  json_t *e = post_ok(BATCH("gemini-embedding-001"), API_KEY_HEADER,
                      "{\"requests\":[" REQ("gemini-embedding-001", "Hello world") "]}");
  const json_t *v = jp(a, "embeddings.0.values");
  assert_unit_vector(v, 768);
  assert_true(json_equal(v, jp(b, "embedding.values")));
  assert_true(json_equal(v, jp(c, "predictions.0.embeddings.values")));
  assert_true(json_equal(v, jp(d, "embedding.values")));
  assert_true(json_equal(v, jp(e, "embeddings.0.values")));
  /* Several text parts are joined with single spaces. */
  json_t *f = post_ok(MLDEV_RPC("text-embedding-004", "embedContent"), API_KEY_HEADER,
                      "{\"content\":{\"parts\":[{\"text\":\"Hello\"},{\"text\":\"world\"}]}}");
  assert_true(json_equal(v, jp(f, "embedding.values")));
  json_decref(a);
  json_decref(b);
  json_decref(c);
  json_decref(d);
  json_decref(e);
  json_decref(f);
}

static void test_batch_errors(void **state) {
  (void)state;
  json_t *doc = post_error(
      BATCH("text-embedding-004"), API_KEY_HEADER,
      "{\"requests\":[" REQ("text-embedding-004", "a") "," REQ("gemini-embedding-001", "b") "]}",
      400, "INVALID_ARGUMENT");
  assert_string_equal(jp_str(doc, "error.message"),
                      "* BatchEmbedContentsRequest.requests[1].model: the model of each request "
                      "must be the model of the batch (models/text-embedding-004), got "
                      "models/gemini-embedding-001.\n");
  json_decref(doc);
  doc = post_error(BATCH("text-embedding-004"), API_KEY_HEADER,
                   "{\"requests\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}},"
                   "{\"model\":\"models/text-embedding-004\",\"outputDimensionality\":4000}]}",
                   400, "INVALID_ARGUMENT");
  assert_string_equal(jp_str(doc, "error.message"),
                      "* BatchEmbedContentsRequest.requests[0].model: model is not specified\n"
                      "* BatchEmbedContentsRequest.requests[1].content: content is not specified\n"
                      "* BatchEmbedContentsRequest.requests[1].output_dimensionality: "
                      "output_dimensionality must be in the range [1, 3072], got 4000.\n");
  json_decref(doc);
  doc = post_error(BATCH("text-embedding-004"), API_KEY_HEADER,
                   "{\"requests\":[{\"model\":\"text-embedding-004\",\"content\":{\"parts\":"
                   "[{\"text\":\"a\"}]}}]}",
                   400, "INVALID_ARGUMENT");
  assert_string_equal(jp_str(doc, "error.message"), "unexpected model name format");
  json_decref(doc);
  doc = post_error(BATCH("text-embedding-004"), API_KEY_HEADER, "{\"requests\":[]}", 400,
                   "INVALID_ARGUMENT");
  assert_string_equal(jp_str(doc, "error.message"),
                      "* BatchEmbedContentsRequest.requests: requests is not specified\n");
  json_decref(doc);
  /* Shape errors come from the transcoder, before the model. */
  doc = post_error(BATCH("text-embedding-004"), API_KEY_HEADER,
                   "{\"requests\":[{\"model\":\"models/text-embedding-004\",\"taskType\":\"NOPE\","
                   "\"autoTruncate\":true,\"content\":{\"parts\":[{\"txt\":\"a\"}]}}]}",
                   400, "INVALID_ARGUMENT");
  assert_string_equal(
      jp_str(doc, "error.message"),
      "Invalid JSON payload received. Unknown name \"autoTruncate\" at "
      "'requests[0]': Cannot find field.\n"
      "Invalid value at 'requests[0].task_type' "
      "(type.googleapis.com/google.ai.generativelanguage.v1beta.TaskType), \"NOPE\"\n"
      "Invalid JSON payload received. Unknown name \"txt\" at "
      "'requests[0].content.parts[0]': Cannot find field.");
  json_decref(doc);
  doc = post_error(BATCH("gemini-2.0-flash"), API_KEY_HEADER,
                   "{\"requests\":[" REQ("gemini-2.0-flash", "a") "]}", 404, "NOT_FOUND");
  assert_string_equal(jp_str(doc, "error.message"),
                      "models/gemini-2.0-flash is not found for API version v1beta, or is not "
                      "supported for batchEmbedContents. Call ListModels to see the list of "
                      "available models and their supported methods.");
  json_decref(doc);
  json_decref(post_error(BATCH("text-embedding-004"), NULL, "{}", 403, "PERMISSION_DENIED"));
}

static void test_batch_limit(void **state) {
  (void)state;
  char *body = malloc(101 * 128 + 64);
  strcpy(body, "{\"requests\":[");
  for (int i = 0; i < 101; i++) {
    if (i) strcat(body, ",");
    strcat(body, REQ("embedding-001", "x"));
  }
  strcat(body, "]}");
  json_t *doc = post_error(BATCH("embedding-001"), API_KEY_HEADER, body, 400, "INVALID_ARGUMENT");
  assert_string_equal(jp_str(doc, "error.message"),
                      "* BatchEmbedContentsRequest.requests: at most 100 requests can be in one "
                      "batch\n");
  json_decref(doc);
  /* Exactly 100 is fine. */
  strcpy(body, "{\"requests\":[");
  for (int i = 0; i < 100; i++) {
    if (i) strcat(body, ",");
    strcat(body, REQ("embedding-001", "x"));
  }
  strcat(body, "]}");
  doc = post_ok(BATCH("embedding-001"), API_KEY_HEADER, body);
  assert_int_equal(json_array_size(jp(doc, "embeddings")), 100);
  json_decref(doc);
  free(body);
}

static void test_mldev_embed_content(void **state) {
  (void)state;
  json_t *doc = post_ok(MLDEV_RPC("gemini-embedding-001", "embedContent"), API_KEY_HEADER,
                        "{\"model\":\"models/gemini-embedding-001\",\"content\":{\"parts\":"
                        "[{\"text\":\"hi\"}]},\"outputDimensionality\":3}");
  assert_int_equal(json_object_size(doc), 1);
  assert_unit_vector(jp(doc, "embedding.values"), 3);
  json_decref(doc);
  doc = post_error(MLDEV_RPC("gemini-embedding-001", "embedContent"), API_KEY_HEADER, "{}", 400,
                   "INVALID_ARGUMENT");
  assert_string_equal(jp_str(doc, "error.message"),
                      "* EmbedContentRequest.content: content is not specified\n");
  json_decref(doc);
  /* mldev's :predict is for Imagen models only: the service's JSON 404 */
  http_reply r;
  const char *headers[] = {API_KEY_HEADER, NULL};
  http_call(NULL, &emu, "POST", MLDEV_RPC("text-embedding-004", "predict"), headers,
            "{\"instances\":[]}", &r);
  assert_int_equal(r.status, 404);
  assert_non_null(strstr(r.body, "is not supported for predict"));
  http_reply_dispose(&r);
}

static void test_vertex_predict(void **state) {
  (void)state;
  http_reply r;
  const char *headers[] = {BEARER_HEADER, NULL};
  http_call(NULL, &emu, "POST", PREDICT("text-embedding-004"), headers,
            "{\"instances\":[{\"content\":\"Hello world\",\"task_type\":\"RETRIEVAL_QUERY\"},"
            "{\"content\":\"Hi\",\"title\":\"t\"}],\"parameters\":{\"outputDimensionality\":4}}",
            &r);
  assert_int_equal(r.status, 200);
  /* Key order as recorded: predictions, then metadata; statistics before
   * values, truncated before token_count. */
  assert_non_null(strstr(r.body,
                         "{\n  \"predictions\": [\n    {\n      \"embeddings\": {\n"
                         "        \"statistics\": {\n          \"truncated\": false,\n"
                         "          \"token_count\": 2\n        },\n        \"values\": ["));
  json_t *doc = http_reply_json(&r);
  assert_int_equal(json_array_size(jp(doc, "predictions")), 2);
  assert_unit_vector(jp(doc, "predictions.0.embeddings.values"), 4);
  assert_int_equal(jp_int(doc, "predictions.1.embeddings.statistics.token_count"), 1);
  assert_int_equal(jp_int(doc, "metadata.billableCharacterCount"), 12); /* 10 + 2 */
  json_decref(doc);
  http_reply_dispose(&r);
}

static void test_vertex_predict_errors(void **state) {
  (void)state;
  json_t *doc = post_error(PREDICT("gemini-2.0-flash"), BEARER_HEADER,
                           "{\"instances\":[{\"content\":\"x\"}]}", 400, "FAILED_PRECONDITION");
  assert_string_equal(jp_str(doc, "error.message"),
                      "Gemini cannot be accessed through Vertex Predict/RawPredict API. Please "
                      "follow https://cloud.google.com/vertex-ai/docs/generative-ai/start/"
                      "quickstarts/quickstart-multimodal for Gemini usage.");
  json_decref(doc);
  /* neither an embedding nor an Imagen model (Imagen: test_media.c) */
  json_decref(post_error(PREDICT("no-such-model-001"), BEARER_HEADER, "{\"instances\":[]}",
                         404, "NOT_FOUND"));
  doc = post_error(PREDICT("text-embedding-004"), BEARER_HEADER,
                   "{\"instances\":[{\"text\":\"x\"},{\"content\":\"y\",\"title\":3}],"
                   "\"parameters\":{\"outputDimensionality\":0.5,\"autoTruncate\":\"no\"}}",
                   400, "INVALID_ARGUMENT");
  assert_string_equal(jp_str(doc, "error.message"),
                      "* PredictRequest.instances[0].content: content must be a string\n"
                      "* PredictRequest.instances[1].title: title must be a string\n"
                      "* PredictRequest.parameters.outputDimensionality: must be an integer in "
                      "the range [1, 3072], got 0.5.\n"
                      "* PredictRequest.parameters.autoTruncate: must be a boolean\n");
  json_decref(doc);
  doc = post_error(PREDICT("text-embedding-004"), BEARER_HEADER, "{\"instance\":[]}", 400,
                   "INVALID_ARGUMENT");
  assert_string_equal(jp_str(doc, "error.message"),
                      "Invalid JSON payload received. Unknown name \"instance\": Cannot find "
                      "field.");
  json_decref(doc);
  doc = post_error(PREDICT("text-embedding-004"), BEARER_HEADER, "{}", 400, "INVALID_ARGUMENT");
  assert_string_equal(jp_str(doc, "error.message"),
                      "* PredictRequest.instances: instances is not specified\n");
  json_decref(doc);
  json_decref(post_error(PREDICT("text-embedding-004"), NULL, "{}", 401, "UNAUTHENTICATED"));
}

/* A text of 2100 tokens ("w w w ..."), longer than the 2048 the models take. */
static char *long_text(void) {
  char *t = malloc(2100 * 2 + 1);
  for (int i = 0; i < 2100; i++) memcpy(t + 2 * i, "w ", 2);
  t[2100 * 2 - 1] = '\0';
  return t;
}

static void test_truncation(void **state) {
  (void)state;
  char *text = long_text();
  char *body = malloc(strlen(text) + 256);
  sprintf(body, "{\"instances\":[{\"content\":\"%s\"}]}", text);
  json_t *doc = post_ok(PREDICT("text-embedding-005"), BEARER_HEADER, body);
  assert_true(json_is_true(jp(doc, "predictions.0.embeddings.statistics.truncated")));
  assert_int_equal(jp_int(doc, "predictions.0.embeddings.statistics.token_count"), 2048);
  assert_int_equal(jp_int(doc, "metadata.billableCharacterCount"), 2048);
  json_decref(doc);
  sprintf(body, "{\"instances\":[{\"content\":\"%s\"}],\"parameters\":{\"autoTruncate\":false}}",
          text);
  doc = post_error(PREDICT("text-embedding-005"), BEARER_HEADER, body, 400, "INVALID_ARGUMENT");
  assert_string_equal(jp_str(doc, "error.message"),
                      "Unable to submit request because the input token count is 2100 but the "
                      "model supports up to 2048. Reduce the input token count and try again.");
  json_decref(doc);
  sprintf(body, "{\"content\":{\"parts\":[{\"text\":\"%s\"}]}}", text);
  doc = post_ok(VERTEX_RPC("gemini-embedding-001", "embedContent"), BEARER_HEADER, body);
  assert_true(json_is_true(jp(doc, "truncated")));
  assert_int_equal(jp_int(doc, "usageMetadata.promptTokenCount"), 2048);
  json_decref(doc);
  sprintf(body,
          "{\"content\":{\"parts\":[{\"text\":\"%s\"}]},\"embedContentConfig\":"
          "{\"autoTruncate\":false}}",
          text);
  json_decref(post_error(VERTEX_RPC("gemini-embedding-001", "embedContent"), BEARER_HEADER, body,
                         400, "INVALID_ARGUMENT"));
  /* mldev cuts silently. */
  sprintf(body, "{\"content\":{\"parts\":[{\"text\":\"%s\"}]}}", text);
  json_t *cut = post_ok(MLDEV_RPC("text-embedding-004", "embedContent"), API_KEY_HEADER, body);
  /* ... to the same text Vertex embedded. */
  text[2048 * 2 - 1] = '\0';
  sprintf(body, "{\"instances\":[{\"content\":\"%s\"}]}", text);
  doc = post_ok(PREDICT("text-embedding-004"), BEARER_HEADER, body);
  assert_false(json_is_true(jp(doc, "predictions.0.embeddings.statistics.truncated")));
  assert_true(json_equal(jp(cut, "embedding.values"), jp(doc, "predictions.0.embeddings.values")));
  json_decref(doc);
  json_decref(cut);
  free(body);
  free(text);
}

static void test_vertex_embed_content(void **state) {
  (void)state;
  http_reply r;
  const char *headers[] = {BEARER_HEADER, NULL};
  http_call(NULL, &emu, "POST", VERTEX_RPC("gemini-embedding-001", "embedContent"), headers,
            "{\"content\":{\"parts\":[{\"text\":\"Hello world\"}]},\"embedContentConfig\":"
            "{\"taskType\":\"RETRIEVAL_DOCUMENT\",\"title\":\"T\",\"outputDimensionality\":8,"
            "\"autoTruncate\":true,\"documentOcr\":false,\"audioTrackExtraction\":false}}",
            &r);
  assert_int_equal(r.status, 200);
  json_t *doc = http_reply_json(&r);
  assert_unit_vector(jp(doc, "embedding.values"), 8);
  assert_int_equal(jp_int(doc, "usageMetadata.promptTokenCount"), 2);
  assert_int_equal(jp_int(doc, "usageMetadata.totalTokenCount"), 2);
  assert_null(jp(doc, "truncated")); /* false is the proto3 default */
  assert_true(strstr(r.body, "\"embedding\"") < strstr(r.body, "\"usageMetadata\""));
  json_decref(doc);
  http_reply_dispose(&r);
  /* The deprecated top-level settings still work; the config wins. */
  doc = post_ok(EXPRESS_RPC("gemini-embedding-001", "embedContent"), API_KEY_HEADER,
                "{\"content\":{\"parts\":[{\"text\":\"x\"}]},\"outputDimensionality\":5}");
  assert_unit_vector(jp(doc, "embedding.values"), 5);
  json_decref(doc);
  doc = post_ok(VERTEX_RPC("gemini-embedding-001", "embedContent"), BEARER_HEADER,
                "{\"content\":{\"parts\":[{\"text\":\"x\"}]},\"outputDimensionality\":5,"
                "\"embedContentConfig\":{\"outputDimensionality\":6}}");
  assert_unit_vector(jp(doc, "embedding.values"), 6);
  json_decref(doc);
  doc = post_error(VERTEX_RPC("gemini-embedding-001", "embedContent"), BEARER_HEADER,
                   "{\"content\":{\"parts\":[{\"text\":\"x\"}]},\"embedContentConfig\":"
                   "{\"taskType\":\"NOPE\",\"mimeType\":\"text/plain\"}}",
                   400, "INVALID_ARGUMENT");
  assert_string_equal(jp_str(doc, "error.message"),
                      "Invalid JSON payload received. Unknown name \"mimeType\" at "
                      "'embed_content_config': Cannot find field.\n"
                      "Invalid value at 'embed_content_config.task_type' "
                      "(type.googleapis.com/google.cloud.aiplatform.v1beta1.EmbedContentRequest."
                      "EmbeddingTaskType), \"NOPE\"");
  json_decref(doc);
  doc = post_error(
      VERTEX_RPC("gemini-embedding-001", "embedContent"), BEARER_HEADER,
      "{\"content\":{\"parts\":[]},\"embedContentConfig\":{\"outputDimensionality\":-1}}", 400,
      "INVALID_ARGUMENT");
  assert_string_equal(jp_str(doc, "error.message"),
                      "* EmbedContentRequest.content.parts: content.parts must not be empty.\n"
                      "* EmbedContentRequest.embed_content_config.output_dimensionality: "
                      "output_dimensionality must be in the range [1, 3072], got -1.\n");
  json_decref(doc);
  json_decref(post_error(VERTEX_RPC("gemini-2.5-flash", "embedContent"), BEARER_HEADER,
                         "{\"content\":{\"parts\":[{\"text\":\"x\"}]}}", 404, "NOT_FOUND"));
}

/* Embedding models do not generate. */
static void test_embedding_model_cannot_generate(void **state) {
  (void)state;
  json_decref(post_error(MLDEV_PATH("gemini-embedding-001"), API_KEY_HEADER,
                         "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}]}", 404, "NOT_FOUND"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_batch_shape_and_dimensions),
      cmocka_unit_test(test_deterministic_across_routes),
      cmocka_unit_test(test_batch_errors),
      cmocka_unit_test(test_batch_limit),
      cmocka_unit_test(test_mldev_embed_content),
      cmocka_unit_test(test_vertex_predict),
      cmocka_unit_test(test_vertex_predict_errors),
      cmocka_unit_test(test_truncation),
      cmocka_unit_test(test_vertex_embed_content),
      cmocka_unit_test(test_embedding_model_cannot_generate),
  };
  if (emu_start(&emu, (const char *const[]){"--quiet", NULL}) != 0) return 1;
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  int stopped = emu_stop(&emu);
  return failed || stopped != 0;
}
