/* genai-emulator: entry point. Parses the command line, serves until SIGINT
 * or SIGTERM, then shuts down cleanly. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cli.h"
#include "note.h"
#include "server.h"

static int write_port_file(const char *path, unsigned port) {
  FILE *f = fopen(path, "w");
  if (!f) return -1;
  int ok = fprintf(f, "%u\n", port) > 0;
  if (fclose(f) != 0) ok = 0;
  return ok ? 0 : -1;
}

#define MAX_PEM_FILE ((size_t)16 * 1024 * 1024)

/* The whole of a (PEM) file as a string; NULL with the reason on stderr. */
static char *read_text_file(const char *flag, const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    emu_warn("cannot read %s %s: %s", flag, path, strerror(errno));
    return NULL;
  }
  size_t len = 0, cap = 4096;
  char *text = malloc(cap);
  while (text) {
    len += fread(text + len, 1, cap - len - 1, f);
    if (len < cap - 1) break;
    char *grown = cap < MAX_PEM_FILE ? realloc(text, cap * 2) : NULL;
    if (!grown) free(text);
    text = grown;
    cap *= 2;
  }
  int failed = ferror(f);
  fclose(f);
  if (!text || failed) {
    emu_warn("cannot read %s %s: %s", flag, path, failed ? "read error" : "out of memory or too large");
    free(text);
    return NULL;
  }
  text[len] = '\0';
  if (!strstr(text, "-----BEGIN ")) {
    emu_warn("%s %s is not a PEM file", flag, path);
    free(text);
    return NULL;
  }
  return text;
}

/* Shutdown signals are blocked in every thread and collected with sigwait()
 * here, so no code runs in signal-handler context. Must run before any
 * thread is created: new threads inherit the mask. */
static void block_shutdown_signals(sigset_t *set) {
  sigemptyset(set);
  sigaddset(set, SIGINT);
  sigaddset(set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, set, NULL);
  /* A client hanging up mid-response must not kill the server. */
  signal(SIGPIPE, SIG_IGN);
}

static int serve(const emu_config *cfg, const emu_tls *tls, const sigset_t *shutdown_set) {
  emu_app *app = emu_app_new(cfg);
  if (!app) {
    emu_warn("out of memory");
    return EXIT_FAILURE;
  }
  emu_server *server = emu_server_start(app, cfg->host, cfg->port, cfg->max_connections, tls);
  if (!server) {
    emu_app_free(app);
    return EXIT_FAILURE;
  }
  unsigned port = emu_server_port(server);
  if (cfg->port_file && write_port_file(cfg->port_file, port) != 0)
    emu_warn("cannot write port file %s", cfg->port_file);
  printf("genai-emulator listening on %s://%s:%u\n", emu_server_scheme(server), emu_server_url_host(server), port);
  fflush(stdout);

  int sig = 0;
  sigwait(shutdown_set, &sig);
  emu_note("signal %d received, shutting down", sig);
  emu_server_stop(server);
  emu_app_free(app);
  return EXIT_SUCCESS;
}

/* Reads the TLS files (if any) and serves. */
static int run(const emu_config *cfg, const sigset_t *shutdown_set) {
  if (!cfg->tls_cert) return serve(cfg, NULL, shutdown_set);
  char *cert = read_text_file("--tls-cert", cfg->tls_cert);
  char *key = cert ? read_text_file("--tls-key", cfg->tls_key) : NULL;
  int rc = EXIT_FAILURE;
  if (key) {
    emu_tls tls = {cert, key};
    rc = serve(cfg, &tls, shutdown_set);
  }
  if (key) memset(key, 0, strlen(key)); /* private key material */
  free(key);
  free(cert);
  return rc;
}

int main(int argc, char **argv) {
  emu_config cfg;
  emu_cli_result parsed = emu_cli_parse(argc, argv, &cfg);
  int rc = parsed == EMU_CLI_EXIT_OK ? EXIT_SUCCESS : 2;
  if (parsed == EMU_CLI_RUN) {
    sigset_t shutdown_set;
    block_shutdown_signals(&shutdown_set);
    emu_note_set_quiet(cfg.quiet);
    rc = run(&cfg, &shutdown_set);
  }
  emu_config_dispose(&cfg);
  return rc;
}
