#include "route_count_tokens.h"

#include "content_check.h"
#include "content_text.h"
#include "json_util.h"
#include "models.h"
#include "request_body.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* mldev's CountTokensRequest also has generateContentRequest, which the
 * emulator does not serve (the SDKs never send it); it is reported as an
 * unknown name like any other field. */
static const emu_field request_fields[] = {
    {"contents", EMU_ON_BOTH},    {"systemInstruction", EMU_ON_VERTEX},
    {"tools", EMU_ON_VERTEX},     {"generationConfig", EMU_ON_VERTEX},
    {"instances", EMU_ON_VERTEX}, {"model", EMU_ON_VERTEX},
};

/* Shape checks; returns the parsed body or NULL after writing the error. */
static json_t *decode(const emu_call *call, emu_response *out) {
  json_t *root = emu_request_body_parse(call->req, out);
  if (!root) return NULL;
  emu_shape s;
  emu_shape_init(&s, call->path);
  emu_shape_fields(&s, root, request_fields, COUNT(request_fields), NULL);
  emu_shape_contents(&s, emu_json_present(root, "contents"), "contents");
  if (call->path->backend == EMU_BACKEND_VERTEX) {
    const json_t *system = emu_json_present(root, "systemInstruction");
    if (system) emu_shape_content(&s, system, "system_instruction");
    const json_t *config = emu_json_present(root, "generationConfig");
    if (config) emu_shape_generation_config(&s, config, "generation_config");
  }
  if (emu_shape_finish(&s, out) != 0) {
    json_decref(root);
    return NULL;
  }
  return root;
}

/* Adds "name": n unless it is 0 (proto3 JSON leaves defaults out). */
static int set_count(json_t *obj, const char *name, size_t n) {
  return n ? json_object_set_new(obj, name, json_integer((json_int_t)n)) : 0;
}

static int set_details(json_t *obj, size_t n) {
  if (!n) return 0;
  return json_object_set_new(
      obj, "promptTokensDetails",
      json_pack("[{s:s, s:I}]", "modality", "TEXT", "tokenCount", (json_int_t)n));
}

/* mldev also reports per-content part counts (fields the API reference does
 * not document but the service sends): {"partTokens": [n, ...]} per content,
 * 0 for parts without text. */
static json_t *content_tokens(const json_t *contents) {
  json_t *list = json_array();
  for (size_t i = 0; list && i < emu_json_list_size(contents); i++) {
    const json_t *parts = emu_json_present(emu_json_list_get(contents, i), "parts");
    json_t *counts = json_array();
    for (size_t k = 0; counts && k < emu_json_list_size(parts); k++) {
      size_t n = emu_part_tokens(emu_json_list_get(parts, k));
      if (json_array_append_new(counts, json_integer((json_int_t)n)) != 0) {
        json_decref(counts);
        counts = NULL;
      }
    }
    if (json_array_append_new(list, json_pack("{s:o}", "partTokens", counts)) != 0) {
      json_decref(list);
      list = NULL;
    }
  }
  return list;
}

static json_t *reply(const emu_call *call, const json_t *root) {
  const json_t *contents = emu_json_present(root, "contents");
  json_t *doc = json_object();
  if (!doc) return NULL;
  int ok;
  if (call->path->backend == EMU_BACKEND_MLDEV) {
    size_t tokens = emu_contents_tokens(contents);
    ok = set_count(doc, "totalTokens", tokens) == 0 &&
         json_object_set_new(doc, "systemInstructionsTokens", json_object()) == 0 &&
         json_object_set_new(doc, "contentTokens", content_tokens(contents)) == 0 &&
         set_details(doc, tokens) == 0;
  } else {
    const json_t *system = emu_json_present(root, "systemInstruction");
    size_t tokens = emu_contents_tokens(contents) + (system ? emu_content_tokens(system) : 0);
    size_t chars =
        emu_contents_billable_chars(contents) + (system ? emu_content_billable_chars(system) : 0);
    ok = set_count(doc, "totalTokens", tokens) == 0 &&
         set_count(doc, "totalBillableCharacters", chars) == 0 && set_details(doc, tokens) == 0;
  }
  if (!ok) {
    json_decref(doc);
    return NULL;
  }
  return doc;
}

void emu_route_count_tokens(const emu_call *call, emu_response *out) {
  json_t *root = decode(call, out);
  if (!root) return;
  if (!emu_model_known(call->path->model))
    emu_respond_model_not_found(call, out);
  else if (emu_contents_check(emu_json_present(root, "contents"), "CountTokensRequest", out) == 0)
    emu_response_take_json(out, 200, reply(call, root));
  json_decref(root);
}
