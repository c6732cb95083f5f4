/**
 * @file models.h
 * `client.models`: content generation and its response helpers.
 *
 * Thread safety: every function may be called from any thread with a shared
 * client. A response is read-only; its helpers may be called concurrently.
 */
#ifndef GENAI_MODELS_H
#define GENAI_MODELS_H

#include <genai/client.h>
#include <genai/common.h>
#include <genai/errors.h>
#include <genai/functions.h>
#include <genai/multi.h>
#include <genai/pager.h>
#include <genai/stream.h>
#include <genai/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Generates content: `client.models.generate_content(model=, contents=, config=)`.
 *
 * POST `{model}:generateContent` on the client's backend, with `contents`
 * normalised by the Python SDK's rules (see genai_contents) and the config
 * split between the request and its `generationConfig` as the Python SDK does.
 * Fields the backend does not support are rejected before anything is sent.
 *
 * @param client    the client.
 * @param model     a model id ("gemini-2.5-flash"), or a resource name
 *                  ("models/...", "tunedModels/...", "publishers/.../models/...",
 *                  "projects/..."); normalised per backend.
 * @param contents  the prompt, in any genai_contents form.
 * @param config    [nullable] GenerateContentConfig; its `http_options` overrides
 *                  the client's for this call.
 * @param[out] out  [callee allocates] the response, freed with
 *                  genai_generate_content_response_free().
 * @return GENAI_OK; GENAI_EINVAL (bad argument, field unsupported by the
 *         backend: the message names it); GENAI_EAPI (the service answered
 *         with an error: genai_error_last() has the HTTP status, the Google
 *         status and message); GENAI_ETRANSPORT, GENAI_ETIMEOUT, GENAI_EDECODE,
 *         GENAI_EAUTH, GENAI_ENOMEM.
 */
GENAI_API GENAI_NODISCARD genai_result genai_models_generate_content(genai_client *client, const char *model,
                                                                     const genai_contents *contents,
                                                                     const genai_generate_content_config *config,
                                                                     genai_generate_content_response **out);

/**
 * Generates content as a stream of chunks:
 * `client.models.generate_content_stream(model=, contents=, config=)`.
 *
 * POST `{model}:streamGenerateContent?alt=sse`. Returns once the service
 * accepted the request (an error answer, a rejected field or a failed
 * connection is returned here, after the client's retries); the chunks are
 * then pulled with genai_stream_next() as they arrive. The stream is never
 * retried after that point. `config->http_options->timeout_ms` bounds the
 * wait for the answer to begin; `idle_timeout_ms` bounds the silence
 * between two chunks (GENAI_ETIMEOUT from genai_stream_next()).
 *
 * @param[out] out [callee allocates] the stream, freed with
 *                 genai_stream_free() (which aborts it if still running).
 * @return GENAI_OK; GENAI_EINVAL (as genai_models_generate_content(), and
 *         for `should_return_http_response`, which streams do not support);
 *         GENAI_EAPI, GENAI_ETRANSPORT, GENAI_ETIMEOUT, GENAI_EAUTH, GENAI_ENOMEM.
 */
GENAI_API GENAI_NODISCARD genai_result genai_models_generate_content_stream(
    genai_client *client, const char *model, const genai_contents *contents,
    const genai_generate_content_config *config, genai_stream **out);

/**
 * Counts the tokens of a prompt: `client.models.count_tokens(model=, contents=, config=)`.
 *
 * POST `{model}:countTokens`. On the Gemini API, `config` may only carry
 * http_options: `system_instruction`, `tools` and `generation_config` are
 * Vertex AI only and rejected with GENAI_EINVAL naming the field.
 *
 * @param[out] out [callee allocates] freed with genai_count_tokens_response_free();
 *                 `total_tokens` holds the count.
 */
GENAI_API GENAI_NODISCARD genai_result genai_models_count_tokens(genai_client *client, const char *model,
                                                                 const genai_contents *contents,
                                                                 const genai_count_tokens_config *config,
                                                                 genai_count_tokens_response **out);

/**
 * Splits a prompt into tokens: `client.models.compute_tokens(model=, contents=, config=)`.
 *
 * POST `{model}:computeTokens`, Vertex AI only: on the Gemini API it fails
 * with GENAI_EINVAL, with the Python SDK's message ("This method is only
 * supported in Gemini Enterprise Agent Platform mode, not in Gemini Developer
 * API mode.").
 *
 * @param[out] out [callee allocates] freed with genai_compute_tokens_response_free();
 *                 `tokens_info[i]` holds the token ids and bytes of each content.
 */
GENAI_API GENAI_NODISCARD genai_result genai_models_compute_tokens(genai_client *client, const char *model,
                                                                   const genai_contents *contents,
                                                                   const genai_compute_tokens_config *config,
                                                                   genai_compute_tokens_response **out);

/**
 * Embeds contents: `client.models.embed_content(model=, contents=, config=)`.
 *
 * Each item of a `contents` list is embedded on its own and gets its own
 * entry in `embeddings`, in order. The endpoint follows the backend and the
 * model, as in the Python SDK:
 * - Gemini API: POST `{model}:batchEmbedContents` (the parts of a
 *   `gemini-embedding-2` model's list are first grouped into contents);
 *   `mime_type`, `auto_truncate`, `document_ocr` and `audio_track_extraction`
 *   are rejected.
 * - Vertex AI, Gemini embedding models (a model id containing "gemini",
 *   except gemini-embedding-001, or "maas"): POST `{model}:embedContent` with
 *   exactly one content (GENAI_EINVAL for more).
 * - Vertex AI, other models (text-embedding-*, gemini-embedding-001): POST
 *   `{model}:predict` with the text parts of the contents (other parts are
 *   skipped with a warning in the log).
 * A config field the chosen endpoint cannot carry is GENAI_EINVAL rather
 * than silently dropped.
 *
 * @param[out] out [callee allocates] freed with genai_embed_content_response_free().
 */
GENAI_API GENAI_NODISCARD genai_result genai_models_embed_content(genai_client *client, const char *model,
                                                                  const genai_contents *contents,
                                                                  const genai_embed_content_config *config,
                                                                  genai_embed_content_response **out);

/**
 * The text of a response: `response.text` in Python. Concatenates the text
 * parts of the first candidate, skipping thought parts. Returns NULL when
 * there is no candidate, content or text part, and "" when text parts exist
 * but are empty. Borrowed from the response.
 */
GENAI_API const char *genai_response_text(const genai_generate_content_response *response);

/**
 * The function calls of a response: `response.function_calls` in Python,
 * the function_call parts of the first candidate, in order.
 * @param[out] calls [nullable; borrowed] set to the calls, valid until the
 *             response is freed; NULL when there are none.
 * @return the number of calls; 0 when there are none (Python's None).
 */
GENAI_API size_t genai_response_function_calls(const genai_generate_content_response *response,
                                               const genai_function_call *const **calls);

/**
 * The response's JSON: `response.parsed` in Python for a JSON schema
 * (`response_mime_type` "application/json" with `response_schema` or
 * `response_json_schema`). The text of the first candidate is parsed and
 * written back as compact JSON, for your JSON library to read.
 * @param[out] json [callee allocates] freed with genai_free().
 * @return GENAI_OK; GENAI_EDECODE when the response has no text (the message
 *         gives the finish reason) or the text is not JSON (the message says
 *         where); GENAI_EINVAL; GENAI_ENOMEM.
 */
GENAI_API GENAI_NODISCARD genai_result genai_response_parsed_json(const genai_generate_content_response *response,
                                                                  char **json);

/**
 * The enum value of the response: `response.parsed` in Python for an enum
 * schema (`text/x.enum`, or "application/json", whose quotes are dropped).
 * @param values the enum's values, as given to genai_schema_from_enum().
 * @param[out] index the value's position in `values`.
 * @return GENAI_OK; GENAI_EDECODE when there is no text or it is none of the
 *         values (the message quotes it); GENAI_EINVAL.
 */
GENAI_API GENAI_NODISCARD genai_result genai_response_enum_value(const genai_generate_content_response *response,
                                                                 const char *const *values, size_t count,
                                                                 size_t *index);

/**
 * The exact bytes of the service's answer the response was decoded from
 * (NULL for a value that was not decoded from the network). `*len` gets the
 * length when `len` is not NULL. Borrowed from the response.
 */
GENAI_API const char *genai_response_raw_json(const genai_generate_content_response *response, size_t *len);

/* ------------------------------------------------- models: get, list, update, delete */

/**
 * The model's information (Python's `client.models.get(model=...)`): a base
 * model ("gemini-2.0-flash", "models/…", "publishers/google/models/…") or a
 * tuned one ("tunedModels/…" on the Gemini API, "projects/…/models/…" or a
 * model id on Vertex AI).
 * @param config NULL or its http_options.
 * @param[out] out owned; free with genai_model_free().
 * @return GENAI_OK, GENAI_EINVAL, or the call's error.
 */
GENAI_API GENAI_NODISCARD genai_result genai_models_get(genai_client *client, const char *model,
                                                       const genai_get_model_config *config, genai_model **out);

/**
 * Lists models (Python's `client.models.list(config=...)`): base models
 * (`query_base` unset or true) or tuned models (`query_base` false; on
 * Vertex AI the filter `labels.tune-type:*` is added). Items of the pager
 * are `const genai_model *`.
 * @param config NULL or page_size, page_token, filter, query_base, http_options.
 * @param[out] out the pager with the first page; free with genai_pager_free().
 */
GENAI_API GENAI_NODISCARD genai_result genai_models_list(genai_client *client, const genai_list_models_config *config,
                                                        genai_pager **out);

/**
 * Updates a tuned model's display_name, description or
 * default_checkpoint_id (Python's `client.models.update`).
 * @param[out] out the updated model, owned; free with genai_model_free().
 */
GENAI_API GENAI_NODISCARD genai_result genai_models_update(genai_client *client, const char *model,
                                                          const genai_update_model_config *config, genai_model **out);

/**
 * Deletes a tuned model (Python's `client.models.delete`).
 * @param[out] out owned (carries the HTTP answer); free with
 *             genai_delete_model_response_free(). May be NULL.
 */
GENAI_API GENAI_NODISCARD genai_result genai_models_delete(genai_client *client, const char *model,
                                                          const genai_delete_model_config *config,
                                                          genai_delete_model_response **out);

/** genai_models_get() on a genai_multi; take the result with genai_op_take_model(). */
GENAI_API GENAI_NODISCARD genai_result genai_models_get_async(genai_multi *multi, const char *model,
                                                             const genai_get_model_config *config,
                                                             const genai_op_callbacks *callbacks, genai_op **out);
/** genai_models_list() on a genai_multi; take the pager with genai_op_take_pager(). */
GENAI_API GENAI_NODISCARD genai_result genai_models_list_async(genai_multi *multi,
                                                              const genai_list_models_config *config,
                                                              const genai_op_callbacks *callbacks, genai_op **out);
/** genai_models_update() on a genai_multi; take the result with genai_op_take_model(). */
GENAI_API GENAI_NODISCARD genai_result genai_models_update_async(genai_multi *multi, const char *model,
                                                                const genai_update_model_config *config,
                                                                const genai_op_callbacks *callbacks, genai_op **out);
/** genai_models_delete() on a genai_multi; take the result with genai_op_take_delete_model_response(). */
GENAI_API GENAI_NODISCARD genai_result genai_models_delete_async(genai_multi *multi, const char *model,
                                                                const genai_delete_model_config *config,
                                                                const genai_op_callbacks *callbacks, genai_op **out);

/** The model of a finished get or update operation (see genai_op_take_generate_content_response()). */
GENAI_API GENAI_NODISCARD genai_result genai_op_take_model(genai_op *op, genai_model **out);
/** The answer of a finished delete operation. */
GENAI_API GENAI_NODISCARD genai_result genai_op_take_delete_model_response(genai_op *op,
                                                                           genai_delete_model_response **out);

#ifdef __cplusplus
}
#endif
#endif /* GENAI_MODELS_H */
