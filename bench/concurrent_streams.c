/* N streaming calls at once on one thread, against genai-emulator:
 * genai_models_generate_content_stream_async on a genai_multi driven by
 * genai_multi_poll, for each N given (default 100 1000 10000). Reports the
 * wall time from the first call to the last chunk, and the peak of live
 * heap bytes (genai-c, libcurl and jansson, through a counting allocator)
 * per call in flight. bench/js_concurrent_streams.mjs measures the official
 * JS SDK the same way (Promise.all); `make bench` runs both side by side.
 *
 *   bench_concurrent_streams BASE_URL? [N...]   (no BASE_URL: starts an emulator) */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <genai/genai.h>
#include <genai/sys/alloc.h>

#include "emulator_harness.h"

typedef union header {
  size_t size;
  max_align_t align;
} header;

static atomic_size_t live_bytes, peak_bytes;

static void note_alloc(size_t n) {
  size_t now = atomic_fetch_add(&live_bytes, n) + n;
  size_t peak = atomic_load(&peak_bytes);
  while (now > peak && !atomic_compare_exchange_weak(&peak_bytes, &peak, now)) {
  }
}

static void *count_malloc(size_t n) {
  header *h = malloc(sizeof(header) + n);
  if (!h) return NULL;
  h->size = n;
  note_alloc(n);
  return h + 1;
}

static void count_free(void *p) {
  if (!p) return;
  header *h = (header *)p - 1;
  atomic_fetch_sub(&live_bytes, h->size);
  free(h);
}

static void *count_realloc(void *p, size_t n) {
  if (!p) return count_malloc(n);
  header *h = (header *)p - 1;
  size_t old = h->size;
  header *g = realloc(h, sizeof(header) + n);
  if (!g) return NULL;
  g->size = n;
  atomic_fetch_sub(&live_bytes, old);
  note_alloc(n);
  return g + 1;
}

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

static void raise_fd_limit(void) {
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
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
  size_t baseline = atomic_load(&live_bytes);
  atomic_store(&peak_bytes, baseline);
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
  size_t peak = atomic_load(&peak_bytes) - baseline;
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
  genai_allocator counting = {GENAI_INIT(genai_allocator), count_malloc, count_realloc, count_free};
  genai_global_options g = {GENAI_INIT(genai_global_options), .allocator = &counting};
  if (genai_global_init(&g) != GENAI_OK) return 1;
  raise_fd_limit();
  const char *base_url = NULL;
  int first = 1;
  if (argc > 1 && !strncmp(argv[1], "http", 4)) base_url = argv[first++];
  emu_harness emu = {0};
  if (!base_url) {
    const char *args[] = {"--quiet", "--max-connections", "20000", NULL};
    if (emu_start(&emu, args) != 0) return 1;
    base_url = emu.base_url;
  }
  long sizes[8] = {100, 1000, 10000};
  int count = 3;
  if (first < argc) {
    count = 0;
    for (int i = first; i < argc && count < 8; i++) sizes[count++] = strtol(argv[i], NULL, 10);
  }
  int failed = 0;
  for (int i = 0; i < count && !failed; i++) failed = run(base_url, sizes[i]) != 0;
  if (emu.pid) emu_stop(&emu);
  genai_global_cleanup();
  return failed;
}
