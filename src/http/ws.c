#include "http/ws.h"

#include <ctype.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <strings.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <libwebsockets.h>
#if defined(LWS_WITH_TLS) && !defined(LWS_WITH_MBEDTLS)
#include <openssl/x509.h>
#define WS_OPENSSL 1
#endif

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/log.h"

/* Larger messages are refused (close 1009): Live messages carry chunks of
 * audio or video, never whole files. */
#define MAX_MESSAGE ((size_t)64 * 1024 * 1024)
/* How long a normal close waits for the server's answer. */
#define CLOSE_WAIT_MS 2000
#define DEFAULT_CONNECT_TIMEOUT_MS 10000
/* the connection, libwebsockets' wakeup pipe, room for a reconnect */
#define FDS_PER_CONTEXT 8
#define CLOSE_ABNORMAL 1006

typedef struct message {
  char *data;
  size_t len;
  struct message *next;
} message;

struct genai__ws {
  struct lws_context *ctx;
  struct lws *wsi;
  genai__ws_state state;
  genai__headers headers;        /* sent with the upgrade; cleared once it is over */
  char host[256];                /* for messages */
  int64_t connect_timeout_ms;
  int http_status;               /* of a refused upgrade */
  char error[160];               /* why the connection failed, from libwebsockets */
  bool tls;                      /* wss:// */
  char cert_error[160];          /* why OpenSSL refused the server's certificate, if it did */
  bool cert_untrusted;           /* ... because no trusted CA vouches for it */
  int close_code;                /* sent by the server; CLOSE_ABNORMAL when none came */
  char close_reason[124];
  bool opened;                   /* the handshake succeeded (it may have closed since) */
  bool closing;                  /* we asked for the close */
  genai__buf rx;                 /* the message being received */
  bool rx_too_big;
  bool oom;                      /* a received message was lost for want of memory */
  message *head, *tail;          /* received, not yet handed out */
  message *current;              /* handed out by the last genai__ws_take */
  message *tx_head, *tx_tail;    /* to send: LWS_PRE bytes, then the message */
  lws_sorted_usec_list_t wake;   /* bounds each wait in lws_service */
  lws_retry_bo_t retry;          /* keepalive ping policy */
};

static int64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* libwebsockets' log is off: it formats every line in one static buffer, a
 * data race between sessions on different threads (ThreadSanitizer found
 * it), and by default it prints notices on stderr at every connect. What a
 * failure needs is in the result: the connection error text and the HTTP
 * status come through the callbacks. The level is process-wide. */
static pthread_once_t log_once = PTHREAD_ONCE_INIT;
static void set_log(void) { lws_set_log_level(0, NULL); }

static void queue_message(genai__ws *ws) {
  message *m = genai__calloc(1, sizeof *m);
  if (!m) {
    genai__buf_free(&ws->rx);
    ws->oom = true;
    return;
  }
  m->len = ws->rx.len;
  m->data = genai__buf_take(&ws->rx);
  if (!m->data) { /* an empty message: give it storage so data is never NULL */
    m->data = genai__strdup("");
    if (!m->data) {
      genai__free(m);
      ws->oom = true;
      return;
    }
  }
  if (ws->tail)
    ws->tail->next = m;
  else
    ws->head = m;
  ws->tail = m;
}

static int append_headers(genai__ws *ws, struct lws *wsi, void *in, size_t len) {
  unsigned char **p = in, *end = *p + len;
  for (size_t i = 0; i < ws->headers.count; i++) {
    const genai__header *h = &ws->headers.items[i];
    char name[128];
    if (snprintf(name, sizeof name, "%s:", h->name) >= (int)sizeof name) return -1;
    if (lws_add_http_header_by_name(wsi, (const unsigned char *)name, (const unsigned char *)h->value,
                                    (int)strlen(h->value), p, end))
      return -1;
  }
  return 0;
}

static int on_event(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in, size_t len) {
  (void)user;
  struct lws_context *ctx = lws_get_context(wsi);
  genai__ws *ws = ctx ? lws_context_user(ctx) : NULL;
  if (!ws) return 0;
  switch (reason) {
    case LWS_CALLBACK_CLIENT_APPEND_HANDSHAKE_HEADER:
      return append_headers(ws, wsi, in, len);
    case LWS_CALLBACK_CLIENT_ESTABLISHED:
      ws->state = GENAI__WS_OPEN;
      ws->opened = true;
      genai__headers_clear(&ws->headers);
      if (ws->tx_head || ws->closing) lws_callback_on_writable(wsi);
      break;
    case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
      ws->http_status = (int)lws_http_client_http_response(wsi);
      snprintf(ws->error, sizeof ws->error, "%.*s", in ? (int)len : 0, in ? (const char *)in : "");
      if (in && !len) snprintf(ws->error, sizeof ws->error, "%s", (const char *)in);
      ws->state = GENAI__WS_CLOSED;
      ws->wsi = NULL;
      break;
#ifdef WS_OPENSSL
    case LWS_CALLBACK_OPENSSL_PERFORM_SERVER_CERT_VERIFICATION: {
      /* OpenSSL's verdict on each certificate of the chain (user is the
       * X509_STORE_CTX, len preverify_ok); libwebsockets reports a refusal
       * only as "connect SSL err 1", so the reason is kept here. Only
       * looked at: the verdict stays OpenSSL's. */
      int err = len ? X509_V_OK : X509_STORE_CTX_get_error((X509_STORE_CTX *)user);
      if (err == X509_V_OK || ws->cert_error[0]) return 0;
      snprintf(ws->cert_error, sizeof ws->cert_error, "%s (X509 error %d)", X509_verify_cert_error_string(err), err);
      ws->cert_untrusted =
          err == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY || err == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT ||
          err == X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE || err == X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT ||
          err == X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN;
      return 0;
    }
#endif
    case LWS_CALLBACK_CLIENT_RECEIVE:
      if (!ws->rx_too_big && ws->rx.len + len > MAX_MESSAGE) {
        ws->rx_too_big = true;
        genai__buf_free(&ws->rx);
        lws_close_reason(wsi, LWS_CLOSE_STATUS_MESSAGE_TOO_LARGE, NULL, 0);
        ws->close_code = 1009;
        snprintf(ws->close_reason, sizeof ws->close_reason, "a message from the server exceeded %zu bytes",
                 MAX_MESSAGE);
        return -1;
      }
      if (genai__buf_append(&ws->rx, in, len) != GENAI_OK) {
        ws->oom = true;
        return -1;
      }
      if (lws_is_final_fragment(wsi) && !lws_remaining_packet_payload(wsi)) queue_message(ws);
      break;
    case LWS_CALLBACK_CLIENT_WRITEABLE: {
      /* one message per writable turn; the close goes after what was queued */
      message *m = ws->tx_head;
      if (!m) {
        if (!ws->closing) break;
        lws_close_reason(wsi, LWS_CLOSE_STATUS_NORMAL, NULL, 0);
        return -1;
      }
      ws->tx_head = m->next;
      if (!ws->tx_head) ws->tx_tail = NULL;
      int n = lws_write(wsi, (unsigned char *)m->data + LWS_PRE, m->len, LWS_WRITE_TEXT);
      genai__free(m->data);
      genai__free(m);
      if (n < 0) return -1;
      if (ws->tx_head || ws->closing) lws_callback_on_writable(wsi);
      break;
    }
    case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE: {
      const unsigned char *b = in;
      ws->close_code = len >= 2 ? (b[0] << 8 | b[1]) : 1005;
      if (len > 2) snprintf(ws->close_reason, sizeof ws->close_reason, "%.*s", (int)(len - 2), (const char *)b + 2);
      break;
    }
    case LWS_CALLBACK_CLIENT_CLOSED:
      if (!ws->close_code) ws->close_code = ws->closing ? 1000 : CLOSE_ABNORMAL;
      ws->state = GENAI__WS_CLOSED;
      ws->wsi = NULL;
      break;
    default:
      break;
  }
  return 0;
}

static const struct lws_protocols protocols[] = {
    {"genai-live", on_event, 0, 64 * 1024, 0, NULL, 0},
    {NULL, NULL, 0, 0, 0, NULL, 0},
};

static void on_wake(lws_sorted_usec_list_t *sul) { (void)sul; }

/* Services libwebsockets until done(ws) or the deadline (< 0: none). */
static bool pump(genai__ws *ws, int64_t deadline, bool (*done)(const genai__ws *)) {
  while (!done(ws)) {
    int64_t wait = 1000;
    if (deadline >= 0) {
      int64_t left = deadline - now_ms();
      if (left <= 0) return false;
      if (left < wait) wait = left;
    }
    /* lws_service sleeps until its next event or timer; the timer makes
     * sure it comes back by our deadline */
    lws_sul_schedule(ws->ctx, 0, &ws->wake, on_wake, (lws_usec_t)wait * LWS_US_PER_MS);
    if (lws_service(ws->ctx, (int)wait) < 0) return done(ws);
  }
  return true;
}

static bool handshake_over(const genai__ws *ws) { return ws->state != GENAI__WS_CONNECTING; }
static bool message_or_closed(const genai__ws *ws) { return ws->head || ws->oom || ws->state == GENAI__WS_CLOSED; }
static bool sent_or_closed(const genai__ws *ws) { return !ws->tx_head || ws->state == GENAI__WS_CLOSED; }
static bool closed(const genai__ws *ws) { return ws->state == GENAI__WS_CLOSED; }

static void free_messages(message *m) {
  while (m) {
    message *next = m->next;
    genai__free(m->data);
    genai__free(m);
    m = next;
  }
}

static void destroy(genai__ws *ws) {
  if (ws->ctx) {
    lws_sul_cancel(&ws->wake);
    lws_context_destroy(ws->ctx);
  }
  free_messages(ws->head);
  free_messages(ws->current);
  free_messages(ws->tx_head);
  genai__buf_free(&ws->rx);
  genai__headers_clear(&ws->headers);
  genai__free(ws);
}

static const char *env_any(const char *a, const char *b) {
  const char *v = a ? getenv(a) : NULL;
  if (!v || !*v) v = b ? getenv(b) : NULL;
  return v && *v ? v : NULL;
}

/* True when no_proxy / NO_PROXY names `host`: "*", the host itself, or a
 * domain it is in ("example.com" and ".example.com" both cover
 * api.example.com), as libcurl reads it. */
static bool no_proxy_for(const char *host) {
  const char *list = env_any("no_proxy", "NO_PROXY");
  if (!list) return false;
  size_t hlen = strlen(host);
  for (const char *p = list; *p;) {
    while (*p == ',' || isspace((unsigned char)*p)) p++;
    size_t n = strcspn(p, ", \t");
    if (n == 1 && *p == '*') return true;
    const char *name = p;
    size_t len = n;
    if (len && *name == '.') name++, len--;
    if (len && len <= hlen && strncasecmp(host + hlen - len, name, len) == 0 &&
        (len == hlen || host[hlen - len - 1] == '.'))
      return true;
    p += n;
  }
  return false;
}

/* The proxy for a connection, chosen as libcurl chooses it for the REST
 * calls: https_proxy / HTTPS_PROXY for wss, http_proxy for ws, then
 * all_proxy / ALL_PROXY, unless no_proxy covers the host. Written into out
 * as libwebsockets takes it ("[user:password@]host:port"), "" for none. */
static genai_result choose_proxy(bool tls, const char *host, char *out, size_t size) {
  out[0] = '\0';
  const char *p = tls ? env_any("https_proxy", "HTTPS_PROXY") : env_any("http_proxy", NULL);
  if (!p) p = env_any("all_proxy", "ALL_PROXY");
  if (!p || no_proxy_for(host)) return GENAI_OK;
  const char *sep = strstr(p, "://");
  if (sep && !(sep - p == 4 && strncasecmp(p, "http", 4) == 0))
    return genai__err(GENAI_ETRANSPORT, "the Live API reaches proxies over http:// only (the proxy URL has %.*s://)",
                      (int)(sep - p), p);
  const char *hostport = sep ? sep + 3 : p;
  size_t n = strcspn(hostport, "/");
  if (n == 0 || n >= size) return genai__err(GENAI_ETRANSPORT, "the proxy URL is not usable for the Live API");
  memcpy(out, hostport, n);
  out[n] = '\0';
  /* libwebsockets wants a port */
  const char *at = strrchr(out, '@');
  if (!strchr(at ? at : out, ':') && n + 3 < size) strcat(out, ":80");
  return GENAI_OK;
}

genai_result genai__ws_start(const genai__ws_options *o, genai__ws **out) {
  *out = NULL;
  pthread_once(&log_once, set_log);
  char *url = genai__strdup(o->url);
  if (!url) return genai__err(GENAI_ENOMEM, "out of memory");
  const char *scheme = NULL, *host = NULL, *path = NULL;
  int port = 0;
  if (lws_parse_uri(url, &scheme, &host, &port, &path) || (strcmp(scheme, "ws") && strcmp(scheme, "wss"))) {
    genai__free(url);
    return genai__err(GENAI_EINVAL, "the Live API URL must start with ws:// or wss://");
  }
  bool tls = strcmp(scheme, "wss") == 0;
  /* The Host header names the port when it is not the scheme's default
   * (RFC 6455 4.1, RFC 9110 7.2), as other WebSocket clients send it;
   * libwebsockets sends ci.host as it is and drops a ":port" itself for TLS
   * (SNI, certificate names). An IPv6 literal gets its brackets back. */
  char host_header[300];
  bool v6 = strchr(host, ':') != NULL;
  int hn = port != (tls ? 443 : 80) ? snprintf(host_header, sizeof host_header, v6 ? "[%s]:%d" : "%s:%d", host, port)
                                     : snprintf(host_header, sizeof host_header, v6 ? "[%s]" : "%s", host);
  if (hn < 0 || (size_t)hn >= sizeof host_header) {
    genai__free(url);
    return genai__err(GENAI_EINVAL, "the Live API URL's host name is too long");
  }
  char proxy[512];
  genai__buf full_path = {0};
  genai__ws *ws = NULL;
  genai_result rc = choose_proxy(tls, host, proxy, sizeof proxy);
  if (rc == GENAI_OK && genai__buf_printf(&full_path, "/%s", path) != GENAI_OK)
    rc = genai__err(GENAI_ENOMEM, "out of memory");
  if (rc == GENAI_OK && !(ws = genai__calloc(1, sizeof *ws))) rc = genai__err(GENAI_ENOMEM, "out of memory");
  if (rc == GENAI_OK && o->headers) rc = genai__headers_copy(&ws->headers, o->headers);
  if (rc != GENAI_OK) {
    if (ws) destroy(ws);
    genai__buf_free(&full_path);
    genai__free(url);
    return rc;
  }
  snprintf(ws->host, sizeof ws->host, "%s", host);
  ws->tls = tls;
  ws->connect_timeout_ms = o->connect_timeout_ms > 0 ? o->connect_timeout_ms : DEFAULT_CONNECT_TIMEOUT_MS;
  ws->retry.secs_since_valid_ping = (uint16_t)(o->ping_interval_s > 0 ? o->ping_interval_s : 0);
  ws->retry.secs_since_valid_hangup = (uint16_t)(o->ping_interval_s > 0 ? o->ping_interval_s * 3 : 0);
  struct lws_context_creation_info info;
  memset(&info, 0, sizeof info);
  info.port = CONTEXT_PORT_NO_LISTEN;
  info.protocols = protocols;
  info.user = ws;
  info.options = tls ? LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT : 0;
  /* "" keeps libwebsockets from reading http_proxy itself, which would
   * ignore no_proxy and the scheme */
  info.http_proxy_address = proxy;
  info.gid = -1;
  info.uid = -1;
  /* One connection per context: without a limit libwebsockets sizes its
   * descriptor tables for the process's whole ulimit -n (about 300 KiB a
   * session at 20,000); with one it keeps small ones and searches them. */
  info.fd_limit_per_thread = FDS_PER_CONTEXT;
  ws->ctx = lws_create_context(&info);
  if (!ws->ctx) {
    genai__buf_free(&full_path);
    genai__free(url);
    destroy(ws);
    return genai__err(GENAI_ENOMEM, "cannot create a libwebsockets context");
  }
  struct lws_client_connect_info ci;
  memset(&ci, 0, sizeof ci);
  ci.context = ws->ctx;
  ci.address = host;
  ci.port = port;
  ci.path = full_path.data;
  ci.host = host_header;
  /* no Origin: that is a browser's header (RFC 6455 4.1, 10.2); libwebsockets
   * would send "Origin: http://HOST" even for wss://, and neither the Python
   * nor the JS SDK sends one */
  ci.origin = NULL;
  ci.ssl_connection = tls ? LCCSCF_USE_SSL : 0;
  ci.protocol = NULL; /* the Live API negotiates no subprotocol */
  ci.pwsi = &ws->wsi;
  if (o->ping_interval_s > 0) ci.retry_and_idle_policy = &ws->retry;
  if (!lws_client_connect_via_info(&ci) && ws->state == GENAI__WS_CONNECTING) {
    ws->state = GENAI__WS_CLOSED;
    snprintf(ws->error, sizeof ws->error, "cannot start the connection");
  }
  genai__buf_free(&full_path);
  genai__free(url);
  *out = ws;
  return GENAI_OK;
}

genai_result genai__ws_connect(const genai__ws_options *o, genai__ws **out) {
  genai__ws *ws = NULL;
  genai_result rc = genai__ws_start(o, &ws);
  if (rc != GENAI_OK) return rc;
  if (!pump(ws, now_ms() + ws->connect_timeout_ms, handshake_over))
    rc = genai__ws_timeout_error(ws);
  else if (ws->state != GENAI__WS_OPEN)
    rc = genai__ws_failure(ws);
  if (rc != GENAI_OK) {
    destroy(ws);
    return rc;
  }
  *out = ws;
  return GENAI_OK;
}

int64_t genai__ws_connect_timeout_ms(const genai__ws *ws) { return ws->connect_timeout_ms; }

genai_result genai__ws_timeout_error(const genai__ws *ws) {
  return genai__err(GENAI_ETIMEOUT, "the WebSocket handshake with %s did not finish within %lld ms", ws->host,
                    (long long)ws->connect_timeout_ms);
}

/* Why a connection that never opened failed. */
static genai_result connect_error(const genai__ws *ws) {
  if (ws->http_status >= 300) {
    genai_result rc = genai__err(GENAI_EAPI, "the server refused the WebSocket upgrade with HTTP %d", ws->http_status);
    genai__err_set_http_status(ws->http_status);
    return rc;
  }
  if (ws->tls && ws->cert_error[0])
    return genai__err(GENAI_ETRANSPORT,
                      "WebSocket connection to %s failed: TLS: the server's certificate was not accepted: %s%s",
                      ws->host, ws->cert_error,
                      ws->cert_untrusted ? " (trusted: the system's CAs and those of $SSL_CERT_FILE, $SSL_CERT_DIR)"
                                         : "");
  if (ws->tls && (strstr(ws->error, "SSL") || strstr(ws->error, "ssl") || strstr(ws->error, "tls")))
    return genai__err(GENAI_ETRANSPORT, "WebSocket connection to %s failed: TLS handshake: %s", ws->host, ws->error);
  return genai__err(GENAI_ETRANSPORT, "WebSocket connection to %s failed: %s", ws->host,
                    ws->error[0] ? ws->error : "connection closed");
}

static genai_result closed_error(const genai__ws *ws) {
  if (ws->close_code == 1000 || ws->close_code == 1005) return GENAI_DONE;
  if (ws->close_code == CLOSE_ABNORMAL)
    return genai__err(GENAI_ETRANSPORT, "the Live API connection ended without a close frame (1006)");
  genai__api_error e = {.code = GENAI_EAPI,
                        .http_status = ws->close_code,
                        .message = ws->close_reason[0] ? ws->close_reason : "the server closed the session"};
  char text[200];
  snprintf(text, sizeof text, "%d %s", ws->close_code, e.message);
  e.message = text;
  return genai__err_full(&e);
}

genai_result genai__ws_failure(const genai__ws *ws) {
  if (ws->oom) return genai__err(GENAI_ENOMEM, "out of memory while receiving a Live API message");
  if (!ws->opened) return connect_error(ws);
  return closed_error(ws);
}

genai_result genai__ws_queue(genai__ws *ws, const char *data, size_t len) {
  if (ws->state == GENAI__WS_CLOSED || ws->closing) {
    genai_result rc = ws->state == GENAI__WS_CLOSED ? genai__ws_failure(ws) : GENAI_DONE;
    return rc == GENAI_DONE ? genai__err(GENAI_ETRANSPORT, "the Live API session is closed") : rc;
  }
  message *m = genai__calloc(1, sizeof *m);
  char *buf = m ? genai__malloc(LWS_PRE + len + 1) : NULL;
  if (!buf) {
    genai__free(m);
    return genai__err(GENAI_ENOMEM, "out of memory");
  }
  memcpy(buf + LWS_PRE, data, len);
  buf[LWS_PRE + len] = '\0';
  m->data = buf;
  m->len = len;
  if (ws->tx_tail) ws->tx_tail->next = m;
  else ws->tx_head = m;
  ws->tx_tail = m;
  if (ws->state == GENAI__WS_OPEN && ws->wsi) lws_callback_on_writable(ws->wsi);
  return GENAI_OK;
}

genai_result genai__ws_send(genai__ws *ws, const char *data, size_t len, int64_t timeout_ms) {
  genai_result rc = genai__ws_queue(ws, data, len); /* refuses a closed or closing connection */
  if (rc != GENAI_OK) return rc;
  if (!pump(ws, timeout_ms > 0 ? now_ms() + timeout_ms : -1, sent_or_closed))
    return genai__err(GENAI_ETIMEOUT, "sending a Live API message took more than %lld ms", (long long)timeout_ms);
  if (ws->tx_head) {
    rc = closed_error(ws);
    return rc == GENAI_DONE ? genai__err(GENAI_ETRANSPORT, "the Live API session closed while sending") : rc;
  }
  return GENAI_OK;
}

genai_result genai__ws_take(genai__ws *ws, const char **data, size_t *len) {
  *data = NULL;
  *len = 0;
  free_messages(ws->current);
  ws->current = NULL;
  /* the session lost a message: it cannot go on */
  if (ws->oom) return genai__err(GENAI_ENOMEM, "out of memory while receiving a Live API message");
  if (!ws->head) return ws->state == GENAI__WS_CLOSED ? genai__ws_failure(ws) : GENAI_EINPROGRESS;
  message *m = ws->head;
  ws->head = m->next;
  if (!ws->head) ws->tail = NULL;
  m->next = NULL;
  ws->current = m;
  *data = m->data;
  *len = m->len;
  return GENAI_OK;
}

genai_result genai__ws_recv(genai__ws *ws, int64_t timeout_ms, const char **data, size_t *len) {
  *data = NULL;
  *len = 0;
  free_messages(ws->current);
  ws->current = NULL;
  if (!pump(ws, timeout_ms > 0 ? now_ms() + timeout_ms : -1, message_or_closed))
    return genai__err(GENAI_ETIMEOUT, "no Live API message within %lld ms", (long long)timeout_ms);
  return genai__ws_take(ws, data, len);
}

void genai__ws_service(genai__ws *ws) {
  /* Twice: what the first pass schedules (a pong, the next queued
   * message, the close) goes out in the second; libwebsockets polls its
   * own descriptors without waiting. Then again while it says it has
   * buffered input that no poll would report (TLS records). */
  for (int i = 0; i < 2 || (i < 8 && lws_service_adjust_timeout(ws->ctx, 1, 0) == 0); i++)
    if (lws_service(ws->ctx, -1) < 0) break;
}

genai__ws_state genai__ws_state_of(const genai__ws *ws) { return ws->state; }


int genai__ws_fd(const genai__ws *ws) {
  return ws->wsi && ws->state != GENAI__WS_CLOSED ? (int)lws_get_socket_fd(ws->wsi) : -1;
}

int genai__ws_events(const genai__ws *ws) {
  if (!ws->wsi || ws->state == GENAI__WS_CLOSED) return 0;
  bool out = ws->state == GENAI__WS_CONNECTING || ws->tx_head || ws->closing || lws_partial_buffered(ws->wsi);
  return 1 | (out ? 2 : 0);
}

void genai__ws_start_close(genai__ws *ws) {
  if (ws->closing) return;
  ws->closing = true;
  if (ws->state == GENAI__WS_OPEN && ws->wsi) lws_callback_on_writable(ws->wsi);
}


void genai__ws_abort(genai__ws *ws) {
  if (ws) destroy(ws);
}

void genai__ws_free(genai__ws *ws) {
  if (!ws) return;
  if (ws->state == GENAI__WS_OPEN && ws->wsi) {
    genai__ws_start_close(ws);
    pump(ws, now_ms() + CLOSE_WAIT_MS, closed);
  }
  destroy(ws);
}
