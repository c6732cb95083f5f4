/* The fault matrix (docs/faults.md): every fault genai-emulator can script,
 * run against every kind of call the SDK makes, on both backends.
 *
 * A fault is a script for unary answers and one for streamed answers plus a
 * check of the outcome. fault_run() makes one call of one kind and records
 * how it ended in a fault_outcome, whatever the kind: the result, the error
 * details copied out of the library (they live only until the next failing
 * call), the chunks handed out before the end, the time it took and the
 * number of requests the emulator received. Test programs pick the faults of
 * one group (so that ctest runs the groups in parallel) and fault_main()
 * turns each fault x kind into one cmocka test that runs both backends. */
#ifndef GENAI_FAULTS_H
#define GENAI_FAULTS_H

#include <stdbool.h>
#include <stdint.h>

#include "itest.h"

/* The kinds of calls. */
typedef enum fault_kind {
  FK_GENERATE,     /* genai_models_generate_content */
  FK_COUNT_TOKENS, /* genai_models_count_tokens */
  FK_EMBED,        /* genai_models_embed_content */
  FK_STREAM,       /* genai_models_generate_content_stream, then genai_stream_next */
  FK_ASYNC,        /* genai_models_generate_content_async on a genai_multi */
  FK_ASYNC_STREAM, /* genai_models_generate_content_stream_async on a genai_multi */
  FK_COUNT
} fault_kind;

#define FK_BIT(k) (1u << (k))
#define FK_UNARY (FK_BIT(FK_GENERATE) | FK_BIT(FK_COUNT_TOKENS) | FK_BIT(FK_EMBED) | FK_BIT(FK_ASYNC))
#define FK_STREAMS (FK_BIT(FK_STREAM) | FK_BIT(FK_ASYNC_STREAM))
#define FK_ALL (FK_UNARY | FK_STREAMS)

/* Which client a call goes through. */
typedef enum fault_backend {
  FB_MLDEV,          /* Gemini API, API key */
  FB_VERTEX_EXPRESS, /* Vertex AI express mode, API key */
  FB_VERTEX_TOKEN,   /* Vertex AI with project/location and a bearer token (secrets test) */
  FB_COUNT
} fault_backend;

#define FB_BIT(b) (1u << (b))
#define FB_KEYS (FB_BIT(FB_MLDEV) | FB_BIT(FB_VERTEX_EXPRESS))
#define FB_ALL (FB_KEYS | FB_BIT(FB_VERTEX_TOKEN))

/* The credentials of every call: distinctive, so that finding them in a log
 * line, an error or a URL cannot be a coincidence (docs/errors.md, "Secrets
 * are redacted"). The emulator accepts only these. */
#define FAULT_KEY "AIzaFAULTS-secret-api-key-5f0c2e91"
#define FAULT_TOKEN "ya29.FAULTS-secret-bearer-token-8d3b7a64"

const char *fault_kind_name(fault_kind k);
const char *fault_backend_name(fault_backend b);
bool fault_kind_streams(fault_kind k);

/* How one call ended. Strings are copies, so they outlive the library's. */
typedef struct fault_outcome {
  fault_kind kind;
  fault_backend backend;
  genai_result rc;       /* the end: an error, GENAI_OK (unary) or GENAI_DONE (streams) */
  genai_result open_rc;  /* FK_STREAM: what opening the stream returned */
  size_t chunks;         /* streams: chunks handed out before the end */
  char text[512];        /* the answer's text, or the chunks' texts joined */
  int32_t total_tokens;  /* FK_COUNT_TOKENS answer; -1 when none */
  size_t embedding_values; /* FK_EMBED answer: values of the only embedding */
  /* the error details (genai_error_last, genai_stream_error or genai_op_error) */
  genai_result error_code;
  int http_status;
  char status[128];
  char message[2048];
  bool has_body;
  char body[2400];
  bool has_details;
  char details[2048];
  int64_t retry_after_ms;
  int64_t elapsed_ms;    /* the whole call, retries included */
  size_t requests;       /* API requests the emulator received for it */
} fault_outcome;

/* Retries as the matrix uses them: 3 attempts without waiting (so that only
 * the count shows), and waits the service asks for honoured up to 0.5 s. */
extern const genai_http_retry_options fault_retry;
/* The idle timeout of every call, so that a hang fails in bounded time;
 * faults that stall use a shorter one. */
#define FAULT_IDLE_GUARD_MS 5000
/* What the stall faults set as idle_timeout_ms. */
#define FAULT_IDLE_MS 400

/* A client of backend b on the emulator with the given retries and idle
 * timeout: FAULT_KEY, or on FB_VERTEX_TOKEN a provider handing out
 * FAULT_TOKEN (fault_token_calls counts its calls). */
genai_client *fault_client(fault_backend b, const genai_http_retry_options *retry, int32_t idle_timeout_ms);
extern int fault_token_calls;

/* Makes one call of kind k on c and fills *out (the emulator's log should
 * be empty before: out->requests counts what it holds afterwards). */
void fault_run(fault_kind k, fault_backend b, genai_client *c, fault_outcome *out);

/* The URL a call of kind k on backend b goes to ("POST " + it starts
 * transport error messages). */
void fault_url(fault_kind k, fault_backend b, char *out, size_t size);

/* One fault of the matrix. */
typedef struct fault_case {
  const char *name;          /* also the cmocka test's name, with the kind */
  const char *group;         /* the test program that runs it */
  const char *unary_script;  /* for FK_UNARY kinds */
  const char *stream_script; /* for FK_STREAMS kinds; NULL: unary_script */
  unsigned kinds;            /* FK_BIT set: which kinds it applies to */
  unsigned backends;         /* FB_BIT set: which backends the matrix runs */
  int32_t idle_timeout_ms;   /* 0: FAULT_IDLE_GUARD_MS */
  const genai_http_retry_options *retry; /* NULL: fault_retry */
  void (*prepare)(genai_client *c);      /* white-box changes to the client, or NULL */
  void (*check)(const fault_outcome *o); /* asserts the documented outcome */
} fault_case;

extern const fault_case fault_cases[];
extern const size_t fault_case_count;

/* Runs the faults of `group` as cmocka tests, one per fault and kind, each
 * on the fault's backends; returns main's exit status. Every call runs with
 * the log at its most verbose level, and after each the test asserts that
 * neither FAULT_KEY nor FAULT_TOKEN appears in a log line, in the error
 * details or in the URLs the emulator received (while its log shows they
 * were sent, in their headers). */
int fault_main(const char *group);

#endif
