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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <genai/genai.h>
#include <genai/sys/alloc.h>

#include "count_alloc.h"
#include "for_sizes.h"

#define MODEL "gemini-live-2.5-flash-preview"

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
  size_t baseline = count_alloc_live();
  count_alloc_reset_peak();
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
  size_t peak = count_alloc_peak() - baseline;
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
  if (count_alloc_install() != 0) return 1;
  static const long defaults[] = {10, 100, 1000, 0};
  int failed = bench_for_sizes(argc, argv, defaults, run);
  genai_global_cleanup();
  return failed;
}
