#include "route_veo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "base64.h"
#include "google_error.h"
#include "hash.h"
#include "media_bytes.h"
#include "models.h"
#include "request.h"
#include "request_body.h"
#include "resource.h"
#include "response.h"
#include "store.h"

#define RAI_REASON                                                                                             \
  "Unable to generate videos because they may violate Google's Responsible AI practices. You will not be " \
  "charged for blocked videos."
/* Where the download route finds what it needs to rebuild a generated
 * video's bytes; apart from "files/" so that file lists skip it. */
#define MEDIA_PREFIX "media:"

static int is_veo(const char *model_id) { return strncmp(model_id, "veo-", 4) == 0; }

static void bad_request(emu_response *out, const char *message) {
  emu_respond_simple_error(out, 400, "INVALID_ARGUMENT", message);
}

static int int_in(const json_t *params, const char *key, long long lo, long long hi, long long *value) {
  const json_t *v = json_object_get(params, key);
  if (!v) return 1;
  if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi) return 0;
  *value = json_integer_value(v);
  return 1;
}

/* The operation as stored: what it will answer once done. */
static json_t *read_request(const json_t *root, emu_response *out) {
  const json_t *instance = json_array_get(json_object_get(root, "instances"), 0);
  if (!json_is_object(instance)) {
    bad_request(out, "instances must hold one instance.");
    return NULL;
  }
  const char *prompt = json_string_value(json_object_get(instance, "prompt"));
  if (!prompt && !json_object_get(instance, "image") && !json_object_get(instance, "video")) {
    bad_request(out, "instances[0] needs a prompt, an image or a video.");
    return NULL;
  }
  const json_t *params = json_object_get(root, "parameters");
  long long samples = 1, seconds = 5;
  if (!int_in(params, "sampleCount", 1, 4, &samples)) {
    bad_request(out, "parameters.sampleCount must be between 1 and 4.");
    return NULL;
  }
  if (!int_in(params, "durationSeconds", 5, 8, &seconds)) {
    bad_request(out, "parameters.durationSeconds must be between 5 and 8.");
    return NULL;
  }
  const char *ratio = json_string_value(json_object_get(params, "aspectRatio"));
  if (ratio && strcmp(ratio, "16:9") && strcmp(ratio, "9:16")) {
    bad_request(out, "parameters.aspectRatio must be 16:9 or 9:16.");
    return NULL;
  }
  const char *storage = json_string_value(json_object_get(params, "storageUri"));
  json_t *op = json_pack("{s:s, s:I, s:I, s:I}", "prompt", prompt ? prompt : "", "samples", (json_int_t)samples,
                         "seconds", (json_int_t)seconds, "startMs", (json_int_t)emu_now_ms());
  if (op && storage) json_object_set_new(op, "storageUri", json_string(storage));
  if (!op) emu_response_internal_error(out);
  return op;
}

void emu_route_predict_long_running(const emu_call *call, emu_response *out) {
  if (!is_veo(call->path->model)) {
    emu_respond_model_not_found(call, out);
    return;
  }
  json_t *root = emu_request_body_parse(call->req, out);
  if (!root) return;
  json_t *op = read_request(root, out);
  json_decref(root);
  if (!op) return;
  char id[13], local[400], name[600];
  emu_store_new_id(id);
  const emu_api_path *p = call->path;
  if (p->backend == EMU_BACKEND_MLDEV)
    snprintf(local, sizeof local, "models/%s/operations/%s", p->model, id);
  else
    snprintf(local, sizeof local, "publishers/%s/models/%s/operations/%s", p->publisher, p->model, id);
  if (emu_resource_name(call, local, name, sizeof name) != 0 || json_object_set_new(op, "name", json_string(name)) ||
      emu_store_put(call->app->store, name, op) != 0) {
    json_decref(op);
    emu_response_internal_error(out);
    return;
  }
  json_decref(op);
  emu_response_take_json(out, 200, json_pack("{s:s}", "name", name));
}

/* ------------------------------------------------------------ outcome */

static unsigned char *video_bytes(const char *prompt, long long index, long long seconds, size_t *len) {
  char seed[600];
  snprintf(seed, sizeof seed, "%s#%lld", prompt, index);
  return emu_mp4_make((unsigned)seconds, emu_fnv1a64(seed, strlen(seed), EMU_FNV64_BASIS), len);
}

/* A generated file resource, as the Gemini API describes one. */
static json_t *generated_file(const emu_call *call, const char *id, size_t size, char *download_uri, size_t uri_size) {
  const char *host = emu_request_header(call->req, "host");
  char uri[400], created[32], expires[32];
  long long now = emu_now_ms();
  snprintf(uri, sizeof uri, "%s://%s/%s/files/%s", emu_request_scheme(call->req), host ? host : "localhost",
           call->path->version, id);
  snprintf(download_uri, uri_size, "%s:download?alt=media", uri);
  emu_timestamp(now, created);
  emu_timestamp(now + 48LL * 3600 * 1000, expires);
  char name[32], bytes[32];
  snprintf(name, sizeof name, "files/%s", id);
  snprintf(bytes, sizeof bytes, "%zu", size);
  return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "name", name, "mimeType", "video/mp4",
                   "sizeBytes", bytes, "createTime", created, "updateTime", created, "expirationTime", expires, "uri",
                   uri, "downloadUri", download_uri, "state", "ACTIVE", "source", "GENERATED");
}

/* Gemini API: each video a file resource; the sample names its download URI. */
static json_t *mldev_sample(const emu_call *call, const char *prompt, long long index, long long seconds) {
  size_t len = 0;
  unsigned char *mp4 = video_bytes(prompt, index, seconds, &len);
  if (!mp4) return NULL;
  free(mp4); /* only its size goes in the file resource */
  char id[13], name[32], media[64], download_uri[512];
  emu_store_new_id(id);
  snprintf(name, sizeof name, "files/%s", id);
  snprintf(media, sizeof media, MEDIA_PREFIX "%s", name);
  json_t *file = generated_file(call, id, len, download_uri, sizeof download_uri);
  json_t *recipe = json_pack("{s:s, s:I, s:I}", "prompt", prompt, "index", (json_int_t)index, "seconds",
                             (json_int_t)seconds);
  int ok = file && recipe && emu_store_put(call->app->store, name, file) == 0 &&
           emu_store_put(call->app->store, media, recipe) == 0;
  json_decref(file);
  json_decref(recipe);
  return ok ? json_pack("{s:{s:s}}", "video", "uri", download_uri) : NULL;
}

static json_t *vertex_video(const char *prompt, long long index, long long seconds, const char *storage) {
  if (storage) {
    char uri[1024], id[13];
    emu_store_new_id(id);
    snprintf(uri, sizeof uri, "%s/%s/sample_%lld.mp4", storage, id, index);
    return json_pack("{s:s, s:s}", "gcsUri", uri, "mimeType", "video/mp4");
  }
  size_t len = 0;
  unsigned char *mp4 = video_bytes(prompt, index, seconds, &len);
  char *b64 = mp4 ? emu_base64_encode((const char *)mp4, len) : NULL;
  free(mp4);
  json_t *v = b64 ? json_pack("{s:s, s:s}", "bytesBase64Encoded", b64, "mimeType", "video/mp4") : NULL;
  free(b64);
  return v;
}

static int blocked(const char *prompt) {
  for (const char *p = prompt; *p; p++)
    if (strncasecmp(p, "forbidden", 9) == 0) return 1;
  return 0;
}

static json_t *outcome(const emu_call *call, const json_t *op) {
  const char *prompt = json_string_value(json_object_get(op, "prompt"));
  long long samples = json_integer_value(json_object_get(op, "samples"));
  long long seconds = json_integer_value(json_object_get(op, "seconds"));
  const char *storage = json_string_value(json_object_get(op, "storageUri"));
  int mldev = call->path->backend == EMU_BACKEND_MLDEV;
  json_t *videos = json_array();
  json_t *response = mldev ? json_pack("{s:s}", "@type",
                                       "type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse")
                           : json_pack("{s:s}", "@type", "type.googleapis.com/cloud.ai.large_models.vision.GenerateVideoResponse");
  if (!videos || !response) goto fail;
  int filtered = blocked(prompt ? prompt : "");
  for (long long i = 0; !filtered && i < samples; i++) {
    json_t *v = mldev ? mldev_sample(call, prompt, i, seconds) : vertex_video(prompt, i, seconds, storage);
    if (!v || json_array_append_new(videos, v)) goto fail;
  }
  json_t *body = response;
  if (mldev) {
    body = json_object();
    if (!body || json_object_set_new(response, "generateVideoResponse", body)) goto fail;
  }
  if (filtered) {
    json_object_set_new(body, "raiMediaFilteredCount", json_integer(1));
    json_object_set_new(body, "raiMediaFilteredReasons", json_pack("[s]", RAI_REASON));
    json_decref(videos);
  } else {
    if (!mldev) json_object_set_new(body, "raiMediaFilteredCount", json_integer(0));
    if (json_object_set_new(body, mldev ? "generatedSamples" : "videos", videos)) {
      videos = NULL;
      goto fail;
    }
  }
  return response;
fail:
  json_decref(videos);
  json_decref(response);
  return NULL;
}

/* The operation's state now: {"name"} until its time came, then done with
 * its response (made once and kept, so files and bytes stay the same). */
static void answer_operation(const emu_call *call, const char *name, emu_response *out) {
  json_t *op = emu_store_get(call->app->store, name);
  if (!op) {
    emu_respond_resource_not_found(out, name);
    return;
  }
  long long start = json_integer_value(json_object_get(op, "startMs"));
  json_t *doc = NULL;
  if (emu_now_ms() - start < (long long)call->app->config->lro_delay_ms) {
    doc = json_pack("{s:s}", "name", name);
  } else {
    json_t *response = json_object_get(op, "response");
    if (!response && (response = outcome(call, op)) != NULL) {
      json_object_set_new(op, "response", response);
      emu_store_put(call->app->store, name, op);
    }
    if (response) doc = json_pack("{s:s, s:b, s:O}", "name", name, "done", 1, "response", response);
  }
  json_decref(op);
  if (doc)
    emu_response_take_json(out, 200, doc);
  else
    emu_response_internal_error(out);
}

void emu_route_operation_get(const emu_call *call, emu_response *out) {
  answer_operation(call, emu_api_path_local(call->path), out);
}

void emu_route_fetch_predict_operation(const emu_call *call, emu_response *out) {
  json_t *root = emu_request_body_parse(call->req, out);
  if (!root) return;
  const char *name = json_string_value(json_object_get(root, "operationName"));
  char model[400];
  snprintf(model, sizeof model, "models/%s/operations/", call->path->model);
  if (!name)
    bad_request(out, "operationName is required.");
  else if (!strstr(name, model))
    bad_request(out, "operationName does not belong to the model of the request.");
  else
    answer_operation(call, name, out);
  json_decref(root);
}

/* ----------------------------------------------------------- download */

void emu_route_file_download(const emu_call *call, emu_response *out) {
  const char *local = emu_api_path_local(call->path); /* "files/<id>" */
  char media[600];
  snprintf(media, sizeof media, MEDIA_PREFIX "%s", local);
  json_t *recipe = emu_store_get(call->app->store, media);
  if (!recipe) {
    json_t *file = emu_store_get(call->app->store, local);
    if (file)
      bad_request(out, "Only generated files can be downloaded; this file was uploaded.");
    else
      emu_respond_resource_not_found(out, local);
    json_decref(file);
    return;
  }
  char *alt = emu_request_query_param(call->req, "alt");
  int as_media = alt && !strcmp(alt, "media");
  free(alt);
  if (!as_media) {
    json_t *file = emu_store_get(call->app->store, local);
    if (file)
      emu_response_take_json(out, 200, file);
    else
      emu_respond_resource_not_found(out, local);
  } else {
    size_t len = 0;
    unsigned char *mp4 = video_bytes(json_string_value(json_object_get(recipe, "prompt")),
                                     json_integer_value(json_object_get(recipe, "index")),
                                     json_integer_value(json_object_get(recipe, "seconds")), &len);
    if (!mp4 || emu_response_set_body(out, 200, "video/mp4", (const char *)mp4, len) != 0)
      emu_response_internal_error(out);
    free(mp4);
  }
  json_decref(recipe);
}
