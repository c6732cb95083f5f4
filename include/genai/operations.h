/**
 * @file operations.h
 * `client.operations.get`: the current state of a long-running operation
 * (video generation).
 *
 * Python's `get` does not wait; poll it:
 *
 *     while (!(op->done && *op->done)) {
 *       sleep(20);
 *       genai_generate_videos_operation *next = NULL;
 *       if (genai_operations_get(client, op, NULL, &next) != GENAI_OK) break;
 *       genai_generate_videos_operation_free(op);
 *       op = next;
 *     }
 *
 * Thread safety: any thread, shared client.
 */
#ifndef GENAI_OPERATIONS_H
#define GENAI_OPERATIONS_H

#include <genai/client.h>
#include <genai/common.h>
#include <genai/errors.h>
#include <genai/multi.h>
#include <genai/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Fetches a video generation operation again (`client.operations.get(operation)`).
 *
 * Gemini API: GET `{operation.name}` ("models/veo-.../operations/ID").
 * Vertex AI: POST `{name before "/operations/"}:fetchPredictOperation` with
 * `{"operationName": name}`.
 * @param operation an operation from genai_models_generate_videos() or an
 *        earlier get (only its name is read; borrowed).
 * @param config NULL or its http_options.
 * @param[out] out the fresh operation, owned; free with
 *        genai_generate_videos_operation_free(). `done` is set once it ended;
 *        then `error` (JSON) or `response`/`result` carry the outcome.
 * @return GENAI_OK, GENAI_EINVAL (no name), or the call's error.
 */
GENAI_API GENAI_NODISCARD genai_result genai_operations_get(genai_client *client,
                                                           const genai_generate_videos_operation *operation,
                                                           const genai_get_operation_config *config,
                                                           genai_generate_videos_operation **out);

/** genai_operations_get() by name ("models/veo-.../operations/ID" or the Vertex AI resource name). */
GENAI_API GENAI_NODISCARD genai_result genai_operations_get_by_name(genai_client *client, const char *name,
                                                                   const genai_get_operation_config *config,
                                                                   genai_generate_videos_operation **out);

/** genai_operations_get() on a genai_multi; take the result with
 * genai_op_take_generate_videos_operation() (videos.h). */
GENAI_API GENAI_NODISCARD genai_result genai_operations_get_async(genai_multi *multi,
                                                                 const genai_generate_videos_operation *operation,
                                                                 const genai_get_operation_config *config,
                                                                 const genai_op_callbacks *callbacks, genai_op **out);

/** Whether the operation has ended (`operation.done`); false for NULL. */
GENAI_API bool genai_operation_is_done(const genai_generate_videos_operation *operation);

#ifdef __cplusplus
}
#endif
#endif /* GENAI_OPERATIONS_H */
