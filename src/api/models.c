#include <genai/models.h>

#include <string.h>

#include "api/client_internal.h"
#include "api/request.h"
#include "api/response.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/structsize.h"
#include "wire/names.h"
#include "wire/requests.h"
#include "wire/types_gen.h"

genai_result genai_models_generate_content(genai_client *client, const char *model, const genai_contents *contents,
                                           const genai_generate_content_config *config,
                                           genai_generate_content_response **out) {
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  *out = NULL;
  if (!client) return genai__err(GENAI_EINVAL, "client is NULL");
  if (!contents) return genai__err(GENAI_EINVAL, "contents are required.");
  genai_generate_content_config cfg;
  if (config) {
    genai_result rc = genai__struct_copy(config, sizeof(cfg), "config", "genai_generate_content_config", &cfg);
    if (rc != GENAI_OK) return rc;
    config = &cfg;
  }
  char *model_path = NULL;
  genai_result rc = genai__t_model(client->vertexai, model, &model_path);
  if (rc != GENAI_OK) return rc;

  genai__arena tmp = {0};
  genai__encode_ctx ctx = {.backend = genai__client_backend(client), .project = client->project,
                           .location = client->location, .tmp = &tmp};
  json_t *body = NULL;
  rc = genai__wire_generate_content(&ctx, contents, config, &body);
  genai__arena_release(&tmp);

  genai__buf path = {0};
  if (rc == GENAI_OK && genai__buf_printf(&path, "%s:generateContent", model_path) != GENAI_OK)
    rc = genai__err(GENAI_ENOMEM, "out of memory");
  genai__free(model_path);
  genai__response resp = {0};
  if (rc == GENAI_OK) {
    genai__call call = {.method = "POST", .path = path.data, .body = body,
                        .http_options = config ? config->http_options : NULL};
    rc = genai__client_send(client, &call, &resp);
  }
  json_decref(body);
  genai__buf_free(&path);
  if (rc == GENAI_OK) {
    bool raw_only = config && config->should_return_http_response && *config->should_return_http_response;
    rc = genai__response_from_http(&genai__type_generate_content_response, ctx.backend, &resp, raw_only,
                                   (void **)out);
  }
  genai__response_clear(&resp);
  return rc;
}
