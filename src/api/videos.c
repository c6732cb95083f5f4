/* Veo: models.generate_videos (a long-running operation) and
 * operations.get for it (operations.py), one method call each
 * (spec/methods.spec). */
#include <genai/operations.h>
#include <genai/videos.h>

#include <stddef.h>
#include <string.h>

#include "api/client_internal.h"
#include "api/method.h"
#include "api/multi_internal.h"
#include "api/module.h"
#include "api/op.h"
#include "core/alloc.h"
#include "core/error.h"
#include "core/structsize.h"
#include "wire/types_gen.h"

typedef struct launch {
  genai_client *client;
  genai_multi *multi;
  const genai_op_callbacks *cb;
  genai_op **op;
  void **value; /* NULL on a multi */
} launch;

/* Python fills both operation.response and operation.result. Vertex AI
 * sends one `response` key, which the decoder gives to the first field that
 * reads it; the second shares the decoded value (same arena). */
static genai_result share_result(void *data, void **value, const void **next_params, genai__call_options *next_opts) {
  (void)data;
  (void)next_params;
  (void)next_opts;
  genai_generate_videos_operation *op = *value;
  if (op && !op->result) op->result = op->response;
  if (op && !op->response) op->response = op->result;
  return GENAI_OK;
}

static genai_result run(const launch *l, const genai__method *m, const void *params,
                        const genai_http_options *http_options) {
  genai__op_hooks hooks = {.on_value = share_result};
  return genai__call_method(l->client, l->multi, l->cb, l->op, m, params, http_options, &hooks, l->value);
}

/* ------------------------------------------------------ generate_videos */

static genai_result generate_videos(const launch *l, const char *model, const genai_generate_videos_parameters *in) {
  if (!model || !*model) return genai__err(GENAI_EINVAL, "model is required.");
  genai_generate_videos_parameters params = *in;
  params.model = model;
  genai_generate_videos_config cfg;
  if (params.config) {
    genai_result rc = genai__struct_copy(params.config, sizeof(cfg), "config", "genai_generate_videos_config", &cfg);
    if (rc != GENAI_OK) return rc;
    params.config = &cfg;
  }
  genai_generate_videos_source src;
  if (params.source) {
    genai_result rc = genai__struct_copy(params.source, sizeof(src), "source", "genai_generate_videos_source", &src);
    if (rc != GENAI_OK) return rc;
    params.source = &src;
    if (!src.prompt && !src.image && !src.video)
      return genai__err(GENAI_EINVAL, "source: one of prompt, image or video is required.");
  } else if (!params.prompt && !params.image && !params.video) {
    return genai__err(GENAI_EINVAL, "One of prompt, image or video is required.");
  }
  return run(l, &genai__method_models_generate_videos, &params, params.config ? params.config->http_options : NULL);
}

static genai_result sync_begin(genai_client *client, void *out) {
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  *(void **)out = NULL;
  return client ? GENAI_OK : genai__err(GENAI_EINVAL, "client is NULL");
}

genai_result genai_models_generate_videos(genai_client *client, const char *model, const char *prompt,
                                          const genai_image *image, const genai_video *video,
                                          const genai_generate_videos_config *config,
                                          genai_generate_videos_operation **out) {
  genai_result rc = sync_begin(client, out);
  if (rc != GENAI_OK) return rc;
  launch l = {client, NULL, NULL, NULL, (void **)out};
  genai_generate_videos_parameters in = {GENAI_INIT(genai_generate_videos_parameters), .prompt = prompt,
                                         .image = image, .video = video, .config = config};
  return generate_videos(&l, model, &in);
}

genai_result genai_models_generate_videos_from_source(genai_client *client, const char *model,
                                                      const genai_generate_videos_source *source,
                                                      const genai_generate_videos_config *config,
                                                      genai_generate_videos_operation **out) {
  genai_result rc = sync_begin(client, out);
  if (rc != GENAI_OK) return rc;
  if (!source) return genai__err(GENAI_EINVAL, "source is required.");
  launch l = {client, NULL, NULL, NULL, (void **)out};
  genai_generate_videos_parameters in = {GENAI_INIT(genai_generate_videos_parameters), .source = source,
                                         .config = config};
  return generate_videos(&l, model, &in);
}

genai_result genai_models_generate_videos_async(genai_multi *multi, const char *model, const char *prompt,
                                                const genai_image *image, const genai_video *video,
                                                const genai_generate_videos_config *config,
                                                const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  if (rc != GENAI_OK) return rc;
  launch l = {genai__multi_client(multi), multi, &cb, out, NULL};
  genai_generate_videos_parameters in = {GENAI_INIT(genai_generate_videos_parameters), .prompt = prompt,
                                         .image = image, .video = video, .config = config};
  return generate_videos(&l, model, &in);
}

genai_result genai_op_take_generate_videos_operation(genai_op *op, genai_generate_videos_operation **out) {
  return genai__op_take(op, &genai__type_generate_videos_operation, (void **)out);
}

/* ------------------------------------------------------- operations.get */

/* operations.py get: the Gemini API reads the operation by name; Vertex AI
 * asks the model it ran on (the name up to "/operations/"). */
static genai_result get_operation(const launch *l, const char *name, const genai_get_operation_config *config) {
  if (!name || !*name) return genai__err(GENAI_EINVAL, "operation.name is required.");
  genai_get_operation_config cfg;
  if (config) {
    genai_result rc = genai__struct_copy(config, sizeof(cfg), "config", "genai_get_operation_config", &cfg);
    if (rc != GENAI_OK) return rc;
    config = &cfg;
  }
  const genai_http_options *http_options = config ? config->http_options : NULL;
  if (genai__client_backend(l->client) == GENAI__BACKEND_MLDEV) {
    genai_get_operation_parameters params = {GENAI_INIT(genai_get_operation_parameters), .operation_name = name,
                                             .config = config};
    return run(l, &genai__method_operations_get_videos_operation, &params, http_options);
  }
  const char *cut = strstr(name, "/operations/");
  if (!cut) return genai__err(GENAI_EINVAL, "operation.name %s is not a long-running operation's name.", name);
  char *resource = genai__strndup(name, (size_t)(cut - name));
  if (!resource) return genai__err(GENAI_ENOMEM, "out of memory");
  genai_fetch_predict_operation_config fetch = {GENAI_INIT(genai_fetch_predict_operation_config),
                                                .http_options = http_options};
  genai_fetch_predict_operation_parameters params = {GENAI_INIT(genai_fetch_predict_operation_parameters),
                                                     .operation_name = name, .resource_name = resource,
                                                     .config = &fetch};
  genai_result rc = run(l, &genai__method_operations_fetch_predict_videos_operation, &params, http_options);
  genai__free(resource);
  return rc;
}

static const char *name_of(const genai_generate_videos_operation *operation) {
  /* only the leading members are read, which every struct version has */
  return operation && operation->struct_size >= offsetof(genai_generate_videos_operation, name) + sizeof(operation->name) ? operation->name
                                                                                                : NULL;
}

genai_result genai_operations_get(genai_client *client, const genai_generate_videos_operation *operation,
                                  const genai_get_operation_config *config, genai_generate_videos_operation **out) {
  genai_result rc = sync_begin(client, out);
  if (rc != GENAI_OK) return rc;
  if (!operation) return genai__err(GENAI_EINVAL, "operation is NULL");
  launch l = {client, NULL, NULL, NULL, (void **)out};
  return get_operation(&l, name_of(operation), config);
}

genai_result genai_operations_get_by_name(genai_client *client, const char *name,
                                          const genai_get_operation_config *config,
                                          genai_generate_videos_operation **out) {
  genai_result rc = sync_begin(client, out);
  if (rc != GENAI_OK) return rc;
  launch l = {client, NULL, NULL, NULL, (void **)out};
  return get_operation(&l, name, config);
}

genai_result genai_operations_get_async(genai_multi *multi, const genai_generate_videos_operation *operation,
                                        const genai_get_operation_config *config, const genai_op_callbacks *callbacks,
                                        genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  if (rc != GENAI_OK) return rc;
  if (!operation) return genai__err(GENAI_EINVAL, "operation is NULL");
  launch l = {genai__multi_client(multi), multi, &cb, out, NULL};
  return get_operation(&l, name_of(operation), config);
}

bool genai_operation_is_done(const genai_generate_videos_operation *operation) {
  return operation && operation->struct_size >= offsetof(genai_generate_videos_operation, done) + sizeof(operation->done) && operation->done &&
         *operation->done;
}
