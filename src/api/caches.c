/* caches.create, get, update, delete and list (Python's caches.py), and
 * their _async twins: one method call each (spec/methods.spec), list
 * through the pager. Name and model normalisation happen in the wire
 * converters (t_cached_content_name, t_caches_model). */
#include <genai/caches.h>

#include "api/client_internal.h"
#include "api/method.h"
#include "api/module.h"
#include "api/multi_internal.h"
#include "api/op.h"
#include "api/pager.h"
#include "core/error.h"
#include "core/structsize.h"
#include "wire/types_gen.h"

static const genai__list_spec caches_list = {&genai__method_caches_list, "cached_contents", "cached_contents"};

static genai_result check_required(const char *value, const char *message) {
  return value && *value ? GENAI_OK : genai__err(GENAI_EINVAL, "%s", message);
}

static genai_result check_name(const char *name) { return check_required(name, "name is required."); }

static genai_result create(genai_client *client, genai_multi *multi, const genai_op_callbacks *cb, genai_op **op,
                           const char *model, const genai_create_cached_content_config *config, void **out) {
  genai_create_cached_content_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_create_cached_content_config");
  genai_create_cached_content_parameters params = {GENAI_INIT(genai_create_cached_content_parameters),
                                                   .model = model, .config = config};
  return genai__call_method(client, multi, cb, op, &genai__method_caches_create, &params, config ? config->http_options : NULL, NULL,
              out);
}

static genai_result get(genai_client *client, genai_multi *multi, const genai_op_callbacks *cb, genai_op **op,
                        const char *name, const genai_get_cached_content_config *config, void **out) {
  genai_get_cached_content_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_get_cached_content_config");
  genai_get_cached_content_parameters params = {GENAI_INIT(genai_get_cached_content_parameters), .name = name,
                                                .config = config};
  return genai__call_method(client, multi, cb, op, &genai__method_caches_get, &params, config ? config->http_options : NULL, NULL, out);
}

static genai_result update(genai_client *client, genai_multi *multi, const genai_op_callbacks *cb, genai_op **op,
                           const char *name, const genai_update_cached_content_config *config, void **out) {
  genai_update_cached_content_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_update_cached_content_config");
  genai_update_cached_content_parameters params = {GENAI_INIT(genai_update_cached_content_parameters),
                                                   .name = name, .config = config};
  return genai__call_method(client, multi, cb, op, &genai__method_caches_update, &params, config ? config->http_options : NULL, NULL,
              out);
}

static genai_result delete_cache(genai_client *client, genai_multi *multi, const genai_op_callbacks *cb,
                                 genai_op **op, const char *name, const genai_delete_cached_content_config *config,
                                 void **out) {
  genai_delete_cached_content_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_delete_cached_content_config");
  genai_delete_cached_content_parameters params = {GENAI_INIT(genai_delete_cached_content_parameters),
                                                   .name = name, .config = config};
  return genai__call_method(client, multi, cb, op, &genai__method_caches_delete, &params, config ? config->http_options : NULL, NULL,
              out);
}

/* The pager copies the parameters, so a config on the stack is enough. */
static genai_result list(genai_client *client, genai_multi *multi, const genai_op_callbacks *cb, genai_op **op,
                         const genai_list_cached_contents_config *config, genai_pager **out) {
  genai_list_cached_contents_config cfg = {GENAI_INIT(genai_list_cached_contents_config)};
  if (config) {
    genai_result rc = genai__struct_copy(config, sizeof(cfg), "config", "genai_list_cached_contents_config", &cfg);
    if (rc != GENAI_OK) return rc;
  }
  genai_list_cached_contents_parameters params = {GENAI_INIT(genai_list_cached_contents_parameters),
                                                  .config = &cfg};
  return genai__pager_start(client, &caches_list, &params, multi, cb, op, out);
}

/* ---------------------------------------------------------------- sync */

static genai_result check_sync(genai_client *client, const void *out) {
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  if (!client) return genai__err(GENAI_EINVAL, "client is NULL");
  return GENAI_OK;
}

genai_result genai_caches_create(genai_client *client, const char *model,
                                 const genai_create_cached_content_config *config, genai_cached_content **out) {
  if (out) *out = NULL;
  genai_result rc = check_sync(client, out);
  if (rc == GENAI_OK) rc = check_required(model, "model is required.");
  return rc == GENAI_OK ? create(client, NULL, NULL, NULL, model, config, (void **)out) : rc;
}

genai_result genai_caches_get(genai_client *client, const char *name, const genai_get_cached_content_config *config,
                              genai_cached_content **out) {
  if (out) *out = NULL;
  genai_result rc = check_sync(client, out);
  if (rc == GENAI_OK) rc = check_name(name);
  return rc == GENAI_OK ? get(client, NULL, NULL, NULL, name, config, (void **)out) : rc;
}

genai_result genai_caches_update(genai_client *client, const char *name,
                                 const genai_update_cached_content_config *config, genai_cached_content **out) {
  if (out) *out = NULL;
  genai_result rc = check_sync(client, out);
  if (rc == GENAI_OK) rc = check_name(name);
  return rc == GENAI_OK ? update(client, NULL, NULL, NULL, name, config, (void **)out) : rc;
}

genai_result genai_caches_delete(genai_client *client, const char *name,
                                 const genai_delete_cached_content_config *config,
                                 genai_delete_cached_content_response **out) {
  if (out) *out = NULL;
  if (!client) return genai__err(GENAI_EINVAL, "client is NULL");
  genai_result rc = check_name(name);
  if (rc != GENAI_OK) return rc;
  void *value = NULL;
  rc = delete_cache(client, NULL, NULL, NULL, name, config, &value);
  if (out) *out = value;
  else genai__value_free(value);
  return rc;
}

genai_result genai_caches_list(genai_client *client, const genai_list_cached_contents_config *config,
                               genai_pager **out) {
  if (out) *out = NULL;
  genai_result rc = check_sync(client, out);
  return rc == GENAI_OK ? list(client, NULL, NULL, NULL, config, out) : rc;
}

/* --------------------------------------------------------------- async */

genai_result genai_caches_create_async(genai_multi *multi, const char *model,
                                       const genai_create_cached_content_config *config,
                                       const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  if (rc == GENAI_OK) rc = check_required(model, "model is required.");
  return rc == GENAI_OK ? create(genai__multi_client(multi), multi, &cb, out, model, config, NULL) : rc;
}

genai_result genai_caches_get_async(genai_multi *multi, const char *name,
                                    const genai_get_cached_content_config *config,
                                    const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  if (rc == GENAI_OK) rc = check_name(name);
  return rc == GENAI_OK ? get(genai__multi_client(multi), multi, &cb, out, name, config, NULL) : rc;
}

genai_result genai_caches_update_async(genai_multi *multi, const char *name,
                                       const genai_update_cached_content_config *config,
                                       const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  if (rc == GENAI_OK) rc = check_name(name);
  return rc == GENAI_OK ? update(genai__multi_client(multi), multi, &cb, out, name, config, NULL) : rc;
}

genai_result genai_caches_delete_async(genai_multi *multi, const char *name,
                                       const genai_delete_cached_content_config *config,
                                       const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  if (rc == GENAI_OK) rc = check_name(name);
  return rc == GENAI_OK ? delete_cache(genai__multi_client(multi), multi, &cb, out, name, config, NULL) : rc;
}

genai_result genai_caches_list_async(genai_multi *multi, const genai_list_cached_contents_config *config,
                                     const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  return rc == GENAI_OK ? list(genai__multi_client(multi), multi, &cb, out, config, NULL) : rc;
}

genai_result genai_op_take_cached_content(genai_op *op, genai_cached_content **out) {
  return genai__op_take(op, &genai__type_cached_content, (void **)out);
}

genai_result genai_op_take_delete_cached_content_response(genai_op *op, genai_delete_cached_content_response **out) {
  return genai__op_take(op, &genai__type_delete_cached_content_response, (void **)out);
}
