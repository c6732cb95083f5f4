#include "http/driver.h"

#include <curl/curl.h>
#include <poll.h>
#include <string.h>

#include "core/alloc.h"
#include "core/error.h"
#include "http/engine.h"

struct genai__driver {
  CURLM *multi;
  genai__driver_hooks hooks;
  bool external;            /* an application's loop drives it */
  int64_t curl_deadline_ms; /* when libcurl wants to be called (external mode); -1: never */
  size_t transfers;
  genai__timer **heap;      /* min-heap on at_ms */
  size_t heap_count, heap_cap;
  genai__deferred *deferred_head, *deferred_tail;
  genai__watch *watches;    /* descriptors that are not libcurl's */
  size_t watch_count;
  struct pollfd *pfds;      /* scratch for polling the watches */
  struct curl_waitfd *waitfds;
  size_t scratch_cap;
  bool dispatching;
};

/* ------------------------------------------------------------ timers */

static bool earlier(const genai__timer *a, const genai__timer *b) { return a->at_ms < b->at_ms; }

static void heap_set(genai__driver *d, size_t i, genai__timer *t) {
  d->heap[i] = t;
  t->heap_index = i + 1;
}

static void sift_up(genai__driver *d, size_t i) {
  genai__timer *t = d->heap[i];
  while (i > 0) {
    size_t parent = (i - 1) / 2;
    if (!earlier(t, d->heap[parent])) break;
    heap_set(d, i, d->heap[parent]);
    i = parent;
  }
  heap_set(d, i, t);
}

static void sift_down(genai__driver *d, size_t i) {
  genai__timer *t = d->heap[i];
  for (;;) {
    size_t l = 2 * i + 1, r = l + 1, m = i;
    const genai__timer *best = t;
    if (l < d->heap_count && earlier(d->heap[l], best)) m = l, best = d->heap[l];
    if (r < d->heap_count && earlier(d->heap[r], best)) m = r;
    if (m == i) break;
    heap_set(d, i, d->heap[m]);
    i = m;
  }
  heap_set(d, i, t);
}

static void heap_remove(genai__driver *d, genai__timer *t) {
  size_t i = t->heap_index - 1;
  t->heap_index = 0;
  genai__timer *last = d->heap[--d->heap_count];
  if (i == d->heap_count) return;
  heap_set(d, i, last);
  if (i > 0 && earlier(last, d->heap[(i - 1) / 2])) sift_up(d, i);
  else sift_down(d, i);
}

static void announce_timeout(genai__driver *d);

void genai__timer_start(genai__driver *d, genai__timer *t, int64_t at_ms, void (*fire)(void *), void *data) {
  if (t->heap_index) heap_remove(d, t);
  t->at_ms = at_ms;
  t->fire = fire;
  t->data = data;
  if (d->heap_count == d->heap_cap) {
    size_t cap = d->heap_cap ? d->heap_cap * 2 : 64;
    genai__timer **grown = genai__realloc(d->heap, cap * sizeof(*grown));
    if (!grown) {
      /* Without memory for the heap the timer fires at the next perform
       * instead of at its time: late, never lost. */
      t->at_ms = 0;
      if (!d->heap_cap) return;
    } else {
      d->heap = grown;
      d->heap_cap = cap;
    }
  }
  if (d->heap_count < d->heap_cap) {
    d->heap[d->heap_count++] = t;
    sift_up(d, d->heap_count - 1);
  }
  if (!d->dispatching) announce_timeout(d);
}

void genai__timer_stop(genai__driver *d, genai__timer *t) {
  if (t->heap_index) heap_remove(d, t);
}

/* ------------------------------------------------------- deferred work */

void genai__defer(genai__driver *d, genai__deferred *w, void (*run)(void *), void *data) {
  w->run = run;
  w->data = data;
  if (w->queued) return;
  w->queued = true;
  w->next = NULL;
  if (d->deferred_tail) d->deferred_tail->next = w;
  else d->deferred_head = w;
  d->deferred_tail = w;
  if (!d->dispatching) announce_timeout(d);
}

void genai__defer_cancel(genai__driver *d, genai__deferred *w) {
  if (!w->queued) return;
  genai__deferred **p = &d->deferred_head, *prev = NULL;
  while (*p && *p != w) prev = *p, p = &(*p)->next;
  if (*p) {
    *p = w->next;
    if (d->deferred_tail == w) d->deferred_tail = prev;
  }
  w->queued = false;
  w->next = NULL;
}

/* ------------------------------------------------------------- watches */

static void tell_loop(genai__driver *d, int fd, int what) {
  if (d->external && d->hooks.socket_fn && fd >= 0) d->hooks.socket_fn(d->hooks.user_data, fd, what);
}

void genai__watch_set(genai__driver *d, genai__watch *w, int fd, int events, void (*ready)(void *, int), void *data) {
  if (fd < 0) {
    genai__watch_stop(d, w);
    return;
  }
  w->ready = ready;
  w->data = data;
  if (!w->linked) {
    w->linked = true;
    w->prev = NULL;
    w->next = d->watches;
    if (d->watches) d->watches->prev = w;
    d->watches = w;
    d->watch_count++;
    w->fd = -1;
    w->events = 0;
    w->revents = 0;
  }
  if (w->fd == fd && w->events == events) return;
  if (w->fd != fd) {
    tell_loop(d, w->fd, 4);
    w->revents = 0;
  }
  w->fd = fd;
  w->events = events;
  tell_loop(d, fd, events);
}

void genai__watch_stop(genai__driver *d, genai__watch *w) {
  if (!w->linked) return;
  tell_loop(d, w->fd, 4);
  if (w->prev) w->prev->next = w->next;
  else d->watches = w->next;
  if (w->next) w->next->prev = w->prev;
  w->prev = w->next = NULL;
  w->linked = false;
  w->fd = -1;
  w->revents = 0;
  d->watch_count--;
}

void genai__watch_renew(genai__driver *d, genai__watch *w) {
  if (w->linked) tell_loop(d, w->fd, w->events);
}

static bool scratch_fits(genai__driver *d) {
  if (d->watch_count <= d->scratch_cap) return true;
  size_t cap = d->watch_count * 2;
  struct pollfd *p = genai__realloc(d->pfds, cap * sizeof *p);
  if (p) d->pfds = p;
  struct curl_waitfd *c = genai__realloc(d->waitfds, cap * sizeof *c);
  if (c) d->waitfds = c;
  if (!p || !c) return false;
  d->scratch_cap = cap;
  return true;
}

/* The library's loop: which watched descriptors are ready now. Without
 * memory for the scratch array every watch is reported ready, which its
 * owner tolerates (it services without blocking). */
static void poll_watches(genai__driver *d) {
  if (!d->watch_count) return;
  if (!scratch_fits(d)) {
    for (genai__watch *w = d->watches; w; w = w->next) w->revents |= w->events;
    return;
  }
  size_t n = 0;
  for (genai__watch *w = d->watches; w; w = w->next)
    d->pfds[n++] = (struct pollfd){.fd = w->fd, .events = (short)((w->events & 1 ? POLLIN : 0) |
                                                                   (w->events & 2 ? POLLOUT : 0))};
  if (poll(d->pfds, (nfds_t)n, 0) <= 0) return;
  n = 0;
  for (genai__watch *w = d->watches; w; w = w->next, n++) {
    short r = d->pfds[n].revents;
    w->revents |= (r & POLLIN ? 1 : 0) | (r & POLLOUT ? 2 : 0) | (r & (POLLERR | POLLHUP | POLLNVAL) ? 4 : 0);
  }
}

/* The next watch with readiness to hand over, or NULL. */
static genai__watch *ready_watch(genai__driver *d) {
  for (genai__watch *w = d->watches; w; w = w->next)
    if (w->revents) return w;
  return NULL;
}

/* ------------------------------------------------ the application's loop */

static int on_curl_socket(CURL *e, curl_socket_t fd, int what, void *userp, void *socketp) {
  (void)e;
  (void)socketp;
  genai__driver *d = userp;
  int mapped = what == CURL_POLL_IN ? 1 : what == CURL_POLL_OUT ? 2 : what == CURL_POLL_INOUT ? 3 : 4;
  return d->hooks.socket_fn ? d->hooks.socket_fn(d->hooks.user_data, (int)fd, mapped) : 0;
}

static int on_curl_timer(CURLM *m, long timeout_ms, void *userp) {
  (void)m;
  genai__driver *d = userp;
  d->curl_deadline_ms = timeout_ms < 0 ? -1 : genai__now_ms() + timeout_ms;
  if (!d->dispatching) announce_timeout(d);
  return 0;
}

long genai__driver_timeout_ms(genai__driver *d) {
  if (d->deferred_head) return 0;
  int64_t now = genai__now_ms(), at = -1;
  if (d->heap_count) at = d->heap[0]->at_ms;
  if (d->external) {
    if (d->curl_deadline_ms >= 0 && (at < 0 || d->curl_deadline_ms < at)) at = d->curl_deadline_ms;
  } else if (d->transfers) {
    long curl_ms = -1;
    curl_multi_timeout(d->multi, &curl_ms);
    if (curl_ms >= 0 && (at < 0 || now + curl_ms < at)) at = now + curl_ms;
    /* libcurl without a deadline still wants to be asked now and then */
    if (at < 0 || at > now + 1000) at = now + 1000;
  }
  if (at < 0) return -1;
  return at <= now ? 0 : (long)(at - now);
}

static void announce_timeout(genai__driver *d) {
  if (d->external && d->hooks.timer_fn) d->hooks.timer_fn(d->hooks.user_data, genai__driver_timeout_ms(d));
}

/* --------------------------------------------------------------- driver */

genai_result genai__driver_new(const genai__driver_hooks *hooks, genai__driver **out) {
  *out = NULL;
  genai__driver *d = genai__calloc(1, sizeof(*d));
  if (!d) return genai__err(GENAI_ENOMEM, "out of memory");
  d->multi = curl_multi_init();
  if (!d->multi) {
    genai__free(d);
    return genai__err(GENAI_ENOMEM, "out of memory creating an HTTP driver");
  }
  d->curl_deadline_ms = -1;
  /* Connections live in the client's shared cache; this only bounds what
   * the multi handle keeps besides. */
  curl_multi_setopt(d->multi, CURLMOPT_MAXCONNECTS, 64L);
  if (hooks && (hooks->socket_fn || hooks->timer_fn)) {
    d->hooks = *hooks;
    d->external = true;
    curl_multi_setopt(d->multi, CURLMOPT_SOCKETFUNCTION, on_curl_socket);
    curl_multi_setopt(d->multi, CURLMOPT_SOCKETDATA, d);
    curl_multi_setopt(d->multi, CURLMOPT_TIMERFUNCTION, on_curl_timer);
    curl_multi_setopt(d->multi, CURLMOPT_TIMERDATA, d);
  }
  *out = d;
  return GENAI_OK;
}

void genai__driver_free(genai__driver *d) {
  if (!d) return;
  curl_multi_cleanup(d->multi);
  genai__free(d->heap);
  genai__free(d->pfds);
  genai__free(d->waitfds);
  genai__free(d);
}

void *genai__driver_curl(genai__driver *d) { return d->multi; }

void genai__driver_transfer_added(genai__driver *d) { d->transfers++; }

void genai__driver_transfer_removed(genai__driver *d) {
  if (d->transfers) d->transfers--;
}

size_t genai__driver_pending(const genai__driver *d) {
  size_t n = d->transfers + d->watch_count + d->heap_count;
  for (const genai__deferred *w = d->deferred_head; w; w = w->next) n++;
  return n;
}

/* Completions, due timers and deferred work, outside libcurl's callbacks. */
static void dispatch(genai__driver *d) {
  if (d->dispatching) return;
  d->dispatching = true;
  for (;;) {
    bool progress = false;
    CURLMsg *msg;
    int left = 0;
    while ((msg = curl_multi_info_read(d->multi, &left)) != NULL) {
      if (msg->msg != CURLMSG_DONE) continue;
      void *owner = NULL;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&owner);
      CURLcode cc = msg->data.result;
      if (owner) genai__transfer_on_done(owner, (int)cc);
      progress = true;
    }
    int64_t now = genai__now_ms();
    while (d->heap_count && d->heap[0]->at_ms <= now) {
      genai__timer *t = d->heap[0];
      heap_remove(d, t);
      t->fire(t->data);
      progress = true;
    }
    genai__deferred *w = d->deferred_head;
    if (w) {
      d->deferred_head = w->next;
      if (!d->deferred_head) d->deferred_tail = NULL;
      w->queued = false;
      w->next = NULL;
      w->run(w->data);
      progress = true;
    }
    /* one at a time: a handler may stop or start other watches */
    genai__watch *ready = ready_watch(d);
    if (ready) {
      int revents = ready->revents;
      ready->revents = 0;
      ready->ready(ready->data, revents);
      progress = true;
    }
    if (!progress) break;
  }
  d->dispatching = false;
  announce_timeout(d);
}

genai_result genai__driver_perform(genai__driver *d) {
  if (d->external) return genai__driver_socket_action(d, -1, 0);
  int running = 0;
  CURLMcode mc = curl_multi_perform(d->multi, &running);
  poll_watches(d);
  dispatch(d);
  if (mc != CURLM_OK) return genai__err(GENAI_ETRANSPORT, "libcurl: %s", curl_multi_strerror(mc));
  return GENAI_OK;
}

genai_result genai__driver_poll(genai__driver *d, int timeout_ms) {
  long due = genai__driver_timeout_ms(d);
  if (due >= 0 && (timeout_ms < 0 || due < timeout_ms)) timeout_ms = (int)due;
  if (timeout_ms < 0) timeout_ms = 1000;
  if (!d->external && timeout_ms > 0) {
    /* the watched descriptors wake the wait too; perform then asks which */
    unsigned n = 0;
    if (d->watch_count && scratch_fits(d))
      for (genai__watch *w = d->watches; w; w = w->next)
        d->waitfds[n++] = (struct curl_waitfd){.fd = w->fd, .events = (short)((w->events & 1 ? CURL_WAIT_POLLIN : 0) |
                                                                              (w->events & 2 ? CURL_WAIT_POLLOUT : 0))};
    else if (d->watch_count)
      timeout_ms = 0;
    CURLMcode mc = curl_multi_poll(d->multi, n ? d->waitfds : NULL, n, timeout_ms, NULL);
    if (mc != CURLM_OK) return genai__err(GENAI_ETRANSPORT, "libcurl: %s", curl_multi_strerror(mc));
  }
  return genai__driver_perform(d);
}

genai_result genai__driver_socket_action(genai__driver *d, int fd, int events) {
  int running = 0, mask = 0;
  if (events & 1) mask |= CURL_CSELECT_IN;
  if (events & 2) mask |= CURL_CSELECT_OUT;
  if (events & 4) mask |= CURL_CSELECT_ERR;
  CURLMcode mc = CURLM_OK;
  genai__watch *w = d->watches;
  while (fd >= 0 && w && w->fd != fd) w = w->next;
  if (w) {
    w->revents |= events & 7;
  } else if (fd >= 0) {
    mc = curl_multi_socket_action(d->multi, (curl_socket_t)fd, mask, &running);
  } else if (d->curl_deadline_ms >= 0 && d->curl_deadline_ms <= genai__now_ms()) {
    d->curl_deadline_ms = -1;
    mc = curl_multi_socket_action(d->multi, CURL_SOCKET_TIMEOUT, 0, &running);
  }
  dispatch(d);
  if (mc != CURLM_OK) return genai__err(GENAI_ETRANSPORT, "libcurl: %s", curl_multi_strerror(mc));
  return GENAI_OK;
}

void genai__driver_wakeup(genai__driver *d) { curl_multi_wakeup(d->multi); }

genai_result genai__driver_run(genai__driver *d, bool (*until)(void *), void *data) {
  genai_result rc = genai__driver_perform(d);
  while (rc == GENAI_OK && !(until && until(data)) && genai__driver_pending(d)) rc = genai__driver_poll(d, 1000);
  return rc;
}
