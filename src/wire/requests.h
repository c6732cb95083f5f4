/* Request bodies per method: the `_XParameters_to_mldev/_to_vertex`
 * converters of the Python SDK, over the generated descriptors. */
#ifndef GENAI_WIRE_REQUESTS_H
#define GENAI_WIRE_REQUESTS_H

#include <jansson.h>

#include <genai/types.h>

#include "wire/codec.h"

/* {contents, <request-level config fields>, generationConfig} */
genai_result genai__wire_generate_content(genai__encode_ctx *ctx, const genai_contents *contents,
                                          const genai_generate_content_config *config, json_t **out);

#endif
