/*
 * enum_schema.c: "Enum Response Schema".
 *
 * The C twin of these Python SDK snippets:
 *
 *     class InstrumentEnum(Enum):
 *         PERCUSSION = 'Percussion'
 *         STRING = 'String'
 *         WOODWIND = 'Woodwind'
 *         BRASS = 'Brass'
 *         KEYBOARD = 'Keyboard'
 *
 *     response = client.models.generate_content(
 *         model='gemini-2.0-flash-001',
 *         contents='What instrument plays multiple notes at once?',
 *         config={
 *             'response_mime_type': 'text/x.enum',
 *             'response_schema': InstrumentEnum,
 *         },
 *     )
 *     print(response.text)
 *
 * and the same with 'response_mime_type': 'application/json', whose answer
 * "is identical but in quotes". genai_schema_from_enum() builds the schema
 * the Python SDK makes of the Enum class; genai_response_enum_value() is
 * response.parsed.
 */
#include <stdio.h>
#include <stdlib.h>

#include <genai/genai.h>

static void print_error(const char *what) {
  const genai_error *err = genai_error_last();
  fprintf(stderr, "%s failed: %s (%s", what, err->message, genai_result_name(err->code));
  if (err->http_status) fprintf(stderr, ", HTTP %d %s", err->http_status, err->status);
  fputs(")\n", stderr);
}

static const char *const instruments[] = {"Percussion", "String", "Woodwind", "Brass", "Keyboard"};
static const char *const member_names[] = {"PERCUSSION", "STRING", "WOODWIND", "BRASS", "KEYBOARD"};

static int ask(genai_client *client, const genai_schema *schema, const char *mime_type) {
  genai_generate_content_config config = {GENAI_INIT(genai_generate_content_config),
                                          .response_mime_type = mime_type, .response_schema = schema};
  genai_generate_content_response *response = NULL;
  if (genai_models_generate_content(client, "gemini-2.0-flash-001",
                                    GENAI_TEXT("What instrument plays multiple notes at once?"), &config,
                                    &response) != GENAI_OK) {
    print_error("generate_content");
    return -1;
  }
  const char *text = genai_response_text(response);
  printf("%s\n", text ? text : "(no text)");
  size_t index = 0;
  int rc = 0;
  if (genai_response_enum_value(response, instruments, 5, &index) == GENAI_OK) {
    printf("parsed: InstrumentEnum.%s\n", member_names[index]);
  } else {
    print_error("enum_value");
    rc = -1;
  }
  genai_generate_content_response_free(response);
  return rc;
}

int main(void) {
  genai_client *client = NULL;
  if (genai_client_new(NULL, &client) != GENAI_OK) {
    print_error("genai_client_new");
    return EXIT_FAILURE;
  }
  genai_schema *schema = NULL;
  if (genai_schema_from_enum("InstrumentEnum", instruments, 5, &schema) != GENAI_OK) {
    print_error("schema_from_enum");
    genai_client_free(client);
    return EXIT_FAILURE;
  }
  int status = ask(client, schema, "text/x.enum") == 0 && ask(client, schema, "application/json") == 0
                   ? EXIT_SUCCESS
                   : EXIT_FAILURE;
  genai_schema_free(schema);
  genai_client_free(client);
  return status;
}
