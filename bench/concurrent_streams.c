/* N streaming calls at once on one thread, against genai-emulator:
 * genai_models_generate_content_stream_async on a genai_multi driven by
 * genai_multi_poll, for each N given (default 100 1000 10000). Reports the
 * wall time from the first call to the last chunk, and the peak of live
 * heap bytes (genai-c, libcurl and jansson, through a counting allocator)
 * per call in flight. bench/js_concurrent_streams.mjs measures the official
 * JS SDK the same way (Promise.all); `make bench` runs both side by side.
 *
 *   bench_concurrent_streams BASE_URL? [N...]   (no BASE_URL: starts an emulator) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <genai/genai.h>
#include <genai/sys/alloc.h>

#include "count_alloc.h"
#include "for_sizes.h"

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

typedef struct tally {
  long chunks, done, failed;
  size_t text_bytes;
} tally;

static void on_chunk(genai_op *op, const genai_generate_content_response *chunk, void *user_data) {
  (void)op;
  tally *t = user_data;
  const char *text = genai_response_text(chunk);
  t->text_bytes += text ? strlen(text) : 0;
  t->chunks++;
}

static void on_done(genai_op *op, void *user_data) {
  tally *t = user_data;
  t->done++;
  if (genai_op_result(op) != GENAI_DONE) {
    if (!t->failed) fprintf(stderr, "a stream failed: %s\n", genai_op_error(op)->message);
    t->failed++;
  }
}

static int run(const char *base_url, long n) {
  genai_http_options http = {GENAI_INIT(genai_http_options), .base_url = base_url};
  genai_client_options o = {GENAI_INIT(genai_client_options), .api_key = "bench-key", .http_options = &http,
                            .no_env = true};
  genai_client *client = NULL;
  genai_multi *multi = NULL;
  if (genai_client_new(&o, &client) != GENAI_OK || genai_multi_new(client, NULL, &multi) != GENAI_OK) return -1;
  genai_op **ops = calloc((size_t)n, sizeof(*ops));
  if (!ops) return -1;
  tally t = {0};
  size_t baseline = count_alloc_live();
  count_alloc_reset_peak();
  double start = now_s();
  genai_op_callbacks cb = {GENAI_INIT(genai_op_callbacks), .on_done = on_done, .on_chunk = on_chunk, .user_data = &t};
  for (long i = 0; i < n; i++) {
    if (genai_models_generate_content_stream_async(multi, "gemini-2.0-flash",
                                                   GENAI_TEXT("Tell me a story in a few words please"), NULL, &cb,
                                                   &ops[i]) != GENAI_OK) {
      fprintf(stderr, "start %ld: %s\n", i, genai_error_last()->message);
      return -1;
    }
  }
  int running = 1;
  while (running)
    if (genai_multi_poll(multi, 1000, &running) != GENAI_OK) return -1;
  double seconds = now_s() - start;
  size_t peak = count_alloc_peak() - baseline;
  for (long i = 0; i < n; i++) genai_op_free(ops[i]);
  free(ops);
  genai_multi_free(multi);
  genai_client_free(client);
  if (t.failed || t.done != n) {
    fprintf(stderr, "N=%ld: %ld of %ld streams failed\n", n, t.failed, n);
    return -1;
  }
  printf("| genai-c (genai_multi_poll) | %ld | %.2f s | %.0f | %ld | %zu B | %zu B |\n", n, seconds, n / seconds,
         t.chunks, peak, peak / (size_t)n);
  fflush(stdout);
  return 0;
}

int main(int argc, char **argv) {
  if (count_alloc_install() != 0) return 1;
  static const long defaults[] = {100, 1000, 10000, 0};
  int failed = bench_for_sizes(argc, argv, defaults, run);
  genai_global_cleanup();
  return failed;
}
