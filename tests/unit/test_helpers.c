/* The Python SDK's Part/Content factories and Image/Video helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <genai/genai.h>

static void assert_json(char *actual, const char *expected) {
  assert_non_null(actual);
  assert_string_equal(actual, expected);
  genai_free(actual);
}

static char *part_json(genai_part *p) {
  char *out = NULL;
  assert_int_equal(genai_part_to_json(p, &out), GENAI_OK);
  genai_part_free(p);
  return out;
}

static void parts_from_text_uri_and_bytes(void **state) {
  (void)state;
  genai_part *p = NULL;
  assert_int_equal(genai_part_from_text("hello", &p), GENAI_OK);
  assert_json(part_json(p), "{\"text\":\"hello\"}");
  assert_int_equal(genai_part_from_uri("gs://generativeai-downloads/images/scones.jpg", NULL, &p), GENAI_OK);
  assert_json(part_json(p),
              "{\"fileData\":{\"fileUri\":\"gs://generativeai-downloads/images/scones.jpg\",\"mimeType\":\"image/jpeg\"}}");
  assert_int_equal(genai_part_from_uri("https://x/y/clip.MP4?token=1", NULL, &p), GENAI_OK);
  assert_string_equal(p->file_data->mime_type, "video/mp4");
  genai_part_free(p);
  assert_int_equal(genai_part_from_uri("gs://b/noextension", NULL, &p), GENAI_EINVAL);
  assert_string_equal(genai_error_last()->message, "Failed to determine mime type for file: gs://b/noextension");
  assert_null(p);
  assert_int_equal(genai_part_from_uri("gs://b/data", "application/octet-stream", &p), GENAI_OK);
  genai_part_free(p);
  const uint8_t png[] = {0x89, 'P', 'N', 'G', 0xfb, 0xff};
  assert_int_equal(genai_part_from_bytes(png, sizeof(png), "image/png", &p), GENAI_OK);
  assert_int_equal(p->inline_data->data.size, sizeof(png));
  assert_memory_equal(p->inline_data->data.data, png, sizeof(png));
  assert_ptr_not_equal(p->inline_data->data.data, png); /* copied */
  assert_json(part_json(p), "{\"inlineData\":{\"data\":\"iVBOR_v_\",\"mimeType\":\"image/png\"}}");
  assert_int_equal(genai_part_from_bytes(png, sizeof(png), NULL, &p), GENAI_EINVAL);
}

static void parts_for_functions_and_code(void **state) {
  (void)state;
  genai_part *p = NULL;
  assert_int_equal(genai_part_from_function_call("get_weather", "{\"location\": \"Boston\"}", &p), GENAI_OK);
  assert_json(part_json(p), "{\"functionCall\":{\"args\":{\"location\":\"Boston\"},\"name\":\"get_weather\"}}");
  assert_int_equal(genai_part_from_function_call("f", "[1]", &p), GENAI_EINVAL);
  assert_int_equal(genai_part_from_function_call(NULL, NULL, &p), GENAI_EINVAL);
  assert_int_equal(genai_part_from_function_response("get_weather", "{\"result\": \"sunny\"}", NULL, 0, &p), GENAI_OK);
  assert_json(part_json(p),
              "{\"functionResponse\":{\"name\":\"get_weather\",\"response\":{\"result\":\"sunny\"}}}");
  genai_function_response_blob blob = {GENAI_INIT(genai_function_response_blob), .mime_type = "image/png",
                                       .data = {(const uint8_t *)"ab", 2}};
  genai_function_response_part frp = {GENAI_INIT(genai_function_response_part), .inline_data = &blob};
  const genai_function_response_part *parts[] = {&frp};
  assert_int_equal(genai_part_from_function_response("f", "{}", parts, 1, &p), GENAI_OK);
  assert_int_equal(p->function_response->parts_count, 1);
  assert_string_equal(p->function_response->parts[0]->inline_data->mime_type, "image/png");
  genai_part_free(p);
  assert_int_equal(genai_part_from_executable_code("print(1)", GENAI_LANGUAGE_PYTHON, &p), GENAI_OK);
  assert_json(part_json(p), "{\"executableCode\":{\"code\":\"print(1)\",\"language\":\"PYTHON\"}}");
  assert_int_equal(genai_part_from_code_execution_result(GENAI_OUTCOME_OK, "1\n", &p), GENAI_OK);
  assert_json(part_json(p), "{\"codeExecutionResult\":{\"outcome\":\"OUTCOME_OK\",\"output\":\"1\\n\"}}");
}

static void user_and_model_contents_copy_their_parts(void **state) {
  (void)state;
  genai_part a = {GENAI_INIT(genai_part), .text = "a"};
  genai_part b = {GENAI_INIT(genai_part), .thought = &(bool){true}, .text = "b"};
  const genai_part *parts[] = {&a, &b};
  genai_content *c = NULL;
  assert_int_equal(genai_user_content_new(parts, 2, &c), GENAI_OK);
  a.text = "changed afterwards";
  char *out = NULL;
  assert_int_equal(genai_content_to_json(c, &out), GENAI_OK);
  assert_json(out, "{\"parts\":[{\"text\":\"a\"},{\"text\":\"b\",\"thought\":true}],\"role\":\"user\"}");
  genai_content_free(c);
  assert_int_equal(genai_model_content_new(parts, 2, &c), GENAI_OK);
  assert_string_equal(c->role, "model");
  genai_content_free(c);
  const genai_part *holes[] = {&a, NULL};
  assert_int_equal(genai_model_content_new(holes, 2, &c), GENAI_EINVAL);
  assert_null(c);
}

static void images_and_videos_from_files_and_back(void **state) {
  (void)state;
  char path[] = "/tmp/genai-test-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  close(fd);
  char png_path[64];
  snprintf(png_path, sizeof(png_path), "%s.png", path);
  FILE *f = fopen(png_path, "wb");
  assert_non_null(f);
  fwrite("\x89PNG\0data", 1, 9, f);
  fclose(f);
  genai_image *img = NULL;
  assert_int_equal(genai_image_from_file(png_path, NULL, &img), GENAI_OK);
  assert_string_equal(img->mime_type, "image/png");
  assert_int_equal(img->image_bytes.size, 9);
  assert_null(img->gcs_uri);
  char copy_path[80];
  snprintf(copy_path, sizeof(copy_path), "%s.copy", path);
  assert_int_equal(genai_image_save(img, copy_path), GENAI_OK);
  f = fopen(copy_path, "rb");
  char back[16] = {0};
  assert_int_equal(fread(back, 1, sizeof(back), f), 9);
  fclose(f);
  assert_memory_equal(back, "\x89PNG\0data", 9);
  genai_image_free(img);
  assert_int_equal(genai_image_from_file("https://storage.googleapis.com/bucket/a%20b.jpg", NULL, &img), GENAI_OK);
  assert_string_equal(img->gcs_uri, "gs://bucket/a b.jpg");
  assert_string_equal(img->mime_type, "image/jpeg");
  assert_null(img->image_bytes.data);
  assert_int_equal(genai_image_save(img, copy_path), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "only gcs_uri gs://bucket/a b.jpg"));
  genai_image_free(img);
  assert_int_equal(genai_image_from_file("/nonexistent/x.png", NULL, &img), GENAI_EIO);
  genai_video *v = NULL;
  assert_int_equal(genai_video_from_file("gs://b/clip.mp4", NULL, &v), GENAI_OK);
  assert_string_equal(v->uri, "gs://b/clip.mp4");
  assert_string_equal(v->mime_type, "video/mp4");
  genai_video_free(v);
  unlink(path);
  unlink(png_path);
  unlink(copy_path);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(parts_from_text_uri_and_bytes),
      cmocka_unit_test(parts_for_functions_and_code),
      cmocka_unit_test(user_and_model_contents_copy_their_parts),
      cmocka_unit_test(images_and_videos_from_files_and_back),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  genai_error_clear();
  return failed;
}
