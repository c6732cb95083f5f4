/* genai live: an interactive Live API session (client.aio.live.connect). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define OUT_RATE 24000
#define CHUNK 3200 /* 100 ms of 16-bit mono at 16 kHz */

static void usage(FILE *out) {
  fprintf(out,
          "usage: genai live [--model M] [--config JSON|@FILE] [--audio-in FILE] [--audio-out FILE.wav]\n"
          "                  [--base-url URL] [--api-version V] [--vertex --project P --location L]\n"
          "\n"
          "A Live API session over WebSocket (client.aio.live.connect): each line read from stdin is\n"
          "sent as a user turn and the model's answer is printed as it arrives.\n"
          "  --model M          default gemini-live-2.5-flash-preview\n"
          "  --config JSON      LiveConnectConfig (default: text answers)\n"
          "  --audio-in FILE    first stream FILE (16-bit mono PCM at 16 kHz, raw or WAV) as realtime\n"
          "                     audio in 100 ms chunks, then end the audio stream; what the model heard\n"
          "                     is printed as \"heard: ...\"\n"
          "  --audio-out FILE   ask for audio answers and write them to FILE as a 24 kHz WAV file\n"
          "\n"
          "Commands: /quit leaves (end of input does too); start a message with // to send a /.\n");
}

typedef struct live_args {
  const char *model, *config, *audio_in, *audio_out;
  cli_client_args client;
} live_args;

static int parse(int argc, char **argv, live_args *a) {
  for (int i = 1; i < argc; i++) {
    const char **slot = !strcmp(argv[i], "--model")       ? &a->model
                        : !strcmp(argv[i], "--config")    ? &a->config
                        : !strcmp(argv[i], "--audio-in")  ? &a->audio_in
                        : !strcmp(argv[i], "--audio-out") ? &a->audio_out
                                                          : NULL;
    if (slot) {
      if (i + 1 >= argc) {
        fprintf(stderr, "genai: %s needs a value\n", argv[i]);
        return CLI_USAGE;
      }
      *slot = argv[++i];
      continue;
    }
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      usage(stdout);
      return -1;
    }
    int r = cli_client_arg(argc, argv, &i, &a->client);
    if (r < 0) return CLI_USAGE;
    if (r == 0) {
      fprintf(stderr, "genai: unknown argument %s\n", argv[i]);
      usage(stderr);
      return CLI_USAGE;
    }
  }
  return CLI_OK;
}

/* A WAV header for `bytes` of 16-bit mono PCM at `rate`. */
static void wav_header(unsigned char h[44], uint32_t bytes, uint32_t rate) {
  memcpy(h, "RIFF", 4);
  uint32_t v[] = {36 + bytes, 16, rate * 2, bytes};
  memcpy(h + 8, "WAVEfmt ", 8);
  for (int i = 0; i < 4; i++) h[4 + i] = (unsigned char)(v[0] >> (8 * i));
  for (int i = 0; i < 4; i++) h[16 + i] = (unsigned char)(v[1] >> (8 * i));
  h[20] = 1, h[21] = 0; /* PCM */
  h[22] = 1, h[23] = 0; /* mono */
  for (int i = 0; i < 4; i++) h[24 + i] = (unsigned char)(rate >> (8 * i));
  for (int i = 0; i < 4; i++) h[28 + i] = (unsigned char)(v[2] >> (8 * i));
  h[32] = 2, h[33] = 0;  /* block align */
  h[34] = 16, h[35] = 0; /* bits per sample */
  memcpy(h + 36, "data", 4);
  for (int i = 0; i < 4; i++) h[40 + i] = (unsigned char)(v[3] >> (8 * i));
}

typedef struct audio_out {
  FILE *f;
  uint32_t bytes;
} audio_out;

/* Prints one turn: text as it arrives, transcriptions on their own lines,
 * audio into the WAV file. CLI_OK, or CLI_FAILED when the session failed. */
static int print_turn(genai_live_session *s, audio_out *audio) {
  const genai_live_server_message *m = NULL;
  genai_result rc;
  int printed = 0;
  while ((rc = genai_live_receive(s, &m)) == GENAI_OK) {
    const genai_live_server_content *sc = m->server_content;
    if (sc && sc->input_transcription && sc->input_transcription->text)
      printf("heard: %s\n", sc->input_transcription->text);
    if (sc && sc->output_transcription && sc->output_transcription->text) {
      fputs(sc->output_transcription->text, stdout);
      printed = 1;
    }
    const char *text = genai_live_server_message_text(m);
    if (text) {
      fputs(text, stdout);
      printed = 1;
    }
    genai_bytes data;
    if (audio->f && genai_live_server_message_data(m, &data) == GENAI_OK) {
      if (fwrite(data.data, 1, data.size, audio->f) != data.size) {
        fprintf(stderr, "genai: cannot write the audio file\n");
        return CLI_FAILED;
      }
      audio->bytes += (uint32_t)data.size;
    }
    if (m->tool_call)
      for (size_t i = 0; i < m->tool_call->function_calls_count; i++)
        printf("[tool call %s %s]\n", m->tool_call->function_calls[i]->name,
               m->tool_call->function_calls[i]->args_json ? m->tool_call->function_calls[i]->args_json : "{}");
    fflush(stdout);
  }
  if (printed) putchar('\n');
  fflush(stdout);
  if (rc != GENAI_DONE) {
    cli_print_error("the session failed");
    return CLI_FAILED;
  }
  return CLI_OK;
}

static unsigned char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  unsigned char *data = NULL;
  size_t n = 0, cap = 0;
  for (;;) {
    if (n == cap) {
      unsigned char *grown = realloc(data, cap = cap ? cap * 2 : 65536);
      if (!grown) break;
      data = grown;
    }
    size_t got = fread(data + n, 1, cap - n, f);
    n += got;
    if (!got) break;
  }
  int bad = ferror(f) || !data;
  fclose(f);
  if (bad) {
    free(data);
    return NULL;
  }
  *len = n;
  return data;
}

static int stream_audio(genai_live_session *s, const char *path) {
  size_t len = 0;
  unsigned char *pcm = read_file(path, &len);
  if (!pcm) {
    fprintf(stderr, "genai: cannot read %s\n", path);
    return CLI_FAILED;
  }
  size_t skip = len >= 44 && !memcmp(pcm, "RIFF", 4) && !memcmp(pcm + 8, "WAVE", 4) ? 44 : 0;
  int rc = CLI_OK;
  for (size_t at = skip; at < len && rc == CLI_OK; at += CHUNK) {
    const genai_blob blob = {GENAI_INIT(genai_blob), .data = {pcm + at, len - at < CHUNK ? len - at : CHUNK},
                             .mime_type = "audio/pcm;rate=16000"};
    const genai_live_client_realtime_input in = {GENAI_INIT(genai_live_client_realtime_input), .audio = &blob};
    if (genai_live_send_realtime_input(s, &in) != GENAI_OK) {
      cli_print_error("sending audio failed");
      rc = CLI_FAILED;
    }
  }
  free(pcm);
  const genai_live_client_realtime_input end = {GENAI_INIT(genai_live_client_realtime_input),
                                                .audio_stream_end = &(const bool){true}};
  if (rc == CLI_OK && genai_live_send_realtime_input(s, &end) != GENAI_OK) {
    cli_print_error("ending the audio stream failed");
    rc = CLI_FAILED;
  }
  return rc;
}

int cli_live(int argc, char **argv) {
  live_args a = {.model = "gemini-live-2.5-flash-preview"};
  int rc = parse(argc, argv, &a);
  if (rc != CLI_OK) return rc < 0 ? CLI_OK : rc;
  genai_client *client = NULL;
  genai_live_connect_config *config = NULL;
  genai_live_session *session = NULL;
  char *config_text = NULL, *line = NULL;
  size_t line_cap = 0;
  audio_out audio = {0};
  static const genai_modality text_only[] = {GENAI_MODALITY_TEXT}, audio_only[] = {GENAI_MODALITY_AUDIO};
  static const genai_audio_transcription_config transcribe = {GENAI_INIT(genai_audio_transcription_config)};
  rc = CLI_FAILED;
  if (a.config && !(config_text = cli_read_arg(a.config))) goto done;
  rc = CLI_USAGE;
  if (genai_live_connect_config_from_json(config_text ? config_text : "{}", &config) != GENAI_OK) {
    cli_print_error("--config");
    goto done;
  }
  /* the command's defaults fill only what --config left unset */
  if (!config->response_modalities_count) {
    config->response_modalities = a.audio_out ? audio_only : text_only;
    config->response_modalities_count = 1;
  }
  if (a.audio_in && !config->input_audio_transcription) config->input_audio_transcription = &transcribe;
  if (a.audio_out && !config->output_audio_transcription) config->output_audio_transcription = &transcribe;
  rc = CLI_FAILED;
  if (a.audio_out) {
    unsigned char header[44] = {0};
    if (!(audio.f = fopen(a.audio_out, "wb")) || fwrite(header, 1, 44, audio.f) != 44) {
      fprintf(stderr, "genai: cannot write %s\n", a.audio_out);
      goto done;
    }
  }
  if ((rc = cli_client_new(&a.client, &client)) != CLI_OK) goto done;
  if (genai_live_connect(client, a.model, config, &session) != GENAI_OK) {
    cli_print_error("could not open the live session");
    rc = CLI_FAILED;
    goto done;
  }
  if (a.audio_in && ((rc = stream_audio(session, a.audio_in)) != CLI_OK || (rc = print_turn(session, &audio)) != CLI_OK))
    goto done;
  int interactive = isatty(STDIN_FILENO);
  rc = CLI_OK;
  for (;;) {
    if (interactive) fputs("> ", stderr);
    ssize_t n = getline(&line, &line_cap, stdin);
    if (n < 0) break;
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
    if (!n) continue;
    if (!strcmp(line, "/quit") || !strcmp(line, "/exit")) break;
    if (line[0] == '/' && line[1] != '/') {
      fprintf(stderr, "genai: unknown command %s (/quit; start a message with // to send a /)\n", line);
      continue;
    }
    if (genai_live_send_client_content(session, GENAI_TEXT(line[0] == '/' ? line + 1 : line), true) != GENAI_OK) {
      cli_print_error("the message failed");
      rc = CLI_FAILED;
      break;
    }
    if ((rc = print_turn(session, &audio)) != CLI_OK) break;
  }
done:
  if (audio.f) {
    unsigned char header[44];
    wav_header(header, audio.bytes, OUT_RATE);
    if (fseek(audio.f, 0, SEEK_SET) != 0 || fwrite(header, 1, 44, audio.f) != 44 || fclose(audio.f) != 0) {
      fprintf(stderr, "genai: cannot write %s\n", a.audio_out);
      if (rc == CLI_OK) rc = CLI_FAILED;
    }
  }
  free(line);
  genai_live_close(session);
  genai_live_connect_config_free(config);
  genai_client_free(client);
  free(config_text);
  return rc;
}
