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
 * The text of a response: `response.text` in Python. Concatenates the text
 * parts of the first candidate, skipping thought parts. Returns NULL when
 * there is no candidate, content or text part, and "" when text parts exist
 * but are empty. Borrowed from the response.
 */
GENAI_API const char *genai_response_text(const genai_generate_content_response *response);

/**
 * The exact bytes of the service's answer the response was decoded from
 * (NULL for a value that was not decoded from the network). `*len` gets the
 * length when `len` is not NULL. Borrowed from the response.
 */
GENAI_API const char *genai_response_raw_json(const genai_generate_content_response *response, size_t *len);

#ifdef __cplusplus
}
#endif
#endif /* GENAI_MODELS_H */
