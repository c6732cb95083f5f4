/* What the Live API integration tests share: the model, a text-only
 * config, and the weather function the emulator's tool calls ask for. */
#ifndef GENAI_TESTS_LIVE_ITEST_H
#define GENAI_TESTS_LIVE_ITEST_H

#include <genai/genai.h>

#define LIVE_MODEL "gemini-live-2.5-flash-preview"
#define LIVE_WEATHER_SCHEMA \
  "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},\"required\":[\"location\"]}"

static const genai_live_connect_config text_config = {
    GENAI_INIT(genai_live_connect_config),
    .response_modalities = (const genai_modality[]){GENAI_MODALITY_TEXT},
    .response_modalities_count = 1};

/* get_current_weather as a C function calling `call`. */
static inline genai_function live_weather_function(genai_function_callback call) {
  return (genai_function){GENAI_INIT(genai_function), .name = "get_current_weather",
                          .description = "Get the current weather in a given location",
                          .parameters_json_schema = LIVE_WEATHER_SCHEMA, .call = call};
}

#endif
