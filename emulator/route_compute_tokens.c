#include "route_compute_tokens.h"

#include <stdio.h>
#include <stdlib.h>

#include "base64.h"
#include "content_check.h"
#include "hash.h"
#include "json_util.h"
#include "models.h"
#include "request_body.h"
#include "tokens.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const emu_field request_fields[] = {
    {"contents", EMU_ON_VERTEX}, {"instances", EMU_ON_VERTEX}, {"model", EMU_ON_VERTEX}};

uint32_t emu_token_id(const char *s, size_t len) {
  return emu_fnv1a32(s, len) % EMU_TOKEN_ID_SPACE;
}

/* Appends the tokens of one text to the two lists. 0 or -1. */
static int add_tokens(const char *text, size_t len, json_t *tokens, json_t *ids) {
  size_t pos = 0, start, prev_end = 0;
  while (emu_token_next(text, len, &pos, &start)) {
    const char *bytes = text + prev_end;
    size_t n = pos - prev_end;
    prev_end = pos;
    char *b64 = emu_base64_encode(bytes, n);
    char id[16];
    snprintf(id, sizeof id, "%u", (unsigned)emu_token_id(bytes, n));
    int rc = b64 && json_array_append_new(tokens, json_string(b64)) == 0 &&
                     json_array_append_new(ids, json_string(id)) == 0
                 ? 0
                 : -1;
    free(b64);
    if (rc != 0) return -1;
  }
  return 0;
}

static json_t *tokens_info(const json_t *content) {
  json_t *tokens = json_array(), *ids = json_array(), *info = json_object();
  int ok = tokens && ids && info;
  const json_t *parts = emu_json_present(content, "parts");
  for (size_t i = 0; ok && i < emu_json_list_size(parts); i++) {
    const json_t *text = emu_json_field(emu_json_list_get(parts, i), "text");
    if (json_is_string(text))
      ok = add_tokens(json_string_value(text), json_string_length(text), tokens, ids) == 0;
  }
  const char *role = json_string_value(emu_json_present(content, "role"));
  /* Empty lists and an empty role are proto3 defaults: left out. */
  if (ok && json_array_size(tokens)) {
    ok =
        json_object_set(info, "tokens", tokens) == 0 && json_object_set(info, "tokenIds", ids) == 0;
  }
  if (ok && role && *role) ok = json_object_set_new(info, "role", json_string(role)) == 0;
  json_decref(tokens);
  json_decref(ids);
  if (!ok) {
    json_decref(info);
    return NULL;
  }
  return info;
}

static json_t *reply(const json_t *contents) {
  json_t *list = json_array();
  for (size_t i = 0; list && i < emu_json_list_size(contents); i++) {
    if (json_array_append_new(list, tokens_info(emu_json_list_get(contents, i))) != 0) {
      json_decref(list);
      list = NULL;
    }
  }
  return list ? json_pack("{s:o}", "tokensInfo", list) : NULL;
}

void emu_route_compute_tokens(const emu_call *call, emu_response *out) {
  json_t *root = emu_request_body_parse(call->req, out);
  if (!root) return;
  emu_shape s;
  emu_shape_init(&s, call->path);
  emu_shape_fields(&s, root, request_fields, COUNT(request_fields), NULL);
  const json_t *contents = emu_json_present(root, "contents");
  emu_shape_contents(&s, contents, "contents");
  if (emu_shape_finish(&s, out) == 0) {
    if (!emu_model_known(call->path->model))
      emu_respond_model_not_found(call, out);
    else if (emu_contents_check(contents, "ComputeTokensRequest", out) == 0)
      emu_response_take_json(out, 200, reply(contents));
  }
  json_decref(root);
}
