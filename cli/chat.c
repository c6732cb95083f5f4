#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static void usage(FILE *out) {
  fprintf(out,
          "usage: genai chat [--model M] [--config JSON|@FILE] [--history JSON|@FILE] [--no-stream]\n"
          "                  [--base-url URL] [--api-version V] [--vertex --project P --location L]\n"
          "\n"
          "An interactive chat (client.chats): each line read from stdin is a message; the\n"
          "reply streams to stdout and the conversation keeps its history.\n"
          "  --config JSON      GenerateContentConfig of every message\n"
          "  --history JSON     earlier turns: a JSON list of Content objects\n"
          "  --no-stream        wait for each whole reply (send_message instead of send_message_stream)\n"
          "\n"
          "Commands:\n"
          "  /history           print every turn so far (/history curated: the valid turns only)\n"
          "  /reset             start again with an empty history\n"
          "  /quit              leave (end of input does too)\n");
}

typedef struct chat_args {
  cli_prompt_args prompt;
  const char *history;
  int no_stream;
} chat_args;

/* --history and --no-stream, then the common options. */
static int parse(int argc, char **argv, chat_args *a) {
  char **rest = calloc((size_t)argc + 1, sizeof(*rest));
  if (!rest) return CLI_FAILED;
  int n = 0;
  rest[n++] = argv[0];
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--history")) {
      if (i + 1 >= argc) {
        fprintf(stderr, "genai: --history needs a value\n");
        free(rest);
        return CLI_USAGE;
      }
      a->history = argv[++i];
    } else if (!strcmp(argv[i], "--no-stream")) {
      a->no_stream = 1;
    } else {
      rest[n++] = argv[i];
    }
  }
  int rc = cli_prompt_parse(n, rest, &a->prompt, CLI_PROMPT_NONE, usage);
  free(rest);
  return rc;
}

static const char *or_unknown(const char *s) { return s ? s : "?"; }

/* One line per part: its text, or what kind of part it is. */
static void print_content(const genai_content *c) {
  const char *role = or_unknown(c->role);
  if (!c->parts_count) printf("%s: (no parts)\n", role);
  for (size_t i = 0; i < c->parts_count; i++) {
    const genai_part *p = c->parts[i];
    if (p->text) printf("%s: %s%s\n", role, p->thought && *p->thought ? "(thought) " : "", p->text);
    else if (p->inline_data) printf("%s: [inline data, %s]\n", role, or_unknown(p->inline_data->mime_type));
    else if (p->file_data) printf("%s: [file %s]\n", role, or_unknown(p->file_data->file_uri));
    else if (p->function_call) printf("%s: [function call %s]\n", role, or_unknown(p->function_call->name));
    else if (p->function_response)
      printf("%s: [function response %s]\n", role, or_unknown(p->function_response->name));
    else printf("%s: [part]\n", role);
  }
}

static void print_history(const genai_chat *chat, int curated) {
  const genai_content *const *turns = NULL;
  size_t count = 0;
  if (genai_chat_get_history(chat, curated, &turns, &count) != GENAI_OK) {
    cli_print_error("/history");
    return;
  }
  if (!count) printf("(no turns yet)\n");
  for (size_t i = 0; i < count; i++) print_content(turns[i]);
  fflush(stdout);
}

static int new_chat(genai_client *client, const chat_args *a, const genai_generate_content_config *config,
                    const genai_contents *history, genai_chat **chat) {
  if (genai_chats_create(client, a->prompt.model, config, history, chat) != GENAI_OK) {
    cli_print_error("could not start the chat");
    return CLI_FAILED;
  }
  return CLI_OK;
}

/* Sends one line; a failed message is reported and the chat goes on. */
static void send_line(genai_chat *chat, const char *line, int no_stream) {
  if (no_stream) {
    genai_generate_content_response *r = NULL;
    if (genai_chat_send_message(chat, GENAI_TEXT(line), NULL, &r) != GENAI_OK) {
      cli_print_error("the message failed");
      return;
    }
    const char *text = genai_response_text(r);
    printf("%s\n", text ? text : "");
    fflush(stdout);
    genai_generate_content_response_free(r);
    return;
  }
  genai_stream *stream = NULL;
  if (genai_chat_send_message_stream(chat, GENAI_TEXT(line), NULL, &stream) != GENAI_OK) {
    cli_print_error("the message failed");
    return;
  }
  (void)cli_print_stream(stream, 0);
  genai_stream_free(stream);
}

int cli_chat(int argc, char **argv) {
  chat_args a = {.prompt = {.model = "gemini-2.5-flash"}};
  int rc = parse(argc, argv, &a);
  genai_client *client = NULL;
  genai_generate_content_config *config = NULL;
  genai_contents *history = NULL;
  genai_chat *chat = NULL;
  char *config_text = NULL, *history_text = NULL, *line = NULL;
  size_t line_cap = 0;
  if (rc != CLI_OK) goto done;
  rc = CLI_FAILED;
  if (a.prompt.config && !(config_text = cli_read_arg(a.prompt.config))) goto done;
  if (a.history && !(history_text = cli_read_arg(a.history))) goto done;
  rc = CLI_USAGE;
  if (config_text && genai_generate_content_config_from_json(config_text, &config) != GENAI_OK) {
    cli_print_error("--config");
    goto done;
  }
  if (history_text && genai_contents_from_json(history_text, &history) != GENAI_OK) {
    cli_print_error("--history");
    goto done;
  }
  if ((rc = cli_client_new(&a.prompt.client, &client)) != CLI_OK) goto done;
  if ((rc = new_chat(client, &a, config, history, &chat)) != CLI_OK) goto done;
  int interactive = isatty(STDIN_FILENO);
  for (;;) {
    if (interactive) fputs("> ", stderr);
    ssize_t n = getline(&line, &line_cap, stdin);
    if (n < 0) break;
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
    if (!n) continue;
    if (!strcmp(line, "/quit") || !strcmp(line, "/exit")) break;
    if (!strcmp(line, "/history") || !strcmp(line, "/history curated")) {
      print_history(chat, !strcmp(line, "/history curated"));
    } else if (!strcmp(line, "/reset")) {
      genai_chat_free(chat);
      chat = NULL;
      if ((rc = new_chat(client, &a, config, NULL, &chat)) != CLI_OK) goto done;
      fprintf(stderr, "genai: the history is empty again\n");
    } else if (!strcmp(line, "/help")) {
      usage(stdout);
    } else if (line[0] == '/' && line[1] != '/') {
      fprintf(stderr, "genai: unknown command %s (/history, /reset, /quit; start a message with // to send a /)\n",
              line);
    } else {
      send_line(chat, line[0] == '/' ? line + 1 : line, a.no_stream);
    }
  }
  rc = CLI_OK;
done:
  free(line);
  genai_chat_free(chat);
  genai_contents_free(history);
  genai_generate_content_config_free(config);
  genai_client_free(client);
  free(config_text);
  free(history_text);
  cli_prompt_args_clear(&a.prompt);
  return rc < 0 ? CLI_OK : rc;
}
