/* The Live API session shared by the blocking calls (live.c) and the
 * non-blocking form on a genai_multi (live_async.c). */
#ifndef GENAI_API_LIVE_INTERNAL_H
#define GENAI_API_LIVE_INTERNAL_H

#include <genai/live.h>

#include "api/afc.h"
#include "api/client_internal.h"
#include "api/multi_internal.h"
#include "core/arena.h"
#include "core/error.h"
#include "core/redact.h"
#include "http/driver.h"
#include "http/headers.h"
#include "http/ws.h"

typedef enum genai__live_phase {
  GENAI__LIVE_CONNECTING, /* waiting for the handshake and setupComplete */
  GENAI__LIVE_OPEN,
  GENAI__LIVE_ENDED       /* on_close fired (async), or the multi was freed */
} genai__live_phase;

/* A message sent before setupComplete, held until it comes. */
typedef struct genai__live_held {
  struct genai__live_held *next;
  size_t len;
  char data[];
} genai__live_held;

struct genai_live_session {
  genai_client *client;
  genai__ws *ws;
  genai__backend backend;
  genai_live_server_message *current; /* handed out by the last receive */
  genai_live_server_message *setup;   /* the setupComplete message */
  bool turn_ended;                    /* the last message completed a turn */
  int64_t send_timeout_ms, recv_timeout_ms;
  /* Automatic tool calls: the C functions of config.tools, copied */
  genai__arena fn_arena;
  genai__afc afc;
  bool afc_run;
  char *resume_handle; /* the newest resumable handle the server gave */
  /* the async form (live_async.c); multi is NULL for a blocking session
   * and for an async one whose multi was freed */
  bool async;
  genai_multi *multi;
  genai__driver *driver;
  genai_live_callbacks cb;
  genai__multi_member member;
  genai__watch watch;
  genai__timer tick, deadline;
  genai__deferred work;
  genai__live_phase phase;
  bool setup_deadline_armed;
  bool user_closed;    /* genai_live_close came while the close still had to go out */
  int in_callback;
  bool free_requested; /* genai_live_close from inside a callback */
  genai__live_held *held_head, *held_tail;
  genai__error_copy error;
};

/* What a connection needs before the socket opens. */
typedef struct genai__live_plan {
  char *url;
  char *setup; /* the setup message's JSON text */
  char *token; /* a bearer token (secret) */
  genai__headers headers;
  genai__secrets secrets;
} genai__live_plan;

/* Checks the arguments and makes a session (functions of config.tools
 * copied) and its plan; both are the caller's on success. */
genai_result genai__live_prepare(genai_client *client, const char *model, const genai_live_connect_config *config,
                                 genai_live_session **session, genai__live_plan *plan);
genai__ws_options genai__live_ws_options(const genai_live_session *s, const genai__live_plan *plan);
void genai__live_plan_clear(genai__live_plan *plan);

/* Decodes a server message; an `error` object becomes GENAI_EAPI. */
genai_result genai__live_decode(genai_live_session *s, const char *data, size_t len, genai_live_server_message **out);
/* Keeps a resumption handle and answers a tool call with config's functions. */
genai_result genai__live_absorb(genai_live_session *s, const genai_live_server_message *m);
/* Frees what both forms own (not the socket). */
void genai__live_free(genai_live_session *s);

/* live_async.c */
genai_result genai__live_async_send(genai_live_session *s, const char *text, size_t len);
void genai__live_async_close(genai_live_session *s);

#endif
