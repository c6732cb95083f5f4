#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *out) {
  fprintf(out,
          "usage: genai embed [--model M] [--contents JSON] [--config JSON|@FILE] [--json]\n"
          "                   [--base-url URL] [--api-version V] [--vertex --project P --location L]\n"
          "                   [TEXT...]\n"
          "\n"
          "Embeds each TEXT (or each item of --contents) and prints one line per embedding:\n"
          "its values separated by spaces (client.models.embed_content).\n"
          "  --model M          default gemini-embedding-001\n"
          "  --config JSON      EmbedContentConfig, e.g. {\"output_dimensionality\": 64}\n"
          "  --json             print the whole response as JSON\n");
}

int cli_embed(int argc, char **argv) {
  cli_prompt_args a = {.model = "gemini-embedding-001"};
  int rc = cli_prompt_parse(argc, argv, &a, 0, usage);
  genai_client *client = NULL;
  genai_embed_content_config *config = NULL;
  genai_embed_content_response *response = NULL;
  cli_contents contents = {0};
  char *config_text = NULL, *json = NULL;
  if (rc != CLI_OK) goto done;
  rc = CLI_FAILED;
  if (a.config && !(config_text = cli_read_arg(a.config))) goto done;
  if (config_text && genai_embed_content_config_from_json(config_text, &config) != GENAI_OK) {
    cli_print_error("--config");
    rc = CLI_USAGE;
    goto done;
  }
  if ((rc = cli_contents_build(&a, 1, &contents)) != CLI_OK) goto done;
  if ((rc = cli_client_new(&a.client, &client)) != CLI_OK) goto done;
  if (genai_models_embed_content(client, a.model, contents.value, config, &response) != GENAI_OK) {
    cli_print_error("embed failed");
    rc = CLI_FAILED;
    goto done;
  }
  if (a.json) {
    if (genai_embed_content_response_to_json(response, &json) != GENAI_OK) {
      cli_print_error("could not print the response");
      rc = CLI_FAILED;
      goto done;
    }
    printf("%s\n", json);
  } else {
    for (size_t i = 0; i < response->embeddings_count; i++) {
      const genai_content_embedding *e = response->embeddings[i];
      for (size_t j = 0; j < e->values_count; j++) printf(j ? " %.9g" : "%.9g", e->values[j]);
      putchar('\n');
    }
  }
  rc = CLI_OK;
done:
  genai_free(json);
  genai_embed_content_response_free(response);
  genai_embed_content_config_free(config);
  cli_contents_clear(&contents);
  genai_client_free(client);
  free(config_text);
  cli_prompt_args_clear(&a);
  return rc < 0 ? CLI_OK : rc;
}
