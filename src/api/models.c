#include <genai/models.h>

#include "api/client_internal.h"
#include "api/method.h"
#include "core/error.h"
#include "core/structsize.h"
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
  genai_generate_content_parameters params = {GENAI_INIT(genai_generate_content_parameters), .model = model,
                                               .contents = contents, .config = config};
  if (!model || !*model) return genai__err(GENAI_EINVAL, "model is required.");
  bool raw_only = config && config->should_return_http_response && *config->should_return_http_response;
  void *response = NULL;
  genai_result rc = genai__method_call(client, &genai__method_models_generate_content, &params,
                                       config ? config->http_options : NULL, raw_only, &response);
  *out = response;
  return rc;
}
