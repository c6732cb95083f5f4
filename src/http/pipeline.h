/* One call over HTTP: attempts with retries per the policy, and the error of
 * the last attempt decoded into genai_error_last(). */
#ifndef GENAI_HTTP_PIPELINE_H
#define GENAI_HTTP_PIPELINE_H

#include "http/engine.h"
#include "http/retry.h"

/* GENAI_OK when the service answered 2xx (resp holds the answer); otherwise
 * the error of the last attempt: GENAI_EAPI for an error status, transport,
 * timeout or decode errors for the rest. A streamed request is never retried
 * once a body byte reached its sink. */
genai_result genai__http_send(genai__http *h, const genai__request *req, const genai__retry_policy *policy,
                              genai__response *resp);

/* The same for a request with a sink (a stream): returns as soon as a 2xx
 * answer's headers are in, with *live the exchange to run on; *live is
 * NULL when the exchange already completed. Retries happen only before
 * that point. */
genai_result genai__http_open(genai__http *h, const genai__request *req, const genai__retry_policy *policy,
                              genai__response *resp, genai__transfer **live);

#endif
