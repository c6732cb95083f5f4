#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int take_value(int argc, char **argv, int *i, const char **out) {
  if (*i + 1 >= argc) {
    fprintf(stderr, "genai: %s needs a value\n", argv[*i]);
    return -1;
  }
  *out = argv[++*i];
  return 1;
}

int cli_client_arg(int argc, char **argv, int *i, cli_client_args *a) {
  const char *arg = argv[*i];
  if (!strcmp(arg, "--base-url")) return take_value(argc, argv, i, &a->base_url);
  if (!strcmp(arg, "--api-version")) return take_value(argc, argv, i, &a->api_version);
  if (!strcmp(arg, "--project")) return take_value(argc, argv, i, &a->project);
  if (!strcmp(arg, "--location")) return take_value(argc, argv, i, &a->location);
  if (!strcmp(arg, "--vertex")) {
    a->vertex = 1;
    return 1;
  }
  return 0;
}

int cli_client_new(const cli_client_args *a, genai_client **out) {
  genai_http_options http = {GENAI_INIT(genai_http_options), .base_url = a->base_url, .api_version = a->api_version};
  bool vertex = true;
  genai_client_options o = {GENAI_INIT(genai_client_options),
                            .vertexai = a->vertex || a->project || a->location ? &vertex : NULL,
                            .project = a->project,
                            .location = a->location,
                            .http_options = &http};
  if (genai_client_new(&o, out) != GENAI_OK) {
    cli_print_error("could not create the client");
    return CLI_FAILED;
  }
  return CLI_OK;
}

void cli_print_error(const char *what) {
  const genai_error *e = genai_error_last();
  fprintf(stderr, "genai: %s: %s\n", what, e->message);
  if (e->http_status)
    fprintf(stderr, "genai: HTTP %d%s%s (%s)\n", e->http_status, *e->status ? " " : "", e->status,
            genai_result_name(e->code));
  else
    fprintf(stderr, "genai: (%s)\n", genai_result_name(e->code));
  if (e->retry_after_ms >= 0) fprintf(stderr, "genai: the service asks to retry after %lld ms\n", (long long)e->retry_after_ms);
}

char *cli_read_arg(const char *value) {
  if (value[0] != '@') return strdup(value);
  FILE *f = fopen(value + 1, "rb");
  if (!f) {
    fprintf(stderr, "genai: cannot open %s: %s\n", value + 1, strerror(errno));
    return NULL;
  }
  size_t cap = 4096, len = 0;
  char *buf = malloc(cap);
  size_t n;
  while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
    len += n;
    if (cap - len <= 1) {
      char *bigger = realloc(buf, cap * 2);
      if (!bigger) {
        free(buf);
        buf = NULL;
        break;
      }
      buf = bigger;
      cap *= 2;
    }
  }
  int failed = ferror(f);
  fclose(f);
  if (!buf || failed) {
    fprintf(stderr, "genai: cannot read %s\n", value + 1);
    free(buf);
    return NULL;
  }
  buf[len] = '\0';
  return buf;
}
