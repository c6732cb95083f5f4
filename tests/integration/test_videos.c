/* Veo end to end: generate_videos as a long-running operation on both
 * backends, operations.get (GET on the Gemini API, fetchPredictOperation on
 * Vertex AI), polling with a real delay, the generated video's download
 * (streamed, every name form, no retries, errors), the MP4 the emulator
 * makes, genai_video_save, and the _async twins. */
#define _DEFAULT_SOURCE /* usleep */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "itest.h"

static json_t *last_request_field(const char *key) {
  json_t *req = itest_last_request();
  json_t *v = json_incref(json_object_get(req, key));
  json_decref(req);
  return v;
}

static void assert_last(const char *method, const char *path) {
  json_t *m = last_request_field("method"), *p = last_request_field("path");
  assert_string_equal(json_string_value(m), method);
  assert_string_equal(json_string_value(p), path);
  json_decref(m);
  json_decref(p);
}

static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }

/* Top-level ISO BMFF boxes: ftyp first, then moov and mdat, sizes adding up. */
static void assert_mp4(const uint8_t *data, size_t size) {
  assert_true(size > 32);
  assert_memory_equal(data + 4, "ftyp", 4);
  size_t at = 0;
  int moov = 0, mdat = 0;
  while (at + 8 <= size) {
    uint32_t len = be32(data + at);
    assert_true(len >= 8);
    if (!memcmp(data + at + 4, "moov", 4)) moov = 1;
    if (!memcmp(data + at + 4, "mdat", 4)) mdat = 1;
    at += len;
  }
  assert_int_equal(at, size);
  assert_true(moov && mdat);
}

static genai_generate_videos_operation *poll_until_done(genai_client *c, genai_generate_videos_operation *op) {
  for (int i = 0; i < 200 && !genai_operation_is_done(op); i++) {
    genai_generate_videos_operation *next = NULL;
    assert_int_equal(genai_operations_get(c, op, NULL, &next), GENAI_OK);
    genai_generate_videos_operation_free(op);
    op = next;
    if (!genai_operation_is_done(op)) usleep(20000);
  }
  assert_true(genai_operation_is_done(op));
  return op;
}

typedef struct counter {
  size_t calls, bytes, stop_after;
} counter;

static size_t count_bytes(const void *data, size_t size, void *user_data) {
  (void)data;
  counter *c = user_data;
  c->calls++;
  c->bytes += size;
  return c->stop_after && c->bytes >= c->stop_after ? 0 : size;
}

static void gemini_api_generate_poll_download(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_generate_videos_config cfg = {GENAI_INIT(genai_generate_videos_config),
                                      .number_of_videos = &(int32_t){2},
                                      .duration_seconds = &(int32_t){8},
                                      .aspect_ratio = "16:9",
                                      .negative_prompt = "rain",
                                      .enhance_prompt = &(bool){true},
                                      .person_generation = "dont_allow"};
  genai_generate_videos_operation *op = NULL;
  assert_int_equal(genai_models_generate_videos(c, "veo-2.0-generate-001", "A neon cat", NULL, NULL, &cfg, &op),
                   GENAI_OK);
  assert_last("POST", "/v1beta/models/veo-2.0-generate-001:predictLongRunning");
  json_t *body = last_request_field("body");
  itest_assert_json_value(body, "{\"instances\":[{\"prompt\":\"A neon cat\"}],\"parameters\":{\"sampleCount\":2,"
                                "\"durationSeconds\":8,\"aspectRatio\":\"16:9\",\"personGeneration\":\"dont_allow\","
                                "\"negativePrompt\":\"rain\",\"enhancePrompt\":true}}");
  json_decref(body);
  assert_non_null(op->name);
  assert_non_null(strstr(op->name, "models/veo-2.0-generate-001/operations/"));
  assert_false(genai_operation_is_done(op));
  char name[256];
  snprintf(name, sizeof name, "/v1beta/%s", op->name);
  op = poll_until_done(c, op);
  assert_last("GET", name);
  assert_null(op->error_json);
  assert_non_null(op->result);
  assert_non_null(op->response);
  assert_int_equal(op->result->generated_videos_count, 2);
  const genai_video *video = op->result->generated_videos[0]->video;
  assert_non_null(strstr(video->uri, ":download?alt=media"));
  assert_null(video->video_bytes.data);
  /* no bytes yet: the save helper says how to get them */
  assert_int_equal(genai_video_save(video, "/tmp/genai_itest_never.mp4"), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "genai_files_download"));

  /* streamed to a callback, in several pieces (8 s is 128 KiB of mdat) */
  counter n = {0};
  assert_int_equal(genai_files_download_video(c, video, NULL, count_bytes, &n), GENAI_OK);
  assert_true(n.bytes > 128 * 1024);
  assert_true(n.calls > 1);
  json_t *path = last_request_field("path");
  assert_non_null(strstr(json_string_value(path), "/v1beta/files/"));
  assert_non_null(strstr(json_string_value(path), ":download"));
  json_decref(path);

  /* every name form gives the same bytes */
  void *a = NULL, *b = NULL, *d = NULL;
  size_t an = 0, bn = 0, dn = 0;
  assert_int_equal(genai_files_download_bytes(c, video->uri, NULL, &a, &an), GENAI_OK);
  const char *id = strstr(video->uri, "files/") + 6;
  char files_name[96], bare[64];
  snprintf(bare, sizeof bare, "%.*s", (int)strcspn(id, ":"), id);
  snprintf(files_name, sizeof files_name, "files/%s", bare);
  assert_int_equal(genai_files_download_bytes(c, files_name, NULL, &b, &bn), GENAI_OK);
  assert_int_equal(genai_files_download_bytes(c, bare, NULL, &d, &dn), GENAI_OK);
  assert_int_equal(an, n.bytes);
  assert_int_equal(an, bn);
  assert_int_equal(an, dn);
  assert_memory_equal(a, b, an);
  assert_memory_equal(a, d, an);
  assert_mp4(a, an);
  /* a generated File (as files.get returns it) downloads by its name */
  genai_file generated = {GENAI_INIT(genai_file), .name = files_name, .download_uri = video->uri,
                          .source = GENAI_FILE_SOURCE_GENERATED};
  counter by_file = {0};
  assert_int_equal(genai_files_download_file(c, &generated, NULL, count_bytes, &by_file), GENAI_OK);
  assert_int_equal(by_file.bytes, an);
  genai_free(a);
  genai_free(b);
  genai_free(d);

  /* to a file, which genai_video_from_file reads back */
  char file[] = "/tmp/genai_itest_video_XXXXXX";
  int fd = mkstemp(file);
  assert_true(fd >= 0);
  close(fd);
  assert_int_equal(genai_files_download_video_to_path(c, video, NULL, file), GENAI_OK);
  genai_video *saved = NULL;
  assert_int_equal(genai_video_from_file(file, "video/mp4", &saved), GENAI_OK);
  assert_int_equal(saved->video_bytes.size, an);
  genai_video_free(saved);
  remove(file);

  /* a write callback that stops the download */
  counter stop = {.stop_after = 1};
  assert_int_equal(genai_files_download_video(c, video, NULL, count_bytes, &stop), GENAI_ECANCELED);
  genai_generate_videos_operation_free(op);
  genai_client_free(c);
}

static void download_errors_are_not_retried(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  /* an unknown file is the service's 404 */
  void *data = NULL;
  size_t size = 0;
  assert_int_equal(genai_files_download_bytes(c, "files/nosuchfile", NULL, &data, &size), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 404);
  assert_null(data);
  /* a 503 is not retried, whatever the client's retry options */
  itest_reset(NULL);
  itest_script("{\"responses\":[{\"status\":503,\"json\":{\"error\":{\"code\":503,\"message\":\"busy\","
               "\"status\":\"UNAVAILABLE\"}}},{\"status\":503,\"json\":{\"error\":{\"code\":503,"
               "\"message\":\"busy\",\"status\":\"UNAVAILABLE\"}}}]}");
  genai_http_retry_options retry = {GENAI_INIT(genai_http_retry_options), .attempts = &(int32_t){3},
                                    .initial_delay_s = &(double){0}, .jitter_s = &(double){0}};
  genai_http_options http = {GENAI_INIT(genai_http_options), .retry_options = &retry};
  genai_download_file_config cfg = {GENAI_INIT(genai_download_file_config), .http_options = &http};
  assert_int_equal(genai_files_download_bytes(c, "abc", &cfg, &data, &size), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 503);
  assert_int_equal(itest_request_count(), 1);
  /* bad names and missing arguments, before any request */
  assert_int_equal(genai_files_download_bytes(c, "https://example.com/nothing", NULL, &data, &size), GENAI_EINVAL);
  assert_int_equal(genai_files_download_bytes(c, "", NULL, &data, &size), GENAI_EINVAL);
  assert_int_equal(genai_files_download(c, "abc", NULL, NULL, NULL), GENAI_EINVAL);
  genai_video no_uri = {GENAI_INIT(genai_video), .video_bytes = {(const uint8_t *)"x", 1}};
  assert_int_equal(genai_files_download_video_to_path(c, &no_uri, NULL, "/tmp/genai_itest_never.mp4"), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "uri"));
  genai_file uploaded = {GENAI_INIT(genai_file), .name = "files/abc", .source = GENAI_FILE_SOURCE_UPLOADED};
  counter n = {0};
  assert_int_equal(genai_files_download_file(c, &uploaded, NULL, count_bytes, &n), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "Only generated files can be downloaded"));
  assert_int_equal(itest_request_count(), 1);
  genai_client_free(c);
}

static void gemini_api_rejects_vertex_fields(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  size_t before = itest_request_count();
  genai_generate_videos_config cfg = {GENAI_INIT(genai_generate_videos_config), .fps = &(int32_t){24}};
  genai_generate_videos_operation *op = NULL;
  assert_int_equal(genai_models_generate_videos(c, "veo-2.0-generate-001", "x", NULL, NULL, &cfg, &op), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "fps"));
  genai_image gcs = {GENAI_INIT(genai_image), .gcs_uri = "gs://b/i.png", .mime_type = "image/png"};
  assert_int_equal(genai_models_generate_videos(c, "veo-2.0-generate-001", "x", &gcs, NULL, NULL, &op), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "gcs_uri"));
  assert_int_equal(genai_models_generate_videos(c, "veo-2.0-generate-001", NULL, NULL, NULL, NULL, &op), GENAI_EINVAL);
  assert_int_equal(itest_request_count(), before);
  assert_null(op);
  /* a video to extend: uri on the Gemini API wire */
  genai_video clip = {GENAI_INIT(genai_video), .uri = "https://example.com/v.mp4"};
  assert_int_equal(genai_models_generate_videos(c, "veo-2.0-generate-001", NULL, NULL, &clip, NULL, &op), GENAI_OK);
  json_t *body = last_request_field("body");
  itest_assert_json_value(body, "{\"instances\":[{\"video\":{\"uri\":\"https://example.com/v.mp4\"}}]}");
  json_decref(body);
  genai_generate_videos_operation_free(op);
  op = NULL;
  /* the service's validation */
  genai_generate_videos_config many = {GENAI_INIT(genai_generate_videos_config), .number_of_videos = &(int32_t){9}};
  assert_int_equal(genai_models_generate_videos(c, "veo-2.0-generate-001", "x", NULL, NULL, &many, &op), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 400);
  assert_int_equal(genai_models_generate_videos(c, "gemini-2.0-flash", "x", NULL, NULL, NULL, &op), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 404);
  /* an operation without a name */
  genai_generate_videos_operation nameless = {GENAI_INIT(genai_generate_videos_operation)};
  assert_int_equal(genai_operations_get(c, &nameless, NULL, &op), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "operation.name"));
  genai_client_free(c);
}

static void vertex_generate_fetch_save(void **state) {
  (void)state;
  genai_client *c = itest_vertex_client(NULL);
  genai_image first = {GENAI_INIT(genai_image), .image_bytes = {(const uint8_t *)"abc", 3}, .mime_type = "image/png"};
  genai_generate_videos_config cfg = {GENAI_INIT(genai_generate_videos_config),
                                      .number_of_videos = &(int32_t){1},
                                      .fps = &(int32_t){24},
                                      .duration_seconds = &(int32_t){5},
                                      .seed = &(int32_t){3},
                                      .generate_audio = &(bool){true},
                                      .enhance_prompt = &(bool){true}};
  genai_generate_videos_operation *op = NULL;
  assert_int_equal(genai_models_generate_videos(c, "veo-2.0-generate-001", "A neon hologram", &first, NULL, &cfg, &op),
                   GENAI_OK);
  assert_last("POST", "/v1beta1/projects/test-project/locations/us-central1/publishers/google/models/"
                      "veo-2.0-generate-001:predictLongRunning");
  json_t *body = last_request_field("body");
  itest_assert_json_value(body, "{\"instances\":[{\"prompt\":\"A neon hologram\",\"image\":{\"bytesBase64Encoded\":"
                                "\"YWJj\",\"mimeType\":\"image/png\"}}],\"parameters\":{\"sampleCount\":1,\"fps\":24,"
                                "\"durationSeconds\":5,\"seed\":3,\"enhancePrompt\":true,\"generateAudio\":true}}");
  json_decref(body);
  static const char prefix[] =
      "projects/test-project/locations/us-central1/publishers/google/models/veo-2.0-generate-001/operations/";
  assert_int_equal(strncmp(op->name, prefix, sizeof prefix - 1), 0);
  op = poll_until_done(c, op);
  assert_last("POST", "/v1beta1/projects/test-project/locations/us-central1/publishers/google/models/"
                      "veo-2.0-generate-001:fetchPredictOperation");
  assert_int_equal(op->response->generated_videos_count, 1);
  assert_mp4(op->response->generated_videos[0]->video->video_bytes.data,
             op->response->generated_videos[0]->video->video_bytes.size);
  genai_generate_videos_operation_free(op);
  genai_client_free(c);
}

static void vertex_express_poll_and_save(void **state) {
  (void)state;
  genai_client *c = itest_vertex_express_client(NULL);
  genai_generate_videos_operation *op = NULL;
  assert_int_equal(genai_models_generate_videos(c, "veo-2.0-generate-001", "A cat", NULL, NULL, NULL, &op), GENAI_OK);
  char *name = strdup(op->name);
  op = poll_until_done(c, op);
  assert_last("POST", "/v1beta1/publishers/google/models/veo-2.0-generate-001:fetchPredictOperation");
  json_t *body = last_request_field("body");
  json_t *expected = json_pack("{s:s}", "operationName", name);
  assert_true(json_equal(body, expected));
  json_decref(expected);
  json_decref(body);
  free(name);
  assert_int_equal(op->result->generated_videos_count, 1);
  assert_int_equal(*op->result->rai_media_filtered_count, 0);
  const genai_video *video = op->result->generated_videos[0]->video;
  assert_string_equal(video->mime_type, "video/mp4");
  assert_mp4(video->video_bytes.data, video->video_bytes.size);
  char file[] = "/tmp/genai_itest_video_XXXXXX";
  int fd = mkstemp(file);
  assert_true(fd >= 0);
  close(fd);
  assert_int_equal(genai_video_save(video, file), GENAI_OK);
  genai_video *saved = NULL;
  assert_int_equal(genai_video_from_file(file, NULL, &saved), GENAI_OK);
  assert_int_equal(saved->video_bytes.size, video->video_bytes.size);
  genai_video_free(saved);
  remove(file);
  /* downloads are the Gemini API's */
  size_t before = itest_request_count();
  void *data = NULL;
  size_t size = 0;
  assert_int_equal(genai_files_download_bytes(c, "files/abc", NULL, &data, &size), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "only supported in the Gemini Developer client"));
  assert_int_equal(itest_request_count(), before);
  /* webhook_config is the Gemini API's */
  genai_webhook_config hook = {GENAI_INIT(genai_webhook_config)};
  genai_generate_videos_config cfg = {GENAI_INIT(genai_generate_videos_config), .webhook_config = &hook};
  genai_generate_videos_operation *op2 = NULL;
  assert_int_equal(genai_models_generate_videos(c, "veo-2.0-generate-001", "x", NULL, NULL, &cfg, &op2), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "webhook_config"));
  genai_generate_videos_operation_free(op);
  genai_client_free(c);
}

static void filtered_prompt_and_source(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  genai_generate_videos_source src = {GENAI_INIT(genai_generate_videos_source), .prompt = "something forbidden"};
  genai_generate_videos_operation *op = NULL;
  assert_int_equal(genai_models_generate_videos_from_source(c, "veo-2.0-generate-001", &src, NULL, &op), GENAI_OK);
  json_t *body = last_request_field("body");
  itest_assert_json_value(body, "{\"instances\":[{\"prompt\":\"something forbidden\"}]}");
  json_decref(body);
  genai_generate_videos_operation *done = NULL;
  assert_int_equal(genai_operations_get_by_name(c, op->name, NULL, &done), GENAI_OK);
  assert_true(genai_operation_is_done(done));
  assert_int_equal(done->result->generated_videos_count, 0);
  assert_int_equal(*done->result->rai_media_filtered_count, 1);
  assert_int_equal(done->result->rai_media_filtered_reasons_count, 1);
  genai_generate_videos_operation_free(done);
  genai_generate_videos_operation_free(op);
  genai_client_free(c);
}

/* Real time: an emulator whose operations take 300 ms. */
static void polling_waits_for_the_delay(void **state) {
  (void)state;
  emu_harness slow;
  const char *args[] = {"--lro-delay-ms", "300", "--quiet", NULL};
  assert_int_equal(emu_start(&slow, args), 0);
  genai_http_options h = {GENAI_INIT(genai_http_options), .base_url = slow.base_url};
  genai_client_options o = {GENAI_INIT(genai_client_options), .api_key = ITEST_KEY, .http_options = &h};
  genai_client *c = NULL;
  assert_int_equal(genai_client_new(&o, &c), GENAI_OK);
  genai_generate_videos_operation *op = NULL;
  assert_int_equal(genai_models_generate_videos(c, "veo-2.0-generate-001", "A cat", NULL, NULL, NULL, &op), GENAI_OK);
  genai_generate_videos_operation *early = NULL;
  assert_int_equal(genai_operations_get(c, op, NULL, &early), GENAI_OK);
  assert_false(genai_operation_is_done(early));
  assert_null(early->result);
  assert_string_equal(early->name, op->name);
  genai_generate_videos_operation_free(early);
  int polls = 0;
  while (!genai_operation_is_done(op)) {
    usleep(50000);
    genai_generate_videos_operation *next = NULL;
    assert_int_equal(genai_operations_get(c, op, NULL, &next), GENAI_OK);
    genai_generate_videos_operation_free(op);
    op = next;
    polls++;
  }
  assert_true(polls >= 2);
  assert_int_equal(op->result->generated_videos_count, 1);
  genai_generate_videos_operation_free(op);
  genai_client_free(c);
  assert_int_equal(emu_stop(&slow), 0);
}

static void on_done(genai_op *op, void *user_data) {
  (void)op;
  (*(int *)user_data)++;
}

static void async_generate_and_get(void **state) {
  (void)state;
  genai_client *c = itest_vertex_express_client(NULL);
  genai_multi *m = NULL;
  assert_int_equal(genai_multi_new(c, NULL, &m), GENAI_OK);
  int done = 0;
  genai_op_callbacks cb = {GENAI_INIT(genai_op_callbacks), .on_done = on_done, .user_data = &done};
  genai_op *aop = NULL;
  assert_int_equal(genai_models_generate_videos_async(m, "veo-2.0-generate-001", "A dog", NULL, NULL, NULL, &cb, &aop),
                   GENAI_OK);
  for (int running = 1; !done;) assert_int_equal(genai_multi_poll(m, 100, &running), GENAI_OK);
  genai_generate_videos_operation *op = NULL;
  assert_int_equal(genai_op_take_generate_videos_operation(aop, &op), GENAI_OK);
  genai_op_free(aop);
  done = 0;
  assert_int_equal(genai_operations_get_async(m, op, NULL, &cb, &aop), GENAI_OK);
  for (int running = 1; !done;) assert_int_equal(genai_multi_poll(m, 100, &running), GENAI_OK);
  genai_generate_videos_operation *got = NULL;
  assert_int_equal(genai_op_take_generate_videos_operation(aop, &got), GENAI_OK);
  genai_op_free(aop);
  assert_true(genai_operation_is_done(got));
  assert_int_equal(got->result->generated_videos_count, 1);
  genai_generate_videos_operation_free(got);
  genai_generate_videos_operation_free(op);
  genai_multi_free(m);
  genai_client_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(gemini_api_generate_poll_download, itest_reset),
      cmocka_unit_test_setup(download_errors_are_not_retried, itest_reset),
      cmocka_unit_test_setup(gemini_api_rejects_vertex_fields, itest_reset),
      cmocka_unit_test_setup(vertex_generate_fetch_save, itest_reset),
      cmocka_unit_test_setup(vertex_express_poll_and_save, itest_reset),
      cmocka_unit_test_setup(filtered_prompt_and_source, itest_reset),
      cmocka_unit_test_setup(polling_waits_for_the_delay, itest_reset),
      cmocka_unit_test_setup(async_generate_and_get, itest_reset),
  };
  return itest_finish(cmocka_run_group_tests(tests, itest_group_setup, NULL));
}
