/* batches.create, create_embeddings, get, cancel, delete and list, and their
 * _async twins: one method call each (spec/methods.spec), list through the
 * pager. The source checks and the name rules are wire transformers
 * (src/wire/transform.c); what stays here is what batches.py does before
 * the call: Vertex AI's default display name and destination. */
#include <genai/batches.h>

#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api/client_internal.h"
#include "api/method.h"
#include "api/module.h"
#include "api/multi_internal.h"
#include "api/op.h"
#include "api/pager.h"
#include "core/alloc.h"
#include "core/error.h"
#include "core/structsize.h"
#include "http/retry.h"
#include "wire/codec.h"
#include "wire/types_gen.h"

static const genai__list_spec batches_list = {&genai__method_batches_list, "batch_jobs", "batch_jobs"};

static bool starts_with(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

static genai_result check_text(const char *value, const char *field) {
  return value && *value ? GENAI_OK : genai__err(GENAI_EINVAL, "%s is required.", field);
}

/* A value of type t from JSON built here (the _from_uri helpers). */
static genai_result value_from_pack(const genai__type *t, json_t *doc, void **out) {
  if (!doc) return genai__err(GENAI_ENOMEM, "out of memory");
  char *text = genai__json_dump(doc);
  json_decref(doc);
  if (!text) return genai__err(GENAI_ENOMEM, "out of memory");
  genai_result rc = genai__value_from_json(t, text, out);
  genai__free(text);
  return rc;
}

genai_result genai_batch_job_source_from_uri(const char *src, genai_batch_job_source **out) {
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  *out = NULL;
  if (!src) return genai__err(GENAI_EINVAL, "src is NULL");
  json_t *doc = NULL;
  if (starts_with(src, "gs://"))
    doc = json_pack("{s:s, s:[s]}", "format", "jsonl", "gcsUri", src);
  else if (starts_with(src, "bq://"))
    doc = json_pack("{s:s, s:s}", "format", "bigquery", "bigqueryUri", src);
  else if (starts_with(src, "files/"))
    doc = json_pack("{s:s}", "fileName", src);
  else if (starts_with(src, "projects/") && strstr(src, "/datasets/"))
    doc = json_pack("{s:s}", "vertexDatasetName", src);
  else
    return genai__err(GENAI_EINVAL, "Unsupported source: %s", src);
  return value_from_pack(&genai__type_batch_job_source, doc, (void **)out);
}

genai_result genai_batch_job_destination_from_uri(const char *dest, genai_batch_job_destination **out) {
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  *out = NULL;
  if (!dest) return genai__err(GENAI_EINVAL, "dest is NULL");
  json_t *doc = NULL;
  if (starts_with(dest, "gs://"))
    doc = json_pack("{s:s, s:s}", "format", "jsonl", "gcsUri", dest);
  else if (starts_with(dest, "bq://"))
    doc = json_pack("{s:s, s:s}", "format", "bigquery", "bigqueryUri", dest);
  else
    return genai__err(GENAI_EINVAL, "Unsupported destination: %s", dest);
  return value_from_pack(&genai__type_batch_job_destination, doc, (void **)out);
}

/* common.timestamped_unique_name(): the local time and 5 random hex digits. */
static void unique_name(char out[32]) {
  time_t now = time(NULL);
  struct tm tm;
  localtime_r(&now, &tm);
  size_t n = strftime(out, 21, "%Y-%m-%d-%H-%M-%S", &tm);
  unsigned r = (unsigned)(genai__random01() * 0x100000);
  snprintf(out + n, 32 - n, "_%05x", r & 0xfffff);
}

/* What format_destination() fills in on Vertex AI before the call. The
 * strings live in `names`, the destination in `dest`. */
typedef struct vertex_defaults {
  char display_name[64];
  char dest_uri[1200];
  genai_batch_job_destination dest;
} vertex_defaults;

static genai_result default_dest(const genai_batch_job_source *src, const char *unique, vertex_defaults *d) {
  d->dest = (genai_batch_job_destination){GENAI_INIT(genai_batch_job_destination)};
  const char *gcs = src->gcs_uri_count == 1 ? src->gcs_uri[0] : NULL;
  size_t len = gcs ? strlen(gcs) : 0;
  int n = -1;
  if (gcs && len > 6 && !strcmp(gcs + len - 6, ".jsonl")) {
    n = snprintf(d->dest_uri, sizeof d->dest_uri, "%.*s/dest", (int)(len - 6), gcs);
    d->dest.format = "jsonl";
    d->dest.gcs_uri = d->dest_uri;
  } else if (src->bigquery_uri) {
    n = snprintf(d->dest_uri, sizeof d->dest_uri, "%s_dest_%s", src->bigquery_uri, unique);
    d->dest.format = "bigquery";
    d->dest.bigquery_uri = d->dest_uri;
  } else {
    return genai__err(GENAI_EINVAL,
                      "config.dest is required: no destination can be derived from this source "
                      "(a single gs://….jsonl file or a bq:// table).");
  }
  if (n < 0 || (size_t)n >= sizeof d->dest_uri) return genai__err(GENAI_EINVAL, "src is too long");
  return GENAI_OK;
}

static genai_result apply_vertex_defaults(const genai_batch_job_source *src, genai_create_batch_job_config *cfg,
                                          vertex_defaults *d) {
  char unique[32];
  unique_name(unique);
  if (!cfg->display_name) {
    snprintf(d->display_name, sizeof d->display_name, "genai_batch_job_%s", unique);
    cfg->display_name = d->display_name;
  }
  if (cfg->dest) return GENAI_OK;
  genai_result rc = default_dest(src, unique, d);
  if (rc == GENAI_OK) cfg->dest = &d->dest;
  return rc;
}

static genai_result create(genai_client *client, genai_multi *multi, const genai_op_callbacks *cb, genai_op **op,
                           const char *model, const genai_batch_job_source *src,
                           const genai_create_batch_job_config *config, void **out) {
  genai_result rc = check_text(model, "model");
  if (rc == GENAI_OK && !src) rc = genai__err(GENAI_EINVAL, "src is required.");
  if (rc != GENAI_OK) return rc;
  genai_batch_job_source source;
  rc = genai__struct_copy(src, sizeof(source), "src", "genai_batch_job_source", &source);
  if (rc != GENAI_OK) return rc;
  genai_create_batch_job_config cfg = {GENAI_INIT(genai_create_batch_job_config)};
  if (config && (rc = genai__struct_copy(config, sizeof(cfg), "config", "genai_create_batch_job_config", &cfg)))
    return rc;
  vertex_defaults defaults;
  bool vertex = genai__client_backend(client) == GENAI__BACKEND_VERTEX;
  /* Only a source the backend accepts gets defaults; the wire check words
   * the error for the others. */
  bool vertex_source = source.gcs_uri || source.bigquery_uri || source.vertex_dataset_name;
  if (vertex && vertex_source && !source.inlined_requests && !source.file_name &&
      (rc = apply_vertex_defaults(&source, &cfg, &defaults)) != GENAI_OK)
    return rc;
  genai_create_batch_job_parameters params = {GENAI_INIT(genai_create_batch_job_parameters), .model = model,
                                              .src = &source, .config = &cfg};
  return genai__call_method(client, multi, cb, op, &genai__method_batches_create, &params, cfg.http_options, NULL, out);
}

static genai_result create_embeddings(genai_client *client, genai_multi *multi, const genai_op_callbacks *cb,
                                      genai_op **op, const char *model, const genai_embeddings_batch_job_source *src,
                                      const genai_create_embeddings_batch_job_config *config, void **out) {
  genai_result rc = check_text(model, "model");
  if (rc == GENAI_OK && !src) rc = genai__err(GENAI_EINVAL, "src is required.");
  if (rc != GENAI_OK) return rc;
  if (genai__client_backend(client) == GENAI__BACKEND_VERTEX)
    return genai__err(GENAI_EINVAL, "Vertex AI does not support batches.create_embeddings.");
  genai_create_embeddings_batch_job_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_create_embeddings_batch_job_config");
  genai_create_embeddings_batch_job_parameters params = {GENAI_INIT(genai_create_embeddings_batch_job_parameters),
                                                         .model = model, .src = src, .config = config};
  return genai__call_method(client, multi, cb, op, &genai__method_batches_create_embeddings, &params,
              config ? config->http_options : NULL, NULL, out);
}

static genai_result get(genai_client *client, genai_multi *multi, const genai_op_callbacks *cb, genai_op **op,
                        const char *name, const genai_get_batch_job_config *config, void **out) {
  genai_result rc = check_text(name, "name");
  if (rc != GENAI_OK) return rc;
  genai_get_batch_job_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_get_batch_job_config");
  genai_get_batch_job_parameters params = {GENAI_INIT(genai_get_batch_job_parameters), .name = name, .config = config};
  return genai__call_method(client, multi, cb, op, &genai__method_batches_get, &params, config ? config->http_options : NULL, NULL, out);
}

static genai_result cancel(genai_client *client, genai_multi *multi, const genai_op_callbacks *cb, genai_op **op,
                           const char *name, const genai_cancel_batch_job_config *config) {
  genai_result rc = check_text(name, "name");
  if (rc != GENAI_OK) return rc;
  genai_cancel_batch_job_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_cancel_batch_job_config");
  genai_cancel_batch_job_parameters params = {GENAI_INIT(genai_cancel_batch_job_parameters), .name = name,
                                              .config = config};
  return genai__call_method(client, multi, cb, op, &genai__method_batches_cancel, &params, config ? config->http_options : NULL, NULL,
              NULL);
}

static genai_result delete_job(genai_client *client, genai_multi *multi, const genai_op_callbacks *cb, genai_op **op,
                               const char *name, const genai_delete_batch_job_config *config, void **out) {
  genai_result rc = check_text(name, "name");
  if (rc != GENAI_OK) return rc;
  genai_delete_batch_job_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_delete_batch_job_config");
  genai_delete_batch_job_parameters params = {GENAI_INIT(genai_delete_batch_job_parameters), .name = name,
                                              .config = config};
  return genai__call_method(client, multi, cb, op, &genai__method_batches_delete, &params, config ? config->http_options : NULL, NULL, out);
}

static genai_result list(genai_client *client, genai_multi *multi, const genai_op_callbacks *cb, genai_op **op,
                         const genai_list_batch_jobs_config *config, genai_pager **out) {
  genai_list_batch_jobs_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_list_batch_jobs_config");
  genai_list_batch_jobs_parameters params = {GENAI_INIT(genai_list_batch_jobs_parameters), .config = config};
  return genai__pager_start(client, &batches_list, &params, multi, cb, op, out);
}

/* ---------------------------------------------------------------- sync */

static genai_result check_sync(genai_client *client, const void *out) {
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  if (!client) return genai__err(GENAI_EINVAL, "client is NULL");
  return GENAI_OK;
}

genai_result genai_batches_create(genai_client *client, const char *model, const genai_batch_job_source *src,
                                  const genai_create_batch_job_config *config, genai_batch_job **out) {
  if (out) *out = NULL;
  genai_result rc = check_sync(client, out);
  return rc == GENAI_OK ? create(client, NULL, NULL, NULL, model, src, config, (void **)out) : rc;
}

genai_result genai_batches_create_embeddings(genai_client *client, const char *model,
                                             const genai_embeddings_batch_job_source *src,
                                             const genai_create_embeddings_batch_job_config *config,
                                             genai_batch_job **out) {
  if (out) *out = NULL;
  genai_result rc = check_sync(client, out);
  return rc == GENAI_OK ? create_embeddings(client, NULL, NULL, NULL, model, src, config, (void **)out) : rc;
}

genai_result genai_batches_get(genai_client *client, const char *name, const genai_get_batch_job_config *config,
                               genai_batch_job **out) {
  if (out) *out = NULL;
  genai_result rc = check_sync(client, out);
  return rc == GENAI_OK ? get(client, NULL, NULL, NULL, name, config, (void **)out) : rc;
}

genai_result genai_batches_cancel(genai_client *client, const char *name, const genai_cancel_batch_job_config *config) {
  if (!client) return genai__err(GENAI_EINVAL, "client is NULL");
  return cancel(client, NULL, NULL, NULL, name, config);
}

genai_result genai_batches_delete(genai_client *client, const char *name, const genai_delete_batch_job_config *config,
                                  genai_delete_resource_job **out) {
  if (out) *out = NULL;
  if (!client) return genai__err(GENAI_EINVAL, "client is NULL");
  void *value = NULL;
  genai_result rc = delete_job(client, NULL, NULL, NULL, name, config, &value);
  if (out)
    *out = value;
  else
    genai__value_free(value);
  return rc;
}

genai_result genai_batches_list(genai_client *client, const genai_list_batch_jobs_config *config, genai_pager **out) {
  if (out) *out = NULL;
  genai_result rc = check_sync(client, out);
  return rc == GENAI_OK ? list(client, NULL, NULL, NULL, config, out) : rc;
}

/* --------------------------------------------------------------- async */

genai_result genai_batches_create_async(genai_multi *multi, const char *model, const genai_batch_job_source *src,
                                        const genai_create_batch_job_config *config,
                                        const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  return rc == GENAI_OK ? create(genai__multi_client(multi), multi, &cb, out, model, src, config, NULL) : rc;
}

genai_result genai_batches_create_embeddings_async(genai_multi *multi, const char *model,
                                                   const genai_embeddings_batch_job_source *src,
                                                   const genai_create_embeddings_batch_job_config *config,
                                                   const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  return rc == GENAI_OK ? create_embeddings(genai__multi_client(multi), multi, &cb, out, model, src, config, NULL) : rc;
}

genai_result genai_batches_get_async(genai_multi *multi, const char *name, const genai_get_batch_job_config *config,
                                     const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  return rc == GENAI_OK ? get(genai__multi_client(multi), multi, &cb, out, name, config, NULL) : rc;
}

genai_result genai_batches_cancel_async(genai_multi *multi, const char *name,
                                        const genai_cancel_batch_job_config *config,
                                        const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  return rc == GENAI_OK ? cancel(genai__multi_client(multi), multi, &cb, out, name, config) : rc;
}

genai_result genai_batches_delete_async(genai_multi *multi, const char *name,
                                        const genai_delete_batch_job_config *config,
                                        const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  return rc == GENAI_OK ? delete_job(genai__multi_client(multi), multi, &cb, out, name, config, NULL) : rc;
}

genai_result genai_batches_list_async(genai_multi *multi, const genai_list_batch_jobs_config *config,
                                      const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  return rc == GENAI_OK ? list(genai__multi_client(multi), multi, &cb, out, config, NULL) : rc;
}

genai_result genai_op_take_batch_job(genai_op *op, genai_batch_job **out) {
  return genai__op_take(op, &genai__type_batch_job, (void **)out);
}

genai_result genai_op_take_delete_resource_job(genai_op *op, genai_delete_resource_job **out) {
  return genai__op_take(op, &genai__type_delete_resource_job, (void **)out);
}

/* ---------------------------------------------------------- job states */

bool genai_job_state_is_done(genai_job_state state) {
  switch (state) {
    case GENAI_JOB_STATE_SUCCEEDED:
    case GENAI_JOB_STATE_FAILED:
    case GENAI_JOB_STATE_CANCELLED:
    case GENAI_JOB_STATE_PAUSED:
    case GENAI_JOB_STATE_EXPIRED:
    case GENAI_JOB_STATE_PARTIALLY_SUCCEEDED:
      return true;
    default:
      return false;
  }
}

bool genai_job_state_is_running(genai_job_state state) {
  switch (state) {
    case GENAI_JOB_STATE_QUEUED:
    case GENAI_JOB_STATE_PENDING:
    case GENAI_JOB_STATE_RUNNING:
    case GENAI_JOB_STATE_CANCELLING:
    case GENAI_JOB_STATE_UPDATING:
      return true;
    default:
      return false;
  }
}
