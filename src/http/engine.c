#include "http/engine.h"

#include <ctype.h>
#include <curl/curl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/error.h"
#include "core/log.h"
#include "http/driver.h"

#define POOL_MAX 64

/* An easy handle; connections themselves live in the shared cache. */
typedef struct conn {
  CURL *easy;
} conn;

#define DRIVERS_MAX 8

struct genai__http {
  CURLSH *share;
  pthread_mutex_t locks[CURL_LOCK_DATA_LAST];
  pthread_mutex_t pool_lock;
  conn pool[POOL_MAX];
  size_t npool;
  /* Idle drivers of finished synchronous calls: a multi handle costs more
   * to create than a small call costs to run. */
  genai__driver *drivers[DRIVERS_MAX];
  size_t ndrivers;
};

int64_t genai__now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void share_lock(CURL *handle, curl_lock_data data, curl_lock_access access, void *userptr) {
  (void)handle;
  (void)access;
  genai__http *h = userptr;
  pthread_mutex_lock(&h->locks[data]);
}

static void share_unlock(CURL *handle, curl_lock_data data, void *userptr) {
  (void)handle;
  genai__http *h = userptr;
  pthread_mutex_unlock(&h->locks[data]);
}

genai_result genai__http_new(genai__http **out) {
  genai__http *h = genai__calloc(1, sizeof(*h));
  if (!h) return genai__err(GENAI_ENOMEM, "out of memory");
  for (int i = 0; i < CURL_LOCK_DATA_LAST; i++) pthread_mutex_init(&h->locks[i], NULL);
  pthread_mutex_init(&h->pool_lock, NULL);
  h->share = curl_share_init();
  if (!h->share) {
    genai__http_free(h);
    return genai__err(GENAI_ENOMEM, "out of memory creating the connection cache");
  }
  curl_share_setopt(h->share, CURLSHOPT_LOCKFUNC, share_lock);
  curl_share_setopt(h->share, CURLSHOPT_UNLOCKFUNC, share_unlock);
  curl_share_setopt(h->share, CURLSHOPT_USERDATA, h);
  /* Sharing is an optimisation: a libcurl built without TLS refuses the
   * session cache and the client works without it. Only a failed
   * allocation is an error. */
  const curl_lock_data shared[] = {CURL_LOCK_DATA_CONNECT, CURL_LOCK_DATA_DNS, CURL_LOCK_DATA_SSL_SESSION};
  for (size_t i = 0; i < sizeof(shared) / sizeof(shared[0]); i++) {
    if (curl_share_setopt(h->share, CURLSHOPT_SHARE, shared[i]) == CURLSHE_NOMEM) {
      genai__http_free(h);
      return genai__err(GENAI_ENOMEM, "out of memory creating the connection cache");
    }
  }
  *out = h;
  return GENAI_OK;
}

static void conn_close(conn *c) {
  if (c->easy) curl_easy_cleanup(c->easy);
  c->easy = NULL;
}

void genai__http_free(genai__http *h) {
  if (!h) return;
  for (size_t i = 0; i < h->ndrivers; i++) genai__driver_free(h->drivers[i]);
  for (size_t i = 0; i < h->npool; i++) conn_close(&h->pool[i]);
  if (h->share) curl_share_cleanup(h->share);
  for (int i = 0; i < CURL_LOCK_DATA_LAST; i++) pthread_mutex_destroy(&h->locks[i]);
  pthread_mutex_destroy(&h->pool_lock);
  genai__free(h);
}

genai_result genai__http_driver_checkout(genai__http *h, genai__driver **out) {
  pthread_mutex_lock(&h->pool_lock);
  *out = h->ndrivers ? h->drivers[--h->ndrivers] : NULL;
  pthread_mutex_unlock(&h->pool_lock);
  return *out ? GENAI_OK : genai__driver_new(NULL, out);
}

void genai__http_driver_checkin(genai__http *h, genai__driver *d) {
  if (!d) return;
  if (!genai__driver_pending(d)) {
    pthread_mutex_lock(&h->pool_lock);
    if (h->ndrivers < DRIVERS_MAX) {
      h->drivers[h->ndrivers++] = d;
      d = NULL;
    }
    pthread_mutex_unlock(&h->pool_lock);
  }
  genai__driver_free(d);
}

static genai_result conn_checkout(genai__http *h, conn *out) {
  pthread_mutex_lock(&h->pool_lock);
  if (h->npool > 0) {
    *out = h->pool[--h->npool];
    pthread_mutex_unlock(&h->pool_lock);
    /* curl_easy_reset reports nothing: one that could not allocate leaves
     * the handle half set up (a transfer on it then hangs), so a new one
     * takes its place */
    unsigned failures = genai__alloc_failures();
    curl_easy_reset(out->easy);
    if (genai__alloc_failures() == failures) return GENAI_OK;
    conn_close(out);
  } else {
    pthread_mutex_unlock(&h->pool_lock);
  }
  out->easy = curl_easy_init();
  if (!out->easy) return genai__err(GENAI_ENOMEM, "out of memory creating an HTTP handle");
  return GENAI_OK;
}

static void conn_checkin(genai__http *h, conn *c) {
  pthread_mutex_lock(&h->pool_lock);
  if (h->npool < POOL_MAX) {
    h->pool[h->npool++] = *c;
    c->easy = NULL;
  }
  pthread_mutex_unlock(&h->pool_lock);
  conn_close(c);
}

typedef struct xfer {
  struct genai__transfer *owner;
  const genai__request *req;
  genai__response *resp;
  int64_t started_ms;
  int64_t last_activity_ms;
  curl_off_t last_dl, last_ul;
  bool headers_done;    /* the response headers have all arrived */
  bool idle_expired;
  bool header_timeout;  /* a streaming request's timeout_ms ran out before the headers */
  bool too_large;
  bool no_memory;       /* a callback could not keep what arrived */
  unsigned failures;    /* the thread's failed allocations when the transfer began */
  bool sink_aborted;
  bool paused;          /* the sink asked to wait */
  bool read_failed;     /* the request's body source failed */
  char errbuf[CURL_ERROR_SIZE];
} xfer;

struct genai__transfer {
  genai__http *http;
  genai__driver *driver;
  conn c;
  struct curl_slist *headers;
  xfer x;
  bool running;
  genai__transfer_done_fn done;
  genai__transfer_headers_fn on_headers;
  void *data;
  genai__timer idle_timer, header_timer;
  genai__deferred headers_work; /* tells the owner, outside libcurl, that a 2xx answer began */
};

static size_t on_body(char *data, size_t size, size_t nmemb, void *userdata) {
  xfer *x = userdata;
  size_t n = size * nmemb;
  x->last_activity_ms = genai__now_ms();
  if (x->req->sink && x->resp->status >= 200 && x->resp->status < 300) {
    switch (x->req->sink(x->req->sink_data, data, n)) {
      case GENAI__SINK_TAKE:
        x->resp->sink_started = true;
        return n;
      case GENAI__SINK_PAUSE:
        x->paused = true;
        genai__timer_stop(x->owner->driver, &x->owner->idle_timer);
        return CURL_WRITEFUNC_PAUSE;
      case GENAI__SINK_ABORT:
        break;
    }
    x->resp->sink_started = true;
    x->sink_aborted = true;
    return 0;
  }
  if (x->resp->body.len + n > x->req->settings.max_response_bytes) {
    x->too_large = true;
    return 0;
  }
  if (genai__buf_append(&x->resp->body, data, n) == GENAI_OK) return n;
  x->no_memory = true;
  return 0;
}

static size_t on_read(char *buf, size_t size, size_t nitems, void *userdata) {
  xfer *x = userdata;
  size_t n = x->req->read(x->req->read_data, buf, size * nitems);
  if (n == (size_t)-1) {
    x->read_failed = true;
    return CURL_READFUNC_ABORT;
  }
  if (n) x->last_activity_ms = genai__now_ms();
  return n;
}

static void notify_headers(void *data) {
  genai__transfer *t = data;
  if (t->running && t->on_headers) t->on_headers(t->data);
}

static size_t on_header(char *data, size_t size, size_t nitems, void *userdata) {
  xfer *x = userdata;
  size_t n = size * nitems;
  x->last_activity_ms = genai__now_ms();
  if (n >= 5 && !memcmp(data, "HTTP/", 5)) { /* a new response (after 100 Continue, say) */
    genai__headers_clear(&x->resp->headers);
    long status = 0;
    const char *sp = memchr(data, ' ', n);
    if (sp) status = strtol(sp + 1, NULL, 10);
    x->resp->status = status;
    x->headers_done = false;
    return n;
  }
  if ((n == 2 && data[0] == '\r') || (n == 1 && data[0] == '\n')) {
    x->headers_done = x->resp->status >= 200; /* the end of a final (not 1xx) header block */
    if (x->headers_done && x->owner->on_headers)
      genai__defer(x->owner->driver, &x->owner->headers_work, notify_headers, x->owner);
    return n;
  }
  const char *colon = memchr(data, ':', n);
  if (!colon) return n;
  size_t name_len = (size_t)(colon - data);
  const char *v = colon + 1, *end = data + n;
  while (v < end && (*v == ' ' || *v == '\t')) v++;
  while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ')) end--;
  if (genai__headers_add(&x->resp->headers, data, name_len, v, (size_t)(end - v)) == GENAI_OK) return n;
  x->no_memory = true;
  return 0;
}

static int on_progress(void *userdata, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow) {
  (void)dltotal;
  (void)ultotal;
  xfer *x = userdata;
  int64_t now = genai__now_ms();
  if (dlnow != x->last_dl || ulnow != x->last_ul) {
    x->last_dl = dlnow;
    x->last_ul = ulnow;
    x->last_activity_ms = now;
  }
  return 0;
}

static struct curl_slist *header_list(const genai__headers *h, genai_result *rc) {
  struct curl_slist *list = NULL;
  genai__buf line = {0};
  *rc = GENAI_OK;
  for (size_t i = 0; h && i < h->count; i++) {
    genai__buf_reset(&line);
    /* "Name;" sends an empty header; "Name:" would remove it. */
    if ((*h->items[i].value ? genai__buf_printf(&line, "%s: %s", h->items[i].name, h->items[i].value)
                            : genai__buf_printf(&line, "%s;", h->items[i].name)) != GENAI_OK) {
      *rc = GENAI_ENOMEM;
      break;
    }
    struct curl_slist *next = curl_slist_append(list, line.data);
    if (!next) {
      *rc = GENAI_ENOMEM;
      break;
    }
    list = next;
  }
  if (*rc == GENAI_OK) {
    struct curl_slist *next = curl_slist_append(list, "Expect:"); /* no 100-continue round trip */
    if (next) list = next;
    else *rc = GENAI_ENOMEM;
  }
  genai__buf_free(&line);
  if (*rc != GENAI_OK) {
    curl_slist_free_all(list);
    return NULL;
  }
  return list;
}

static void log_request(const genai__request *req) {
  if (!genai__log_enabled(GENAI_LOG_DEBUG)) return;
  genai__log(GENAI_LOG_DEBUG, "%s %s", req->method, genai__request_shown_url(req));
  for (size_t i = 0; req->headers && i < req->headers->count; i++) {
    const genai__header *hd = &req->headers->items[i];
    genai__log(GENAI_LOG_DEBUG, "> %s: %s", hd->name, genai__header_is_secret(hd->name) ? "[REDACTED]" : hd->value);
  }
}

/* The CA bundle of $SSL_CERT_FILE and $SSL_CERT_DIR, as the Python SDK
 * reads them; libcurl's own defaults otherwise. */
int genai__curl_set_ca(void *e) {
  const char *ca_file = getenv("SSL_CERT_FILE"), *ca_dir = getenv("SSL_CERT_DIR");
  CURLcode cc = CURLE_OK;
  if (ca_file && *ca_file) cc = curl_easy_setopt(e, CURLOPT_CAINFO, ca_file);
  if (cc == CURLE_OK && ca_dir && *ca_dir) cc = curl_easy_setopt(e, CURLOPT_CAPATH, ca_dir);
  return cc;
}

/* Every option is checked: libcurl copies strings (the URL among them), and
 * a copy that failed would otherwise surface later as an unrelated error. */
static genai_result set_options(genai__http *h, CURL *e, const genai__request *req, struct curl_slist *headers, xfer *x) {
  CURLcode cc = CURLE_OK;
#define SET(option, value) \
  do {                     \
    if (cc == CURLE_OK) cc = curl_easy_setopt(e, option, value); \
  } while (0)
  SET(CURLOPT_URL, req->url);
  SET(CURLOPT_SHARE, h->share);
  SET(CURLOPT_NOSIGNAL, 1L);
  SET(CURLOPT_PROTOCOLS_STR, "http,https");
  SET(CURLOPT_HTTPHEADER, headers);
  SET(CURLOPT_ACCEPT_ENCODING, "");
  SET(CURLOPT_TCP_KEEPALIVE, 1L);
  SET(CURLOPT_ERRORBUFFER, x->errbuf);
  SET(CURLOPT_WRITEFUNCTION, on_body);
  SET(CURLOPT_WRITEDATA, x);
  SET(CURLOPT_HEADERFUNCTION, on_header);
  SET(CURLOPT_HEADERDATA, x);
  SET(CURLOPT_XFERINFOFUNCTION, on_progress);
  SET(CURLOPT_XFERINFODATA, x);
  SET(CURLOPT_NOPROGRESS, 0L);
  SET(CURLOPT_CONNECTTIMEOUT_MS, (long)req->settings.connect_timeout_ms);
  if (req->settings.timeout_ms > 0 && !req->sink)
    SET(CURLOPT_TIMEOUT_MS, (long)req->settings.timeout_ms);
  if (cc == CURLE_OK) cc = (CURLcode)genai__curl_set_ca(e);
  if (req->read) {
    SET(CURLOPT_POST, 1L);
    SET(CURLOPT_READFUNCTION, on_read);
    SET(CURLOPT_READDATA, x);
    SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->body_len);
  } else if (!strcmp(req->method, "GET")) {
    SET(CURLOPT_HTTPGET, 1L);
  } else {
    if (strcmp(req->method, "POST")) SET(CURLOPT_CUSTOMREQUEST, req->method);
    if (req->body || !strcmp(req->method, "POST")) {
      SET(CURLOPT_POSTFIELDS, req->body ? req->body : "");
      SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)(req->body ? req->body_len : 0));
    }
  }
#undef SET
  if (cc == CURLE_OUT_OF_MEMORY) return genai__err(GENAI_ENOMEM, "out of memory preparing %s %s", req->method, genai__request_shown_url(req));
  if (cc != CURLE_OK)
    return genai__err(GENAI_ETRANSPORT, "%s %s: libcurl refused an option: %s", req->method, genai__request_shown_url(req),
                      curl_easy_strerror(cc));
  return GENAI_OK;
}

static genai_result transport_error_of(const genai__request *req, const xfer *x, CURL *e, CURLcode cc,
                                      bool *retryable) {
  const char *detail = x->errbuf[0] ? x->errbuf : curl_easy_strerror(cc);
  *retryable = false;
  if (x->idle_expired)
    return genai__err(GENAI_ETIMEOUT, "%s %s: no data was sent or received for %lld ms (idle_timeout_ms)",
                      req->method, genai__request_shown_url(req), (long long)req->settings.idle_timeout_ms);
  if (x->header_timeout) {
    *retryable = true;
    return genai__err(GENAI_ETIMEOUT, "%s %s: the answer did not start within %lld ms (timeout_ms)", req->method,
                      genai__request_shown_url(req), (long long)req->settings.timeout_ms);
  }
  if (x->too_large)
    return genai__err(GENAI_EDECODE, "HTTP %ld answer: the response to %s %s is larger than %zu bytes",
                      x->resp->status, req->method, genai__request_shown_url(req), req->settings.max_response_bytes);
  if (x->no_memory || cc == CURLE_OUT_OF_MEMORY || genai__alloc_failures() != x->failures)
    return genai__err(GENAI_ENOMEM, "out of memory during %s %s", req->method, genai__request_shown_url(req));
  if (x->read_failed)
    return genai__err(GENAI_EIO, "%s %s: reading the request body failed", req->method, genai__request_shown_url(req));
  if (x->sink_aborted) return genai__err(GENAI_ECANCELED, "%s %s: the transfer was stopped", req->method, genai__request_shown_url(req));
  if (cc == CURLE_OPERATION_TIMEDOUT) {
    curl_off_t connected = 0;
    curl_easy_getinfo(e, CURLINFO_CONNECT_TIME_T, &connected);
    *retryable = true;
    if (connected == 0)
      return genai__err(GENAI_ETIMEOUT, "%s %s: could not connect within %lld ms (connect_timeout_ms): %s",
                        req->method, genai__request_shown_url(req), (long long)req->settings.connect_timeout_ms, detail);
    return genai__err(GENAI_ETIMEOUT, "%s %s: no complete answer within %lld ms (timeout_ms)", req->method, genai__request_shown_url(req),
                      (long long)req->settings.timeout_ms);
  }
  switch (cc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_GOT_NOTHING: *retryable = true; break;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR: *retryable = x->resp->status == 0; break;
    default: break;
  }
  return genai__err(GENAI_ETRANSPORT, "%s %s: %s", req->method, genai__request_shown_url(req), detail);
}

/* The failure of a transfer, with the status of an answer that broke off
 * after its status line (a truncated body, a cut stream). */
static genai_result transport_error(const genai__request *req, const xfer *x, CURL *e, CURLcode cc, bool *retryable) {
  genai_result rc = transport_error_of(req, x, e, cc, retryable);
  if (x->resp->status > 0) genai__err_set_http_status((int)x->resp->status);
  return rc;
}

/* Ends a running transfer: off the driver, its timers stopped. */
static void detach(genai__transfer *t) {
  if (!t->running) return;
  t->running = false;
  genai__timer_stop(t->driver, &t->idle_timer);
  genai__timer_stop(t->driver, &t->header_timer);
  genai__defer_cancel(t->driver, &t->headers_work);
  curl_multi_remove_handle(genai__driver_curl(t->driver), t->c.easy); /* aborts: the connection is closed */
  genai__driver_transfer_removed(t->driver);
}

/* The transfer ended (libcurl's result, or a timeout of ours): the result
 * goes to the owner, with the error recorded for the calling thread. */
static void finish(genai__transfer *t, CURLcode cc) {
  if (!t->running) return;
  detach(t);
  const genai__request *req = t->x.req;
  genai__response *resp = t->x.resp;
  genai_result rc = GENAI_OK;
  bool retryable = false;
  if (cc == CURLE_OK && !t->x.idle_expired && !t->x.header_timeout) {
    long status = 0;
    curl_easy_getinfo(t->c.easy, CURLINFO_RESPONSE_CODE, &status);
    resp->status = status;
    genai__log(GENAI_LOG_DEBUG, "< %ld from %s %s in %lld ms (%zu bytes)", status, req->method, genai__request_shown_url(req),
               (long long)(genai__now_ms() - t->x.started_ms), resp->body.len);
  } else {
    rc = transport_error(req, &t->x, t->c.easy, cc, &retryable);
    genai__log(GENAI_LOG_DEBUG, "transfer failed: %s", genai_error_last()->message);
  }
  if (t->done) t->done(t->data, rc, retryable);
}

void genai__transfer_on_done(void *transfer, int curl_code) { finish(transfer, (CURLcode)curl_code); }

/* No byte either way for idle_timeout_ms while the transfer was running and
 * not paused by its reader. */
static void idle_check(void *data) {
  genai__transfer *t = data;
  if (!t->running || t->x.paused) return;
  int64_t idle = t->x.req->settings.idle_timeout_ms, deadline = t->x.last_activity_ms + idle;
  if (genai__now_ms() < deadline) {
    genai__timer_start(t->driver, &t->idle_timer, deadline, idle_check, t);
    return;
  }
  t->x.idle_expired = true;
  finish(t, CURLE_OPERATION_TIMEDOUT);
}

/* A stream's timeout_ms bounds the wait for its answer to start, never the
 * stream itself, however long it keeps delivering. */
static void header_check(void *data) {
  genai__transfer *t = data;
  if (!t->running || t->x.headers_done) return;
  t->x.header_timeout = true;
  finish(t, CURLE_OPERATION_TIMEDOUT);
}

genai_result genai__transfer_start(genai__http *h, genai__driver *d, const genai__request *req,
                                   genai__response *resp, genai__transfer_done_fn done,
                                   genai__transfer_headers_fn on_headers, void *data, genai__transfer **out) {
  *out = NULL;
  genai__response_clear(resp);
  genai__transfer *t = genai__calloc(1, sizeof(*t));
  if (!t) return genai__err(GENAI_ENOMEM, "out of memory");
  t->http = h;
  t->driver = d;
  t->done = done;
  t->on_headers = on_headers;
  t->data = data;
  int64_t now = genai__now_ms();
  genai_result rc = conn_checkout(h, &t->c);
  if (rc == GENAI_OK) {
    t->headers = header_list(req->headers, &rc);
    if (rc != GENAI_OK) rc = genai__err(GENAI_ENOMEM, "out of memory");
  }
  if (rc == GENAI_OK) {
    t->x = (xfer){.owner = t, .req = req, .resp = resp, .started_ms = now, .last_activity_ms = now,
                  .failures = genai__alloc_failures()};
    rc = set_options(h, t->c.easy, req, t->headers, &t->x);
  }
  if (rc == GENAI_OK) {
    curl_easy_setopt(t->c.easy, CURLOPT_PRIVATE, (char *)t);
    log_request(req);
    if (curl_multi_add_handle(genai__driver_curl(d), t->c.easy) != CURLM_OK) {
      rc = genai__err(GENAI_ENOMEM, "out of memory");
    } else {
      t->running = true;
      genai__driver_transfer_added(d);
      if (req->settings.idle_timeout_ms > 0)
        genai__timer_start(d, &t->idle_timer, now + req->settings.idle_timeout_ms, idle_check, t);
      if (req->sink && req->settings.timeout_ms > 0)
        genai__timer_start(d, &t->header_timer, now + req->settings.timeout_ms, header_check, t);
    }
  }
  if (rc != GENAI_OK) {
    genai__transfer_free(t);
    return rc;
  }
  *out = t;
  return GENAI_OK;
}

bool genai__transfer_running(const genai__transfer *t) { return t && t->running; }

bool genai__transfer_headers_done(const genai__transfer *t) { return t->x.headers_done; }

bool genai__transfer_paused(const genai__transfer *t) { return t->x.paused; }

void genai__transfer_touch(genai__transfer *t) {
  if (t) t->x.last_activity_ms = genai__now_ms();
}

void genai__transfer_resume(genai__transfer *t) {
  if (!t || !t->x.paused || !t->running) return;
  t->x.paused = false;
  t->x.last_activity_ms = genai__now_ms();
  if (t->x.req->settings.idle_timeout_ms > 0)
    genai__timer_start(t->driver, &t->idle_timer, t->x.last_activity_ms + t->x.req->settings.idle_timeout_ms,
                       idle_check, t);
  /* may call on_body with the held bytes, which can pause again */
  curl_easy_pause(t->c.easy, CURLPAUSE_CONT);
}

void genai__transfer_free(genai__transfer *t) {
  if (!t) return;
  detach(t);
  if (t->c.easy) {
    curl_easy_setopt(t->c.easy, CURLOPT_HTTPHEADER, NULL);
    curl_easy_setopt(t->c.easy, CURLOPT_ERRORBUFFER, NULL);
    curl_easy_setopt(t->c.easy, CURLOPT_PRIVATE, NULL);
    conn_checkin(t->http, &t->c);
  }
  curl_slist_free_all(t->headers);
  genai__free(t);
}

void genai__response_clear(genai__response *resp) {
  genai__buf_free(&resp->body);
  genai__headers_clear(&resp->headers);
  resp->status = 0;
  resp->sink_started = false;
}
