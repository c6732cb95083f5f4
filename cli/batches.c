#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jobs_common.h"

static void usage(FILE *out) {
  fprintf(out,
          "usage: genai batches create --model M --src SRC [--dest URI] [--display-name N] [--config JSON|@FILE]\n"
          "       genai batches get|cancel|delete NAME\n"
          "       genai batches list [--page-size N] [--filter F] [--json]\n"
          "       (and the client options: --base-url, --api-version, --vertex --project P --location L)\n"
          "\n"
          "Batch prediction jobs (client.batches). SRC is a URI (gs://…, bq://…, files/…), a JSON list of\n"
          "inlined requests ([{\"contents\": \"Hi\"}]) or a BatchJobSource as JSON; @FILE reads it from a file.\n"
          "create, get and cancel print the job as JSON; delete prints the service's answer; list prints\n"
          "\"name<TAB>state\" lines (--json: one job per line as JSON).\n");
}

static genai_result job_to_json(const void *v, char **out) { return genai_batch_job_to_json(v, out); }
static genai_result deleted_to_json(const void *v, char **out) { return genai_delete_resource_job_to_json(v, out); }

static const char *name_state(const void *v, const char **state) {
  const genai_batch_job *job = v;
  *state = job->state_str ? job->state_str : genai_job_state_to_string(job->state);
  return job->name;
}

/* A source from --src: a URI, a list of inlined requests, or a BatchJobSource. */
static genai_result source_of(const char *text, genai_batch_job_source **out) {
  if (text[0] == '{') return genai_batch_job_source_from_json(text, out);
  if (text[0] != '[') return genai_batch_job_source_from_uri(text, out);
  size_t n = strlen(text) + 32;
  char *wrapped = malloc(n);
  if (!wrapped) return GENAI_ENOMEM;
  snprintf(wrapped, n, "{\"inlinedRequests\":%s}", text);
  genai_result rc = genai_batch_job_source_from_json(wrapped, out);
  free(wrapped);
  return rc;
}

static int create(genai_client *client, const cli_job_args *a) {
  if (!a->model || !a->src) {
    fprintf(stderr, "genai: batches create needs --model and --src\n");
    return CLI_USAGE;
  }
  int rc = CLI_FAILED;
  char *src_text = cli_read_arg(a->src), *config_text = a->config ? cli_read_arg(a->config) : NULL;
  genai_batch_job_source *src = NULL;
  genai_create_batch_job_config *from_json = NULL;
  genai_batch_job_destination *dest = NULL;
  genai_batch_job *job = NULL;
  if (!src_text || (a->config && !config_text)) goto done;
  if (source_of(src_text, &src) != GENAI_OK) {
    cli_print_error("--src");
    rc = CLI_USAGE;
    goto done;
  }
  if ((config_text && genai_create_batch_job_config_from_json(config_text, &from_json) != GENAI_OK) ||
      (a->dest && genai_batch_job_destination_from_uri(a->dest, &dest) != GENAI_OK)) {
    cli_print_error(config_text ? "--config or --dest" : "--dest");
    rc = CLI_USAGE;
    goto done;
  }
  genai_create_batch_job_config config =
      from_json ? *from_json : (genai_create_batch_job_config){GENAI_INIT(genai_create_batch_job_config)};
  if (a->display_name) config.display_name = a->display_name;
  if (dest) config.dest = dest;
  if (genai_batches_create(client, a->model, src, &config, &job) != GENAI_OK) {
    cli_print_error("batches create failed");
    goto done;
  }
  rc = cli_print_json(job_to_json, job);
done:
  genai_batch_job_free(job);
  genai_batch_job_destination_free(dest);
  genai_create_batch_job_config_free(from_json);
  genai_batch_job_source_free(src);
  free(config_text);
  free(src_text);
  return rc;
}

static int by_name(genai_client *client, const char *verb, const char *name) {
  if (!name) {
    fprintf(stderr, "genai: batches %s needs a job name\n", verb);
    return CLI_USAGE;
  }
  if (!strcmp(verb, "delete")) {
    genai_delete_resource_job *answer = NULL;
    if (genai_batches_delete(client, name, NULL, &answer) != GENAI_OK) {
      cli_print_error("batches delete failed");
      return CLI_FAILED;
    }
    int rc = cli_print_json(deleted_to_json, answer);
    genai_delete_resource_job_free(answer);
    return rc;
  }
  if (!strcmp(verb, "cancel") && genai_batches_cancel(client, name, NULL) != GENAI_OK) {
    cli_print_error("batches cancel failed");
    return CLI_FAILED;
  }
  genai_batch_job *job = NULL;
  if (genai_batches_get(client, name, NULL, &job) != GENAI_OK) {
    cli_print_error("batches get failed");
    return CLI_FAILED;
  }
  int rc = cli_print_json(job_to_json, job);
  genai_batch_job_free(job);
  return rc;
}

static int list(genai_client *client, const cli_job_args *a) {
  int32_t size = (int32_t)a->page_size;
  genai_list_batch_jobs_config config = {GENAI_INIT(genai_list_batch_jobs_config),
                                         .page_size = a->page_size ? &size : NULL, .filter = a->filter};
  genai_pager *pager = NULL;
  if (genai_batches_list(client, &config, &pager) != GENAI_OK) {
    cli_print_error("batches list failed");
    return CLI_FAILED;
  }
  int rc = cli_print_jobs(pager, a->json, job_to_json, name_state);
  genai_pager_free(pager);
  return rc;
}

int cli_batches(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return CLI_USAGE;
  }
  const char *verb = argv[1];
  if (!strcmp(verb, "--help") || !strcmp(verb, "-h")) {
    usage(stdout);
    return CLI_OK;
  }
  static const char *const verbs[] = {"create", "get", "list", "cancel", "delete"};
  int known = 0;
  for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++) known |= !strcmp(verb, verbs[i]);
  if (!known) {
    fprintf(stderr, "genai: unknown batches command '%s'\n", verb);
    usage(stderr);
    return CLI_USAGE;
  }
  cli_job_args a = {0};
  int rc = cli_job_parse(argc - 1, argv + 1, &a, usage);
  if (rc != CLI_OK) return rc < 0 ? CLI_OK : rc;
  genai_client *client = NULL;
  if ((rc = cli_client_new(&a.client, &client)) != CLI_OK) return rc;
  if (!strcmp(verb, "create"))
    rc = create(client, &a);
  else if (!strcmp(verb, "list"))
    rc = list(client, &a);
  else
    rc = by_name(client, verb, a.name);
  genai_client_free(client);
  return rc;
}
