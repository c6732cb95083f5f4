/**
 * @file tunings.h
 * Tuning jobs: the C counterpart of the Python SDK's `client.tunings`
 * (tune, get, list, cancel).
 *
 * Vertex AI tunes from a dataset in Cloud Storage (`training_dataset->gcs_uri`)
 * and answers a TuningJob ("projects/…/locations/…/tuningJobs/…"). The
 * Gemini API tunes from inline examples (`training_dataset->examples`) and
 * answers a long-running operation; as Python does, genai_tunings_tune()
 * turns it into a TuningJob named after the tuned model ("tunedModels/…") in
 * state JOB_STATE_QUEUED, and genai_tunings_get() on that name reads the
 * tuned model as a TuningJob (CREATING is RUNNING, ACTIVE is SUCCEEDED).
 * Poll with genai_tunings_get() while genai_job_state_is_running()
 * (batches.h); the tuned model (`job->tuned_model->model`) is then read,
 * listed, updated and deleted with genai_models_get(), genai_models_list()
 * (`query_base` false), genai_models_update() and genai_models_delete().
 *
 * Results are owned by the caller and freed with genai_tuning_job_free().
 * Every function may be called from any thread; the client may be shared.
 */
#ifndef GENAI_TUNINGS_H
#define GENAI_TUNINGS_H

#include <genai/batches.h>
#include <genai/client.h>
#include <genai/common.h>
#include <genai/errors.h>
#include <genai/multi.h>
#include <genai/pager.h>
#include <genai/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Starts tuning `base_model` (Python's `client.tunings.tune`). On Vertex AI
 * a base model "projects/…" is a tuned model to tune further (sent as
 * preTunedModel with `config->pre_tuned_model_checkpoint_id`); fields the
 * backend lacks give GENAI_EINVAL before any request.
 * @param training_dataset gcs_uri or vertex_dataset_resource (Vertex AI), or
 *        examples (Gemini API).
 * @param config NULL or epoch_count, tuned_model_display_name,
 *        learning_rate_multiplier, batch_size, method, … (see types.h).
 * @param[out] out the job, owned; free with genai_tuning_job_free().
 * @return GENAI_OK, GENAI_EINVAL, or the call's error.
 */
GENAI_API GENAI_NODISCARD genai_result genai_tunings_tune(genai_client *client, const char *base_model,
                                                         const genai_tuning_dataset *training_dataset,
                                                         const genai_create_tuning_job_config *config,
                                                         genai_tuning_job **out);

/**
 * A tuning job by name (Python's `client.tunings.get(name=...)`):
 * "projects/…/locations/…/tuningJobs/…" on Vertex AI, "tunedModels/…" on the
 * Gemini API.
 * @param[out] out owned; free with genai_tuning_job_free().
 */
GENAI_API GENAI_NODISCARD genai_result genai_tunings_get(genai_client *client, const char *name,
                                                        const genai_get_tuning_job_config *config,
                                                        genai_tuning_job **out);

/**
 * Lists tuning jobs (Python's `client.tunings.list(config=...)`): Vertex AI
 * only, as in Python (the Gemini API lists tuned models with
 * genai_models_list() and `query_base` false). Items of the pager are
 * `const genai_tuning_job *`; genai_pager_name() is "tuning_jobs".
 * @param[out] out the pager with the first page; free with genai_pager_free().
 */
GENAI_API GENAI_NODISCARD genai_result genai_tunings_list(genai_client *client,
                                                         const genai_list_tuning_jobs_config *config,
                                                         genai_pager **out);

/**
 * Asks the service to cancel a tuning job (Python's `client.tunings.cancel`).
 * @param[out] out the answer (its HTTP response), owned; free with
 *             genai_cancel_tuning_job_response_free(). May be NULL.
 */
GENAI_API GENAI_NODISCARD genai_result genai_tunings_cancel(genai_client *client, const char *name,
                                                           const genai_cancel_tuning_job_config *config,
                                                           genai_cancel_tuning_job_response **out);

/** genai_tunings_tune() on a genai_multi; take the job with genai_op_take_tuning_job(). */
GENAI_API GENAI_NODISCARD genai_result genai_tunings_tune_async(genai_multi *multi, const char *base_model,
                                                               const genai_tuning_dataset *training_dataset,
                                                               const genai_create_tuning_job_config *config,
                                                               const genai_op_callbacks *callbacks, genai_op **out);
/** genai_tunings_get() on a genai_multi; take the job with genai_op_take_tuning_job(). */
GENAI_API GENAI_NODISCARD genai_result genai_tunings_get_async(genai_multi *multi, const char *name,
                                                              const genai_get_tuning_job_config *config,
                                                              const genai_op_callbacks *callbacks, genai_op **out);
/** genai_tunings_list() on a genai_multi; take the pager with genai_op_take_pager(). */
GENAI_API GENAI_NODISCARD genai_result genai_tunings_list_async(genai_multi *multi,
                                                               const genai_list_tuning_jobs_config *config,
                                                               const genai_op_callbacks *callbacks, genai_op **out);
/** genai_tunings_cancel() on a genai_multi; take the answer with genai_op_take_cancel_tuning_job_response(). */
GENAI_API GENAI_NODISCARD genai_result genai_tunings_cancel_async(genai_multi *multi, const char *name,
                                                                 const genai_cancel_tuning_job_config *config,
                                                                 const genai_op_callbacks *callbacks, genai_op **out);

/**
 * Takes the job of a finished tune or get operation: GENAI_OK with `*out`
 * owned (genai_tuning_job_free()), the operation's error, GENAI_EINPROGRESS
 * while it runs, or GENAI_EINVAL.
 */
GENAI_API GENAI_NODISCARD genai_result genai_op_take_tuning_job(genai_op *op, genai_tuning_job **out);
/** Takes the answer of a finished cancel operation (see genai_op_take_tuning_job()). */
GENAI_API GENAI_NODISCARD genai_result genai_op_take_cancel_tuning_job_response(genai_op *op,
                                                                               genai_cancel_tuning_job_response **out);

#ifdef __cplusplus
}
#endif

#endif
