/**
 * @file caches.h
 * `client.caches`: cached contents (context caching) on the Gemini
 * Developer API and Vertex AI.
 *
 * A cached content holds a prompt prefix (contents, system instruction,
 * tools, tool config) that later generate calls name with
 * `genai_generate_content_config.cached_content`. It lives until its
 * expire time (its TTL, one hour by default), which genai_caches_update()
 * moves.
 *
 * Names are normalised as the Python SDK's `t_cached_content_name` does:
 * "abc" becomes "cachedContents/abc"; on Vertex AI a name without
 * "projects/" gets the client's project and location.
 *
 * Thread safety: every function may be called from any thread with a shared
 * client. Results are owned by the caller and read-only.
 */
#ifndef GENAI_CACHES_H
#define GENAI_CACHES_H

#include <genai/client.h>
#include <genai/common.h>
#include <genai/errors.h>
#include <genai/multi.h>
#include <genai/pager.h>
#include <genai/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Creates a cached content (Python's `client.caches.create(model=, config=)`):
 * POST `cachedContents` with the config's contents, system_instruction,
 * tools, tool_config, ttl or expire_time, display_name, and on Vertex AI
 * kms_key_name (rejected on the Gemini API before any request).
 *
 * @param client    the client.
 * @param model     a model id ("gemini-2.5-flash") or name ("models/...",
 *                  "publishers/google/models/..."); on Vertex AI sent as the
 *                  full resource "projects/P/locations/L/publishers/google/models/x".
 * @param config    [nullable] what to cache; contents are given in any
 *                  genai_contents form.
 * @param[out] out  [callee allocates] the cached content; free with
 *                  genai_cached_content_free().
 * @return GENAI_OK, GENAI_EINVAL (a NULL argument, an empty model, a field
 *         the backend lacks), or the call's error (genai_error_last()).
 */
GENAI_API GENAI_NODISCARD genai_result genai_caches_create(genai_client *client, const char *model,
                                                          const genai_create_cached_content_config *config,
                                                          genai_cached_content **out);

/**
 * Gets a cached content's metadata (Python's `client.caches.get(name=)`).
 * The cached contents themselves are never returned by the services.
 * @param name      "abc", "cachedContents/abc" or, on Vertex AI, the full
 *                  resource name.
 * @param config    [nullable] its http_options.
 * @param[out] out  [callee allocates] free with genai_cached_content_free().
 * @return GENAI_OK, GENAI_EINVAL, or the call's error (an unknown or expired
 *         cache is the service's not-found or permission error).
 */
GENAI_API GENAI_NODISCARD genai_result genai_caches_get(genai_client *client, const char *name,
                                                       const genai_get_cached_content_config *config,
                                                       genai_cached_content **out);

/**
 * Moves a cached content's expiry (Python's `client.caches.update(name=, config=)`):
 * PATCH `{name}` with the config's ttl or expire_time.
 * @param[out] out  [callee allocates] the updated cached content; free with
 *                  genai_cached_content_free().
 * @return GENAI_OK, GENAI_EINVAL, or the call's error.
 */
GENAI_API GENAI_NODISCARD genai_result genai_caches_update(genai_client *client, const char *name,
                                                          const genai_update_cached_content_config *config,
                                                          genai_cached_content **out);

/**
 * Deletes a cached content (Python's `client.caches.delete(name=)`).
 * @param[out] out  [nullable, callee allocates] the (empty) answer with its
 *                  HTTP response; free with
 *                  genai_delete_cached_content_response_free().
 * @return GENAI_OK, GENAI_EINVAL, or the call's error.
 */
GENAI_API GENAI_NODISCARD genai_result genai_caches_delete(genai_client *client, const char *name,
                                                          const genai_delete_cached_content_config *config,
                                                          genai_delete_cached_content_response **out);

/**
 * Lists cached contents (Python's `client.caches.list(config=)`) through a
 * pager (see pager.h) whose items are `const genai_cached_content *`.
 * Expired caches are not listed.
 * @param config    [nullable] page_size, page_token, http_options.
 * @param[out] out  [callee allocates] the pager holding the first page; free
 *                  with genai_pager_free().
 * @return GENAI_OK, GENAI_EINVAL, or the first page's error.
 */
GENAI_API GENAI_NODISCARD genai_result genai_caches_list(genai_client *client,
                                                        const genai_list_cached_contents_config *config,
                                                        genai_pager **out);

/** genai_caches_create() on a genai_multi; take the result with genai_op_take_cached_content(). */
GENAI_API GENAI_NODISCARD genai_result genai_caches_create_async(genai_multi *multi, const char *model,
                                                                const genai_create_cached_content_config *config,
                                                                const genai_op_callbacks *callbacks, genai_op **out);
/** genai_caches_get() on a genai_multi; take the result with genai_op_take_cached_content(). */
GENAI_API GENAI_NODISCARD genai_result genai_caches_get_async(genai_multi *multi, const char *name,
                                                             const genai_get_cached_content_config *config,
                                                             const genai_op_callbacks *callbacks, genai_op **out);
/** genai_caches_update() on a genai_multi; take the result with genai_op_take_cached_content(). */
GENAI_API GENAI_NODISCARD genai_result genai_caches_update_async(genai_multi *multi, const char *name,
                                                                const genai_update_cached_content_config *config,
                                                                const genai_op_callbacks *callbacks, genai_op **out);
/** genai_caches_delete() on a genai_multi; take the result with genai_op_take_delete_cached_content_response(). */
GENAI_API GENAI_NODISCARD genai_result genai_caches_delete_async(genai_multi *multi, const char *name,
                                                                const genai_delete_cached_content_config *config,
                                                                const genai_op_callbacks *callbacks, genai_op **out);
/** genai_caches_list() on a genai_multi; take the pager with genai_op_take_pager(). */
GENAI_API GENAI_NODISCARD genai_result genai_caches_list_async(genai_multi *multi,
                                                              const genai_list_cached_contents_config *config,
                                                              const genai_op_callbacks *callbacks, genai_op **out);

/**
 * The cached content of a finished create, get or update operation:
 * GENAI_OK with `*out` owned (free with genai_cached_content_free()), the
 * operation's error, GENAI_EINPROGRESS while it runs, or GENAI_EINVAL when
 * the operation is of another kind or its result was taken already.
 */
GENAI_API GENAI_NODISCARD genai_result genai_op_take_cached_content(genai_op *op, genai_cached_content **out);

/** The answer of a finished delete operation (as genai_op_take_cached_content()). */
GENAI_API GENAI_NODISCARD genai_result genai_op_take_delete_cached_content_response(
    genai_op *op, genai_delete_cached_content_response **out);

#ifdef __cplusplus
}
#endif
#endif /* GENAI_CACHES_H */
