/* Turning an HTTP error answer into genai_error_last(): the Google JSON
 * envelope, Vertex AI's list-wrapped form, and bodies that are not JSON. */
#ifndef GENAI_HTTP_API_ERROR_H
#define GENAI_HTTP_API_ERROR_H

#include <stddef.h>
#include <stdint.h>

#include <genai/errors.h>

#include "core/redact.h"
#include "http/headers.h"

/* Records an error for an answer with a non-success HTTP status; returns GENAI_EAPI. */
genai_result genai__api_error_raise(long http_status, const char *body, size_t len, const genai__headers *headers,
                                    int64_t retry_after_ms, const genai__secrets *secrets);

/* Records an error object that arrived inside a 200 answer (a stream). */
genai_result genai__api_error_raise_json(const char *json, size_t len, const genai__secrets *secrets);

/* The delay a RetryInfo detail of the error body asks for, in ms, or -1. */
int64_t genai__api_error_retry_info_ms(const char *body, size_t len);

/* The delay a Retry-After header asks for (seconds or an HTTP date), or -1. */
int64_t genai__retry_after_header_ms(const char *value);

/* A reason phrase for an HTTP status ("Not Found"), "" when unknown. */
const char *genai__http_reason(long status);

#endif
