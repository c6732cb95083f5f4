/* models.get, models.list, models.update and models.delete, and their
 * _async twins: one method call each (spec/methods.spec), list through the
 * pager. */
#include <genai/models.h>

#include <stdio.h>

#include "api/client_internal.h"
#include "api/method.h"
#include "api/module.h"
#include "api/multi_internal.h"
#include "api/op.h"
#include "api/pager.h"
#include "core/error.h"
#include "core/structsize.h"
#include "wire/types_gen.h"

static const genai__list_spec models_list = {&genai__method_models_list, "models", "models"};

static genai_result check_model(const char *model) {
  return model && *model ? GENAI_OK : genai__err(GENAI_EINVAL, "model is required.");
}

static genai_result get(genai_client *client, genai_multi *multi, const genai_op_callbacks *cb, genai_op **op,
                        const char *model, const genai_get_model_config *config, void **out) {
  genai_get_model_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_get_model_config");
  genai_get_model_parameters params = {GENAI_INIT(genai_get_model_parameters), .model = model, .config = config};
  return genai__call_method(client, multi, cb, op, &genai__method_models_get, &params, config ? config->http_options : NULL, NULL, out);
}

/* As models.py: query_base defaults to true, and on Vertex AI tuned models
 * are those with the tune-type label. */
static genai_result list(genai_client *client, genai_multi *multi, const genai_op_callbacks *cb, genai_op **op,
                         const genai_list_models_config *config, genai_pager **out) {
  genai_list_models_config cfg = {GENAI_INIT(genai_list_models_config)};
  if (config) {
    genai_result rc = genai__struct_copy(config, sizeof(cfg), "config", "genai_list_models_config", &cfg);
    if (rc != GENAI_OK) return rc;
  }
  static const bool yes = true;
  if (!cfg.query_base) cfg.query_base = &yes;
  char filter[1024];
  if (!*cfg.query_base && genai__client_backend(client) == GENAI__BACKEND_VERTEX) {
    int n = cfg.filter ? snprintf(filter, sizeof(filter), "%s&filter=labels.tune-type:*", cfg.filter)
                       : snprintf(filter, sizeof(filter), "labels.tune-type:*");
    if (n < 0 || (size_t)n >= sizeof(filter)) return genai__err(GENAI_EINVAL, "config.filter is too long");
    cfg.filter = filter;
  }
  genai_list_models_parameters params = {GENAI_INIT(genai_list_models_parameters), .config = &cfg};
  return genai__pager_start(client, &models_list, &params, multi, cb, op, out);
}

static genai_result update(genai_client *client, genai_multi *multi, const genai_op_callbacks *cb, genai_op **op,
                           const char *model, const genai_update_model_config *config, void **out) {
  genai_update_model_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_update_model_config");
  genai_update_model_parameters params = {GENAI_INIT(genai_update_model_parameters), .model = model,
                                          .config = config};
  return genai__call_method(client, multi, cb, op, &genai__method_models_update, &params, config ? config->http_options : NULL, NULL,
              out);
}

static genai_result delete_model(genai_client *client, genai_multi *multi, const genai_op_callbacks *cb,
                                 genai_op **op, const char *model, const genai_delete_model_config *config,
                                 void **out) {
  genai_delete_model_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_delete_model_config");
  genai_delete_model_parameters params = {GENAI_INIT(genai_delete_model_parameters), .model = model,
                                          .config = config};
  return genai__call_method(client, multi, cb, op, &genai__method_models_delete, &params, config ? config->http_options : NULL, NULL,
              out);
}

/* ---------------------------------------------------------------- sync */

static genai_result check_sync(genai_client *client, const void *out) {
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  if (!client) return genai__err(GENAI_EINVAL, "client is NULL");
  return GENAI_OK;
}

genai_result genai_models_get(genai_client *client, const char *model, const genai_get_model_config *config,
                              genai_model **out) {
  if (out) *out = NULL;
  genai_result rc = check_sync(client, out);
  if (rc == GENAI_OK) rc = check_model(model);
  return rc == GENAI_OK ? get(client, NULL, NULL, NULL, model, config, (void **)out) : rc;
}

genai_result genai_models_list(genai_client *client, const genai_list_models_config *config, genai_pager **out) {
  if (out) *out = NULL;
  genai_result rc = check_sync(client, out);
  return rc == GENAI_OK ? list(client, NULL, NULL, NULL, config, out) : rc;
}

genai_result genai_models_update(genai_client *client, const char *model, const genai_update_model_config *config,
                                 genai_model **out) {
  if (out) *out = NULL;
  genai_result rc = check_sync(client, out);
  if (rc == GENAI_OK) rc = check_model(model);
  return rc == GENAI_OK ? update(client, NULL, NULL, NULL, model, config, (void **)out) : rc;
}

genai_result genai_models_delete(genai_client *client, const char *model, const genai_delete_model_config *config,
                                 genai_delete_model_response **out) {
  if (out) *out = NULL;
  if (!client) return genai__err(GENAI_EINVAL, "client is NULL");
  genai_result rc = check_model(model);
  if (rc != GENAI_OK) return rc;
  void *value = NULL;
  rc = delete_model(client, NULL, NULL, NULL, model, config, &value);
  if (out) *out = value;
  else genai__value_free(value);
  return rc;
}

/* --------------------------------------------------------------- async */

genai_result genai_models_get_async(genai_multi *multi, const char *model, const genai_get_model_config *config,
                                    const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  if (rc == GENAI_OK) rc = check_model(model);
  return rc == GENAI_OK ? get(genai__multi_client(multi), multi, &cb, out, model, config, NULL) : rc;
}

genai_result genai_models_list_async(genai_multi *multi, const genai_list_models_config *config,
                                     const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  return rc == GENAI_OK ? list(genai__multi_client(multi), multi, &cb, out, config, NULL) : rc;
}

genai_result genai_models_update_async(genai_multi *multi, const char *model, const genai_update_model_config *config,
                                       const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  if (rc == GENAI_OK) rc = check_model(model);
  return rc == GENAI_OK ? update(genai__multi_client(multi), multi, &cb, out, model, config, NULL) : rc;
}

genai_result genai_models_delete_async(genai_multi *multi, const char *model, const genai_delete_model_config *config,
                                       const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  if (rc == GENAI_OK) rc = check_model(model);
  return rc == GENAI_OK ? delete_model(genai__multi_client(multi), multi, &cb, out, model, config, NULL) : rc;
}

genai_result genai_op_take_model(genai_op *op, genai_model **out) {
  return genai__op_take(op, &genai__type_model, (void **)out);
}

genai_result genai_op_take_delete_model_response(genai_op *op, genai_delete_model_response **out) {
  return genai__op_take(op, &genai__type_delete_model_response, (void **)out);
}
