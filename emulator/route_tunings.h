/* Tuning. Vertex AI: tuningJobs (create, list, get, :cancel); a job that
 * succeeds creates its tuned model "…/models/{id}" (labels
 * google-vertex-llm-tuning-base-model-id and tune-type) and names it in
 * tunedModel{model, endpoint}. Gemini API: POST tunedModels creates
 * "tunedModels/{id}" (state CREATING, then ACTIVE) and answers the
 * operation "tunedModels/{id}/operations/{op}", which GET reads. Lifecycles
 * per job_clock.h. */
#ifndef EMU_ROUTE_TUNINGS_H
#define EMU_ROUTE_TUNINGS_H

#include "router.h"

void emu_route_tuning_jobs_create(const emu_call *call, emu_response *out);
void emu_route_tuning_jobs_get(const emu_call *call, emu_response *out);
void emu_route_tuning_jobs_list(const emu_call *call, emu_response *out);
void emu_route_tuning_jobs_cancel(const emu_call *call, emu_response *out);
void emu_route_tuned_models_create(const emu_call *call, emu_response *out);
void emu_route_tuning_operation_get(const emu_call *call, emu_response *out);

/* POST {endpoint}:generateContent on the endpoint of a model Vertex AI
 * tuning made: answered as generateContent on the tuned model's base model. */
void emu_route_endpoint_generate_content(const emu_call *call, emu_response *out);

/* A generate call on a Gemini API tuned model the emulator made
 * ("tunedModels/{id}:generateContent") answers as its base model: fills
 * *base with the call's path naming the base model and returns 1; 0 when the
 * call names no such model. */
int emu_tuned_model_base(const emu_call *call, emu_api_path *base);

/* Brings every tuning job (Vertex AI) or tuned model (Gemini API) of the
 * call's backend up to date, so that reading tuned models (route_models.c)
 * sees them as they are now. */
void emu_tunings_settle_all(const emu_call *call);

#endif
