/* The genai command-line tool: shared helpers and the commands. */
#ifndef GENAI_CLI_H
#define GENAI_CLI_H

#include <stdint.h>
#include <stdio.h>

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

/* The arguments of the commands that send a prompt. */
typedef struct cli_prompt_args {
  const char *model, *contents, *config, *schema;
  int json, stream;
  cli_client_args client;
  const char **words; /* the positional arguments */
  size_t words_count;
} cli_prompt_args;

enum {
  CLI_PROMPT_STREAM = 1, /* accepts --stream and --schema */
  CLI_PROMPT_NONE = 2    /* takes no prompt and no --contents */
};

/* Parses --model, --contents, --config, --json, the client options and the
 * prompt words. Returns CLI_OK, CLI_USAGE, or -1 after printing --help. */
int cli_prompt_parse(int argc, char **argv, cli_prompt_args *a, unsigned flags, void (*usage)(FILE *));
void cli_prompt_args_clear(cli_prompt_args *a);

/* The contents a command sends: --contents, else the words joined into one
 * text, or (each_word) one text per word. */
typedef struct cli_contents {
  genai_contents *from_json;
  char *joined;
  genai_contents one, list, *items;
  const genai_contents **ptrs;
  const genai_contents *value;
} cli_contents;
int cli_contents_build(const cli_prompt_args *a, int each_word, cli_contents *c);
void cli_contents_clear(cli_contents *c);

/* Prints a stream of chunks as they arrive (text, or one JSON per line). */
int cli_print_stream(genai_stream *stream, int json);

/* A named option of a resource command: `value` gets the next argument,
 * or `flag` is set to 1 when the option takes none. */
typedef struct cli_option {
  const char *name;
  const char **value;
  int *flag;
} cli_option;

/* Parses argv[1..argc): the client options, `opts` (ended by a zeroed
 * entry) and up to max_positional positional arguments. CLI_OK, or
 * CLI_USAGE after printing why. */
int cli_options_parse(int argc, char **argv, const cli_option *opts, cli_client_args *client,
                      const char **positional, size_t max_positional, size_t *positional_count);
/* Prints `json` (a genai_free()d string from a _to_json call that returned rc). */
int cli_print_value_json(genai_result rc, char *json);
/* Parses --page-size's value. CLI_OK or CLI_USAGE. */
int cli_parse_page_size(const char *text, int32_t *out);
/* 1 when --help or -h is among the arguments. */
int cli_wants_help(int argc, char **argv);

/* "genai <group> <subcommand>": runs the entry named argv[1]. */
typedef struct cli_subcommand_entry {
  const char *name;
  int (*run)(int, char **);
} cli_subcommand_entry;
int cli_subcommand(int argc, char **argv, const cli_subcommand_entry *table, void (*usage)(FILE *));

int cli_generate(int argc, char **argv);
int cli_count_tokens(int argc, char **argv);
int cli_compute_tokens(int argc, char **argv);
int cli_embed(int argc, char **argv);
int cli_chat(int argc, char **argv);
int cli_live(int argc, char **argv);
int cli_caches(int argc, char **argv);
int cli_models(int argc, char **argv);
int cli_files(int argc, char **argv);
/* media.c: Imagen, Veo, operations and generated-file downloads */
int cli_images(int argc, char **argv);
int cli_videos(int argc, char **argv);
int cli_operations(int argc, char **argv);
int cli_files_download(int argc, char **argv);
int cli_batches(int argc, char **argv);
int cli_tunings(int argc, char **argv);

#endif
