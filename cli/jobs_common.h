/* What the batches and tunings commands share: their options, printing a
 * job as JSON, and reading a list of jobs. */
#ifndef GENAI_CLI_JOBS_COMMON_H
#define GENAI_CLI_JOBS_COMMON_H

#include "cli.h"

typedef struct cli_job_args {
  const char *model, *src, *dest, *display_name, *config, *filter;
  long page_size; /* 0: the service's default */
  int json;
  cli_client_args client;
  const char *name; /* the one positional argument */
} cli_job_args;

/* Parses argv[1..] (argv[0] is the subcommand). CLI_OK, CLI_USAGE, or -1
 * after printing --help. */
int cli_job_parse(int argc, char **argv, cli_job_args *a, void (*usage)(FILE *));

/* Prints a value with its to_json function on one line. */
int cli_print_json(genai_result (*to_json)(const void *, char **), const void *value);

/* Prints every item of a pager: "name<TAB>state" lines, or one JSON per line. */
int cli_print_jobs(genai_pager *pager, int json, genai_result (*to_json)(const void *, char **),
                   const char *(*name_state)(const void *, const char **state));

#endif
