/* genai images / videos / operations / files download: Imagen, Veo, their
 * operations and the download of generated files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* The options of these commands, parsed in one pass. */
typedef struct media_args {
  const char *model, *out, *factor, *mime, *aspect_ratio;
  long count, duration, poll_seconds;
  int json;
  cli_client_args client;
  const char *words[64];
  size_t words_count;
} media_args;

static int take(int argc, char **argv, int *i, const char **value) {
  if (*i + 1 >= argc) {
    fprintf(stderr, "genai: %s needs a value\n", argv[*i]);
    return -1;
  }
  *value = argv[++*i];
  return 1;
}

static int take_long(int argc, char **argv, int *i, long *value) {
  const char *text = NULL;
  if (take(argc, argv, i, &text) < 0) return -1;
  char *end = NULL;
  long v = strtol(text, &end, 10);
  if (!*text || *end || v < 0) {
    fprintf(stderr, "genai: %s needs a number, not '%s'\n", argv[*i - 1], text);
    return -1;
  }
  *value = v;
  return 1;
}

static int option(int argc, char **argv, int *i, media_args *a) {
  const char *arg = argv[*i];
  if (!strcmp(arg, "--model")) return take(argc, argv, i, &a->model);
  if (!strcmp(arg, "--out")) return take(argc, argv, i, &a->out);
  if (!strcmp(arg, "--factor")) return take(argc, argv, i, &a->factor);
  if (!strcmp(arg, "--mime-type")) return take(argc, argv, i, &a->mime);
  if (!strcmp(arg, "--aspect-ratio")) return take(argc, argv, i, &a->aspect_ratio);
  if (!strcmp(arg, "--count")) return take_long(argc, argv, i, &a->count);
  if (!strcmp(arg, "--duration")) return take_long(argc, argv, i, &a->duration);
  if (!strcmp(arg, "--poll-seconds")) return take_long(argc, argv, i, &a->poll_seconds);
  if (!strcmp(arg, "--json")) {
    a->json = 1;
    return 1;
  }
  return cli_client_arg(argc, argv, i, &a->client);
}

/* argv[0] is the subcommand. CLI_OK, CLI_USAGE, or -1 after --help. */
static int parse(int argc, char **argv, media_args *a, void (*usage)(FILE *)) {
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      usage(stdout);
      return -1;
    }
    if (argv[i][0] == '-' && argv[i][1] == '-') {
      int r = option(argc, argv, &i, a);
      if (r < 0) return CLI_USAGE;
      if (r == 0) {
        fprintf(stderr, "genai: unknown option '%s'\n", argv[i]);
        usage(stderr);
        return CLI_USAGE;
      }
    } else if (a->words_count < sizeof a->words / sizeof a->words[0]) {
      a->words[a->words_count++] = argv[i];
    }
  }
  return CLI_OK;
}

/* The positional words joined by spaces (free() it), or NULL with a message. */
static char *joined_words(const media_args *a, const char *what) {
  size_t len = 1;
  for (size_t i = 0; i < a->words_count; i++) len += strlen(a->words[i]) + 1;
  if (a->words_count == 0) {
    fprintf(stderr, "genai: %s is required\n", what);
    return NULL;
  }
  char *text = calloc(1, len);
  if (!text) return NULL;
  for (size_t i = 0; i < a->words_count; i++) {
    if (i) strcat(text, " ");
    strcat(text, a->words[i]);
  }
  return text;
}

static const char *extension(const char *mime) {
  if (mime && !strcmp(mime, "image/jpeg")) return "jpg";
  if (mime && !strcmp(mime, "image/png")) return "png";
  if (mime && !strcmp(mime, "video/mp4")) return "mp4";
  return "bin";
}

/* Saves images[i] as PREFIX-i.EXT (PREFIX.EXT for one image); prints each path. */
static int save_images(const genai_generated_image *const *images, size_t count, const char *prefix) {
  int rc = CLI_OK;
  for (size_t i = 0; i < count; i++) {
    const genai_generated_image *gi = images[i];
    if (gi->rai_filtered_reason) {
      fprintf(stderr, "genai: image %zu was filtered: %s\n", i, gi->rai_filtered_reason);
      rc = CLI_FAILED;
      continue;
    }
    if (!gi->image) continue;
    char path[1024];
    if (count == 1)
      snprintf(path, sizeof path, "%s.%s", prefix, extension(gi->image->mime_type));
    else
      snprintf(path, sizeof path, "%s-%zu.%s", prefix, i, extension(gi->image->mime_type));
    if (genai_image_save(gi->image, path) != GENAI_OK) {
      cli_print_error("could not save the image");
      rc = CLI_FAILED;
    } else {
      printf("%s\n", path);
    }
  }
  if (count == 0) {
    fprintf(stderr, "genai: no image came back\n");
    rc = CLI_FAILED;
  }
  return rc;
}

/* ------------------------------------------------------------- images */

static void images_usage(FILE *out) {
  fprintf(out,
          "usage: genai images generate [--model M] [--count N] [--aspect-ratio R] [--mime-type T]\n"
          "                             [--out PREFIX] PROMPT...\n"
          "       genai images upscale [--model M] [--factor x2|x4] [--out PREFIX] IMAGE_FILE\n"
          "         [--base-url URL] [--api-version V] [--vertex --project P --location L]\n"
          "\n"
          "Imagen (Vertex AI): generate writes PREFIX.png (PREFIX-0.png ... for several images;\n"
          ".jpg for JPEG answers) and prints each path; upscale does the same for one image.\n"
          "  --model M      default imagen-3.0-generate-002\n"
          "  --out PREFIX   default \"image\" (generate), \"upscaled\" (upscale)\n");
}

static int images_generate(genai_client *client, const media_args *a) {
  char *prompt = joined_words(a, "PROMPT");
  if (!prompt) return CLI_USAGE;
  int32_t count = (int32_t)a->count;
  genai_generate_images_config config = {GENAI_INIT(genai_generate_images_config),
                                         .number_of_images = a->count ? &count : NULL,
                                         .aspect_ratio = a->aspect_ratio,
                                         .output_mime_type = a->mime};
  genai_generate_images_response *response = NULL;
  int rc = CLI_FAILED;
  if (genai_models_generate_images(client, a->model ? a->model : "imagen-3.0-generate-002", prompt, &config,
                                   &response) != GENAI_OK)
    cli_print_error("images generate failed");
  else
    rc = save_images(response->generated_images, response->generated_images_count, a->out ? a->out : "image");
  genai_generate_images_response_free(response);
  free(prompt);
  return rc;
}

static int images_upscale(genai_client *client, const media_args *a) {
  if (a->words_count != 1) {
    fprintf(stderr, "genai: images upscale takes one IMAGE_FILE\n");
    return CLI_USAGE;
  }
  genai_image *image = NULL;
  if (genai_image_from_file(a->words[0], NULL, &image) != GENAI_OK) {
    cli_print_error("could not read the image");
    return CLI_FAILED;
  }
  genai_upscale_image_config config = {GENAI_INIT(genai_upscale_image_config), .output_mime_type = a->mime};
  genai_upscale_image_response *response = NULL;
  int rc = CLI_FAILED;
  if (genai_models_upscale_image(client, a->model ? a->model : "imagen-3.0-generate-002", image,
                                 a->factor ? a->factor : "x2", &config, &response) != GENAI_OK)
    cli_print_error("images upscale failed");
  else
    rc = save_images(response->generated_images, response->generated_images_count, a->out ? a->out : "upscaled");
  genai_upscale_image_response_free(response);
  genai_image_free(image);
  return rc;
}

int cli_images(int argc, char **argv) {
  if (argc < 2 || (strcmp(argv[1], "generate") && strcmp(argv[1], "upscale"))) {
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
      images_usage(stdout);
      return CLI_OK;
    }
    images_usage(stderr);
    return CLI_USAGE;
  }
  media_args a = {0};
  int rc = parse(argc - 1, argv + 1, &a, images_usage);
  if (rc != CLI_OK) return rc < 0 ? CLI_OK : rc;
  genai_client *client = NULL;
  if ((rc = cli_client_new(&a.client, &client)) != CLI_OK) return rc;
  rc = !strcmp(argv[1], "generate") ? images_generate(client, &a) : images_upscale(client, &a);
  genai_client_free(client);
  return rc;
}

/* ------------------------------------------------------------- videos */

static void videos_usage(FILE *out) {
  fprintf(out,
          "usage: genai videos generate [--model M] [--count N] [--duration S] [--aspect-ratio R]\n"
          "                             [--poll-seconds S] [--out FILE] PROMPT...\n"
          "         [--base-url URL] [--api-version V] [--vertex --project P --location L]\n"
          "\n"
          "Veo: starts the operation, polls it every --poll-seconds (default 10) until it is\n"
          "done, then saves each video: FILE (default video.mp4), then FILE-1.mp4, ... On the\n"
          "Gemini API the videos are downloaded (files.download); on Vertex AI they come with\n"
          "the operation. Prints the operation name, then each path.\n"
          "  --model M   default veo-2.0-generate-001\n");
}

static void video_path(const char *out, size_t i, char *path, size_t size) {
  if (i == 0) {
    snprintf(path, size, "%s", out);
    return;
  }
  const char *dot = strrchr(out, '.');
  if (dot && !strchr(dot, '/'))
    snprintf(path, size, "%.*s-%zu%s", (int)(dot - out), out, i, dot);
  else
    snprintf(path, size, "%s-%zu", out, i);
}

static int save_videos(genai_client *client, const genai_generate_videos_response *result, const char *out) {
  if (!result || result->generated_videos_count == 0) {
    fprintf(stderr, "genai: no video came back");
    if (result && result->rai_media_filtered_reasons_count)
      fprintf(stderr, ": %s", result->rai_media_filtered_reasons[0]);
    fputc('\n', stderr);
    return CLI_FAILED;
  }
  for (size_t i = 0; i < result->generated_videos_count; i++) {
    const genai_video *video = result->generated_videos[i]->video;
    char path[1024];
    video_path(out, i, path, sizeof path);
    genai_result r = video && video->video_bytes.data ? genai_video_save(video, path)
                                                      : genai_files_download_video_to_path(client, video, NULL, path);
    if (r != GENAI_OK) {
      cli_print_error("could not save the video");
      return CLI_FAILED;
    }
    printf("%s\n", path);
  }
  return CLI_OK;
}

static genai_generate_videos_operation *poll_operation(genai_client *client, genai_generate_videos_operation *op,
                                                       long seconds) {
  while (!genai_operation_is_done(op)) {
    genai_generate_videos_operation *next = NULL;
    if (genai_operations_get(client, op, NULL, &next) != GENAI_OK) {
      cli_print_error("operations get failed");
      genai_generate_videos_operation_free(op);
      return NULL;
    }
    genai_generate_videos_operation_free(op);
    op = next;
    if (!genai_operation_is_done(op)) sleep((unsigned)seconds);
  }
  return op;
}

int cli_videos(int argc, char **argv) {
  if (argc < 2 || strcmp(argv[1], "generate")) {
    int help = argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"));
    videos_usage(help ? stdout : stderr);
    return help ? CLI_OK : CLI_USAGE;
  }
  media_args a = {.poll_seconds = 10};
  int rc = parse(argc - 1, argv + 1, &a, videos_usage);
  if (rc != CLI_OK) return rc < 0 ? CLI_OK : rc;
  char *prompt = joined_words(&a, "PROMPT");
  if (!prompt) return CLI_USAGE;
  genai_client *client = NULL;
  if ((rc = cli_client_new(&a.client, &client)) != CLI_OK) {
    free(prompt);
    return rc;
  }
  int32_t count = (int32_t)a.count, duration = (int32_t)a.duration;
  genai_generate_videos_config config = {GENAI_INIT(genai_generate_videos_config),
                                         .number_of_videos = a.count ? &count : NULL,
                                         .duration_seconds = a.duration ? &duration : NULL,
                                         .aspect_ratio = a.aspect_ratio};
  genai_generate_videos_operation *op = NULL;
  rc = CLI_FAILED;
  if (genai_models_generate_videos(client, a.model ? a.model : "veo-2.0-generate-001", prompt, NULL, NULL, &config,
                                   &op) != GENAI_OK) {
    cli_print_error("videos generate failed");
  } else {
    printf("%s\n", op->name ? op->name : "(no name)");
    fflush(stdout);
    op = poll_operation(client, op, a.poll_seconds);
    if (op && op->error_json)
      fprintf(stderr, "genai: the operation failed: %s\n", op->error_json);
    else if (op)
      rc = save_videos(client, op->result, a.out ? a.out : "video.mp4");
  }
  genai_generate_videos_operation_free(op);
  genai_client_free(client);
  free(prompt);
  return rc;
}

/* ---------------------------------------------------------- operations */

static void operations_usage(FILE *out) {
  fprintf(out,
          "usage: genai operations get NAME\n"
          "         [--base-url URL] [--api-version V] [--vertex --project P --location L]\n"
          "\n"
          "Prints a video generation operation as JSON (client.operations.get): NAME as\n"
          "genai videos generate printed it (models/veo-.../operations/ID, or the Vertex AI name).\n");
}

int cli_operations(int argc, char **argv) {
  if (argc < 2 || strcmp(argv[1], "get")) {
    int help = argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"));
    operations_usage(help ? stdout : stderr);
    return help ? CLI_OK : CLI_USAGE;
  }
  media_args a = {0};
  int rc = parse(argc - 1, argv + 1, &a, operations_usage);
  if (rc != CLI_OK) return rc < 0 ? CLI_OK : rc;
  if (a.words_count != 1) {
    operations_usage(stderr);
    return CLI_USAGE;
  }
  genai_client *client = NULL;
  if ((rc = cli_client_new(&a.client, &client)) != CLI_OK) return rc;
  genai_generate_videos_operation *op = NULL;
  char *json = NULL;
  rc = CLI_FAILED;
  if (genai_operations_get_by_name(client, a.words[0], NULL, &op) != GENAI_OK)
    cli_print_error("operations get failed");
  else if (genai_generate_videos_operation_to_json(op, &json) != GENAI_OK)
    cli_print_error("could not print the operation");
  else {
    printf("%s\n", json);
    rc = CLI_OK;
  }
  genai_free(json);
  genai_generate_videos_operation_free(op);
  genai_client_free(client);
  return rc;
}

/* ------------------------------------------------------ files download */

static void files_usage(FILE *out) {
  fprintf(out,
          "usage: genai files download NAME --out PATH\n"
          "         [--base-url URL] [--api-version V]\n"
          "\n"
          "Downloads a generated file (a Veo video) of the Gemini Developer API into PATH,\n"
          "streamed (client.files.download). NAME is files/ID, ID or a download URI.\n");
}

int cli_files_download(int argc, char **argv) {
  media_args a = {0};
  int rc = parse(argc, argv, &a, files_usage);
  if (rc != CLI_OK) return rc < 0 ? CLI_OK : rc;
  if (a.words_count != 1 || !a.out) {
    files_usage(stderr);
    return CLI_USAGE;
  }
  genai_client *client = NULL;
  if ((rc = cli_client_new(&a.client, &client)) != CLI_OK) return rc;
  rc = CLI_FAILED;
  if (genai_files_download_to_path(client, a.words[0], NULL, a.out) != GENAI_OK) {
    cli_print_error("files download failed");
  } else {
    printf("%s\n", a.out);
    rc = CLI_OK;
  }
  genai_client_free(client);
  return rc;
}

