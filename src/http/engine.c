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

#define POOL_MAX 16
/* Connections the shared cache keeps open. Each private multi handle would
 * otherwise cap the shared cache at 4 per handle and close connections that
 * other threads are about to reuse. */
#define CACHE_MAX_CONNECTIONS 64

typedef struct conn {
  CURL *easy;
  CURLM *multi;
} conn;

struct genai__http {
  CURLSH *share;
  pthread_mutex_t locks[CURL_LOCK_DATA_LAST];
  pthread_mutex_t pool_lock;
  conn pool[POOL_MAX];
  size_t npool;
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
  curl_share_setopt(h->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
  curl_share_setopt(h->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  curl_share_setopt(h->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
  *out = h;
  return GENAI_OK;
}

static void conn_close(conn *c) {
  if (c->multi) curl_multi_cleanup(c->multi);
  if (c->easy) curl_easy_cleanup(c->easy);
  c->easy = NULL;
  c->multi = NULL;
}

void genai__http_free(genai__http *h) {
  if (!h) return;
  for (size_t i = 0; i < h->npool; i++) conn_close(&h->pool[i]);
  if (h->share) curl_share_cleanup(h->share);
  for (int i = 0; i < CURL_LOCK_DATA_LAST; i++) pthread_mutex_destroy(&h->locks[i]);
  pthread_mutex_destroy(&h->pool_lock);
  genai__free(h);
}

static genai_result conn_checkout(genai__http *h, conn *out) {
  pthread_mutex_lock(&h->pool_lock);
  if (h->npool > 0) {
    *out = h->pool[--h->npool];
    pthread_mutex_unlock(&h->pool_lock);
    curl_easy_reset(out->easy);
    return GENAI_OK;
  }
  pthread_mutex_unlock(&h->pool_lock);
  out->easy = curl_easy_init();
  out->multi = curl_multi_init();
  if (!out->easy || !out->multi) {
    conn_close(out);
    return genai__err(GENAI_ENOMEM, "out of memory creating an HTTP handle");
  }
  curl_multi_setopt(out->multi, CURLMOPT_MAXCONNECTS, (long)CACHE_MAX_CONNECTIONS);
  return GENAI_OK;
}

static void conn_checkin(genai__http *h, conn *c) {
  pthread_mutex_lock(&h->pool_lock);
  if (h->npool < POOL_MAX) {
    h->pool[h->npool++] = *c;
    c->easy = NULL;
    c->multi = NULL;
  }
  pthread_mutex_unlock(&h->pool_lock);
  conn_close(c);
}

typedef struct xfer {
  const genai__request *req;
  genai__response *resp;
  int64_t started_ms;
  int64_t last_activity_ms;
  curl_off_t last_dl, last_ul;
  bool headers_done;    /* the response headers have all arrived */
  bool idle_expired;
  bool header_timeout;  /* a streaming request's timeout_ms ran out before the headers */
  bool too_large;
  bool sink_aborted;
  bool paused;          /* the sink asked to wait */
  char errbuf[CURL_ERROR_SIZE];
} xfer;

struct genai__transfer {
  genai__http *http;
  conn c;
  struct curl_slist *headers;
  xfer x;
  bool running;
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
  return genai__buf_append(&x->resp->body, data, n) == GENAI_OK ? n : 0;
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
    return n;
  }
  const char *colon = memchr(data, ':', n);
  if (!colon) return n;
  size_t name_len = (size_t)(colon - data);
  const char *v = colon + 1, *end = data + n;
  while (v < end && (*v == ' ' || *v == '\t')) v++;
  while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ')) end--;
  return genai__headers_add(&x->resp->headers, data, name_len, v, (size_t)(end - v)) == GENAI_OK ? n : 0;
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
  if (x->req->settings.idle_timeout_ms > 0 && now - x->last_activity_ms > x->req->settings.idle_timeout_ms) {
    x->idle_expired = true;
    return 1;
  }
  /* A stream's timeout_ms bounds the wait for its answer to start, never
   * the stream itself, however long it keeps delivering. */
  if (x->req->sink && x->req->settings.timeout_ms > 0 && !x->headers_done &&
      now - x->started_ms > x->req->settings.timeout_ms) {
    x->header_timeout = true;
    return 1;
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
  genai__log(GENAI_LOG_DEBUG, "%s %s", req->method, req->url);
  for (size_t i = 0; req->headers && i < req->headers->count; i++) {
    const genai__header *hd = &req->headers->items[i];
    genai__log(GENAI_LOG_DEBUG, "> %s: %s", hd->name, genai__header_is_secret(hd->name) ? "[REDACTED]" : hd->value);
  }
}

static void set_options(genai__http *h, CURL *e, const genai__request *req, struct curl_slist *headers, xfer *x) {
  curl_easy_setopt(e, CURLOPT_URL, req->url);
  curl_easy_setopt(e, CURLOPT_SHARE, h->share);
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
  curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(e, CURLOPT_XFERINFODATA, x);
  curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, (long)req->settings.connect_timeout_ms);
  if (req->settings.timeout_ms > 0 && !req->sink)
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)req->settings.timeout_ms);
  const char *ca_file = getenv("SSL_CERT_FILE"), *ca_dir = getenv("SSL_CERT_DIR");
  if (ca_file && *ca_file) curl_easy_setopt(e, CURLOPT_CAINFO, ca_file);
  if (ca_dir && *ca_dir) curl_easy_setopt(e, CURLOPT_CAPATH, ca_dir);
  if (!strcmp(req->method, "GET")) {
    curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
  } else {
    if (strcmp(req->method, "POST")) curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, req->method);
    if (req->body || !strcmp(req->method, "POST")) {
      curl_easy_setopt(e, CURLOPT_POSTFIELDS, req->body ? req->body : "");
      curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)(req->body ? req->body_len : 0));
    }
  }
}

/* Drives the transfer until it completes (returns true with *result) or
 * until(until_data) asks to stop after some progress (returns false). */
static bool drive(conn *c, bool (*until)(void *), void *until_data, CURLcode *result) {
  int running = 1;
  for (;;) {
    CURLMcode mc = curl_multi_perform(c->multi, &running);
    if (mc != CURLM_OK) {
      *result = CURLE_FAILED_INIT;
      return true;
    }
    int left;
    CURLMsg *msg;
    bool done = false;
    while ((msg = curl_multi_info_read(c->multi, &left)) != NULL)
      if (msg->msg == CURLMSG_DONE) {
        *result = msg->data.result;
        done = true;
      }
    if (done || !running) {
      if (!done) *result = CURLE_OK;
      return true;
    }
    if (until && until(until_data)) return false;
    if (curl_multi_poll(c->multi, NULL, 0, 1000, NULL) != CURLM_OK) {
      *result = CURLE_FAILED_INIT;
      return true;
    }
  }
}

static genai_result transport_error(const genai__request *req, const xfer *x, CURL *e, CURLcode cc, bool *retryable) {
  const char *detail = x->errbuf[0] ? x->errbuf : curl_easy_strerror(cc);
  *retryable = false;
  if (x->idle_expired)
    return genai__err(GENAI_ETIMEOUT, "%s %s: no data was sent or received for %lld ms (idle_timeout_ms)",
                      req->method, req->url, (long long)req->settings.idle_timeout_ms);
  if (x->header_timeout) {
    *retryable = true;
    return genai__err(GENAI_ETIMEOUT, "%s %s: the answer did not start within %lld ms (timeout_ms)", req->method,
                      req->url, (long long)req->settings.timeout_ms);
  }
  if (x->too_large)
    return genai__err(GENAI_EDECODE, "%s %s: the response is larger than %zu bytes", req->method, req->url,
                      req->settings.max_response_bytes);
  if (x->sink_aborted) return genai__err(GENAI_ECANCELED, "%s %s: the transfer was stopped", req->method, req->url);
  if (cc == CURLE_OPERATION_TIMEDOUT) {
    curl_off_t connected = 0;
    curl_easy_getinfo(e, CURLINFO_CONNECT_TIME_T, &connected);
    *retryable = true;
    if (connected == 0)
      return genai__err(GENAI_ETIMEOUT, "%s %s: could not connect within %lld ms (connect_timeout_ms): %s",
                        req->method, req->url, (long long)req->settings.connect_timeout_ms, detail);
    return genai__err(GENAI_ETIMEOUT, "%s %s: no complete answer within %lld ms (timeout_ms)", req->method, req->url,
                      (long long)req->settings.timeout_ms);
  }
  switch (cc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_GOT_NOTHING: *retryable = true; break;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR: *retryable = x->resp->status == 0; break;
    case CURLE_OUT_OF_MEMORY: return genai__err(GENAI_ENOMEM, "out of memory during %s %s", req->method, req->url);
    default: break;
  }
  return genai__err(GENAI_ETRANSPORT, "%s %s: %s", req->method, req->url, detail);
}

genai_result genai__transfer_start(genai__http *h, const genai__request *req, genai__response *resp,
                                   genai__transfer **out) {
  *out = NULL;
  genai__response_clear(resp);
  genai__transfer *t = genai__calloc(1, sizeof(*t));
  if (!t) return genai__err(GENAI_ENOMEM, "out of memory");
  t->http = h;
  genai_result rc = conn_checkout(h, &t->c);
  if (rc == GENAI_OK) {
    t->headers = header_list(req->headers, &rc);
    if (rc != GENAI_OK) rc = genai__err(GENAI_ENOMEM, "out of memory");
  }
  if (rc == GENAI_OK) {
    t->x = (xfer){.req = req, .resp = resp, .started_ms = genai__now_ms(), .last_activity_ms = genai__now_ms()};
    set_options(h, t->c.easy, req, t->headers, &t->x);
    log_request(req);
    if (curl_multi_add_handle(t->c.multi, t->c.easy) != CURLM_OK) rc = genai__err(GENAI_ENOMEM, "out of memory");
    else t->running = true;
  }
  if (rc != GENAI_OK) {
    genai__transfer_free(t);
    return rc;
  }
  *out = t;
  return GENAI_OK;
}

genai_result genai__transfer_run(genai__transfer *t, bool (*until)(void *), void *until_data, bool *done,
                                 bool *retryable) {
  *done = false;
  *retryable = false;
  if (!t->running) {
    *done = true;
    return GENAI_OK;
  }
  /* Idle time counts while this call waits, not while the caller held the
   * stream between two calls. */
  t->x.last_activity_ms = genai__now_ms();
  CURLcode cc = CURLE_OK;
  if (!drive(&t->c, until, until_data, &cc)) return GENAI_OK;
  *done = true;
  t->running = false;
  curl_multi_remove_handle(t->c.multi, t->c.easy);
  const genai__request *req = t->x.req;
  genai__response *resp = t->x.resp;
  if (cc == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(t->c.easy, CURLINFO_RESPONSE_CODE, &status);
    resp->status = status;
    genai__log(GENAI_LOG_DEBUG, "< %ld from %s %s in %lld ms (%zu bytes)", status, req->method, req->url,
               (long long)(genai__now_ms() - t->x.started_ms), resp->body.len);
    return GENAI_OK;
  }
  genai_result rc = transport_error(req, &t->x, t->c.easy, cc, retryable);
  genai__log(GENAI_LOG_DEBUG, "transfer failed: %s", genai_error_last()->message);
  return rc;
}

bool genai__transfer_headers_done(const genai__transfer *t) { return t->x.headers_done; }

bool genai__transfer_paused(const genai__transfer *t) { return t->x.paused; }

void genai__transfer_resume(genai__transfer *t) {
  if (!t->x.paused) return;
  t->x.paused = false;
  t->x.last_activity_ms = genai__now_ms();
  /* may call on_body with the held bytes, which can pause again */
  curl_easy_pause(t->c.easy, CURLPAUSE_CONT);
}

void genai__transfer_free(genai__transfer *t) {
  if (!t) return;
  if (t->running) curl_multi_remove_handle(t->c.multi, t->c.easy); /* aborts: the connection is closed */
  if (t->c.easy) {
    curl_easy_setopt(t->c.easy, CURLOPT_HTTPHEADER, NULL);
    curl_easy_setopt(t->c.easy, CURLOPT_ERRORBUFFER, NULL);
    conn_checkin(t->http, &t->c);
  }
  curl_slist_free_all(t->headers);
  genai__free(t);
}

genai_result genai__http_attempt(genai__http *h, const genai__request *req, genai__response *resp, bool *retryable) {
  *retryable = false;
  genai__transfer *t = NULL;
  genai_result rc = genai__transfer_start(h, req, resp, &t);
  bool done = false;
  if (rc == GENAI_OK) rc = genai__transfer_run(t, NULL, NULL, &done, retryable);
  genai__transfer_free(t);
  return rc;
}

void genai__response_clear(genai__response *resp) {
  genai__buf_free(&resp->body);
  genai__headers_clear(&resp->headers);
  resp->status = 0;
  resp->sink_started = false;
}
