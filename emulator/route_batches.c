#include "route_batches.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch_inline.h"
#include "google_error.h"
#include "job_clock.h"
#include "models.h"
#include "request_body.h"
#include "resource.h"
#include "response.h"
#include "store.h"

#define MLDEV_BATCH_TYPE "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch"
#define MLDEV_EMBED_BATCH_TYPE "type.googleapis.com/google.ai.generativelanguage.v1main.EmbedContentBatch"
#define MLDEV_OUTPUT_TYPE "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput"

static void bad_request(emu_response *out, const char *message) {
  emu_respond_simple_error(out, 400, "INVALID_ARGUMENT", message);
}

static int is_mldev(const emu_call *call) { return call->path->backend == EMU_BACKEND_MLDEV; }

static void set_time(json_t *obj, const char *key, long long ms) {
  char when[32];
  emu_timestamp(ms, when);
  json_object_set_new(obj, key, json_string(when));
}

/* -------------------------------------------------------- Gemini API */

/* The batch's output when it succeeds: inline answers or a responses file. */
static json_t *mldev_output(const emu_call *call, const json_t *input, const char *id, int embed) {
  const json_t *requests = json_object_get(json_object_get(input, "requests"), "requests");
  if (!requests) {
    char file[64];
    snprintf(file, sizeof file, "files/batch-%s", id);
    return json_pack("{s:s}", "responsesFile", file);
  }
  json_t *answers = embed ? emu_batch_inline_embed(call, requests) : emu_batch_inline_generate(call, requests);
  return answers ? json_pack("{s:o}", "inlinedResponses", answers) : NULL;
}

static const char *mldev_input_problem(const json_t *batch) {
  const json_t *input = json_object_get(batch, "inputConfig");
  if (!json_is_object(batch) || !json_is_object(input))
    return "* GenerateContentBatch.input_config: input_config is required";
  const json_t *requests = json_object_get(json_object_get(input, "requests"), "requests");
  int sources = (requests != NULL) + (json_object_get(input, "fileName") != NULL);
  if (sources != 1) return "* GenerateContentBatch.input_config: exactly one of requests and file_name must be set";
  if (requests && (!json_is_array(requests) || json_array_size(requests) == 0))
    return "* GenerateContentBatch.input_config.requests.requests: at least one request is required";
  return NULL;
}

static json_t *mldev_batch(const emu_call *call, const char *name, const json_t *batch, int embed) {
  const json_t *input = json_object_get(batch, "inputConfig");
  const json_t *requests = json_object_get(json_object_get(input, "requests"), "requests");
  json_int_t count = requests ? (json_int_t)json_array_size(requests) : 0;
  char model[300], count_text[24];
  snprintf(model, sizeof model, "models/%s", call->path->model);
  snprintf(count_text, sizeof count_text, "%lld", (long long)count);
  json_t *meta =
      json_pack("{s:s, s:s, s:O, s:{s:s, s:s}, s:s, s:s}", "@type", embed ? MLDEV_EMBED_BATCH_TYPE : MLDEV_BATCH_TYPE,
                "model", model, "inputConfig", input, "batchStats", "requestCount", count_text, "pendingRequestCount",
                count_text, "state", "BATCH_STATE_PENDING", "name", name);
  if (!meta) return NULL;
  json_t *display = json_object_get(batch, "displayName");
  if (json_is_string(display)) json_object_set(meta, "displayName", display);
  set_time(meta, "createTime", 0);
  set_time(meta, "updateTime", 0);
  return json_pack("{s:s, s:o}", "name", name, "metadata", meta);
}

static void mldev_create(const emu_call *call, emu_response *out, int embed) {
  json_t *body = emu_request_body_parse(call->req, out);
  if (!body) return;
  const json_t *batch = json_object_get(body, "batch");
  const char *problem = mldev_input_problem(batch);
  if (!(embed ? emu_model_is_embedding(call->path->model) : emu_model_is_generative(call->path->model)))
    emu_respond_model_not_found(call, out);
  else if (problem)
    bad_request(out, problem);
  else {
    char id[13], name[32];
    emu_store_new_id(id);
    snprintf(name, sizeof name, "batches/%s", id);
    json_t *job = mldev_batch(call, name, batch, embed);
    json_t *output = job ? mldev_output(call, json_object_get(batch, "inputConfig"), id, embed) : NULL;
    json_t *book = output ? json_pack("{s:o}", "output", output) : NULL;
    if (!book || emu_job_begin(call, name, book) != 0 || emu_store_put(call->app->store, name, job) != 0) {
      json_decref(job);
      emu_response_internal_error(out);
    } else {
      emu_response_take_json(out, 200, job);
    }
    json_decref(book);
  }
  json_decref(body);
}

void emu_route_batch_generate_content(const emu_call *call, emu_response *out) { mldev_create(call, out, 0); }

void emu_route_async_batch_embed_content(const emu_call *call, emu_response *out) { mldev_create(call, out, 1); }

static void mldev_settle(const emu_call *call, json_t *job, const json_t *book, emu_job_phase phase) {
  json_t *meta = json_object_get(job, "metadata");
  const json_t *stats = json_object_get(meta, "batchStats");
  json_t *count = json_object_get(stats, "requestCount");
  if (phase == EMU_JOB_RUNNING) {
    json_object_set_new(meta, "state", json_string("BATCH_STATE_RUNNING"));
    return;
  }
  json_object_set_new(meta, "state",
                      json_string(phase == EMU_JOB_SUCCEEDED ? "BATCH_STATE_SUCCEEDED" : "BATCH_STATE_CANCELLED"));
  set_time(meta, "endTime", emu_job_end_ms(call, book));
  json_object_set_new(job, "done", json_true());
  if (phase != EMU_JOB_SUCCEEDED) return;
  json_object_set_new(meta, "batchStats",
                      json_pack("{s:O*, s:O*}", "requestCount", count, "successfulRequestCount", count));
  json_t *output = json_object_get(book, "output");
  json_object_set(meta, "output", output);
  json_t *response = json_deep_copy(output);
  if (response) {
    json_object_set_new(response, "@type", json_string(MLDEV_OUTPUT_TYPE));
    json_object_set_new(job, "response", response);
  }
}

/* ---------------------------------------------------------- Vertex AI */

static const char *vertex_problem(const json_t *body) {
  const json_t *in = json_object_get(body, "inputConfig"), *outc = json_object_get(body, "outputConfig");
  if (!json_is_string(json_object_get(body, "model")))
    return "List of found errors:\t1.Field: batch_prediction_job.model; Message: Required field is not set.\t";
  if (!json_is_string(json_object_get(body, "displayName")))
    return "List of found errors:\t1.Field: batch_prediction_job.display_name; Message: Required field is not set.\t";
  int sources = (json_object_get(in, "gcsSource") != NULL) + (json_object_get(in, "bigquerySource") != NULL) +
                (json_object_get(in, "vertexMultimodalDatasetSource") != NULL);
  if (sources != 1) return "Exactly one input source must be set in input_config.";
  int dests = (json_object_get(outc, "gcsDestination") != NULL) +
              (json_object_get(outc, "bigqueryDestination") != NULL) +
              (json_object_get(outc, "vertexMultimodalDatasetDestination") != NULL);
  if (dests != 1) return "Exactly one output destination must be set in output_config.";
  return NULL;
}

void emu_route_batch_prediction_create(const emu_call *call, emu_response *out) {
  json_t *body = emu_request_body_parse(call->req, out);
  if (!body) return;
  const char *problem = vertex_problem(body);
  char id[20], local[64], name[400];
  emu_job_numeric_id(id);
  snprintf(local, sizeof local, "batchPredictionJobs/%s", id);
  if (problem) {
    bad_request(out, problem);
  } else if (emu_resource_name(call, local, name, sizeof name) != 0) {
    emu_respond_resource_not_found(out, local);
  } else {
    json_t *job = json_deep_copy(body);
    if (job) {
      json_object_set_new(job, "name", json_string(name));
      json_object_set_new(job, "state", json_string("JOB_STATE_PENDING"));
      set_time(job, "createTime", 0);
      set_time(job, "updateTime", 0);
    }
    if (!job || emu_job_begin(call, name, NULL) != 0 || emu_store_put(call->app->store, name, job) != 0) {
      json_decref(job);
      emu_response_internal_error(out);
    } else {
      emu_response_take_json(out, 200, job);
    }
  }
  json_decref(body);
}

/* Where the predictions went: a directory under the Cloud Storage prefix,
 * or a table in the BigQuery dataset. */
static json_t *vertex_output_info(const json_t *job, long long end_ms) {
  const json_t *outc = json_object_get(job, "outputConfig");
  char when[32], path[1200];
  emu_timestamp(end_ms, when);
  const char *prefix = json_string_value(json_object_get(json_object_get(outc, "gcsDestination"), "outputUriPrefix"));
  const char *table = json_string_value(json_object_get(json_object_get(outc, "bigqueryDestination"), "outputUri"));
  if (prefix) {
    snprintf(path, sizeof path, "%s/prediction-model-%s", prefix, when);
    return json_pack("{s:s}", "gcsOutputDirectory", path);
  }
  if (table) return json_pack("{s:s}", "bigqueryOutputTable", table);
  return json_object();
}

static void vertex_settle(const emu_call *call, json_t *job, const json_t *book, emu_job_phase phase) {
  long long created = json_integer_value(json_object_get(book, "created"));
  set_time(job, "startTime", created);
  if (phase == EMU_JOB_RUNNING) {
    json_object_set_new(job, "state", json_string("JOB_STATE_RUNNING"));
    return;
  }
  long long end = emu_job_end_ms(call, book);
  json_object_set_new(job, "state",
                      json_string(phase == EMU_JOB_SUCCEEDED ? "JOB_STATE_SUCCEEDED" : "JOB_STATE_CANCELLED"));
  set_time(job, "endTime", end);
  if (phase == EMU_JOB_SUCCEEDED) json_object_set_new(job, "outputInfo", vertex_output_info(job, end));
}

/* ------------------------------------------------------------ shared */

/* Brings the stored job `name` up to date; a copy of it (caller
 * json_decref()s), or NULL when there is no such job. */
static json_t *settle(const emu_call *call, const char *name) {
  json_t *job = emu_store_get(call->app->store, name);
  json_t *book = job ? emu_job_book(call, name) : NULL;
  if (!book) {
    json_decref(job);
    return NULL;
  }
  emu_job_phase phase = emu_job_phase_of(call, book);
  if (is_mldev(call))
    mldev_settle(call, job, book, phase);
  else
    vertex_settle(call, job, book, phase);
  json_decref(book);
  emu_store_put(call->app->store, name, job);
  return job;
}

static const char *collection(const emu_call *call) { return is_mldev(call) ? "batches/" : "batchPredictionJobs/"; }

void emu_route_batches_get(const emu_call *call, emu_response *out) {
  json_t *job = settle(call, call->path->resource);
  if (!job)
    emu_respond_resource_not_found(out, call->path->resource);
  else
    emu_response_take_json(out, 200, job);
}

void emu_route_batches_list(const emu_call *call, emu_response *out) {
  char prefix[300];
  if (emu_resource_name(call, collection(call), prefix, sizeof prefix) != 0) {
    emu_respond_resource_not_found(out, collection(call));
    return;
  }
  char *next = NULL;
  int bad = 0;
  json_t *all = emu_store_list(call->app->store, prefix, NULL, NULL, 1000000, 1000000, NULL, &next, &bad);
  size_t i;
  json_t *job;
  json_array_foreach(all, i, job) json_decref(settle(call, json_string_value(json_object_get(job, "name"))));
  json_decref(all);
  free(next);
  emu_respond_page(call, out, prefix, is_mldev(call) ? "operations" : "batchPredictionJobs", NULL, NULL, 50);
}

void emu_route_batches_cancel(const emu_call *call, emu_response *out) {
  const char *name = call->path->resource;
  json_t *job = settle(call, name);
  json_t *book = job ? emu_job_book(call, name) : NULL;
  if (!job)
    emu_respond_resource_not_found(out, name);
  else if (!book || emu_job_phase_of(call, book) != EMU_JOB_RUNNING)
    emu_respond_simple_error(out, 400, "FAILED_PRECONDITION", "The job is already in a terminal state.");
  else if (emu_job_cancel(call, name) != 0)
    emu_response_internal_error(out);
  else
    emu_response_take_json(out, 200, json_object());
  json_decref(book);
  json_decref(job);
}

/* The Gemini API answers {}; Vertex AI a finished delete operation. */
void emu_route_batches_delete(const emu_call *call, emu_response *out) {
  const char *name = call->path->resource;
  if (!emu_store_remove(call->app->store, name)) {
    emu_respond_resource_not_found(out, name);
    return;
  }
  emu_job_forget(call, name);
  if (is_mldev(call)) {
    emu_response_take_json(out, 200, json_object());
    return;
  }
  char id[20], op[600];
  emu_job_numeric_id(id);
  snprintf(op, sizeof op, "%s/operations/%s", name, id);
  emu_response_take_json(out, 200,
                         json_pack("{s:s, s:{s:s}, s:b, s:{s:s}}", "name", op, "metadata", "@type",
                                   "type.googleapis.com/google.cloud.aiplatform.v1.DeleteOperationMetadata", "done", 1,
                                   "response", "@type", "type.googleapis.com/google.protobuf.Empty"));
}
