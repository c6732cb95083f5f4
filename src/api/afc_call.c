#include "api/afc_call.h"

#include <stdio.h>

#include "core/alloc.h"
#include "core/error.h"
#include "core/log.h"
#include "wire/clone.h"
#include "wire/types_gen.h"

struct genai__afc_call {
  genai__arena arena;
  genai__afc afc;
  char *model;
  genai_generate_content_config *config; /* owned copy */
  char usage[64];
  genai_generate_content_parameters params;
};

genai_result genai__afc_call_new(const char *model, const genai_contents *contents,
                                 const genai_generate_content_config *config, const char *usage,
                                 genai__afc_call **out) {
  *out = NULL;
  genai__afc_call *c = genai__calloc(1, sizeof(*c));
  if (!c) return genai__err(GENAI_ENOMEM, "out of memory");
  bool run = false;
  genai_result rc = genai__afc_setup(&c->arena, config, &c->afc, &run);
  if (rc != GENAI_OK || !run) {
    genai__afc_call_free(c);
    return rc;
  }
  snprintf(c->usage, sizeof(c->usage), "afc%s%s", usage ? "+" : "", usage ? usage : "");
  void *copy = NULL;
  rc = genai__clone_owned(&genai__type_generate_content_config, config, &copy);
  c->config = copy;
  if (rc == GENAI_OK && !(c->model = genai__strdup(model))) rc = genai__err(GENAI_ENOMEM, "out of memory");
  if (rc == GENAI_OK) rc = genai__afc_start(&c->afc, contents);
  if (rc != GENAI_OK) {
    genai__afc_call_free(c);
    return rc;
  }
  *out = c;
  return GENAI_OK;
}

const char *genai__afc_call_usage(const genai__afc_call *c) { return c->usage; }

const genai__afc *genai__afc_call_state(const genai__afc_call *c) { return &c->afc; }

genai_result genai__afc_call_on_value(genai__afc_call *c, void **value, const void **next_params,
                                      genai__call_options *next_opts) {
  *next_params = NULL;
  genai_generate_content_response *r = *value;
  const genai_content *asked = genai__first_content(r);
  const genai_part **parts = NULL;
  size_t count = 0, cap = 0;
  genai_result rc = genai__afc_call_functions(&c->afc, asked, &parts, &count, &cap);
  if (rc == GENAI_OK && count) {
    c->afc.remaining--;
    genai__log(GENAI_LOG_INFO, "AFC remote call done; %d left.", (int)c->afc.remaining);
    rc = genai__afc_record_round(&c->afc, &asked, 1, parts, count, NULL);
    if (rc == GENAI_OK && c->afc.remaining > 0) {
      const genai_contents *contents = NULL;
      if ((rc = genai__afc_contents(&c->afc, &contents)) != GENAI_OK) return rc;
      c->params = (genai_generate_content_parameters){GENAI_INIT(genai_generate_content_parameters),
                                                      .model = c->model, .contents = contents, .config = c->config};
      *next_params = &c->params;
      *next_opts = (genai__call_options){.http_options = c->config->http_options, .usage = c->usage};
      return GENAI_OK;
    }
  }
  /* the last answer: with the conversation, unless ignore_call_history */
  if (rc == GENAI_OK) rc = genai__afc_attach_history(&c->afc, r);
  return rc;
}

void genai__afc_call_free(genai__afc_call *c) {
  if (!c) return;
  genai_generate_content_config_free(c->config);
  genai__free(c->model);
  genai__arena_release(&c->arena);
  genai__free(c);
}

static genai_result hook_value(void *data, void **value, const void **next, genai__call_options *opts) {
  return genai__afc_call_on_value(data, value, next, opts);
}

static void hook_release(void *data) { genai__afc_call_free(data); }

genai__op_hooks genai__afc_call_hooks(genai__afc_call *c) {
  return (genai__op_hooks){.on_value = hook_value, .release = hook_release, .data = c};
}
