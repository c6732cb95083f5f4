/* One call over HTTP: attempts with retries per the policy, waiting between
 * them on the driver's timers, and the error of the last attempt decoded
 * into the result. */
#ifndef GENAI_HTTP_PIPELINE_H
#define GENAI_HTTP_PIPELINE_H

#include <stdbool.h>

#include "http/driver.h"
#include "http/engine.h"
#include "http/retry.h"

typedef struct genai__attempts {
  genai__http *http;
  genai__driver *driver;
  const genai__request *req;
  const genai__retry_policy *policy;
  genai__response *resp;
  genai__transfer *t;
  genai__timer retry_timer;
  int attempt;
  bool began; /* a streamed 2xx answer began: never retried from here on */
  /* A streamed request's 2xx answer began (its headers are in). */
  void (*on_began)(void *data);
  /* The call ended: GENAI_OK with a 2xx answer in resp, else the error of
   * the last attempt (the thread's error): GENAI_EAPI for an error status,
   * transport, timeout or decode errors for the rest. */
  void (*on_done)(void *data, genai_result rc);
  void *data;
} genai__attempts;

/* Starts the first attempt; everything passed must stay in place until
 * on_done or genai__attempts_stop. An error here means nothing started. */
genai_result genai__attempts_start(genai__attempts *a, genai__http *h, genai__driver *d, const genai__request *req,
                                   const genai__retry_policy *policy, genai__response *resp,
                                   void (*on_began)(void *), void (*on_done)(void *, genai_result), void *data);
/* A streamed answer's transfer, once it began (for pausing and resuming). */
genai__transfer *genai__attempts_transfer(genai__attempts *a);
/* Aborts whatever is in progress, without calling on_done. */
void genai__attempts_stop(genai__attempts *a);

#endif
