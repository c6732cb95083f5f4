/* The driver: a libcurl multi handle with the transfers added to it, timers
 * (retry waits, idle and header timeouts) and deferred work, run either by
 * the library's own loop (perform/poll, as the synchronous calls and
 * genai_multi_poll do) or by an application's event loop through socket and
 * timer callbacks (curl's multi socket API).
 *
 * Callbacks of timers and deferred work, and transfer completions, run from
 * genai__driver_perform / _poll / _socket_action, never from inside a
 * libcurl callback, and never re-entrantly. A driver is used by one thread at
 * a time; genai__driver_wakeup may be called from any thread. */
#ifndef GENAI_HTTP_DRIVER_H
#define GENAI_HTTP_DRIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <genai/errors.h>

typedef struct genai__driver genai__driver;

/* A timer or a piece of deferred work, embedded in its owner. */
typedef struct genai__timer {
  int64_t at_ms;
  size_t heap_index; /* position + 1 in the heap; 0 when not armed */
  void (*fire)(void *data);
  void *data;
} genai__timer;

typedef struct genai__deferred {
  struct genai__deferred *next;
  bool queued;
  void (*run)(void *data);
  void *data;
} genai__deferred;

/* A descriptor that is not libcurl's (a WebSocket's), watched beside
 * libcurl's sockets: ready(data, revents) runs from perform / poll /
 * socket_action when fd is ready for what was asked (1 in, 2 out; 4 error or
 * hang-up). Embedded in its owner. */
typedef struct genai__watch {
  struct genai__watch *prev, *next;
  bool linked;
  int fd;      /* -1: none */
  int events;  /* 1 in, 2 out, 3 both */
  int revents; /* readiness not handled yet */
  void (*ready)(void *data, int revents);
  void *data;
} genai__watch;

/* An application's event loop (NULL fields: the driver polls itself). */
typedef struct genai__driver_hooks {
  /* Watch fd for what (1 in, 2 out, 3 both) or stop watching it (4). */
  int (*socket_fn)(void *user_data, int fd, int what);
  /* Call genai__driver_socket_action(d, -1, 0) after timeout_ms; -1 cancels. */
  int (*timer_fn)(void *user_data, long timeout_ms);
  void *user_data;
} genai__driver_hooks;

genai_result genai__driver_new(const genai__driver_hooks *hooks, genai__driver **out);
/* Frees the driver; transfers still added must have been freed first. */
void genai__driver_free(genai__driver *d);

/* libcurl's multi handle, for engine.c (a CURLM *). */
void *genai__driver_curl(genai__driver *d);
/* The engine tells the driver about transfers it adds or removes, so that
 * the driver knows when it has work. */
void genai__driver_transfer_added(genai__driver *d);
void genai__driver_transfer_removed(genai__driver *d);

void genai__timer_start(genai__driver *d, genai__timer *t, int64_t at_ms, void (*fire)(void *), void *data);
void genai__timer_stop(genai__driver *d, genai__timer *t);

/* Watches fd for events (1 in, 2 out, 3 both); a new fd or new events
 * replace the old ones. fd < 0 stops watching. */
void genai__watch_set(genai__driver *d, genai__watch *w, int fd, int events, void (*ready)(void *, int), void *data);
void genai__watch_stop(genai__driver *d, genai__watch *w);
/* Tells an application's loop again what to watch: for an owner whose
 * descriptor may have been closed and its number reused since (an epoll
 * set drops a closed descriptor by itself). */
void genai__watch_renew(genai__driver *d, genai__watch *w);

/* Runs `run(data)` after the current libcurl call returns (or at the next
 * perform). Queueing twice is once. */
void genai__defer(genai__driver *d, genai__deferred *w, void (*run)(void *), void *data);
void genai__defer_cancel(genai__driver *d, genai__deferred *w);

/* Transfers, watches, timers and deferred work still pending. */
size_t genai__driver_pending(const genai__driver *d);

/* Does what is ready now, without waiting. */
genai_result genai__driver_perform(genai__driver *d);
/* Waits at most timeout_ms (less when a timer is due sooner) for network
 * activity or a wakeup, then performs. */
genai_result genai__driver_poll(genai__driver *d, int timeout_ms);
/* For an application's loop: fd became ready for `events` (1 in, 2 out,
 * 4 error), or fd -1 when the timer expired. */
genai_result genai__driver_socket_action(genai__driver *d, int fd, int events);
/* How long the loop may wait before it must call perform (ms); -1: no
 * deadline (nothing pending). */
long genai__driver_timeout_ms(genai__driver *d);
/* Interrupts a genai__driver_poll in progress; any thread. */
void genai__driver_wakeup(genai__driver *d);

/* The library's own loop: performs and polls until until(data) is true or
 * nothing is pending. */
genai_result genai__driver_run(genai__driver *d, bool (*until)(void *), void *data);

#endif
