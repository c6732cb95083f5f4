/*
 * tunings_list.c: "Tunings": List Tuning Jobs, with the pager and the
 * async pager (Vertex AI; the Gemini API lists tuned models instead, see
 * tuned_models_list.c).
 *
 * The C twin of these Python SDK snippets:
 *
 *     for job in client.tunings.list(config={'page_size': 10}):
 *         print(job)
 *
 *     pager = client.tunings.list(config={'page_size': 10})
 *     print(pager.page_size)
 *     print(pager[0])
 *     pager.next_page()
 *     print(pager[0])
 *
 *     async for job in await client.aio.tunings.list(config={'page_size': 10}):
 *         print(job)
 *
 *     async_pager = await client.aio.tunings.list(config={'page_size': 10})
 *     print(async_pager.page_size)
 *     print(async_pager[0])
 *     await async_pager.next_page()
 *     print(async_pager[0])
 *
 * An argument N first starts N tuning jobs, so that there is something to
 * list on an empty server.
 */
#include <stdio.h>
#include <stdlib.h>

#include <genai/genai.h>
#include <genai/sys/auth.h>

/* The client from the environment, as genai.Client() makes it. Python finds
 * Vertex AI credentials through Application Default Credentials; here, when
 * $GOOGLE_OAUTH_ACCESS_TOKEN is set, a token provider hands it over and the
 * project and location are passed explicitly (see create_client.c). */
static genai_result token_from_environment(void *user_data, genai_token_sink *sink) {
  (void)user_data;
  const char *token = getenv("GOOGLE_OAUTH_ACCESS_TOKEN");
  return token && *token ? genai_token_sink_set(sink, token, 0) : GENAI_EAUTH;
}

static genai_result new_client(genai_client **out) {
  static const genai_token_provider provider = {GENAI_INIT(genai_token_provider), token_from_environment, NULL};
  genai_client_options options = {GENAI_INIT(genai_client_options)};
  if (getenv("GOOGLE_OAUTH_ACCESS_TOKEN")) {
    options.token_provider = &provider;
    options.project = getenv("GOOGLE_CLOUD_PROJECT");
    options.location = getenv("GOOGLE_CLOUD_LOCATION");
  }
  return genai_client_new(&options, out);
}

static int tune(genai_client *client, int n) {
  genai_tuning_dataset dataset = {GENAI_INIT(genai_tuning_dataset), .gcs_uri = "gs://my-bucket/sft_train_data.jsonl"};
  for (int i = 0; i < n; i++) {
    genai_tuning_job *job = NULL;
    if (genai_tunings_tune(client, "gemini-1.5-pro-002", &dataset, NULL, &job) != GENAI_OK) return -1;
    genai_tuning_job_free(job);
  }
  return 0;
}

static void print_job(const char *label, const genai_tuning_job *job) {
  if (job)
    printf("%s: %s %s\n", label, job->name, genai_job_state_to_string(job->state));
  else
    printf("%s: (none)\n", label);
}

static void on_done(genai_op *op, void *user_data) { (void)op, (void)user_data; }

static int run(genai_multi *multi, genai_op *op) {
  int running = 1;
  while (running)
    if (genai_multi_poll(multi, 1000, &running) != GENAI_OK) return -1;
  return genai_op_result(op) == GENAI_OK ? 0 : -1;
}

static int async_list(genai_client *client, const genai_list_tuning_jobs_config *config) {
  genai_multi *multi = NULL;
  genai_op *op = NULL;
  genai_pager *pager = NULL;
  int rc = -1;
  genai_op_callbacks callbacks = {GENAI_INIT(genai_op_callbacks), .on_done = on_done};
  if (genai_multi_new(client, NULL, &multi) != GENAI_OK ||
      genai_tunings_list_async(multi, config, &callbacks, &op) != GENAI_OK || run(multi, op) != 0 ||
      genai_op_take_pager(op, &pager) != GENAI_OK)
    goto done;
  genai_op_free(op);
  op = NULL;
  printf("async page_size: %zu\n", genai_pager_page_size(pager));
  print_job("async_pager[0]", genai_pager_page_item(pager, 0));
  genai_result next = genai_pager_next_page_async(multi, pager, &callbacks, &op);
  if ((next == GENAI_OK && run(multi, op) != 0) || (next != GENAI_OK && next != GENAI_DONE)) goto done;
  if (next == GENAI_DONE) printf("No more pages to fetch.\n");
  print_job("async_pager[0]", genai_pager_page_item(pager, 0));
  rc = 0;
done:
  genai_pager_free(pager);
  genai_op_free(op);
  genai_multi_free(multi);
  return rc;
}

int main(int argc, char **argv) {
  genai_client *client = NULL;
  genai_pager *pager = NULL;
  int status = EXIT_FAILURE;
  if (new_client(&client) != GENAI_OK) goto failed;
  if (argc > 1 && tune(client, atoi(argv[1])) != 0) goto failed;
  genai_list_tuning_jobs_config config = {GENAI_INIT(genai_list_tuning_jobs_config), .page_size = &(int32_t){10}};

  if (genai_tunings_list(client, &config, &pager) != GENAI_OK) goto failed;
  const genai_tuning_job *job;
  genai_result rc;
  while ((rc = genai_pager_next(pager, (const void **)&job)) == GENAI_OK) print_job("job", job);
  if (rc != GENAI_DONE) goto failed;
  genai_pager_free(pager);
  pager = NULL;

  if (genai_tunings_list(client, &config, &pager) != GENAI_OK) goto failed;
  printf("page_size: %zu\n", genai_pager_page_size(pager));
  print_job("pager[0]", genai_pager_page_item(pager, 0));
  rc = genai_pager_next_page(pager);
  if (rc == GENAI_DONE)
    printf("No more pages to fetch.\n");
  else if (rc != GENAI_OK)
    goto failed;
  print_job("pager[0]", genai_pager_page_item(pager, 0));

  if (async_list(client, &config) != 0) goto failed;
  status = EXIT_SUCCESS;
  goto done;
failed:
  fprintf(stderr, "tunings list failed: %s\n", genai_error_last()->message);
done:
  genai_pager_free(pager);
  genai_client_free(client);
  return status;
}
