#include "ws_conn.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "ws_frame.h"

#define POLL_SLICE_MS 100
#define CLOSE_WAIT_MS 1000

int emu_ws_conn_init(emu_ws_conn *c, int fd, const char *extra, size_t extra_len,
                     int (*stopping)(void *), void *stopping_arg) {
  memset(c, 0, sizeof *c);
  c->fd = fd;
  c->stopping = stopping;
  c->stopping_arg = stopping_arg;
  c->in_cap = extra_len > 65536 ? extra_len : 65536;
  c->in = malloc(c->in_cap);
  if (!c->in) return -1;
  memcpy(c->in, extra, extra_len);
  c->in_len = extra_len;
  return 0;
}

void emu_ws_conn_dispose(emu_ws_conn *c) {
  free(c->in);
  c->in = NULL;
  emu_buf_dispose(&c->message);
}

/* The socket may be non-blocking: over TLS it is libmicrohttpd's end of a
 * socketpair, which libmicrohttpd makes non-blocking and which fills up
 * whenever the client reads more slowly than the session writes. A full
 * socket is waited for (in slices, so that a stopping server ends the
 * wait) instead of ending the session. */
static int send_all(emu_ws_conn *c, const unsigned char *p, size_t n) {
  while (n) {
    ssize_t k = send(c->fd, p, n, MSG_NOSIGNAL);
    if (k < 0 && errno == EINTR) continue;
    if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (c->stopping && c->stopping(c->stopping_arg)) return -1;
      struct pollfd w = {c->fd, POLLOUT, 0};
      if (poll(&w, 1, POLL_SLICE_MS) < 0 && errno != EINTR) return -1;
      continue;
    }
    if (k <= 0) return -1;
    p += k;
    n -= (size_t)k;
  }
  return 0;
}

static int send_frame(emu_ws_conn *c, int opcode, const void *data, size_t len) {
  unsigned char hdr[10];
  size_t h = emu_ws_header(hdr, opcode, len);
  if (send_all(c, hdr, h) != 0) return -1;
  return len ? send_all(c, data, len) : 0;
}

int emu_ws_send(emu_ws_conn *c, int opcode, const void *data, size_t len) {
  if (c->close_sent) return -1;
  return send_frame(c, opcode, data, len);
}

int emu_ws_send_close(emu_ws_conn *c, int code, const char *reason) {
  if (c->close_sent) return 0;
  c->close_sent = 1;
  unsigned char body[125];
  size_t n = reason ? strlen(reason) : 0;
  if (n > sizeof body - 2) n = sizeof body - 2;
  body[0] = (unsigned char)(code >> 8);
  body[1] = (unsigned char)code;
  if (n) memcpy(body + 2, reason, n);
  return send_frame(c, EMU_WS_CLOSE, body, n + 2);
}

static long long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reads more bytes. 1 when some arrived, 0 on timeout, -1 on EOF, error or stop. */
static int fill(emu_ws_conn *c, long long deadline) {
  for (;;) {
    if (c->stopping && c->stopping(c->stopping_arg)) return -1;
    int wait = POLL_SLICE_MS;
    if (deadline >= 0) {
      long long left = deadline - now_ms();
      if (left <= 0) return 0;
      if (left < wait) wait = (int)left;
    }
    struct pollfd p = {c->fd, POLLIN, 0};
    int r = poll(&p, 1, wait);
    if (r < 0 && errno != EINTR) return -1;
    if (r <= 0) continue;
    if (c->in_len == c->in_cap) {
      size_t cap = c->in_cap * 2;
      unsigned char *grown = realloc(c->in, cap);
      if (!grown) return -1;
      c->in = grown;
      c->in_cap = cap;
    }
    ssize_t k = recv(c->fd, c->in + c->in_len, c->in_cap - c->in_len, 0);
    if (k < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (k <= 0) return -1;
    c->in_len += (size_t)k;
    return 1;
  }
}

static void consume(emu_ws_conn *c, size_t n) {
  memmove(c->in, c->in + n, c->in_len - n);
  c->in_len -= n;
}

static int fail(emu_ws_conn *c, int code, const char *reason) {
  emu_ws_send_close(c, code, reason);
  return -1;
}

int emu_ws_read(emu_ws_conn *c, int timeout_ms, int *opcode, const char **data, size_t *len,
                int *peer_code) {
  long long deadline = timeout_ms < 0 ? -1 : now_ms() + timeout_ms;
  /* the previous message was handed out: start afresh */
  if (c->message_opcode == -1) {
    c->message.len = 0;
    c->message_opcode = 0;
  }
  for (;;) {
    emu_ws_frame f;
    int code = 0;
    long used = emu_ws_parse(c->in, c->in_len, EMU_WS_MAX_MESSAGE, &f, &code);
    if (used < 0) return fail(c, code, code == 1009 ? "message too big" : "protocol error");
    if (used == 0) {
      int r = fill(c, deadline);
      if (r <= 0) return r;
      continue;
    }
    switch (f.opcode) {
      case EMU_WS_PING:
        if (!c->close_sent && send_frame(c, EMU_WS_PONG, f.payload, f.len) != 0) return -1;
        if (c->on_ping) c->on_ping(c->on_ping_arg);
        break;
      case EMU_WS_PONG:
        break;
      case EMU_WS_CLOSE:
        *peer_code = f.len >= 2 ? (f.payload[0] << 8 | f.payload[1]) : 1005;
        if (f.len == 1) *peer_code = 1002;
        /* echo the code, as section 5.5.1 asks */
        emu_ws_send_close(c, f.len >= 2 ? *peer_code : EMU_WS_CLOSE_NORMAL, NULL);
        consume(c, (size_t)used);
        return 2;
      default: { /* text, binary, continuation */
        int starts = f.opcode != EMU_WS_CONTINUATION;
        if (starts == (c->message_opcode != 0))
          return fail(c, EMU_WS_CLOSE_PROTOCOL, starts ? "expected a continuation frame"
                                                        : "continuation without a message");
        if (c->message.len + f.len > EMU_WS_MAX_MESSAGE)
          return fail(c, EMU_WS_CLOSE_TOO_BIG, "message too big");
        if (starts) c->message_opcode = f.opcode;
        /* append even an empty payload, so that message.data is never NULL */
        if (emu_buf_append(&c->message, (const char *)f.payload, f.len) != 0)
          return fail(c, EMU_WS_CLOSE_INTERNAL, "out of memory");
        if (f.fin) {
          consume(c, (size_t)used);
          *opcode = c->message_opcode;
          *data = c->message.data;
          *len = c->message.len;
          c->message_opcode = -1;
          return 1;
        }
      }
    }
    consume(c, (size_t)used);
  }
}

void emu_ws_await_close(emu_ws_conn *c) {
  long long deadline = now_ms() + CLOSE_WAIT_MS;
  for (;;) {
    emu_ws_frame f;
    int code = 0;
    long used = emu_ws_parse(c->in, c->in_len, EMU_WS_MAX_MESSAGE, &f, &code);
    if (used < 0) return;
    if (used > 0) {
      int is_close = f.opcode == EMU_WS_CLOSE;
      consume(c, (size_t)used);
      if (is_close) return;
      continue;
    }
    if (fill(c, deadline) <= 0) return;
  }
}
