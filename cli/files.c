/* genai files upload|get|list|delete: client.files on the Gemini Developer API. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static void files_usage(FILE *out) {
  fprintf(out,
          "usage: genai files upload PATH [--mime-type T] [--display-name N] [--name N] [--json]\n"
          "       genai files get NAME\n"
          "       genai files list [--page-size N]\n"
          "       genai files delete NAME\n"
          "       genai files download NAME --out PATH\n"
          "       (each also takes --base-url URL and --api-version V)\n"
          "\n"
          "client.files of the Gemini Developer API.\n"
          "  upload   uploads PATH (resumable, 8 MiB chunks; a progress bar on stderr when it is\n"
          "           a terminal); prints the file's name and URI, or with --json the File\n"
          "  get      prints the File as JSON\n"
          "  list     prints one file per line: NAME<TAB>MIME TYPE<TAB>SIZE<TAB>STATE<TAB>DISPLAY NAME\n"
          "  delete   deletes the file\n"
          "  download writes a generated file (a Veo video) to PATH, streamed\n");
}

typedef struct files_args {
  const char *verb, *target, *mime_type, *display_name, *name;
  int json;
  int32_t page_size;
  cli_client_args client;
} files_args;

/* Returns CLI_OK, CLI_USAGE, or -1 after printing --help. */
static int parse(int argc, char **argv, files_args *a) {
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i];
    int r = cli_client_arg(argc, argv, &i, &a->client);
    if (r < 0) return CLI_USAGE;
    if (r > 0) continue;
    if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
      files_usage(stdout);
      return -1;
    }
    const char **value = !strcmp(arg, "--mime-type")      ? &a->mime_type
                         : !strcmp(arg, "--display-name") ? &a->display_name
                         : !strcmp(arg, "--name")         ? &a->name
                                                          : NULL;
    if (value || !strcmp(arg, "--page-size")) {
      if (i + 1 >= argc) {
        fprintf(stderr, "genai files: %s needs a value\n", arg);
        return CLI_USAGE;
      }
      if (value) {
        *value = argv[++i];
      } else {
        char *end = NULL;
        long n = strtol(argv[++i], &end, 10);
        if (*end || n <= 0 || n > INT32_MAX) {
          fprintf(stderr, "genai files: --page-size must be a positive number\n");
          return CLI_USAGE;
        }
        a->page_size = (int32_t)n;
      }
    } else if (!strcmp(arg, "--json")) {
      a->json = 1;
    } else if (arg[0] == '-' && arg[1]) {
      fprintf(stderr, "genai files: unknown option '%s'\n", arg);
      return CLI_USAGE;
    } else if (!a->verb) {
      a->verb = arg;
    } else if (!a->target) {
      a->target = arg;
    } else {
      fprintf(stderr, "genai files: unexpected argument '%s'\n", arg);
      return CLI_USAGE;
    }
  }
  int needs_target = a->verb && strcmp(a->verb, "list") != 0;
  if (!a->verb || (needs_target && !a->target) || (!needs_target && a->target)) {
    files_usage(stderr);
    return CLI_USAGE;
  }
  return CLI_OK;
}

static int print_file_json(const genai_file *f) {
  char *json = NULL;
  if (genai_file_to_json(f, &json) != GENAI_OK) {
    cli_print_error("could not print the file");
    return CLI_FAILED;
  }
  printf("%s\n", json);
  genai_free(json);
  return CLI_OK;
}

/* A one-line bar redrawn in place: "[#####     ]  48%  12.0/25.0 MiB". */
static void draw_progress(void *data, uint64_t sent, uint64_t total) {
  (void)data;
  const int width = 30;
  int pct = total ? (int)(sent * 100 / total) : 100;
  int filled = pct * width / 100;
  fprintf(stderr, "\r[%.*s%*s] %3d%%  %.1f/%.1f MiB", filled, "##############################", width - filled, "",
          pct, (double)sent / 1048576.0, (double)total / 1048576.0);
  if (sent == total) fputc('\n', stderr);
  fflush(stderr);
}

static int upload(genai_client *client, const files_args *a) {
  genai_upload_file_config cfg = {GENAI_INIT(genai_upload_file_config), .mime_type = a->mime_type,
                                  .display_name = a->display_name, .name = a->name};
  genai_upload_options opts = {GENAI_INIT(genai_upload_options)};
  if (isatty(STDERR_FILENO)) opts.progress = draw_progress;
  genai_file *f = NULL;
  if (genai_files_upload(client, a->target, &cfg, &opts, &f) != GENAI_OK) {
    cli_print_error("upload failed");
    return CLI_FAILED;
  }
  int rc = CLI_OK;
  if (a->json) rc = print_file_json(f);
  else printf("%s\t%s\n", f->name, f->uri ? f->uri : "");
  genai_file_free(f);
  return rc;
}

static int get(genai_client *client, const files_args *a) {
  genai_file *f = NULL;
  if (genai_files_get(client, a->target, NULL, &f) != GENAI_OK) {
    cli_print_error("get failed");
    return CLI_FAILED;
  }
  int rc = print_file_json(f);
  genai_file_free(f);
  return rc;
}

static int list(genai_client *client, const files_args *a) {
  genai_list_files_config cfg = {GENAI_INIT(genai_list_files_config), .page_size = a->page_size ? &a->page_size : NULL};
  genai_pager *pager = NULL;
  if (genai_files_list(client, &cfg, &pager) != GENAI_OK) {
    cli_print_error("list failed");
    return CLI_FAILED;
  }
  const genai_file *f;
  genai_result rc;
  while ((rc = genai_pager_next(pager, (const void **)&f)) == GENAI_OK)
    printf("%s\t%s\t%lld\t%s\t%s\n", f->name ? f->name : "", f->mime_type ? f->mime_type : "",
           f->size_bytes ? (long long)*f->size_bytes : 0LL, f->state_str ? f->state_str : "",
           f->display_name ? f->display_name : "");
  if (rc != GENAI_DONE) cli_print_error("list failed");
  genai_pager_free(pager);
  return rc == GENAI_DONE ? CLI_OK : CLI_FAILED;
}

static int delete_file(genai_client *client, const files_args *a) {
  if (genai_files_delete(client, a->target, NULL, NULL) != GENAI_OK) {
    cli_print_error("delete failed");
    return CLI_FAILED;
  }
  printf("deleted %s\n", a->target);
  return CLI_OK;
}

int cli_files(int argc, char **argv) {
  /* downloads of generated files live with the media commands (media.c) */
  if (argc >= 2 && !strcmp(argv[1], "download")) return cli_files_download(argc - 1, argv + 1);
  files_args a = {0};
  int rc = parse(argc, argv, &a);
  if (rc != CLI_OK) return rc < 0 ? CLI_OK : rc;
  static const struct {
    const char *verb;
    int (*run)(genai_client *, const files_args *);
  } verbs[] = {{"upload", upload}, {"get", get}, {"list", list}, {"delete", delete_file}};
  for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
    if (strcmp(a.verb, verbs[i].verb)) continue;
    genai_client *client = NULL;
    if ((rc = cli_client_new(&a.client, &client)) != CLI_OK) return rc;
    rc = verbs[i].run(client, &a);
    genai_client_free(client);
    return rc;
  }
  fprintf(stderr, "genai files: unknown command '%s'\n", a.verb);
  files_usage(stderr);
  return CLI_USAGE;
}
