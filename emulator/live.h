/* The Live API (BidiGenerateContent over WebSocket) on both backends' paths:
 *
 *   mldev   /ws/google.ai.generativelanguage.{v}.GenerativeService.BidiGenerateContent
 *   vertex  /ws/google.cloud.aiplatform.{v}.LlmBidiService/BidiGenerateContent
 *
 * (clients derive these from the REST base URL, so a doubled leading slash
 * is accepted). server.c recognises the upgrade request, emu_live_accept
 * checks it like a REST call and emu_live_run serves the session on the
 * upgraded socket. Behaviour: docs/emulator.md ("Live API"). */
#ifndef EMU_LIVE_H
#define EMU_LIVE_H

#include <stddef.h>

#include <jansson.h>

#include "api_path.h"
#include "app.h"
#include "request.h"
#include "response.h"

/* Recognises a Live API path; fills backend and version of *out. 0 or -1. */
int emu_live_path_parse(const char *decoded_path, emu_api_path *out);

/* What a session needs once the socket is upgraded (owned by the caller of
 * emu_live_run). */
typedef struct emu_live_session {
  emu_api_path path;
  unsigned long connection;
  emu_request *handshake; /* path and headers of the upgrade request, for the request log */
  int close_code; /* scripted close (see emu_response.live_close_code) */
  char *close_reason;
  int close_before_setup;
  char *go_away; /* timeLeft of a goAway sent before the scripted close, or NULL */
  json_t *messages; /* scripted server messages (see emu_response.live_messages), or NULL */
} emu_live_session;

/* Decides the answer to an upgrade request on a Live path: logs it, applies
 * a scripted reply or the credential checks. Returns 1 with *session set
 * (and accept_key filled) when the upgrade goes ahead; else 0 with the HTTP
 * error answer in `out`. */
int emu_live_accept(const emu_app *app, const emu_request *req, const emu_api_path *path,
                    emu_response *out, emu_live_session **session, char accept_key[29]);

void emu_live_session_free(emu_live_session *s);

/* Serves the session on the upgraded socket until either side closes it;
 * `stopping` says when the server shuts down. Blocking. */
void emu_live_run(const emu_app *app, emu_live_session *s, int fd, const char *extra,
                  size_t extra_len, int (*stopping)(void *), void *stopping_arg);

#endif
