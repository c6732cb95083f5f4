#include "route_tunings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "google_error.h"
#include "job_clock.h"
#include "request_body.h"
#include "resource.h"
#include "response.h"
#include "route_generate_content.h"
#include "store.h"

#define MLDEV_TUNE_METADATA "type.googleapis.com/google.ai.generativelanguage.v1beta.CreateTunedModelMetadata"
#define MLDEV_TUNED_MODEL "type.googleapis.com/google.ai.generativelanguage.v1beta.TunedModel"

static const char *const specs[] = {"supervisedTuningSpec", "preferenceOptimizationSpec", "distillationSpec",
                                    "reinforcementTuningSpec"};

static void set_time(json_t *obj, const char *key, long long ms) {
  char when[32];
  emu_timestamp(ms, when);
  json_object_set_new(obj, key, json_string(when));
}

static void bad_request(emu_response *out, const char *message) {
  emu_respond_simple_error(out, 400, "INVALID_ARGUMENT", message);
}

/* -------------------------------------------------------- Vertex AI */

static const char *vertex_problem(const json_t *body) {
  if (!json_is_string(json_object_get(body, "baseModel")) && !json_is_object(json_object_get(body, "preTunedModel")))
    return "List of found errors:\t1.Field: tuning_job.base_model; Message: Required field is not set.\t";
  for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
    const json_t *spec = json_object_get(body, specs[i]);
    if (json_is_string(json_object_get(spec, "trainingDatasetUri")) ||
        json_is_string(json_object_get(spec, "promptDatasetUri")))
      return NULL;
  }
  return "List of found errors:\t1.Field: tuning_job.supervised_tuning_spec.training_dataset_uri; Message: Required "
         "field is not set.\t";
}

void emu_route_tuning_jobs_create(const emu_call *call, emu_response *out) {
  json_t *body = emu_request_body_parse(call->req, out);
  if (!body) return;
  const char *problem = vertex_problem(body);
  char id[20], model_id[20], endpoint_id[20], local[64], name[400];
  emu_job_numeric_id(id);
  emu_job_numeric_id(model_id);
  emu_job_numeric_id(endpoint_id);
  snprintf(local, sizeof local, "tuningJobs/%s", id);
  if (problem) {
    bad_request(out, problem);
  } else if (emu_resource_name(call, local, name, sizeof name) != 0) {
    emu_respond_resource_not_found(out, local);
  } else {
    json_t *job = json_deep_copy(body);
    json_t *book = json_pack("{s:s, s:s}", "model_id", model_id, "endpoint_id", endpoint_id);
    if (job) {
      json_object_set_new(job, "name", json_string(name));
      json_object_set_new(job, "state", json_string("JOB_STATE_PENDING"));
      set_time(job, "createTime", 0);
      set_time(job, "updateTime", 0);
    }
    if (!job || !book || emu_job_begin(call, name, book) != 0 || emu_store_put(call->app->store, name, job) != 0) {
      json_decref(job);
      emu_response_internal_error(out);
    } else {
      emu_response_take_json(out, 200, job);
    }
    json_decref(book);
  }
  json_decref(body);
}

/* "gemini-2.0-flash-001" as a label value: dots are not allowed there. */
static void label_value(const char *base, char *out, size_t size) {
  const char *slash = strrchr(base, '/');
  snprintf(out, size, "%s", slash ? slash + 1 : base);
  for (char *p = out; *p; p++)
    if (*p == '.') *p = '-';
}

/* The model a succeeded tuning job made, as models.get shows it. */
static json_t *vertex_tuned_model(const json_t *job, const char *model, const char *endpoint, long long end_ms) {
  const char *base = json_string_value(json_object_get(job, "baseModel"));
  const char *pre = json_string_value(json_object_get(json_object_get(job, "preTunedModel"), "tunedModelName"));
  const char *display = json_string_value(json_object_get(job, "tunedModelDisplayName"));
  char label[128];
  label_value(base ? base : pre ? pre : "unknown", label, sizeof label);
  const char *slash = strrchr(endpoint, '/');
  json_t *m = json_pack("{s:s, s:s, s:s, s:[s], s:{s:s, s:s}, s:[{s:s, s:s}]}", "name", model, "displayName",
                        display ? display : "tuned model", "versionId", "1", "versionAliases", "default", "labels",
                        "google-vertex-llm-tuning-base-model-id", label, "tune-type", "sft", "deployedModels",
                        "endpoint", endpoint, "deployedModelId", slash ? slash + 1 : endpoint);
  if (m) {
    set_time(m, "createTime", end_ms);
    set_time(m, "updateTime", end_ms);
    const char *description = json_string_value(json_object_get(job, "description"));
    if (description) json_object_set_new(m, "description", json_string(description));
  }
  return m;
}

/* The names of the model and endpoint, next to the job. */
static int vertex_names(const emu_call *call, const json_t *book, char *model, char *endpoint, size_t size) {
  char local[80];
  snprintf(local, sizeof local, "models/%s", json_string_value(json_object_get(book, "model_id")));
  if (emu_resource_name(call, local, model, size) != 0) return -1;
  snprintf(local, sizeof local, "endpoints/%s", json_string_value(json_object_get(book, "endpoint_id")));
  return emu_resource_name(call, local, endpoint, size);
}

static void vertex_succeed(const emu_call *call, json_t *job, const json_t *book, long long end) {
  char model[400], endpoint[400];
  if (vertex_names(call, book, model, endpoint, sizeof model) != 0) return;
  json_object_set_new(job, "tunedModel", json_pack("{s:s, s:s}", "model", model, "endpoint", endpoint));
  if (json_object_get(book, "model_made")) return; /* made once: a deleted model stays deleted */
  json_t *m = vertex_tuned_model(job, model, endpoint, end);
  const char *base = json_string_value(json_object_get(job, "baseModel"));
  json_t *serves = json_pack("{s:s}", "base", base ? base : "gemini-2.0-flash");
  if (m && serves && emu_store_put(call->app->store, model, m) == 0 && emu_job_begin(call, endpoint, serves) == 0)
    emu_job_note(call, json_string_value(json_object_get(job, "name")), "model_made", json_true());
  json_decref(serves);
  json_decref(m);
}

static void vertex_settle(const emu_call *call, json_t *job, const json_t *book, emu_job_phase phase) {
  set_time(job, "startTime", json_integer_value(json_object_get(book, "created")));
  if (phase == EMU_JOB_RUNNING) {
    json_object_set_new(job, "state", json_string("JOB_STATE_RUNNING"));
    return;
  }
  long long end = emu_job_end_ms(call, book);
  set_time(job, "endTime", end);
  set_time(job, "updateTime", end);
  json_object_set_new(job, "state",
                      json_string(phase == EMU_JOB_SUCCEEDED ? "JOB_STATE_SUCCEEDED" : "JOB_STATE_CANCELLED"));
  if (phase == EMU_JOB_SUCCEEDED) vertex_succeed(call, job, book, end);
}

/* -------------------------------------------------------- Gemini API */

static const char *mldev_problem(const json_t *body) {
  if (!json_is_string(json_object_get(body, "baseModel"))) return "* TunedModel.base_model: base_model is required";
  const json_t *examples = json_object_get(
      json_object_get(json_object_get(json_object_get(body, "tuningTask"), "trainingData"), "examples"), "examples");
  if (!json_is_array(examples) || json_array_size(examples) == 0)
    return "* TunedModel.tuning_task.training_data: training_data is required";
  return NULL;
}

static json_t *mldev_tuned_model(const json_t *body, const char *name) {
  const json_t *task = json_object_get(body, "tuningTask");
  const char *display = json_string_value(json_object_get(body, "displayName"));
  json_t *hyper = json_deep_copy(json_object_get(task, "hyperparameters"));
  json_t *m = json_pack("{s:s, s:O, s:s, s:s, s:f, s:f, s:i, s:{s:o}}", "name", name, "baseModel",
                        json_object_get(body, "baseModel"), "displayName", display ? display : "", "state", "CREATING",
                        "temperature", 1.0, "topP", 0.95, "topK", 64, "tuningTask", "hyperparameters",
                        hyper ? hyper : json_object());
  if (m) {
    set_time(m, "createTime", 0);
    set_time(m, "updateTime", 0);
    set_time(json_object_get(m, "tuningTask"), "startTime", 0);
  }
  return m;
}

void emu_route_tuned_models_create(const emu_call *call, emu_response *out) {
  json_t *body = emu_request_body_parse(call->req, out);
  if (!body) return;
  const char *problem = mldev_problem(body);
  if (problem) {
    bad_request(out, problem);
    json_decref(body);
    return;
  }
  char id[13], op_id[13], name[40], op[80];
  emu_store_new_id(id);
  emu_store_new_id(op_id);
  snprintf(name, sizeof name, "tunedModels/%s", id);
  snprintf(op, sizeof op, "%s/operations/%s", name, op_id);
  json_t *m = mldev_tuned_model(body, name);
  json_t *answer = json_pack("{s:s, s:{s:s, s:i, s:s}}", "name", op, "metadata", "@type", MLDEV_TUNE_METADATA,
                             "totalSteps", 1, "tunedModel", name);
  if (!m || !answer || emu_job_begin(call, name, NULL) != 0 || emu_store_put(call->app->store, name, m) != 0) {
    json_decref(answer);
    emu_response_internal_error(out);
  } else {
    emu_response_take_json(out, 200, answer);
  }
  json_decref(m);
  json_decref(body);
}

static void mldev_settle(const emu_call *call, json_t *m, const json_t *book, emu_job_phase phase) {
  if (phase != EMU_JOB_SUCCEEDED) return;
  long long end = emu_job_end_ms(call, book);
  json_object_set_new(m, "state", json_string("ACTIVE"));
  set_time(m, "updateTime", end);
  json_t *task = json_object_get(m, "tuningTask");
  if (json_is_object(task)) set_time(task, "completeTime", end);
}

/* ------------------------------------------------------------ shared */

static int is_mldev(const emu_call *call) { return call->path->backend == EMU_BACKEND_MLDEV; }

/* Brings the stored job up to date; a copy (caller json_decref()s) or NULL. */
static json_t *settle(const emu_call *call, const char *name) {
  json_t *job = emu_store_get(call->app->store, name);
  json_t *book = job ? emu_job_book(call, name) : NULL;
  if (!book) return job; /* a tuned model the emulator did not tune */
  emu_job_phase phase = emu_job_phase_of(call, book);
  if (is_mldev(call))
    mldev_settle(call, job, book, phase);
  else
    vertex_settle(call, job, book, phase);
  json_decref(book);
  emu_store_put(call->app->store, name, job);
  return job;
}

static const char *collection(const emu_call *call) { return is_mldev(call) ? "tunedModels/" : "tuningJobs/"; }

void emu_tunings_settle_all(const emu_call *call) {
  char prefix[300];
  if (emu_resource_name(call, collection(call), prefix, sizeof prefix) != 0) return;
  char *next = NULL;
  int bad = 0;
  json_t *all = emu_store_list(call->app->store, prefix, NULL, NULL, 1000000, 1000000, NULL, &next, &bad);
  size_t i;
  json_t *job;
  json_array_foreach(all, i, job) json_decref(settle(call, json_string_value(json_object_get(job, "name"))));
  json_decref(all);
  free(next);
}

void emu_route_tuning_jobs_get(const emu_call *call, emu_response *out) {
  json_t *job = settle(call, call->path->resource);
  if (!job)
    emu_respond_resource_not_found(out, call->path->resource);
  else
    emu_response_take_json(out, 200, job);
}

void emu_route_tuning_jobs_list(const emu_call *call, emu_response *out) {
  char prefix[300];
  if (emu_resource_name(call, "tuningJobs/", prefix, sizeof prefix) != 0) {
    emu_respond_resource_not_found(out, "tuningJobs/");
    return;
  }
  emu_tunings_settle_all(call);
  emu_respond_page(call, out, prefix, "tuningJobs", NULL, NULL, 50);
}

void emu_route_tuning_jobs_cancel(const emu_call *call, emu_response *out) {
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

/* The tuning operation of "tunedModels/{id}": done once the model is ACTIVE. */
void emu_route_tuning_operation_get(const emu_call *call, emu_response *out) {
  const char *op = call->path->resource;
  const char *cut = strstr(op, "/operations/");
  char name[300];
  snprintf(name, sizeof name, "%.*s", cut ? (int)(cut - op) : 0, op);
  json_t *m = cut ? settle(call, name) : NULL;
  if (!m) {
    emu_respond_resource_not_found(out, op);
    return;
  }
  json_t *answer = json_pack("{s:s, s:{s:s, s:i, s:s}}", "name", op, "metadata", "@type", MLDEV_TUNE_METADATA,
                             "totalSteps", 1, "tunedModel", name);
  const char *state = json_string_value(json_object_get(m, "state"));
  if (answer && state && !strcmp(state, "ACTIVE")) {
    json_object_set_new(answer, "done", json_true());
    json_object_set_new(m, "@type", json_string(MLDEV_TUNED_MODEL));
    json_object_set(answer, "response", m);
  }
  json_decref(m);
  emu_response_take_json(out, 200, answer);
}

/* The path of a generate call on `base` ("models/x", "publishers/google/models/x" or "x"). */
static void base_path(const emu_call *call, const char *base, emu_api_path *out) {
  *out = *call->path;
  const char *slash = strrchr(base, '/');
  snprintf(out->model, sizeof out->model, "%s", slash ? slash + 1 : base);
  out->is_model_method = 1;
}

void emu_route_endpoint_generate_content(const emu_call *call, emu_response *out) {
  json_t *book = emu_job_book(call, call->path->resource);
  const char *base = json_string_value(json_object_get(book, "base"));
  if (!base) {
    json_decref(book);
    emu_respond_resource_not_found(out, call->path->resource);
    return;
  }
  emu_api_path path;
  base_path(call, base, &path);
  json_decref(book);
  emu_call as_base = {call->app, call->req, &path};
  emu_route_generate_content(&as_base, out);
}

int emu_tuned_model_base(const emu_call *call, emu_api_path *base) {
  if (call->path->backend != EMU_BACKEND_MLDEV || strcmp(call->path->collection, "tunedModels") != 0) return 0;
  char name[300];
  snprintf(name, sizeof name, "tunedModels/%s", call->path->model);
  json_t *m = emu_store_get(call->app->store, name);
  const char *model = json_string_value(json_object_get(m, "baseModel"));
  if (model) base_path(call, model, base);
  json_decref(m);
  return model != NULL;
}
