/**
 * @file functions.h
 * Function calling: C functions as tools, the C form of passing Python
 * functions in `tools=[get_current_weather]`.
 *
 * A genai_function describes a function (name, description, JSON Schemas of
 * its arguments and result) and points to a callback. Put it in a tool:
 * @code
 *   static void get_current_weather(void *user_data, const char *args_json, genai_function_result *result) {
 *     (void)user_data; (void)args_json;                 // {"location": "Boston"}
 *     genai_function_result_set_text(result, "sunny");  // sent as {"result": "sunny"}
 *   }
 *   static const genai_function weather = {
 *       GENAI_INIT(genai_function), .name = "get_current_weather",
 *       .description = "Returns the current weather.",
 *       .parameters_json_schema = "{\"type\": \"object\", \"properties\": {\"location\": {\"type\": "
 *                                 "\"string\", \"description\": \"The city and state\"}}, "
 *                                 "\"required\": [\"location\"]}",
 *       .call = get_current_weather};
 *   genai_tool tool = {GENAI_INIT(genai_tool), .function = &weather};
 *   genai_generate_content_config config = {GENAI_INIT(genai_generate_content_config),
 *       .tools = (const genai_tool *const[]){&tool}, .tools_count = 1};
 * @endcode
 * genai_models_generate_content() then runs the Python SDK's automatic
 * function calling loop: while the model asks for functions, it calls them
 * (in the order the model gave, parallel calls included), sends their results
 * back and asks again, until the model answers without a call or
 * `automatic_function_calling.maximum_remote_calls` (default 10) calls were
 * made. The response's `automatic_function_calling_history` holds the turns.
 *
 * A tool holding a function is sent as the function's FunctionDeclaration
 * (`parametersJsonSchema`, `responseJsonSchema`), also when automatic function
 * calling is disabled: the answer's function calls are then returned to you
 * (genai_response_function_calls()).
 */
#ifndef GENAI_FUNCTIONS_H
#define GENAI_FUNCTIONS_H

#include <genai/common.h>
#include <genai/errors.h>
#include <genai/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Where a callback puts its result; owned by the library. */
typedef struct genai_function_result genai_function_result;

/**
 * A function the model may call.
 * @param user_data  genai_function.user_data.
 * @param args_json  the call's arguments as a JSON object text ("{}" when the
 *                   model sent none); numbers with an integral value are
 *                   written as integers (3, not 3.0), as the Python SDK
 *                   converts them. Borrowed for the call.
 * @param result     set it with one of the genai_function_result_set_*
 *                   functions; left unset, the model is told the function
 *                   returned no result.
 * Called on the thread that called the library, one call at a time.
 */
typedef void (*genai_function_callback)(void *user_data, const char *args_json, genai_function_result *result);

struct genai_function {
  size_t struct_size;
  const char *name;                   /**< required: the name the model calls it by */
  const char *description;            /**< what it does, for the model (Python: the docstring) */
  const char *parameters_json_schema; /**< JSON Schema of the arguments object; NULL: no parameters */
  const char *response_json_schema;   /**< JSON Schema of the result; NULL: not declared */
  genai_function_callback call;       /**< required */
  void *user_data;                    /**< passed to `call` */
};

/**
 * The function succeeded: `value_json` (any JSON value text, copied) is sent
 * as `{"result": value}`.
 * @return GENAI_OK; GENAI_EINVAL when value_json is not JSON; GENAI_ENOMEM.
 */
GENAI_API GENAI_NODISCARD genai_result genai_function_result_set_json(genai_function_result *result,
                                                                      const char *value_json);

/** The function succeeded with a text result: sent as `{"result": "text"}`. */
GENAI_API GENAI_NODISCARD genai_result genai_function_result_set_text(genai_function_result *result, const char *text);

/**
 * The function failed: sent as `{"error": "message"}`, so the model can react
 * (the Python SDK does this with the exception's text).
 */
GENAI_API GENAI_NODISCARD genai_result genai_function_result_set_error(genai_function_result *result,
                                                                       const char *message);

#ifdef __cplusplus
}
#endif
#endif /* GENAI_FUNCTIONS_H */
