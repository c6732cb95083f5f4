/* The genai tool's media commands against the emulator: images generate and
 * upscale, videos generate (polling, then saving or downloading), operations
 * get and files download. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "itest.h"
#include "itest_cli.h"

#ifndef GENAI_CLI
#error "GENAI_CLI must name the genai binary"
#endif

typedef itest_cli_result run_result;

static void run(bool vertex, const char *const *args, run_result *r) { itest_cli_run(GENAI_CLI, vertex, NULL, args, r); }

static long file_size(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static void magic(const char *path, const char *bytes, size_t offset, size_t n) {
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  char buf[16];
  assert_int_equal(fseek(f, (long)offset, SEEK_SET), 0);
  assert_int_equal(fread(buf, 1, n, f), n);
  fclose(f);
  assert_memory_equal(buf, bytes, n);
}

static void make_dir(char *dir) { assert_non_null(mkdtemp(dir)); }

static void images_generate_and_upscale(void **state) {
  (void)state;
  char dir[] = "/tmp/genai_cli_media_XXXXXX", prefix[128], first[160], up[160];
  make_dir(dir);
  snprintf(prefix, sizeof prefix, "%s/kite", dir);
  run_result r;
  run(true, (const char *const[]){"images", "generate", "--count", "2", "--out", prefix, "a", "red", "kite", NULL}, &r);
  assert_int_equal(r.status, 0);
  snprintf(first, sizeof first, "%s-0.png", prefix);
  assert_non_null(strstr(r.out, first));
  magic(first, "\x89PNG\r\n\x1a\n", 0, 8);
  json_t *req = itest_last_request();
  json_t *body = json_object_get(req, "body");
  assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(body, "instances"), 0), "prompt")),
                      "a red kite");
  assert_int_equal(json_integer_value(json_object_get(json_object_get(body, "parameters"), "sampleCount")), 2);
  json_decref(req);
  snprintf(up, sizeof up, "%s/up", dir);
  run(true, (const char *const[]){"images", "upscale", "--factor", "x4", "--out", up, first, NULL}, &r);
  assert_int_equal(r.status, 0);
  char up_png[170];
  snprintf(up_png, sizeof up_png, "%s.png", up);
  assert_true(file_size(up_png) > file_size(first));
  remove(up_png);
  remove(first);
  snprintf(first, sizeof first, "%s-1.png", prefix);
  remove(first);
  rmdir(dir);
  /* the Gemini API has no Imagen methods (Python HEAD) */
  run(false, (const char *const[]){"images", "generate", "x", NULL}, &r);
  assert_int_equal(r.status, 1);
  run(false, (const char *const[]){"images", NULL}, &r);
  assert_int_equal(r.status, 2);
}

static void videos_generate_operations_get_files_download(void **state) {
  (void)state;
  char dir[] = "/tmp/genai_cli_media_XXXXXX", out[128], again[128];
  make_dir(dir);
  snprintf(out, sizeof out, "%s/cat.mp4", dir);
  run_result r;
  run(false, (const char *const[]){"videos", "generate", "--duration", "6", "--out", out, "a", "cat", NULL}, &r);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "models/veo-2.0-generate-001/operations/"));
  assert_non_null(strstr(r.out, out));
  magic(out, "ftyp", 4, 4);
  long size = file_size(out);
  assert_true(size > 6 * 16384);
  /* the last request was the download */
  json_t *req = itest_last_request();
  assert_string_equal(json_string_value(json_object_get(req, "method")), "GET");
  assert_non_null(strstr(json_string_value(json_object_get(req, "path")), ":download"));
  json_decref(req);
  /* operations get NAME prints the operation */
  char name[256];
  snprintf(name, sizeof name, "%.*s", (int)strcspn(r.out, "\n"), r.out);
  run(false, (const char *const[]){"operations", "get", name, NULL}, &r);
  assert_int_equal(r.status, 0);
  json_t *op = json_loads(r.out, 0, NULL);
  assert_non_null(op);
  assert_true(json_is_true(json_object_get(op, "done")));
  const char *uri = json_string_value(
      json_object_get(json_object_get(json_array_get(json_object_get(json_object_get(op, "result"), "generatedVideos"), 0),
                                      "video"),
                      "uri"));
  assert_non_null(uri);
  /* files download URI --out PATH: the same bytes */
  snprintf(again, sizeof again, "%s/again.mp4", dir);
  run(false, (const char *const[]){"files", "download", uri, "--out", again, NULL}, &r);
  assert_int_equal(r.status, 0);
  assert_int_equal(file_size(again), size);
  json_decref(op);
  /* a missing file: the service's 404, and no file left behind */
  char missing[128];
  snprintf(missing, sizeof missing, "%s/missing.mp4", dir);
  run(false, (const char *const[]){"files", "download", "files/nosuchfile", "--out", missing, NULL}, &r);
  assert_int_equal(r.status, 1);
  assert_int_equal(file_size(missing), -1);
  run(false, (const char *const[]){"files", "download", "files/x", NULL}, &r);
  assert_int_equal(r.status, 2);
  remove(out);
  remove(again);
  /* Vertex AI: the bytes come with the operation */
  run(true, (const char *const[]){"videos", "generate", "--out", out, "a", "dog", NULL}, &r);
  assert_int_equal(r.status, 0);
  magic(out, "ftyp", 4, 4);
  remove(out);
  rmdir(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(images_generate_and_upscale, itest_reset),
      cmocka_unit_test_setup(videos_generate_operations_get_files_download, itest_reset),
  };
  return itest_finish(cmocka_run_group_tests(tests, itest_group_setup, NULL));
}
