/* Imagen and Veo in genai-emulator (docs/emulator.md, "Images and videos"):
 * the PNG and MP4 bytes are well formed (signature, chunk CRCs, the zlib
 * stream, box sizes), the predict shapes and their validation, the
 * operation lifecycle on both backends and the generated-file download. */
#define _POSIX_C_SOURCE 200809L /* nanosleep */
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

#define IMAGEN "imagen-3.0-generate-002"
#define VEO "veo-2.0-generate-001"

static emu_harness emu;

static json_t *post(const char *path, const char *auth, const char *body, long want) {
  long status;
  json_t *doc = http_post_json(&emu, path, auth, body, &status);
  if (status != want) {
    char *shown = json_dumps(doc, 0);
    fail_msg("status %ld (want %ld) for %s: %s", status, want, path, shown ? shown : "(no JSON)");
  }
  return doc;
}

/* ---------------------------------------------------------- decoding */

static int b64_value(int c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

static unsigned char *b64_decode(const char *s, size_t *len) {
  size_t n = strlen(s);
  unsigned char *out = malloc(n / 4 * 3 + 3);
  assert_non_null(out);
  size_t o = 0;
  unsigned acc = 0;
  int bits = 0;
  for (size_t i = 0; i < n && s[i] != '='; i++) {
    int v = b64_value((unsigned char)s[i]);
    assert_true(v >= 0);
    acc = (acc << 6) | (unsigned)v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (unsigned char)(acc >> bits);
    }
  }
  *len = o;
  return out;
}

static uint32_t be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t crc32_of(const unsigned char *p, size_t n) {
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; i++) {
    c ^= p[i];
    for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
  }
  return c ^ 0xFFFFFFFFu;
}

static uint32_t adler32_of(const unsigned char *p, size_t n) {
  uint32_t a = 1, b = 0;
  for (size_t i = 0; i < n; i++) {
    a = (a + p[i]) % 65521u;
    b = (b + a) % 65521u;
  }
  return b << 16 | a;
}

/* Checks a PNG from the emulator completely: signature, chunk order and
 * CRCs, IHDR, the zlib header, stored deflate blocks, Adler-32, and one
 * colour in every pixel. Returns that colour. */
static uint32_t check_png(const unsigned char *png, size_t len, uint32_t width, uint32_t height) {
  static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  assert_true(len > 8);
  assert_memory_equal(png, sig, 8);
  size_t at = 8;
  const char *order[] = {"IHDR", "IDAT", "IEND"};
  unsigned char *raw = NULL;
  size_t raw_len = 0;
  for (int i = 0; i < 3; i++) {
    assert_true(at + 12 <= len);
    uint32_t n = be32(png + at);
    assert_memory_equal(png + at + 4, order[i], 4);
    assert_true(at + 12 + n <= len);
    assert_int_equal(be32(png + at + 8 + n), crc32_of(png + at + 4, n + 4));
    const unsigned char *data = png + at + 8;
    if (i == 0) {
      assert_int_equal(n, 13);
      assert_int_equal(be32(data), width);
      assert_int_equal(be32(data + 4), height);
      assert_int_equal(data[8], 8);
      assert_int_equal(data[9], 2);
    } else if (i == 1) {
      assert_int_equal((data[0] * 256 + data[1]) % 31, 0);
      assert_int_equal(data[0] & 0x0F, 8); /* deflate */
      size_t z = 2;
      raw = malloc(n);
      assert_non_null(raw);
      for (int final = 0; !final;) {
        final = data[z] & 1;
        assert_int_equal((data[z] >> 1) & 3, 0); /* stored */
        unsigned blen = data[z + 1] | data[z + 2] << 8, nlen = data[z + 3] | data[z + 4] << 8;
        assert_int_equal(blen ^ 0xFFFF, nlen);
        memcpy(raw + raw_len, data + z + 5, blen);
        raw_len += blen;
        z += 5 + blen;
      }
      assert_int_equal(be32(data + z), adler32_of(raw, raw_len));
      assert_int_equal(z + 4, n);
    }
    at += 12 + n;
  }
  assert_int_equal(at, len);
  assert_int_equal(raw_len, (size_t)height * (1 + width * 3));
  uint32_t colour = (uint32_t)raw[1] << 16 | (uint32_t)raw[2] << 8 | raw[3];
  for (size_t y = 0; y < height; y++) {
    assert_int_equal(raw[y * (1 + width * 3)], 0);
    for (size_t x = 0; x < width; x++) {
      const unsigned char *px = raw + y * (1 + width * 3) + 1 + x * 3;
      assert_int_equal((uint32_t)px[0] << 16 | (uint32_t)px[1] << 8 | px[2], colour);
    }
  }
  free(raw);
  return colour;
}

/* ftyp, moov (with mvhd and its duration), free, mdat; sizes add up. */
static void check_mp4(const unsigned char *mp4, size_t len, uint32_t seconds) {
  const char *order[] = {"ftyp", "moov", "free", "mdat"};
  size_t at = 0;
  for (int i = 0; i < 4; i++) {
    assert_true(at + 8 <= len);
    uint32_t n = be32(mp4 + at);
    assert_memory_equal(mp4 + at + 4, order[i], 4);
    if (i == 0) assert_memory_equal(mp4 + at + 8, "isom", 4);
    if (i == 1) {
      assert_memory_equal(mp4 + at + 12, "mvhd", 4);
      assert_int_equal(be32(mp4 + at + 8), 108);
      assert_int_equal(be32(mp4 + at + 16 + 12), 1000);
      assert_int_equal(be32(mp4 + at + 16 + 16), seconds * 1000);
    }
    if (i == 3) assert_int_equal(n - 8, seconds * 16384);
    at += n;
  }
  assert_int_equal(at, len);
}

/* ------------------------------------------------------------ Imagen */

static void test_imagen_generate_png(void **state) {
  (void)state;
  json_t *a = post(VERTEX_RPC(IMAGEN, "predict"), BEARER_HEADER,
                   "{\"instances\":[{\"prompt\":\"a red kite\"}],\"parameters\":{\"sampleCount\":3,"
                   "\"aspectRatio\":\"9:16\",\"enhancePrompt\":true}}",
                   200);
  json_t *preds = jp(a, "predictions");
  assert_int_equal(json_array_size(preds), 3);
  uint32_t colours[3];
  for (size_t i = 0; i < 3; i++) {
    json_t *p = json_array_get(preds, i);
    assert_string_equal(jp_str(p, "mimeType"), "image/png");
    assert_non_null(strstr(jp_str(p, "prompt"), "a red kite"));
    size_t len;
    unsigned char *png = b64_decode(jp_str(p, "bytesBase64Encoded"), &len);
    colours[i] = check_png(png, len, 9, 16);
    free(png);
  }
  assert_true(colours[0] != colours[1] || colours[1] != colours[2]);
  /* the same prompt paints the same pictures, on either backend */
  json_t *b = post(MLDEV_RPC(IMAGEN, "predict"), API_KEY_HEADER,
                   "{\"instances\":[{\"prompt\":\"a red kite\"}],\"parameters\":{\"sampleCount\":1,"
                   "\"aspectRatio\":\"9:16\"}}",
                   200);
  assert_string_equal(jp_str(b, "predictions.0.bytesBase64Encoded"), jp_str(a, "predictions.0.bytesBase64Encoded"));
  json_decref(a);
  json_decref(b);
}

static void test_imagen_safety_and_blocking(void **state) {
  (void)state;
  json_t *a = post(EXPRESS_RPC(IMAGEN, "predict"), API_KEY_HEADER,
                   "{\"instances\":[{\"prompt\":\"x\"}],\"parameters\":{\"includeSafetyAttributes\":true,"
                   "\"storageUri\":\"gs://b/o\"}}",
                   200);
  assert_int_equal(json_array_size(jp(a, "predictions")), 2);
  assert_non_null(strstr(jp_str(a, "predictions.0.gcsUri"), "gs://b/o/"));
  assert_null(jp(a, "predictions.0.bytesBase64Encoded"));
  assert_string_equal(jp_str(a, "predictions.1.contentType"), "Positive Prompt");
  json_decref(a);
  json_t *b = post(VERTEX_RPC(IMAGEN, "predict"), BEARER_HEADER,
                   "{\"instances\":[{\"prompt\":\"a FORBIDDEN thing\"}],\"parameters\":{\"includeRaiReason\":true}}",
                   200);
  assert_int_equal(json_array_size(jp(b, "predictions")), 1);
  assert_non_null(strstr(jp_str(b, "predictions.0.raiFilteredReason"), "safety filter"));
  json_decref(b);
  json_t *c = post(VERTEX_RPC(IMAGEN, "predict"), BEARER_HEADER, "{\"instances\":[{\"prompt\":\"forbidden\"}]}", 200);
  assert_int_equal(json_object_size(c), 0);
  json_decref(c);
}

static void test_imagen_edit_and_upscale(void **state) {
  (void)state;
  json_t *e = post(VERTEX_RPC("imagen-3.0-capability-001", "predict"), BEARER_HEADER,
                   "{\"instances\":[{\"prompt\":\"sky\",\"referenceImages\":["
                   "{\"referenceType\":\"REFERENCE_TYPE_RAW\",\"referenceId\":1,"
                   "\"referenceImage\":{\"bytesBase64Encoded\":\"YWJj\"}},"
                   "{\"referenceType\":\"REFERENCE_TYPE_MASK\",\"referenceId\":2,"
                   "\"maskImageConfig\":{\"maskMode\":\"MASK_MODE_BACKGROUND\"}}]}],"
                   "\"parameters\":{\"editMode\":\"EDIT_MODE_INPAINT_INSERTION\"}}",
                   200);
  assert_int_equal(json_array_size(jp(e, "predictions")), 1);
  json_decref(e);
  json_decref(post(VERTEX_RPC("imagen-3.0-capability-001", "predict"), BEARER_HEADER,
                   "{\"instances\":[{\"prompt\":\"sky\",\"referenceImages\":["
                   "{\"referenceType\":\"REFERENCE_TYPE_RAW\",\"referenceId\":1}]}]}",
                   400));
  json_decref(post(VERTEX_RPC("imagen-3.0-capability-001", "predict"), BEARER_HEADER,
                   "{\"instances\":[{\"prompt\":\"sky\",\"referenceImages\":[{\"referenceType\":\"NOPE\","
                   "\"referenceId\":1}]}]}",
                   400));
  json_t *u = post(VERTEX_RPC(IMAGEN, "predict"), BEARER_HEADER,
                   "{\"instances\":[{\"image\":{\"bytesBase64Encoded\":\"YWJj\"}}],\"parameters\":{\"mode\":\"upscale\","
                   "\"sampleCount\":1,\"upscaleConfig\":{\"upscaleFactor\":\"x2\"}}}",
                   200);
  size_t len;
  unsigned char *png = b64_decode(jp_str(u, "predictions.0.bytesBase64Encoded"), &len);
  check_png(png, len, 16, 16);
  free(png);
  json_decref(u);
  json_decref(post(VERTEX_RPC(IMAGEN, "predict"), BEARER_HEADER,
                   "{\"instances\":[{\"image\":{\"bytesBase64Encoded\":\"YWJj\"}}],\"parameters\":{\"mode\":\"upscale\","
                   "\"upscaleConfig\":{\"upscaleFactor\":\"x3\"}}}",
                   400));
}

static void test_imagen_recontext_and_segment(void **state) {
  (void)state;
  json_t *r = post(VERTEX_RPC("imagen-product-recontext-preview-06-30", "predict"), BEARER_HEADER,
                   "{\"instances\":[{\"productImages\":[{\"image\":{\"gcsUri\":\"gs://b/p.png\"}}]}]}", 200);
  assert_int_equal(json_array_size(jp(r, "predictions")), 1);
  json_decref(r);
  json_decref(post(VERTEX_RPC("imagen-product-recontext-preview-06-30", "predict"), BEARER_HEADER,
                   "{\"instances\":[{\"productImages\":[{\"image\":{}}]}]}", 400));
  json_t *s = post(VERTEX_RPC("image-segmentation-001", "predict"), BEARER_HEADER,
                   "{\"instances\":[{\"image\":{\"bytesBase64Encoded\":\"YWJj\"}}],"
                   "\"parameters\":{\"mode\":\"BACKGROUND\"}}",
                   200);
  assert_string_equal(jp_str(s, "predictions.0.labels.0.label"), "BACKGROUND");
  size_t len;
  unsigned char *png = b64_decode(jp_str(s, "predictions.0.bytesBase64Encoded"), &len);
  assert_int_equal(check_png(png, len, 8, 8), 0xFFFFFF);
  free(png);
  json_decref(s);
  json_decref(post(VERTEX_RPC("image-segmentation-001", "predict"), BEARER_HEADER,
                   "{\"instances\":[{\"image\":{\"bytesBase64Encoded\":\"YWJj\"}}],"
                   "\"parameters\":{\"mode\":\"PROMPT\"}}",
                   400));
  json_decref(post(VERTEX_RPC("image-segmentation-001", "predict"), BEARER_HEADER, "{\"instances\":[{}]}", 400));
}

static void test_imagen_errors(void **state) {
  (void)state;
  json_decref(post(VERTEX_RPC(IMAGEN, "predict"), BEARER_HEADER, "{\"instances\":[{}]}", 400));
  json_decref(post(VERTEX_RPC(IMAGEN, "predict"), BEARER_HEADER,
                   "{\"instances\":[{\"prompt\":\"x\"}],\"parameters\":{\"sampleCount\":5}}", 400));
  json_decref(post(VERTEX_RPC(IMAGEN, "predict"), BEARER_HEADER,
                   "{\"instances\":[{\"prompt\":\"x\"}],\"parameters\":{\"aspectRatio\":\"2:1\"}}", 400));
  /* the Gemini API's predict is for Imagen models only (the service's 404 wording) */
  json_t *e = post(MLDEV_RPC("gemini-2.0-flash", "predict"), API_KEY_HEADER, "{\"instances\":[{\"prompt\":\"x\"}]}",
                   404);
  assert_non_null(strstr(jp_str(e, "error.message"), "is not supported for predict"));
  json_decref(e);
}

/* -------------------------------------------------------------- Veo */

static void test_veo_mldev_lifecycle_and_download(void **state) {
  (void)state;
  json_t *op = post(MLDEV_RPC(VEO, "predictLongRunning"), API_KEY_HEADER,
                    "{\"instances\":[{\"prompt\":\"a cat\"}],\"parameters\":{\"sampleCount\":2,\"durationSeconds\":6}}",
                    200);
  const char *name = jp_str(op, "name");
  assert_non_null(strstr(name, "models/" VEO "/operations/"));
  assert_null(jp(op, "done"));
  char path[512];
  snprintf(path, sizeof path, "/v1beta/%s", name);
  const char *headers[] = {API_KEY_HEADER, NULL};
  http_reply r;
  http_call(NULL, &emu, "GET", path, headers, NULL, &r);
  assert_int_equal(r.status, 200);
  json_t *done = http_reply_json(&r);
  http_reply_dispose(&r);
  assert_true(json_is_true(jp(done, "done")));
  assert_string_equal(jp_str(done, "response.@type"),
                      "type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse");
  json_t *samples = jp(done, "response.generateVideoResponse.generatedSamples");
  assert_int_equal(json_array_size(samples), 2);
  const char *uri = jp_str(json_array_get(samples, 0), "video.uri");
  assert_non_null(strstr(uri, "/v1beta/files/"));
  assert_non_null(strstr(uri, ":download?alt=media"));
  /* the file resource is there too (store name files/<id>) */
  const char *tail = strstr(uri, "/v1beta/files/");
  http_call(NULL, &emu, "GET", tail, headers, NULL, &r);
  assert_int_equal(r.status, 200);
  size_t len = r.body_len;
  char ctype[64];
  assert_non_null(http_reply_header(&r, "content-type", ctype, sizeof ctype));
  assert_string_equal(ctype, "video/mp4");
  check_mp4((const unsigned char *)r.body, len, 6);
  http_reply_dispose(&r);
  /* the same operation read again: the same files */
  http_call(NULL, &emu, "GET", path, headers, NULL, &r);
  json_t *again = http_reply_json(&r);
  http_reply_dispose(&r);
  assert_string_equal(jp_str(again, "response.generateVideoResponse.generatedSamples.0.video.uri"), uri);
  json_decref(again);
  /* unknown files and operations */
  http_call(NULL, &emu, "GET", "/v1beta/files/nosuchfile:download?alt=media", headers, NULL, &r);
  assert_int_equal(r.status, 404);
  http_reply_dispose(&r);
  http_call(NULL, &emu, "GET", "/v1beta/models/" VEO "/operations/nosuchop", headers, NULL, &r);
  assert_int_equal(r.status, 404);
  http_reply_dispose(&r);
  json_decref(done);
  json_decref(op);
}

static void test_veo_vertex_fetch(void **state) {
  (void)state;
  json_t *op = post(VERTEX_RPC(VEO, "predictLongRunning"), BEARER_HEADER,
                    "{\"instances\":[{\"prompt\":\"a dog\"}],\"parameters\":{\"durationSeconds\":5}}", 200);
  const char *name = jp_str(op, "name");
  assert_int_equal(strncmp(name, "projects/test-project/locations/us-central1/publishers/google/models/" VEO "/operations/",
                           strlen("projects/test-project/locations/us-central1/publishers/google/models/" VEO
                                  "/operations/")),
                   0);
  char body[512];
  snprintf(body, sizeof body, "{\"operationName\":\"%s\"}", name);
  json_t *done = post(VERTEX_RPC(VEO, "fetchPredictOperation"), BEARER_HEADER, body, 200);
  assert_true(json_is_true(jp(done, "done")));
  assert_int_equal(jp_int(done, "response.raiMediaFilteredCount"), 0);
  assert_string_equal(jp_str(done, "response.videos.0.mimeType"), "video/mp4");
  size_t len;
  unsigned char *mp4 = b64_decode(jp_str(done, "response.videos.0.bytesBase64Encoded"), &len);
  check_mp4(mp4, len, 5);
  free(mp4);
  json_decref(done);
  /* another model's fetch, and an unknown operation */
  json_decref(post(VERTEX_RPC("veo-3.0-generate-001", "fetchPredictOperation"), BEARER_HEADER, body, 400));
  json_decref(post(VERTEX_RPC(VEO, "fetchPredictOperation"), BEARER_HEADER,
                   "{\"operationName\":\"projects/test-project/locations/us-central1/publishers/google/models/" VEO
                   "/operations/nosuchop\"}",
                   404));
  json_decref(op);
  /* a filtered prompt ends without videos (express mode names) */
  op = post(EXPRESS_RPC(VEO, "predictLongRunning"), API_KEY_HEADER,
            "{\"instances\":[{\"prompt\":\"forbidden\"}]}", 200);
  snprintf(body, sizeof body, "{\"operationName\":\"%s\"}", jp_str(op, "name"));
  done = post(EXPRESS_RPC(VEO, "fetchPredictOperation"), API_KEY_HEADER, body, 200);
  assert_int_equal(jp_int(done, "response.raiMediaFilteredCount"), 1);
  assert_null(jp(done, "response.videos"));
  json_decref(done);
  json_decref(op);
}

static void test_veo_errors(void **state) {
  (void)state;
  json_decref(post(MLDEV_RPC(VEO, "predictLongRunning"), API_KEY_HEADER, "{\"instances\":[{}]}", 400));
  json_decref(post(MLDEV_RPC(VEO, "predictLongRunning"), API_KEY_HEADER,
                   "{\"instances\":[{\"prompt\":\"x\"}],\"parameters\":{\"durationSeconds\":30}}", 400));
  json_decref(post(MLDEV_RPC(VEO, "predictLongRunning"), API_KEY_HEADER,
                   "{\"instances\":[{\"prompt\":\"x\"}],\"parameters\":{\"aspectRatio\":\"1:1\"}}", 400));
  json_decref(post(MLDEV_RPC("gemini-2.0-flash", "predictLongRunning"), API_KEY_HEADER,
                   "{\"instances\":[{\"prompt\":\"x\"}]}", 404));
}

/* An operation is not done before --lro-delay-ms passed. */
static void test_veo_delay(void **state) {
  (void)state;
  emu_harness slow;
  assert_int_equal(emu_start(&slow, (const char *const[]){"--quiet", "--lro-delay-ms", "400", NULL}), 0);
  long status;
  json_t *op = http_post_json(&slow, MLDEV_RPC(VEO, "predictLongRunning"), API_KEY_HEADER,
                              "{\"instances\":[{\"prompt\":\"x\"}]}", &status);
  assert_int_equal(status, 200);
  char path[512];
  snprintf(path, sizeof path, "/v1beta/%s", jp_str(op, "name"));
  const char *headers[] = {API_KEY_HEADER, NULL};
  http_reply r;
  http_call(NULL, &slow, "GET", path, headers, NULL, &r);
  json_t *early = http_reply_json(&r);
  http_reply_dispose(&r);
  assert_null(jp(early, "done"));
  assert_string_equal(jp_str(early, "name"), jp_str(op, "name"));
  json_decref(early);
  json_t *late = NULL;
  for (int i = 0; i < 100; i++) {
    http_call(NULL, &slow, "GET", path, headers, NULL, &r);
    late = http_reply_json(&r);
    http_reply_dispose(&r);
    if (json_is_true(jp(late, "done"))) break;
    json_decref(late);
    late = NULL;
    struct timespec ts = {0, 20 * 1000000L};
    nanosleep(&ts, NULL);
  }
  assert_non_null(late);
  json_decref(late);
  json_decref(op);
  assert_int_equal(emu_stop(&slow), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_imagen_generate_png),
      cmocka_unit_test(test_imagen_safety_and_blocking),
      cmocka_unit_test(test_imagen_edit_and_upscale),
      cmocka_unit_test(test_imagen_recontext_and_segment),
      cmocka_unit_test(test_imagen_errors),
      cmocka_unit_test(test_veo_mldev_lifecycle_and_download),
      cmocka_unit_test(test_veo_vertex_fetch),
      cmocka_unit_test(test_veo_errors),
      cmocka_unit_test(test_veo_delay),
  };
  if (emu_start(&emu, (const char *const[]){"--quiet", NULL}) != 0) return 1;
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  int stopped = emu_stop(&emu);
  return failed || stopped != 0;
}
