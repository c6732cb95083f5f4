/*
 * download_video.c: "Veo" on the Gemini Developer API, and files.download.
 *
 * The Gemini API's version of generate_video.c: its videos come back as a
 * file URI, which `client.files.download` fetches:
 *
 *     operation = client.models.generate_videos(
 *         model='veo-2.0-generate-001',
 *         prompt='A neon hologram of a cat driving at top speed',
 *         config=types.GenerateVideosConfig(number_of_videos=1, duration_seconds=5),
 *     )
 *     while not operation.done:
 *         time.sleep(20)
 *         operation = client.operations.get(operation)
 *
 *     video = operation.result.generated_videos[0].video
 *     client.files.download(file=video)
 *     video.save('generated_video.mp4')
 *
 * genai_files_download_video_to_path() streams the bytes straight into the
 * file (first argument, default "generated_video.mp4"), so a long video
 * never sits in memory.
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
  genai_generate_videos_config config = {GENAI_INIT(genai_generate_videos_config), .number_of_videos = &(int32_t){1},
                                         .duration_seconds = &(int32_t){5}};
  genai_generate_videos_operation *operation = NULL;
  if (genai_models_generate_videos(client, "veo-2.0-generate-001", "A neon hologram of a cat driving at top speed",
                                   NULL, NULL, &config, &operation) != GENAI_OK) {
    print_error("generate_videos");
    genai_client_free(client);
    return EXIT_FAILURE;
  }
  operation = wait_done(client, operation);
  int status = EXIT_FAILURE;
  if (operation && operation->result && operation->result->generated_videos_count > 0) {
    const genai_video *video = operation->result->generated_videos[0]->video;
    printf("video: %s\n", video->uri ? video->uri : "(no uri)");
    if (genai_files_download_video_to_path(client, video, NULL, path) == GENAI_OK) {
      printf("downloaded to %s\n", path);
      status = EXIT_SUCCESS;
    } else {
      print_error("files_download");
    }
  } else if (operation) {
    fprintf(stderr, "no video came back%s%s\n", operation->error_json ? ": " : "",
            operation->error_json ? operation->error_json : "");
  }
  genai_generate_videos_operation_free(operation);
  genai_client_free(client);
  return status;
}
