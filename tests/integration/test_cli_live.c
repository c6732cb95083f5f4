/* genai live against the emulator: text turns from stdin on both backends,
 * and --audio-in / --audio-out (a WAV file streamed in, the answer's audio
 * written out). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "itest.h"

#ifndef GENAI_CLI
#error "GENAI_CLI must name the genai binary"
#endif

typedef struct run_result {
  int status;
  char out[16384];
} run_result;

/* Runs genai with args and `input` on stdin, configured through the
 * environment for the emulator; stdout captured. */
static void run(bool vertex, const char *const *args, const char *input, run_result *r) {
  int out[2], in[2];
  assert_int_equal(pipe(out), 0);
  assert_int_equal(pipe(in), 0);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    dup2(in[0], STDIN_FILENO);
    close(out[0]);
    close(out[1]);
    close(in[0]);
    close(in[1]);
    unsetenv("GEMINI_API_KEY");
    unsetenv("GOOGLE_API_KEY");
    unsetenv("GOOGLE_GENAI_USE_VERTEXAI");
    unsetenv("GOOGLE_CLOUD_PROJECT");
    unsetenv("GOOGLE_CLOUD_LOCATION");
    if (vertex) {
      setenv("GOOGLE_GENAI_USE_VERTEXAI", "true", 1);
      setenv("GOOGLE_API_KEY", ITEST_KEY, 1);
      setenv("GOOGLE_VERTEX_BASE_URL", itest_emu.base_url, 1);
    } else {
      setenv("GEMINI_API_KEY", ITEST_KEY, 1);
      setenv("GOOGLE_GEMINI_BASE_URL", itest_emu.base_url, 1);
    }
    const char *argv[24] = {GENAI_CLI};
    for (size_t i = 0; args[i] && i < 22; i++) argv[i + 1] = args[i];
    execv(argv[0], (char *const *)argv);
    _exit(127);
  }
  close(out[1]);
  close(in[0]);
  size_t len = strlen(input);
  assert_int_equal(write(in[1], input, len), (ssize_t)len);
  close(in[1]);
  size_t n = 0;
  ssize_t got;
  while ((got = read(out[0], r->out + n, sizeof r->out - 1 - n)) > 0) n += (size_t)got;
  r->out[n] = '\0';
  close(out[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r->status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

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
