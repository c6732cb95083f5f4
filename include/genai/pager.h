/**
 * @file pager.h
 * Pagers: the C counterpart of the Python SDK's `Pager` and `AsyncPager`.
 *
 * A list method (genai_models_list(), genai_files_list(), genai_caches_list(),
 * genai_batches_list(), genai_tunings_list()) returns a genai_pager holding
 * the first page of results. Read it item by item with genai_pager_next(),
 * which fetches the following pages as it goes, or page by page with
 * genai_pager_page_len(), genai_pager_page_item() and genai_pager_next_page().
 *
 * @code
 *   genai_pager *pager = NULL;
 *   genai_list_models_config config = {GENAI_INIT(genai_list_models_config), .page_size = &(int32_t){10}};
 *   if (genai_models_list(client, &config, &pager) != GENAI_OK) { ... genai_error_last() ... }
 *   const genai_model *model;
 *   genai_result rc;
 *   while ((rc = genai_pager_next(pager, (const void **)&model)) == GENAI_OK) puts(model->name);
 *   if (rc != GENAI_DONE) fprintf(stderr, "%s\n", genai_error_last()->message);
 *   genai_pager_free(pager);
 * @endcode
 *
 * Items are the list's element type (the list function says which, e.g.
 * `const genai_model *` for genai_models_list()). They are borrowed from the
 * pager's current page: valid until the page changes (genai_pager_next()
 * moving past the page's end, genai_pager_next_page()) or the pager is freed.
 *
 * Threads: a pager is used by one thread at a time. Its client may be shared.
 */
#ifndef GENAI_PAGER_H
#define GENAI_PAGER_H

#include <stdbool.h>
#include <stddef.h>

#include <genai/common.h>
#include <genai/errors.h>
#include <genai/multi.h>
#include <genai/types.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct genai_pager genai_pager;

/**
 * The next item: GENAI_OK with `*item` set (borrowed, see above), or
 * GENAI_DONE after the last item of the last page. At the end of a page it
 * fetches the next page (a network call) when the service gave a page token;
 * empty pages are skipped. A failed fetch returns its error (details in
 * genai_error_last()) and leaves the pager where it was: calling again
 * retries the fetch. Items already read are not read again.
 */
GENAI_API GENAI_NODISCARD genai_result genai_pager_next(genai_pager *pager, const void **item);

/**
 * Replaces the current page with the next one (Python's `next_page()`):
 * GENAI_OK, GENAI_DONE when there is no next page ("No more pages to fetch.";
 * the current page stays), or the fetch's error (the current page stays).
 * genai_pager_next() then continues from the new page's first item.
 */
GENAI_API GENAI_NODISCARD genai_result genai_pager_next_page(genai_pager *pager);

/** The number of items in the current page (Python's `len(pager)`). */
GENAI_API size_t genai_pager_page_len(const genai_pager *pager);

/** Item `index` of the current page (Python's `pager[index]`), or NULL out of range. */
GENAI_API const void *genai_pager_page_item(const genai_pager *pager, size_t index);

/**
 * The page size: the config's `page_size` when given, else the length of
 * the first page (Python's `page_size`).
 */
GENAI_API size_t genai_pager_page_size(const genai_pager *pager);

/** What is listed: "models", "files", "cached_contents", "batch_jobs" or "tuning_jobs". */
GENAI_API const char *genai_pager_name(const genai_pager *pager);

/** Whether the service gave a token for another page. */
GENAI_API bool genai_pager_has_next_page(const genai_pager *pager);

/** The HTTP answer (status, headers) of the current page, or NULL. Borrowed like the items. */
GENAI_API const genai_http_response *genai_pager_sdk_http_response(const genai_pager *pager);

/** The current page's answer as the service sent it (JSON), or NULL. Borrowed like the items. */
GENAI_API const char *genai_pager_page_raw_json(const genai_pager *pager);

/**
 * Frees the pager and its pages. NULL is a no-op. While a
 * genai_pager_next_page_async() fetch holds it, it is freed when that
 * operation ends or is freed.
 */
GENAI_API void genai_pager_free(genai_pager *pager);

/**
 * Fetches the next page on a genai_multi (Python's `await pager.next_page()`).
 * Returns GENAI_DONE at once, with no operation, when there is no next page.
 * When the operation ends with GENAI_OK the pager holds the new page; on an
 * error it keeps the old one. Until the operation ends the pager's other
 * functions return nothing (or GENAI_EINVAL); freeing the op abandons the
 * fetch.
 */
GENAI_API GENAI_NODISCARD genai_result genai_pager_next_page_async(genai_multi *multi, genai_pager *pager,
                                                                    const genai_op_callbacks *callbacks,
                                                                    genai_op **out);

/**
 * Takes the pager of a finished list operation (the `_list_async`
 * functions): GENAI_OK with `*out` owned by the caller (free it with
 * genai_pager_free()), the operation's error, GENAI_EINPROGRESS while it
 * runs, or GENAI_EINVAL when the operation is not a list or its pager was
 * taken already.
 */
GENAI_API GENAI_NODISCARD genai_result genai_op_take_pager(genai_op *op, genai_pager **out);

#ifdef __cplusplus
}
#endif

#endif
