/* Test harness for genai-emulator: start a private emulator process on a free
 * port, talk to its control plane, stop it.
 *
 *   emu_harness emu;
 *   if (emu_start(&emu, NULL) != 0) fail();
 *   ... point the SDK at emu.base_url ...
 *   json_t *log = emu_requests(&emu);      // what the SDK sent
 *   emu_stop(&emu);
 *
 * The binary is $GENAI_EMULATOR if set, else the genai-emulator built by this
 * CMake tree. Every call prints the reason for a failure on stderr and none
 * blocks for more than about 10 seconds. Not thread-safe per harness; use one
 * harness per thread or lock around it. */
#ifndef GENAI_TEST_EMULATOR_HARNESS_H
#define GENAI_TEST_EMULATOR_HARNESS_H

#include <stddef.h>
#include <sys/types.h>

#include <jansson.h>

typedef struct emu_harness {
  pid_t pid;         /* emulator process; 0 when not running */
  int port;          /* port it listens on */
  char base_url[64]; /* "http://127.0.0.1:PORT" ("https://..." over TLS), no trailing slash */
  char ca_file[512]; /* CA certificates the control plane trusts over TLS; "" = libcurl's defaults */
  int skip_host_check; /* the control plane accepts a certificate for another host name */
} emu_harness;

/* Path of the emulator binary the harness runs. */
const char *emu_binary(void);

/* Starts `genai-emulator --port 0 EXTRA_ARGS...` (extra_args is NULL or a
 * NULL-terminated list, e.g. {"--api-key", "k", NULL}), reads the port from its
 * "listening on" line and waits until /_emulator/health answers.
 * Returns 0, or -1 (nothing left running). */
int emu_start(emu_harness *h, const char *const *extra_args);

/* emu_start for an emulator serving HTTPS: extra_args carry --tls-cert and
 * --tls-key, and the harness's own calls (health, control plane) verify the
 * emulator's certificate against the CA certificates in the PEM file
 * ca_file (not against $SSL_CERT_FILE, which tests may change), and its host
 * name unless check_host is 0 (for an emulator whose certificate names
 * another host on purpose). */
int emu_start_tls(emu_harness *h, const char *const *extra_args, const char *ca_file, int check_host);

/* SIGTERM, then waits for the exit (SIGKILL after 10 s). Returns 0 when the
 * emulator exited with status 0, else -1 with the exit status reported on
 * stderr (under sanitizers a leak makes the exit status non-zero). */
int emu_stop(emu_harness *h);

/* Writes base_url + path into out[size]; returns 0, or -1 if it did not fit. */
int emu_url(const emu_harness *h, const char *path, char *out, size_t size);

/* HTTP calls for the control plane (no credentials are sent). They return the
 * HTTP status, or -1 on a transport error. When body_out is not NULL it
 * receives the response body (NUL-terminated; caller frees, also on error
 * statuses; NULL on -1). */
int emu_get(emu_harness *h, const char *path, char **body_out);
int emu_post(emu_harness *h, const char *path, const char *json, char **body_out);
int emu_delete(emu_harness *h, const char *path);

/* GET /_emulator/requests parsed; caller json_decref()s; NULL on failure. */
json_t *emu_requests(emu_harness *h);

/* POST /_emulator/script with `json` ({"responses":[...]}); returns the status. */
int emu_script(emu_harness *h, const char *json);

/* POST /_emulator/reset (clears request log and script); returns the status. */
int emu_reset(emu_harness *h);

#endif
