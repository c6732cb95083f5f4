/* genai caches create|get|list|update|delete: client.caches. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *out) {
  fprintf(out,
          "usage: genai caches create [--model M] [--contents JSON | TEXT...] [--system TEXT] [--ttl D]\n"
          "                           [--expire-time T] [--display-name N] [--config JSON|@FILE] [--json]\n"
          "       genai caches get NAME [--json]\n"
          "       genai caches list [--page-size N] [--json]\n"
          "       genai caches update NAME (--ttl D | --expire-time T) [--json]\n"
          "       genai caches delete NAME\n"
          "\n"
          "Cached contents (client.caches). Every command also takes the client options\n"
          "[--base-url URL] [--api-version V] [--vertex --project P --location L].\n"
          "  NAME               \"abc\", \"cachedContents/abc\" or a full Vertex AI name\n"
          "  --ttl D            a duration such as 3600s\n"
          "  --expire-time T    an RFC 3339 time such as 2030-01-01T00:00:00Z\n"
          "  --config JSON      a CreateCachedContentConfig; the other options override it\n"
          "  --json             print the cached content(s) as JSON, one per line\n"
          "Without --json a cached content prints as NAME<TAB>MODEL<TAB>EXPIRE_TIME<TAB>TOKENS.\n");
}

static int print_cache(const genai_cached_content *c, int json) {
  if (json) {
    char *text = NULL;
    genai_result rc = genai_cached_content_to_json(c, &text);
    return cli_print_value_json(rc, text);
  }
  printf("%s\t%s\t%s\t%d\n", c->name ? c->name : "", c->model ? c->model : "",
         c->expire_time ? c->expire_time : "",
         c->usage_metadata && c->usage_metadata->total_token_count ? *c->usage_metadata->total_token_count : 0);
  return CLI_OK;
}

/* Prints a result the call gave (or its error) and frees it. */
static int finish(genai_result rc, genai_cached_content *c, int json, const char *what) {
  int out = CLI_FAILED;
  if (rc != GENAI_OK)
    cli_print_error(what);
  else
    out = print_cache(c, json);
  genai_cached_content_free(c);
  return out;
}

typedef struct create_args {
  const char *model, *contents, *system, *ttl, *expire_time, *display_name, *config;
  int json;
  cli_client_args client;
  const char **words;
  size_t words_count;
} create_args;

/* The words joined by spaces; free()d by the caller. */
static char *join(const char **words, size_t n) {
  size_t len = 1;
  for (size_t i = 0; i < n; i++) len += strlen(words[i]) + 1;
  char *s = calloc(1, len);
  for (size_t i = 0; s && i < n; i++) {
    if (i) strcat(s, " ");
    strcat(s, words[i]);
  }
  return s;
}

static int create_call(const create_args *a, genai_create_cached_content_config *cfg) {
  genai_client *client = NULL;
  genai_contents *from_json = NULL;
  char *joined = NULL;
  int rc = CLI_USAGE;
  if (a->contents && genai_contents_from_json(a->contents, &from_json) != GENAI_OK) {
    cli_print_error("--contents");
    goto done;
  }
  if (!a->contents && a->words_count && !(joined = join(a->words, a->words_count))) goto done;
  genai_contents text = {GENAI_INIT(genai_contents), .kind = GENAI_CONTENTS_KIND_TEXT, .text = joined};
  genai_contents system = {GENAI_INIT(genai_contents), .kind = GENAI_CONTENTS_KIND_TEXT, .text = a->system};
  if (from_json) cfg->contents = from_json;
  else if (joined) cfg->contents = &text;
  if (a->system) cfg->system_instruction = &system;
  if (a->ttl) cfg->ttl = a->ttl;
  if (a->expire_time) cfg->expire_time = a->expire_time;
  if (a->display_name) cfg->display_name = a->display_name;
  if ((rc = cli_client_new(&a->client, &client)) != CLI_OK) goto done;
  genai_cached_content *cache = NULL;
  genai_result called = genai_caches_create(client, a->model, cfg, &cache);
    rc = finish(called, cache, a->json, "caches create failed");
done:
  genai_contents_free(from_json);
  free(joined);
  genai_client_free(client);
  return rc;
}

static int create(int argc, char **argv) {
  create_args a = {.model = "gemini-2.5-flash"};
  const cli_option opts[] = {{"--model", &a.model, NULL},
                             {"--contents", &a.contents, NULL},
                             {"--system", &a.system, NULL},
                             {"--ttl", &a.ttl, NULL},
                             {"--expire-time", &a.expire_time, NULL},
                             {"--display-name", &a.display_name, NULL},
                             {"--config", &a.config, NULL},
                             {"--json", NULL, &a.json},
                             {0}};
  a.words = calloc((size_t)argc, sizeof *a.words);
  if (!a.words) return CLI_FAILED;
  int rc = cli_options_parse(argc, argv, opts, &a.client, a.words, (size_t)argc, &a.words_count);
  char *config_text = NULL;
  genai_create_cached_content_config *parsed = NULL;
  genai_create_cached_content_config cfg = {GENAI_INIT(genai_create_cached_content_config)};
  if (rc != CLI_OK) goto done;
  rc = CLI_USAGE;
  if (a.contents && a.words_count) {
    fprintf(stderr, "genai: give either --contents or TEXT, not both\n");
    goto done;
  }
  if (a.config && !(config_text = cli_read_arg(a.config))) goto done;
  if (config_text && genai_create_cached_content_config_from_json(config_text, &parsed) != GENAI_OK) {
    cli_print_error("--config");
    goto done;
  }
  if (parsed) cfg = *parsed;
  rc = create_call(&a, &cfg);
done:
  genai_create_cached_content_config_free(parsed);
  free(config_text);
  free(a.words);
  return rc;
}

/* get, update and delete: one NAME and a few options. */
typedef struct named_args {
  const char *name, *ttl, *expire_time;
  int json;
  cli_client_args client;
} named_args;

static int parse_named(int argc, char **argv, named_args *a, int with_expiry) {
  const cli_option all[] = {{"--json", NULL, &a->json}, {"--ttl", &a->ttl, NULL},
                            {"--expire-time", &a->expire_time, NULL}, {0}};
  const cli_option json_only[] = {{"--json", NULL, &a->json}, {0}};
  size_t n = 0;
  int rc = cli_options_parse(argc, argv, with_expiry ? all : json_only, &a->client, &a->name, 1, &n);
  if (rc == CLI_OK && n != 1) {
    fprintf(stderr, "genai caches %s: NAME is required\n", argv[0]);
    rc = CLI_USAGE;
  }
  return rc;
}

static int get(int argc, char **argv) {
  named_args a = {0};
  genai_client *client = NULL;
  int rc = parse_named(argc, argv, &a, 0);
  if (rc == CLI_OK) rc = cli_client_new(&a.client, &client);
  if (rc == CLI_OK) {
    genai_cached_content *cache = NULL;
    genai_result called = genai_caches_get(client, a.name, NULL, &cache);
    rc = finish(called, cache, a.json, "caches get failed");
  }
  genai_client_free(client);
  return rc;
}

static int update(int argc, char **argv) {
  named_args a = {0};
  genai_client *client = NULL;
  int rc = parse_named(argc, argv, &a, 1);
  if (rc == CLI_OK && !a.ttl == !a.expire_time) {
    fprintf(stderr, "genai caches update: give --ttl or --expire-time\n");
    rc = CLI_USAGE;
  }
  if (rc == CLI_OK) rc = cli_client_new(&a.client, &client);
  if (rc == CLI_OK) {
    genai_update_cached_content_config cfg = {GENAI_INIT(genai_update_cached_content_config), .ttl = a.ttl,
                                              .expire_time = a.expire_time};
    genai_cached_content *cache = NULL;
    genai_result called = genai_caches_update(client, a.name, &cfg, &cache);
    rc = finish(called, cache, a.json, "caches update failed");
  }
  genai_client_free(client);
  return rc;
}

static int delete_cache(int argc, char **argv) {
  named_args a = {0};
  genai_client *client = NULL;
  int rc = parse_named(argc, argv, &a, 0);
  if (rc == CLI_OK) rc = cli_client_new(&a.client, &client);
  if (rc == CLI_OK && genai_caches_delete(client, a.name, NULL, NULL) != GENAI_OK) {
    cli_print_error("caches delete failed");
    rc = CLI_FAILED;
  }
  genai_client_free(client);
  return rc;
}

static int list(int argc, char **argv) {
  const char *page_size = NULL, *unused = NULL;
  int json = 0;
  cli_client_args client_args = {0};
  const cli_option opts[] = {{"--page-size", &page_size, NULL}, {"--json", NULL, &json}, {0}};
  size_t n = 0;
  int rc = cli_options_parse(argc, argv, opts, &client_args, &unused, 0, &n);
  int32_t size = 0;
  if (rc == CLI_OK && page_size) rc = cli_parse_page_size(page_size, &size);
  genai_client *client = NULL;
  genai_pager *pager = NULL;
  if (rc == CLI_OK) rc = cli_client_new(&client_args, &client);
  genai_list_cached_contents_config cfg = {GENAI_INIT(genai_list_cached_contents_config),
                                           .page_size = page_size ? &size : NULL};
  if (rc == CLI_OK && genai_caches_list(client, &cfg, &pager) != GENAI_OK) {
    cli_print_error("caches list failed");
    rc = CLI_FAILED;
  }
  const genai_cached_content *item;
  genai_result next = GENAI_DONE;
  while (rc == CLI_OK && (next = genai_pager_next(pager, (const void **)&item)) == GENAI_OK)
    rc = print_cache(item, json);
  if (rc == CLI_OK && next != GENAI_DONE) {
    cli_print_error("caches list failed");
    rc = CLI_FAILED;
  }
  genai_pager_free(pager);
  genai_client_free(client);
  return rc;
}

int cli_caches(int argc, char **argv) {
  static const cli_subcommand_entry table[] = {
      {"create", create}, {"get", get}, {"list", list}, {"update", update}, {"delete", delete_cache}, {0}};
  if (argc >= 2 && cli_wants_help(argc - 1, argv + 1)) {
    usage(stdout);
    return CLI_OK;
  }
  return cli_subcommand(argc, argv, table, usage);
}
