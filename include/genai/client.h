/**
 * @file client.h
 * The client: which backend, which credentials, how to do HTTP.
 *
 * Thread safety: a genai_client is immutable after genai_client_new() and may
 * be used by any number of threads at once; it shares one connection cache
 * among them. genai_client_free() must not race with calls in flight.
 */
#ifndef GENAI_CLIENT_H
#define GENAI_CLIENT_H

#include <stdbool.h>

#include <genai/common.h>
#include <genai/errors.h>
#include <genai/types.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct genai_client genai_client;
typedef struct genai_token_provider genai_token_provider; /* genai/sys/auth.h */

/**
 * How to build a client; the C form of `genai.Client(...)`'s arguments.
 * Zero or NULL fields take the Python SDK's defaults, including its
 * environment variables:
 * - `api_key`: else $GOOGLE_API_KEY, else $GEMINI_API_KEY (empty counts as unset).
 * - `vertexai`: else $GOOGLE_GENAI_USE_ENTERPRISE, else $GOOGLE_GENAI_USE_VERTEXAI
 *   ("true" or "1", any case), else false.
 * - `project` / `location` (Vertex AI): else $GOOGLE_CLOUD_PROJECT /
 *   $GOOGLE_CLOUD_LOCATION; explicit arguments beat the environment as in
 *   the Python SDK (an explicit key drops environment project/location, and
 *   explicit project/location drop an environment key).
 * - `http_options->base_url`: else $GOOGLE_GEMINI_BASE_URL / $GOOGLE_VERTEX_BASE_URL,
 *   else the backend's default for the location.
 */
typedef struct genai_client_options {
  size_t struct_size;
  const char *api_key;
  const bool *vertexai;          /**< NULL: from the environment */
  const char *project;
  const char *location;
  const genai_http_options *http_options;
  /** Supplies `Authorization: Bearer` tokens for Vertex AI (genai/sys/auth.h). */
  const genai_token_provider *token_provider;
  /** Ignore every environment variable (for tests and embedded use); this
   *  also turns off Application Default Credentials (docs/auth.md). */
  bool no_env;
  /**
   * Vertex AI credentials as the JSON of a credentials file: a service
   * account key (`"type": "service_account"`) or gcloud's application default
   * credentials (`"type": "authorized_user"`). Used instead of Application
   * Default Credentials; borrowed for the call (the client keeps a copy and
   * wipes it when freed). Mutually exclusive with api_key and token_provider.
   */
  const char *credentials_json;
} genai_client_options;

/**
 * Creates a client.
 * @param[in] options  [nullable] NULL means all defaults (from the environment).
 * @param[out] out     [callee allocates] the client, freed with genai_client_free().
 * @return GENAI_OK; GENAI_EINVAL for invalid or insufficient options, with the
 *         Python SDK's messages (e.g. "No API key was provided. ...",
 *         "Gemini API does not support project/location.",
 *         "Project or API key must be set when using the Vertex AI API.");
 *         GENAI_ENOMEM.
 */
GENAI_API GENAI_NODISCARD genai_result genai_client_new(const genai_client_options *options, genai_client **out);

/** Frees a client and closes its connections. NULL is a no-op. */
GENAI_API void genai_client_free(genai_client *client);

/** True when the client talks to Vertex AI. */
GENAI_API bool genai_client_vertexai(const genai_client *client);
/** The resolved Vertex AI project, or NULL. */
GENAI_API const char *genai_client_project(const genai_client *client);
/** The resolved Vertex AI location, or NULL. */
GENAI_API const char *genai_client_location(const genai_client *client);
/** The base URL requests go to, e.g. "https://generativelanguage.googleapis.com/". */
GENAI_API const char *genai_client_base_url(const genai_client *client);
/** The API version in request paths, e.g. "v1beta". */
GENAI_API const char *genai_client_api_version(const genai_client *client);

/** Log levels, lowest first. */
typedef enum genai_log_level {
  GENAI_LOG_DEBUG = 10, /**< requests, responses, headers (secrets redacted) */
  GENAI_LOG_INFO = 20,  /**< retries, backend decisions */
  GENAI_LOG_WARN = 30,  /**< suspicious input or responses */
  GENAI_LOG_ERROR = 40  /**< failed calls */
} genai_log_level;

/** Receives one log line (no trailing newline). Called from the calling thread. */
typedef void (*genai_log_fn)(genai_log_level level, const char *message, void *user_data);

/**
 * Sets the process-wide log sink. Messages below `min_level` are dropped.
 * API keys, bearer tokens and other secrets never reach the sink.
 * Without a sink, setting $GENAI_LOG to debug, info, warn or error logs to
 * stderr. Thread-safe.
 */
GENAI_API void genai_log_set_callback(genai_log_fn fn, void *user_data, genai_log_level min_level);

#ifdef __cplusplus
}
#endif
#endif /* GENAI_CLIENT_H */
