#include "api/method.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "api/client_internal.h"
#include "api/request.h"
#include "api/response.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"

static genai_result oom(void) { return genai__err(GENAI_ENOMEM, "out of memory"); }

void genai__built_request_clear(genai__built_request *r) {
  genai__free(r->path);
  json_decref(r->body);
  memset(r, 0, sizeof(*r));
}

/* A query or path value as text: strings as they are, booleans as the
 * Python SDK's urlencode writes them ("True"), numbers in decimal. */
static genai_result value_text(const json_t *v, genai__buf *b) {
  switch (json_typeof(v)) {
    case JSON_STRING: return genai__buf_append(b, json_string_value(v), json_string_length(v));
    case JSON_TRUE: return genai__buf_puts(b, "True");
    case JSON_FALSE: return genai__buf_puts(b, "False");
    case JSON_INTEGER: return genai__buf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    case JSON_REAL: return genai__buf_printf(b, "%.17g", json_real_value(v));
    default: return GENAI_EINVAL;
  }
}

/* urlencode's quote_plus: unreserved characters stay, space is '+'. */
static genai_result quote_plus(genai__buf *b, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    genai_result rc;
    if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') rc = genai__buf_append(b, s + i, 1);
    else if (c == ' ') rc = genai__buf_puts(b, "+");
    else rc = genai__buf_printf(b, "%%%02X", c);
    if (rc != GENAI_OK) return rc;
  }
  return GENAI_OK;
}

/* Fills "{x}" placeholders from the _url object. */
static genai_result fill_template(const char *tmpl, json_t *url, genai__buf *out) {
  for (const char *p = tmpl; *p;) {
    if (*p != '{') {
      size_t n = strcspn(p, "{");
      if (genai__buf_append(out, p, n) != GENAI_OK) return oom();
      p += n;
      continue;
    }
    const char *close = strchr(p, '}');
    if (!close) return genai__err(GENAI_ERROR, "bad path template %s", tmpl);
    char key[64];
    snprintf(key, sizeof(key), "%.*s", (int)(close - p - 1), p + 1);
    json_t *v = json_object_get(url, key);
    if (!v || json_is_null(v)) return genai__err(GENAI_EINVAL, "%s is required.", key);
    genai_result rc = value_text(v, out);
    if (rc == GENAI_EINVAL) return genai__err(GENAI_EINVAL, "%s must be a string.", key);
    if (rc != GENAI_OK) return oom();
    p = close + 1;
  }
  return GENAI_OK;
}

static genai_result append_query(genai__buf *path, json_t *query, const char *raw_key) {
  const char *key;
  json_t *v;
  genai__buf text = {0};
  char sep = strchr(path->data ? path->data : "", '?') ? '&' : '?';
  genai_result rc = GENAI_OK;
  json_t *raw = raw_key ? json_object_get(query, raw_key) : NULL;
  if (raw && !json_is_null(raw)) {
    rc = genai__buf_printf(path, "%c%s=", sep, raw_key);
    if (rc == GENAI_OK) rc = value_text(raw, path);
    if (rc == GENAI_EINVAL) rc = genai__err(GENAI_EINVAL, "%s cannot be sent in a query string", raw_key);
    else if (rc != GENAI_OK) rc = oom();
    sep = '&';
  }
  json_object_foreach(query, key, v) {
    if (rc != GENAI_OK) break;
    if (json_is_null(v) || (raw && !strcmp(key, raw_key))) continue;
    genai__buf_reset(&text);
    rc = value_text(v, &text);
    if (rc != GENAI_OK) {
      rc = rc == GENAI_EINVAL ? genai__err(GENAI_EINVAL, "%s cannot be sent in a query string", key) : oom();
      break;
    }
    if (genai__buf_printf(path, "%c", sep) != GENAI_OK || quote_plus(path, key, strlen(key)) != GENAI_OK ||
        genai__buf_puts(path, "=") != GENAI_OK || quote_plus(path, text.data, text.len) != GENAI_OK)
      rc = oom();
    sep = '&';
  }
  genai__buf_free(&text);
  return rc;
}

/* The wire string of the enum at m->variant_path ("config.method") of the
 * parameters, or the method's default when it is not set. */
static const char *variant_of(const genai__method *m, const void *params) {
  if (!m->variant_path) return NULL;
  const genai__type *t = m->params;
  const char *v = params;
  const char *path = m->variant_path;
  while (v && *path) {
    size_t n = strcspn(path, ".");
    const genai__field *f = NULL;
    for (size_t i = 0; i < t->nfields && !f; i++)
      if (strlen(t->fields[i].name) == n && !strncmp(t->fields[i].name, path, n)) f = &t->fields[i];
    path += n + (path[n] == '.');
    if (!f) break;
    size_t end = (f->kind == GENAI__K_ENUM ? f->str_offset : f->offset) + sizeof(void *);
    if (*(const size_t *)v < end) break; /* a struct from before the field existed */
    if (!*path && f->kind == GENAI__K_ENUM) {
      const char *str = *(const char *const *)(v + f->str_offset);
      int value = *(const int *)(v + f->offset);
      if (str) return str;
      const char *wire = value ? genai__enum_to_string(f->enumd, value) : NULL;
      return wire ? wire : m->variant_default;
    }
    if (f->kind != GENAI__K_MESSAGE) break;
    t = f->type;
    v = *(const char *const *)(v + f->offset);
  }
  return m->variant_default;
}

genai_result genai__method_build(const genai__method *m, genai__backend backend, const char *project,
                                 const char *location, const void *params, genai__built_request *out) {
  memset(out, 0, sizeof(*out));
  const char *tmpl = m->path[GENAI__BK(backend)];
  if (!tmpl)
    return genai__err(GENAI_EINVAL, backend == GENAI__BACKEND_MLDEV
                                        ? "This method is only supported in Gemini Enterprise Agent Platform mode, not "
                                          "in Gemini Developer API mode."
                                        : "This method is only supported in Gemini Developer API mode, not in Gemini "
                                          "Enterprise Agent Platform mode.");
  genai__arena tmp = {0};
  genai__encode_ctx ctx = {.backend = backend, .project = project, .location = location, .tmp = &tmp,
                           .variant = variant_of(m, params)};
  json_t *body = NULL;
  genai_result rc = genai__encode_new(&ctx, m->params, params, &body);
  genai__arena_release(&tmp);
  if (rc != GENAI_OK) return rc;
  genai__buf path = {0};
  json_t *url = json_incref(json_object_get(body, "_url"));
  json_t *query = json_incref(json_object_get(body, "_query"));
  json_object_del(body, "_url");
  json_object_del(body, "_query");
  json_object_del(body, "config"); /* an unplaced config carries nothing the service reads */
  rc = fill_template(tmpl, url, &path);
  if (rc == GENAI_OK && json_object_size(query)) rc = append_query(&path, query, m->raw_query);
  json_decref(url);
  json_decref(query);
  if (rc != GENAI_OK) {
    genai__buf_free(&path);
    json_decref(body);
    return rc;
  }
  out->verb = m->verb;
  out->path = genai__buf_take(&path);
  if (json_object_size(body)) out->body = body;
  else json_decref(body);
  return out->path ? GENAI_OK : oom();
}
