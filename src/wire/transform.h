/* The Python SDK's t_* transformers, applied to a field's JSON value on its
 * way to the wire (encode) or from it (decode). */
#ifndef GENAI_WIRE_TRANSFORM_H
#define GENAI_WIRE_TRANSFORM_H

#include <jansson.h>

#include "wire/codec.h"

/* Rewrites *value (owned; may be replaced) for the wire of ctx->backend. */
genai_result genai__xform_encode(genai__encode_ctx *ctx, const genai__field *f, json_t **value);

/* Rewrites *value (owned; may be replaced) read from the wire of `backend`
 * before it is decoded. */
genai_result genai__xform_decode(genai__backend backend, const genai__field *f, json_t **value);

/* Checks a field's C value as a whole before it is encoded (the Python
 * SDK's t_batch_job_source checks, for instance). */
genai_result genai__xform_validate(genai__encode_ctx *ctx, const genai__field *f, const void *slot);

/* Rewrites an encoded object in place (a type's transformer). */
genai_result genai__xform_object(genai__encode_ctx *ctx, int xf, json_t *obj);

/* Reshapes a whole answer (a method's response transformer) before it is
 * decoded; *root is owned and may be replaced. */
genai_result genai__xform_response(int xf, json_t **root);

#endif
