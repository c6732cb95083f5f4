/**
 * @file batches.h
 * Batch prediction jobs: the C counterpart of the Python SDK's
 * `client.batches` (create, create_embeddings, get, cancel, delete, list).
 *
 * A job reads its requests from a source (genai_batch_job_source): inlined
 * requests or an uploaded file ("files/…") on the Gemini API; Cloud Storage
 * JSONL files ("gs://…"), a BigQuery table ("bq://…") or a Vertex AI dataset
 * on Vertex AI. genai_batch_job_source_from_uri() builds a source from the
 * string forms Python's `src` accepts. Jobs run on the service; poll them
 * with genai_batches_get() until genai_job_state_is_done().
 *
 * Results are owned by the caller and freed with their `_free`
 * (genai_batch_job_free(), genai_delete_resource_job_free()). Every function
 * may be called from any thread; the client may be shared.
 */
#ifndef GENAI_BATCHES_H
#define GENAI_BATCHES_H

#include <stdbool.h>

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
 * A batch source from one of the string forms of Python's `src`
 * (t_batch_job_source): "gs://…" (format "jsonl", one Cloud Storage URI),
 * "bq://…" (format "bigquery"), "files/…" (an uploaded file, Gemini API) or
 * "projects/…/locations/…/datasets/…" (a Vertex AI multimodal dataset).
 * Which backend accepts which source is checked by genai_batches_create().
 * @param[out] out owned; free with genai_batch_job_source_free().
 * @return GENAI_OK, or GENAI_EINVAL ("Unsupported source: …").
 */
GENAI_API GENAI_NODISCARD genai_result genai_batch_job_source_from_uri(const char *src, genai_batch_job_source **out);

/**
 * A batch destination from a string (Python's t_batch_job_destination):
 * "gs://…" (format "jsonl") or "bq://…" (format "bigquery"); Vertex AI only.
 * @param[out] out owned; free with genai_batch_job_destination_free().
 * @return GENAI_OK, or GENAI_EINVAL ("Unsupported destination: …").
 */
GENAI_API GENAI_NODISCARD genai_result genai_batch_job_destination_from_uri(const char *dest,
                                                                            genai_batch_job_destination **out);

/**
 * Creates a batch job (Python's `client.batches.create(model, src, config)`).
 * The Gemini API takes exactly one of `src->inlined_requests` and
 * `src->file_name`; Vertex AI exactly one of `gcs_uri`, `bigquery_uri` and
 * `vertex_dataset_name` (else GENAI_EINVAL with Python's message, before any
 * request). On Vertex AI, as in Python, a missing `config->display_name`
 * becomes "genai_batch_job_<timestamp>_<5 hex>" and a missing `config->dest`
 * is derived from the source: "gs://b/x.jsonl" gives "gs://b/x/dest",
 * "bq://p.d.t" gives "bq://p.d.t_dest_<timestamp>_<5 hex>"; other sources
 * need a dest.
 * @param config NULL or display_name, dest (Vertex AI), webhook_config
 *        (Gemini API), http_options.
 * @param[out] out the new job, owned; free with genai_batch_job_free().
 * @return GENAI_OK, GENAI_EINVAL, or the call's error.
 */
GENAI_API GENAI_NODISCARD genai_result genai_batches_create(genai_client *client, const char *model,
                                                           const genai_batch_job_source *src,
                                                           const genai_create_batch_job_config *config,
                                                           genai_batch_job **out);

/**
 * Creates an embeddings batch job (Python's
 * `client.batches.create_embeddings`): Gemini API only (Vertex AI clients
 * get GENAI_EINVAL before any request). `src` holds exactly one of
 * `inlined_requests` and `file_name`.
 * @param[out] out owned; free with genai_batch_job_free().
 */
GENAI_API GENAI_NODISCARD genai_result genai_batches_create_embeddings(
    genai_client *client, const char *model, const genai_embeddings_batch_job_source *src,
    const genai_create_embeddings_batch_job_config *config, genai_batch_job **out);

/**
 * A job by name (Python's `client.batches.get(name=...)`): "batches/…" on
 * the Gemini API; "projects/…/locations/…/batchPredictionJobs/…" or the
 * numeric id on Vertex AI. Other names give GENAI_EINVAL
 * ("Invalid batch job name: …").
 * @param[out] out owned; free with genai_batch_job_free().
 */
GENAI_API GENAI_NODISCARD genai_result genai_batches_get(genai_client *client, const char *name,
                                                        const genai_get_batch_job_config *config,
                                                        genai_batch_job **out);

/**
 * Asks the service to cancel a job (Python's `client.batches.cancel`). The
 * job's state then moves to JOB_STATE_CANCELLED (through CANCELLING on
 * Vertex AI); poll with genai_batches_get().
 * @return GENAI_OK, GENAI_EINVAL, or the call's error.
 */
GENAI_API GENAI_NODISCARD genai_result genai_batches_cancel(genai_client *client, const char *name,
                                                           const genai_cancel_batch_job_config *config);

/**
 * Deletes a job (Python's `client.batches.delete`).
 * @param[out] out the service's answer, owned (free with
 *             genai_delete_resource_job_free()); may be NULL.
 */
GENAI_API GENAI_NODISCARD genai_result genai_batches_delete(genai_client *client, const char *name,
                                                           const genai_delete_batch_job_config *config,
                                                           genai_delete_resource_job **out);

/**
 * Lists jobs (Python's `client.batches.list(config=...)`). Items of the
 * pager are `const genai_batch_job *`; genai_pager_name() is "batch_jobs".
 * `config->filter` is Vertex AI only.
 * @param[out] out the pager with the first page; free with genai_pager_free().
 */
GENAI_API GENAI_NODISCARD genai_result genai_batches_list(genai_client *client,
                                                         const genai_list_batch_jobs_config *config,
                                                         genai_pager **out);

/** genai_batches_create() on a genai_multi; take the job with genai_op_take_batch_job(). */
GENAI_API GENAI_NODISCARD genai_result genai_batches_create_async(genai_multi *multi, const char *model,
                                                                 const genai_batch_job_source *src,
                                                                 const genai_create_batch_job_config *config,
                                                                 const genai_op_callbacks *callbacks,
                                                                 genai_op **out);
/** genai_batches_create_embeddings() on a genai_multi; take the job with genai_op_take_batch_job(). */
GENAI_API GENAI_NODISCARD genai_result genai_batches_create_embeddings_async(
    genai_multi *multi, const char *model, const genai_embeddings_batch_job_source *src,
    const genai_create_embeddings_batch_job_config *config, const genai_op_callbacks *callbacks, genai_op **out);
/** genai_batches_get() on a genai_multi; take the job with genai_op_take_batch_job(). */
GENAI_API GENAI_NODISCARD genai_result genai_batches_get_async(genai_multi *multi, const char *name,
                                                              const genai_get_batch_job_config *config,
                                                              const genai_op_callbacks *callbacks, genai_op **out);
/** genai_batches_cancel() on a genai_multi; the operation's result is its code. */
GENAI_API GENAI_NODISCARD genai_result genai_batches_cancel_async(genai_multi *multi, const char *name,
                                                                 const genai_cancel_batch_job_config *config,
                                                                 const genai_op_callbacks *callbacks, genai_op **out);
/** genai_batches_delete() on a genai_multi; take the answer with genai_op_take_delete_resource_job(). */
GENAI_API GENAI_NODISCARD genai_result genai_batches_delete_async(genai_multi *multi, const char *name,
                                                                 const genai_delete_batch_job_config *config,
                                                                 const genai_op_callbacks *callbacks, genai_op **out);
/** genai_batches_list() on a genai_multi; take the pager with genai_op_take_pager(). */
GENAI_API GENAI_NODISCARD genai_result genai_batches_list_async(genai_multi *multi,
                                                               const genai_list_batch_jobs_config *config,
                                                               const genai_op_callbacks *callbacks, genai_op **out);

/**
 * Takes the job of a finished create, create_embeddings or get operation:
 * GENAI_OK with `*out` owned (genai_batch_job_free()), the operation's
 * error, GENAI_EINPROGRESS while it runs, or GENAI_EINVAL.
 */
GENAI_API GENAI_NODISCARD genai_result genai_op_take_batch_job(genai_op *op, genai_batch_job **out);
/** Takes the answer of a finished delete operation (see genai_op_take_batch_job()). */
GENAI_API GENAI_NODISCARD genai_result genai_op_take_delete_resource_job(genai_op *op,
                                                                        genai_delete_resource_job **out);

/**
 * Whether a job in this state has ended: SUCCEEDED, FAILED, CANCELLED,
 * PAUSED (the Python docs' `completed_states`), and also EXPIRED and
 * PARTIALLY_SUCCEEDED, which are final too (a Gemini API batch expires
 * after 48 hours; a poll loop on the docs' set would never end). Thread-safe.
 */
GENAI_API bool genai_job_state_is_done(genai_job_state state);

/**
 * Whether a job in this state is still on its way: QUEUED, PENDING, RUNNING
 * (the Python docs' `running_states` plus QUEUED, the state a Gemini API
 * tuning job starts in), CANCELLING and UPDATING. Thread-safe.
 */
GENAI_API bool genai_job_state_is_running(genai_job_state state);

#ifdef __cplusplus
}
#endif

#endif
