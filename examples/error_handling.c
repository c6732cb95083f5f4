/*
 * error_handling.c: "Error Handling".
 *
 * The C twin of this Python SDK snippet:
 *
 *     try:
 *         client.models.generate_content(
 *             model="invalid-model-name",
 *             contents="What is your name?",
 *         )
 *     except errors.APIError as e:
 *         print(e.code) # 404
 *         print(e.message)
 *
 * C has no exceptions: every fallible call returns a genai_result (GENAI_OK
 * is 0, errors are negative). GENAI_EAPI means the service answered with an
 * error status: that is errors.APIError. The details are in
 * genai_error_last(), kept per thread until the next failing call.
 *
 * This program expects the 404 and exits with status 0 when it gets it.
 */
#include <stdio.h>
#include <stdlib.h>

#include <genai/genai.h>

int main(void) {
  genai_client *client = NULL;
  if (genai_client_new(NULL, &client) != GENAI_OK) {
    fprintf(stderr, "genai_client_new failed: %s\n", genai_error_last()->message);
    return EXIT_FAILURE;
  }

  genai_generate_content_response *response = NULL;
  genai_result rc = genai_models_generate_content(client, "invalid-model-name", GENAI_TEXT("What is your name?"),
                                                  NULL, &response);
  int status = EXIT_FAILURE;
  if (rc == GENAI_OK) {
    /* Not what this example is about: the model unexpectedly exists. */
    fprintf(stderr, "expected an error, but the call succeeded\n");
    genai_generate_content_response_free(response);
  } else {
    /* except errors.APIError as e: */
    const genai_error *e = genai_error_last();
    if (rc == GENAI_EAPI) {
      printf("%d\n", e->http_status); /* e.code: 404 */
      printf("%s\n", e->message);     /* e.message */
      printf("status: %s\n", e->status); /* e.status: "NOT_FOUND" */
    }
    if (rc == GENAI_EAPI && e->http_status == 404) {
      status = EXIT_SUCCESS; /* the error we came for */
    } else {
      /* Anything else (no network, bad key, ...) is a real failure.
       * genai_result_name() names the code, e.g. GENAI_ETRANSPORT. */
      fprintf(stderr, "unexpected error: %s: %s\n", genai_result_name(rc), e->message);
    }
  }

  /* Optional: frees the thread's error details now; otherwise they stay
   * until the thread's next failing call or its exit. */
  genai_error_clear();
  genai_client_free(client);
  return status;
}
