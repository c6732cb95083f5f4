#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *out) {
  fprintf(out,
          "usage: genai generate [--model M] [--contents JSON] [--config JSON|@FILE] [--schema FILE]\n"
          "                      [--json] [--stream]\n"
          "                      [--base-url URL] [--api-version V] [--vertex --project P --location L]\n"
          "                      [PROMPT...]\n"
          "\n"
          "  --model M          model id or resource name (default gemini-2.5-flash)\n"
          "  --contents JSON    contents in any Python form: a string, a Part or Content dict, a list\n"
          "  --config JSON      GenerateContentConfig as JSON (snake_case or camelCase), or @file\n"
          "  --json             print the whole response as JSON instead of its text\n"
          "                     (with --stream: one JSON document per chunk, one per line)\n"
          "  --schema FILE      answer as JSON following the schema in FILE: a JSON Schema\n"
          "                     (response_json_schema), or an OpenAPI Schema with upper-case types\n"
          "                     such as \"OBJECT\" (response_schema); sets response_mime_type\n"
          "                     application/json unless the config sets one\n"
          "  --stream           print the answer as it arrives (streamGenerateContent)\n"
          "  PROMPT...          the prompt text, when --contents is not given\n");
}

static int print_json(const genai_generate_content_response *r) {
  char *out = NULL;
  if (genai_generate_content_response_to_json(r, &out) != GENAI_OK) {
    cli_print_error("could not print the response");
    return CLI_FAILED;
  }
  printf("%s\n", out);
  genai_free(out);
  return CLI_OK;
}

static void explain_no_text(const genai_generate_content_response *r) {
  const char *reason = r->candidates_count ? r->candidates[0]->finish_reason_str : NULL;
  const char *block = r->prompt_feedback ? r->prompt_feedback->block_reason_str : NULL;
  fprintf(stderr, "genai: the response has no text (finish reason %s%s%s)\n", reason ? reason : "none",
          block ? ", prompt blocked: " : "", block ? block : "");
}

static int print_response(const genai_generate_content_response *r, int json) {
  if (json) return print_json(r);
  const char *text = genai_response_text(r);
  if (text) printf("%s\n", text);
  else explain_no_text(r);
  return CLI_OK;
}

/* Prints each chunk as it arrives; the text chunks form one answer. */
int cli_print_stream(genai_stream *stream, int json) {
  const genai_generate_content_response *chunk;
  genai_result rc;
  int any_text = 0;
  const char *reason = NULL;
  while ((rc = genai_stream_next(stream, &chunk)) == GENAI_OK) {
    if (json) {
      if (print_json(chunk) != CLI_OK) return CLI_FAILED;
    } else {
      const char *text = genai_response_text(chunk);
      if (text) fputs(text, stdout), any_text = 1;
      if (!any_text && chunk->prompt_feedback && chunk->prompt_feedback->block_reason_str)
        explain_no_text(chunk);
    }
    if (chunk->candidates_count && chunk->candidates[0]->finish_reason_str)
      reason = chunk->candidates[0]->finish_reason_str;
    fflush(stdout);
  }
  if (!json && any_text) putchar('\n');
  if (rc != GENAI_DONE) {
    cli_print_error("the stream failed");
    return CLI_FAILED;
  }
  if (!json && !any_text) fprintf(stderr, "genai: the response has no text (finish reason %s)\n", reason ? reason : "none");
  return CLI_OK;
}

/* An OpenAPI Schema names its types in upper case ("OBJECT"); a JSON Schema in lower case. */
static int is_openapi_schema(const char *text) {
  const char *t = strstr(text, "\"type\"");
  if (!t) return 0;
  t = strchr(t + 6, '"');
  return t && t[1] >= 'A' && t[1] <= 'Z';
}

/* --schema: the config with the schema, and application/json unless set. */
static int apply_schema(const char *path, genai_generate_content_config *cfg, char **text, genai_schema **schema) {
  char arg[4096];
  snprintf(arg, sizeof(arg), "@%s", path);
  if (!(*text = cli_read_arg(arg))) return CLI_FAILED;
  if (is_openapi_schema(*text)) {
    if (genai_schema_from_json(*text, schema) != GENAI_OK) {
      cli_print_error("--schema");
      return CLI_USAGE;
    }
    cfg->response_schema = *schema;
  } else {
    cfg->response_json_schema_json = *text;
  }
  if (!cfg->response_mime_type) cfg->response_mime_type = "application/json";
  return CLI_OK;
}

int cli_generate(int argc, char **argv) {
  cli_prompt_args a = {.model = "gemini-2.5-flash"};
  int rc = cli_prompt_parse(argc, argv, &a, CLI_PROMPT_STREAM, usage);
  genai_client *client = NULL;
  genai_generate_content_config *config = NULL;
  genai_generate_content_response *response = NULL;
  genai_stream *stream = NULL;
  cli_contents contents = {0};
  char *config_text = NULL, *schema_text = NULL;
  genai_schema *schema = NULL;
  genai_generate_content_config with_schema;
  if (rc != CLI_OK) goto done;
  rc = CLI_FAILED;
  if (a.config && !(config_text = cli_read_arg(a.config))) goto done;
  if (config_text && genai_generate_content_config_from_json(config_text, &config) != GENAI_OK) {
    cli_print_error("--config");
    rc = CLI_USAGE;
    goto done;
  }
  const genai_generate_content_config *cfg = config;
  if (a.schema) {
    with_schema = config ? *config : (genai_generate_content_config){GENAI_INIT(genai_generate_content_config)};
    if ((rc = apply_schema(a.schema, &with_schema, &schema_text, &schema)) != CLI_OK) goto done;
    cfg = &with_schema;
  }
  if ((rc = cli_contents_build(&a, 0, &contents)) != CLI_OK) goto done;
  if ((rc = cli_client_new(&a.client, &client)) != CLI_OK) goto done;
  if (a.stream) {
    if (genai_models_generate_content_stream(client, a.model, contents.value, cfg, &stream) != GENAI_OK) {
      cli_print_error("generate failed");
      rc = CLI_FAILED;
      goto done;
    }
    rc = cli_print_stream(stream, a.json);
    goto done;
  }
  if (genai_models_generate_content(client, a.model, contents.value, cfg, &response) != GENAI_OK) {
    cli_print_error("generate failed");
    rc = CLI_FAILED;
    goto done;
  }
  rc = print_response(response, a.json);
done:
  genai_stream_free(stream);
  genai_generate_content_response_free(response);
  genai_generate_content_config_free(config);
  cli_contents_clear(&contents);
  genai_client_free(client);
  free(config_text);
  free(schema_text);
  genai_schema_free(schema);
  cli_prompt_args_clear(&a);
  return rc < 0 ? CLI_OK : rc;
}
