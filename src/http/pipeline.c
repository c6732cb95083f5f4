#include "http/pipeline.h"

#include "core/error.h"
#include "core/log.h"
#include "http/api_error.h"

static int64_t server_delay_ms(const genai__response *resp) {
  int64_t ms = genai__retry_after_header_ms(genai__headers_get(&resp->headers, "retry-after"));
  if (ms < 0) ms = genai__api_error_retry_info_ms(resp->body.data, resp->body.len);
  return ms;
}

static void on_transfer_done(void *data, genai_result rc, bool retryable);
static void on_headers(void *data);

static genai_result attempt(genai__attempts *a) {
  a->attempt++;
  genai__transfer_free(a->t);
  a->t = NULL;
  return genai__transfer_start(a->http, a->driver, a->req, a->resp, on_transfer_done, a->req->sink ? on_headers : NULL,
                               a, &a->t);
}

static void fire_retry(void *data) {
  genai__attempts *a = data;
  genai_result rc = attempt(a);
  if (rc != GENAI_OK) a->on_done(a->data, rc);
}

static void on_headers(void *data) {
  genai__attempts *a = data;
  if (a->began || a->resp->status < 200 || a->resp->status >= 300) return;
  a->began = true;
  if (a->on_began) a->on_began(a->data);
}

static void on_transfer_done(void *data, genai_result rc, bool retryable) {
  genai__attempts *a = data;
  const genai__request *req = a->req;
  genai__response *resp = a->resp;
  int64_t server_ms = -1;
  if (rc == GENAI_OK) {
    if (resp->status >= 200 && resp->status < 300) {
      a->on_done(a->data, GENAI_OK);
      return;
    }
    server_ms = server_delay_ms(resp);
    rc = genai__api_error_raise(resp->status, resp->body.data, resp->body.len, &resp->headers, server_ms,
                                req->secrets);
    retryable = genai__retry_status(a->policy, resp->status);
  }
  if (!retryable || a->attempt >= a->policy->attempts || (req->sink && resp->sink_started) || a->began) {
    a->on_done(a->data, rc);
    return;
  }
  int64_t delay = genai__retry_delay_ms(a->policy, a->attempt, server_ms, genai__random01());
  if (delay < 0) {
    genai__log(GENAI_LOG_INFO, "not retrying %s %s: the service asks to wait %lld ms, more than max_delay",
               req->method, genai__request_shown_url(req), (long long)server_ms);
    a->on_done(a->data, rc);
    return;
  }
  genai__log(GENAI_LOG_INFO, "retrying %s %s in %lld ms (attempt %d of %d failed: %s)", req->method, genai__request_shown_url(req),
             (long long)delay, a->attempt, a->policy->attempts, genai_error_last()->message);
  genai__timer_start(a->driver, &a->retry_timer, genai__now_ms() + delay, fire_retry, a);
}

genai_result genai__attempts_start(genai__attempts *a, genai__http *h, genai__driver *d, const genai__request *req,
                                   const genai__retry_policy *policy, genai__response *resp,
                                   void (*on_began)(void *), void (*on_done)(void *, genai_result), void *data) {
  *a = (genai__attempts){.http = h, .driver = d, .req = req, .policy = policy, .resp = resp, .on_began = on_began,
                         .on_done = on_done, .data = data};
  return attempt(a);
}

genai__transfer *genai__attempts_transfer(genai__attempts *a) { return a->t; }

void genai__attempts_stop(genai__attempts *a) {
  if (a->driver) genai__timer_stop(a->driver, &a->retry_timer);
  genai__transfer_free(a->t);
  a->t = NULL;
}
