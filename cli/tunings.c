#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jobs_common.h"

static void usage(FILE *out) {
  fprintf(out,
          "usage: genai tunings tune --model BASE --src DATASET [--display-name N] [--config JSON|@FILE]\n"
          "       genai tunings get|cancel NAME\n"
          "       genai tunings list [--page-size N] [--filter F] [--json]\n"
          "       (and the client options: --base-url, --api-version, --vertex --project P --location L)\n"
          "\n"
          "Tuning jobs (client.tunings). DATASET is a gs:// URI (Vertex AI), a JSON list of examples\n"
          "([{\"text_input\": \"a\", \"output\": \"b\"}], Gemini API) or a TuningDataset as JSON; @FILE reads\n"
          "it from a file. --config is a CreateTuningJobConfig ({\"epoch_count\": 1}). tune, get and cancel\n"
          "print the job as JSON; list prints \"name<TAB>state\" lines (--json: one job per line as JSON).\n");
}

static genai_result job_to_json(const void *v, char **out) { return genai_tuning_job_to_json(v, out); }

static const char *name_state(const void *v, const char **state) {
  const genai_tuning_job *job = v;
  *state = job->state_str ? job->state_str : genai_job_state_to_string(job->state);
  return job->name;
}

/* A dataset from --src: a gs:// URI, a list of examples, or a TuningDataset. */
static genai_result dataset_of(const char *text, genai_tuning_dataset **out) {
  if (text[0] == '{') return genai_tuning_dataset_from_json(text, out);
  size_t n = strlen(text) + 32;
  char *wrapped = malloc(n);
  if (!wrapped) return GENAI_ENOMEM;
  if (text[0] == '[')
    snprintf(wrapped, n, "{\"examples\":%s}", text);
  else
    snprintf(wrapped, n, "{\"gcsUri\":\"%s\"}", text);
  genai_result rc = strchr(text, '"') && text[0] != '[' ? GENAI_EINVAL : genai_tuning_dataset_from_json(wrapped, out);
  free(wrapped);
  return rc;
}

static int tune(genai_client *client, const cli_job_args *a) {
  if (!a->model || !a->src) {
    fprintf(stderr, "genai: tunings tune needs --model and --src\n");
    return CLI_USAGE;
  }
  int rc = CLI_FAILED;
  char *src_text = cli_read_arg(a->src), *config_text = a->config ? cli_read_arg(a->config) : NULL;
  genai_tuning_dataset *dataset = NULL;
  genai_create_tuning_job_config *from_json = NULL;
  genai_tuning_job *job = NULL;
  if (!src_text || (a->config && !config_text)) goto done;
  if (dataset_of(src_text, &dataset) != GENAI_OK ||
      (config_text && genai_create_tuning_job_config_from_json(config_text, &from_json) != GENAI_OK)) {
    cli_print_error(dataset ? "--config" : "--src");
    rc = CLI_USAGE;
    goto done;
  }
  genai_create_tuning_job_config config =
      from_json ? *from_json : (genai_create_tuning_job_config){GENAI_INIT(genai_create_tuning_job_config)};
  if (a->display_name) config.tuned_model_display_name = a->display_name;
  if (genai_tunings_tune(client, a->model, dataset, &config, &job) != GENAI_OK) {
    cli_print_error("tunings tune failed");
    goto done;
  }
  rc = cli_print_json(job_to_json, job);
done:
  genai_tuning_job_free(job);
  genai_create_tuning_job_config_free(from_json);
  genai_tuning_dataset_free(dataset);
  free(config_text);
  free(src_text);
  return rc;
}

static int by_name(genai_client *client, const char *verb, const char *name) {
  if (!name) {
    fprintf(stderr, "genai: tunings %s needs a job name\n", verb);
    return CLI_USAGE;
  }
  if (!strcmp(verb, "cancel") && genai_tunings_cancel(client, name, NULL, NULL) != GENAI_OK) {
    cli_print_error("tunings cancel failed");
    return CLI_FAILED;
  }
  genai_tuning_job *job = NULL;
  if (genai_tunings_get(client, name, NULL, &job) != GENAI_OK) {
    cli_print_error("tunings get failed");
    return CLI_FAILED;
  }
  int rc = cli_print_json(job_to_json, job);
  genai_tuning_job_free(job);
  return rc;
}

static int list(genai_client *client, const cli_job_args *a) {
  int32_t size = (int32_t)a->page_size;
  genai_list_tuning_jobs_config config = {GENAI_INIT(genai_list_tuning_jobs_config),
                                          .page_size = a->page_size ? &size : NULL, .filter = a->filter};
  genai_pager *pager = NULL;
  if (genai_tunings_list(client, &config, &pager) != GENAI_OK) {
    cli_print_error("tunings list failed");
    return CLI_FAILED;
  }
  int rc = cli_print_jobs(pager, a->json, job_to_json, name_state);
  genai_pager_free(pager);
  return rc;
}

int cli_tunings(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return CLI_USAGE;
  }
  const char *verb = argv[1];
  if (!strcmp(verb, "--help") || !strcmp(verb, "-h")) {
    usage(stdout);
    return CLI_OK;
  }
  static const char *const verbs[] = {"tune", "get", "list", "cancel"};
  int known = 0;
  for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++) known |= !strcmp(verb, verbs[i]);
  if (!known) {
    fprintf(stderr, "genai: unknown tunings command '%s'\n", verb);
    usage(stderr);
    return CLI_USAGE;
  }
  cli_job_args a = {0};
  int rc = cli_job_parse(argc - 1, argv + 1, &a, usage);
  if (rc != CLI_OK) return rc < 0 ? CLI_OK : rc;
  genai_client *client = NULL;
  if ((rc = cli_client_new(&a.client, &client)) != CLI_OK) return rc;
  if (!strcmp(verb, "tune"))
    rc = tune(client, &a);
  else if (!strcmp(verb, "list"))
    rc = list(client, &a);
  else
    rc = by_name(client, verb, a.name);
  genai_client_free(client);
  return rc;
}
