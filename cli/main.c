#include <stdio.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *out) {
  fprintf(out,
          "usage: genai <command> [options]\n"
          "\n"
          "commands:\n"
          "  generate        generate content from a prompt, whole or streamed (genai generate --help)\n"
          "  chat            an interactive chat that keeps its history\n"
          "  live            an interactive Live API session over WebSocket (--audio-in FILE)\n"
          "  count-tokens    count the tokens of a prompt\n"
          "  compute-tokens  list the tokens of a prompt (Vertex AI)\n"
          "  embed           embed texts\n"
          "  caches          create, get, list, update or delete cached contents (genai caches --help)\n"
          "  models          list, get, update or delete models (genai models --help)\n"
          "  files           upload, get, list, delete or download files (Gemini Developer API)\n"
          "  images          generate or upscale images with Imagen (Vertex AI)\n"
          "  videos          generate videos with Veo, polling until they are done\n"
          "  operations      get a video generation operation\n"
          "  batches         batch prediction jobs: create, get, list, cancel, delete\n"
          "  tunings         tuning jobs: tune, get, list, cancel\n"
          "  version         print the library version\n"
          "\n"
          "The client is configured like the Python SDK: GEMINI_API_KEY or GOOGLE_API_KEY for the\n"
          "Gemini Developer API; GOOGLE_GENAI_USE_VERTEXAI, GOOGLE_CLOUD_PROJECT and\n"
          "GOOGLE_CLOUD_LOCATION for Vertex AI; GOOGLE_GEMINI_BASE_URL / GOOGLE_VERTEX_BASE_URL\n"
          "to point at another server, such as genai-emulator.\n");
}

int main(int argc, char **argv) {
  if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
    usage(argc < 2 ? stderr : stdout);
    return argc < 2 ? CLI_USAGE : CLI_OK;
  }
  if (!strcmp(argv[1], "version") || !strcmp(argv[1], "--version")) {
    printf("genai %s\n", genai_version());
    return CLI_OK;
  }
  static const struct {
    const char *name;
    int (*run)(int, char **);
  } commands[] = {{"generate", cli_generate},         {"chat", cli_chat}, {"live", cli_live}, {"count-tokens", cli_count_tokens},
                  {"compute-tokens", cli_compute_tokens}, {"embed", cli_embed},
                  {"caches", cli_caches},             {"models", cli_models},
                  {"images", cli_images},     {"videos", cli_videos}, {"operations", cli_operations},
                  {"files", cli_files},
                  {"batches", cli_batches},         {"tunings", cli_tunings}};
  for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
    if (!strcmp(argv[1], commands[i].name)) return commands[i].run(argc - 1, argv + 1);
  fprintf(stderr, "genai: unknown command '%s'\n", argv[1]);
  usage(stderr);
  return CLI_USAGE;
}
