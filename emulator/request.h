/* One HTTP request as the emulator received it. */
#ifndef EMU_REQUEST_H
#define EMU_REQUEST_H

#include <stddef.h>

#include "buf.h"
#include "headers.h"

typedef struct emu_request {
  char *method;
  char *path;          /* raw path as sent on the request line, without the query */
  char *decoded_path;  /* percent-decoded path; routing uses this one */
  char *query;         /* raw query string without '?', "" when there is none */
  emu_headers headers; /* names lowercased, in arrival order */
  emu_buf body;
  int body_too_large;       /* the body exceeded EMU_MAX_BODY and was cut */
  unsigned long connection; /* id of the TCP connection it arrived on */
  int tls;                  /* it arrived over TLS (HTTPS) */
} emu_request;

/* Requests are cut at this size so a runaway client cannot exhaust memory. */
#define EMU_MAX_BODY ((size_t)64 * 1024 * 1024)

/* A request for the request-target `target` ("/path?query"). NULL when out of memory. */
emu_request *emu_request_new(const char *target);
void emu_request_free(emu_request *r);

int emu_request_set_method(emu_request *r, const char *method);

/* "https" when the request arrived over TLS, else "http": the scheme of the
 * URLs the emulator hands out. */
const char *emu_request_scheme(const emu_request *r);

/* The first header with this (lowercase) name, or NULL. Borrowed. */
const char *emu_request_header(const emu_request *r, const char *name);

/* The decoded value of query parameter `name` (first occurrence), or NULL when
 * absent or out of memory. Caller frees. */
char *emu_request_query_param(const emu_request *r, const char *name);

/* Percent-decodes s[0..len); `plus_is_space` applies form encoding rules.
 * Caller frees; NULL when out of memory. */
char *emu_percent_decode(const char *s, size_t len, int plus_is_space);

#endif
