/*
 * tunings_tune.c: "Tunings": Tune, Get Tuning Job, the polling loop and
 * Get Tuned Model.
 *
 * The C twin of these Python SDK snippets:
 *
 *     if client.vertexai:
 *         model = 'gemini-1.5-pro-002'
 *         training_dataset = types.TuningDataset(
 *             gcs_uri='gs://cloud-samples-data/ai-platform/generative_ai/gemini-1_5/text/sft_train_data.jsonl',
 *         )
 *     else:
 *         model = 'models/gemini-1.0-pro-001'
 *         training_dataset = types.TuningDataset(
 *             examples=[types.TuningExample(text_input=f'Input text {i}', output=f'Output text {i}')
 *                       for i in range(5)],
 *         )
 *     tuning_job = client.tunings.tune(
 *         base_model=model,
 *         training_dataset=training_dataset,
 *         config=types.CreateTuningJobConfig(epoch_count=1, tuned_model_display_name='test_dataset_examples model'),
 *     )
 *     print(tuning_job)
 *
 *     tuning_job = client.tunings.get(name=tuning_job.name)
 *     print(tuning_job)
 *
 *     running_states = set(['JOB_STATE_PENDING', 'JOB_STATE_RUNNING'])
 *     while tuning_job.state in running_states:
 *         print(tuning_job.state)
 *         tuning_job = client.tunings.get(name=tuning_job.name)
 *         time.sleep(10)
 *
 *     response = client.models.generate_content(
 *         model=tuning_job.tuned_model.endpoint,
 *         contents='why is the sky blue?',
 *     )
 *     print(response.text)
 *
 *     tuned_model = client.models.get(model=tuning_job.tuned_model.model)
 *     print(tuned_model)
 *
 * genai_job_state_is_running() also counts JOB_STATE_QUEUED, the state the
 * Gemini API's job starts in (with the docs' set the loop would end at once).
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

static void print_job(const genai_tuning_job *job) {
  char *json = NULL;
  if (genai_tuning_job_to_json(job, &json) == GENAI_OK) printf("%s\n", json);
  genai_free(json);
}

int main(void) {
  genai_client *client = NULL;
  genai_tuning_job *job = NULL;
  genai_model *tuned = NULL;
  genai_generate_content_response *response = NULL;
  int status = EXIT_FAILURE;
  if (new_client(&client) != GENAI_OK) goto failed;

  genai_tuning_example examples[5];
  const genai_tuning_example *example_list[5];
  char inputs[5][32], outputs[5][32];
  for (int i = 0; i < 5; i++) {
    snprintf(inputs[i], sizeof inputs[i], "Input text %d", i);
    snprintf(outputs[i], sizeof outputs[i], "Output text %d", i);
    examples[i] =
        (genai_tuning_example){GENAI_INIT(genai_tuning_example), .text_input = inputs[i], .output = outputs[i]};
    example_list[i] = &examples[i];
  }
  const char *model = "models/gemini-1.0-pro-001";
  genai_tuning_dataset training_dataset = {GENAI_INIT(genai_tuning_dataset), .examples = example_list,
                                           .examples_count = 5};
  if (genai_client_vertexai(client)) {
    model = "gemini-1.5-pro-002";
    training_dataset = (genai_tuning_dataset){
        GENAI_INIT(genai_tuning_dataset),
        .gcs_uri = "gs://cloud-samples-data/ai-platform/generative_ai/gemini-1_5/text/sft_train_data.jsonl"};
  }
  genai_create_tuning_job_config config = {GENAI_INIT(genai_create_tuning_job_config), .epoch_count = &(int32_t){1},
                                           .tuned_model_display_name = "test_dataset_examples model"};
  if (genai_tunings_tune(client, model, &training_dataset, &config, &job) != GENAI_OK) goto failed;
  print_job(job);

  char name[512];
  snprintf(name, sizeof name, "%s", job->name);
  genai_tuning_job_free(job);
  job = NULL;
  if (genai_tunings_get(client, name, NULL, &job) != GENAI_OK) goto failed;
  print_job(job);
  while (genai_job_state_is_running(job->state)) {
    printf("%s\n", genai_job_state_to_string(job->state));
    genai_tuning_job_free(job);
    job = NULL;
    if (genai_tunings_get(client, name, NULL, &job) != GENAI_OK) goto failed;
    sleep(10);
  }
  printf("final state: %s\n", genai_job_state_to_string(job->state));
  if (!job->tuned_model || !job->tuned_model->model) {
    fprintf(stderr, "the job made no model\n");
    goto done;
  }
  printf("tuned model: %s\nendpoint: %s\n", job->tuned_model->model, job->tuned_model->endpoint);

  /* the tuned model answers through its endpoint */
  if (genai_models_generate_content(client, job->tuned_model->endpoint, GENAI_TEXT("why is the sky blue?"), NULL,
                                    &response) != GENAI_OK)
    goto failed;
  const char *text = genai_response_text(response);
  printf("%s\n", text ? text : "(no text)");

  /* Get Tuned Model */
  if (genai_models_get(client, job->tuned_model->model, NULL, &tuned) != GENAI_OK) goto failed;
  char *json = NULL;
  if (genai_model_to_json(tuned, &json) == GENAI_OK) printf("%s\n", json);
  genai_free(json);
  status = EXIT_SUCCESS;
  goto done;
failed:
  fprintf(stderr, "tuning failed: %s\n", genai_error_last()->message);
done:
  genai_generate_content_response_free(response);
  genai_model_free(tuned);
  genai_tuning_job_free(job);
  genai_client_free(client);
  return status;
}
