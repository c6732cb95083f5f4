/* Sequential unary calls on one connection (keep-alive), against a server
 * at BASE_URL: the SDK (genai_models_generate_content, answer decoded) or
 * the floor, raw libcurl sending the same request bytes and reading the
 * answer without decoding it.
 *
 *   bench_unary sdk|curl BASE_URL CALLS
 * prints: MODE CALLS SECONDS CALLS_PER_SECOND */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <genai/genai.h>

#define PROMPT "Why is the sky blue?"
#define BODY "{\"contents\": [{\"parts\": [{\"text\": \"" PROMPT "\"}], \"role\": \"user\"}]}"

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static size_t discard(char *data, size_t size, size_t n, void *user) {
  (void)data;
  *(size_t *)user += size * n;
  return size * n;
}

static int run_curl(const char *base_url, long calls) {
  char url[512];
  snprintf(url, sizeof url, "%s/v1beta/models/gemini-2.0-flash:generateContent", base_url);
  CURL *e = curl_easy_init();
  struct curl_slist *h = NULL;
  h = curl_slist_append(h, "Content-Type: application/json");
  h = curl_slist_append(h, "x-goog-api-key: bench-key");
  h = curl_slist_append(h, "Expect:");
  size_t bytes = 0;
  curl_easy_setopt(e, CURLOPT_URL, url);
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, h);
  curl_easy_setopt(e, CURLOPT_POSTFIELDS, BODY);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, discard);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &bytes);
  double start = now_s();
  for (long i = 0; i < calls; i++) {
    long status = 0;
    if (curl_easy_perform(e) != CURLE_OK || curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status) != CURLE_OK ||
        status != 200) {
      fprintf(stderr, "curl call %ld failed (status %ld)\n", i, status);
      return 1;
    }
  }
  double seconds = now_s() - start;
  printf("curl %ld %.6f %.0f\n", calls, seconds, calls / (seconds > 0 ? seconds : 1e-9));
  curl_slist_free_all(h);
  curl_easy_cleanup(e);
  return 0;
}

static int run_sdk(const char *base_url, long calls) {
  genai_http_options http = {GENAI_INIT(genai_http_options), .base_url = base_url};
  genai_client_options o = {GENAI_INIT(genai_client_options), .api_key = "bench-key", .http_options = &http,
                            .no_env = true};
  genai_client *client = NULL;
  if (genai_client_new(&o, &client) != GENAI_OK) return 1;
  double start = now_s();
  for (long i = 0; i < calls; i++) {
    genai_generate_content_response *r = NULL;
    if (genai_models_generate_content(client, "gemini-2.0-flash", GENAI_TEXT(PROMPT), NULL, &r) != GENAI_OK ||
        !genai_response_text(r)) {
      fprintf(stderr, "call %ld failed: %s\n", i, genai_error_last()->message);
      return 1;
    }
    genai_generate_content_response_free(r);
  }
  double seconds = now_s() - start;
  printf("sdk %ld %.6f %.0f\n", calls, seconds, calls / (seconds > 0 ? seconds : 1e-9));
  genai_client_free(client);
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: bench_unary sdk|curl BASE_URL CALLS\n");
    return 2;
  }
  long calls = strtol(argv[3], NULL, 10);
  curl_global_init(CURL_GLOBAL_DEFAULT);
  int rc = !strcmp(argv[1], "curl") ? run_curl(argv[2], calls) : run_sdk(argv[2], calls);
  curl_global_cleanup();
  return rc;
}
