/* Imagen: models.generate_images, edit_image, upscale_image,
 * recontext_image and segment_image (models.py), one :predict call each
 * (spec/methods.spec). The Gemini API has no path for them at Python HEAD,
 * so the method builder answers Python's ValueError there. */
#include <genai/images.h>

#include <stdio.h>

#include "api/client_internal.h"
#include "api/method.h"
#include "api/module.h"
#include "api/multi_internal.h"
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

static genai_result run(const launch *l, const genai__method *m, const void *params,
                        const genai_http_options *http_options) {
  return genai__call_method(l->client, l->multi, l->cb, l->op, m, params, http_options, NULL, l->value);
}

static genai_result require(const void *value, const char *what) {
  return value ? GENAI_OK : genai__err(GENAI_EINVAL, "%s is required.", what);
}

static genai_result require_text(const char *value, const char *what) {
  return value && *value ? GENAI_OK : genai__err(GENAI_EINVAL, "%s is required.", what);
}

/* ------------------------------------------------------ generate_images */

static genai_result generate_images(const launch *l, const char *model, const char *prompt,
                                    const genai_generate_images_config *config) {
  genai_result rc = require_text(model, "model");
  if (rc == GENAI_OK) rc = require_text(prompt, "prompt");
  if (rc != GENAI_OK) return rc;
  genai_generate_images_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_generate_images_config");
  genai_generate_images_parameters params = {GENAI_INIT(genai_generate_images_parameters), .model = model,
                                             .prompt = prompt, .config = config};
  return run(l, &genai__method_models_generate_images, &params, config ? config->http_options : NULL);
}

/* ----------------------------------------------------------- edit_image */

/* One reference image as the _ReferenceImageAPI the Python classes turn
 * into: their model validators set reference_type and move `config` into
 * the kind's *_image_config. */
typedef struct reference_scratch {
  genai_raw_reference_image raw;
  genai_mask_reference_image mask;
  genai_control_reference_image control;
  genai_style_reference_image style;
  genai_subject_reference_image subject;
} reference_scratch;

#define COPY_KIND(ptr, scratch, type_name, what)                                                 \
  genai__struct_copy((ptr), sizeof(scratch), (what), (type_name), &(scratch))

static genai_result reference_of(const genai_reference_image *given, size_t index, genai_reference_image_api *api) {
  genai_reference_image ref;
  char what[64];
  snprintf(what, sizeof(what), "reference_images[%zu]", index);
  genai_result rc = genai__struct_copy(given, sizeof(ref), what, "genai_reference_image", &ref);
  if (rc != GENAI_OK) return rc;
  int kinds = !!ref.raw + !!ref.mask + !!ref.control + !!ref.style + !!ref.subject + !!ref.content;
  if (kinds != 1)
    return genai__err(GENAI_EINVAL, "%s: set exactly one of raw, mask, control, style, subject, content.", what);
  reference_scratch s;
  *api = (genai_reference_image_api){GENAI_INIT(genai_reference_image_api)};
  if (ref.raw || ref.content) {
    if ((rc = COPY_KIND(ref.raw ? ref.raw : ref.content, s.raw, "genai_raw_reference_image", what)) != GENAI_OK)
      return rc;
    api->reference_image = s.raw.reference_image;
    api->reference_id = s.raw.reference_id;
    api->reference_type = ref.raw ? "REFERENCE_TYPE_RAW" : "REFERENCE_TYPE_CONTENT";
  } else if (ref.mask) {
    if ((rc = COPY_KIND(ref.mask, s.mask, "genai_mask_reference_image", what)) != GENAI_OK) return rc;
    api->reference_image = s.mask.reference_image;
    api->reference_id = s.mask.reference_id;
    api->reference_type = "REFERENCE_TYPE_MASK";
    api->mask_image_config = s.mask.config ? s.mask.config : s.mask.mask_image_config;
  } else if (ref.control) {
    if ((rc = COPY_KIND(ref.control, s.control, "genai_control_reference_image", what)) != GENAI_OK) return rc;
    api->reference_image = s.control.reference_image;
    api->reference_id = s.control.reference_id;
    api->reference_type = "REFERENCE_TYPE_CONTROL";
    api->control_image_config = s.control.config ? s.control.config : s.control.control_image_config;
  } else if (ref.style) {
    if ((rc = COPY_KIND(ref.style, s.style, "genai_style_reference_image", what)) != GENAI_OK) return rc;
    api->reference_image = s.style.reference_image;
    api->reference_id = s.style.reference_id;
    api->reference_type = "REFERENCE_TYPE_STYLE";
    api->style_image_config = s.style.config ? s.style.config : s.style.style_image_config;
  } else {
    if ((rc = COPY_KIND(ref.subject, s.subject, "genai_subject_reference_image", what)) != GENAI_OK) return rc;
    api->reference_image = s.subject.reference_image;
    api->reference_id = s.subject.reference_id;
    api->reference_type = "REFERENCE_TYPE_SUBJECT";
    api->subject_image_config = s.subject.config ? s.subject.config : s.subject.subject_image_config;
  }
  return GENAI_OK;
}

/* The API entries and the pointer list the parameters hold, one allocation. */
typedef struct reference_list {
  genai_reference_image_api *items;
  const genai_reference_image_api **ptrs;
} reference_list;

static void reference_list_free(reference_list *list) {
  genai__free(list->items);
  genai__free(list->ptrs);
}

static genai_result reference_list_build(const genai_reference_image *const *refs, size_t count, reference_list *list) {
  *list = (reference_list){0};
  if (!count) return GENAI_OK;
  if (!refs) return genai__err(GENAI_EINVAL, "reference_images is NULL but its count is %zu.", count);
  list->items = genai__calloc(count, sizeof(*list->items));
  list->ptrs = genai__calloc(count, sizeof(*list->ptrs));
  if (!list->items || !list->ptrs) {
    reference_list_free(list);
    return genai__err(GENAI_ENOMEM, "out of memory");
  }
  for (size_t i = 0; i < count; i++) {
    genai_result rc = refs[i] ? reference_of(refs[i], i, &list->items[i])
                              : genai__err(GENAI_EINVAL, "reference_images[%zu] is NULL.", i);
    if (rc != GENAI_OK) {
      reference_list_free(list);
      return rc;
    }
    list->ptrs[i] = &list->items[i];
  }
  return GENAI_OK;
}

static genai_result edit_image(const launch *l, const char *model, const char *prompt,
                               const genai_reference_image *const *refs, size_t count,
                               const genai_edit_image_config *config) {
  genai_result rc = require_text(model, "model");
  if (rc == GENAI_OK) rc = require_text(prompt, "prompt");
  if (rc != GENAI_OK) return rc;
  genai_edit_image_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_edit_image_config");
  reference_list list;
  if ((rc = reference_list_build(refs, count, &list)) != GENAI_OK) return rc;
  genai_edit_image_parameters params = {GENAI_INIT(genai_edit_image_parameters), .model = model, .prompt = prompt,
                                        .reference_images = list.ptrs, .reference_images_count = count,
                                        .config = config};
  rc = run(l, &genai__method_models_edit_image, &params, config ? config->http_options : NULL);
  reference_list_free(&list);
  return rc;
}

/* -------------------------------------------------------- upscale_image */

static genai_result upscale_image(const launch *l, const char *model, const genai_image *image,
                                  const char *upscale_factor, const genai_upscale_image_config *config) {
  genai_result rc = require_text(model, "model");
  if (rc == GENAI_OK) rc = require(image, "image");
  if (rc == GENAI_OK) rc = require_text(upscale_factor, "upscale_factor");
  if (rc != GENAI_OK) return rc;
  genai_upscale_image_config cfg = {GENAI_INIT(genai_upscale_image_config)};
  if (config && (rc = genai__struct_copy(config, sizeof(cfg), "config", "genai_upscale_image_config", &cfg)) != GENAI_OK)
    return rc;
  /* models.py upscale_image: one image, always in "upscale" mode. */
  static const int32_t one = 1;
  genai_upscale_image_api_config api = {GENAI_INIT(genai_upscale_image_api_config),
                                        .http_options = cfg.http_options,
                                        .output_gcs_uri = cfg.output_gcs_uri,
                                        .safety_filter_level = cfg.safety_filter_level,
                                        .safety_filter_level_str = cfg.safety_filter_level_str,
                                        .person_generation = cfg.person_generation,
                                        .person_generation_str = cfg.person_generation_str,
                                        .include_rai_reason = cfg.include_rai_reason,
                                        .output_mime_type = cfg.output_mime_type,
                                        .output_compression_quality = cfg.output_compression_quality,
                                        .enhance_input_image = cfg.enhance_input_image,
                                        .image_preservation_factor = cfg.image_preservation_factor,
                                        .labels = cfg.labels,
                                        .labels_count = cfg.labels_count,
                                        .number_of_images = &one,
                                        .mode = "upscale"};
  genai_upscale_image_api_parameters params = {GENAI_INIT(genai_upscale_image_api_parameters), .model = model,
                                               .image = image, .upscale_factor = upscale_factor, .config = &api};
  return run(l, &genai__method_models_upscale_image, &params, cfg.http_options);
}

/* ------------------------------------------------- recontext / segment */

static genai_result recontext_image(const launch *l, const char *model, const genai_recontext_image_source *source,
                                    const genai_recontext_image_config *config) {
  genai_result rc = require_text(model, "model");
  if (rc == GENAI_OK) rc = require(source, "source");
  if (rc != GENAI_OK) return rc;
  genai_recontext_image_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_recontext_image_config");
  genai_recontext_image_parameters params = {GENAI_INIT(genai_recontext_image_parameters), .model = model,
                                             .source = source, .config = config};
  return run(l, &genai__method_models_recontext_image, &params, config ? config->http_options : NULL);
}

static genai_result segment_image(const launch *l, const char *model, const genai_segment_image_source *source,
                                  const genai_segment_image_config *config) {
  genai_result rc = require_text(model, "model");
  if (rc == GENAI_OK) rc = require(source, "source");
  if (rc != GENAI_OK) return rc;
  genai_segment_image_config cfg;
  GENAI__COPY_CONFIG(config, cfg, "genai_segment_image_config");
  genai_segment_image_parameters params = {GENAI_INIT(genai_segment_image_parameters), .model = model,
                                           .source = source, .config = config};
  return run(l, &genai__method_models_segment_image, &params, config ? config->http_options : NULL);
}

/* ---------------------------------------------------------------- sync */

static genai_result sync_begin(genai_client *client, void *out) {
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  *(void **)out = NULL;
  return client ? GENAI_OK : genai__err(GENAI_EINVAL, "client is NULL");
}

#define SYNC_LAUNCH(client, out) \
  { (client), NULL, NULL, NULL, (void **)(out) }

genai_result genai_models_generate_images(genai_client *client, const char *model, const char *prompt,
                                          const genai_generate_images_config *config,
                                          genai_generate_images_response **out) {
  genai_result rc = sync_begin(client, out);
  launch l = SYNC_LAUNCH(client, out);
  return rc == GENAI_OK ? generate_images(&l, model, prompt, config) : rc;
}

genai_result genai_models_edit_image(genai_client *client, const char *model, const char *prompt,
                                     const genai_reference_image *const *reference_images, size_t reference_images_count,
                                     const genai_edit_image_config *config, genai_edit_image_response **out) {
  genai_result rc = sync_begin(client, out);
  launch l = SYNC_LAUNCH(client, out);
  return rc == GENAI_OK ? edit_image(&l, model, prompt, reference_images, reference_images_count, config) : rc;
}

genai_result genai_models_upscale_image(genai_client *client, const char *model, const genai_image *image,
                                        const char *upscale_factor, const genai_upscale_image_config *config,
                                        genai_upscale_image_response **out) {
  genai_result rc = sync_begin(client, out);
  launch l = SYNC_LAUNCH(client, out);
  return rc == GENAI_OK ? upscale_image(&l, model, image, upscale_factor, config) : rc;
}

genai_result genai_models_recontext_image(genai_client *client, const char *model,
                                          const genai_recontext_image_source *source,
                                          const genai_recontext_image_config *config,
                                          genai_recontext_image_response **out) {
  genai_result rc = sync_begin(client, out);
  launch l = SYNC_LAUNCH(client, out);
  return rc == GENAI_OK ? recontext_image(&l, model, source, config) : rc;
}

genai_result genai_models_segment_image(genai_client *client, const char *model,
                                        const genai_segment_image_source *source,
                                        const genai_segment_image_config *config, genai_segment_image_response **out) {
  genai_result rc = sync_begin(client, out);
  launch l = SYNC_LAUNCH(client, out);
  return rc == GENAI_OK ? segment_image(&l, model, source, config) : rc;
}

/* --------------------------------------------------------------- async */

genai_result genai_models_generate_images_async(genai_multi *multi, const char *model, const char *prompt,
                                                const genai_generate_images_config *config,
                                                const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  launch l = {multi ? genai__multi_client(multi) : NULL, multi, &cb, out, NULL};
  return rc == GENAI_OK ? generate_images(&l, model, prompt, config) : rc;
}

genai_result genai_models_edit_image_async(genai_multi *multi, const char *model, const char *prompt,
                                           const genai_reference_image *const *reference_images,
                                           size_t reference_images_count, const genai_edit_image_config *config,
                                           const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  launch l = {multi ? genai__multi_client(multi) : NULL, multi, &cb, out, NULL};
  return rc == GENAI_OK ? edit_image(&l, model, prompt, reference_images, reference_images_count, config) : rc;
}

genai_result genai_models_upscale_image_async(genai_multi *multi, const char *model, const genai_image *image,
                                              const char *upscale_factor, const genai_upscale_image_config *config,
                                              const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  launch l = {multi ? genai__multi_client(multi) : NULL, multi, &cb, out, NULL};
  return rc == GENAI_OK ? upscale_image(&l, model, image, upscale_factor, config) : rc;
}

genai_result genai_op_take_generate_images_response(genai_op *op, genai_generate_images_response **out) {
  return genai__op_take(op, &genai__type_generate_images_response, (void **)out);
}

genai_result genai_op_take_edit_image_response(genai_op *op, genai_edit_image_response **out) {
  return genai__op_take(op, &genai__type_edit_image_response, (void **)out);
}

genai_result genai_op_take_upscale_image_response(genai_op *op, genai_upscale_image_response **out) {
  return genai__op_take(op, &genai__type_upscale_image_response, (void **)out);
}
