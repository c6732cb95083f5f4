/* genai live against the emulator: text turns from stdin on both backends,
 * and --audio-in / --audio-out (a WAV file streamed in, the answer's audio
 * written out). */
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

static void run(bool vertex, const char *const *args, const char *input, run_result *r) { itest_cli_run(GENAI_CLI, vertex, input, args, r); }

static void text_turns(bool vertex) {
  run_result r;
  const char *args[] = {"live", NULL};
  run(vertex, args, "Hello what should we talk about?\n\n//slash\n/quit\nnot sent\n", &r);
  assert_int_equal(r.status, 0);
  assert_string_equal(r.out,
                      "Echo from gemini-live-2.5-flash-preview: Hello what should we talk about?\n"
                      "Echo from gemini-live-2.5-flash-preview: /slash\n");
  json_t *log = itest_requests();
  assert_int_equal(json_array_size(log), 4); /* upgrade, setup, two turns */
  json_decref(log);
}

static void gemini_text(void **state) {
  (void)state;
  text_turns(false);
}

static void vertex_text(void **state) {
  (void)state;
  text_turns(true);
}

static void audio_in_and_out(void **state) {
  (void)state;
  char dir[] = "/tmp/genai-cli-live-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char in_path[64], out_path[64];
  snprintf(in_path, sizeof in_path, "%s/in.wav", dir);
  snprintf(out_path, sizeof out_path, "%s/out.wav", dir);
  /* a WAV header and 6400 bytes (two chunks) of silence */
  FILE *f = fopen(in_path, "wb");
  assert_non_null(f);
  unsigned char header[44] = "RIFF\0\0\0\0WAVEfmt ";
  assert_int_equal(fwrite(header, 1, 44, f), 44);
  static const unsigned char silence[6400];
  assert_int_equal(fwrite(silence, 1, sizeof silence, f), sizeof silence);
  fclose(f);
  run_result r;
  const char *args[] = {"live", "--audio-in", in_path, "--audio-out", out_path, NULL};
  run(false, args, "", &r);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "heard: (6400 bytes of audio)\n"));
  assert_non_null(strstr(r.out, "Echo from gemini-live-2.5-flash-preview: (6400 bytes of audio)"));
  /* the audio answer: one 16-bit sample per byte of the text */
  struct stat st;
  assert_int_equal(stat(out_path, &st), 0);
  size_t text_len = strlen("Echo from gemini-live-2.5-flash-preview: (6400 bytes of audio)");
  assert_int_equal((size_t)st.st_size, 44 + 2 * text_len);
  f = fopen(out_path, "rb");
  assert_non_null(f);
  unsigned char h[44];
  assert_int_equal(fread(h, 1, 44, f), 44);
  fclose(f);
  assert_memory_equal(h, "RIFF", 4);
  assert_memory_equal(h + 8, "WAVEfmt ", 8);
  assert_int_equal(h[24] | h[25] << 8, 24000);
  json_t *log = itest_requests();
  json_t *setup = json_object_get(json_object_get(json_array_get(log, 1), "body"), "setup");
  itest_assert_json_value(json_object_get(setup, "generationConfig"), "{\"responseModalities\":[\"AUDIO\"]}");
  assert_non_null(json_object_get(setup, "inputAudioTranscription"));
  json_decref(log);
  unlink(in_path);
  unlink(out_path);
  rmdir(dir);
}

static void bad_config(void **state) {
  (void)state;
  run_result r;
  const char *args[] = {"live", "--config", "{\"temperature\": \"hot\"}", NULL};
  run(false, args, "", &r);
  assert_int_equal(r.status, 2);
  assert_int_equal(itest_request_count(), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(gemini_text, itest_reset),
      cmocka_unit_test_setup(vertex_text, itest_reset),
      cmocka_unit_test_setup(audio_in_and_out, itest_reset),
      cmocka_unit_test_setup(bad_config, itest_reset),
  };
  return itest_finish(cmocka_run_group_tests(tests, itest_group_setup, NULL));
}
