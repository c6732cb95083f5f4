/* The Live API session on a genai_multi: the socket is one of the driver's
 * watches, libwebsockets is serviced when it is ready and once a second
 * (its timers: keepalive pings, its own timeouts), and what arrives goes to
 * the session's callbacks. */
#include <string.h>

#include "api/live_internal.h"
#include "core/alloc.h"
#include "core/log.h"
#include "core/structsize.h"
#include "http/engine.h"

/* libwebsockets' timers have second resolution */
#define TICK_MS 1000
/* genai_live_close: how long the close may take before the socket is dropped */
#define CLOSE_WAIT_MS 2000

static void service(void *data);
static void on_ready(void *data, int revents) {
  (void)revents;
  service(data);
}

/* Nothing of the session stays in its driver: no watch, timer or work. */
static void leave_driver(genai_live_session *s) {
  if (!s->driver) return;
  genai__watch_stop(s->driver, &s->watch);
  genai__timer_stop(s->driver, &s->tick);
  genai__timer_stop(s->driver, &s->deadline);
  genai__defer_cancel(s->driver, &s->work);
}

/* Frees an async session: nothing of it stays in the driver or the multi. */
static void destroy(genai_live_session *s) {
  leave_driver(s);
  if (s->multi) genai__multi_member_remove(s->multi, &s->member);
  genai__ws_abort(s->ws);
  genai__live_free(s);
}

static void on_tick(void *data) { service(data); }

/* The socket to watch and the next tick, after each service; nothing once
 * the connection is gone (genai_live_close then only frees). */
static void rearm(genai_live_session *s) {
  if (!s->ws || genai__ws_state_of(s->ws) == GENAI__WS_CLOSED) {
    genai__watch_stop(s->driver, &s->watch);
    genai__timer_stop(s->driver, &s->tick);
    return;
  }
  int fd = genai__ws_fd(s->ws);
  if (fd >= 0)
    genai__watch_set(s->driver, &s->watch, fd, genai__ws_events(s->ws), on_ready, s);
  else
    genai__watch_stop(s->driver, &s->watch);
  /* while connecting, libwebsockets may close a socket and open the next
   * (another address) under the same number */
  if (fd >= 0 && genai__ws_state_of(s->ws) == GENAI__WS_CONNECTING) genai__watch_renew(s->driver, &s->watch);
  genai__timer_start(s->driver, &s->tick, genai__now_ms() + TICK_MS, on_tick, s);
}

/* Runs a user callback; false when the session was closed from it (and is
 * gone or leaving): the caller must not touch it again. */
static bool call_done(genai_live_session *s) {
  s->in_callback--;
  if (!s->free_requested || s->in_callback) return true;
  s->free_requested = false;
  genai__live_async_close(s);
  return false;
}

/* The session ended: on_close with rc (GENAI_DONE or an error whose
 * details are the thread's last error). The socket closes if it is not. */
static bool end(genai_live_session *s, genai_result rc) {
  if (rc != GENAI_DONE) genai__error_save(&s->error);
  s->phase = GENAI__LIVE_ENDED;
  genai__timer_stop(s->driver, &s->deadline);
  if (genai__ws_state_of(s->ws) == GENAI__WS_OPEN) {
    genai__ws_start_close(s->ws);
  } else { /* a handshake that failed or took too long: nothing to say */
    genai__watch_stop(s->driver, &s->watch);
    genai__ws_abort(s->ws);
    s->ws = NULL;
  }
  genai__multi_member_ended(s->multi, &s->member);
  s->in_callback++;
  s->cb.on_close(s, rc, s->cb.user_data);
  return call_done(s);
}

static void on_deadline(void *data) {
  genai_live_session *s = data;
  if (s->user_closed) {
    destroy(s);
    return;
  }
  if (s->phase != GENAI__LIVE_CONNECTING) return;
  genai_result rc = genai__ws_state_of(s->ws) == GENAI__WS_CONNECTING
                        ? genai__ws_timeout_error(s->ws)
                        : genai__err(GENAI_ETIMEOUT, "no setupComplete from the Live API within %lld ms",
                                     (long long)s->recv_timeout_ms);
  if (end(s, rc)) rearm(s);
}

/* The messages held until setupComplete go out, in order. */
static genai_result release_held(genai_live_session *s) {
  genai_result rc = GENAI_OK;
  while (s->held_head && rc == GENAI_OK) {
    genai__live_held *h = s->held_head;
    rc = genai__ws_queue(s->ws, h->data, h->len);
    s->held_head = h->next;
    genai__free(h);
  }
  if (!s->held_head) s->held_tail = NULL;
  return rc;
}

/* The first message must be setupComplete. */
static bool opened(genai_live_session *s, genai_live_server_message *m) {
  if (!m->setup_complete) {
    genai_live_server_message_free(m);
    return end(s, genai__err(GENAI_EDECODE, "the first Live API message was not setupComplete"));
  }
  s->setup = m;
  s->phase = GENAI__LIVE_OPEN;
  genai__timer_stop(s->driver, &s->deadline);
  genai_result rc = release_held(s);
  if (rc != GENAI_OK) return end(s, rc);
  if (!s->cb.on_open) return true;
  s->in_callback++;
  s->cb.on_open(s, s->cb.user_data);
  return call_done(s);
}

/* Hands every received message to the callbacks; false when the session
 * is gone. */
static bool deliver(genai_live_session *s) {
  while (s->phase != GENAI__LIVE_ENDED) {
    const char *data;
    size_t len;
    genai_result rc = genai__ws_take(s->ws, &data, &len);
    if (rc == GENAI_EINPROGRESS) return true;
    if (rc == GENAI_DONE && s->phase == GENAI__LIVE_CONNECTING)
      rc = genai__err(GENAI_ETRANSPORT, "the server closed the Live API session during setup");
    if (rc != GENAI_OK) return end(s, rc);
    genai_live_server_message *m = NULL;
    rc = genai__live_decode(s, data, len, &m);
    if (rc != GENAI_OK) return end(s, rc);
    if (s->phase == GENAI__LIVE_CONNECTING) {
      if (!opened(s, m)) return false;
      continue;
    }
    genai_live_server_message_free(s->current);
    s->current = m;
    rc = genai__live_absorb(s, m);
    if (rc != GENAI_OK) return end(s, rc);
    s->in_callback++;
    s->cb.on_message(s, m, s->cb.user_data);
    if (!call_done(s)) return false;
    genai_live_server_message_free(s->current);
    s->current = NULL;
  }
  return true;
}

static void service(void *data) {
  genai_live_session *s = data;
  if (!s->ws) {
    rearm(s);
    return;
  }
  genai__ws_service(s->ws);
  if (s->user_closed) {
    /* closed by the caller: only the close is left to go out */
    if (genai__ws_state_of(s->ws) == GENAI__WS_CLOSED) destroy(s);
    else rearm(s);
    return;
  }
  if (s->phase == GENAI__LIVE_CONNECTING && !s->setup_deadline_armed &&
      genai__ws_state_of(s->ws) == GENAI__WS_OPEN) {
    /* the handshake is over: the setup's answer has the client's timeout */
    s->setup_deadline_armed = true;
    if (s->recv_timeout_ms > 0)
      genai__timer_start(s->driver, &s->deadline, genai__now_ms() + s->recv_timeout_ms, on_deadline, s);
    else
      genai__timer_stop(s->driver, &s->deadline);
  }
  if (deliver(s)) rearm(s);
}

/* genai_multi_free: the session stops where it is, without callbacks. */
static void detach(void *data) {
  genai_live_session *s = data;
  leave_driver(s);
  s->multi = NULL;
  s->driver = NULL;
  genai__ws_abort(s->ws);
  s->ws = NULL;
  if (s->user_closed) {
    genai__live_free(s);
    return;
  }
  if (s->phase != GENAI__LIVE_ENDED) {
    s->phase = GENAI__LIVE_ENDED;
    genai__err(GENAI_ECANCELED, "the multi was freed before the Live API session ended");
    genai__error_save(&s->error);
  }
}

genai_result genai_live_connect_async(genai_multi *multi, const char *model, const genai_live_connect_config *config,
                                      const genai_live_callbacks *callbacks, genai_live_session **out) {
  if (!out) return genai__err(GENAI_EINVAL, "out must not be NULL");
  *out = NULL;
  if (!multi) return genai__err(GENAI_EINVAL, "multi must not be NULL");
  if (!callbacks) return genai__err(GENAI_EINVAL, "callbacks must not be NULL: on_message and on_close are required");
  genai_live_callbacks cb;
  genai_result rc = genai__struct_copy(callbacks, sizeof cb, "callbacks", "genai_live_callbacks", &cb);
  if (rc != GENAI_OK) return rc;
  if (!cb.on_message) return genai__err(GENAI_EINVAL, "callbacks.on_message is required");
  if (!cb.on_close) return genai__err(GENAI_EINVAL, "callbacks.on_close is required");
  genai_live_session *s = NULL;
  genai__live_plan plan;
  rc = genai__live_prepare(genai__multi_client(multi), model, config, &s, &plan);
  if (rc != GENAI_OK) return rc;
  genai__ws_options o = genai__live_ws_options(s, &plan);
  genai__log(GENAI_LOG_DEBUG, "live: connecting to %s (async)", plan.url);
  rc = genai__ws_start(&o, &s->ws);
  /* the setup goes first, as soon as the handshake is done */
  if (rc == GENAI_OK) rc = genai__ws_queue(s->ws, plan.setup, strlen(plan.setup));
  genai__live_plan_clear(&plan);
  if (rc == GENAI_OK && genai__ws_state_of(s->ws) == GENAI__WS_CLOSED) rc = genai__ws_failure(s->ws);
  if (rc != GENAI_OK) {
    genai__ws_abort(s->ws);
    genai__live_free(s);
    return rc;
  }
  s->async = true;
  s->multi = multi;
  s->driver = genai__multi_driver(multi);
  s->cb = cb;
  s->phase = GENAI__LIVE_CONNECTING;
  s->watch.fd = -1;
  genai__multi_member_add(multi, &s->member, detach, s);
  genai__timer_start(s->driver, &s->deadline, genai__now_ms() + genai__ws_connect_timeout_ms(s->ws), on_deadline, s);
  genai__defer(s->driver, &s->work, service, s);
  rearm(s);
  *out = s;
  return GENAI_OK;
}

genai_result genai__live_async_send(genai_live_session *s, const char *text, size_t len) {
  if (s->phase == GENAI__LIVE_ENDED || s->user_closed || !s->ws)
    return genai__err(GENAI_ETRANSPORT, "the Live API session has ended");
  if (s->phase == GENAI__LIVE_CONNECTING) {
    genai__live_held *h = genai__malloc(sizeof *h + len + 1);
    if (!h) return genai__err(GENAI_ENOMEM, "out of memory");
    h->next = NULL;
    h->len = len;
    memcpy(h->data, text, len);
    h->data[len] = '\0';
    if (s->held_tail) s->held_tail->next = h;
    else s->held_head = h;
    s->held_tail = h;
    return GENAI_OK;
  }
  genai_result rc = genai__ws_queue(s->ws, text, len);
  /* out at the next perform, outside the caller's stack */
  if (rc == GENAI_OK) genai__defer(s->driver, &s->work, service, s);
  return rc;
}

void genai__live_async_close(genai_live_session *s) {
  if (s->in_callback) {
    s->free_requested = true;
    return;
  }
  if (!s->multi) { /* its multi was freed: only memory is left */
    genai__ws_abort(s->ws);
    genai__live_free(s);
    return;
  }
  if (s->user_closed) return;
  if (!s->ws || genai__ws_state_of(s->ws) != GENAI__WS_OPEN) {
    destroy(s);
    return;
  }
  /* the queued messages and the close go out while the loop runs */
  s->user_closed = true;
  if (s->phase != GENAI__LIVE_ENDED) s->phase = GENAI__LIVE_ENDED;
  genai__ws_start_close(s->ws);
  genai__timer_start(s->driver, &s->deadline, genai__now_ms() + CLOSE_WAIT_MS, on_deadline, s);
  genai__defer(s->driver, &s->work, service, s);
}

const genai_error *genai_live_error(const genai_live_session *s) {
  static const genai_error none = {sizeof(genai_error), GENAI_OK, 0, "", "no error", NULL, NULL, -1};
  return s && s->error.pub.code != GENAI_OK ? &s->error.pub : &none;
}
