#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *out) {
  fprintf(out,
          "usage: genai generate [--model M] [--contents JSON] [--config JSON|@FILE] [--json]\n"
          "                      [--base-url URL] [--api-version V] [--vertex --project P --location L]\n"
          "                      [PROMPT...]\n"
          "\n"
          "  --model M          model id or resource name (default gemini-2.5-flash)\n"
          "  --contents JSON    contents in any Python form: a string, a Part or Content dict, a list\n"
          "  --config JSON      GenerateContentConfig as JSON (snake_case or camelCase), or @file\n"
          "  --json             print the whole response as JSON instead of its text\n"
          "  PROMPT...          the prompt text, when --contents is not given\n");
}

typedef struct generate_args {
  const char *model, *contents, *config;
  int json;
  cli_client_args client;
  char *prompt;
} generate_args;

static int parse(int argc, char **argv, generate_args *a) {
  size_t prompt_len = 0;
  for (int i = 1; i < argc; i++) {
    int r = cli_client_arg(argc, argv, &i, &a->client);
    if (r < 0) return CLI_USAGE;
    if (r > 0) continue;
    const char *arg = argv[i];
    const char **value = !strcmp(arg, "--model") ? &a->model
                         : !strcmp(arg, "--contents") ? &a->contents
                         : !strcmp(arg, "--config") ? &a->config
                                                     : NULL;
    if (value) {
      if (i + 1 >= argc) {
        fprintf(stderr, "genai: %s needs a value\n", arg);
        return CLI_USAGE;
      }
      *value = argv[++i];
    } else if (!strcmp(arg, "--json")) {
      a->json = 1;
    } else if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
      usage(stdout);
      return -1;
    } else if (arg[0] == '-' && arg[1] == '-') {
      fprintf(stderr, "genai: unknown option %s\n", arg);
      return CLI_USAGE;
    } else {
      size_t n = strlen(arg);
      char *p = realloc(a->prompt, prompt_len + n + 2);
      if (!p) return CLI_FAILED;
      a->prompt = p;
      if (prompt_len) a->prompt[prompt_len++] = ' ';
      memcpy(a->prompt + prompt_len, arg, n + 1);
      prompt_len += n;
    }
  }
  if (!a->contents == !a->prompt) {
    fprintf(stderr, "genai: give either a PROMPT or --contents\n");
    return CLI_USAGE;
  }
  return CLI_OK;
}

static int print_response(const genai_generate_content_response *r, int json) {
  if (json) {
    char *out = NULL;
    if (genai_generate_content_response_to_json(r, &out) != GENAI_OK) {
      cli_print_error("could not print the response");
      return CLI_FAILED;
    }
    printf("%s\n", out);
    genai_free(out);
    return CLI_OK;
  }
  const char *text = genai_response_text(r);
  if (text) {
    printf("%s\n", text);
    return CLI_OK;
  }
  const char *reason = r->candidates_count ? r->candidates[0]->finish_reason_str : NULL;
  const char *block = r->prompt_feedback ? r->prompt_feedback->block_reason_str : NULL;
  fprintf(stderr, "genai: the response has no text (finish reason %s%s%s)\n", reason ? reason : "none",
          block ? ", prompt blocked: " : "", block ? block : "");
  return CLI_OK;
}

int cli_generate(int argc, char **argv) {
  generate_args a = {.model = "gemini-2.5-flash"};
  int rc = parse(argc, argv, &a);
  if (rc != CLI_OK) {
    free(a.prompt);
    return rc < 0 ? CLI_OK : rc;
  }
  genai_client *client = NULL;
  genai_contents *contents = NULL;
  genai_generate_content_config *config = NULL;
  genai_generate_content_response *response = NULL;
  char *config_text = a.config ? cli_read_arg(a.config) : NULL;
  rc = CLI_FAILED;
  if (a.config && !config_text) goto done;
  if (config_text && genai_generate_content_config_from_json(config_text, &config) != GENAI_OK) {
    cli_print_error("--config");
    rc = CLI_USAGE;
    goto done;
  }
  if (a.contents && genai_contents_from_json(a.contents, &contents) != GENAI_OK) {
    cli_print_error("--contents");
    rc = CLI_USAGE;
    goto done;
  }
  if ((rc = cli_client_new(&a.client, &client)) != CLI_OK) goto done;
  if (genai_models_generate_content(client, a.model, contents ? contents : GENAI_TEXT(a.prompt), config, &response) !=
      GENAI_OK) {
    cli_print_error("generate failed");
    rc = CLI_FAILED;
    goto done;
  }
  rc = print_response(response, a.json);
done:
  genai_generate_content_response_free(response);
  genai_generate_content_config_free(config);
  genai_contents_free(contents);
  genai_client_free(client);
  free(config_text);
  free(a.prompt);
  return rc;
}
