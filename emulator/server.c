#include "server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <microhttpd.h>

#include "dispatch.h"
#include "live.h"
#include "note.h"
#include "request.h"
#include "response.h"

/* Idle keep-alive connections are closed after this long so a forgotten
 * client cannot hold a thread forever. */
#define IDLE_TIMEOUT_S 300

struct emu_server {
  struct MHD_Daemon *daemon;
  emu_app *app;
  unsigned port;
  char url_host[INET6_ADDRSTRLEN + 2];
  int tls;                  /* serving HTTPS */
  pthread_mutex_t lock;     /* guards the fields below */
  pthread_cond_t stopped;   /* broadcast when stopping becomes 1 */
  pthread_cond_t live_idle; /* broadcast when live_threads drops to 0 */
  int stopping;
  unsigned long next_connection;
  unsigned live_threads; /* Live sessions running on threads of their own (TLS) */
};

/* Per-request state, created when the request line arrives. */
typedef struct exchange {
  emu_request *req;
  int headers_seen;
  emu_live_session *live; /* an accepted Live API upgrade, until its handler takes it */
  emu_server *server;
} exchange;

/* The body of an after_headers drop: only `limit` bytes of `len` are sent. */
typedef struct partial_body {
  char *data;
  size_t limit;
} partial_body;

/* Sending an emu_stream: where we are in it. */
typedef struct stream_reader {
  emu_server *server;
  int fd;             /* the connection's socket, to notice a client hanging up */
  emu_stream *stream; /* owned */
  size_t index;       /* chunk being sent */
  size_t offset;      /* bytes of that chunk already handed to MHD */
  size_t paused;      /* chunks [0, paused) have had their pause */
  int stalled;        /* the final stall is over */
} stream_reader;

static void *on_request_line(void *cls, const char *uri, struct MHD_Connection *conn) {
  (void)cls;
  (void)conn;
  exchange *x = calloc(1, sizeof *x);
  if (!x) return NULL;
  x->req = emu_request_new(uri);
  if (!x->req) {
    free(x);
    return NULL;
  }
  return x;
}

static void on_request_done(void *cls, struct MHD_Connection *conn, void **con_cls,
                            enum MHD_RequestTerminationCode toe) {
  (void)cls;
  (void)conn;
  (void)toe;
  exchange *x = *con_cls;
  if (!x) return;
  emu_live_session_free(x->live);
  emu_request_free(x->req);
  free(x);
  *con_cls = NULL;
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe) {
  (void)conn;
  emu_server *s = cls;
  if (toe != MHD_CONNECTION_NOTIFY_STARTED) return;
  pthread_mutex_lock(&s->lock);
  unsigned long id = ++s->next_connection;
  pthread_mutex_unlock(&s->lock);
  /* The id itself is the context, so there is nothing to free on close. */
  *socket_context = (void *)(uintptr_t)id;
}

static enum MHD_Result collect_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                      const char *value) {
  (void)kind;
  emu_request *req = cls;
  return emu_headers_add(&req->headers, key, value ? value : "", 1) == 0 ? MHD_YES : MHD_NO;
}

static int start_request(const emu_server *s, struct MHD_Connection *conn, const char *method, emu_request *req) {
  if (emu_request_set_method(req, method) != 0) return -1;
  req->tls = s->tls;
  if (MHD_get_connection_values(conn, MHD_HEADER_KIND, collect_header, req) < 0) return -1;
  const union MHD_ConnectionInfo *info =
      MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  req->connection = info ? (unsigned long)(uintptr_t)info->socket_context : 0;
  return 0;
}

static void append_body(emu_request *req, const char *data, size_t len) {
  if (req->body_too_large) return;
  if (req->body.len + len > EMU_MAX_BODY || emu_buf_append(&req->body, data, len) != 0)
    req->body_too_large = 1;
}

/* Sleeps up to `ms`, returning early when the server stops. Returns 1 when
 * the server is stopping, else 0. */
static int wait_delay(emu_server *s, unsigned ms) {
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += ms / 1000;
  deadline.tv_nsec += (long)(ms % 1000) * 1000000L;
  if (deadline.tv_nsec >= 1000000000L) {
    deadline.tv_sec++;
    deadline.tv_nsec -= 1000000000L;
  }
  pthread_mutex_lock(&s->lock);
  while (!s->stopping)
    if (pthread_cond_timedwait(&s->stopped, &s->lock, &deadline) == ETIMEDOUT) break;
  int stopping = s->stopping;
  pthread_mutex_unlock(&s->lock);
  return stopping;
}

/* True when the client has closed the connection (or it failed). Bytes the
 * client sent meanwhile (a pipelined request) are left for MHD. */
static int peer_gone(int fd) {
  struct pollfd p = {fd, POLLIN, 0};
  if (poll(&p, 1, 0) <= 0) return 0;
  if (p.revents & (POLLHUP | POLLERR | POLLNVAL)) return 1;
  char c;
  ssize_t n = recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
  return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
}

/* Like wait_delay, for pauses inside a streamed body: also ends early (and
 * returns 1) when the client hangs up, checked every STREAM_POLL_MS, so a
 * client that gave up does not hold its thread for the rest of a long
 * scripted pause. */
#define STREAM_POLL_MS 100
static int wait_streaming(emu_server *s, int fd, unsigned ms) {
  while (ms > 0) {
    unsigned slice = ms < STREAM_POLL_MS ? ms : STREAM_POLL_MS;
    if (wait_delay(s, slice)) return 1;
    ms -= slice;
    if (fd >= 0 && peer_gone(fd)) return 1;
  }
  return 0;
}

static ssize_t read_partial(void *cls, uint64_t pos, char *buf, size_t max) {
  partial_body *pb = cls;
  if (pos >= pb->limit) return MHD_CONTENT_READER_END_WITH_ERROR; /* MHD closes the socket */
  size_t n = pb->limit - (size_t)pos;
  if (n > max) n = max;
  memcpy(buf, pb->data + pos, n);
  return (ssize_t)n;
}

static void free_partial(void *cls) {
  partial_body *pb = cls;
  free(pb->data);
  free(pb);
}

/* MHD calls this from the connection's own thread whenever it can send more,
 * and sends what it returns before calling again, so each chunk reaches the
 * client before the pause of the next one starts. Blocking here is fine with
 * a thread per connection; every pause ends early at shutdown. */
static ssize_t read_stream(void *cls, uint64_t pos, char *buf, size_t max) {
  (void)pos;
  stream_reader *sr = cls;
  const emu_stream *st = sr->stream;
  while (sr->index < st->count) {
    const emu_stream_chunk *c = &st->chunks[sr->index];
    if (sr->paused <= sr->index) {
      sr->paused = sr->index + 1;
      if (c->delay_ms && wait_streaming(sr->server, sr->fd, c->delay_ms))
        return MHD_CONTENT_READER_END_WITH_ERROR;
    }
    if (c->len == 0) {
      sr->index++;
      continue;
    }
    size_t n = c->len - sr->offset;
    if (n > max) n = max;
    memcpy(buf, c->data + sr->offset, n);
    sr->offset += n;
    if (sr->offset == c->len) {
      sr->index++;
      sr->offset = 0;
    }
    return (ssize_t)n;
  }
  if (!sr->stalled) {
    sr->stalled = 1;
    if (st->stall_ms && wait_streaming(sr->server, sr->fd, st->stall_ms))
      return MHD_CONTENT_READER_END_WITH_ERROR;
  }
  /* END_WITH_ERROR makes MHD close the socket without the final empty
   * chunk, so the client sees the body cut short. */
  return st->cut ? MHD_CONTENT_READER_END_WITH_ERROR : MHD_CONTENT_READER_END_OF_STREAM;
}

static void free_stream_reader(void *cls) {
  stream_reader *sr = cls;
  emu_stream_free(sr->stream);
  free(sr);
}

/* A body of unknown length (chunked transfer encoding) read from r->stream,
 * which the MHD response then owns. */
static struct MHD_Response *streamed_response(emu_server *s, struct MHD_Connection *conn,
                                              emu_response *r) {
  stream_reader *sr = calloc(1, sizeof *sr);
  if (!sr) return NULL;
  sr->server = s;
  const union MHD_ConnectionInfo *info =
      MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
  sr->fd = info ? (int)info->connect_fd : -1;
  sr->stream = r->stream;
  struct MHD_Response *resp = MHD_create_response_from_callback(
      MHD_SIZE_UNKNOWN, 16 * 1024, read_stream, sr, free_stream_reader);
  if (!resp) {
    free(sr);
    return NULL;
  }
  r->stream = NULL; /* now owned by sr */
  return resp;
}

/* Announces the whole body in Content-Length but sends only its first half
 * (at least one byte short), so the client sees the connection die mid-body. */
static struct MHD_Response *truncated_response(emu_response *r) {
  partial_body *pb = malloc(sizeof *pb);
  if (!pb) return NULL;
  pb->data = r->body;
  pb->limit = r->body_len / 2;
  size_t announced = r->body_len > pb->limit ? r->body_len : pb->limit + 1;
  struct MHD_Response *resp =
      MHD_create_response_from_callback(announced, 4096, read_partial, pb, free_partial);
  if (!resp) {
    free(pb);
    return NULL;
  }
  r->body = NULL; /* now owned by pb */
  r->body_len = 0;
  return resp;
}

static struct MHD_Response *build_response(emu_server *s, struct MHD_Connection *conn,
                                           emu_response *r) {
  struct MHD_Response *resp =
      r->stream ? streamed_response(s, conn, r)
      : r->drop == EMU_DROP_AFTER_HEADERS
          ? truncated_response(r)
          : MHD_create_response_from_buffer(r->body_len, r->body ? r->body : (char *)"",
                                            MHD_RESPMEM_MUST_COPY);
  if (!resp) return NULL;
  for (size_t i = 0; i < r->headers.count; i++) {
    const emu_header *h = &r->headers.items[i];
    /* MHD owns framing headers (Content-Length, Transfer-Encoding, ...)
     * and refuses them; a script asking for one gets a warning. */
    if (MHD_add_response_header(resp, h->name, h->value) != MHD_YES)
      emu_warn("header '%s' cannot be set on a response; ignored", h->name);
  }
  return resp;
}

static enum MHD_Result send_response(emu_server *s, struct MHD_Connection *conn,
                                     const emu_request *req, emu_response *r) {
  if (r->delay_ms && wait_delay(s, r->delay_ms)) return MHD_NO;
  /* The query is left out: it may carry an API key (?key=). */
  emu_note("%s %s -> %d%s (connection %lu)", req->method, req->path, r->status,
           r->stream                            ? " streamed"
           : r->drop == EMU_DROP_BEFORE_HEADERS ? " dropped before headers"
           : r->drop == EMU_DROP_AFTER_HEADERS  ? " dropped after headers"
                                                : "",
           req->connection);
  if (!r->stream && r->drop == EMU_DROP_BEFORE_HEADERS)
    return MHD_NO; /* MHD closes the connection without a response */
  struct MHD_Response *resp = build_response(s, conn, r);
  if (!resp) return MHD_NO;
  enum MHD_Result ok = MHD_queue_response(conn, (unsigned)r->status, resp);
  MHD_destroy_response(resp);
  return ok;
}

static int server_stopping(void *arg) {
  emu_server *s = arg;
  pthread_mutex_lock(&s->lock);
  int stopping = s->stopping;
  pthread_mutex_unlock(&s->lock);
  return stopping;
}

/* Serves a Live session on the upgraded socket, blocking, then frees it and
 * closes the socket. */
static void run_live(emu_server *s, emu_live_session *live, MHD_socket sock, const char *extra, size_t extra_len,
                     struct MHD_UpgradeResponseHandle *urh) {
  if (live) emu_live_run(s->app, live, sock, extra, extra_len, server_stopping, s);
  emu_live_session_free(live);
  MHD_upgrade_action(urh, MHD_UPGRADE_ACTION_CLOSE);
}

/* A Live session on a thread of its own (TLS). */
typedef struct live_thread {
  emu_server *server;
  emu_live_session *live;
  MHD_socket sock;
  struct MHD_UpgradeResponseHandle *urh;
  size_t extra_len;
  char extra[]; /* bytes that arrived after the upgrade request */
} live_thread;

static void *live_thread_main(void *arg) {
  live_thread *t = arg;
  emu_server *s = t->server;
  run_live(s, t->live, t->sock, t->extra, t->extra_len, t->urh);
  free(t);
  pthread_mutex_lock(&s->lock);
  if (--s->live_threads == 0) pthread_cond_broadcast(&s->live_idle);
  pthread_mutex_unlock(&s->lock);
  return NULL;
}

/* Under TLS, `sock` is one end of a socketpair and MHD relays between it
 * and the TLS connection on the connection's thread, but only once
 * on_upgraded has returned: the session needs a thread of its own.
 * emu_server_stop waits for these threads before stopping the daemon. */
static void start_live_thread(emu_server *s, emu_live_session *live, MHD_socket sock, const char *extra,
                              size_t extra_len, struct MHD_UpgradeResponseHandle *urh) {
  live_thread *t = malloc(sizeof *t + extra_len + 1);
  pthread_attr_t attr;
  int started = 0;
  if (t) {
    t->server = s;
    t->live = live;
    t->sock = sock;
    t->urh = urh;
    t->extra_len = extra_len;
    if (extra_len) memcpy(t->extra, extra, extra_len);
    pthread_mutex_lock(&s->lock);
    if (!s->stopping && pthread_attr_init(&attr) == 0) {
      pthread_t th;
      pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
      pthread_attr_setstacksize(&attr, (size_t)256 * 1024);
      started = pthread_create(&th, &attr, live_thread_main, t) == 0;
      if (started) s->live_threads++;
      pthread_attr_destroy(&attr);
    }
    pthread_mutex_unlock(&s->lock);
  }
  if (started) return;
  if (!server_stopping(s)) emu_warn("cannot start a thread for a Live API session over TLS");
  free(t);
  emu_live_session_free(live);
  MHD_upgrade_action(urh, MHD_UPGRADE_ACTION_CLOSE);
}

/* MHD hands over the socket once the 101 is sent. With a thread per
 * connection this runs on the connection's own thread; over plain HTTP the
 * whole Live session is served here, blocking, and the socket is closed at
 * its end. */
static void on_upgraded(void *cls, struct MHD_Connection *conn, void *con_cls, const char *extra_in,
                        size_t extra_in_size, MHD_socket sock, struct MHD_UpgradeResponseHandle *urh) {
  (void)cls;
  (void)conn;
  exchange *x = con_cls;
  emu_live_session *live = x ? x->live : NULL;
  emu_server *s = x ? x->server : NULL;
  if (x) x->live = NULL;
  if (!s) {
    MHD_upgrade_action(urh, MHD_UPGRADE_ACTION_CLOSE);
    return;
  }
  if (s->tls)
    start_live_thread(s, live, sock, extra_in, extra_in_size, urh);
  else
    run_live(s, live, sock, extra_in, extra_in_size, urh);
}

/* A WebSocket upgrade on a Live API path: 101 and the session, or the HTTP
 * error the checks gave. */
static enum MHD_Result serve_live(emu_server *s, struct MHD_Connection *conn, exchange *x,
                                  const emu_api_path *path) {
  emu_response r;
  emu_response_init(&r);
  char accept[29];
  enum MHD_Result ok;
  if (emu_live_accept(s->app, x->req, path, &r, &x->live, accept)) {
    emu_note("%s %s -> 101 live session (connection %lu)", x->req->method, x->req->path,
             x->req->connection);
    x->server = s;
    struct MHD_Response *resp = MHD_create_response_for_upgrade(on_upgraded, NULL);
    if (!resp) {
      emu_response_dispose(&r);
      return MHD_NO;
    }
    MHD_add_response_header(resp, MHD_HTTP_HEADER_UPGRADE, "websocket");
    MHD_add_response_header(resp, "Sec-WebSocket-Accept", accept);
    ok = MHD_queue_response(conn, MHD_HTTP_SWITCHING_PROTOCOLS, resp);
    MHD_destroy_response(resp);
  } else {
    ok = send_response(s, conn, x->req, &r);
  }
  emu_response_dispose(&r);
  return ok;
}

static enum MHD_Result on_access(void *cls, struct MHD_Connection *conn, const char *url,
                                 const char *method, const char *version, const char *upload_data,
                                 size_t *upload_data_size, void **con_cls) {
  (void)url;
  (void)version;
  emu_server *s = cls;
  exchange *x = *con_cls;
  if (!x) return MHD_NO; /* out of memory when the request line arrived */
  if (!x->headers_seen) {
    x->headers_seen = 1;
    return start_request(s, conn, method, x->req) == 0 ? MHD_YES : MHD_NO;
  }
  if (*upload_data_size) {
    append_body(x->req, upload_data, *upload_data_size);
    *upload_data_size = 0;
    return MHD_YES;
  }
  emu_api_path live_path;
  if (emu_live_path_parse(x->req->decoded_path, &live_path) == 0 &&
      emu_request_header(x->req, "upgrade"))
    return serve_live(s, conn, x, &live_path);
  emu_response r;
  emu_response_init(&r);
  emu_dispatch(s->app, x->req, &r);
  enum MHD_Result ok = send_response(s, conn, x->req, &r);
  emu_response_dispose(&r);
  return ok;
}

__attribute__((format(printf, 2, 0))) static void log_mhd(void *cls, const char *fmt, va_list ap) {
  (void)cls;
  char line[512];
  vsnprintf(line, sizeof line, fmt, ap);
  size_t n = strlen(line);
  while (n && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
  emu_note("libmicrohttpd: %s", line);
}

/* Resolves `host` to one socket address (numeric or a name such as localhost). */
static int resolve(const char *host, unsigned port, struct sockaddr_storage *out) {
  struct addrinfo hints, *res = NULL;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  int rc = getaddrinfo(host, NULL, &hints, &res);
  if (rc != 0) {
    emu_warn("cannot resolve --host '%s': %s", host, gai_strerror(rc));
    return -1;
  }
  memcpy(out, res->ai_addr, res->ai_addrlen);
  freeaddrinfo(res);
  if (out->ss_family == AF_INET6)
    ((struct sockaddr_in6 *)out)->sin6_port = htons((uint16_t)port);
  else
    ((struct sockaddr_in *)out)->sin_port = htons((uint16_t)port);
  return 0;
}

static void remember_host(emu_server *s, const struct sockaddr_storage *addr) {
  char text[INET6_ADDRSTRLEN];
  if (addr->ss_family == AF_INET6) {
    inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)addr)->sin6_addr, text, sizeof text);
    snprintf(s->url_host, sizeof s->url_host, "[%s]", text);
  } else {
    inet_ntop(AF_INET, &((const struct sockaddr_in *)addr)->sin_addr, text, sizeof text);
    snprintf(s->url_host, sizeof s->url_host, "%s", text);
  }
}

static void server_free(emu_server *s) {
  pthread_cond_destroy(&s->live_idle);
  pthread_cond_destroy(&s->stopped);
  pthread_mutex_destroy(&s->lock);
  free(s);
}

emu_server *emu_server_start(emu_app *app, const char *host, unsigned port, unsigned max_connections,
                             const emu_tls *tls) {
  struct sockaddr_storage addr;
  if (resolve(host, port, &addr) != 0) return NULL;
  emu_server *s = calloc(1, sizeof *s);
  if (!s) return NULL;
  if (pthread_mutex_init(&s->lock, NULL) != 0) {
    free(s);
    return NULL;
  }
  if (pthread_cond_init(&s->stopped, NULL) != 0) {
    pthread_mutex_destroy(&s->lock);
    free(s);
    return NULL;
  }
  if (pthread_cond_init(&s->live_idle, NULL) != 0) {
    pthread_cond_destroy(&s->stopped);
    pthread_mutex_destroy(&s->lock);
    free(s);
    return NULL;
  }
  s->app = app;
  s->tls = tls != NULL;
  remember_host(s, &addr);
  unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL |
                   MHD_USE_ERROR_LOG | MHD_ALLOW_UPGRADE;
  if (addr.ss_family == AF_INET6) flags |= MHD_USE_IPv6;
  if (tls && MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
    emu_warn("this libmicrohttpd was built without TLS support: cannot serve HTTPS");
    server_free(s);
    return NULL;
  }
  /* The key and certificate, when there are any; MHD reads them when the
   * daemon starts (GnuTLS). */
  struct MHD_OptionItem tls_options[] = {
      {tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, tls ? (void *)tls->cert_pem : NULL},
      {tls ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, 0, tls ? (void *)tls->key_pem : NULL},
      {MHD_OPTION_END, 0, NULL},
  };
  if (tls) flags |= MHD_USE_TLS;
  /* The logger goes first so that it also receives errors about the
   * options that follow it. */
  s->daemon = MHD_start_daemon(
      flags, (uint16_t)port, NULL, NULL, on_access, s, MHD_OPTION_EXTERNAL_LOGGER, log_mhd, s,
      MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_URI_LOG_CALLBACK, on_request_line,
      s, MHD_OPTION_NOTIFY_COMPLETED, on_request_done, s, MHD_OPTION_NOTIFY_CONNECTION,
      on_connection, s, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_TIMEOUT_S, MHD_OPTION_CONNECTION_LIMIT,
      max_connections ? max_connections : 1024u,
      /* one thread per connection: small stacks let a benchmark hold thousands */
      MHD_OPTION_THREAD_STACK_SIZE, (size_t)256 * 1024, MHD_OPTION_LISTEN_BACKLOG_SIZE, 4096u, MHD_OPTION_ARRAY,
      tls_options, MHD_OPTION_END);
  if (!s->daemon) {
    if (tls)
      emu_warn("cannot serve HTTPS on %s port %u: the certificate or key was refused (not PEM, or the key "
               "does not match the certificate), or the address is in use or not available",
               host, port);
    else
      emu_warn("cannot listen on %s port %u (address in use or not available?)", host, port);
    server_free(s);
    return NULL;
  }
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
  s->port = info ? info->port : port;
  return s;
}

unsigned emu_server_port(const emu_server *s) { return s->port; }

const char *emu_server_url_host(const emu_server *s) { return s->url_host; }

const char *emu_server_scheme(const emu_server *s) { return s->tls ? "https" : "http"; }

void emu_server_stop(emu_server *s) {
  if (!s) return;
  pthread_mutex_lock(&s->lock);
  s->stopping = 1;
  pthread_cond_broadcast(&s->stopped);
  /* Live sessions on threads of their own notice `stopping` within 100 ms
   * and close their upgraded sockets; MHD must not find them open. */
  while (s->live_threads) pthread_cond_wait(&s->live_idle, &s->lock);
  pthread_mutex_unlock(&s->lock);
  MHD_stop_daemon(s->daemon);
  server_free(s);
}
