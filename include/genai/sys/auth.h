/**
 * @file sys/auth.h
 * Extension point: where Vertex AI bearer tokens come from.
 *
 * A Vertex AI client with a project or location and no API key sends
 * `Authorization: Bearer <token>` on every request (the Python SDK's rule for
 * OAuth credentials). The token comes from the client's token provider when
 * it has one, else from Application Default Credentials (docs/auth.md). The library caches the token until shortly before it
 * expires (one refresh at a time, shared by all threads); the provider is
 * called only when a new token is needed.
 */
#ifndef GENAI_SYS_AUTH_H
#define GENAI_SYS_AUTH_H

#include <stdint.h>

#include <genai/common.h>
#include <genai/errors.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Where a provider puts the token it obtained. */
typedef struct genai_token_sink genai_token_sink;

/**
 * Hands a token to the library, which copies it.
 * @param expires_at_unix_ms when the token expires (ms since the epoch), or 0
 *        when unknown: the token is then reused until the service rejects it.
 * @return GENAI_OK, GENAI_EINVAL (empty token), GENAI_ENOMEM.
 */
GENAI_API GENAI_NODISCARD genai_result genai_token_sink_set(genai_token_sink *sink, const char *access_token,
                                                            int64_t expires_at_unix_ms);

/**
 * Obtains a token and passes it to genai_token_sink_set(). Called from the
 * thread making a request, never concurrently for one client. Return
 * GENAI_OK, or an error (GENAI_EAUTH is typical), which the call then returns.
 */
typedef genai_result (*genai_token_fn)(void *user_data, genai_token_sink *sink);

/** A token source; `user_data` must outlive every client using it. */
struct genai_token_provider {
  size_t struct_size;
  genai_token_fn get_token;
  void *user_data;
};

#ifdef __cplusplus
}
#endif
#endif /* GENAI_SYS_AUTH_H */
