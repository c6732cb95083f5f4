#include "api/afc_stream.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/error.h"
#include "core/log.h"
#include "wire/clone.h"
#include "wire/types_gen.h"

struct genai__afc_stream {
  genai__arena arena;
  genai__afc afc;
  char *model;
  genai_generate_content_config *config; /* owned copy */
  char usage[64];
  int rounds;                            /* rounds that called functions */
  const genai_content **outputs;         /* this round's chunk contents (arena) */
  size_t outputs_count, outputs_cap;
  const genai_part **responses;          /* this round's function results (arena) */
  size_t responses_count, responses_cap;
  genai_generate_content_parameters params;
};

static genai_result oom(void) { return genai__err(GENAI_ENOMEM, "out of memory"); }

/* raise_error_for_afc_incompatible_config */
static genai_result check_config(const genai_generate_content_config *config) {
  const genai_tool_config *tc = config ? config->tool_config : NULL;
  const genai_function_calling_config *fc = tc ? tc->function_calling_config : NULL;
  if (fc && fc->stream_function_call_arguments && *fc->stream_function_call_arguments)
    return genai__err(GENAI_EINVAL, "Running in streaming mode with stream_function_call_arguments enabled, this "
                                    "feature is not compatible with automatic function calling (AFC). Please set "
                                    "config.automatic_function_calling.disable to True to disable AFC or leave "
                                    "config.tool_config.function_calling_config.stream_function_call_arguments to "
                                    "be empty or set to False to disable streaming function call arguments.");
  return GENAI_OK;
}

genai_result genai__afc_stream_new(const char *model, const genai_contents *contents,
                                   const genai_generate_content_config *config, const char *usage,
                                   genai__afc_stream **out) {
  *out = NULL;
  genai__afc_stream *a = genai__calloc(1, sizeof(*a));
  if (!a) return oom();
  bool run = false;
  genai_result rc = genai__afc_setup(&a->arena, config, &a->afc, &run);
  if (rc == GENAI_OK && run) rc = check_config(config);
  if (rc != GENAI_OK || !run) {
    genai__afc_stream_free(a);
    return rc;
  }
  void *copy = NULL;
  snprintf(a->usage, sizeof(a->usage), "afc%s%s", usage ? "+" : "", usage ? usage : "");
  rc = genai__clone_owned(&genai__type_generate_content_config, config, &copy);
  a->config = copy;
  if (rc == GENAI_OK && !(a->model = genai__strdup(model))) rc = oom();
  /* the functions must be found in the copy, whose tools point to the same functions */
  if (rc == GENAI_OK) rc = genai__afc_start(&a->afc, contents);
  if (rc != GENAI_OK) {
    genai__afc_stream_free(a);
    return rc;
  }
  *out = a;
  return GENAI_OK;
}

const char *genai__afc_stream_usage(const genai__afc_stream *a) { return a->usage; }

static genai_result push(genai__arena *arena, const void ***items, size_t *count, size_t *cap, const void *item) {
  if (*count == *cap) {
    size_t ncap = *cap ? *cap * 2 : 8;
    const void **grown = genai__arena_alloc(arena, ncap * sizeof(*grown));
    if (!grown) return oom();
    if (*count) memcpy(grown, *items, *count * sizeof(*grown));
    *items = grown;
    *cap = ncap;
  }
  (*items)[(*count)++] = item;
  return GENAI_OK;
}

genai_result genai__afc_stream_chunk(genai__afc_stream *a, genai_generate_content_response *chunk) {
  genai_result rc = GENAI_OK;
  /* each chunk after the first round carries the conversation so far */
  if (a->rounds) rc = genai__afc_attach_history(&a->afc, chunk);
  const genai_content *c = genai__first_content(chunk);
  if (rc != GENAI_OK || !c) return rc;
  void *copy = NULL;
  if ((rc = genai__clone(&a->arena, &genai__type_content, c, &copy)) != GENAI_OK) return rc;
  if ((rc = push(&a->arena, (const void ***)&a->outputs, &a->outputs_count, &a->outputs_cap, copy)) != GENAI_OK)
    return rc;
  return genai__afc_call_functions(&a->afc, c, &a->responses, &a->responses_count, &a->responses_cap);
}

genai_result genai__afc_stream_round_end(genai__afc_stream *a, bool *ran, const genai_content **response_turn,
                                         const void **params, genai__call_options *opts) {
  *ran = false;
  *params = NULL;
  if (response_turn) *response_turn = NULL;
  if (!a->responses_count) return GENAI_OK;
  *ran = true;
  a->rounds++;
  a->afc.remaining--;
  genai__log(GENAI_LOG_INFO, "AFC remote call %d is done.", a->rounds);
  genai_result rc = genai__afc_record_round(&a->afc, a->outputs, a->outputs_count, a->responses,
                                            a->responses_count, response_turn);
  a->outputs = NULL;
  a->outputs_count = a->outputs_cap = 0;
  a->responses = NULL;
  a->responses_count = a->responses_cap = 0;
  if (rc != GENAI_OK || a->afc.remaining <= 0) {
    if (a->afc.remaining <= 0) genai__log(GENAI_LOG_INFO, "Reached max remote calls for automatic function calling.");
    return rc;
  }
  const genai_contents *contents = NULL;
  if ((rc = genai__afc_contents(&a->afc, &contents)) != GENAI_OK) return rc;
  a->params = (genai_generate_content_parameters){GENAI_INIT(genai_generate_content_parameters), .model = a->model,
                                                  .contents = contents, .config = a->config};
  *params = &a->params;
  *opts = (genai__call_options){.http_options = a->config->http_options, .usage = a->usage};
  return GENAI_OK;
}

void genai__afc_stream_free(genai__afc_stream *a) {
  if (!a) return;
  genai_generate_content_config_free(a->config);
  genai__free(a->model);
  genai__arena_release(&a->arena);
  genai__free(a);
}

static genai_result hook_chunk(void *data, void *chunk) { return genai__afc_stream_chunk(data, chunk); }

static genai_result hook_next(void *data, const void **params, genai__call_options *opts) {
  bool ran = false;
  return genai__afc_stream_round_end(data, &ran, NULL, params, opts);
}

static void hook_release(void *data) { genai__afc_stream_free(data); }

genai__stream_hooks genai__afc_stream_hooks(genai__afc_stream *a) {
  return (genai__stream_hooks){.on_chunk = hook_chunk, .next_round = hook_next, .release = hook_release, .data = a};
}
