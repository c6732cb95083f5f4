/* tunings.tune, get, list and cancel, and their _async twins. Vertex AI's
 * tune is one call answering a TuningJob; the Gemini API's answers an
 * Operation, which a hook turns into the TuningJob Python synthesises (the
 * operation's value is then a genai_tuning_job, see take_tuning_job). */
#include <genai/tunings.h>

#include <jansson.h>
#include <string.h>

#include "api/client_internal.h"
#include "api/method.h"
#include "api/module.h"
#include "api/multi_internal.h"
#include "api/op.h"
#include "api/pager.h"
#include "core/alloc.h"
#include "core/error.h"
#include "core/structsize.h"
#include "wire/codec.h"
#include "wire/types_gen.h"

static const genai__list_spec tunings_list = {&genai__method_tunings_list, "tuning_jobs", "tuning_jobs"};

static genai_result check_text(const char *value, const char *field) {
  return value && *value ? GENAI_OK : genai__err(GENAI_EINVAL, "%s is required.", field);
}

/* The tuned model's name: metadata.tunedModel, else the operation name
 * before "/operations/" (tunings.py). */
static char *tuned_model_name(const genai_tuning_operation *operation) {
  json_t *metadata = operation->metadata_json ? json_loads(operation->metadata_json, 0, NULL) : NULL;
  const char *from_metadata = json_string_value(json_object_get(metadata, "tunedModel"));
  char *name = NULL;
  if (from_metadata) {
    name = genai__strdup(from_metadata);
  } else if (operation->name) {
    const char *cut = strstr(operation->name, "/operations/");
    name = cut ? genai__strndup(operation->name, (size_t)(cut - operation->name)) : genai__strdup(operation->name);
  }
  json_decref(metadata);
  return name;
}

static genai_result operation_to_job(void *data, void **value, const void **next_params,
                                     genai__call_options *next_opts) {
  (void)data, (void)next_params, (void)next_opts;
  char *name = tuned_model_name(*value);
  json_t *doc = name ? json_pack("{s:s, s:s}", "name", name, "state", "JOB_STATE_QUEUED") : json_object();
  genai__free(name);
  char *text = doc ? genai__json_dump(doc) : NULL;
  json_decref(doc);
  if (!text) return genai__err(GENAI_ENOMEM, "out of memory");
  void *job = NULL;
  genai_result rc = genai__value_from_json(&genai__type_tuning_job, text, &job);
  genai__free(text);
  if (rc != GENAI_OK) return rc;
  genai__value_free(*value);
  *value = job;
  return GENAI_OK;
}

static genai_result tune(genai_client *client, genai_multi *multi, const genai_op_callbacks *cb, genai_op **op,
                         const char *base_model, const genai_tuning_dataset *dataset,
                         const genai_create_tuning_job_config *config, void **out) {
  genai_result rc = check_text(base_model, "base_model");
  if (rc == GENAI_OK && !dataset) rc = genai__err(GENAI_EINVAL, "training_dataset is required.");
  if (rc != GENAI_OK) return rc;
  genai_create_tuning_job_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_create_tuning_job_config");
  genai_create_tuning_job_parameters_private params = {GENAI_INIT(genai_create_tuning_job_parameters_private),
                                                       .base_model = base_model, .training_dataset = dataset,
                                                       .config = config};
  const genai_http_options *http = config ? config->http_options : NULL;
  if (genai__client_backend(client) != GENAI__BACKEND_VERTEX) {
    genai__op_hooks hooks = {.on_value = operation_to_job};
    return genai__call_method(client, multi, cb, op, &genai__method_tunings_tune_mldev, &params, http, &hooks, out);
  }
  genai_pre_tuned_model pre = {GENAI_INIT(genai_pre_tuned_model)};
  if (!strncmp(base_model, "projects/", 9)) {
    pre.tuned_model_name = base_model;
    pre.checkpoint_id = config ? config->pre_tuned_model_checkpoint_id : NULL;
    params.base_model = NULL;
    params.pre_tuned_model = &pre;
  }
  return genai__call_method(client, multi, cb, op, &genai__method_tunings_tune, &params, http, NULL, out);
}

static genai_result get(genai_client *client, genai_multi *multi, const genai_op_callbacks *cb, genai_op **op,
                        const char *name, const genai_get_tuning_job_config *config, void **out) {
  genai_result rc = check_text(name, "name");
  if (rc != GENAI_OK) return rc;
  genai_get_tuning_job_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_get_tuning_job_config");
  genai_get_tuning_job_parameters params = {GENAI_INIT(genai_get_tuning_job_parameters), .name = name,
                                            .config = config};
  return genai__call_method(client, multi, cb, op, &genai__method_tunings_get, &params, config ? config->http_options : NULL, NULL,
              out);
}

static genai_result list(genai_client *client, genai_multi *multi, const genai_op_callbacks *cb, genai_op **op,
                         const genai_list_tuning_jobs_config *config, genai_pager **out) {
  genai_list_tuning_jobs_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_list_tuning_jobs_config");
  genai_list_tuning_jobs_parameters params = {GENAI_INIT(genai_list_tuning_jobs_parameters), .config = config};
  return genai__pager_start(client, &tunings_list, &params, multi, cb, op, out);
}

static genai_result cancel(genai_client *client, genai_multi *multi, const genai_op_callbacks *cb, genai_op **op,
                           const char *name, const genai_cancel_tuning_job_config *config, void **out) {
  genai_result rc = check_text(name, "name");
  if (rc != GENAI_OK) return rc;
  genai_cancel_tuning_job_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_cancel_tuning_job_config");
  genai_cancel_tuning_job_parameters params = {GENAI_INIT(genai_cancel_tuning_job_parameters), .name = name,
                                               .config = config};
  return genai__call_method(client, multi, cb, op, &genai__method_tunings_cancel, &params, config ? config->http_options : NULL, NULL,
              out);
}

/* ---------------------------------------------------------------- sync */

static genai_result check_sync(genai_client *client, const void *out) {
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  if (!client) return genai__err(GENAI_EINVAL, "client is NULL");
  return GENAI_OK;
}

genai_result genai_tunings_tune(genai_client *client, const char *base_model,
                                const genai_tuning_dataset *training_dataset,
                                const genai_create_tuning_job_config *config, genai_tuning_job **out) {
  if (out) *out = NULL;
  genai_result rc = check_sync(client, out);
  return rc == GENAI_OK ? tune(client, NULL, NULL, NULL, base_model, training_dataset, config, (void **)out) : rc;
}

genai_result genai_tunings_get(genai_client *client, const char *name, const genai_get_tuning_job_config *config,
                               genai_tuning_job **out) {
  if (out) *out = NULL;
  genai_result rc = check_sync(client, out);
  return rc == GENAI_OK ? get(client, NULL, NULL, NULL, name, config, (void **)out) : rc;
}

genai_result genai_tunings_list(genai_client *client, const genai_list_tuning_jobs_config *config, genai_pager **out) {
  if (out) *out = NULL;
  genai_result rc = check_sync(client, out);
  return rc == GENAI_OK ? list(client, NULL, NULL, NULL, config, out) : rc;
}

genai_result genai_tunings_cancel(genai_client *client, const char *name, const genai_cancel_tuning_job_config *config,
                                  genai_cancel_tuning_job_response **out) {
  if (out) *out = NULL;
  if (!client) return genai__err(GENAI_EINVAL, "client is NULL");
  void *value = NULL;
  genai_result rc = cancel(client, NULL, NULL, NULL, name, config, &value);
  if (out)
    *out = value;
  else
    genai__value_free(value);
  return rc;
}

/* --------------------------------------------------------------- async */

genai_result genai_tunings_tune_async(genai_multi *multi, const char *base_model,
                                      const genai_tuning_dataset *training_dataset,
                                      const genai_create_tuning_job_config *config, const genai_op_callbacks *callbacks,
                                      genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  return rc == GENAI_OK ? tune(genai__multi_client(multi), multi, &cb, out, base_model, training_dataset, config, NULL)
                        : rc;
}

genai_result genai_tunings_get_async(genai_multi *multi, const char *name, const genai_get_tuning_job_config *config,
                                     const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  return rc == GENAI_OK ? get(genai__multi_client(multi), multi, &cb, out, name, config, NULL) : rc;
}

genai_result genai_tunings_list_async(genai_multi *multi, const genai_list_tuning_jobs_config *config,
                                      const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  return rc == GENAI_OK ? list(genai__multi_client(multi), multi, &cb, out, config, NULL) : rc;
}

genai_result genai_tunings_cancel_async(genai_multi *multi, const char *name,
                                        const genai_cancel_tuning_job_config *config,
                                        const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  return rc == GENAI_OK ? cancel(genai__multi_client(multi), multi, &cb, out, name, config, NULL) : rc;
}

/* The Gemini API's tune operation ends with the job its hook made, though
 * its method answers a TuningOperation. */
static genai_result take_synthesised_job(genai_op *op, void **out) {
  if (!op->done) return genai__err(GENAI_EINPROGRESS, "the operation has not ended yet");
  if (op->result != GENAI_OK) return genai__error_restore(&op->error);
  if (!op->value) return genai__err(GENAI_EINVAL, "the result was taken already");
  *out = op->value;
  op->value = NULL;
  return GENAI_OK;
}

genai_result genai_op_take_tuning_job(genai_op *op, genai_tuning_job **out) {
  if (out && op && op->method == &genai__method_tunings_tune_mldev) {
    *out = NULL;
    return take_synthesised_job(op, (void **)out);
  }
  return genai__op_take(op, &genai__type_tuning_job, (void **)out);
}

genai_result genai_op_take_cancel_tuning_job_response(genai_op *op, genai_cancel_tuning_job_response **out) {
  return genai__op_take(op, &genai__type_cancel_tuning_job_response, (void **)out);
}
