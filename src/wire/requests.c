#include "wire/requests.h"

#include "core/error.h"
#include "wire/types_gen.h"

static genai_result oom(void) { return genai__err(GENAI_ENOMEM, "out of memory"); }

genai_result genai__wire_generate_content(genai__encode_ctx *ctx, const genai_contents *contents,
                                          const genai_generate_content_config *config, json_t **out) {
  json_t *body = json_object(), *list = NULL, *gen = NULL;
  if (!body) return oom();
  size_t mark = genai__path_push(&ctx->path, "contents");
  genai_result rc = genai__encode_contents_list(ctx, contents, &list);
  genai__path_pop(&ctx->path, mark);
  if (rc == GENAI_OK && json_object_set_new(body, "contents", list) != 0) rc = oom();
  if (rc == GENAI_OK && config) {
    mark = genai__path_push(&ctx->path, "config");
    if (!(gen = json_object())) rc = oom();
    if (rc == GENAI_OK) rc = genai__encode(ctx, &genai__type_generate_content_config, config, gen, body);
    genai__path_pop(&ctx->path, mark);
    /* Like the Python SDK, a given config always yields generationConfig, even empty. */
    if (rc == GENAI_OK && json_object_set_new(body, "generationConfig", gen) != 0) rc = oom();
    else if (rc != GENAI_OK) json_decref(gen);
  }
  if (rc != GENAI_OK) {
    json_decref(body);
    return rc;
  }
  *out = body;
  return GENAI_OK;
}
