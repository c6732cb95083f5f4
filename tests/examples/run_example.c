/* Runs the programs of examples/ against genai-emulator, the way a user runs
 * them against the real service: the example is pointed at the emulator only
 * through environment variables.
 *
 *   run_example [--valgrind VALGRIND] CASE=PROGRAM...
 *
 * For each CASE (a row of the table below) it starts a private emulator on
 * an ephemeral port, runs PROGRAM with a clean environment plus the case's
 * variables ({URL} stands for the emulator's base URL), and checks that
 * - the program exits with status 0 within the time limit (under valgrind:
 *   also without memory errors or definite leaks);
 * - its standard output contains the case's texts;
 * - the emulator received exactly the expected request: method, path,
 *   credentials header, and the body fields the Python snippet sets;
 * - the emulator then shuts down cleanly.
 * Exits 0 when every case passed. */
#include <errno.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <stdbool.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "emulator_harness.h"

#define KEY "test-key"
#define TOKEN "test-token"
#define MAX_ITEMS 12

/* A body member and its expected JSON value; NULL json: must be absent. */
typedef struct field_check {
  const char *path; /* "contents[0].parts[0].text" */
  const char *json;
} field_check;

typedef struct example_case {
  const char *name;
  const char *env[MAX_ITEMS];        /* "NAME=VALUE"; {URL} is replaced */
  const char *args[4];               /* command-line arguments; {IMAGE} is a small PNG file,
                                        {PDF} and {TEXT} small .pdf and .txt files */
  const char *stdout_has[MAX_ITEMS]; /* {URL} is replaced */
  size_t requests;                   /* API requests expected (0: 1); the checks below are on the last */
  size_t checked;                    /* or on this one (1-based; 0: the last) */
  const char *method;                /* of the last API request (NULL: POST; any with a NULL path) */
  const char *path;                  /* of the last API request; NULL: concurrent requests, any order */
  const char *query;                 /* and its query string (NULL: "") */
  const char *credential_header;     /* and its value (NULL: none expected, e.g. an upload chunk) */
  const char *credential_value;
  const char *absent_header; /* the other kind of credential must not be sent */
  bool adc;                  /* Application Default Credentials: a service-account key made for the case
                                ({SA} in env), the emulator issuing and requiring OAuth tokens */
  field_check body[MAX_ITEMS];
} example_case;

#define GEMINI_ENV "GEMINI_API_KEY=" KEY, "GOOGLE_GEMINI_BASE_URL={URL}"
#define EXPRESS_ENV "GOOGLE_GENAI_USE_VERTEXAI=true", "GOOGLE_API_KEY=" KEY, "GOOGLE_VERTEX_BASE_URL={URL}"
#define VERTEX_TOKEN_ENV                                                                                      \
  "GOOGLE_GENAI_USE_VERTEXAI=true", "GOOGLE_OAUTH_ACCESS_TOKEN=" TOKEN, "GOOGLE_CLOUD_PROJECT=test-project", \
      "GOOGLE_CLOUD_LOCATION=us-central1", "GOOGLE_VERTEX_BASE_URL={URL}"
#define VERTEX_PREFIX "/v1beta1/projects/test-project/locations/us-central1/"
#define MLDEV_PATH(model) "/v1beta/models/" model ":generateContent"
#define EXPRESS_PATH(model) "/v1beta1/publishers/google/models/" model ":generateContent"
#define MLDEV_METHOD(model, method) "/v1beta/models/" model ":" method
#define EXPRESS_METHOD(model, method) "/v1beta1/publishers/google/models/" model ":" method

#define WEATHER_SCHEMA                                                                                        \
  "{\"type\": \"object\", \"properties\": {\"location\": {\"type\": \"string\", \"description\": \"The city and " \
  "state, e.g. San Francisco, CA\"}}, \"required\": [\"location\"]}"

/* The image the {IMAGE} argument names: a 1x1 PNG, and its base64. */
static const unsigned char small_png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
    0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xde, 0x00, 0x00, 0x00,
    0x0c, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00, 0xc9,
    0xfe, 0x92, 0xef, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
/* URL-safe, as the Python SDK (pydantic's base64 mode) writes bytes */
#define SMALL_PNG_BASE64 "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ_pLvAAAAAElFTkSuQmCC"
#define USER_CONTENT(text) "{\"role\": \"user\", \"parts\": [{\"text\": \"" text "\"}]}"
#define USER_TEXT(text) "[" USER_CONTENT(text) "]"
/* The credential the example must send, and the one it must not. */
#define API_KEY_AUTH .credential_header = "x-goog-api-key", .credential_value = KEY, .absent_header = "authorization"
/* Application Default Credentials: a service-account key file, real signed JWTs, a
 * token issued by the emulator (the token request comes first in the log). */
#define ADC_AUTH                                                                                       \
  .adc = true, .requests = 2, .credential_header = "authorization", .credential_value = "Bearer ya29.emu-", \
  .absent_header = "x-goog-api-key"
#define BEARER_AUTH                                                                              \
  .credential_header = "authorization", .credential_value = "Bearer " TOKEN, .absent_header = "x-goog-api-key"

/* What each example must print and send: the values of the Python snippet it
 * twins (python-genai docs), and the emulator's deterministic replies
 * (docs/emulator.md: "Echo from MODEL: PROMPT [system: INSTRUCTION]"). */
static const example_case cases[] = {
    /* Files (Gemini Developer API): the last request of an upload is its
     * finalizing chunk, which goes to the session URL without the key. */
    {
        .name = "files_upload",
        .env = {GEMINI_ENV},
        .args = {"{PDF}", "{PDF}"},
        .stdout_has = {"\"mimeType\":\"application/pdf\"", "\"source\":\"UPLOADED\""},
        .requests = 4,
        .absent_header = "x-goog-api-key",
    },
    {
        /* client.aio.files.upload: progress printed from inside the loop, then the File */
        .name = "async_files_upload",
        .env = {GEMINI_ENV},
        .args = {"{TEXT}"},
        .stdout_has = {"uploaded 68 of 68 bytes\n", "\"mimeType\":\"text/plain\"", "\"sizeBytes\":\"68\"",
                       "\"source\":\"UPLOADED\""},
        .requests = 2,
        .absent_header = "x-goog-api-key",
    },
    {
        .name = "files_get",
        .env = {GEMINI_ENV},
        .args = {"{PDF}"},
        .stdout_has = {"name: files/", "mime type: application/pdf\n", "size: 77 bytes\n", "state: ACTIVE\n"},
        .requests = 3,
        .method = "GET",
        API_KEY_AUTH,
    },
    {
        .name = "files_delete",
        .env = {GEMINI_ENV},
        .args = {"{PDF}"},
        .stdout_has = {"deleted files/"},
        .requests = 3,
        .method = "DELETE",
        API_KEY_AUTH,
    },
    {
        .name = "generate_with_file",
        .env = {GEMINI_ENV},
        .args = {"{TEXT}"},
        .stdout_has = {"Echo from gemini-2.0-flash-001: Could you summarize this file?"},
        .requests = 3,
        .path = MLDEV_METHOD("gemini-2.0-flash-001", "generateContent"),
        API_KEY_AUTH,
        .body = {{"contents[0].parts[0].text", "\"Could you summarize this file?\""},
                 {"contents[0].parts[1].fileData.mimeType", "\"text/plain\""}},
    },
    {
        .name = "generate_text",
        .env = {GEMINI_ENV},
        .stdout_has = {"Echo from gemini-2.0-flash-001: Why is the sky blue?\n"},
        .path = MLDEV_PATH("gemini-2.0-flash-001"),
        API_KEY_AUTH,
        .body = {{"contents", USER_TEXT("Why is the sky blue?")},
                 {"generationConfig", NULL},
                 {"systemInstruction", NULL}},
    },
    {
        .name = "system_instructions",
        .env = {GEMINI_ENV},
        /* max_output_tokens=3 keeps the first 3 tokens: "Echo" "from" "gemini". */
        .stdout_has = {"Echo from gemini\n", "finish reason: MAX_TOKENS\n"},
        .path = MLDEV_PATH("gemini-2.0-flash-001"),
        API_KEY_AUTH,
        .body = {{"contents", USER_TEXT("high")},
                 {"systemInstruction", USER_CONTENT("I say high, you say low")},
                 {"generationConfig", "{\"maxOutputTokens\": 3, \"temperature\": 0.3}"}},
    },
    {
        .name = "typed_config",
        .env = {GEMINI_ENV},
        .stdout_has = {"Echo from gemini-2.0-flash-001: Why is the sky blue?\n"},
        .path = MLDEV_PATH("gemini-2.0-flash-001"),
        API_KEY_AUTH,
        .body = {{"contents", USER_TEXT("Why is the sky blue?")},
                 {"generationConfig",
                  "{\"temperature\": 0, \"topP\": 0.95, \"topK\": 20, \"candidateCount\": 1, \"seed\": 5,"
                  " \"maxOutputTokens\": 100, \"stopSequences\": [\"STOP!\"], \"presencePenalty\": 0,"
                  " \"frequencyPenalty\": 0}"}},
    },
    {
        .name = "safety_settings",
        .env = {GEMINI_ENV},
        .stdout_has = {"Echo from gemini-2.0-flash-001: Say something bad.\n"},
        .path = MLDEV_PATH("gemini-2.0-flash-001"),
        API_KEY_AUTH,
        .body = {{"contents", USER_TEXT("Say something bad.")},
                 {"safetySettings", "[{\"category\": \"HARM_CATEGORY_HATE_SPEECH\", \"threshold\": \"BLOCK_ONLY_HIGH\"}]"},
                 /* Like the Python SDK, any config gives a generationConfig, here empty. */
                 {"generationConfig", "{}"}},
    },
    {
        .name = "error_handling",
        .env = {GEMINI_ENV},
        .stdout_has = {"404\n",
                       "models/invalid-model-name is not found for API version v1beta, or is not supported for "
                       "generateContent.",
                       "status: NOT_FOUND\n"},
        .path = MLDEV_PATH("invalid-model-name"),
        API_KEY_AUTH,
        .body = {{"contents", USER_TEXT("What is your name?")}},
    },
    {
        .name = "error_handling.vertex_express",
        .env = {EXPRESS_ENV},
        .stdout_has = {"404\n", "Publisher Model `publishers/google/models/invalid-model-name` not found.\n",
                       "status: NOT_FOUND\n"},
        .path = EXPRESS_PATH("invalid-model-name"),
        API_KEY_AUTH,
        .body = {{"contents", USER_TEXT("What is your name?")}},
    },
    {
        .name = "stream_text",
        .env = {GEMINI_ENV},
        /* the chunks' texts, printed as they arrive, form the whole answer */
        .stdout_has = {"Echo from gemini-2.0-flash-001: Tell me a story in 300 words.\n"},
        .path = MLDEV_METHOD("gemini-2.0-flash-001", "streamGenerateContent"),
        .query = "alt=sse",
        API_KEY_AUTH,
        .body = {{"contents", USER_TEXT("Tell me a story in 300 words.")}, {"generationConfig", NULL}},
    },
    {
        .name = "stream_text.vertex_express",
        .env = {EXPRESS_ENV},
        .stdout_has = {"Echo from gemini-2.0-flash-001: Tell me a story in 300 words.\n"},
        .path = EXPRESS_METHOD("gemini-2.0-flash-001", "streamGenerateContent"),
        .query = "alt=sse",
        API_KEY_AUTH,
        .body = {{"contents", USER_TEXT("Tell me a story in 300 words.")}},
    },
    /* A Live session is logged as its upgrade (GET) and one "WS" entry per
     * client message carrying the upgrade's headers: setup, then the turn. */
    {
        .name = "live_text",
        .env = {GEMINI_ENV},
        .stdout_has = {"Echo from gemini-live-2.5-flash-preview: Hello what should we talk about?\n",
                       "(total tokens: "},
        .requests = 3,
        .checked = 2,
        .method = "WS",
        .path = "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent",
        API_KEY_AUTH,
        .body = {{"setup.model", "\"models/gemini-live-2.5-flash-preview\""},
                 {"setup.generationConfig", "{\"responseModalities\": [\"TEXT\"]}"}},
    },
    {
        .name = "live_text.vertex_express",
        .env = {EXPRESS_ENV},
        .stdout_has = {"Echo from gemini-live-2.5-flash-preview: Hello what should we talk about?\n"},
        .requests = 3,
        .method = "WS",
        .path = "/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent",
        API_KEY_AUTH,
        .body = {{"clientContent.turnComplete", "true"},
                 {"clientContent.turns", USER_TEXT("Hello what should we talk about?")}},
    },
    {
        .name = "live_tools",
        .env = {GEMINI_ENV},
        .stdout_has = {"[get_current_weather called with {\"location\":\"Redmond\"}]\n",
                       "tool call: get_current_weather (id function-call-",
                       "get_current_weather returned {\"result\":{\"temperature\":21,\"unit\":\"celsius\"}}"},
        .requests = 4,
        .method = "WS",
        .path = "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent",
        API_KEY_AUTH,
        .body = {{"toolResponse.functionResponses[0].name", "\"get_current_weather\""},
                 {"toolResponse.functionResponses[0].response",
                  "{\"result\": {\"temperature\": 21, \"unit\": \"celsius\"}}"}},
    },
    {
        .name = "live_tools.vertex_express",
        .env = {EXPRESS_ENV},
        .stdout_has = {"get_current_weather returned {\"result\":{\"temperature\":21,\"unit\":\"celsius\"}}"},
        .requests = 4,
        .checked = 2,
        .method = "WS",
        .path = "/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent",
        API_KEY_AUTH,
        .body = {{"setup.tools[0].functionDeclarations[0].name", "\"get_current_weather\""},
                 {"setup.model", "\"publishers/google/models/gemini-live-2.5-flash-preview\""}},
    },
    /* no argument: half a second of tone, 16000 bytes in 5 chunks, then the stream's end */
    {
        .name = "live_audio",
        .env = {GEMINI_ENV},
        .stdout_has = {"sent 16000 bytes of audio in 5 chunks\n", "heard: (16000 bytes of audio)\n",
                       "Echo from gemini-live-2.5-flash-preview: (16000 bytes of audio)\n"},
        .requests = 8,
        .method = "WS",
        .path = "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent",
        API_KEY_AUTH,
        .body = {{"realtimeInput", "{\"audioStreamEnd\": true}"}},
    },
    /* a session and a REST call on one multi: their requests come in any order */
    {
        .name = "live_async",
        .env = {GEMINI_ENV},
        .stdout_has = {"[session open]\n",
                       "Echo from gemini-live-2.5-flash-preview: Hello what should we talk about?\n",
                       "[generate_content: Echo from gemini-2.0-flash-001: Why is the sky blue?]\n"},
        .requests = 4,
        .path = NULL,
        API_KEY_AUTH,
    },
    {
        .name = "live_async.vertex_express",
        .env = {EXPRESS_ENV},
        .stdout_has = {"[session open ",
                       "[generate_content: Echo from gemini-2.0-flash-001: Why is the sky blue?]\n"},
        .requests = 4,
        .path = NULL,
        API_KEY_AUTH,
    },
    {
        .name = "stream_image_uri",
        .env = {GEMINI_ENV},
        .stdout_has = {"Echo from gemini-2.0-flash-001: What is this image about?\n"},
        .path = MLDEV_METHOD("gemini-2.0-flash-001", "streamGenerateContent"),
        .query = "alt=sse",
        API_KEY_AUTH,
        .body = {{"contents",
                  "[{\"role\": \"user\", \"parts\": [{\"text\": \"What is this image about?\"}, {\"fileData\": "
                  "{\"fileUri\": \"gs://generativeai-downloads/images/scones.jpg\", \"mimeType\": \"image/jpeg\"}}]}]"}},
    },
    {
        .name = "stream_image_bytes",
        .env = {GEMINI_ENV},
        .args = {"{IMAGE}", "image/png"},
        .stdout_has = {"Echo from gemini-2.0-flash-001: What is this image about?\n"},
        .path = MLDEV_METHOD("gemini-2.0-flash-001", "streamGenerateContent"),
        .query = "alt=sse",
        API_KEY_AUTH,
        .body = {{"contents",
                  "[{\"role\": \"user\", \"parts\": [{\"text\": \"What is this image about?\"}, {\"inlineData\": "
                  "{\"data\": \"" SMALL_PNG_BASE64 "\", \"mimeType\": \"image/png\"}}]}]"}},
    },
    {
        .name = "chat",
        .env = {GEMINI_ENV},
        .stdout_has = {"Echo from gemini-2.0-flash-001: tell me a story\n", "history: 2 turns (user, model)\n"},
        .path = MLDEV_PATH("gemini-2.0-flash-001"),
        API_KEY_AUTH,
        .body = {{"contents", USER_TEXT("tell me a story")}},
    },
    {
        .name = "chat.vertex_express",
        .env = {EXPRESS_ENV},
        .stdout_has = {"Echo from gemini-2.0-flash-001: tell me a story\n", "history: 2 turns (user, model)\n"},
        .path = EXPRESS_PATH("gemini-2.0-flash-001"),
        API_KEY_AUTH,
        .body = {{"contents", USER_TEXT("tell me a story")}},
    },
    {
        .name = "chat_stream",
        .env = {GEMINI_ENV},
        /* the answer comes in 5 events (docs/emulator.md): the user turn, then one model content per chunk */
        .stdout_has = {"Echo from gemini-2.0-flash-001: tell me a story\n", "history: 6 turns\n"},
        .path = MLDEV_METHOD("gemini-2.0-flash-001", "streamGenerateContent"),
        .query = "alt=sse",
        API_KEY_AUTH,
        .body = {{"contents", USER_TEXT("tell me a story")}},
    },
    {
        .name = "count_tokens",
        .env = {GEMINI_ENV},
        .stdout_has = {"\"totalTokens\":6", "total_tokens: 6\n"},
        .path = MLDEV_METHOD("gemini-2.0-flash-001", "countTokens"),
        API_KEY_AUTH,
        .body = {{"contents", USER_TEXT("why is the sky blue?")}},
    },
    {
        .name = "count_tokens.vertex_express",
        .env = {EXPRESS_ENV},
        .stdout_has = {"\"totalTokens\":6", "\"totalBillableCharacters\":16", "total_tokens: 6\n"},
        .path = EXPRESS_METHOD("gemini-2.0-flash-001", "countTokens"),
        API_KEY_AUTH,
        .body = {{"contents", USER_TEXT("why is the sky blue?")}},
    },
    {
        .name = "compute_tokens",
        .env = {EXPRESS_ENV},
        /* each token's bytes are the token with the whitespace before it */
        .stdout_has = {"\"tokens\":[\"d2h5\",\"IGlz\",\"IHRoZQ==\",\"IHNreQ==\",\"IGJsdWU=\",\"Pw==\"]",
                       "user: 87609=\"why\" 7683=\" is\" 239226=\" the\" 96108=\" sky\" 143019=\" blue\" 86158=\"?\"\n"},
        .path = EXPRESS_METHOD("gemini-2.0-flash-001", "computeTokens"),
        API_KEY_AUTH,
        .body = {{"contents", USER_TEXT("why is the sky blue?")}},
    },
    {
        .name = "embed_content",
        .env = {GEMINI_ENV},
        .stdout_has = {"embedding 0: 768 values [", "embedding 0: 10 values [", "embedding 1: 10 values ["},
        .requests = 2,
        .path = MLDEV_METHOD("text-embedding-004", "batchEmbedContents"),
        API_KEY_AUTH,
        .body = {{"requests",
                  "[{\"model\": \"models/text-embedding-004\", \"content\": " USER_CONTENT("why is the sky blue?")
                  ", \"outputDimensionality\": 10}, {\"model\": \"models/text-embedding-004\", \"content\": "
                  USER_CONTENT("What is your age?") ", \"outputDimensionality\": 10}]"}},
    },
    {
        .name = "embed_content.vertex_express",
        .env = {EXPRESS_ENV},
        .stdout_has = {"embedding 0: 768 values [", "embedding 0: 10 values [", "embedding 1: 10 values ["},
        .requests = 2,
        .path = EXPRESS_METHOD("text-embedding-004", "predict"),
        API_KEY_AUTH,
        .body = {{"instances", "[{\"content\": \"why is the sky blue?\"}, {\"content\": \"What is your age?\"}]"},
                 {"parameters", "{\"outputDimensionality\": 10}"}},
    },
    {
        .name = "function_calling",
        .env = {GEMINI_ENV},
        /* the emulator calls the function the prompt names, then reports its result (docs/emulator.md) */
        .stdout_has = {"get_current_weather returned {\"result\":\"sunny\"}\n",
                       "automatic function calling history: 3 turns\n"},
        .requests = 2,
        .path = MLDEV_PATH("gemini-2.0-flash-001"),
        API_KEY_AUTH,
        .body = {{"tools", "[{\"functionDeclarations\": [{\"name\": \"get_current_weather\", \"description\": "
                           "\"Returns the current weather.\", \"parametersJsonSchema\": " WEATHER_SCHEMA "}]}]"},
                 {"contents[1].parts[0].functionCall.args", "{\"location\": \"Boston\"}"},
                 {"contents[2].role", "\"user\""},
                 {"contents[2].parts[0].functionResponse.name", "\"get_current_weather\""},
                 {"contents[2].parts[0].functionResponse.response", "{\"result\": \"sunny\"}"}},
    },
    {
        .name = "function_calling.vertex_express",
        .env = {EXPRESS_ENV},
        .stdout_has = {"get_current_weather returned {\"result\":\"sunny\"}\n",
                       "automatic function calling history: 3 turns\n"},
        .requests = 2,
        .path = EXPRESS_PATH("gemini-2.0-flash-001"),
        API_KEY_AUTH,
        .body = {{"contents[1].parts[0].functionCall", "{\"name\": \"get_current_weather\", \"args\": {\"location\": "
                                                      "\"Boston\"}}"},
                 {"contents[2].parts[0].functionResponse", "{\"name\": \"get_current_weather\", \"response\": "
                                                           "{\"result\": \"sunny\"}}"}},
    },
    {
        .name = "function_calling_disabled",
        .env = {GEMINI_ENV},
        .stdout_has = {"function call: get_current_weather {\"location\":\"Boston\"}\n"},
        .path = MLDEV_PATH("gemini-2.0-flash-001"),
        API_KEY_AUTH,
        .body = {{"contents", USER_TEXT("What is the weather like in Boston?")},
                 {"tools[0].functionDeclarations[0].name", "\"get_current_weather\""}},
    },
    {
        .name = "function_calling_disabled.vertex_express",
        .env = {EXPRESS_ENV},
        .stdout_has = {"function call: get_current_weather {\"location\":\"Boston\"}\n"},
        .path = EXPRESS_PATH("gemini-2.0-flash-001"),
        API_KEY_AUTH,
        .body = {{"tools[0].functionDeclarations[0].name", "\"get_current_weather\""}},
    },
    {
        .name = "function_calling_manual",
        .env = {GEMINI_ENV},
        .stdout_has = {"function call: get_current_weather {\"location\":\"Boston\"}\n",
                       "get_current_weather returned {\"result\":\"sunny\"}\n"},
        .requests = 2,
        .path = MLDEV_PATH("gemini-2.0-flash-001"),
        API_KEY_AUTH,
        .body = {{"tools", "[{\"functionDeclarations\": [{\"name\": \"get_current_weather\", \"description\": \"Get "
                           "the current weather in a given location\", \"parameters\": {\"type\": \"OBJECT\", "
                           "\"properties\": {\"location\": {\"type\": \"STRING\", \"description\": \"The city and "
                           "state, e.g. San Francisco, CA\"}}, \"required\": [\"location\"]}}]}]"},
                 {"contents[0]", USER_CONTENT("What is the weather like in Boston?")},
                 {"contents[2]", "{\"role\": \"tool\", \"parts\": [{\"functionResponse\": {\"name\": "
                                 "\"get_current_weather\", \"response\": {\"result\": \"sunny\"}}}]}"}},
    },
    {
        .name = "function_calling_manual.vertex_express",
        .env = {EXPRESS_ENV},
        .stdout_has = {"function call: get_current_weather {\"location\":\"Boston\"}\n",
                       "get_current_weather returned {\"result\":\"sunny\"}\n"},
        .requests = 2,
        .path = EXPRESS_PATH("gemini-2.0-flash-001"),
        API_KEY_AUTH,
        .body = {{"contents[2].role", "\"tool\""}},
    },
    {
        .name = "function_calling_any",
        .env = {GEMINI_ENV},
        .stdout_has = {"function call: get_current_weather {\"location\":\"Boston\"}\n"},
        .path = MLDEV_PATH("gemini-2.0-flash-001"),
        API_KEY_AUTH,
        .body = {{"toolConfig", "{\"functionCallingConfig\": {\"mode\": \"ANY\"}}"},
                 {"contents", USER_TEXT("What is the weather like in Boston?")}},
    },
    {
        .name = "function_calling_any.vertex_express",
        .env = {EXPRESS_ENV},
        .stdout_has = {"function call: get_current_weather {\"location\":\"Boston\"}\n"},
        .path = EXPRESS_PATH("gemini-2.0-flash-001"),
        API_KEY_AUTH,
        .body = {{"toolConfig", "{\"functionCallingConfig\": {\"mode\": \"ANY\"}}"}},
    },
    {
        .name = "function_calling_max_calls",
        .env = {GEMINI_ENV},
        /* mode ANY: the model always calls; the loop stops after two calls to it */
        .stdout_has = {"the function ran 2 times\n", "automatic function calling history: 5 turns\n",
                       "the last answer asks for: get_current_weather {\"location\":\"Boston\"}\n"},
        .requests = 2,
        .path = MLDEV_PATH("gemini-2.0-flash-001"),
        API_KEY_AUTH,
        .body = {{"toolConfig", "{\"functionCallingConfig\": {\"mode\": \"ANY\"}}"}},
    },
    {
        .name = "function_calling_max_calls.vertex_express",
        .env = {EXPRESS_ENV},
        .stdout_has = {"the function ran 2 times\n", "automatic function calling history: 5 turns\n",
                       "the last answer asks for: get_current_weather {\"location\":\"Boston\"}\n"},
        .requests = 2,
        .path = EXPRESS_PATH("gemini-2.0-flash-001"),
        API_KEY_AUTH,
        .body = {{"contents[2].parts[0].functionResponse.response", "{\"result\": \"sunny\"}"}},
    },
    {
        .name = "json_schema",
        .env = {GEMINI_ENV},
        /* the emulator answers JSON that follows the schema (docs/emulator.md); like the Python SDK,
         * the dict form is sent with propertyOrdering in the order of its properties */
        .stdout_has = {"{\"name\": \"name\", \"population\": 10, \"capital\": \"capital\", \"continent\": "
                       "\"continent\", \"gdp\": 3, \"official_language\": \"official language\", "
                       "\"total_area_sq_mi\": 16}\n",
                       "parsed: {\"name\":\"name\",\"population\":10,\"capital\":\"capital\",\"continent\":"
                       "\"continent\",\"gdp\":3,\"official_language\":\"official language\",\"total_area_sq_mi\":16}\n"},
        .requests = 2,
        .path = MLDEV_PATH("gemini-2.0-flash-001"),
        API_KEY_AUTH,
        .body = {{"generationConfig",
                  "{\"responseMimeType\": \"application/json\", \"responseSchema\": {\"required\": [\"name\", "
                  "\"population\", \"capital\", \"continent\", \"gdp\", \"official_language\", "
                  "\"total_area_sq_mi\"], \"properties\": {\"name\": {\"type\": \"STRING\"}, \"population\": "
                  "{\"type\": \"INTEGER\"}, \"capital\": {\"type\": \"STRING\"}, \"continent\": {\"type\": "
                  "\"STRING\"}, \"gdp\": {\"type\": \"INTEGER\"}, \"official_language\": {\"type\": \"STRING\"}, "
                  "\"total_area_sq_mi\": {\"type\": \"INTEGER\"}}, \"type\": \"OBJECT\", \"propertyOrdering\": "
                  "[\"name\", \"population\", \"capital\", \"continent\", \"gdp\", \"official_language\", "
                  "\"total_area_sq_mi\"]}}"}},
    },
    {
        .name = "json_schema.vertex_express",
        .env = {EXPRESS_ENV},
        .stdout_has = {"parsed: {\"name\":\"name\",\"population\":10,\"capital\":\"capital\",\"continent\":"
                       "\"continent\",\"gdp\":3,\"official_language\":\"official language\",\"total_area_sq_mi\":16}\n"},
        .requests = 2,
        .path = EXPRESS_PATH("gemini-2.0-flash-001"),
        API_KEY_AUTH,
        .body = {{"generationConfig.responseMimeType", "\"application/json\""}},
    },
    {
        .name = "enum_schema",
        .env = {GEMINI_ENV},
        /* no value occurs in the prompt: the emulator picks the first (docs/emulator.md) */
        .stdout_has = {"Percussion\nparsed: InstrumentEnum.PERCUSSION\n",
                       "\"Percussion\"\nparsed: InstrumentEnum.PERCUSSION\n"},
        .requests = 2,
        .path = MLDEV_PATH("gemini-2.0-flash-001"),
        API_KEY_AUTH,
        .body = {{"generationConfig",
                  "{\"responseMimeType\": \"application/json\", \"responseSchema\": {\"type\": \"STRING\", \"title\": "
                  "\"InstrumentEnum\", \"enum\": [\"Percussion\", \"String\", \"Woodwind\", \"Brass\", "
                  "\"Keyboard\"]}}"}},
    },
    {
        .name = "enum_schema.vertex_express",
        .env = {EXPRESS_ENV},
        .stdout_has = {"Percussion\nparsed: InstrumentEnum.PERCUSSION\n",
                       "\"Percussion\"\nparsed: InstrumentEnum.PERCUSSION\n"},
        .requests = 2,
        .path = EXPRESS_PATH("gemini-2.0-flash-001"),
        API_KEY_AUTH,
        .body = {{"generationConfig.responseSchema.enum[4]", "\"Keyboard\""}},
    },
    {
        .name = "async_generate",
        .env = {GEMINI_ENV},
        /* three calls at once: their answers print as they arrive, in any order */
        .stdout_has = {"Tell me a story in 300 words. -> Echo from gemini-2.0-flash-001: Tell me a story in 300 words.\n",
                       "Why is the sky blue? -> Echo from gemini-2.0-flash-001: Why is the sky blue?\n",
                       "What is your name? -> Echo from gemini-2.0-flash-001: What is your name?\n"},
        .requests = 3,
        .path = NULL,
        API_KEY_AUTH,
    },
    {
        .name = "async_generate.vertex_express",
        .env = {EXPRESS_ENV},
        .stdout_has = {"Why is the sky blue? -> Echo from gemini-2.0-flash-001: Why is the sky blue?\n"},
        .requests = 3,
        .path = NULL,
        API_KEY_AUTH,
    },
    {
        .name = "async_stream",
        .env = {GEMINI_ENV},
        .stdout_has = {"Echo from gemini-2.0-flash-001: Tell me a story in 300 words.\n"},
        .path = MLDEV_METHOD("gemini-2.0-flash-001", "streamGenerateContent"),
        .query = "alt=sse",
        API_KEY_AUTH,
        .body = {{"contents", USER_TEXT("Tell me a story in 300 words.")}},
    },
    {
        .name = "async_stream.vertex_express",
        .env = {EXPRESS_ENV},
        .stdout_has = {"Echo from gemini-2.0-flash-001: Tell me a story in 300 words.\n"},
        .path = EXPRESS_METHOD("gemini-2.0-flash-001", "streamGenerateContent"),
        .query = "alt=sse",
        API_KEY_AUTH,
        .body = {{"contents", USER_TEXT("Tell me a story in 300 words.")}},
    },
    {
        .name = "async_count_tokens",
        .env = {GEMINI_ENV},
        .stdout_has = {"\"totalTokens\":6", "total_tokens: 6\n"},
        .path = MLDEV_METHOD("gemini-2.0-flash-001", "countTokens"),
        API_KEY_AUTH,
        .body = {{"contents", USER_TEXT("why is the sky blue?")}},
    },
    {
        .name = "async_count_tokens.vertex_express",
        .env = {EXPRESS_ENV},
        .stdout_has = {"total_tokens: 6\n"},
        .path = EXPRESS_METHOD("gemini-2.0-flash-001", "countTokens"),
        API_KEY_AUTH,
        .body = {{"contents", USER_TEXT("why is the sky blue?")}},
    },
    {
        .name = "async_chat",
        .env = {GEMINI_ENV},
        .stdout_has = {"Echo from gemini-2.0-flash-001: tell me a story\nhistory: 2 turns\n"},
        .path = MLDEV_PATH("gemini-2.0-flash-001"),
        API_KEY_AUTH,
        .body = {{"contents", USER_TEXT("tell me a story")}},
    },
    {
        .name = "async_chat.vertex_express",
        .env = {EXPRESS_ENV},
        .stdout_has = {"Echo from gemini-2.0-flash-001: tell me a story\nhistory: 2 turns\n"},
        .path = EXPRESS_PATH("gemini-2.0-flash-001"),
        API_KEY_AUTH,
        .body = {{"contents", USER_TEXT("tell me a story")}},
    },
    {
        .name = "async_chat_stream",
        .env = {GEMINI_ENV},
        /* the user turn and one model content per chunk (5 chunks) */
        .stdout_has = {"Echo from gemini-2.0-flash-001: tell me a story\nhistory: 6 turns\n"},
        .path = MLDEV_METHOD("gemini-2.0-flash-001", "streamGenerateContent"),
        .query = "alt=sse",
        API_KEY_AUTH,
        .body = {{"contents", USER_TEXT("tell me a story")}},
    },
    {
        .name = "async_chat_stream.vertex_express",
        .env = {EXPRESS_ENV},
        .stdout_has = {"history: 6 turns\n"},
        .path = EXPRESS_METHOD("gemini-2.0-flash-001", "streamGenerateContent"),
        .query = "alt=sse",
        API_KEY_AUTH,
    },
    {
        .name = "async_epoll",
        .env = {GEMINI_ENV},
        .stdout_has = {"[sky] Echo from gemini-2.0-flash-001: Why is the sky blue?\n",
                       "[name] Echo from gemini-2.0-flash-001: What is your name?\n", "[story] chunk: Echo\n",
                       "[story] stream done\n"},
        .requests = 3,
        .path = NULL,
        API_KEY_AUTH,
    },
    {
        .name = "async_libuv",
        .env = {GEMINI_ENV},
        .stdout_has = {"answer: Echo from gemini-2.0-flash-001: Why is the sky blue?\n", "stream: Echo\n",
                       "stream: done\n"},
        .requests = 2,
        .path = NULL,
        API_KEY_AUTH,
    },
    {
        .name = "create_client.gemini",
        .env = {GEMINI_ENV},
        .stdout_has = {"genai.Client(api_key=...)\n  backend:     Gemini Developer API\n  base URL:    {URL}\n"
                       "  API version: v1beta\n",
                       "genai.Client(api_key=..., http_options={'api_version': 'v1alpha'})\n"
                       "  backend:     Gemini Developer API\n  base URL:    {URL}\n  API version: v1alpha\n",
                       "genai.Client(vertexai=True, project=..., location=...)\n  backend:     Vertex AI\n"
                       "  base URL:    https://us-central1-aiplatform.googleapis.com/\n  API version: v1beta1\n"
                       "  project:     your-project-id\n  location:    us-central1\n",
                       "  API version: v1\n",
                       "genai.Client()\n  backend:     Gemini Developer API\n  base URL:    {URL}\n"
                       "  API version: v1beta\n",
                       "Echo from gemini-2.0-flash-001: Why is the sky blue?\n"},
        .path = MLDEV_PATH("gemini-2.0-flash-001"),
        API_KEY_AUTH,
        .body = {{"contents", USER_TEXT("Why is the sky blue?")}},
    },
    {
        .name = "create_client.vertex_express",
        .env = {EXPRESS_ENV},
        .stdout_has = {"genai.Client(api_key=...)\n  backend:     Gemini Developer API\n"
                       "  base URL:    https://generativelanguage.googleapis.com/\n",
                       "genai.Client()\n  backend:     Vertex AI\n  base URL:    {URL}\n  API version: v1beta1\n"
                       "  project:     (none)\n  location:    (none)\n",
                       "Calling gemini-2.0-flash-001 on Vertex AI at {URL}\n",
                       "Echo from gemini-2.0-flash-001: Why is the sky blue?\n"},
        .path = EXPRESS_PATH("gemini-2.0-flash-001"),
        API_KEY_AUTH,
        .body = {{"contents", USER_TEXT("Why is the sky blue?")}},
    },
    {
        /* the seed's genai.Client(vertexai=True, project=..., location=...) with Application Default
           Credentials: a service-account key file and real signed JWTs */
        .name = "create_client.vertex_adc",
        .env = {"GOOGLE_APPLICATION_CREDENTIALS={SA}", "GOOGLE_CLOUD_PROJECT=test-project",
                "GOOGLE_CLOUD_LOCATION=europe-west4", "GOOGLE_VERTEX_BASE_URL={URL}"},
        .stdout_has = {"genai.Client(vertexai=True, project=..., location=...)\n  backend:     Vertex AI\n"
                       "  base URL:    {URL}\n  API version: v1beta1\n  project:     test-project\n"
                       "  location:    europe-west4\n",
                       "Calling gemini-2.0-flash-001 on Vertex AI at {URL}\n",
                       "Echo from gemini-2.0-flash-001: Why is the sky blue?\n"},
        .path = "/v1beta1/projects/test-project/locations/europe-west4/publishers/google/models/"
                "gemini-2.0-flash-001:generateContent",
        ADC_AUTH,
        .body = {{"contents", USER_TEXT("Why is the sky blue?")}},
    },
    {
        .name = "caches",
        .env = {GEMINI_ENV},
        .stdout_has = {"created: cachedContents/", "  model: models/gemini-1.5-pro-002\n  display_name: test cache\n",
                       "  total_token_count: 9\n", "got: cachedContents/",
                       "Echo from gemini-1.5-pro-002: Summarize the pdfs\ncached_content_token_count: 9\n"},
        .requests = 3,
        .path = MLDEV_PATH("gemini-1.5-pro-002"),
        API_KEY_AUTH,
        .body = {{"contents", USER_TEXT("Summarize the pdfs")}, {"systemInstruction", NULL}},
    },
    {
        .name = "caches.vertex_express",
        .env = {EXPRESS_ENV},
        .stdout_has = {"created: cachedContents/",
                       "  model: publishers/google/models/gemini-1.5-pro-002\n  display_name: test cache\n",
                       "got: cachedContents/",
                       "Echo from gemini-1.5-pro-002: Summarize the pdfs\ncached_content_token_count: 9\n"},
        .requests = 3,
        .path = EXPRESS_PATH("gemini-1.5-pro-002"),
        API_KEY_AUTH,
        .body = {{"contents", USER_TEXT("Summarize the pdfs")}, {"systemInstruction", NULL}},
    },
    {
        .name = "list_models",
        .method = "GET",
        .env = {GEMINI_ENV},
        .args = {"4"},
        /* the emulator's catalogue: 9 models */
        .stdout_has = {"models/gemini-2.0-flash (Gemini 2.0 Flash)\n", "models/veo-2.0-generate-001 (Veo 2)\n",
                       "page_size: 4\nmodels/gemini-2.0-flash (Gemini 2.0 Flash)\n"
                       "models/gemini-3-pro-preview (Gemini 3 Pro Preview)\n"},
        .requests = 3,
        .path = "/v1beta/models",
        .query = "pageSize=4&pageToken=c4",
        API_KEY_AUTH,
    },
    {
        .name = "list_models.vertex_express",
        .method = "GET",
        .env = {EXPRESS_ENV},
        .args = {"4"},
        .stdout_has = {"publishers/google/models/gemini-2.0-flash ()\n",
                       "page_size: 4\npublishers/google/models/gemini-2.0-flash ()\n"
                       "publishers/google/models/gemini-3-pro-preview ()\n"},
        .requests = 3,
        .path = "/v1beta1/publishers/google/models",
        .query = "pageSize=4&pageToken=c4",
        API_KEY_AUTH,
    },
    {
        .name = "async_list_models",
        .method = "GET",
        .env = {GEMINI_ENV},
        .args = {"4"},
        .stdout_has = {"models/gemini-2.0-flash (Gemini 2.0 Flash)\n", "models/veo-2.0-generate-001 (Veo 2)\n",
                       "page_size: 4\nmodels/gemini-2.0-flash (Gemini 2.0 Flash)\n"
                       "models/gemini-3-pro-preview (Gemini 3 Pro Preview)\n"},
        .requests = 3,
        .path = "/v1beta/models",
        .query = "pageSize=4&pageToken=c4",
        API_KEY_AUTH,
    },
    {
        .name = "async_list_models.vertex_express",
        .method = "GET",
        .env = {EXPRESS_ENV},
        .args = {"4"},
        .stdout_has = {"page_size: 4\npublishers/google/models/gemini-2.0-flash ()\n"
                       "publishers/google/models/gemini-3-pro-preview ()\n"},
        .requests = 3,
        .path = "/v1beta1/publishers/google/models",
        .query = "pageSize=4&pageToken=c4",
        API_KEY_AUTH,
    },
    {
        .name = "create_client.vertex_token",
        .env = {"GOOGLE_OAUTH_ACCESS_TOKEN=" TOKEN, "GOOGLE_CLOUD_PROJECT=test-project",
                "GOOGLE_CLOUD_LOCATION=europe-west4", "GOOGLE_VERTEX_BASE_URL={URL}"},
        .stdout_has = {"genai.Client(vertexai=True, project=..., location=...)\n  backend:     Vertex AI\n"
                       "  base URL:    {URL}\n  API version: v1beta1\n  project:     test-project\n"
                       "  location:    europe-west4\n",
                       "Calling gemini-2.0-flash-001 on Vertex AI at {URL}\n",
                       "Echo from gemini-2.0-flash-001: Why is the sky blue?\n"},
        .path = "/v1beta1/projects/test-project/locations/europe-west4/publishers/google/models/"
                "gemini-2.0-flash-001:generateContent",
        BEARER_AUTH,
        .body = {{"contents", USER_TEXT("Why is the sky blue?")}},
    },
    {
        .name = "generate_image",
        .env = {EXPRESS_ENV},
        .args = {"/tmp/genai-example-generate-image"},
        .stdout_has = {"1 image(s); saved a image/png of ", "to /tmp/genai-example-generate-image.png\n"},
        .path = EXPRESS_METHOD("imagen-3.0-generate-002", "predict"),
        API_KEY_AUTH,
        .body = {{"instances", "[{\"prompt\": \"An umbrella in the foreground, and a rainy night sky in the "
                               "background\"}]"},
                 {"parameters", "{\"sampleCount\": 1, \"includeRaiReason\": true, \"outputOptions\": "
                                "{\"mimeType\": \"image/jpeg\"}}"}},
    },
    {
        .name = "upscale_image",
        .env = {EXPRESS_ENV},
        .args = {"/tmp/genai-example-upscale-image"},
        .stdout_has = {"upscaled image: ", "saved to /tmp/genai-example-upscale-image.png\n"},
        .requests = 2,
        .path = EXPRESS_METHOD("imagen-3.0-generate-002", "predict"),
        API_KEY_AUTH,
        .body = {{"parameters.mode", "\"upscale\""},
                 {"parameters.sampleCount", "1"},
                 {"parameters.upscaleConfig", "{\"upscaleFactor\": \"x2\"}"},
                 {"parameters.includeRaiReason", "true"},
                 {"parameters.outputOptions", "{\"mimeType\": \"image/jpeg\"}"},
                 {"instances[0].image.mimeType", "\"image/png\""}},
    },
    {
        .name = "edit_image",
        .env = {EXPRESS_ENV},
        .args = {"/tmp/genai-example-edit-image"},
        .stdout_has = {"edited image: ", "saved to /tmp/genai-example-edit-image.png\n"},
        .requests = 2,
        .path = EXPRESS_METHOD("imagen-3.0-capability-001", "predict"),
        API_KEY_AUTH,
        .body = {{"instances[0].prompt", "\"Sunlight and clear sky\""},
                 {"instances[0].referenceImages[0].referenceId", "1"},
                 {"instances[0].referenceImages[0].referenceType", "\"REFERENCE_TYPE_RAW\""},
                 {"instances[0].referenceImages[1]",
                  "{\"referenceId\": 2, \"referenceType\": \"REFERENCE_TYPE_MASK\", \"maskImageConfig\": "
                  "{\"maskMode\": \"MASK_MODE_BACKGROUND\", \"dilation\": 0}}"},
                 {"parameters", "{\"editMode\": \"EDIT_MODE_INPAINT_INSERTION\", \"sampleCount\": 1, "
                                "\"includeRaiReason\": true, \"outputOptions\": {\"mimeType\": \"image/jpeg\"}}"}},
    },
    {
        .name = "generate_video",
        .env = {EXPRESS_ENV},
        .args = {"/tmp/genai-example-generate-video.mp4"},
        .stdout_has = {"operation: publishers/google/models/veo-2.0-generate-001/operations/",
                       "done: saved a video/mp4 of ", "bytes to /tmp/genai-example-generate-video.mp4\n"},
        .requests = 2,
        .path = EXPRESS_METHOD("veo-2.0-generate-001", "fetchPredictOperation"),
        API_KEY_AUTH,
    },
    {
        .name = "download_video",
        .env = {GEMINI_ENV},
        .args = {"/tmp/genai-example-download-video.mp4"},
        .stdout_has = {"video: {URL}/v1beta/files/", "downloaded to /tmp/genai-example-download-video.mp4\n"},
        .requests = 3,
        .method = "GET",
        .query = "alt=media",
        API_KEY_AUTH,
    },

    /* ---- batches and tunings: the jobs finish at once (--lro-delay-ms 0), so the
     * polling loops end after one get; the checks are on the request that
     * creates or lists. */
    {
        .name = "batches_create",
        .env = {GEMINI_ENV},
        .stdout_has = {"\"state\":\"JOB_STATE_PENDING\"", "JOB_STATE_SUCCEEDED\n",
                       "first answer: Echo from gemini-1.5-flash-002: Hello!\n", "deleted: {"},
        .requests = 3,
        .checked = 1,
        .path = MLDEV_METHOD("gemini-1.5-flash-002", "batchGenerateContent"),
        API_KEY_AUTH,
        .body = {{"batch.inputConfig.requests.requests[0].request.contents", USER_TEXT("Hello!")},
                 {"batch.displayName", NULL}},
    },
    {
        .name = "batches_create.file",
        .env = {GEMINI_ENV},
        .args = {"files/my-batch-requests"},
        .stdout_has = {"\"fileName\":\"files/batch-", "deleted: {"},
        .requests = 3,
        .checked = 1,
        .path = MLDEV_METHOD("gemini-1.5-flash-002", "batchGenerateContent"),
        API_KEY_AUTH,
        .body = {{"batch.inputConfig", "{\"fileName\": \"files/my-batch-requests\"}"}},
    },
    {
        .name = "batches_create.vertex_token",
        .env = {VERTEX_TOKEN_ENV},
        .stdout_has = {"\"displayName\":\"genai_batch_job_", "\"bigqueryOutputTable\":\"bq://my-project.my-dataset.my-table_dest_",
                       "JOB_STATE_SUCCEEDED", "deleted: {"},
        .requests = 3,
        .checked = 1,
        .path = VERTEX_PREFIX "batchPredictionJobs",
        BEARER_AUTH,
        .body = {{"model", "\"publishers/google/models/gemini-1.5-flash-002\""},
                 {"inputConfig", "{\"instancesFormat\": \"bigquery\", \"bigquerySource\": {\"inputUri\": "
                                 "\"bq://my-project.my-dataset.my-table\"}}"},
                 {"outputConfig.predictionsFormat", "\"bigquery\""}},
    },
    {
        .name = "batches_create.vertex_gcs",
        .env = {VERTEX_TOKEN_ENV},
        .args = {"gs://my-bucket/prompts.jsonl"},
        .stdout_has = {"\"gcsOutputDirectory\":\"gs://my-bucket/prompts/dest/prediction-model-", "deleted: {"},
        .requests = 3,
        .checked = 1,
        .path = VERTEX_PREFIX "batchPredictionJobs",
        BEARER_AUTH,
        .body = {{"inputConfig", "{\"instancesFormat\": \"jsonl\", \"gcsSource\": {\"uris\": [\"gs://my-bucket/prompts.jsonl\"]}}"},
                 {"outputConfig", "{\"predictionsFormat\": \"jsonl\", \"gcsDestination\": {\"outputUriPrefix\": "
                                  "\"gs://my-bucket/prompts/dest\"}}"}},
    },
    {
        .name = "batches_list",
        .env = {GEMINI_ENV},
        .args = {"2"},
        .stdout_has = {"job: batches/", "page_size: 10\n", "No more pages to fetch.\n", "async page_size: 10\n",
                       "async_pager[0]: batches/"},
        .requests = 5,
        .method = "GET",
        .path = "/v1beta/batches",
        .query = "pageSize=10",
        API_KEY_AUTH,
    },
    {
        .name = "batches_list.vertex_token",
        .env = {VERTEX_TOKEN_ENV},
        .args = {"2"},
        .stdout_has = {"job: " "projects/test-project/locations/us-central1/batchPredictionJobs/", "page_size: 10\n",
                       "async_pager[0]: projects/test-project/locations/us-central1/batchPredictionJobs/"},
        .requests = 5,
        .method = "GET",
        .path = VERTEX_PREFIX "batchPredictionJobs",
        .query = "pageSize=10",
        BEARER_AUTH,
    },
    {
        .name = "tunings_tune",
        .env = {GEMINI_ENV},
        .stdout_has = {"\"state\":\"JOB_STATE_QUEUED\"", "final state: JOB_STATE_SUCCEEDED\n", "tuned model: tunedModels/",
                       "Echo from gemini-1.0-pro-001: why is the sky blue?\n",
                       "\"displayName\":\"test_dataset_examples model\""},
        .requests = 4,
        .checked = 1,
        .path = "/v1beta/tunedModels",
        API_KEY_AUTH,
        .body = {{"baseModel", "\"models/gemini-1.0-pro-001\""},
                 {"displayName", "\"test_dataset_examples model\""},
                 {"tuningTask.hyperparameters", "{\"epochCount\": 1}"},
                 {"tuningTask.trainingData.examples.examples[4]", "{\"textInput\": \"Input text 4\", \"output\": \"Output text 4\"}"}},
    },
    {
        .name = "tunings_tune.vertex_token",
        .env = {VERTEX_TOKEN_ENV},
        .stdout_has = {"\"state\":\"JOB_STATE_PENDING\"", "final state: JOB_STATE_SUCCEEDED\n",
                       "tuned model: projects/test-project/locations/us-central1/models/",
                       "endpoint: projects/test-project/locations/us-central1/endpoints/",
                       "Echo from gemini-1.5-pro-002: why is the sky blue?\n", "\"tune-type\":\"sft\""},
        .requests = 4,
        .checked = 1,
        .path = VERTEX_PREFIX "tuningJobs",
        BEARER_AUTH,
        .body = {{"baseModel", "\"gemini-1.5-pro-002\""},
                 {"tunedModelDisplayName", "\"test_dataset_examples model\""},
                 {"supervisedTuningSpec", "{\"trainingDatasetUri\": \"gs://cloud-samples-data/ai-platform/generative_ai/"
                                          "gemini-1_5/text/sft_train_data.jsonl\", \"hyperParameters\": {\"epochCount\": 1}}"}},
    },
    {
        .name = "tuned_models_list",
        .env = {GEMINI_ENV},
        .args = {"2"},
        .stdout_has = {"model: tunedModels/", "page_size: 10\n", "async_pager[0]: tunedModels/",
                       "updated: {", "\"displayName\":\"my tuned model\"", "\"description\":\"my tuned model description\""},
        .requests = 6,
        .checked = 3,
        .method = "GET",
        .path = "/v1beta/tunedModels",
        .query = "pageSize=10",
        API_KEY_AUTH,
    },
    {
        .name = "tuned_models_list.vertex_token",
        .env = {VERTEX_TOKEN_ENV},
        .args = {"2"},
        .stdout_has = {"model: projects/test-project/locations/us-central1/models/", "page_size: 10\n",
                       "\"displayName\":\"my tuned model\""},
        .requests = 6,
        .checked = 3,
        .method = "GET",
        .path = VERTEX_PREFIX "models",
        .query = "filter=labels.tune-type:*&pageSize=10",
        BEARER_AUTH,
    },
    {
        .name = "tunings_list.vertex_token",
        .env = {VERTEX_TOKEN_ENV},
        .args = {"2"},
        .stdout_has = {"job: projects/test-project/locations/us-central1/tuningJobs/", "page_size: 10\n",
                       "No more pages to fetch.\n", "async_pager[0]: projects/test-project/locations/us-central1/tuningJobs/"},
        .requests = 5,
        .method = "GET",
        .path = VERTEX_PREFIX "tuningJobs",
        .query = "pageSize=10",
        BEARER_AUTH,
    },
};

/* Variables that configure a client; the example gets none of the caller's. */
static const char *const client_variables[] = {
    "GEMINI_API_KEY",        "GOOGLE_API_KEY",        "GOOGLE_GENAI_USE_VERTEXAI", "GOOGLE_GENAI_USE_ENTERPRISE",
    "GOOGLE_CLOUD_PROJECT",  "GOOGLE_CLOUD_LOCATION", "GOOGLE_GEMINI_BASE_URL",    "GOOGLE_VERTEX_BASE_URL",
    "GOOGLE_OAUTH_ACCESS_TOKEN", "GENAI_LOG", "GOOGLE_APPLICATION_CREDENTIALS", "CLOUDSDK_CONFIG", "GCE_METADATA_HOST",
};

static int failures_in_case;
static char sa_file[64]; /* the service-account file of ADC cases */

static void fail(const example_case *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(const example_case *c, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "FAIL %s: ", c->name);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  failures_in_case++;
}

static long long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* `text` with every {URL} replaced by `url`; caller frees. */
static char *expand(const char *text, const char *url) {
  size_t n = 0, ulen = strlen(url);
  for (const char *p = text; (p = strstr(p, "{URL}")) != NULL; p += 5) n++;
  char *out = malloc(strlen(text) + n * ulen + 1);
  if (!out) return NULL;
  char *o = out;
  for (const char *p = text; *p;) {
    if (!strncmp(p, "{URL}", 5)) {
      memcpy(o, url, ulen);
      o += ulen;
      p += 5;
    } else {
      *o++ = *p++;
    }
  }
  *o = '\0';
  return out;
}

typedef struct capture {
  char *data;
  size_t len;
} capture;

static int capture_append(capture *c, const char *data, size_t n) {
  char *grown = realloc(c->data, c->len + n + 1);
  if (!grown) return -1;
  memcpy(grown + c->len, data, n);
  c->len += n;
  grown[c->len] = '\0';
  c->data = grown;
  return 0;
}

/* In the child: a clean client environment, the case's variables, exec.
 * `env` holds the case's assignments, already expanded by the parent. */
static void exec_example(char *const *env, char *const *argv, int out_fd, int err_fd) {
  for (size_t i = 0; i < sizeof(client_variables) / sizeof(client_variables[0]); i++) unsetenv(client_variables[i]);
  /* no gcloud credentials of the machine's user, and a metadata server that refuses at once */
  if (setenv("CLOUDSDK_CONFIG", "/nonexistent/genai-examples-gcloud", 1) != 0 ||
      setenv("GCE_METADATA_HOST", "127.0.0.1:1", 1) != 0)
    _exit(126);
  for (size_t i = 0; env[i]; i++) {
    char *eq = strchr(env[i], '=');
    if (!eq) _exit(126);
    *eq = '\0'; /* the child's copy */
    if (setenv(env[i], eq + 1, 1) != 0) _exit(126);
  }
  signal(SIGPIPE, SIG_DFL); /* the runner ignores it; the example gets the default */
  if (dup2(out_fd, STDOUT_FILENO) < 0 || dup2(err_fd, STDERR_FILENO) < 0) _exit(126);
  close(out_fd);
  close(err_fd);
  execv(argv[0], argv);
  fprintf(stderr, "cannot execute %s: %s\n", argv[0], strerror(errno));
  _exit(127);
}

/* Reads both pipes until EOF or the deadline; returns 0, or -1 on timeout. */
static int drain(int out_fd, int err_fd, capture *out, capture *err, long long deadline) {
  struct pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  capture *sinks[2] = {out, err};
  int open_fds = 2;
  while (open_fds > 0) {
    long long left = deadline - now_ms();
    if (left <= 0) return -1;
    int r = poll(fds, 2, (int)(left > 1000 ? 1000 : left));
    if (r < 0 && errno != EINTR) return -1;
    for (int i = 0; r > 0 && i < 2; i++) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      char buf[4096];
      ssize_t n = read(fds[i].fd, buf, sizeof(buf));
      if (n > 0) {
        if (capture_append(sinks[i], buf, (size_t)n) != 0) return -1;
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;
        open_fds--;
      }
    }
  }
  return 0;
}

/* Runs the program; returns its wait status, or -1 (reported). */
static int run_program(const example_case *c, const char *url, char *const *argv, int timeout_s, capture *out,
                       capture *err) {
  char *env[MAX_ITEMS + 1] = {0};
  int out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1};
  int status = -1;
  for (size_t i = 0; i < MAX_ITEMS && c->env[i]; i++) {
    if (!strcmp(c->env[i], "GOOGLE_APPLICATION_CREDENTIALS={SA}")) {
      size_t n = strlen("GOOGLE_APPLICATION_CREDENTIALS=") + strlen(sa_file) + 1;
      if ((env[i] = malloc(n))) snprintf(env[i], n, "GOOGLE_APPLICATION_CREDENTIALS=%s", sa_file);
    } else {
      env[i] = expand(c->env[i], url);
    }
    if (!env[i]) {
      fail(c, "out of memory");
      goto done;
    }
  }
  if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) {
    fail(c, "pipe: %s", strerror(errno));
    goto done;
  }
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) {
    fail(c, "fork: %s", strerror(errno));
    goto done;
  }
  if (pid == 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    exec_example(env, argv, out_pipe[1], err_pipe[1]);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  out_pipe[1] = err_pipe[1] = -1;
  int timed_out = drain(out_pipe[0], err_pipe[0], out, err, now_ms() + timeout_s * 1000LL) != 0;
  if (timed_out) kill(pid, SIGKILL);
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) {
    fail(c, "%s did not finish within %d s", argv[0], timeout_s);
    status = -1;
  }
done:
  for (int i = 0; i < 2; i++) {
    if (out_pipe[i] >= 0) close(out_pipe[i]);
    if (err_pipe[i] >= 0) close(err_pipe[i]);
  }
  for (size_t i = 0; i < MAX_ITEMS; i++) free(env[i]);
  return status;
}

/* The value at a path like "a.b[0].c", or NULL. */
static json_t *json_at(json_t *root, const char *path) {
  json_t *v = root;
  const char *p = path;
  while (v && *p) {
    if (*p == '[') {
      char *end = NULL;
      unsigned long i = strtoul(p + 1, &end, 10);
      if (!end || *end != ']') return NULL;
      v = json_array_get(v, i);
      p = end + 1;
    } else {
      if (*p == '.') p++;
      size_t n = strcspn(p, ".[");
      char key[128];
      if (n == 0 || n >= sizeof(key)) return NULL;
      memcpy(key, p, n);
      key[n] = '\0';
      v = json_object_get(v, key);
      p += n;
    }
  }
  return v;
}

/* JSON equality where 20 and 20.0 are the same number. */
static int same_json(json_t *a, json_t *b) {
  if (json_is_number(a) && json_is_number(b)) return fabs(json_number_value(a) - json_number_value(b)) < 1e-9;
  if (json_typeof(a) != json_typeof(b)) return 0;
  if (json_is_array(a)) {
    if (json_array_size(a) != json_array_size(b)) return 0;
    for (size_t i = 0; i < json_array_size(a); i++)
      if (!same_json(json_array_get(a, i), json_array_get(b, i))) return 0;
    return 1;
  }
  if (json_is_object(a)) {
    if (json_object_size(a) != json_object_size(b)) return 0;
    const char *key;
    json_t *value;
    json_object_foreach(a, key, value) {
      json_t *other = json_object_get(b, key);
      if (!other || !same_json(value, other)) return 0;
    }
    return 1;
  }
  return json_equal(a, b);
}

static void check_body(const example_case *c, json_t *body) {
  for (size_t i = 0; i < MAX_ITEMS && c->body[i].path; i++) {
    const field_check *f = &c->body[i];
    json_t *got = json_at(body, f->path);
    if (!f->json) {
      if (got) fail(c, "request body has %s, which the snippet does not set", f->path);
      continue;
    }
    json_error_t jerr;
    json_t *want = json_loads(f->json, JSON_DECODE_ANY, &jerr);
    if (!want) {
      fail(c, "bad expectation for %s: %s", f->path, jerr.text);
      continue;
    }
    if (!got || !same_json(got, want)) {
      char *text = got ? json_dumps(got, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
      fail(c, "request body %s is %s, expected %s", f->path, text ? text : "absent", f->json);
      free(text);
    }
    json_decref(want);
  }
}

static void check_requests(const example_case *c, emu_harness *emu) {
  json_t *log = emu_requests(emu);
  if (!json_is_array(log)) {
    fail(c, "could not read the emulator's request log");
    json_decref(log);
    return;
  }
  size_t want = c->requests ? c->requests : 1;
  if (json_array_size(log) != want) {
    fail(c, "the emulator received %zu requests, expected %zu", json_array_size(log), want);
  } else {
    json_t *req = json_array_get(log, (c->checked ? c->checked : want) - 1);
    const char *method = json_string_value(json_object_get(req, "method"));
    const char *path = json_string_value(json_object_get(req, "path"));
    const char *query = json_string_value(json_object_get(req, "query"));
    const char *want_query = c->query ? c->query : "";
    json_t *headers = json_object_get(req, "headers");
    const char *credential =
        c->credential_header ? json_string_value(json_object_get(headers, c->credential_header)) : NULL;
    /* concurrent requests of several kinds (a Live session beside a REST
     * call): any method, unless the case names one */
    const char *want_method = c->method ? c->method : c->path ? "POST" : NULL;
    if (want_method && (!method || strcmp(method, want_method)))
      fail(c, "method %s, expected %s", method ? method : "(none)", want_method);
    if (c->path && (!path || strcmp(path, c->path))) fail(c, "path %s, expected %s", path ? path : "(none)", c->path);
    if (c->path && (!query || strcmp(query, want_query)))
      fail(c, "query %s, expected %s", query ? query : "(none)", want_query);
    bool match = credential && (c->adc ? !strncmp(credential, c->credential_value, strlen(c->credential_value))
                                       : !strcmp(credential, c->credential_value));
    if (c->credential_header && !match)
      fail(c, "header %s is %s, expected %s", c->credential_header, credential ? credential : "absent",
           c->credential_value);
    if (json_object_get(headers, c->absent_header)) fail(c, "header %s was sent too", c->absent_header);
    if (c->path) check_body(c, json_object_get(req, "body"));
  }
  json_decref(log);
}

/* The bytes of the {PDF} and {TEXT} arguments' files. */
static const char small_pdf[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
static const char small_text[] = "Apollo 11 was the spaceflight that first landed humans on the Moon.\n";

/* Writes the file of an {IMAGE}, {PDF} or {TEXT} argument; returns its path
 * (caller unlinks and frees; NULL when it failed, *written set), or the
 * argument itself when it is not a placeholder. */
static char *write_arg_file(const example_case *c, char *arg, int *written) {
  static const struct {
    const char *placeholder, *suffix;
    const void *data;
    size_t len;
  } kinds[] = {{"{IMAGE}", ".png", small_png, sizeof(small_png)},
               {"{PDF}", ".pdf", small_pdf, sizeof(small_pdf) - 1},
               {"{TEXT}", ".txt", small_text, sizeof(small_text) - 1}};
  size_t k = 0;
  while (k < 3 && strcmp(arg, kinds[k].placeholder)) k++;
  if (k == 3) return arg;
  const char *suffix = kinds[k].suffix;
  const void *data = kinds[k].data;
  size_t len = kinds[k].len;
  char templ[64];
  snprintf(templ, sizeof templ, "/tmp/genai-example-XXXXXX%s", suffix);
  char *path = strdup(templ);
  int fd = path ? mkstemps(path, 4) : -1;
  *written = 1;
  if (fd < 0 || write(fd, data, len) != (ssize_t)len) {
    fail(c, "cannot write the test file: %s", strerror(errno));
    if (fd >= 0) {
      close(fd);
      unlink(path);
    }
    free(path);
    return NULL;
  }
  close(fd);
  return path;
}

static void print_indented(const char *label, const capture *cap) {
  fprintf(stderr, "  --- %s ---\n", label);
  if (cap->len) fputs(cap->data, stderr);
  if (cap->len && cap->data[cap->len - 1] != '\n') fputc('\n', stderr);
}

/* A new RSA key for the case: its public half goes to the emulator's
 * token endpoint, the private half into a service-account file whose
 * token_uri is the emulator. Returns 0 or -1 (reported). */
static int make_service_account(const example_case *c, emu_harness *emu) {
  EVP_PKEY *k = EVP_RSA_gen(2048);
  BIO *priv = BIO_new(BIO_s_mem()), *pub = BIO_new(BIO_s_mem());
  int ok = k && priv && pub && PEM_write_bio_PrivateKey(priv, k, NULL, NULL, 0, NULL, NULL) == 1 &&
           PEM_write_bio_PUBKEY(pub, k) == 1;
  char *priv_pem = NULL, *pub_pem = NULL;
  long priv_len = ok ? BIO_get_mem_data(priv, &priv_pem) : 0, pub_len = ok ? BIO_get_mem_data(pub, &pub_pem) : 0;
  char token_uri[128];
  snprintf(token_uri, sizeof token_uri, "%s/token", emu->base_url);
  json_t *keys = ok ? json_pack("{s:[{s:s%}]}", "public_keys", "public_key_pem", pub_pem, (size_t)pub_len) : NULL;
  json_t *sa = ok ? json_pack("{s:s, s:s, s:s%, s:s, s:s}", "type", "service_account", "client_email",
                              "examples@test-project.iam.gserviceaccount.com", "private_key", priv_pem,
                              (size_t)priv_len, "token_uri", token_uri, "project_id", "test-project")
                  : NULL;
  char *keys_text = keys ? json_dumps(keys, 0) : NULL;
  ok = keys_text && sa && emu_post(emu, "/_emulator/oauth", keys_text, NULL) == 200 &&
       json_dump_file(sa, sa_file, 0) == 0;
  free(keys_text);
  json_decref(keys);
  json_decref(sa);
  BIO_free(priv);
  BIO_free(pub);
  EVP_PKEY_free(k);
  if (!ok) fail(c, "could not make the service account key");
  return ok ? 0 : -1;
}

/* Runs one case; returns the number of failed checks. */
static int run_case(const example_case *c, const char *program, const char *valgrind) {
  failures_in_case = 0;
  emu_harness emu;
  const char *emu_args[] = {"--api-key", KEY, "--bearer-token", TOKEN, "--quiet", NULL};
  const char *adc_args[] = {"--api-key", KEY, "--require-oauth", "--quiet", NULL};
  if (emu_start(&emu, c->adc ? adc_args : emu_args) != 0) {
    fail(c, "could not start the emulator");
    return failures_in_case;
  }
  if (c->adc) make_service_account(c, &emu);
  char *argv_valgrind[16] = {(char *)valgrind, "--quiet", "--tool=memcheck", "--error-exitcode=99",
                             "--leak-check=full", "--errors-for-leak-kinds=definite",
                             "--show-leak-kinds=definite", (char *)program};
  char *argv_plain[8] = {(char *)program};
  char *files[4] = {NULL};
  for (size_t i = 0, nv = 8, np = 1; i < 4 && c->args[i]; i++) {
    int written = 0;
    char *arg = write_arg_file(c, (char *)c->args[i], &written);
    if (written) files[i] = arg;
    argv_valgrind[nv++] = argv_plain[np++] = arg;
  }
  capture out = {0}, err = {0};
  int status = failures_in_case ? -1
                                : run_program(c, emu.base_url, valgrind ? argv_valgrind : argv_plain,
                                              valgrind ? 300 : 60, &out, &err);
  for (size_t i = 0; i < 4; i++) {
    if (files[i]) unlink(files[i]);
    free(files[i]);
  }
  if (status != -1) {
    if (WIFSIGNALED(status))
      fail(c, "killed by signal %d", WTERMSIG(status));
    else if (WEXITSTATUS(status) == 99 && valgrind)
      fail(c, "valgrind found memory errors or definite leaks (see stderr)");
    else if (WEXITSTATUS(status) != 0)
      fail(c, "exit status %d, expected 0", WEXITSTATUS(status));
    for (size_t i = 0; i < MAX_ITEMS && c->stdout_has[i]; i++) {
      char *want = expand(c->stdout_has[i], emu.base_url);
      if (!want || !strstr(out.data ? out.data : "", want)) fail(c, "stdout lacks:\n%s", want ? want : "?");
      free(want);
    }
    check_requests(c, &emu);
  }
  if (c->adc) unlink(sa_file);
  if (emu_stop(&emu) != 0) fail(c, "the emulator did not shut down cleanly");
  if (failures_in_case) {
    print_indented("stdout", &out);
    print_indented("stderr", &err);
  } else {
    printf("ok %s%s\n", c->name, valgrind ? " (valgrind)" : "");
    if (out.len) fputs(out.data, stdout);
  }
  free(out.data);
  free(err.data);
  return failures_in_case;
}

static const example_case *find_case(const char *name, size_t len) {
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
    if (strlen(cases[i].name) == len && !strncmp(cases[i].name, name, len)) return &cases[i];
  return NULL;
}

int main(int argc, char **argv) {
  const char *valgrind = NULL;
  int first = 1;
  if (argc > 2 && !strcmp(argv[1], "--valgrind")) {
    valgrind = argv[2];
    first = 3;
  }
  if (first >= argc) {
    fprintf(stderr, "usage: run_example [--valgrind VALGRIND] CASE=PROGRAM...\n");
    return 2;
  }
  /* A closed stdout (e.g. `| head`) must not kill the runner before it has
   * stopped its emulator. */
  signal(SIGPIPE, SIG_IGN);
  snprintf(sa_file, sizeof sa_file, "/tmp/genai-example-sa-%d.json", (int)getpid());
  /* The emulator is on the loopback interface: never go through a proxy. */
  setenv("NO_PROXY", "127.0.0.1,localhost", 1);
  setenv("no_proxy", "127.0.0.1,localhost", 1);
  int failed = 0;
  for (int i = first; i < argc; i++) {
    const char *eq = strchr(argv[i], '=');
    const example_case *c = eq ? find_case(argv[i], (size_t)(eq - argv[i])) : NULL;
    if (!c) {
      fprintf(stderr, "run_example: unknown case in '%s'\n", argv[i]);
      return 2;
    }
    failed += run_case(c, eq + 1, valgrind) != 0;
  }
  if (failed) fprintf(stderr, "%d of %d example cases failed\n", failed, argc - first);
  return failed ? 1 : 0;
}
