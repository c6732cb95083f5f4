/*
 * live_audio.c: "Live API: stream an audio file as realtime input".
 *
 *     live_audio [FILE]
 *
 * FILE is 16-bit little-endian mono PCM at 16 kHz, raw or in a WAV file
 * (its header is skipped); without FILE, half a second of a 440 Hz tone is
 * made up. The C twin of this Python SDK pattern:
 *
 *     config = {'response_modalities': ['TEXT'], 'input_audio_transcription': {}}
 *     async with client.aio.live.connect(model='gemini-live-2.5-flash-preview', config=config) as session:
 *         for chunk in chunks(pcm, 3200):          # 100 ms each
 *             await session.send_realtime_input(
 *                 audio=types.Blob(data=chunk, mime_type='audio/pcm;rate=16000'))
 *         await session.send_realtime_input(audio_stream_end=True)
 *         async for message in session.receive():
 *             if message.server_content and message.server_content.input_transcription:
 *                 print('heard:', message.server_content.input_transcription.text)
 *             if message.text:
 *                 print(message.text, end='')
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <genai/genai.h>

#define RATE 16000
#define CHUNK 3200 /* bytes: 100 ms of 16-bit mono at 16 kHz */

static void print_error(const char *what) {
  const genai_error *err = genai_error_last();
  fprintf(stderr, "%s failed: %s (%s", what, err->message, genai_result_name(err->code));
  if (err->http_status) fprintf(stderr, ", code %d", err->http_status);
  fputs(")\n", stderr);
}

/* The whole file, or a made-up tone. NULL when the file cannot be read. */
static uint8_t *load_audio(const char *path, size_t *len) {
  if (!path) {
    size_t samples = RATE / 2;
    uint8_t *pcm = malloc(samples * 2);
    if (!pcm) return NULL;
    for (size_t i = 0; i < samples; i++) {
      int16_t v = (int16_t)(8000.0 * sin(2.0 * 3.14159265358979 * 440.0 * (double)i / RATE));
      pcm[2 * i] = (uint8_t)(v & 0xFF);
      pcm[2 * i + 1] = (uint8_t)((v >> 8) & 0xFF);
    }
    *len = samples * 2;
    return pcm;
  }
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  uint8_t *data = NULL;
  size_t n = 0, cap = 0;
  for (;;) {
    if (n == cap) {
      cap = cap ? cap * 2 : 65536;
      uint8_t *grown = realloc(data, cap);
      if (!grown) break;
      data = grown;
    }
    size_t got = fread(data + n, 1, cap - n, f);
    n += got;
    if (got == 0) break;
  }
  int bad = ferror(f);
  fclose(f);
  if (bad) {
    free(data);
    return NULL;
  }
  /* a canonical WAV file: 44 bytes of header before the samples */
  if (n >= 44 && memcmp(data, "RIFF", 4) == 0 && memcmp(data + 8, "WAVE", 4) == 0) {
    memmove(data, data + 44, n - 44);
    n -= 44;
  }
  *len = n;
  return data;
}

int main(int argc, char **argv) {
  size_t len = 0;
  uint8_t *pcm = load_audio(argc > 1 ? argv[1] : NULL, &len);
  if (!pcm) {
    fprintf(stderr, "cannot read %s\n", argc > 1 ? argv[1] : "(tone)");
    return EXIT_FAILURE;
  }
  genai_client *client = NULL;
  if (genai_client_new(NULL, &client) != GENAI_OK) {
    print_error("genai_client_new");
    free(pcm);
    return EXIT_FAILURE;
  }
  const genai_live_connect_config config = {
      GENAI_INIT(genai_live_connect_config),
      .response_modalities = (const genai_modality[]){GENAI_MODALITY_TEXT},
      .response_modalities_count = 1,
      .input_audio_transcription = &(const genai_audio_transcription_config){GENAI_INIT(genai_audio_transcription_config)},
  };
  genai_live_session *session = NULL;
  if (genai_live_connect(client, "gemini-live-2.5-flash-preview", &config, &session) != GENAI_OK) {
    print_error("live connect");
    genai_client_free(client);
    free(pcm);
    return EXIT_FAILURE;
  }

  int status = EXIT_SUCCESS;
  size_t chunks = 0;
  for (size_t at = 0; at < len && status == EXIT_SUCCESS; at += CHUNK, chunks++) {
    const genai_blob blob = {GENAI_INIT(genai_blob), .data = {pcm + at, len - at < CHUNK ? len - at : CHUNK},
                             .mime_type = "audio/pcm;rate=16000"};
    const genai_live_client_realtime_input in = {GENAI_INIT(genai_live_client_realtime_input), .audio = &blob};
    if (genai_live_send_realtime_input(session, &in) != GENAI_OK) {
      print_error("send_realtime_input");
      status = EXIT_FAILURE;
    }
  }
  printf("sent %zu bytes of audio in %zu chunks\n", len, chunks);
  /* audio_stream_end=True: the Gemini API's signal that the microphone went
   * quiet (Vertex AI does not take it: send activity_end with automatic
   * activity detection disabled there). */
  const genai_live_client_realtime_input end = {GENAI_INIT(genai_live_client_realtime_input),
                                                .audio_stream_end = &(const bool){true}};
  if (status == EXIT_SUCCESS && genai_live_send_realtime_input(session, &end) != GENAI_OK) {
    print_error("send_realtime_input(audio_stream_end)");
    status = EXIT_FAILURE;
  }
  if (status == EXIT_SUCCESS) {
    const genai_live_server_message *message = NULL;
    genai_result rc;
    while ((rc = genai_live_receive(session, &message)) == GENAI_OK) {
      const genai_live_server_content *sc = message->server_content;
      if (sc && sc->input_transcription && sc->input_transcription->text)
        printf("heard: %s\n", sc->input_transcription->text);
      const char *text = genai_live_server_message_text(message);
      if (text) fputs(text, stdout);
    }
    putchar('\n');
    if (rc != GENAI_DONE) {
      print_error("receive");
      status = EXIT_FAILURE;
    }
  }
  genai_live_close(session);
  genai_client_free(client);
  free(pcm);
  return status;
}
