/* Decoding error answers into genai_error_last() (reference/python-genai.md
 * §2.10, wire-notes.md §2): the Google JSON envelope, Vertex AI's
 * list-wrapped form, bodies that are not JSON, RetryInfo and Retry-After,
 * and redaction of secrets echoed by the service. */
#include <time.h>

#include "unit_helpers.h"

#include "http/api_error.h"
#include "http/headers.h"

static const char not_found[] =
    "{\n  \"error\": {\n    \"code\": 404,\n    \"message\": \"models/wrong-model-name is not found for API version "
    "v1beta\",\n    \"status\": \"NOT_FOUND\",\n    \"details\": [{\"@type\": "
    "\"type.googleapis.com/google.rpc.DebugInfo\", \"detail\": \"[ORIGINAL ERROR] generic::not_found\"}]\n  }\n}\n";

static void the_json_envelope_gives_status_message_and_details(void **state) {
  (void)state;
  assert_int_equal(genai__api_error_raise(404, not_found, strlen(not_found), NULL, -1, NULL), GENAI_EAPI);
  const genai_error *e = genai_error_last();
  assert_int_equal(e->code, GENAI_EAPI);
  assert_int_equal(e->http_status, 404);
  assert_string_equal(e->status, "NOT_FOUND");
  assert_string_equal(e->message, "models/wrong-model-name is not found for API version v1beta");
  assert_non_null(e->details_json);
  assert_json_text_eq(e->details_json, "[{\"@type\":\"type.googleapis.com/google.rpc.DebugInfo\","
                                       "\"detail\":\"[ORIGINAL ERROR] generic::not_found\"}]");
  assert_null(e->body);
  assert_true(e->retry_after_ms == -1);
}

static void vertex_list_wrapped_errors_are_unwrapped(void **state) {
  (void)state;
  const char *body = "[{\"error\":{\"code\":429,\"message\":\"Resource exhausted. Please try again later.\","
                     "\"status\":\"RESOURCE_EXHAUSTED\"}}]";
  assert_int_equal(genai__api_error_raise(429, body, strlen(body), NULL, -1, NULL), GENAI_EAPI);
  const genai_error *e = genai_error_last();
  assert_int_equal(e->http_status, 429);
  assert_string_equal(e->status, "RESOURCE_EXHAUSTED");
  assert_string_equal(e->message, "Resource exhausted. Please try again later.");
  assert_null(e->details_json);
  assert_null(e->body);
}

static void the_http_status_wins_over_the_code_in_the_body(void **state) {
  (void)state;
  const char *body = "{\"error\":{\"code\":500,\"message\":\"m\",\"status\":\"INTERNAL\"}}";
  assert_int_equal(genai__api_error_raise(503, body, strlen(body), NULL, -1, NULL), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 503);
  assert_string_equal(genai_error_last()->status, "INTERNAL");
}

static void an_envelope_without_message_still_describes_the_status(void **state) {
  (void)state;
  const char *body = "{\"error\":{\"code\":500}}";
  assert_int_equal(genai__api_error_raise(500, body, strlen(body), NULL, -1, NULL), GENAI_EAPI);
  const genai_error *e = genai_error_last();
  assert_int_equal(e->http_status, 500);
  assert_string_equal(e->status, "");
  assert_non_null(strstr(e->message, "500"));
}

static void an_html_body_is_kept_as_an_excerpt_with_the_status(void **state) {
  (void)state;
  const char *html = "<!DOCTYPE html>\n<html lang=en>\n  <title>Error 404 (Not Found)!!1</title>\n"
                     "  <p><b>404.</b> <ins>That\xe2\x80\x99s an error.</ins>\n</html>\n";
  genai__headers h = {0};
  assert_int_equal(genai__headers_set(&h, "Content-Type", "text/html; charset=UTF-8"), GENAI_OK);
  assert_int_equal(genai__api_error_raise(404, html, strlen(html), &h, -1, NULL), GENAI_EAPI);
  genai__headers_clear(&h);
  const genai_error *e = genai_error_last();
  assert_int_equal(e->code, GENAI_EAPI);
  assert_int_equal(e->http_status, 404);
  assert_string_equal(e->status, "Not Found"); /* Python: the reason phrase */
  assert_non_null(strstr(e->message, "HTTP 404 Not Found"));
  assert_non_null(strstr(e->message, "text/html"));
  assert_non_null(e->body);
  assert_string_equal(e->body, html);
  assert_null(e->details_json);
}

static void a_json_body_without_an_error_object_is_kept_as_a_body(void **state) {
  (void)state;
  const char *body = "{\"unexpected\":true}";
  assert_int_equal(genai__api_error_raise(500, body, strlen(body), NULL, -1, NULL), GENAI_EAPI);
  const genai_error *e = genai_error_last();
  assert_int_equal(e->http_status, 500);
  assert_string_equal(e->status, "Internal Server Error");
  assert_non_null(strstr(e->message, "HTTP 500"));
  assert_string_equal(e->body, body);
  assert_null(e->details_json);
}

static void an_empty_body_is_described(void **state) {
  (void)state;
  assert_int_equal(genai__api_error_raise(502, "", 0, NULL, -1, NULL), GENAI_EAPI);
  const genai_error *e = genai_error_last();
  assert_int_equal(e->http_status, 502);
  assert_string_equal(e->status, "Bad Gateway");
  assert_non_null(strstr(e->message, "HTTP 502 Bad Gateway"));
  assert_non_null(strstr(e->message, "empty body"));
  assert_null(e->body);
}

static void a_long_body_is_cut_to_an_excerpt(void **state) {
  (void)state;
  size_t n = 10000;
  char *big = malloc(n + 1);
  memset(big, 'x', n);
  big[n] = '\0';
  assert_int_equal(genai__api_error_raise(500, big, n, NULL, -1, NULL), GENAI_EAPI);
  free(big);
  const genai_error *e = genai_error_last();
  assert_non_null(e->body);
  assert_true(strlen(e->body) < 2200);
  assert_non_null(strstr(e->body, "more bytes not shown"));
}

static void retry_info_sets_the_requested_delay(void **state) {
  (void)state;
  const char *body = "{\"error\":{\"code\":429,\"message\":\"Quota exceeded\",\"status\":\"RESOURCE_EXHAUSTED\","
                     "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.QuotaFailure\",\"violations\":[]},"
                     "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"26s\"}]}}";
  assert_int_equal(genai__api_error_raise(429, body, strlen(body), NULL, -1, NULL), GENAI_EAPI);
  assert_true(genai_error_last()->retry_after_ms == 26000);
  assert_true(genai__api_error_retry_info_ms(body, strlen(body)) == 26000);
  const char *frac = "[{\"error\":{\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
                     "\"retryDelay\":\"1.5s\"}]}}]";
  assert_true(genai__api_error_retry_info_ms(frac, strlen(frac)) == 1500);
  assert_true(genai__api_error_retry_info_ms(not_found, strlen(not_found)) == -1);
  assert_true(genai__api_error_retry_info_ms("not json", 8) == -1);
}

static void a_retry_after_delay_is_reported(void **state) {
  (void)state;
  assert_int_equal(genai__api_error_raise(503, not_found, strlen(not_found), NULL, 7000, NULL), GENAI_EAPI);
  assert_true(genai_error_last()->retry_after_ms == 7000);
  assert_int_equal(genai__api_error_raise(503, "busy", 4, NULL, 2000, NULL), GENAI_EAPI);
  assert_true(genai_error_last()->retry_after_ms == 2000);
}

static void retry_after_headers_in_seconds_and_http_dates(void **state) {
  (void)state;
  assert_true(genai__retry_after_header_ms("120") == 120000);
  assert_true(genai__retry_after_header_ms("0") == 0);
  assert_true(genai__retry_after_header_ms(NULL) == -1);
  assert_true(genai__retry_after_header_ms("soon") == -1);

  char date[64];
  time_t later = time(NULL) + 90;
  struct tm tm;
  gmtime_r(&later, &tm);
  strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  int64_t ms = genai__retry_after_header_ms(date);
  assert_true(ms >= 87000 && ms <= 90000);

  assert_true(genai__retry_after_header_ms("Wed, 21 Oct 2015 07:28:00 GMT") == 0); /* in the past */
}

static void secrets_echoed_by_the_service_are_redacted(void **state) {
  (void)state;
  const char *body = "{\"error\":{\"code\":400,\"message\":\"API key not valid: AIzaSyFAKEKEY123 is wrong.\","
                     "\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":\"type.googleapis.com/"
                     "google.rpc.DebugInfo\",\"detail\":\"Invalid API key: AIzaSyFAKEKEY123\"}]}}";
  genai__secrets secrets = {{0}, 0};
  genai__secrets_add(&secrets, "AIzaSyFAKEKEY123");
  assert_int_equal(genai__api_error_raise(400, body, strlen(body), NULL, -1, &secrets), GENAI_EAPI);
  const genai_error *e = genai_error_last();
  assert_string_equal(e->message, "API key not valid: [REDACTED] is wrong.");
  assert_null(strstr(e->details_json, "AIzaSyFAKEKEY123"));
  assert_non_null(strstr(e->details_json, "Invalid API key: [REDACTED]"));

  const char *html = "<html>request had key=AIzaSyFAKEKEY123</html>";
  assert_int_equal(genai__api_error_raise(403, html, strlen(html), NULL, -1, &secrets), GENAI_EAPI);
  assert_string_equal(genai_error_last()->body, "<html>request had key=[REDACTED]</html>");
}

static void an_error_object_inside_a_stream_is_decoded(void **state) {
  (void)state;
  const char *obj = "{\n  \"error\": {\n    \"code\": 499,\n    \"message\": \"The operation was cancelled.\",\n"
                    "    \"status\": \"CANCELLED\",\n    \"details\": [{\"@type\": "
                    "\"type.googleapis.com/google.rpc.DebugInfo\", \"detail\": \"[ORIGINAL ERROR] generic::cancelled: \"}]\n"
                    "  }\n}\n";
  assert_int_equal(genai__api_error_raise_json(obj, strlen(obj), NULL), GENAI_EAPI);
  const genai_error *e = genai_error_last();
  assert_int_equal(e->http_status, 499);
  assert_string_equal(e->status, "CANCELLED");
  assert_string_equal(e->message, "The operation was cancelled.");
  assert_non_null(e->details_json);
  assert_int_equal(genai__api_error_raise_json("{\"candidates\":[]}", 17, NULL), GENAI_EDECODE);
  assert_int_equal(genai_error_last()->code, GENAI_EDECODE);
}

static void reason_phrases(void **state) {
  (void)state;
  assert_string_equal(genai__http_reason(400), "Bad Request");
  assert_string_equal(genai__http_reason(404), "Not Found");
  assert_string_equal(genai__http_reason(429), "Too Many Requests");
  assert_string_equal(genai__http_reason(503), "Service Unavailable");
  assert_string_equal(genai__http_reason(418), "");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(the_json_envelope_gives_status_message_and_details),
      cmocka_unit_test(vertex_list_wrapped_errors_are_unwrapped),
      cmocka_unit_test(the_http_status_wins_over_the_code_in_the_body),
      cmocka_unit_test(an_envelope_without_message_still_describes_the_status),
      cmocka_unit_test(an_html_body_is_kept_as_an_excerpt_with_the_status),
      cmocka_unit_test(a_json_body_without_an_error_object_is_kept_as_a_body),
      cmocka_unit_test(an_empty_body_is_described),
      cmocka_unit_test(a_long_body_is_cut_to_an_excerpt),
      cmocka_unit_test(retry_info_sets_the_requested_delay),
      cmocka_unit_test(a_retry_after_delay_is_reported),
      cmocka_unit_test(retry_after_headers_in_seconds_and_http_dates),
      cmocka_unit_test(secrets_echoed_by_the_service_are_redacted),
      cmocka_unit_test(an_error_object_inside_a_stream_is_decoded),
      cmocka_unit_test(reason_phrases),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  genai_error_clear();
  return failed;
}
