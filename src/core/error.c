#include "core/error.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"

typedef struct error_state {
  genai_error pub;
  char *message;
  char *status;
  char *details_json;
  char *body;
} error_state;

static pthread_key_t state_key;
static pthread_once_t state_once = PTHREAD_ONCE_INIT;

static const genai_error no_error = {sizeof(genai_error), GENAI_OK, 0, "", "no error", NULL, NULL, -1};
static const genai_error oom_error = {sizeof(genai_error), GENAI_ENOMEM, 0, "", "out of memory", NULL, NULL, -1};
static _Thread_local int thread_oom; /* the last error could not be stored */

static void state_clear(error_state *s) {
  genai__free(s->message);
  genai__free(s->status);
  genai__free(s->details_json);
  genai__free(s->body);
  memset(s, 0, sizeof(*s));
}

static void state_destroy(void *p) {
  if (!p) return;
  state_clear(p);
  genai__free(p);
}

static void state_key_init(void) { pthread_key_create(&state_key, state_destroy); }

static error_state *state_get(int create) {
  pthread_once(&state_once, state_key_init);
  error_state *s = pthread_getspecific(state_key);
  if (!s && create) {
    s = genai__calloc(1, sizeof(*s));
    if (s && pthread_setspecific(state_key, s) != 0) {
      genai__free(s);
      s = NULL;
    }
  }
  return s;
}

const genai_error *genai_error_last(void) {
  if (thread_oom) return &oom_error;
  error_state *s = state_get(0);
  return s && s->message ? &s->pub : &no_error;
}

void genai_error_clear(void) {
  thread_oom = 0;
  pthread_once(&state_once, state_key_init);
  error_state *s = pthread_getspecific(state_key);
  if (s) {
    pthread_setspecific(state_key, NULL);
    state_destroy(s);
  }
}

static char *dup_or_null(const char *s) { return s ? genai__strdup(s) : NULL; }

genai_result genai__err_full(const genai__api_error *e) {
  error_state *s = state_get(1);
  if (!s) {
    thread_oom = 1;
    return e->code;
  }
  state_clear(s);
  s->message = genai__strdup(e->message ? e->message : genai_result_str(e->code));
  s->status = genai__strdup(e->status ? e->status : "");
  s->details_json = dup_or_null(e->details_json);
  s->body = dup_or_null(e->body);
  if (!s->message || !s->status || (e->details_json && !s->details_json) || (e->body && !s->body)) {
    state_clear(s);
    thread_oom = 1;
    return e->code;
  }
  thread_oom = 0;
  s->pub.struct_size = sizeof(genai_error);
  s->pub.code = e->code;
  s->pub.http_status = e->http_status;
  s->pub.status = s->status;
  s->pub.message = s->message;
  s->pub.details_json = s->details_json;
  s->pub.body = s->body;
  s->pub.retry_after_ms = e->retry_after_ms;
  return e->code;
}

genai_result genai__err(genai_result code, const char *fmt, ...) {
  genai__buf b = {0};
  va_list ap;
  va_start(ap, fmt);
  genai_result rc = genai__buf_vprintf(&b, fmt, ap);
  va_end(ap);
  genai__api_error e = {.code = code, .message = rc == GENAI_OK ? b.data : NULL, .retry_after_ms = -1};
  genai__err_full(&e);
  genai__buf_free(&b);
  return code;
}

void genai__err_prefix(const char *prefix) {
  error_state *s = state_get(0);
  if (!s || !s->message || !prefix || !*prefix) return;
  genai__buf b = {0};
  if (genai__buf_printf(&b, "%s: %s", prefix, s->message) != GENAI_OK) {
    genai__buf_free(&b);
    return;
  }
  genai__free(s->message);
  s->message = genai__buf_take(&b);
  s->pub.message = s->message;
}

void genai__err_set_http_status(int http_status) {
  error_state *s = state_get(0);
  if (s && s->message) s->pub.http_status = http_status;
}

void genai__error_copy_clear(genai__error_copy *c) {
  genai__free(c->message);
  genai__free(c->status);
  genai__free(c->details_json);
  genai__free(c->body);
  memset(c, 0, sizeof(*c));
}

void genai__error_save(genai__error_copy *dst) {
  genai__error_copy_clear(dst);
  const genai_error *e = genai_error_last();
  dst->pub = *e;
  dst->message = genai__strdup(e->message);
  dst->status = genai__strdup(e->status ? e->status : "");
  dst->details_json = e->details_json ? genai__strdup(e->details_json) : NULL;
  dst->body = e->body ? genai__strdup(e->body) : NULL;
  /* out of memory: keep the code, with a static message */
  dst->pub.message = dst->message ? dst->message : "out of memory while keeping an error";
  dst->pub.status = dst->status ? dst->status : "";
  dst->pub.details_json = dst->details_json;
  dst->pub.body = dst->body;
}

genai_result genai__error_restore(const genai__error_copy *src) {
  genai__api_error e = {.code = src->pub.code,
                        .http_status = src->pub.http_status,
                        .status = src->pub.status,
                        .message = src->pub.message,
                        .details_json = src->pub.details_json,
                        .body = src->pub.body,
                        .retry_after_ms = src->pub.retry_after_ms};
  return genai__err_full(&e);
}

const char *genai_result_str(genai_result rc) {
  switch (rc) {
    case GENAI_OK: return "success";
    case GENAI_DONE: return "no more items";
    case GENAI_ERROR: return "internal error";
    case GENAI_EINVAL: return "invalid argument";
    case GENAI_ENOMEM: return "out of memory";
    case GENAI_ETRANSPORT: return "network error";
    case GENAI_ETIMEOUT: return "timed out";
    case GENAI_ECANCELED: return "cancelled";
    case GENAI_EAPI: return "the service returned an error";
    case GENAI_EDECODE: return "the response could not be decoded";
    case GENAI_EAUTH: return "no usable credentials";
    case GENAI_EIO: return "file input/output error";
    case GENAI_EINPROGRESS: return "still in progress";
  }
  return "unknown result code";
}

const char *genai_result_name(genai_result rc) {
  switch (rc) {
    case GENAI_OK: return "GENAI_OK";
    case GENAI_DONE: return "GENAI_DONE";
    case GENAI_ERROR: return "GENAI_ERROR";
    case GENAI_EINVAL: return "GENAI_EINVAL";
    case GENAI_ENOMEM: return "GENAI_ENOMEM";
    case GENAI_ETRANSPORT: return "GENAI_ETRANSPORT";
    case GENAI_ETIMEOUT: return "GENAI_ETIMEOUT";
    case GENAI_ECANCELED: return "GENAI_ECANCELED";
    case GENAI_EAPI: return "GENAI_EAPI";
    case GENAI_EDECODE: return "GENAI_EDECODE";
    case GENAI_EAUTH: return "GENAI_EAUTH";
    case GENAI_EIO: return "GENAI_EIO";
    case GENAI_EINPROGRESS: return "GENAI_EINPROGRESS";
  }
  return "GENAI_UNKNOWN";
}
