#include "function_calling.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content_text.h"
#include "hash.h"
#include "json_util.h"
#include "models.h"
#include "schema.h"
#include "tokens.h"

/* Declaration-name words shorter than this are ignored when matching the
 * prompt, so "get" or "set" alone do not trigger calls. */
#define MIN_WORD_CHARS 4

emu_fc_mode emu_fc_mode_of(const json_t *tool_config) {
  const json_t *mode =
      emu_json_present(emu_json_present(tool_config, "functionCallingConfig"), "mode");
  const char *name = json_string_value(mode);
  long long number = -1;
  if (!name && emu_json_int(mode, &number) == 0) /* proto3 JSON enums may be numbers */
    return number == 2 ? EMU_FC_ANY : number == 3 ? EMU_FC_NONE : EMU_FC_AUTO;
  if (name && strcmp(name, "ANY") == 0) return EMU_FC_ANY;
  if (name && strcmp(name, "NONE") == 0) return EMU_FC_NONE;
  return EMU_FC_AUTO;
}

const json_t *emu_fc_next(emu_fc_iter *it) {
  for (; it->next_tool < emu_json_list_size(it->tools); it->next_tool++, it->next_decl = 0) {
    const json_t *decls =
        emu_json_present(emu_json_list_get(it->tools, it->next_tool), "functionDeclarations");
    if (it->next_decl < emu_json_list_size(decls)) {
      it->tool = it->next_tool;
      it->decl = it->next_decl++;
      return emu_json_list_get(decls, it->decl);
    }
  }
  return NULL;
}

int emu_fc_has_declarations(const json_t *tools) {
  emu_fc_iter it = {.tools = tools};
  return emu_fc_next(&it) != NULL;
}

int emu_fc_with_ids(const emu_api_path *path) {
  return path->backend == EMU_BACKEND_MLDEV && emu_model_gemini_major(path->model) >= 3;
}

static int content_has(const json_t *content, const char *camel) {
  const json_t *parts = emu_json_present(content, "parts");
  for (size_t i = 0; i < emu_json_list_size(parts); i++)
    if (emu_json_present(emu_json_list_get(parts, i), camel)) return 1;
  return 0;
}

static int ascii_lower(int c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

static int contains_ci(const char *hay, size_t hay_len, const char *needle, size_t len) {
  for (size_t i = 0; len <= hay_len && i <= hay_len - len; i++) {
    size_t k = 0;
    while (k < len &&
           ascii_lower((unsigned char)hay[i + k]) == ascii_lower((unsigned char)needle[k]))
      k++;
    if (k == len) return 1;
  }
  return 0;
}

/* A declaration is "asked for" when a word of its name (split on '_', of
 * at least MIN_WORD_CHARS characters) occurs in the text. */
static int asked_for(const char *name, const emu_buf *text) {
  while (*name) {
    size_t len = strcspn(name, "_");
    size_t chars = 0;
    for (size_t i = 0; i < len; i++)
      if (((unsigned char)name[i] & 0xC0) != 0x80) chars++;
    if (chars >= MIN_WORD_CHARS && text->len && contains_ci(text->data, text->len, name, len))
      return 1;
    name += len;
    if (*name) name++;
  }
  return 0;
}

static int is_allowed(const json_t *tool_config, const char *name) {
  const json_t *allowed = emu_json_present(emu_json_present(tool_config, "functionCallingConfig"),
                                           "allowedFunctionNames");
  if (emu_json_list_size(allowed) == 0) return 1;
  for (size_t i = 0; i < emu_json_list_size(allowed); i++) {
    const char *a = json_string_value(emu_json_list_get(allowed, i));
    if (a && strcmp(a, name) == 0) return 1;
  }
  return 0;
}

/* The first declared and allowed function that the text asks for or, with
 * `any`, the first declared and allowed one. */
static const json_t *choose(const emu_gen_request *gr, const emu_buf *text, int any) {
  const json_t *first = NULL, *d;
  emu_fc_iter it = {.tools = gr->tools};
  while ((d = emu_fc_next(&it))) {
    const char *name = json_string_value(emu_json_present(d, "name"));
    if (!name || !is_allowed(gr->tool_config, name)) continue;
    if (asked_for(name, text)) return d;
    if (!first) first = d;
  }
  return any ? first : NULL;
}

/* The text parts of the last content, or with `with_text` of the last
 * content that has any, joined with single spaces. */
static int turn_text(const json_t *contents, int with_text, emu_buf *out) {
  for (size_t i = emu_json_list_size(contents); i > 0; i--) {
    int found = emu_content_join_text(emu_json_list_get(contents, i - 1), out);
    if (found < 0) return -1;
    if (found || !with_text) return 0;
  }
  return 0;
}

static int is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

static int is_ascii_punct(char c) {
  unsigned char u = (unsigned char)c;
  return u > 0x20 && u < 0x7F &&
         !((u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z'));
}

/* The values to call with: the capitalized words of the text but its first,
 * with surrounding ASCII punctuation stripped ("Paris?" -> "Paris"). */
static json_t *call_values(const emu_buf *text) {
  json_t *values = json_array();
  const char *p = text->data ? text->data : "", *end = p + text->len;
  int word = 0;
  while (values && p < end) {
    while (p < end && is_space(*p)) p++;
    const char *start = p;
    while (p < end && !is_space(*p)) p++;
    const char *stop = p;
    if (start == stop || word++ == 0) continue;
    while (start < stop && is_ascii_punct(*start)) start++;
    while (stop > start && is_ascii_punct(stop[-1])) stop--;
    if (start < stop && *start >= 'A' && *start <= 'Z' &&
        json_array_append_new(values, json_stringn(start, (size_t)(stop - start))) != 0) {
      json_decref(values);
      values = NULL;
    }
  }
  return values;
}

static int is_required(const json_t *required, const char *name) {
  for (size_t i = 0; i < emu_json_list_size(required); i++) {
    const char *r = json_string_value(emu_json_list_get(required, i));
    if (r && strcmp(r, name) == 0) return 1;
  }
  return 0;
}

/* The value of a required property that is not the target. */
static json_t *filler_value(const json_t *root, const json_t *schema) {
  schema = emu_schema_resolve(root, schema);
  switch (emu_schema_type_of(schema)) {
    case EMU_SCHEMA_INTEGER:
    case EMU_SCHEMA_NUMBER:
      return json_integer(1);
    case EMU_SCHEMA_BOOLEAN:
      return json_true();
    case EMU_SCHEMA_OBJECT:
      return json_object();
    case EMU_SCHEMA_ARRAY:
      return json_array();
    case EMU_SCHEMA_NULL:
      return json_null();
    default: {
      const json_t *first = json_array_get(emu_json_present(schema, "enum"), 0);
      return json_is_string(first) ? json_deep_copy(first) : json_string("unknown");
    }
  }
}

/* The parameters of a declaration: the properties and required list of its
 * (resolved) `parameters` or `parametersJsonSchema`. */
typedef struct params {
  const json_t *root, *properties, *required;
  const char *target; /* first required STRING property, else first STRING one */
} params;

static int is_string_property(const json_t *root, const json_t *schema) {
  return emu_schema_type_of(emu_schema_resolve(root, schema)) == EMU_SCHEMA_STRING;
}

static void read_params(const json_t *decl, params *p) {
  memset(p, 0, sizeof *p);
  p->root = emu_json_present(decl, "parameters");
  if (!p->root) p->root = emu_json_present(decl, "parametersJsonSchema");
  const json_t *schema = emu_schema_resolve(p->root, p->root);
  p->properties = emu_json_present(schema, "properties");
  if (!json_is_object(p->properties)) p->properties = NULL;
  p->required = emu_json_present(schema, "required");
  /* The first entry of `required` that is a STRING property... */
  for (size_t i = 0; i < emu_json_list_size(p->required); i++) {
    const char *name = json_string_value(emu_json_list_get(p->required, i));
    const json_t *prop = name ? json_object_get(p->properties, name) : NULL;
    if (prop && is_string_property(p->root, prop)) {
      p->target = json_object_iter_key(json_object_iter_at((json_t *)p->properties, name));
      return;
    }
  }
  /* ...else the first STRING property. */
  const char *name;
  json_t *prop;
  json_object_foreach((json_t *)p->properties, name, prop) {
    if (is_string_property(p->root, prop)) {
      p->target = name;
      return;
    }
  }
}

/* {"name": NAME, "args": {...}} with the target set to `value` (NULL when
 * the function has no STRING property). */
static json_t *make_call(const char *fn, const params *p, const json_t *value) {
  json_t *args = json_object();
  int ok = args != NULL;
  const char *name;
  json_t *prop;
  json_object_foreach((json_t *)p->properties, name, prop) {
    if (!ok) break;
    if (p->target && strcmp(name, p->target) == 0)
      ok = json_object_set(args, name, (json_t *)value) == 0;
    else if (is_required(p->required, name))
      ok = json_object_set_new(args, name, filler_value(p->root, prop)) == 0;
  }
  json_t *call = ok ? json_pack("{s:s, s:o}", "name", fn, "args", args) : NULL;
  if (!ok) json_decref(args);
  return call;
}

static json_t *make_calls(const json_t *decl, const emu_buf *text) {
  const char *fn = json_string_value(emu_json_present(decl, "name"));
  params p;
  read_params(decl, &p);
  json_t *values = p.target ? call_values(text) : json_array();
  if (values && p.target && json_array_size(values) == 0 &&
      json_array_append_new(values, json_string("unknown")) != 0) {
    json_decref(values);
    values = NULL;
  }
  json_t *calls = values ? json_array() : NULL;
  size_t count = p.target ? json_array_size(values) : 1;
  for (size_t i = 0; calls && i < count; i++)
    if (json_array_append_new(calls, make_call(fn, &p, json_array_get(values, i))) != 0) {
      json_decref(calls);
      calls = NULL;
    }
  json_decref(values);
  return calls;
}

/* "NAME returned {...}" for each functionResponse part of `content`,
 * joined with "; ". */
static int results_text(const json_t *content, emu_buf *out) {
  const json_t *parts = emu_json_present(content, "parts");
  int first = 1;
  for (size_t i = 0; i < emu_json_list_size(parts); i++) {
    const json_t *fr = emu_json_present(emu_json_list_get(parts, i), "functionResponse");
    if (!fr) continue;
    const json_t *response = emu_json_present(fr, "response");
    json_t *empty = response ? NULL : json_object();
    char *shown = emu_json_python(response ? response : empty, ",", ":");
    json_decref(empty);
    const char *name = json_string_value(emu_json_present(fr, "name"));
    int rc =
        shown ? emu_buf_printf(out, "%s%s returned %s", first ? "" : "; ", name ? name : "", shown)
              : -1;
    free(shown);
    if (rc != 0) return -1;
    first = 0;
  }
  return 0;
}

int emu_turn_decide(const emu_gen_request *gr, emu_turn *out) {
  memset(out, 0, sizeof *out);
  const json_t *last = emu_json_list_get(gr->contents, emu_json_list_size(gr->contents) - 1);
  emu_fc_mode mode = emu_fc_mode_of(gr->tool_config);
  int answered = content_has(last, "functionResponse");
  emu_buf text = {0};
  const json_t *decl = NULL;
  int rc = 0;
  /* After function responses only mode ANY calls again, from the text of
   * the last turn that has text (the user's question), so that a client's
   * loop ends by its own limit. */
  if (mode != EMU_FC_NONE && (!answered || mode == EMU_FC_ANY)) {
    rc = turn_text(gr->contents, answered, &text);
    if (rc == 0) decl = choose(gr, &text, mode == EMU_FC_ANY);
  }
  if (rc == 0 && decl) {
    out->kind = EMU_TURN_CALLS;
    out->calls = make_calls(decl, &text);
    rc = out->calls ? 0 : -1;
  } else if (rc == 0 && answered) {
    out->kind = EMU_TURN_RESULTS;
    rc = results_text(last, &out->results);
  }
  emu_buf_dispose(&text);
  if (rc != 0) emu_turn_dispose(out);
  return rc;
}

void emu_turn_dispose(emu_turn *t) {
  emu_buf_dispose(&t->results);
  json_decref(t->calls);
  memset(t, 0, sizeof *t);
}

json_t *emu_turn_call_parts(const json_t *calls, const char *response_id, int cand, int with_ids) {
  json_t *parts = json_array();
  for (size_t i = 0; parts && i < json_array_size(calls); i++) {
    json_t *fc = json_copy(json_array_get(calls, i)); /* name and args shared, id added */
    if (fc && with_ids) {
      char seed[64], id[48];
      int n = snprintf(seed, sizeof seed, "%s/%d/%zu", response_id, cand, i);
      uint64_t h = emu_fnv1a64(seed, n > 0 ? (size_t)n : 0, EMU_FNV64_BASIS);
      /* splitmix64's finalizer, so that neighbouring parts get unrelated ids */
      h = (h ^ (h >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
      h = (h ^ (h >> 27)) * UINT64_C(0x94d049bb133111eb);
      h = (h ^ (h >> 31)) >> 1;
      snprintf(id, sizeof id, "function-call-%" PRIu64, h);
      if (json_object_set_new(fc, "id", json_string(id)) != 0) {
        json_decref(fc);
        fc = NULL;
      }
    }
    if (json_array_append_new(parts, json_pack("{s:o}", "functionCall", fc)) != 0) {
      json_decref(parts);
      parts = NULL;
    }
  }
  return parts;
}

size_t emu_turn_call_tokens(const json_t *calls) {
  size_t n = 0;
  for (size_t i = 0; i < json_array_size(calls); i++) {
    const json_t *call = json_array_get(calls, i);
    const char *name = json_string_value(json_object_get(call, "name"));
    char *args = emu_json_python(json_object_get(call, "args"), ",", ":");
    n += emu_token_count(name, strlen(name)) + (args ? emu_token_count(args, strlen(args)) : 0);
    free(args);
  }
  return n;
}
