/* The HTTP server: libmicrohttpd with a thread per connection and HTTP/1.1
 * keep-alive. It turns wire requests into emu_request values, hands them to
 * emu_dispatch and writes the emu_response back, including scripted delays,
 * dropped connections and streamed bodies (emu_stream: chunked transfer
 * encoding, each chunk flushed after its pause). Optionally over TLS
 * (libmicrohttpd's GnuTLS), Live API upgrades included. */
#ifndef EMU_SERVER_H
#define EMU_SERVER_H

#include "app.h"

typedef struct emu_server emu_server;

/* HTTPS: the certificate (or chain, leaf first) and its private key, PEM
 * text. Borrowed: both must stay valid until emu_server_stop. */
typedef struct emu_tls {
  const char *cert_pem;
  const char *key_pem;
} emu_tls;

/* Binds host:port (port 0 = ephemeral) and starts serving, over TLS when tls
 * is not NULL. NULL on failure, with the reason on stderr. */
emu_server *emu_server_start(emu_app *app, const char *host, unsigned port, unsigned max_connections,
                             const emu_tls *tls);

/* "https" when serving TLS, else "http". */
const char *emu_server_scheme(const emu_server *s);

/* The bound port. */
unsigned emu_server_port(const emu_server *s);

/* The bound address as it goes into a URL: "127.0.0.1" or "[::1]". */
const char *emu_server_url_host(const emu_server *s);

/* Wakes delayed replies, closes every connection, joins all threads, frees. */
void emu_server_stop(emu_server *s);

#endif
