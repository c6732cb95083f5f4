/* Option parsing for the resource commands (caches, models): named options
 * with a value or a flag, the client options, and positional arguments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const cli_option *find(const cli_option *opts, const char *arg) {
  for (const cli_option *o = opts; o && o->name; o++)
    if (!strcmp(o->name, arg)) return o;
  return NULL;
}

int cli_options_parse(int argc, char **argv, const cli_option *opts, cli_client_args *client,
                      const char **positional, size_t max_positional, size_t *positional_count) {
  *positional_count = 0;
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i];
    int c = cli_client_arg(argc, argv, &i, client);
    if (c < 0) return CLI_USAGE;
    if (c > 0) continue;
    const cli_option *o = find(opts, arg);
    if (o && o->flag) {
      *o->flag = 1;
    } else if (o) {
      if (i + 1 >= argc) {
        fprintf(stderr, "genai: %s needs a value\n", arg);
        return CLI_USAGE;
      }
      *o->value = argv[++i];
    } else if (arg[0] == '-' && arg[1]) {
      fprintf(stderr, "genai: unknown option %s\n", arg);
      return CLI_USAGE;
    } else if (*positional_count < max_positional) {
      positional[(*positional_count)++] = arg;
    } else {
      fprintf(stderr, "genai: unexpected argument %s\n", arg);
      return CLI_USAGE;
    }
  }
  return CLI_OK;
}

int cli_print_value_json(genai_result rc, char *json) {
  if (rc != GENAI_OK) {
    cli_print_error("could not print the response");
    return CLI_FAILED;
  }
  printf("%s\n", json);
  genai_free(json);
  return CLI_OK;
}

int cli_parse_page_size(const char *text, int32_t *out) {
  char *end = NULL;
  long n = text ? strtol(text, &end, 10) : 0;
  if (!text || !*text || *end || n <= 0 || n > INT32_MAX) {
    fprintf(stderr, "genai: --page-size needs a positive number\n");
    return CLI_USAGE;
  }
  *out = (int32_t)n;
  return CLI_OK;
}

int cli_subcommand(int argc, char **argv, const cli_subcommand_entry *table, void (*usage)(FILE *)) {
  if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
    usage(argc < 2 ? stderr : stdout);
    return argc < 2 ? CLI_USAGE : CLI_OK;
  }
  for (const cli_subcommand_entry *e = table; e->name; e++)
    if (!strcmp(argv[1], e->name)) return e->run(argc - 1, argv + 1);
  fprintf(stderr, "genai %s: unknown command '%s'\n", argv[0], argv[1]);
  usage(stderr);
  return CLI_USAGE;
}

/* --help anywhere among a subcommand's arguments. */
int cli_wants_help(int argc, char **argv) {
  for (int i = 1; i < argc; i++)
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) return 1;
  return 0;
}
