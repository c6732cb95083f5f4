/*
 * generate_video.c: "Veo", generate a video, poll the operation, save it.
 *
 * The C twin of this Python SDK snippet (fps is a Vertex AI parameter: run
 * it with GOOGLE_GENAI_USE_VERTEXAI=true; download_video.c is the Gemini
 * Developer API's version):
 *
 *     # Create operation
 *     operation = client.models.generate_videos(
 *         model='veo-2.0-generate-001',
 *         prompt='A neon hologram of a cat driving at top speed',
 *         config=types.GenerateVideosConfig(
 *             number_of_videos=1,
 *             fps=24,
 *             duration_seconds=5,
 *             enhance_prompt=True,
 *         ),
 *     )
 *
 *     # Poll operation
 *     while not operation.done:
 *         time.sleep(20)
 *         operation = client.operations.get(operation)
 *
 *     video = operation.result.generated_videos[0].video
 *     video.show()
 *
 * The loop asks at once and then every 20 seconds (the Python loop sleeps
 * first). `video.show()` becomes saving the MP4 to a file: the first
 * argument, default "generated_video.mp4".
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <genai/genai.h>

static void print_error(const char *what) {
  const genai_error *err = genai_error_last();
  fprintf(stderr, "%s failed: %s (%s", what, err->message, genai_result_name(err->code));
  if (err->http_status) fprintf(stderr, ", HTTP %d %s", err->http_status, err->status);
  fputs(")\n", stderr);
}

/* Polls until the operation is done; frees what it replaces. NULL on error. */
static genai_generate_videos_operation *wait_done(genai_client *client, genai_generate_videos_operation *operation) {
  while (!genai_operation_is_done(operation)) {
    genai_generate_videos_operation *next = NULL;
    if (genai_operations_get(client, operation, NULL, &next) != GENAI_OK) {
      print_error("operations_get");
      genai_generate_videos_operation_free(operation);
      return NULL;
    }
    genai_generate_videos_operation_free(operation);
    operation = next;
    if (!genai_operation_is_done(operation)) sleep(20);
  }
  return operation;
}

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : "generated_video.mp4";
  genai_client *client = NULL;
  if (genai_client_new(NULL, &client) != GENAI_OK) {
    print_error("genai_client_new");
    return EXIT_FAILURE;
  }
  genai_generate_videos_config config = {GENAI_INIT(genai_generate_videos_config),
                                         .number_of_videos = &(int32_t){1},
                                         .fps = &(int32_t){24},
                                         .duration_seconds = &(int32_t){5},
                                         .enhance_prompt = &(bool){true}};
  genai_generate_videos_operation *operation = NULL;
  if (genai_models_generate_videos(client, "veo-2.0-generate-001", "A neon hologram of a cat driving at top speed",
                                   NULL, NULL, &config, &operation) != GENAI_OK) {
    print_error("generate_videos");
    genai_client_free(client);
    return EXIT_FAILURE;
  }
  printf("operation: %s\n", operation->name);
  operation = wait_done(client, operation);
  int status = EXIT_FAILURE;
  if (!operation) {
    /* reported */
  } else if (operation->error_json) {
    fprintf(stderr, "the operation failed: %s\n", operation->error_json);
  } else if (!operation->result || operation->result->generated_videos_count == 0) {
    fprintf(stderr, "no video came back\n");
  } else {
    const genai_video *video = operation->result->generated_videos[0]->video;
    if (genai_video_save(video, path) == GENAI_OK) {
      printf("done: saved a %s of %zu bytes to %s\n", video->mime_type ? video->mime_type : "video",
             video->video_bytes.size, path);
      status = EXIT_SUCCESS;
    } else {
      print_error("genai_video_save");
    }
  }
  genai_generate_videos_operation_free(operation);
  genai_client_free(client);
  return status;
}
