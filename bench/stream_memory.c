/* How memory behaves on a long stream: genai_models_generate_content_stream
 * over streams of 1,000, 10,000 and 100,000 events from genai-emulator,
 * side by side in one run. Every allocation of genai-c, libcurl and jansson
 * goes through a counting allocator (genai_global_init), so the peak of
 * live heap bytes is exact; the process's maximum RSS is printed too.
 *
 *   bench_stream_memory [EVENTS...]      (default: 1000 10000 100000)
 *
 * A flat profile means the 100,000-event peak equals the 1,000-event one. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <genai/genai.h>
#include <genai/sys/alloc.h>

#include "count_alloc.h"
#include "emulator_harness.h"

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

#define CHUNK_TEXT "chunk %08ld of the answer, some word "
#define CHUNK_TEXT_LEN 40

/* A scripted stream of n chunk events, each with a CHUNK_TEXT_LEN-byte text. */
static char *stream_script(long n) {
  const char *head = "{\"responses\":[{\"stream\":{\"events\":[";
  size_t cap = strlen(head) + (size_t)n * 160 + 64, len = 0;
  char *s = malloc(cap);
  if (!s) return NULL;
  len += (size_t)sprintf(s + len, "%s", head);
  for (long i = 0; i < n; i++)
    len += (size_t)sprintf(s + len,
                           "%s{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"" CHUNK_TEXT
                           "\"}]}%s}]}",
                           i ? "," : "", i, i == n - 1 ? ",\"finishReason\":\"STOP\"" : "");
  sprintf(s + len, "]}}]}");
  return s;
}

typedef struct run_result {
  long events;
  size_t peak_during; /* peak live bytes while the stream ran, above the baseline */
  size_t live_after_first;
  double seconds;
} run_result;

static int run(emu_harness *emu, long n, run_result *out) {
  char *script = stream_script(n);
  if (!script || emu_script(emu, script) != 200) {
    fprintf(stderr, "could not script %ld events\n", n);
    free(script);
    return -1;
  }
  free(script);
  genai_http_options http = {GENAI_INIT(genai_http_options), .base_url = emu->base_url};
  genai_client_options o = {GENAI_INIT(genai_client_options), .api_key = "bench-key", .http_options = &http,
                            .no_env = true};
  genai_client *client = NULL;
  if (genai_client_new(&o, &client) != GENAI_OK) return -1;
  size_t baseline = count_alloc_live();
  count_alloc_reset_peak();
  double start = now_s();
  genai_stream *stream = NULL;
  if (genai_models_generate_content_stream(client, "gemini-2.0-flash", GENAI_TEXT("go"), NULL, &stream) != GENAI_OK) {
    fprintf(stderr, "stream: %s\n", genai_error_last()->message);
    genai_client_free(client);
    return -1;
  }
  const genai_generate_content_response *chunk;
  genai_result rc;
  long got = 0;
  size_t text_bytes = 0;
  while ((rc = genai_stream_next(stream, &chunk)) == GENAI_OK) {
    const char *t = genai_response_text(chunk);
    text_bytes += t ? strlen(t) : 0;
    if (++got == 1) out->live_after_first = count_alloc_live() - baseline;
  }
  out->seconds = now_s() - start;
  genai_stream_free(stream);
  genai_client_free(client);
  if (rc != GENAI_DONE || got != n || text_bytes != (size_t)n * CHUNK_TEXT_LEN) {
    fprintf(stderr, "stream of %ld: ended with %s after %ld events (%zu text bytes)\n", n, genai_result_name(rc), got,
            text_bytes);
    return -1;
  }
  out->events = n;
  out->peak_during = count_alloc_peak() - baseline;
  return 0;
}

int main(int argc, char **argv) {
  if (count_alloc_install() != 0) {
    fprintf(stderr, "genai_global_init: %s\n", genai_error_last()->message);
    return 1;
  }
  long sizes[8] = {1000, 10000, 100000};
  int count = 3;
  if (argc > 1) {
    count = 0;
    for (int i = 1; i < argc && count < 8; i++) sizes[count++] = strtol(argv[i], NULL, 10);
  }
  emu_harness emu;
  const char *args[] = {"--quiet", NULL};
  if (emu_start(&emu, args) != 0) return 1;
  printf("| events | peak heap during the stream | heap after the first chunk | time | events/s |\n");
  printf("|---:|---:|---:|---:|---:|\n");
  int failed = 0;
  run_result first = {0};
  for (int i = 0; i < count && !failed; i++) {
    run_result r = {0};
    if (run(&emu, sizes[i], &r) != 0) {
      failed = 1;
      break;
    }
    if (i == 0) first = r;
    printf("| %ld | %zu B | %zu B | %.3f s | %.0f |\n", r.events, r.peak_during, r.live_after_first, r.seconds,
           r.events / r.seconds);
    if (i > 0)
      fprintf(stderr, "peak ratio %ld/%ld events: %.3f\n", r.events, first.events,
              (double)r.peak_during / (double)first.peak_during);
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("\nmaximum resident set size of the process: %ld KiB\n", ru.ru_maxrss);
  emu_stop(&emu);
  genai_global_cleanup();
  return failed;
}
