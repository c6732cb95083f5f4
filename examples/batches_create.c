/*
 * batches_create.c: "Batch Prediction": Create, Get, the polling loop and
 * Delete.
 *
 * The C twin of these Python SDK snippets:
 *
 *     # Specify model and source file only, destination and job display name will be auto-populated
 *     job = client.batches.create(
 *         model='gemini-1.5-flash-002',
 *         src='bq://my-project.my-dataset.my-table',
 *     )
 *     job
 *
 *     # Get a job by name
 *     job = client.batches.get(name=job.name)
 *     job.state
 *
 *     completed_states = set(['JOB_STATE_SUCCEEDED', 'JOB_STATE_FAILED',
 *                             'JOB_STATE_CANCELLED', 'JOB_STATE_PAUSED'])
 *     while job.state not in completed_states:
 *         print(job.state)
 *         job = client.batches.get(name=job.name)
 *         time.sleep(30)
 *     job
 *
 *     # Delete the job resource
 *     delete_job = client.batches.delete(name=job.name)
 *     delete_job
 *
 * The source is the snippet's BigQuery table on Vertex AI, and on the Gemini
 * API (which reads no BigQuery) one inlined request, as the Gemini API's
 * batch docs do:
 *
 *     src=[{'contents': [{'parts': [{'text': 'Hello!'}], 'role': 'user'}]}]
 *
 * An argument replaces the source: "gs://…/x.jsonl" or "bq://…" (Vertex AI),
 * "files/…" (an uploaded file, Gemini API).
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

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

static void print_job(const genai_batch_job *job) {
  char *json = NULL;
  if (genai_batch_job_to_json(job, &json) == GENAI_OK) printf("%s\n", json);
  genai_free(json);
}

/* The first answer of a finished inline job. */
static void print_first_answer(const genai_batch_job *job) {
  if (!job->dest || !job->dest->inlined_responses_count) return;
  const genai_inlined_response *r = job->dest->inlined_responses[0];
  if (r->response && r->response->candidates_count && r->response->candidates[0]->content &&
      r->response->candidates[0]->content->parts_count)
    printf("first answer: %s\n", r->response->candidates[0]->content->parts[0]->text);
}

int main(int argc, char **argv) {
  genai_client *client = NULL;
  genai_batch_job_source *from_uri = NULL;
  genai_batch_job *job = NULL;
  genai_delete_resource_job *deleted = NULL;
  int status = EXIT_FAILURE;
  if (new_client(&client) != GENAI_OK) goto failed;

  const genai_inlined_request hello = {GENAI_INIT(genai_inlined_request), .contents = GENAI_TEXT("Hello!")};
  const genai_inlined_request *requests[] = {&hello};
  const genai_batch_job_source inlined = {GENAI_INIT(genai_batch_job_source), .inlined_requests = requests,
                                          .inlined_requests_count = 1};
  const char *uri = argc > 1 ? argv[1] : genai_client_vertexai(client) ? "bq://my-project.my-dataset.my-table" : NULL;
  if (uri && genai_batch_job_source_from_uri(uri, &from_uri) != GENAI_OK) goto failed;
  if (genai_batches_create(client, "gemini-1.5-flash-002", uri ? from_uri : &inlined, NULL, &job) != GENAI_OK)
    goto failed;
  print_job(job);

  /* Get a job by name, then poll until it is done */
  char name[512];
  snprintf(name, sizeof name, "%s", job->name);
  genai_batch_job_free(job);
  job = NULL;
  if (genai_batches_get(client, name, NULL, &job) != GENAI_OK) goto failed;
  printf("%s\n", genai_job_state_to_string(job->state));
  while (!genai_job_state_is_done(job->state)) {
    printf("%s\n", genai_job_state_to_string(job->state));
    genai_batch_job_free(job);
    job = NULL;
    if (genai_batches_get(client, name, NULL, &job) != GENAI_OK) goto failed;
    sleep(30);
  }
  print_job(job);
  print_first_answer(job);

  /* Delete the job resource */
  if (genai_batches_delete(client, name, NULL, &deleted) != GENAI_OK) goto failed;
  char *json = NULL;
  if (genai_delete_resource_job_to_json(deleted, &json) == GENAI_OK) printf("deleted: %s\n", json);
  genai_free(json);
  status = EXIT_SUCCESS;
  goto done;
failed:
  fprintf(stderr, "batches failed: %s\n", genai_error_last()->message);
done:
  genai_delete_resource_job_free(deleted);
  genai_batch_job_free(job);
  genai_batch_job_source_free(from_uri);
  genai_client_free(client);
  return status;
}
