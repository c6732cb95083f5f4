/* The per-client cache of bearer tokens from a genai_token_provider: shared
 * by all threads, refreshed ahead of expiry, one refresh at a time. */
#ifndef GENAI_AUTH_TOKEN_H
#define GENAI_AUTH_TOKEN_H

#include <stdbool.h>

#include <genai/client.h>
#include <genai/sys/auth.h>

typedef struct genai__token_cache genai__token_cache;

/* Now, in milliseconds since the epoch: token expiries are wall-clock times. */
int64_t genai__unix_ms(void);

genai_result genai__token_cache_new(const genai_token_provider *provider, genai__token_cache **out);
void genai__token_cache_free(genai__token_cache *c);

/* A copy of a valid token (free with genai__free_secret). `force` discards
 * the cached one first (after the service rejected it). */
genai_result genai__token_cache_get(genai__token_cache *c, bool force, char **out);

#endif
