/* genai-c's side of the Live conformance scenarios that `genai live` cannot
 * express (it sends each line as client content): connects with a
 * LiveConnectConfig given as JSON, sends TEXT as realtime input, prints the
 * text of the turn's messages and a newline, and closes the session.
 *
 *   live_realtime mldev|vertex|vertex_adc BASE_URL MODEL CONFIG_JSON TEXT
 *
 * The key comes from the environment ($GEMINI_API_KEY, $GOOGLE_API_KEY) as
 * for the CLI; vertex_adc uses the project test-project in us-central1 and
 * Application Default Credentials (the test points them at the emulator's
 * metadata server). Public API only. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <genai/genai.h>

static int failed(const char *what) {
  fprintf(stderr, "live_realtime: %s: %s\n", what, genai_error_last()->message);
  return 1;
}

int main(int argc, char **argv) {
  if (argc != 6 || (strcmp(argv[1], "mldev") && strcmp(argv[1], "vertex") && strcmp(argv[1], "vertex_adc"))) {
    fprintf(stderr, "usage: live_realtime mldev|vertex|vertex_adc BASE_URL MODEL CONFIG_JSON TEXT\n");
    return 2;
  }
  bool vertex = strcmp(argv[1], "mldev") != 0, adc = strcmp(argv[1], "vertex_adc") == 0;
  const genai_http_options http = {GENAI_INIT(genai_http_options), .base_url = argv[2]};
  const genai_client_options options = {GENAI_INIT(genai_client_options), .vertexai = &vertex,
                                        .project = adc ? "test-project" : NULL,
                                        .location = adc ? "us-central1" : NULL, .http_options = &http};
  genai_client *client = NULL;
  genai_live_connect_config *config = NULL;
  genai_live_session *session = NULL;
  int rc = 1;
  if (genai_client_new(&options, &client) != GENAI_OK) return failed("client");
  if (genai_live_connect_config_from_json(argv[4], &config) != GENAI_OK) {
    rc = failed("config");
  } else if (genai_live_connect(client, argv[3], config, &session) != GENAI_OK) {
    rc = failed("connect");
  } else {
    const genai_live_client_realtime_input in = {GENAI_INIT(genai_live_client_realtime_input), .text = argv[5]};
    if (genai_live_send_realtime_input(session, &in) != GENAI_OK) {
      rc = failed("send");
    } else {
      const genai_live_server_message *m = NULL;
      genai_result r;
      while ((r = genai_live_receive(session, &m)) == GENAI_OK)
        if (genai_live_server_message_text(m)) fputs(genai_live_server_message_text(m), stdout);
      putchar('\n');
      rc = r == GENAI_DONE ? 0 : failed("receive");
    }
  }
  genai_live_close(session);
  genai_live_connect_config_free(config);
  genai_client_free(client);
  return rc;
}
