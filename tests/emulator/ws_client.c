#include "ws_client.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int send_all(int fd, const void *p, size_t n) {
  const char *b = p;
  while (n) {
    ssize_t k = send(fd, b, n, MSG_NOSIGNAL);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return -1;
    b += k;
    n -= (size_t)k;
  }
  return 0;
}

static int fill(ws_client *c) {
  struct pollfd p = {c->fd, POLLIN, 0};
  if (poll(&p, 1, 5000) <= 0) return -1;
  if (c->in_cap - c->in_len < 65536) {
    size_t cap = c->in_cap * 2 + 65536;
    unsigned char *grown = realloc(c->in, cap);
    if (!grown) return -1;
    c->in = grown;
    c->in_cap = cap;
  }
  ssize_t k = recv(c->fd, c->in + c->in_len, c->in_cap - c->in_len, 0);
  if (k <= 0) return -1;
  c->in_len += (size_t)k;
  return 0;
}

int ws_connect(ws_client *c, const emu_harness *h, const char *path, const char *const *headers) {
  memset(c, 0, sizeof *c);
  c->fd = socket(AF_INET, SOCK_STREAM, 0);
  if (c->fd < 0) return -1;
  struct sockaddr_in a = {0};
  a.sin_family = AF_INET;
  a.sin_port = htons((unsigned short)h->port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(c->fd, (struct sockaddr *)&a, sizeof a) != 0) goto fail;
  char req[4096];
  int n = snprintf(req, sizeof req,
                   "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n",
                   path);
  for (size_t i = 0; headers && headers[i]; i++)
    n += snprintf(req + n, sizeof req - (size_t)n, "%s\r\n", headers[i]);
  n += snprintf(req + n, sizeof req - (size_t)n, "\r\n");
  if (send_all(c->fd, req, (size_t)n) != 0) goto fail;
  for (;;) {
    unsigned char *end = NULL;
    for (size_t i = 0; !end && i + 4 <= c->in_len; i++)
      if (memcmp(c->in + i, "\r\n\r\n", 4) == 0) end = c->in + i;
    if (end) {
      size_t head = (size_t)(end - c->in) + 4;
      size_t copy = head < sizeof c->head ? head : sizeof c->head - 1;
      memcpy(c->head, c->in, copy);
      c->head[copy] = '\0';
      memmove(c->in, c->in + head, c->in_len - head);
      c->in_len -= head;
      break;
    }
    if (fill(c) != 0) goto fail;
  }
  if (sscanf(c->head, "HTTP/1.1 %d", &c->status) != 1) goto fail;
  return 0;
fail:
  ws_close_socket(c);
  return -1;
}

void ws_close_socket(ws_client *c) {
  if (c->fd >= 0) close(c->fd);
  c->fd = -1;
  free(c->in);
  c->in = NULL;
  c->in_len = c->in_cap = 0;
}

int ws_send_frame(ws_client *c, int fin, int opcode, const void *data, size_t len, int unmasked) {
  unsigned char hdr[14];
  size_t h = 0;
  hdr[h++] = (unsigned char)((fin ? 0x80 : 0) | opcode);
  unsigned char maskbit = unmasked ? 0 : 0x80;
  if (len < 126) {
    hdr[h++] = (unsigned char)(maskbit | len);
  } else if (len <= 0xFFFF) {
    hdr[h++] = maskbit | 126;
    hdr[h++] = (unsigned char)(len >> 8);
    hdr[h++] = (unsigned char)len;
  } else {
    hdr[h++] = maskbit | 127;
    for (int i = 7; i >= 0; i--) hdr[h++] = (unsigned char)((unsigned long long)len >> (8 * i));
  }
  static const unsigned char mask[4] = {0x37, 0xfa, 0x21, 0x3d};
  if (!unmasked) {
    memcpy(hdr + h, mask, 4);
    h += 4;
  }
  unsigned char *body = malloc(len + 1);
  if (!body) return -1;
  for (size_t i = 0; i < len; i++)
    body[i] = (unsigned char)(((const unsigned char *)data)[i] ^ (unmasked ? 0 : mask[i & 3]));
  int rc = send_all(c->fd, hdr, h) == 0 && send_all(c->fd, body, len) == 0 ? 0 : -1;
  free(body);
  return rc;
}

int ws_send_json(ws_client *c, const char *json) { return ws_send_frame(c, 1, 1, json, strlen(json), 0); }

int ws_read_frame(ws_client *c, char **data, size_t *len) {
  for (;;) {
    if (c->in_len >= 2) {
      size_t n = c->in[1] & 0x7F, at = 2;
      int ok = 1;
      if (n == 126) {
        ok = c->in_len >= 4;
        if (ok) n = (size_t)c->in[2] << 8 | c->in[3];
        at = 4;
      } else if (n == 127) {
        ok = c->in_len >= 10;
        n = 0;
        for (int i = 0; ok && i < 8; i++) n = n << 8 | c->in[2 + i];
        at = 10;
      }
      if (ok && c->in_len >= at + n) {
        int opcode = c->in[0] & 0x0F;
        *data = malloc(n + 1);
        if (!*data) return -1;
        memcpy(*data, c->in + at, n);
        (*data)[n] = '\0';
        *len = n;
        memmove(c->in, c->in + at + n, c->in_len - at - n);
        c->in_len -= at + n;
        return opcode;
      }
    }
    if (fill(c) != 0) return -1;
  }
}

json_t *ws_read_json(ws_client *c, int *close_code, char *close_reason, size_t reason_size) {
  *close_code = 0;
  if (reason_size) close_reason[0] = '\0';
  for (;;) {
    char *data = NULL;
    size_t len = 0;
    int op = ws_read_frame(c, &data, &len);
    if (op < 0) return NULL;
    if (op == 1) {
      json_t *doc = json_loadb(data, len, 0, NULL);
      free(data);
      return doc;
    }
    if (op == 8) {
      *close_code = len >= 2 ? ((unsigned char)data[0] << 8 | (unsigned char)data[1]) : 1005;
      if (len > 2 && reason_size) snprintf(close_reason, reason_size, "%.*s", (int)(len - 2), data + 2);
      free(data);
      return NULL;
    }
    free(data);
  }
}
