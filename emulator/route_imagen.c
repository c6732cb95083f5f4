#include "route_imagen.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base64.h"
#include "buf.h"
#include "google_error.h"
#include "json_util.h"
#include "media_bytes.h"
#include "models.h"
#include "request_body.h"
#include "response.h"
#include "store.h"

#define RAI_REASON                                                                                           \
  "Unable to show generated images. Your current safety filter threshold filtered out all generated images. " \
  "You will not be charged for blocked images. Try rephrasing the prompt. If you think this was an error, "  \
  "send feedback."

int emu_model_is_imagen(const char *model_id) {
  return strncmp(model_id, "imagen-", 7) == 0 || strncmp(model_id, "image-segmentation", 18) == 0;
}

/* What one :predict asks for, after validation. */
typedef struct imagen_ask {
  const char *prompt; /* "" for an upscale */
  long long samples;
  unsigned width, height;
  const char *storage_uri;
  int rai_reason, safety_attributes, enhance;
} imagen_ask;

static int bad_request(emu_response *out, const char *message) {
  emu_respond_simple_error(out, 400, "INVALID_ARGUMENT", message);
  return 0;
}

static int contains_word(const char *text, const char *word) {
  size_t n = strlen(word);
  for (const char *p = text; *p; p++)
    if (strncasecmp(p, word, n) == 0) return 1;
  return 0;
}

static int image_given(const json_t *image) {
  return json_is_object(image) && (json_is_string(json_object_get(image, "bytesBase64Encoded")) ||
                                   json_is_string(json_object_get(image, "gcsUri")));
}

static int aspect_size(const char *ratio, imagen_ask *ask) {
  static const struct {
    const char *ratio;
    unsigned w, h;
  } sizes[] = {{"1:1", 8, 8}, {"16:9", 16, 9}, {"9:16", 9, 16}, {"4:3", 8, 6}, {"3:4", 6, 8}};
  for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
    if (!strcmp(ratio, sizes[i].ratio)) {
      ask->width = sizes[i].w;
      ask->height = sizes[i].h;
      return 1;
    }
  return 0;
}

static int check_reference(const json_t *ref, size_t i, emu_response *out) {
  char msg[200];
  const char *type = json_string_value(json_object_get(ref, "referenceType"));
  static const char *const types[] = {"REFERENCE_TYPE_RAW",   "REFERENCE_TYPE_MASK",    "REFERENCE_TYPE_CONTROL",
                                      "REFERENCE_TYPE_STYLE", "REFERENCE_TYPE_SUBJECT", "REFERENCE_TYPE_CONTENT"};
  size_t t = 0;
  while (type && t < sizeof types / sizeof types[0] && strcmp(type, types[t])) t++;
  if (!type || t == sizeof types / sizeof types[0]) {
    snprintf(msg, sizeof msg, "instances[0].referenceImages[%zu].referenceType is missing or unknown.", i);
    return bad_request(out, msg);
  }
  if (!json_is_integer(json_object_get(ref, "referenceId"))) {
    snprintf(msg, sizeof msg, "instances[0].referenceImages[%zu].referenceId must be an integer.", i);
    return bad_request(out, msg);
  }
  /* a mask may be computed by the model (maskMode BACKGROUND, ...) */
  if (t != 1 && !image_given(json_object_get(ref, "referenceImage"))) {
    snprintf(msg, sizeof msg, "instances[0].referenceImages[%zu].referenceImage needs bytesBase64Encoded or gcsUri.",
             i);
    return bad_request(out, msg);
  }
  return 1;
}

static int check_upscale(const json_t *instance, const json_t *params, imagen_ask *ask, emu_response *out) {
  if (!image_given(json_object_get(instance, "image")))
    return bad_request(out, "Upscale needs instances[0].image with bytesBase64Encoded or gcsUri.");
  const char *factor = json_string_value(json_object_get(json_object_get(params, "upscaleConfig"), "upscaleFactor"));
  if (!factor || (strcmp(factor, "x2") && strcmp(factor, "x4")))
    return bad_request(out, "parameters.upscaleConfig.upscaleFactor must be \"x2\" or \"x4\".");
  if (ask->samples != 1) return bad_request(out, "Upscale produces one image: parameters.sampleCount must be 1.");
  ask->width = ask->height = strcmp(factor, "x2") ? 32 : 16;
  ask->prompt = "";
  return 1;
}

/* recontext_image: a person and/or products placed by an optional prompt. */
static int check_recontext(const json_t *instance, imagen_ask *ask, emu_response *out) {
  const json_t *products = json_object_get(instance, "productImages");
  for (size_t i = 0; i < json_array_size(products); i++)
    if (!image_given(json_object_get(json_array_get(products, i), "image")))
      return bad_request(out, "instances[0].productImages[].image needs bytesBase64Encoded or gcsUri.");
  const json_t *person = json_object_get(instance, "personImage");
  if (person && !image_given(json_object_get(person, "image")))
    return bad_request(out, "instances[0].personImage.image needs bytesBase64Encoded or gcsUri.");
  const char *prompt = json_string_value(json_object_get(instance, "prompt"));
  ask->prompt = prompt ? prompt : "recontext";
  return 1;
}

/* Validates the request and fills *ask; else answers the error and returns 0. */
static int read_ask(const json_t *root, imagen_ask *ask, emu_response *out) {
  *ask = (imagen_ask){.samples = 1, .width = 8, .height = 8};
  const json_t *instances = json_object_get(root, "instances");
  const json_t *instance = json_array_get(instances, 0);
  if (!json_is_object(instance)) return bad_request(out, "instances must hold one instance.");
  const json_t *params = json_object_get(root, "parameters");
  if (params && !json_is_object(params)) return bad_request(out, "parameters must be an object.");
  const json_t *count = json_object_get(params, "sampleCount");
  if (count && (!json_is_integer(count) || json_integer_value(count) < 1 || json_integer_value(count) > 4))
    return bad_request(out, "parameters.sampleCount must be between 1 and 4.");
  if (count) ask->samples = json_integer_value(count);
  const char *ratio = json_string_value(json_object_get(params, "aspectRatio"));
  if (ratio && !aspect_size(ratio, ask))
    return bad_request(out, "parameters.aspectRatio must be one of 1:1, 9:16, 16:9, 4:3, 3:4.");
  ask->storage_uri = json_string_value(json_object_get(params, "storageUri"));
  ask->rai_reason = json_is_true(json_object_get(params, "includeRaiReason"));
  ask->safety_attributes = json_is_true(json_object_get(params, "includeSafetyAttributes"));
  ask->enhance = json_is_true(json_object_get(params, "enhancePrompt"));
  const char *mode = json_string_value(json_object_get(params, "mode"));
  if (mode && !strcmp(mode, "upscale")) return check_upscale(instance, params, ask, out);
  if (json_object_get(instance, "productImages") || json_object_get(instance, "personImage"))
    return check_recontext(instance, ask, out);
  ask->prompt = json_string_value(json_object_get(instance, "prompt"));
  if (!ask->prompt || !*ask->prompt) return bad_request(out, "instances[0].prompt is required.");
  const json_t *refs = json_object_get(instance, "referenceImages");
  if (refs && (!json_is_array(refs) || json_array_size(refs) == 0))
    return bad_request(out, "instances[0].referenceImages must be a non-empty list.");
  for (size_t i = 0; i < json_array_size(refs); i++)
    if (!check_reference(json_array_get(refs, i), i, out)) return 0;
  return 1;
}

static json_t *safety_attributes(void) {
  return json_pack("{s:[s,s], s:[i,i]}", "categories", "Porn", "Violence", "scores", 0, 0);
}

static json_t *prediction(const imagen_ask *ask, long long index, const char *id) {
  char seed[512];
  snprintf(seed, sizeof seed, "%s#%lld", ask->prompt, index);
  json_t *p = json_object();
  if (!p) return NULL;
  json_object_set_new(p, "mimeType", json_string("image/png"));
  if (ask->storage_uri) {
    char uri[1024];
    snprintf(uri, sizeof uri, "%s/%s/sample_%lld.png", ask->storage_uri, id, index);
    json_object_set_new(p, "gcsUri", json_string(uri));
  } else {
    size_t len = 0;
    unsigned char *png = emu_png_make(ask->width, ask->height, emu_media_colour(seed), &len);
    char *b64 = png ? emu_base64_encode((const char *)png, len) : NULL;
    free(png);
    if (!b64) {
      json_decref(p);
      return NULL;
    }
    json_object_set_new(p, "bytesBase64Encoded", json_string(b64));
    free(b64);
  }
  if (ask->enhance && *ask->prompt) {
    emu_buf text = {0};
    if (emu_buf_printf(&text, "A detailed, high-quality picture: %s", ask->prompt) == 0)
      json_object_set_new(p, "prompt", json_string(text.data));
    emu_buf_dispose(&text);
  }
  if (ask->safety_attributes) json_object_set_new(p, "safetyAttributes", safety_attributes());
  return p;
}

static json_t *answer(const imagen_ask *ask) {
  json_t *root = json_object(), *predictions = json_array();
  if (!root || !predictions) {
    json_decref(root);
    json_decref(predictions);
    return NULL;
  }
  if (contains_word(ask->prompt, "forbidden")) {
    if (ask->rai_reason) json_array_append_new(predictions, json_pack("{s:s}", "raiFilteredReason", RAI_REASON));
  } else {
    char id[13];
    emu_store_new_id(id);
    for (long long i = 0; i < ask->samples; i++) json_array_append_new(predictions, prediction(ask, i, id));
    if (ask->safety_attributes)
      json_array_append_new(predictions, json_pack("{s:s, s:o}", "contentType", "Positive Prompt", "safetyAttributes",
                                                   safety_attributes()));
  }
  if (json_array_size(predictions))
    json_object_set_new(root, "predictions", predictions);
  else
    json_decref(predictions);
  return root;
}

static const char *const segment_modes[] = {"FOREGROUND", "BACKGROUND", "PROMPT", "SEMANTIC", "INTERACTIVE"};

/* segment_image: one mask per prediction, white on black as a PNG, with
 * labels. */
static json_t *segment_answer(const json_t *root, emu_response *out) {
  const json_t *instance = json_array_get(json_object_get(root, "instances"), 0);
  if (!image_given(json_object_get(instance, "image"))) {
    bad_request(out, "instances[0].image needs bytesBase64Encoded or gcsUri.");
    return NULL;
  }
  const json_t *params = json_object_get(root, "parameters");
  const char *mode = json_string_value(json_object_get(params, "mode"));
  size_t m = 0;
  while (mode && m < sizeof segment_modes / sizeof segment_modes[0] && strcmp(mode, segment_modes[m])) m++;
  if (mode && m == sizeof segment_modes / sizeof segment_modes[0]) {
    bad_request(out, "parameters.mode must be FOREGROUND, BACKGROUND, PROMPT, SEMANTIC or INTERACTIVE.");
    return NULL;
  }
  const char *prompt = json_string_value(json_object_get(instance, "prompt"));
  if (mode && !strcmp(mode, "PROMPT") && (!prompt || !*prompt)) {
    bad_request(out, "instances[0].prompt is required in PROMPT mode.");
    return NULL;
  }
  size_t len = 0;
  unsigned char *png = emu_png_make(8, 8, 0xFFFFFF, &len);
  char *b64 = png ? emu_base64_encode((const char *)png, len) : NULL;
  free(png);
  json_t *doc = b64 ? json_pack("{s:[{s:s, s:s, s:[{s:s, s:f}]}]}", "predictions", "bytesBase64Encoded", b64,
                                "mimeType", "image/png", "labels", "label", prompt ? prompt : (mode ? mode : "FOREGROUND"),
                                "score", 0.9)
                    : NULL;
  free(b64);
  if (!doc) emu_response_internal_error(out);
  return doc;
}

void emu_route_imagen_predict(const emu_call *call, emu_response *out) {
  json_t *root = emu_request_body_parse(call->req, out);
  if (!root) return;
  if (strstr(call->path->model, "segmentation")) {
    json_t *doc = segment_answer(root, out);
    if (doc) emu_response_take_json(out, 200, doc);
    json_decref(root);
    return;
  }
  imagen_ask ask;
  if (read_ask(root, &ask, out)) {
    json_t *doc = answer(&ask);
    if (doc)
      emu_response_take_json(out, 200, doc);
    else
      emu_response_internal_error(out);
  }
  json_decref(root);
}

void emu_route_mldev_predict(const emu_call *call, emu_response *out) {
  if (emu_model_is_imagen(call->path->model))
    emu_route_imagen_predict(call, out);
  else
    emu_respond_model_not_found(call, out);
}
