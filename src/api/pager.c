#include "api/pager.h"

#include <stdbool.h>
#include <string.h>

#include "api/client_internal.h"
#include "api/multi_internal.h"
#include "api/op.h"
#include "core/alloc.h"
#include "core/arena.h"
#include "core/error.h"
#include "wire/clone.h"

struct genai_pager {
  genai_client *client;
  const genai__list_spec *spec;
  void *params;     /* owned copy of the list call's parameters, config.page_token updated */
  void *page;       /* owned list response: the current page, or NULL */
  size_t index;     /* the item genai_pager_next() returns next */
  size_t page_size;
  bool fetching;    /* a genai_pager_next_page_async operation holds the pager */
  bool free_requested;
};

static genai_result oom(void) { return genai__err(GENAI_ENOMEM, "out of memory"); }

static const genai__field *field_named(const genai__type *t, const char *name) {
  for (size_t i = 0; i < t->nfields; i++)
    if (!strcmp(t->fields[i].name, name)) return &t->fields[i];
  return NULL;
}

#define SLOT(value, f, type) ((type *)((char *)(value) + (f)->offset))

/* The parameters' config, created (empty) when the caller gave none: the
 * page token goes there, and some paths need it (models.list's query_base). */
static void *config_of(genai_pager *p) {
  const genai__field *f = field_named(p->spec->method->params, "config");
  void **slot = SLOT(p->params, f, void *);
  if (!*slot) {
    void *config = genai__arena_alloc(&genai__owned_of(p->params)->arena, f->type->size);
    if (!config) return NULL;
    *(size_t *)config = f->type->size;
    *slot = config;
  }
  return *slot;
}

static const genai__type *config_type(const genai_pager *p) {
  return field_named(p->spec->method->params, "config")->type;
}

static genai_result set_page_token(genai_pager *p, const char *token) {
  void *config = config_of(p);
  if (!config) return oom();
  char *copy = genai__arena_strdup(&genai__owned_of(p->params)->arena, token);
  if (!copy) return oom();
  *SLOT(config, field_named(config_type(p), "page_token"), const char *) = copy;
  return GENAI_OK;
}

static genai__call_options call_options(genai_pager *p) {
  void *config = config_of(p);
  const genai__field *f = field_named(config_type(p), "http_options");
  return (genai__call_options){.http_options = config && f ? *SLOT(config, f, const genai_http_options *) : NULL};
}

static const void *const *items_of(const genai_pager *p, size_t *count) {
  *count = 0;
  if (!p->page) return NULL;
  const genai__field *f = field_named(p->spec->method->response, p->spec->items);
  *count = *(const size_t *)((const char *)p->page + f->count_offset);
  return *SLOT(p->page, f, const void *const *);
}

static const char *next_token(const genai_pager *p) {
  if (!p->page) return NULL;
  const char *token = *SLOT(p->page, field_named(p->spec->method->response, "next_page_token"), const char *);
  return token && *token ? token : NULL;
}

/* A fetched page replaces the current one. */
static void install(genai_pager *p, void *page) {
  bool first = !p->page;
  genai__value_free(p->page);
  p->page = page;
  p->index = 0;
  if (first && !p->page_size) items_of(p, &p->page_size);
}

static void destroy(genai_pager *p) {
  genai__value_free(p->page);
  genai__value_free(p->params);
  genai__free(p);
}

static genai_result pager_new(genai_client *client, const genai__list_spec *spec, const void *params,
                              genai_pager **out) {
  *out = NULL;
  genai_pager *p = genai__calloc(1, sizeof(*p));
  if (!p) return oom();
  p->client = client;
  p->spec = spec;
  genai_result rc = genai__clone_owned(spec->method->params, params, &p->params);
  void *config = rc == GENAI_OK ? config_of(p) : NULL;
  if (rc == GENAI_OK && !config) rc = oom();
  if (rc != GENAI_OK) {
    destroy(p);
    return rc;
  }
  const int32_t *size = *SLOT(config, field_named(config_type(p), "page_size"), const int32_t *);
  if (size && *size > 0) p->page_size = (size_t)*size;
  *out = p;
  return GENAI_OK;
}

/* Fetches the page that the parameters ask for, on the calling thread. */
static genai_result fetch(genai_pager *p) {
  genai__call_options opts = call_options(p);
  void *page = NULL;
  genai_result rc = genai__op_run(p->client, p->spec->method, p->params, &opts, NULL, &page);
  if (rc == GENAI_OK) install(p, page);
  return rc;
}

static genai_result fetch_next(genai_pager *p) {
  const char *token = next_token(p);
  if (!token) return GENAI_DONE;
  genai_result rc = set_page_token(p, token);
  return rc == GENAI_OK ? fetch(p) : rc;
}

/* -------------------------------------------------------------- async */

/* The answer of an _async fetch goes into the pager; the operation ends
 * with no value of its own. */
static genai_result take_page(void *data, void **value, const void **next_params, genai__call_options *next_opts) {
  (void)next_params;
  (void)next_opts;
  install(data, *value);
  *value = NULL;
  return GENAI_OK;
}

/* A first page's pager belongs to its operation until taken. */
static void release_untaken(void *data) {
  if (data) destroy(data);
}

static void release_fetching(void *data) {
  genai_pager *p = data;
  p->fetching = false;
  if (p->free_requested) destroy(p);
}

static genai_result start_async(genai_pager *p, genai_multi *multi, const genai_op_callbacks *callbacks,
                                const genai__op_hooks *hooks, genai_op **out) {
  genai__call_options opts = call_options(p);
  void *unused = NULL; /* an operation of a multi hands its value out later */
  return genai__op_launch(p->client, multi, p->spec->method, p->params, &opts, hooks, false, callbacks, out, &unused);
}

genai_result genai__pager_start(genai_client *client, const genai__list_spec *spec, const void *params,
                                genai_multi *multi, const genai_op_callbacks *callbacks, genai_op **op,
                                genai_pager **out) {
  genai_pager *p = NULL;
  genai_result rc = pager_new(client, spec, params, &p);
  if (rc != GENAI_OK) return rc;
  if (!multi) {
    if ((rc = fetch(p)) != GENAI_OK) {
      destroy(p);
      return rc;
    }
    *out = p;
    return GENAI_OK;
  }
  genai__op_hooks hooks = {.on_value = take_page, .release = release_untaken, .data = p};
  return start_async(p, multi, callbacks, &hooks, op);
}

genai_result genai_pager_next_page_async(genai_multi *multi, genai_pager *pager, const genai_op_callbacks *callbacks,
                                         genai_op **out) {
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  *out = NULL;
  if (!multi) return genai__err(GENAI_EINVAL, "multi is NULL");
  if (!pager) return genai__err(GENAI_EINVAL, "pager is NULL");
  if (pager->fetching) return genai__err(GENAI_EINVAL, "pager: a page is being fetched already");
  if (genai__multi_client(multi) != pager->client)
    return genai__err(GENAI_EINVAL, "multi: it belongs to another client than the pager");
  const char *token = next_token(pager);
  if (!token) return GENAI_DONE;
  genai_result rc = set_page_token(pager, token);
  if (rc != GENAI_OK) return rc;
  genai__op_hooks hooks = {.on_value = take_page, .release = release_fetching, .data = pager};
  pager->fetching = true;
  return start_async(pager, multi, callbacks, &hooks, out);
}

genai_result genai_op_take_pager(genai_op *op, genai_pager **out) {
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  *out = NULL;
  if (!op) return genai__err(GENAI_EINVAL, "op is NULL");
  if (op->hooks.release != release_untaken)
    return genai__err(GENAI_EINVAL, "the operation is not a list (its result is %s)", genai__op_result_name(op));
  if (!op->done) return genai__err(GENAI_EINPROGRESS, "the operation has not ended yet");
  if (op->result != GENAI_OK) return genai__error_restore(&op->error);
  if (!op->hooks.data) return genai__err(GENAI_EINVAL, "the pager was taken already");
  *out = op->hooks.data;
  op->hooks.data = NULL;
  return GENAI_OK;
}

/* --------------------------------------------------------------- sync */

static genai_result check_idle(const genai_pager *p) {
  if (!p) return genai__err(GENAI_EINVAL, "pager is NULL");
  if (p->fetching) return genai__err(GENAI_EINVAL, "pager: a page is being fetched (genai_pager_next_page_async)");
  return GENAI_OK;
}

genai_result genai_pager_next(genai_pager *pager, const void **item) {
  if (!item) return genai__err(GENAI_EINVAL, "item is NULL");
  *item = NULL;
  genai_result rc = check_idle(pager);
  if (rc != GENAI_OK) return rc;
  for (;;) {
    size_t n;
    const void *const *items = items_of(pager, &n);
    if (pager->index < n) {
      *item = items[pager->index++];
      return GENAI_OK;
    }
    if ((rc = fetch_next(pager)) != GENAI_OK) return rc; /* GENAI_DONE at the end */
  }
}

genai_result genai_pager_next_page(genai_pager *pager) {
  genai_result rc = check_idle(pager);
  return rc == GENAI_OK ? fetch_next(pager) : rc;
}

size_t genai_pager_page_len(const genai_pager *pager) {
  size_t n = 0;
  if (pager && !pager->fetching) items_of(pager, &n);
  return n;
}

const void *genai_pager_page_item(const genai_pager *pager, size_t index) {
  size_t n = 0;
  const void *const *items = pager && !pager->fetching ? items_of(pager, &n) : NULL;
  return index < n ? items[index] : NULL;
}

size_t genai_pager_page_size(const genai_pager *pager) { return pager ? pager->page_size : 0; }

const char *genai_pager_name(const genai_pager *pager) { return pager ? pager->spec->name : NULL; }

bool genai_pager_has_next_page(const genai_pager *pager) {
  return pager && !pager->fetching && next_token(pager) != NULL;
}

const genai_http_response *genai_pager_sdk_http_response(const genai_pager *pager) {
  if (!pager || pager->fetching || !pager->page) return NULL;
  const genai__field *f = field_named(pager->spec->method->response, "sdk_http_response");
  return f ? *SLOT(pager->page, f, const genai_http_response *) : NULL;
}

const char *genai_pager_page_raw_json(const genai_pager *pager) {
  if (!pager || pager->fetching || !pager->page) return NULL;
  return genai__owned_of(pager->page)->raw;
}

void genai_pager_free(genai_pager *pager) {
  if (!pager) return;
  if (pager->fetching) {
    pager->free_requested = true; /* freed when its operation lets go */
    return;
  }
  destroy(pager);
}
