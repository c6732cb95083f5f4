/* files.get, files.list and files.delete, and their _async twins: one
 * method call each (spec/methods.spec), list through the pager. Uploads
 * live in files_upload.c. */
#include <genai/files.h>

#include "api/client_internal.h"
#include "api/files_internal.h"
#include "api/method.h"
#include "api/module.h"
#include "api/multi_internal.h"
#include "api/op.h"
#include "api/pager.h"
#include "core/error.h"
#include "core/structsize.h"
#include "wire/types_gen.h"

static const genai__list_spec files_list = {&genai__method_files_list, "files", "files"};

genai_result genai__files_check_backend(const genai_client *client) {
  if (genai__client_backend(client) == GENAI__BACKEND_VERTEX)
    return genai__err(GENAI_EINVAL, "This method is only supported in the Gemini Developer client.");
  return GENAI_OK;
}

static genai_result check_name(const char *name) {
  return name && *name ? GENAI_OK : genai__err(GENAI_EINVAL, "name is required.");
}

/* A method call of the files service, which only the Gemini API has. */
static genai_result call(genai_client *client, genai_multi *multi, const genai_op_callbacks *cb, genai_op **op,
                         const genai__method *m, const void *params, const genai_http_options *http_options,
                         void **value) {
  genai_result rc = genai__files_check_backend(client);
  return rc == GENAI_OK ? genai__call_method(client, multi, cb, op, m, params, http_options, NULL, value) : rc;
}

static genai_result get(genai_client *client, genai_multi *multi, const genai_op_callbacks *cb, genai_op **op,
                        const char *name, const genai_get_file_config *config, void **out) {
  genai_get_file_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_get_file_config");
  genai_get_file_parameters params = {GENAI_INIT(genai_get_file_parameters), .name = name, .config = config};
  return call(client, multi, cb, op, &genai__method_files_get, &params, config ? config->http_options : NULL, out);
}

static genai_result list(genai_client *client, genai_multi *multi, const genai_op_callbacks *cb, genai_op **op,
                         const genai_list_files_config *config, genai_pager **out) {
  genai_result rc = genai__files_check_backend(client);
  if (rc != GENAI_OK) return rc;
  genai_list_files_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_list_files_config");
  genai_list_files_parameters params = {GENAI_INIT(genai_list_files_parameters), .config = config};
  return genai__pager_start(client, &files_list, &params, multi, cb, op, out);
}

static genai_result delete_file(genai_client *client, genai_multi *multi, const genai_op_callbacks *cb, genai_op **op,
                                const char *name, const genai_delete_file_config *config, void **out) {
  genai_delete_file_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_delete_file_config");
  genai_delete_file_parameters params = {GENAI_INIT(genai_delete_file_parameters), .name = name, .config = config};
  return call(client, multi, cb, op, &genai__method_files_delete, &params, config ? config->http_options : NULL,
              out);
}

/* ---------------------------------------------------------------- sync */

genai_result genai_files_get(genai_client *client, const char *name, const genai_get_file_config *config,
                             genai_file **out) {
  if (out) *out = NULL;
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  if (!client) return genai__err(GENAI_EINVAL, "client is NULL");
  genai_result rc = genai__files_check_backend(client);
  if (rc == GENAI_OK) rc = check_name(name);
  return rc == GENAI_OK ? get(client, NULL, NULL, NULL, name, config, (void **)out) : rc;
}

genai_result genai_files_list(genai_client *client, const genai_list_files_config *config, genai_pager **out) {
  if (out) *out = NULL;
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  if (!client) return genai__err(GENAI_EINVAL, "client is NULL");
  return list(client, NULL, NULL, NULL, config, out);
}

genai_result genai_files_delete(genai_client *client, const char *name, const genai_delete_file_config *config,
                                genai_delete_file_response **out) {
  if (out) *out = NULL;
  if (!client) return genai__err(GENAI_EINVAL, "client is NULL");
  genai_result rc = genai__files_check_backend(client);
  if (rc == GENAI_OK) rc = check_name(name);
  if (rc != GENAI_OK) return rc;
  void *value = NULL;
  rc = delete_file(client, NULL, NULL, NULL, name, config, &value);
  if (out) *out = value;
  else genai__value_free(value);
  return rc;
}

/* --------------------------------------------------------------- async */

genai_result genai_files_get_async(genai_multi *multi, const char *name, const genai_get_file_config *config,
                                   const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  if (rc == GENAI_OK) rc = genai__files_check_backend(genai__multi_client(multi));
  if (rc == GENAI_OK) rc = check_name(name);
  return rc == GENAI_OK ? get(genai__multi_client(multi), multi, &cb, out, name, config, NULL) : rc;
}

genai_result genai_files_list_async(genai_multi *multi, const genai_list_files_config *config,
                                    const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  return rc == GENAI_OK ? list(genai__multi_client(multi), multi, &cb, out, config, NULL) : rc;
}

genai_result genai_files_delete_async(genai_multi *multi, const char *name, const genai_delete_file_config *config,
                                      const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  if (rc == GENAI_OK) rc = genai__files_check_backend(genai__multi_client(multi));
  if (rc == GENAI_OK) rc = check_name(name);
  return rc == GENAI_OK ? delete_file(genai__multi_client(multi), multi, &cb, out, name, config, NULL) : rc;
}

genai_result genai_op_take_file(genai_op *op, genai_file **out) {
  return genai__op_take(op, &genai__type_file, (void **)out);
}

genai_result genai_op_take_delete_file_response(genai_op *op, genai_delete_file_response **out) {
  return genai__op_take(op, &genai__type_delete_file_response, (void **)out);
}
