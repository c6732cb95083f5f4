/* Embedding methods (vectors from embedding.h):
 *
 *   mldev   POST models/{m}:batchEmbedContents  {requests: [EmbedContentRequest]}
 *                                               -> {embeddings: [{values}]}
 *   mldev   POST models/{m}:embedContent        EmbedContentRequest
 *                                               -> {embedding: {values}}
 *   vertex  POST .../models/{m}:predict         {instances: [{content, task_type,
 *                                                title, mimeType}], parameters:
 *                                                {outputDimensionality, autoTruncate}}
 *                                               -> {predictions: [{embeddings:
 *                                                  {statistics, values}}], metadata}
 *   vertex  POST .../models/{m}:embedContent    {content, embedContentConfig}
 *                                               -> {embedding: {values},
 *                                                   usageMetadata, truncated}
 */
#ifndef EMU_ROUTE_EMBED_H
#define EMU_ROUTE_EMBED_H

#include "router.h"

void emu_route_batch_embed_contents(const emu_call *call, emu_response *out); /* mldev */
void emu_route_predict(const emu_call *call, emu_response *out);              /* vertex */
void emu_route_embed_content(const emu_call *call, emu_response *out);        /* both */

/* The per-backend halves of emu_route_embed_content. */
void emu_route_embed_content_mldev(const emu_call *call, emu_response *out);
void emu_route_embed_content_vertex(const emu_call *call, emu_response *out);

/* Vertex AI's answer to an input longer than the model takes when
 * autoTruncate is false. */
void emu_respond_input_too_long(emu_response *out, size_t tokens);

#endif
