#include "http/pipeline.h"

#include <errno.h>
#include <time.h>

#include "core/error.h"
#include "core/log.h"
#include "http/api_error.h"

static void sleep_ms(int64_t ms) {
  struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
  while (nanosleep(&ts, &ts) == -1 && errno == EINTR) {
  }
}

static int64_t server_delay_ms(const genai__response *resp) {
  int64_t ms = genai__retry_after_header_ms(genai__headers_get(&resp->headers, "retry-after"));
  if (ms < 0) ms = genai__api_error_retry_info_ms(resp->body.data, resp->body.len);
  return ms;
}

/* Streaming has begun: a 2xx status and all the headers are in. */
static bool streaming_began(void *data) {
  const genai__transfer *t = ((void **)data)[0];
  const genai__response *resp = ((void **)data)[1];
  return genai__transfer_headers_done(t) && resp->status >= 200 && resp->status < 300;
}

genai_result genai__http_open(genai__http *h, const genai__request *req, const genai__retry_policy *policy,
                              genai__response *resp, genai__transfer **live) {
  *live = NULL;
  for (int attempt = 1;; attempt++) {
    bool retryable = false, done = false;
    int64_t server_ms = -1;
    genai__transfer *t = NULL;
    genai_result rc = genai__transfer_start(h, req, resp, &t);
    void *until_data[2] = {t, resp};
    if (rc == GENAI_OK) rc = genai__transfer_run(t, req->sink ? streaming_began : NULL, until_data, &done, &retryable);
    if (rc == GENAI_OK && !done) {
      *live = t; /* a stream: the caller runs it on */
      return GENAI_OK;
    }
    genai__transfer_free(t);
    if (rc == GENAI_OK) {
      if (resp->status >= 200 && resp->status < 300) return GENAI_OK;
      server_ms = server_delay_ms(resp);
      rc = genai__api_error_raise(resp->status, resp->body.data, resp->body.len, &resp->headers, server_ms,
                                  req->secrets);
      retryable = genai__retry_status(policy, resp->status);
    }
    if (!retryable || attempt >= policy->attempts || (req->sink && resp->sink_started)) return rc;
    int64_t delay = genai__retry_delay_ms(policy, attempt, server_ms, genai__random01());
    if (delay < 0) {
      genai__log(GENAI_LOG_INFO, "not retrying %s %s: the service asks to wait %lld ms, more than max_delay",
                 req->method, req->url, (long long)server_ms);
      return rc;
    }
    genai__log(GENAI_LOG_INFO, "retrying %s %s in %lld ms (attempt %d of %d failed: %s)", req->method, req->url,
               (long long)delay, attempt, policy->attempts, genai_error_last()->message);
    sleep_ms(delay);
  }
}

genai_result genai__http_send(genai__http *h, const genai__request *req, const genai__retry_policy *policy,
                              genai__response *resp) {
  genai__transfer *live = NULL;
  genai_result rc = genai__http_open(h, req, policy, resp, &live);
  if (rc == GENAI_OK && live) {
    bool done = false, retryable = false;
    rc = genai__transfer_run(live, NULL, NULL, &done, &retryable);
  }
  genai__transfer_free(live);
  return rc;
}
