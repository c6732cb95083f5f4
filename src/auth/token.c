#include "auth/token.h"

#include <pthread.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/error.h"

/* Refresh this long before the provider's expiry, so that a token never
 * expires on the way to the service. */
#define REFRESH_MARGIN_MS 60000

struct genai_token_sink {
  char *token;
  int64_t expires_at_unix_ms;
};

struct genai__token_cache {
  pthread_mutex_t lock;
  genai_token_fn fn;
  void *user_data;
  char *token;
  int64_t expires_at_unix_ms;
};

int64_t genai__unix_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

genai_result genai_token_sink_set(genai_token_sink *sink, const char *access_token, int64_t expires_at_unix_ms) {
  if (!sink) return genai__err(GENAI_EINVAL, "sink is NULL");
  if (!access_token || !*access_token) return genai__err(GENAI_EINVAL, "access_token is empty");
  char *copy = genai__strdup(access_token);
  if (!copy) return genai__err(GENAI_ENOMEM, "out of memory");
  genai__free_secret(sink->token);
  sink->token = copy;
  sink->expires_at_unix_ms = expires_at_unix_ms;
  return GENAI_OK;
}

genai_result genai__token_cache_new(const genai_token_provider *provider, genai__token_cache **out) {
  genai__token_cache *c = genai__calloc(1, sizeof(*c));
  if (!c) return genai__err(GENAI_ENOMEM, "out of memory");
  pthread_mutex_init(&c->lock, NULL);
  c->fn = provider->get_token;
  c->user_data = provider->user_data;
  *out = c;
  return GENAI_OK;
}

void genai__token_cache_free(genai__token_cache *c) {
  if (!c) return;
  genai__free_secret(c->token);
  pthread_mutex_destroy(&c->lock);
  genai__free(c);
}

static bool still_valid(const genai__token_cache *c) {
  return c->token && (c->expires_at_unix_ms == 0 || genai__unix_ms() < c->expires_at_unix_ms - REFRESH_MARGIN_MS);
}

genai_result genai__token_cache_get(genai__token_cache *c, bool force, char **out) {
  *out = NULL;
  genai_result rc = GENAI_OK;
  pthread_mutex_lock(&c->lock);
  if (force) {
    genai__free_secret(c->token);
    c->token = NULL;
  }
  if (!still_valid(c)) {
    genai_token_sink sink = {0};
    genai_error_clear(); /* so that an error the provider caused can be told from an old one */
    rc = c->fn(c->user_data, &sink);
    if (rc > 0) rc = GENAI_EAUTH; /* only GENAI_OK is success */
    if (rc == GENAI_OK && !sink.token)
      rc = genai__err(GENAI_EAUTH, "the token provider returned success without calling genai_token_sink_set()");
    else if (rc != GENAI_OK && genai_error_last()->code == GENAI_OK)
      genai__err(rc, "the token provider failed (%s)", genai_result_name(rc));
    if (rc == GENAI_OK) {
      genai__free_secret(c->token);
      c->token = sink.token;
      c->expires_at_unix_ms = sink.expires_at_unix_ms;
    } else {
      genai__free_secret(sink.token);
    }
  }
  if (rc == GENAI_OK && !(*out = genai__strdup(c->token))) rc = genai__err(GENAI_ENOMEM, "out of memory");
  pthread_mutex_unlock(&c->lock);
  return rc;
}
