#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void count_usage(FILE *out) {
  fprintf(out,
          "usage: genai count-tokens [--model M] [--contents JSON] [--config JSON|@FILE] [--json]\n"
          "                          [--base-url URL] [--api-version V] [--vertex --project P --location L]\n"
          "                          [PROMPT...]\n"
          "\n"
          "Prints the number of tokens of the prompt (client.models.count_tokens).\n"
          "  --config JSON      CountTokensConfig (system_instruction, tools and generation_config\n"
          "                     are Vertex AI only)\n"
          "  --json             print the whole response as JSON\n");
}

static void compute_usage(FILE *out) {
  fprintf(out,
          "usage: genai compute-tokens [--model M] [--contents JSON] [--json]\n"
          "                            [--base-url URL] [--api-version V] [--vertex --project P --location L]\n"
          "                            [PROMPT...]\n"
          "\n"
          "Prints the tokens of the prompt, one per line as ID<TAB>TOKEN\n"
          "(client.models.compute_tokens; Vertex AI only).\n"
          "  --json             print the whole response as JSON\n");
}

static int print_json(char *json, genai_result rc) {
  if (rc != GENAI_OK) {
    cli_print_error("could not print the response");
    return CLI_FAILED;
  }
  printf("%s\n", json);
  genai_free(json);
  return CLI_OK;
}

int cli_count_tokens(int argc, char **argv) {
  cli_prompt_args a = {.model = "gemini-2.5-flash"};
  int rc = cli_prompt_parse(argc, argv, &a, 0, count_usage);
  genai_client *client = NULL;
  genai_count_tokens_config *config = NULL;
  genai_count_tokens_response *response = NULL;
  cli_contents contents = {0};
  char *config_text = NULL, *json = NULL;
  if (rc != CLI_OK) goto done;
  rc = CLI_FAILED;
  if (a.config && !(config_text = cli_read_arg(a.config))) goto done;
  if (config_text && genai_count_tokens_config_from_json(config_text, &config) != GENAI_OK) {
    cli_print_error("--config");
    rc = CLI_USAGE;
    goto done;
  }
  if ((rc = cli_contents_build(&a, 0, &contents)) != CLI_OK) goto done;
  if ((rc = cli_client_new(&a.client, &client)) != CLI_OK) goto done;
  if (genai_models_count_tokens(client, a.model, contents.value, config, &response) != GENAI_OK) {
    cli_print_error("count-tokens failed");
    rc = CLI_FAILED;
    goto done;
  }
  if (a.json) {
    genai_result jr = genai_count_tokens_response_to_json(response, &json);
    rc = print_json(json, jr);
  } else {
    printf("%d\n", response->total_tokens ? *response->total_tokens : 0);
    rc = CLI_OK;
  }
done:
  genai_count_tokens_response_free(response);
  genai_count_tokens_config_free(config);
  cli_contents_clear(&contents);
  genai_client_free(client);
  free(config_text);
  cli_prompt_args_clear(&a);
  return rc < 0 ? CLI_OK : rc;
}

/* A token's bytes, printable: other bytes as \xNN. */
static void print_token(const genai_bytes *t) {
  for (size_t i = 0; i < t->size; i++) {
    unsigned char c = t->data[i];
    if (c >= 0x20 && c != 0x7f && c != '\\') putchar(c);
    else printf("\\x%02x", c);
  }
}

int cli_compute_tokens(int argc, char **argv) {
  cli_prompt_args a = {.model = "gemini-2.5-flash"};
  int rc = cli_prompt_parse(argc, argv, &a, 0, compute_usage);
  genai_client *client = NULL;
  genai_compute_tokens_response *response = NULL;
  cli_contents contents = {0};
  char *json = NULL;
  if (rc != CLI_OK) goto done;
  if (a.config) {
    fprintf(stderr, "genai: compute-tokens takes no --config\n");
    rc = CLI_USAGE;
    goto done;
  }
  if ((rc = cli_contents_build(&a, 0, &contents)) != CLI_OK) goto done;
  if ((rc = cli_client_new(&a.client, &client)) != CLI_OK) goto done;
  if (genai_models_compute_tokens(client, a.model, contents.value, NULL, &response) != GENAI_OK) {
    cli_print_error("compute-tokens failed");
    rc = CLI_FAILED;
    goto done;
  }
  if (a.json) {
    genai_result jr = genai_compute_tokens_response_to_json(response, &json);
    rc = print_json(json, jr);
    goto done;
  }
  for (size_t i = 0; i < response->tokens_info_count; i++) {
    const genai_tokens_info *info = response->tokens_info[i];
    size_t n = info->tokens_count > info->token_ids_count ? info->tokens_count : info->token_ids_count;
    for (size_t j = 0; j < n; j++) {
      if (j < info->token_ids_count) printf("%d", info->token_ids[j]);
      putchar('\t');
      if (j < info->tokens_count) print_token(&info->tokens[j]);
      putchar('\n');
    }
  }
  rc = CLI_OK;
done:
  genai_compute_tokens_response_free(response);
  cli_contents_clear(&contents);
  genai_client_free(client);
  cli_prompt_args_clear(&a);
  return rc < 0 ? CLI_OK : rc;
}
