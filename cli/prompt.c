#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_prompt_parse(int argc, char **argv, cli_prompt_args *a, unsigned flags, void (*usage)(FILE *)) {
  a->words = calloc((size_t)argc, sizeof(*a->words));
  if (!a->words) return CLI_FAILED;
  for (int i = 1; i < argc; i++) {
    int r = cli_client_arg(argc, argv, &i, &a->client);
    if (r < 0) return CLI_USAGE;
    if (r > 0) continue;
    const char *arg = argv[i];
    const char **value = !strcmp(arg, "--model") ? &a->model
                         : !strcmp(arg, "--contents") && !(flags & CLI_PROMPT_NONE) ? &a->contents
                         : !strcmp(arg, "--config") ? &a->config
                         : !strcmp(arg, "--schema") && (flags & CLI_PROMPT_STREAM) ? &a->schema
                                                     : NULL;
    if (value) {
      if (i + 1 >= argc) {
        fprintf(stderr, "genai: %s needs a value\n", arg);
        return CLI_USAGE;
      }
      *value = argv[++i];
    } else if (!strcmp(arg, "--json")) {
      a->json = 1;
    } else if ((flags & CLI_PROMPT_STREAM) && !strcmp(arg, "--stream")) {
      a->stream = 1;
    } else if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
      usage(stdout);
      return -1;
    } else if (arg[0] == '-' && arg[1] == '-') {
      fprintf(stderr, "genai: unknown option %s\n", arg);
      return CLI_USAGE;
    } else {
      a->words[a->words_count++] = arg;
    }
  }
  if (flags & CLI_PROMPT_NONE) {
    if (!a->words_count) return CLI_OK;
    fprintf(stderr, "genai: unexpected argument %s\n", a->words[0]);
    return CLI_USAGE;
  }
  if (!a->contents == !a->words_count) {
    fprintf(stderr, "genai: give either a PROMPT or --contents\n");
    return CLI_USAGE;
  }
  return CLI_OK;
}

void cli_prompt_args_clear(cli_prompt_args *a) {
  free(a->words);
  a->words = NULL;
  a->words_count = 0;
}

/* The words joined with spaces: one prompt. */
static char *join_words(const cli_prompt_args *a) {
  size_t len = 1;
  for (size_t i = 0; i < a->words_count; i++) len += strlen(a->words[i]) + 1;
  char *out = malloc(len), *p = out;
  if (!out) return NULL;
  for (size_t i = 0; i < a->words_count; i++) {
    size_t n = strlen(a->words[i]);
    if (i) *p++ = ' ';
    memcpy(p, a->words[i], n);
    p += n;
  }
  *p = '\0';
  return out;
}

int cli_contents_build(const cli_prompt_args *a, int each_word, cli_contents *c) {
  memset(c, 0, sizeof(*c));
  if (a->contents) {
    if (genai_contents_from_json(a->contents, &c->from_json) != GENAI_OK) {
      cli_print_error("--contents");
      return CLI_USAGE;
    }
    c->value = c->from_json;
    return CLI_OK;
  }
  if (!each_word) {
    if (!(c->joined = join_words(a))) return CLI_FAILED;
    c->one = (genai_contents){GENAI_INIT(genai_contents), .kind = GENAI_CONTENTS_KIND_TEXT, .text = c->joined};
    c->value = &c->one;
    return CLI_OK;
  }
  c->items = calloc(a->words_count, sizeof(*c->items));
  c->ptrs = calloc(a->words_count, sizeof(*c->ptrs));
  if (!c->items || !c->ptrs) return CLI_FAILED;
  for (size_t i = 0; i < a->words_count; i++) {
    c->items[i] = (genai_contents){GENAI_INIT(genai_contents), .kind = GENAI_CONTENTS_KIND_TEXT, .text = a->words[i]};
    c->ptrs[i] = &c->items[i];
  }
  c->list = (genai_contents){GENAI_INIT(genai_contents), .kind = GENAI_CONTENTS_KIND_LIST, .items = c->ptrs,
                             .items_count = a->words_count};
  c->value = &c->list;
  return CLI_OK;
}

void cli_contents_clear(cli_contents *c) {
  genai_contents_free(c->from_json);
  free(c->joined);
  free(c->items);
  free((void *)c->ptrs);
  memset(c, 0, sizeof(*c));
}
