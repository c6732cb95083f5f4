/* Turning an HTTP answer into an SDK response value. */
#ifndef GENAI_API_RESPONSE_H
#define GENAI_API_RESPONSE_H

#include <stdbool.h>

#include "http/engine.h"
#include "wire/codec.h"

/* Decodes resp's body into an owned value of type `t` whose first field
 * after struct_size/unknown_json is `sdk_http_response`, filled with the
 * response headers (and, when raw_only, the body instead of a decode: the
 * Python SDK's should_return_http_response). response_xf (a genai__xform)
 * reshapes the parsed answer first. */
genai_result genai__response_from_http(const genai__type *t, genai__backend backend, const genai__response *resp,
                                       bool raw_only, int response_xf, void **out);

/* Marks the thread's error (a GENAI_EDECODE) as about resp's answer: the
 * message starts with "HTTP <status> answer: " and http_status is set. */
void genai__response_decode_failed(const genai__response *resp);

/* Fills the sdk_http_response member of an owned value of type t with the
 * response headers (each streamed chunk carries them, as in the Python SDK). */
genai_result genai__response_attach_headers(const genai__type *t, const genai__response *resp, void *value);

#endif
