/* genai models list|get|update|delete: the model catalogue and tuned models. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *out) {
  fprintf(out,
          "usage: genai models list [--page-size N] [--tuned] [--filter F] [--json]\n"
          "       genai models get MODEL [--json]\n"
          "       genai models update MODEL [--display-name N] [--description D]\n"
          "                           [--default-checkpoint-id C] [--json]\n"
          "       genai models delete MODEL\n"
          "\n"
          "Models (client.models.list/get/update/delete). Every command also takes the client\n"
          "options [--base-url URL] [--api-version V] [--vertex --project P --location L].\n"
          "  --tuned            list tuned models (query_base=False) instead of base models\n"
          "  --json             print the model(s) as JSON, one per line\n"
          "Without --json a model prints as NAME<TAB>DISPLAY_NAME.\n");
}

static int print_model(const genai_model *m, int json) {
  if (json) {
    char *text = NULL;
    genai_result rc = genai_model_to_json(m, &text);
    return cli_print_value_json(rc, text);
  }
  printf("%s\t%s\n", m->name ? m->name : "", m->display_name ? m->display_name : "");
  return CLI_OK;
}

static int finish(genai_result rc, genai_model *m, int json, const char *what) {
  int out = CLI_FAILED;
  if (rc != GENAI_OK)
    cli_print_error(what);
  else
    out = print_model(m, json);
  genai_model_free(m);
  return out;
}

static int list(int argc, char **argv) {
  const char *page_size = NULL, *filter = NULL, *unused = NULL;
  int json = 0, tuned = 0;
  cli_client_args client_args = {0};
  const cli_option opts[] = {{"--page-size", &page_size, NULL}, {"--filter", &filter, NULL},
                             {"--tuned", NULL, &tuned}, {"--json", NULL, &json}, {0}};
  size_t n = 0;
  int rc = cli_options_parse(argc, argv, opts, &client_args, &unused, 0, &n);
  int32_t size = 0;
  if (rc == CLI_OK && page_size) rc = cli_parse_page_size(page_size, &size);
  genai_client *client = NULL;
  genai_pager *pager = NULL;
  if (rc == CLI_OK) rc = cli_client_new(&client_args, &client);
  bool base = !tuned;
  genai_list_models_config cfg = {GENAI_INIT(genai_list_models_config), .page_size = page_size ? &size : NULL,
                                  .filter = filter, .query_base = &base};
  if (rc == CLI_OK && genai_models_list(client, &cfg, &pager) != GENAI_OK) {
    cli_print_error("models list failed");
    rc = CLI_FAILED;
  }
  const genai_model *item;
  genai_result next = GENAI_DONE;
  while (rc == CLI_OK && (next = genai_pager_next(pager, (const void **)&item)) == GENAI_OK)
    rc = print_model(item, json);
  if (rc == CLI_OK && next != GENAI_DONE) {
    cli_print_error("models list failed");
    rc = CLI_FAILED;
  }
  genai_pager_free(pager);
  genai_client_free(client);
  return rc;
}

typedef struct model_args {
  const char *model, *display_name, *description, *checkpoint;
  int json;
  cli_client_args client;
} model_args;

static int parse_model(int argc, char **argv, model_args *a, const cli_option *opts) {
  size_t n = 0;
  int rc = cli_options_parse(argc, argv, opts, &a->client, &a->model, 1, &n);
  if (rc == CLI_OK && n != 1) {
    fprintf(stderr, "genai models %s: MODEL is required\n", argv[0]);
    rc = CLI_USAGE;
  }
  return rc;
}

static int get(int argc, char **argv) {
  model_args a = {0};
  const cli_option opts[] = {{"--json", NULL, &a.json}, {0}};
  genai_client *client = NULL;
  int rc = parse_model(argc, argv, &a, opts);
  if (rc == CLI_OK) rc = cli_client_new(&a.client, &client);
  if (rc == CLI_OK) {
    genai_model *m = NULL;
    genai_result called = genai_models_get(client, a.model, NULL, &m);
    rc = finish(called, m, a.json, "models get failed");
  }
  genai_client_free(client);
  return rc;
}

static int update(int argc, char **argv) {
  model_args a = {0};
  const cli_option opts[] = {{"--display-name", &a.display_name, NULL},
                             {"--description", &a.description, NULL},
                             {"--default-checkpoint-id", &a.checkpoint, NULL},
                             {"--json", NULL, &a.json},
                             {0}};
  genai_client *client = NULL;
  int rc = parse_model(argc, argv, &a, opts);
  if (rc == CLI_OK) rc = cli_client_new(&a.client, &client);
  if (rc == CLI_OK) {
    genai_update_model_config cfg = {GENAI_INIT(genai_update_model_config), .display_name = a.display_name,
                                     .description = a.description, .default_checkpoint_id = a.checkpoint};
    genai_model *m = NULL;
    genai_result called = genai_models_update(client, a.model, &cfg, &m);
    rc = finish(called, m, a.json, "models update failed");
  }
  genai_client_free(client);
  return rc;
}

static int delete_model(int argc, char **argv) {
  model_args a = {0};
  const cli_option opts[] = {{0}};
  genai_client *client = NULL;
  int rc = parse_model(argc, argv, &a, opts);
  if (rc == CLI_OK) rc = cli_client_new(&a.client, &client);
  if (rc == CLI_OK && genai_models_delete(client, a.model, NULL, NULL) != GENAI_OK) {
    cli_print_error("models delete failed");
    rc = CLI_FAILED;
  }
  genai_client_free(client);
  return rc;
}

int cli_models(int argc, char **argv) {
  static const cli_subcommand_entry table[] = {
      {"list", list}, {"get", get}, {"update", update}, {"delete", delete_model}, {0}};
  if (argc >= 2 && cli_wants_help(argc - 1, argv + 1)) {
    usage(stdout);
    return CLI_OK;
  }
  return cli_subcommand(argc, argv, table, usage);
}
