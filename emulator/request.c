#include "request.h"

#include <stdlib.h>
#include <string.h>

static int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

char *emu_percent_decode(const char *s, size_t len, int plus_is_space) {
  char *out = malloc(len + 1);
  if (!out) return NULL;
  size_t o = 0;
  for (size_t i = 0; i < len; i++) {
    int hi, lo;
    if (s[i] == '%' && i + 2 < len && (hi = hex_value(s[i + 1])) >= 0 &&
        (lo = hex_value(s[i + 2])) >= 0) {
      out[o++] = (char)(hi * 16 + lo);
      i += 2;
    } else if (plus_is_space && s[i] == '+') {
      out[o++] = ' ';
    } else {
      out[o++] = s[i];
    }
  }
  out[o] = '\0';
  return out;
}

static char *dup_range(const char *s, size_t len) {
  char *out = malloc(len + 1);
  if (!out) return NULL;
  memcpy(out, s, len);
  out[len] = '\0';
  return out;
}

emu_request *emu_request_new(const char *target) {
  emu_request *r = calloc(1, sizeof *r);
  if (!r) return NULL;
  const char *q = strchr(target, '?');
  size_t path_len = q ? (size_t)(q - target) : strlen(target);
  r->path = dup_range(target, path_len);
  r->decoded_path = emu_percent_decode(target, path_len, 0);
  r->query = q ? dup_range(q + 1, strlen(q + 1)) : dup_range("", 0);
  if (!r->path || !r->decoded_path || !r->query) {
    emu_request_free(r);
    return NULL;
  }
  return r;
}

void emu_request_free(emu_request *r) {
  if (!r) return;
  free(r->method);
  free(r->path);
  free(r->decoded_path);
  free(r->query);
  emu_headers_dispose(&r->headers);
  emu_buf_dispose(&r->body);
  free(r);
}

int emu_request_set_method(emu_request *r, const char *method) {
  char *m = dup_range(method, strlen(method));
  if (!m) return -1;
  free(r->method);
  r->method = m;
  return 0;
}

const char *emu_request_scheme(const emu_request *r) { return r->tls ? "https" : "http"; }

const char *emu_request_header(const emu_request *r, const char *name) {
  return emu_headers_get(&r->headers, name);
}

char *emu_request_query_param(const emu_request *r, const char *name) {
  size_t name_len = strlen(name);
  const char *p = r->query;
  while (*p) {
    const char *end = strchr(p, '&');
    size_t len = end ? (size_t)(end - p) : strlen(p);
    if (len > name_len && strncmp(p, name, name_len) == 0 && p[name_len] == '=')
      return emu_percent_decode(p + name_len + 1, len - name_len - 1, 1);
    if (len == name_len && strncmp(p, name, name_len) == 0) return dup_range("", 0);
    if (!end) break;
    p = end + 1;
  }
  return NULL;
}
