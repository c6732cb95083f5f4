/**
 * @file errors.h
 * Result codes and error details.
 *
 * Every fallible function returns a genai_result: GENAI_OK (0) on success,
 * GENAI_DONE (1) when an iterator is exhausted, a negative code on failure.
 * After a failure, genai_error_last() describes it on the calling thread.
 * Codes are only ever appended, never renumbered.
 */
#ifndef GENAI_ERRORS_H
#define GENAI_ERRORS_H

#include <stdint.h>

#include <genai/common.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum genai_result {
  GENAI_OK = 0,          /**< success */
  GENAI_DONE = 1,        /**< an iterator has no more items */
  GENAI_ERROR = -1,      /**< an internal error (a bug): please report it */
  GENAI_EINVAL = -2,     /**< the caller passed an invalid argument; the message names the field */
  GENAI_ENOMEM = -3,     /**< an allocation failed */
  GENAI_ETRANSPORT = -4, /**< the request did not complete: DNS, connect, TLS, connection reset */
  GENAI_ETIMEOUT = -5,   /**< a connect, total or idle timeout expired */
  GENAI_ECANCELED = -6,  /**< the call was cancelled */
  GENAI_EAPI = -7,       /**< the service answered with an error status; see http_status, status */
  GENAI_EDECODE = -8,    /**< a response could not be decoded (not JSON, wrong shape) */
  GENAI_EAUTH = -9,      /**< no usable credentials for a call: no token provider for Vertex AI with a project, or the provider failed */
  GENAI_EIO = -10,       /**< a local file could not be read or written */
  GENAI_EINPROGRESS = -11 /**< an asynchronous operation has not ended yet (genai_op_result) */
} genai_result;

/**
 * Details of the last failure on a thread. Owned by the library; valid until
 * the next failing call on the same thread. Read it only after a call failed.
 */
typedef struct genai_error {
  size_t struct_size;
  genai_result code;        /**< the result the call returned */
  int http_status;          /**< HTTP status of the service's answer, 0 when there was none */
  const char *status;       /**< the service's `error.status` (e.g. "NOT_FOUND"), "" when none */
  const char *message;      /**< what went wrong; never NULL. Secrets are redacted. */
  const char *details_json; /**< the service's `error.details` array as JSON text, or NULL */
  const char *body;         /**< the start of a response body that was not a JSON error, or NULL */
  int64_t retry_after_ms;   /**< delay the service asked for (Retry-After, RetryInfo), -1 when none */
} genai_error;

/** The last error of the calling thread; never NULL (code GENAI_OK when none). */
GENAI_API const genai_error *genai_error_last(void);
/** Forgets the calling thread's last error and frees what it held. */
GENAI_API void genai_error_clear(void);
/** A static description of a result code, e.g. "invalid argument". */
GENAI_API const char *genai_result_str(genai_result rc);
/** The name of a result code, e.g. "GENAI_EINVAL". */
GENAI_API const char *genai_result_name(genai_result rc);

#ifdef __cplusplus
}
#endif
#endif /* GENAI_ERRORS_H */
