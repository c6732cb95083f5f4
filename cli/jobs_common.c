#include "jobs_common.h"

#include <stdlib.h>
#include <string.h>

static int take(int argc, char **argv, int *i, const char **out) {
  if (*i + 1 >= argc) {
    fprintf(stderr, "genai: %s needs a value\n", argv[*i]);
    return CLI_USAGE;
  }
  *out = argv[++*i];
  return CLI_OK;
}

static int option(int argc, char **argv, int *i, cli_job_args *a) {
  const char *arg = argv[*i], *v = NULL;
  struct {
    const char *flag;
    const char **slot;
  } texts[] = {{"--model", &a->model},   {"--src", &a->src},
               {"--dest", &a->dest},     {"--display-name", &a->display_name},
               {"--config", &a->config}, {"--filter", &a->filter}};
  for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++)
    if (!strcmp(arg, texts[k].flag)) return take(argc, argv, i, texts[k].slot);
  if (!strcmp(arg, "--page-size")) {
    if (take(argc, argv, i, &v) != CLI_OK) return CLI_USAGE;
    char *end = NULL;
    a->page_size = strtol(v, &end, 10);
    if (*end || a->page_size <= 0 || a->page_size > 1000) {
      fprintf(stderr, "genai: invalid --page-size '%s'\n", v);
      return CLI_USAGE;
    }
    return CLI_OK;
  }
  if (!strcmp(arg, "--json")) {
    a->json = 1;
    return CLI_OK;
  }
  int r = cli_client_arg(argc, argv, i, &a->client);
  if (r == 1) return CLI_OK;
  if (r == 0) fprintf(stderr, "genai: unknown option '%s'\n", arg);
  return CLI_USAGE;
}

int cli_job_parse(int argc, char **argv, cli_job_args *a, void (*usage)(FILE *)) {
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      usage(stdout);
      return -1;
    }
    if (argv[i][0] == '-' && argv[i][1] == '-') {
      if (option(argc, argv, &i, a) != CLI_OK) return CLI_USAGE;
    } else if (!a->name) {
      a->name = argv[i];
    } else {
      fprintf(stderr, "genai: unexpected argument '%s'\n", argv[i]);
      return CLI_USAGE;
    }
  }
  return CLI_OK;
}

int cli_print_json(genai_result (*to_json)(const void *, char **), const void *value) {
  char *json = NULL;
  if (to_json(value, &json) != GENAI_OK) {
    cli_print_error("could not print the answer");
    return CLI_FAILED;
  }
  printf("%s\n", json);
  genai_free(json);
  return CLI_OK;
}

int cli_print_jobs(genai_pager *pager, int json, genai_result (*to_json)(const void *, char **),
                   const char *(*name_state)(const void *, const char **state)) {
  const void *item;
  genai_result rc;
  while ((rc = genai_pager_next(pager, &item)) == GENAI_OK) {
    if (json) {
      if (cli_print_json(to_json, item) != CLI_OK) return CLI_FAILED;
    } else {
      const char *state = NULL;
      const char *name = name_state(item, &state);
      printf("%s\t%s\n", name ? name : "", state ? state : "");
    }
  }
  if (rc != GENAI_DONE) {
    cli_print_error("listing failed");
    return CLI_FAILED;
  }
  return CLI_OK;
}
