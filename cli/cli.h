/* The genai command-line tool: shared helpers and the commands. */
#ifndef GENAI_CLI_H
#define GENAI_CLI_H

#include <genai/genai.h>

/* Exit codes. */
enum { CLI_OK = 0, CLI_FAILED = 1, CLI_USAGE = 2 };

/* Options every command that talks to the service accepts. */
typedef struct cli_client_args {
  const char *base_url;
  const char *api_version;
  const char *project;
  const char *location;
  int vertex; /* --vertex */
} cli_client_args;

/* Parses a client option at argv[*i] (advancing *i past its value);
 * returns 1 when it was one, 0 when not, -1 on a missing value. */
int cli_client_arg(int argc, char **argv, int *i, cli_client_args *a);
/* Creates the client from the arguments and the environment. */
int cli_client_new(const cli_client_args *a, genai_client **out);
/* Prints the last error to stderr with its HTTP status and service status. */
void cli_print_error(const char *what);
/* Reads "@file" or returns the text itself; the result is freed with free(). */
char *cli_read_arg(const char *value);

int cli_generate(int argc, char **argv);

#endif
