/*
 * json_schema.c: "JSON Response Schema".
 *
 * The C twin of these Python SDK snippets:
 *
 *     class CountryInfo(BaseModel):
 *         name: str
 *         population: int
 *         capital: str
 *         continent: str
 *         gdp: int
 *         official_language: str
 *         total_area_sq_mi: int
 *
 *     response = client.models.generate_content(
 *         model='gemini-2.0-flash-001',
 *         contents='Give me information for the United States.',
 *         config=types.GenerateContentConfig(
 *             response_mime_type='application/json',
 *             response_schema=CountryInfo,
 *         ),
 *     )
 *     print(response.text)
 *
 *     response = client.models.generate_content(
 *         model='gemini-2.0-flash-001',
 *         contents='Give me information for the United States.',
 *         config=types.GenerateContentConfig(
 *             response_mime_type='application/json',
 *             response_schema={
 *                 'required': ['name', 'population', 'capital', 'continent', 'gdp',
 *                              'official_language', 'total_area_sq_mi'],
 *                 'properties': {
 *                     'name': {'type': 'STRING'},
 *                     'population': {'type': 'INTEGER'},
 *                     'capital': {'type': 'STRING'},
 *                     'continent': {'type': 'STRING'},
 *                     'gdp': {'type': 'INTEGER'},
 *                     'official_language': {'type': 'STRING'},
 *                     'total_area_sq_mi': {'type': 'INTEGER'},
 *                 },
 *                 'type': 'OBJECT',
 *             },
 *         ),
 *     )
 *     print(response.text)
 *
 * C has no pydantic: the first schema is a genai_schema built in C (with
 * the property order a pydantic model gives, property_ordering); the second
 * is the same dict as JSON (genai_schema_from_json). response.parsed is
 * genai_response_parsed_json().
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

/* Generates with the schema; prints the text and the parsed JSON. */
static int ask(genai_client *client, const genai_schema *schema) {
  genai_generate_content_config config = {GENAI_INIT(genai_generate_content_config),
                                          .response_mime_type = "application/json", .response_schema = schema};
  genai_generate_content_response *response = NULL;
  if (genai_models_generate_content(client, "gemini-2.0-flash-001",
                                    GENAI_TEXT("Give me information for the United States."), &config,
                                    &response) != GENAI_OK) {
    print_error("generate_content");
    return -1;
  }
  const char *text = genai_response_text(response);
  printf("%s\n", text ? text : "(no text)");
  char *parsed = NULL;
  int rc = 0;
  if (genai_response_parsed_json(response, &parsed) == GENAI_OK) {
    printf("parsed: %s\n", parsed);
  } else {
    print_error("parsed_json");
    rc = -1;
  }
  genai_free(parsed);
  genai_generate_content_response_free(response);
  return rc;
}

int main(void) {
  genai_client *client = NULL;
  if (genai_client_new(NULL, &client) != GENAI_OK) {
    print_error("genai_client_new");
    return EXIT_FAILURE;
  }

  /* class CountryInfo(BaseModel): ... as a genai_schema. */
  genai_schema string = {GENAI_INIT(genai_schema), .type = GENAI_TYPE_STRING};
  genai_schema integer = {GENAI_INIT(genai_schema), .type = GENAI_TYPE_INTEGER};
  genai_schema_entry properties[] = {
      {"name", &string},      {"population", &integer},       {"capital", &string},        {"continent", &string},
      {"gdp", &integer},      {"official_language", &string}, {"total_area_sq_mi", &integer},
  };
  const char *fields[] = {"name", "population", "capital", "continent", "gdp", "official_language",
                          "total_area_sq_mi"};
  genai_schema country_info = {GENAI_INIT(genai_schema), .type = GENAI_TYPE_OBJECT, .title = "CountryInfo",
                               .properties = properties, .properties_count = 7, .required = fields,
                               .required_count = 7, .property_ordering = fields, .property_ordering_count = 7};

  /* The dict form, read from JSON. */
  genai_schema *from_dict = NULL;
  if (genai_schema_from_json(
          "{\"required\": [\"name\", \"population\", \"capital\", \"continent\", \"gdp\", \"official_language\", "
          "\"total_area_sq_mi\"], \"properties\": {\"name\": {\"type\": \"STRING\"}, \"population\": {\"type\": "
          "\"INTEGER\"}, \"capital\": {\"type\": \"STRING\"}, \"continent\": {\"type\": \"STRING\"}, \"gdp\": "
          "{\"type\": \"INTEGER\"}, \"official_language\": {\"type\": \"STRING\"}, \"total_area_sq_mi\": {\"type\": "
          "\"INTEGER\"}}, \"type\": \"OBJECT\"}",
          &from_dict) != GENAI_OK) {
    print_error("schema_from_json");
    genai_client_free(client);
    return EXIT_FAILURE;
  }

  int status = ask(client, &country_info) == 0 && ask(client, from_dict) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
  genai_schema_free(from_dict);
  genai_client_free(client);
  return status;
}
