#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef GENAI_EMULATOR_VERSION
#define GENAI_EMULATOR_VERSION "0.0.0"
#endif

static void print_usage(FILE *to) {
  fputs(
      "Usage: genai-emulator [OPTION]...\n"
      "Local test server for the Gemini Developer API and Vertex AI wire protocols.\n"
      "\n"
      "  --host ADDR           address to bind (default 127.0.0.1)\n"
      "  --port N              port to bind; 0 picks a free one (default 0)\n"
      "  --port-file PATH      also write the bound port number to PATH\n"
      "  --api-key KEY         accept only this API key (repeatable; default: any\n"
      "                        non-empty key)\n"
      "  --bearer-token TOKEN  accept only this OAuth bearer token on Vertex AI paths\n"
      "                        (repeatable; default: any non-empty token)\n"
      "  --stream-delay-ms N   pause N ms (0-600000) between the events of a\n"
      "                        streamGenerateContent reply (default 0)\n"
      "  --lro-delay-ms N      long-running operations (videos, tuned models) and\n"
      "                        batch and tuning jobs finish N ms (0-600000) after\n"
      "                        they start (default 0: done when first read)\n"
      "  --file-processing-ms N  uploaded files stay PROCESSING for N ms (0-600000)\n"
      "                        before they are ACTIVE (default 0)\n"
      "  --require-oauth       Vertex AI requests need an access token issued by the\n"
      "                        emulator's token endpoint or metadata server\n"
      "  --tls-cert FILE       serve HTTPS (and wss:// for the Live API) with this PEM\n"
      "                        certificate, or certificate chain, leaf first\n"
      "  --tls-key FILE        the PEM private key of --tls-cert (both or neither)\n"
      "  --quiet               do not log requests to stderr\n"
      "  --max-connections N   serve up to N connections at once (default 1024)\n"
      "  --help                show this help and exit\n"
      "  --version             show the version and exit\n"
      "\n"
      "On startup one line goes to stdout:\n"
      "  genai-emulator listening on http://HOST:PORT\n"
      "(https://HOST:PORT with --tls-cert and --tls-key).\n"
      "Stops cleanly on SIGINT or SIGTERM. See docs/emulator.md.\n",
      to);
}

/* Matches "--name VALUE" and "--name=VALUE"; advances *i past the value. */
static int take_value(int argc, char **argv, int *i, const char *name, const char **out) {
  const char *arg = argv[*i];
  size_t n = strlen(name);
  if (strncmp(arg, name, n) != 0) return 0;
  if (arg[n] == '=') {
    *out = arg + n + 1;
    return 1;
  }
  if (arg[n] != '\0') return 0;
  if (*i + 1 >= argc) {
    fprintf(stderr, "genai-emulator: %s needs a value\n", name);
    return -1;
  }
  *out = argv[++*i];
  return 1;
}

/* Appends a credential to a list; empty values are rejected because an empty
 * key can never authenticate a real request. */
static int add_credential(const char ***list, size_t *count, const char *flag, const char *value) {
  if (*value == '\0') {
    fprintf(stderr, "genai-emulator: %s must not be empty\n", flag);
    return -1;
  }
  const char **grown = realloc(*list, (*count + 1) * sizeof **list);
  if (!grown) {
    fputs("genai-emulator: out of memory\n", stderr);
    return -1;
  }
  grown[(*count)++] = value;
  *list = grown;
  return 1;
}

/* A decimal integer from 0 to max. */
static int parse_uint(const char *s, long max, unsigned *out) {
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (errno || end == s || *end || v < 0 || v > max) return -1;
  *out = (unsigned)v;
  return 0;
}

static int parse_port(const char *s, unsigned *out) { return parse_uint(s, 65535, out); }

/* Handles one option that takes a value. 1 = consumed, 0 = not this kind,
 * -1 = error (message printed). */
static int parse_valued(int argc, char **argv, int *i, emu_config *cfg) {
  const char *v;
  int r;
  if ((r = take_value(argc, argv, i, "--host", &v)) != 0) {
    if (r > 0) cfg->host = v;
    return r;
  }
  if ((r = take_value(argc, argv, i, "--port-file", &v)) != 0) {
    if (r > 0) cfg->port_file = v;
    return r;
  }
  if ((r = take_value(argc, argv, i, "--port", &v)) != 0) {
    if (r > 0 && parse_port(v, &cfg->port) != 0) {
      fprintf(stderr, "genai-emulator: invalid port '%s' (0-65535)\n", v);
      return -1;
    }
    return r;
  }
  if ((r = take_value(argc, argv, i, "--stream-delay-ms", &v)) != 0) {
    if (r > 0 && parse_uint(v, 600000, &cfg->stream_delay_ms) != 0) {
      fprintf(stderr, "genai-emulator: invalid --stream-delay-ms '%s' (0-600000)\n", v);
      return -1;
    }
    return r;
  }
  if ((r = take_value(argc, argv, i, "--lro-delay-ms", &v)) != 0) {
    if (r > 0 && parse_uint(v, 600000, &cfg->lro_delay_ms) != 0) {
      fprintf(stderr, "genai-emulator: invalid --lro-delay-ms '%s' (0-600000)\n", v);
      return -1;
    }
    return r;
  }
  if ((r = take_value(argc, argv, i, "--file-processing-ms", &v)) != 0) {
    if (r > 0 && parse_uint(v, 600000, &cfg->file_processing_ms) != 0) {
      fprintf(stderr, "genai-emulator: invalid --file-processing-ms '%s' (0-600000)\n", v);
      return -1;
    }
    return r;
  }
  if ((r = take_value(argc, argv, i, "--max-connections", &v)) != 0) {
    if (r > 0 && (parse_uint(v, 100000, &cfg->max_connections) != 0 || cfg->max_connections == 0)) {
      fprintf(stderr, "genai-emulator: invalid --max-connections '%s' (1-100000)\n", v);
      return -1;
    }
    return r;
  }
  if ((r = take_value(argc, argv, i, "--tls-cert", &v)) != 0) {
    if (r > 0) cfg->tls_cert = v;
    return r;
  }
  if ((r = take_value(argc, argv, i, "--tls-key", &v)) != 0) {
    if (r > 0) cfg->tls_key = v;
    return r;
  }
  if ((r = take_value(argc, argv, i, "--api-key", &v)) != 0)
    return r < 0 ? r : add_credential(&cfg->api_keys, &cfg->api_key_count, "--api-key", v);
  if ((r = take_value(argc, argv, i, "--bearer-token", &v)) != 0)
    return r < 0
               ? r
               : add_credential(&cfg->bearer_tokens, &cfg->bearer_token_count, "--bearer-token", v);
  return 0;
}

emu_cli_result emu_cli_parse(int argc, char **argv, emu_config *out) {
  memset(out, 0, sizeof *out);
  out->host = "127.0.0.1";
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i];
    if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
      print_usage(stdout);
      return EMU_CLI_EXIT_OK;
    }
    if (strcmp(arg, "--version") == 0) {
      printf("genai-emulator %s\n", GENAI_EMULATOR_VERSION);
      return EMU_CLI_EXIT_OK;
    }
    if (strcmp(arg, "--quiet") == 0) {
      out->quiet = 1;
      continue;
    }
    if (strcmp(arg, "--require-oauth") == 0) {
      out->require_oauth = 1;
      continue;
    }
    int r = parse_valued(argc, argv, &i, out);
    if (r > 0) continue;
    if (r == 0) fprintf(stderr, "genai-emulator: unknown argument '%s'\n", arg);
    fputs("Try 'genai-emulator --help'.\n", stderr);
    return EMU_CLI_EXIT_USAGE;
  }
  if (!out->tls_cert != !out->tls_key) {
    fprintf(stderr, "genai-emulator: %s needs %s as well: HTTPS takes a certificate and its private key\n",
            out->tls_cert ? "--tls-cert" : "--tls-key", out->tls_cert ? "--tls-key" : "--tls-cert");
    fputs("Try 'genai-emulator --help'.\n", stderr);
    return EMU_CLI_EXIT_USAGE;
  }
  return EMU_CLI_RUN;
}

void emu_config_dispose(emu_config *cfg) {
  free(cfg->api_keys);
  free(cfg->bearer_tokens);
  cfg->api_keys = cfg->bearer_tokens = NULL;
  cfg->api_key_count = cfg->bearer_token_count = 0;
}
