/* N Live API sessions at once on one thread, against genai-emulator:
 * genai_live_connect_async on one genai_multi driven by genai_multi_poll;
 * each session sends one text turn (held until setupComplete), reads the
 * answer to turnComplete and closes. Reports the wall time from the first
 * connect to the last close, and the peak memory per session: the heap of
 * genai-c, libcurl and jansson (counting allocator) and the growth of the
 * process's peak RSS (which also holds libwebsockets' own allocations and
 * the kernel's socket buffers are not in it). bench/js_live_sessions.mjs
 * measures the official JS SDK the same way; `make bench` runs both.
 *
 *   bench_live_sessions BASE_URL? [N...]   (no BASE_URL: starts an emulator) */
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

#define MODEL "gemini-live-2.5-flash-preview"

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

static long max_rss_kib(void) {
  struct rusage ru;
  return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : 0;
}

typedef struct tally {
  long messages, turns, failed;
  size_t text_bytes;
} tally;

static void on_message(genai_live_session *s, const genai_live_server_message *m, void *user_data) {
  tally *t = user_data;
  t->messages++;
  const char *text = genai_live_server_message_text(m);
  t->text_bytes += text ? strlen(text) : 0;
  if (m->server_content && m->server_content->turn_complete && *m->server_content->turn_complete) {
    t->turns++;
    genai_live_close(s);
  }
}

static void on_close(genai_live_session *s, genai_result rc, void *user_data) {
  tally *t = user_data;
  if (!t->failed) fprintf(stderr, "a session ended early (%s): %s\n", genai_result_name(rc), genai_live_error(s)->message);
  t->failed++;
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
  genai_live_session **sessions = calloc((size_t)n, sizeof(*sessions));
  if (!sessions) return -1;
  static const genai_modality text[] = {GENAI_MODALITY_TEXT};
  const genai_live_connect_config config = {GENAI_INIT(genai_live_connect_config), .response_modalities = text,
                                            .response_modalities_count = 1};
  tally t = {0};
  genai_live_callbacks cb = {GENAI_INIT(genai_live_callbacks), .on_message = on_message, .on_close = on_close,
                             .user_data = &t};
  size_t baseline = atomic_load(&live_bytes);
  atomic_store(&peak_bytes, baseline);
  long rss_before = max_rss_kib();
  double start = now_s();
  for (long i = 0; i < n; i++) {
    if (genai_live_connect_async(multi, MODEL, &config, &cb, &sessions[i]) != GENAI_OK ||
        genai_live_send_client_content(sessions[i], GENAI_TEXT("Tell me a story in a few words please"), true) !=
            GENAI_OK) {
      fprintf(stderr, "session %ld: %s\n", i, genai_error_last()->message);
      return -1;
    }
  }
  int running = 1;
  while (running)
    if (genai_multi_poll(multi, 1000, &running) != GENAI_OK) return -1;
  double seconds = now_s() - start;
  size_t peak = atomic_load(&peak_bytes) - baseline;
  long rss_growth = max_rss_kib() - rss_before;
  for (long i = 0; i < n; i++)
    if (t.failed) genai_live_close(sessions[i]); /* those that ended early are still allocated */
  free(sessions);
  genai_multi_free(multi);
  genai_client_free(client);
  if (t.failed || t.turns != n) {
    fprintf(stderr, "N=%ld: %ld of %ld sessions failed\n", n, t.failed, n);
    return -1;
  }
  printf("| genai-c (genai_live_connect_async) | %ld | %.2f s | %.0f | %ld | %zu B | %ld B |\n", n, seconds,
         n / seconds, t.messages, peak / (size_t)n, rss_growth * 1024 / n);
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
  long sizes[8] = {10, 100, 1000};
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
