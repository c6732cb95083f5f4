/* Batch jobs. Gemini API: POST models/{m}:batchGenerateContent and
 * :asyncBatchEmbedContent create "batches/{id}", answered as an Operation
 * whose metadata is the batch (state BATCH_STATE_*); GET, DELETE and
 * :cancel on batches/{id}, GET batches lists them under "operations".
 * Vertex AI: batchPredictionJobs (create, list, get, delete, :cancel) with
 * JOB_STATE_* states. Lifecycles per job_clock.h; inlined requests are
 * answered as batch_inline.h says; file, Cloud Storage and BigQuery jobs name
 * their outputs as the services do but write nothing. */
#ifndef EMU_ROUTE_BATCHES_H
#define EMU_ROUTE_BATCHES_H

#include "router.h"

void emu_route_batch_generate_content(const emu_call *call, emu_response *out);
void emu_route_async_batch_embed_content(const emu_call *call, emu_response *out);
void emu_route_batch_prediction_create(const emu_call *call, emu_response *out);
void emu_route_batches_get(const emu_call *call, emu_response *out);
void emu_route_batches_list(const emu_call *call, emu_response *out);
void emu_route_batches_cancel(const emu_call *call, emu_response *out);
void emu_route_batches_delete(const emu_call *call, emu_response *out);

#endif
