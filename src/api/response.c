#include "api/response.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include <genai/models.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/log.h"
#include "wire/json_read.h"
#include "wire/transform.h"
#include "wire/types_gen.h"

static genai_result oom(void) { return genai__err(GENAI_ENOMEM, "out of memory"); }

/* The sdk_http_response member of a response type, found through its descriptor. */
static const genai__field *http_response_field(const genai__type *t) {
  for (size_t i = 0; i < t->nfields; i++)
    if (t->fields[i].type == &genai__type_http_response) return &t->fields[i];
  return NULL;
}

static genai_result attach_http_response(genai__arena *a, const genai__field *f, const genai__response *resp,
                                         bool with_body, void *value) {
  genai_http_response *hr = genai__arena_alloc(a, sizeof(*hr));
  genai_string_entry *entries = genai__arena_alloc(a, (resp->headers.count ? resp->headers.count : 1) * sizeof(*entries));
  if (!hr || !entries) return oom();
  hr->struct_size = sizeof(*hr);
  for (size_t i = 0; i < resp->headers.count; i++) {
    entries[i].key = genai__arena_strdup(a, resp->headers.items[i].name);
    entries[i].value = genai__arena_strdup(a, resp->headers.items[i].value);
    if (!entries[i].key || !entries[i].value) return oom();
  }
  hr->headers = entries;
  hr->headers_count = resp->headers.count;
  if (with_body && !(hr->body = genai__arena_strndup(a, resp->body.data ? resp->body.data : "", resp->body.len)))
    return oom();
  *(const genai_http_response **)((char *)value + f->offset) = hr;
  return GENAI_OK;
}

/* Parses the body, reshapes it, and decodes it (keeping the original bytes). */
static genai_result decode_reshaped(const genai__type *t, genai__backend backend, const genai__response *resp,
                                    int response_xf, void **out) {
  const char *body = resp->body.data ? resp->body.data : "";
  if (response_xf == GENAI__XF_NONE) return genai__decode_owned(t, backend, body, resp->body.len, out);
  json_error_t jerr;
  bool no_mem;
  json_t *root = genai__json_loadb(body, resp->body.len, 0, &jerr, &no_mem);
  if (no_mem) return oom();
  if (!root)
    return genai__err(GENAI_EDECODE, "the response is not valid JSON: %s (line %d, column %d)", jerr.text, jerr.line,
                      jerr.column);
  genai_result rc = genai__xform_response(response_xf, &root);
  if (rc == GENAI_OK) rc = genai__decode_root_owned(t, backend, root, GENAI_EDECODE, body, resp->body.len, out);
  json_decref(root);
  return rc;
}

void genai__response_decode_failed(const genai__response *resp) {
  char what[48];
  snprintf(what, sizeof(what), "HTTP %ld answer", resp->status);
  genai__err_prefix(what);
  genai__err_set_http_status((int)resp->status);
}

genai_result genai__response_from_http(const genai__type *t, genai__backend backend, const genai__response *resp,
                                       bool raw_only, int response_xf, void **out) {
  *out = NULL;
  void *value = NULL;
  genai_result rc;
  if (raw_only) {
    value = genai__owned_new(t->size);
    if (!value) return oom();
    *(size_t *)value = t->size;
    rc = GENAI_OK;
  } else {
    rc = decode_reshaped(t, backend, resp, response_xf, &value);
    if (rc != GENAI_OK) {
      if (rc == GENAI_EDECODE) genai__response_decode_failed(resp);
      return rc;
    }
  }
  const genai__field *f = http_response_field(t);
  if (f) rc = attach_http_response(&genai__owned_of(value)->arena, f, resp, raw_only, value);
  if (rc != GENAI_OK) {
    genai__owned_free(value);
    return rc;
  }
  *out = value;
  return GENAI_OK;
}

genai_result genai__response_attach_headers(const genai__type *t, const genai__response *resp, void *value) {
  const genai__field *f = http_response_field(t);
  return f ? attach_http_response(&genai__owned_of(value)->arena, f, resp, false, value) : GENAI_OK;
}

/* Python's `response.text`: warns once per process, like the SDK. */
static atomic_int warned_candidates, warned_non_text;

static bool has_non_text_field(const genai_part *p) {
  for (size_t i = 0; i < genai__type_part.nfields; i++) {
    const genai__field *f = &genai__type_part.fields[i];
    if (!strcmp(f->name, "text") || !strcmp(f->name, "thought") || !strcmp(f->name, "thought_signature")) continue;
    if (genai__field_is_set(f, p)) return true;
  }
  return false;
}

const char *genai_response_text(const genai_generate_content_response *r) {
  if (!r || !r->candidates_count || !r->candidates[0]->content || !r->candidates[0]->content->parts_count)
    return NULL;
  genai__owned *h = genai__owned_of(r);
  if (!h) return NULL;
  char *cached = atomic_load(&h->text_cache);
  if (cached) return cached;
  if (r->candidates_count > 1 && !atomic_exchange(&warned_candidates, 1))
    genai__log(GENAI_LOG_WARN, "there are %zu candidates, returning text result from the first candidate. Access "
                               "response->candidates directly to get the result from other candidates.",
               r->candidates_count);
  const genai_content *c = r->candidates[0]->content;
  genai__buf b = {0};
  bool any = false, non_text = false;
  for (size_t i = 0; i < c->parts_count; i++) {
    const genai_part *p = c->parts[i];
    non_text = non_text || has_non_text_field(p);
    if (!p->text || (p->thought && *p->thought)) continue;
    any = true;
    if (genai__buf_puts(&b, p->text) != GENAI_OK) {
      genai__buf_free(&b);
      return NULL;
    }
  }
  if (non_text && !atomic_exchange(&warned_non_text, 1))
    genai__log(GENAI_LOG_WARN, "there are non-text parts in the response, returning concatenated text result from "
                               "text parts. Check the full candidates[0]->content->parts to get the full model "
                               "response.");
  if (!any) {
    genai__buf_free(&b);
    return NULL;
  }
  char *text = genai__buf_take(&b);
  if (!text) return NULL;
  char *expected = NULL;
  if (!atomic_compare_exchange_strong(&h->text_cache, &expected, text)) {
    genai__free(text); /* another thread was first */
    return expected;
  }
  return text;
}

const char *genai_response_raw_json(const genai_generate_content_response *r, size_t *len) {
  genai__owned *h = r ? genai__owned_of(r) : NULL;
  if (len) *len = h && h->raw ? h->raw_len : 0;
  return h ? h->raw : NULL;
}

/* Python's `response.function_calls`: the function_call parts of the first
 * candidate. The array is built once and kept with the response, as the
 * text is, so that concurrent readers get the same pointers. */
size_t genai_response_function_calls(const genai_generate_content_response *r,
                                     const genai_function_call *const **calls) {
  if (calls) *calls = NULL;
  const genai_content *c = r && r->candidates_count && r->candidates[0] ? r->candidates[0]->content : NULL;
  size_t n = 0;
  for (size_t i = 0; c && i < c->parts_count; i++) n += c->parts[i] && c->parts[i]->function_call;
  if (!n || !calls) return n;
  genai__owned *h = genai__owned_of(r);
  if (!h) return 0;
  const genai_function_call **cached = atomic_load(&h->calls_cache);
  if (!cached) {
    const genai_function_call **list = genai__calloc(n, sizeof(*list));
    if (!list) return 0;
    for (size_t i = 0, k = 0; i < c->parts_count; i++)
      if (c->parts[i] && c->parts[i]->function_call) list[k++] = c->parts[i]->function_call;
    void *expected = NULL;
    if (atomic_compare_exchange_strong(&h->calls_cache, &expected, (void *)list)) {
      cached = list;
    } else {
      genai__free(list); /* another thread was first */
      cached = expected;
    }
  }
  *calls = cached;
  return n;
}
