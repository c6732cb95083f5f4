#include <genai/models.h>

#include <stdio.h>
#include <string.h>

#include "api/afc.h"
#include "api/afc_stream.h"
#include "api/client_internal.h"
#include "api/contents.h"
#include "api/method.h"
#include "api/afc_call.h"
#include "api/module.h"
#include "api/multi_internal.h"
#include "api/op.h"
#include "api/models_internal.h"
#include "core/arena.h"
#include "core/error.h"
#include "core/log.h"
#include "core/structsize.h"
#include "wire/types_gen.h"

/* Only the http_options of a config reach the HTTP layer. */
#define HTTP_OPTIONS_OF(config) (&(genai__call_options){.http_options = (config) ? (config)->http_options : NULL})

/* The checks every models method starts with. */
static genai_result check_call(genai_client *client, const char *model, const void *contents, void *out) {
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  if (!client) return genai__err(GENAI_EINVAL, "client is NULL");
  if (!model || !*model) return genai__err(GENAI_EINVAL, "model is required.");
  if (!contents) return genai__err(GENAI_EINVAL, "contents are required.");
  return GENAI_OK;
}

/* Where a call runs: synchronously (NULL target: the value comes back), or
 * as an operation of a genai_multi. */
typedef struct target {
  genai_multi *multi;
  const genai_op_callbacks *cb;
  genai_op **op;
} target;

static genai_result launch(genai_client *client, const target *t, const genai__method *m, const void *params,
                           const genai__call_options *opts, const genai__op_hooks *hooks, bool stream, void **value) {
  void *unused = NULL;
  return genai__op_launch(client, t ? t->multi : NULL, m, params, opts, hooks, stream, t ? t->cb : NULL,
                          t ? t->op : NULL, value ? value : &unused);
}

/* generate_content, with automatic function calling when the tools hold C
 * functions; config is this library's struct already. */
static genai_result generate(genai_client *client, const target *t, const char *model, const genai_contents *contents,
                             const genai_generate_content_config *config, void **out) {
  genai__afc_call *afc = NULL;
  genai_result rc = genai__afc_call_new(model, contents, config, NULL, &afc);
  if (rc != GENAI_OK) return rc;
  genai__op_hooks hooks;
  if (afc) hooks = genai__afc_call_hooks(afc);
  genai_generate_content_parameters params = {GENAI_INIT(genai_generate_content_parameters), .model = model,
                                               .contents = contents, .config = config};
  bool raw_only = config && config->should_return_http_response && *config->should_return_http_response;
  genai__call_options opts = {.http_options = config ? config->http_options : NULL, .raw_only = raw_only,
                              .usage = afc ? genai__afc_call_usage(afc) : NULL};
  return launch(client, t, &genai__method_models_generate_content, &params, &opts, afc ? &hooks : NULL, false, out);
}

genai_result genai_models_generate_content(genai_client *client, const char *model, const genai_contents *contents,
                                           const genai_generate_content_config *config,
                                           genai_generate_content_response **out) {
  if (out) *out = NULL;
  genai_result rc = check_call(client, model, contents, out);
  if (rc != GENAI_OK) return rc;
  genai_generate_content_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_generate_content_config");
  return generate(client, NULL, model, contents, config, (void **)out);
}

genai_result genai__models_stream(genai_client *client, const char *model, const genai_contents *contents,
                                  const genai_generate_content_config *config, const char *usage,
                                  const genai__stream_hooks *hooks, genai_stream **out) {
  genai_generate_content_config cfg;
  if (config) {
    genai_result rc = genai__struct_copy(config, sizeof(cfg), "config", "genai_generate_content_config", &cfg);
    if (rc != GENAI_OK) {
      if (hooks && hooks->release) hooks->release(hooks->data);
      return rc;
    }
    config = &cfg;
  }
  if (config && config->should_return_http_response && *config->should_return_http_response) {
    if (hooks && hooks->release) hooks->release(hooks->data);
    return genai__err(GENAI_EINVAL, "Accessing the raw HTTP response is not supported in streaming methods.");
  }
  genai__stream_hooks afc_hooks;
  if (!hooks) { /* a plain stream runs automatic function calling itself; a chat drives its own */
    genai__afc_stream *afc = NULL;
    genai_result rc = genai__afc_stream_new(model, contents, config, usage, &afc);
    if (rc != GENAI_OK) return rc;
    if (afc) {
      afc_hooks = genai__afc_stream_hooks(afc);
      hooks = &afc_hooks;
      usage = genai__afc_stream_usage(afc);
    }
  }
  genai_generate_content_parameters params = {GENAI_INIT(genai_generate_content_parameters), .model = model,
                                               .contents = contents, .config = config};
  genai__call_options opts = {.http_options = config ? config->http_options : NULL, .usage = usage};
  return genai__stream_open(client, &genai__method_models_generate_content_stream, &params, &opts, hooks, out);
}

genai_result genai_models_generate_content_stream(genai_client *client, const char *model,
                                                  const genai_contents *contents,
                                                  const genai_generate_content_config *config, genai_stream **out) {
  if (out) *out = NULL;
  genai_result rc = check_call(client, model, contents, out);
  if (rc != GENAI_OK) return rc;
  return genai__models_stream(client, model, contents, config, NULL, NULL, out);
}

static genai_result count_tokens(genai_client *client, const target *t, const char *model,
                                 const genai_contents *contents, const genai_count_tokens_config *config, void **out) {
  genai_count_tokens_parameters params = {GENAI_INIT(genai_count_tokens_parameters), .model = model,
                                          .contents = contents, .config = config};
  return launch(client, t, &genai__method_models_count_tokens, &params, HTTP_OPTIONS_OF(config), NULL, false, out);
}

genai_result genai_models_count_tokens(genai_client *client, const char *model, const genai_contents *contents,
                                       const genai_count_tokens_config *config, genai_count_tokens_response **out) {
  if (out) *out = NULL;
  genai_result rc = check_call(client, model, contents, out);
  if (rc != GENAI_OK) return rc;
  genai_count_tokens_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_count_tokens_config");
  return count_tokens(client, NULL, model, contents, config, (void **)out);
}

static genai_result compute_tokens(genai_client *client, const target *t, const char *model,
                                   const genai_contents *contents, const genai_compute_tokens_config *config,
                                   void **out) {
  genai_compute_tokens_parameters params = {GENAI_INIT(genai_compute_tokens_parameters), .model = model,
                                            .contents = contents, .config = config};
  return launch(client, t, &genai__method_models_compute_tokens, &params, HTTP_OPTIONS_OF(config), NULL, false, out);
}

genai_result genai_models_compute_tokens(genai_client *client, const char *model, const genai_contents *contents,
                                         const genai_compute_tokens_config *config,
                                         genai_compute_tokens_response **out) {
  if (out) *out = NULL;
  genai_result rc = check_call(client, model, contents, out);
  if (rc != GENAI_OK) return rc;
  genai_compute_tokens_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_compute_tokens_config");
  return compute_tokens(client, NULL, model, contents, config, (void **)out);
}

/* t_is_vertex_embed_content_model: Gemini embedding models other than
 * gemini-embedding-001, and open models served as MaaS, use :embedContent. */
static bool is_vertex_embed_content_model(const char *model) {
  return (strstr(model, "gemini") && strcmp(model, "gemini-embedding-001") != 0) || strstr(model, "maas");
}

/* A list of whole contents, each embedded as it is. */
static genai_result contents_of_list(genai__arena *a, const genai_content *const *list, size_t n,
                                     const genai_contents **out) {
  genai_contents *items = genai__arena_alloc(a, n * sizeof(*items));
  const genai_contents **ptrs = genai__arena_alloc(a, n * sizeof(*ptrs));
  genai_contents *all = genai__arena_alloc(a, sizeof(*all));
  if (!items || !ptrs || !all) return genai__err(GENAI_ENOMEM, "out of memory");
  for (size_t i = 0; i < n; i++) {
    items[i] = (genai_contents){GENAI_INIT(genai_contents), .kind = GENAI_CONTENTS_KIND_CONTENT, .content = list[i]};
    ptrs[i] = &items[i];
  }
  *all = (genai_contents){GENAI_INIT(genai_contents), .kind = GENAI_CONTENTS_KIND_LIST, .items = ptrs,
                          .items_count = n};
  *out = all;
  return GENAI_OK;
}

/* The Gemini API embeds each item of the list as one content, except for
 * the multimodal gemini-embedding-2 models, whose parts are grouped first. */
static genai_result embed_mldev(genai_client *client, const target *t, genai__arena *a, const char *model,
                                const genai_contents *contents, const genai_embed_content_config *config,
                                void **out) {
  if (strstr(model, "gemini-embedding-2")) {
    const genai_content *const *list = NULL;
    size_t n = 0;
    genai__path path = {.text = "contents", .len = 8};
    genai_result rc = genai__t_contents(a, &path, contents, &list, &n);
    if (rc == GENAI_OK) rc = contents_of_list(a, list, n, &contents);
    if (rc != GENAI_OK) return rc;
  }
  genai_embed_content_parameters_private params = {GENAI_INIT(genai_embed_content_parameters_private),
                                                    .model = model, .contents = contents, .config = config};
  return launch(client, t, &genai__method_models_embed_content, &params, HTTP_OPTIONS_OF(config), NULL, false, out);
}

static genai_result embed_vertex_content(genai_client *client, const target *t, genai__arena *a, const char *model,
                                         const genai_contents *contents, const genai_embed_content_config *config,
                                         void **out) {
  const genai_content *const *list = NULL;
  size_t n = 0;
  genai__path path = {.text = "contents", .len = 8};
  genai_result rc = genai__t_contents(a, &path, contents, &list, &n);
  if (rc != GENAI_OK) return rc;
  if (n > 1) return genai__err(GENAI_EINVAL, "The embedContent API for this model only supports one content at a time.");
  genai_embed_content_embed_config ecfg = {GENAI_INIT(genai_embed_content_embed_config)};
  if (config) {
    ecfg.task_type = config->task_type;
    ecfg.title = config->title;
    ecfg.output_dimensionality = config->output_dimensionality;
    ecfg.auto_truncate = config->auto_truncate;
    ecfg.document_ocr = config->document_ocr;
    ecfg.audio_track_extraction = config->audio_track_extraction;
    if (config->mime_type)
      return genai__err(GENAI_EINVAL, "config.mime_type is not supported by the embedContent API of %s; it applies to "
                                      "the text embedding models (:predict) only", model);
  }
  genai_embed_content_embed_parameters params = {GENAI_INIT(genai_embed_content_embed_parameters), .model = model,
                                                 .content = GENAI_CONTENT(list[0]), .config = &ecfg};
  return launch(client, t, &genai__method_models_embed_content_embed, &params, HTTP_OPTIONS_OF(config), NULL, false,
                out);
}

/* t_contents_for_embed on Vertex AI: the :predict models take texts only. */
static genai_result embed_vertex_predict(genai_client *client, const target *t, genai__arena *a, const char *model,
                                         const genai_contents *contents, const genai_embed_content_config *config,
                                         void **out) {
  bool list = contents->kind == GENAI_CONTENTS_KIND_LIST;
  size_t n = list ? contents->items_count : 1, texts_count = 0, cap = 0;
  const char **texts = NULL;
  for (size_t i = 0; i < n; i++) {
    genai__path path = {.text = "contents", .len = 8};
    const genai_content *c = NULL;
    if (list) genai__path_push_index(&path, i);
    genai_result rc = genai__t_content(a, &path, list ? contents->items[i] : contents, &c);
    if (rc != GENAI_OK) return rc;
    for (size_t j = 0; j < c->parts_count; j++) {
      const genai_part *p = c->parts[j];
      if (!p || !p->text || !*p->text) {
        genai__log(GENAI_LOG_WARN, "Non-text part found, only returning text parts.");
        continue;
      }
      if (texts_count == cap) {
        cap = cap ? cap * 2 : 8;
        const char **grown = genai__arena_alloc(a, cap * sizeof(*grown));
        if (!grown) return genai__err(GENAI_ENOMEM, "out of memory");
        if (texts_count) memcpy(grown, texts, texts_count * sizeof(*grown));
        texts = grown;
      }
      texts[texts_count++] = p->text;
    }
  }
  genai_embed_content_predict_config pcfg = {GENAI_INIT(genai_embed_content_predict_config)};
  if (config) {
    pcfg.task_type = config->task_type;
    pcfg.title = config->title;
    pcfg.output_dimensionality = config->output_dimensionality;
    pcfg.mime_type = config->mime_type;
    pcfg.auto_truncate = config->auto_truncate;
    if ((config->document_ocr && *config->document_ocr) ||
        (config->audio_track_extraction && *config->audio_track_extraction))
      return genai__err(GENAI_EINVAL, "config.%s is not supported by %s: only the Gemini embedding models "
                                      "(:embedContent) read it",
                        config->document_ocr && *config->document_ocr ? "document_ocr" : "audio_track_extraction",
                        model);
  }
  genai_embed_content_predict_parameters params = {GENAI_INIT(genai_embed_content_predict_parameters),
                                                   .model = model, .contents = texts, .contents_count = texts_count,
                                                   .config = &pcfg};
  return launch(client, t, &genai__method_models_embed_content_predict, &params, HTTP_OPTIONS_OF(config), NULL,
                false, out);
}

static genai_result embed(genai_client *client, const target *t, const char *model, const genai_contents *contents,
                          const genai_embed_content_config *config, void **out) {
  if (contents->struct_size < sizeof(genai_contents))
    return genai__err(GENAI_EINVAL, "contents: struct_size %zu is too small for genai_contents; initialise it with "
                                    "GENAI_INIT(genai_contents)", contents->struct_size);
  genai__arena arena = {0};
  genai_result rc;
  if (!client->vertexai) rc = embed_mldev(client, t, &arena, model, contents, config, out);
  else if (is_vertex_embed_content_model(model))
    rc = embed_vertex_content(client, t, &arena, model, contents, config, out);
  else rc = embed_vertex_predict(client, t, &arena, model, contents, config, out);
  genai__arena_release(&arena); /* the request was built: nothing points here any more */
  return rc;
}

genai_result genai_models_embed_content(genai_client *client, const char *model, const genai_contents *contents,
                                        const genai_embed_content_config *config,
                                        genai_embed_content_response **out) {
  if (out) *out = NULL;
  genai_result rc = check_call(client, model, contents, out);
  if (rc != GENAI_OK) return rc;
  genai_embed_content_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_embed_content_config");
  return embed(client, NULL, model, contents, config, (void **)out);
}

/* ------------------------------------------------------------- async */

/* The checks of every _async function; fills the target. */
static genai_result check_async(genai_multi *multi, const char *model, const void *contents,
                                const genai_op_callbacks *callbacks, genai_op **out, genai_op_callbacks *cb,
                                target *t) {
  genai_result rc = genai__async_begin(multi, callbacks, out, cb);
  if (rc != GENAI_OK) return rc;
  if (!model || !*model) return genai__err(GENAI_EINVAL, "model is required.");
  if (!contents) return genai__err(GENAI_EINVAL, "contents are required.");
  *t = (target){.multi = multi, .cb = cb, .op = out};
  return GENAI_OK;
}

genai_result genai_models_generate_content_async(genai_multi *multi, const char *model,
                                                 const genai_contents *contents,
                                                 const genai_generate_content_config *config,
                                                 const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  target t;
  genai_result rc = check_async(multi, model, contents, callbacks, out, &cb, &t);
  if (rc != GENAI_OK) return rc;
  genai_generate_content_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_generate_content_config");
  return generate(genai__multi_client(multi), &t, model, contents, config, NULL);
}

genai_result genai__models_stream_op(genai_multi *multi, const char *model, const genai_contents *contents,
                                     const genai_generate_content_config *config, const char *usage,
                                     const genai__stream_hooks *hooks, const genai_op_callbacks *callbacks,
                                     genai_op **out) {
  genai_generate_content_config cfg;
  genai_result rc = GENAI_OK;
  if (config && (rc = genai__struct_copy(config, sizeof(cfg), "config", "genai_generate_content_config", &cfg)) ==
                    GENAI_OK)
    config = &cfg;
  if (rc == GENAI_OK && config && config->should_return_http_response && *config->should_return_http_response)
    rc = genai__err(GENAI_EINVAL, "Accessing the raw HTTP response is not supported in streaming methods.");
  if (rc != GENAI_OK) {
    if (hooks && hooks->release) hooks->release(hooks->data);
    return rc;
  }
  genai__stream_hooks afc_hooks;
  if (!hooks) {
    genai__afc_stream *afc = NULL;
    if ((rc = genai__afc_stream_new(model, contents, config, usage, &afc)) != GENAI_OK) return rc;
    if (afc) {
      afc_hooks = genai__afc_stream_hooks(afc);
      hooks = &afc_hooks;
      usage = genai__afc_stream_usage(afc);
    }
  }
  genai__op_hooks op_hooks;
  if (hooks) op_hooks = genai__op_hooks_of_stream(hooks);
  genai_generate_content_parameters params = {GENAI_INIT(genai_generate_content_parameters), .model = model,
                                               .contents = contents, .config = config};
  genai__call_options opts = {.http_options = config ? config->http_options : NULL, .usage = usage};
  target t = {.multi = multi, .cb = callbacks, .op = out};
  return launch(genai__multi_client(multi), &t, &genai__method_models_generate_content_stream, &params, &opts,
                hooks ? &op_hooks : NULL, true, NULL);
}

genai_result genai_models_generate_content_stream_async(genai_multi *multi, const char *model,
                                                        const genai_contents *contents,
                                                        const genai_generate_content_config *config,
                                                        const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  target t;
  genai_result rc = check_async(multi, model, contents, callbacks, out, &cb, &t);
  if (rc != GENAI_OK) return rc;
  return genai__models_stream_op(multi, model, contents, config, NULL, NULL, &cb, out);
}

genai_result genai_models_count_tokens_async(genai_multi *multi, const char *model, const genai_contents *contents,
                                             const genai_count_tokens_config *config,
                                             const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  target t;
  genai_result rc = check_async(multi, model, contents, callbacks, out, &cb, &t);
  if (rc != GENAI_OK) return rc;
  genai_count_tokens_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_count_tokens_config");
  return count_tokens(genai__multi_client(multi), &t, model, contents, config, NULL);
}

genai_result genai_models_compute_tokens_async(genai_multi *multi, const char *model, const genai_contents *contents,
                                               const genai_compute_tokens_config *config,
                                               const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  target t;
  genai_result rc = check_async(multi, model, contents, callbacks, out, &cb, &t);
  if (rc != GENAI_OK) return rc;
  genai_compute_tokens_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_compute_tokens_config");
  return compute_tokens(genai__multi_client(multi), &t, model, contents, config, NULL);
}

genai_result genai_models_embed_content_async(genai_multi *multi, const char *model, const genai_contents *contents,
                                              const genai_embed_content_config *config,
                                              const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  target t;
  genai_result rc = check_async(multi, model, contents, callbacks, out, &cb, &t);
  if (rc != GENAI_OK) return rc;
  genai_embed_content_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_embed_content_config");
  return embed(genai__multi_client(multi), &t, model, contents, config, NULL);
}
