/* Checks of function calling and schemas in a GenerateContentRequest
 * (docs/emulator.md, "Request validation" and "Function calling"):
 *
 *  - transcoder shape checks (step 4 of the order of checks), collected with
 *    the other field violations: unknown field names in function
 *    declarations, FunctionCallingConfig and OpenAPI Schema objects, enum
 *    values (Type, FunctionCallingConfig.Mode), Struct fields
 *    (functionCall.args, functionResponse.response) that are not objects;
 *  - the model's own checks (step 6): names, enums on non-STRING
 *    parameters, and the order of function call and response turns. */
#ifndef EMU_TOOL_CHECK_H
#define EMU_TOOL_CHECK_H

#include <jansson.h>

#include "buf.h"
#include "content_check.h"

/* `tools` (a list of Tool) at "tools". */
void emu_shape_tools(emu_shape *s, const json_t *tools);

/* A ToolConfig at "tool_config". */
void emu_shape_tool_config(emu_shape *s, const json_t *tool_config);

/* An OpenAPI Schema (responseSchema, parameters) at `at`, recursively. */
void emu_shape_schema(emu_shape *s, const json_t *schema, const char *at);

/* The functionCall / functionResponse member of a part at `at`
 * ("contents[0].parts[1]"). */
void emu_shape_function_parts(emu_shape *s, const json_t *part, const char *at);

/* Appends the model's "* GenerateContentRequest...: problem\n" lines about
 * function names (declarations, calls, responses) and parameter enums.
 * 0, or -1 when out of memory. */
int emu_tool_problems(const json_t *contents, const json_t *tools, emu_buf *msg);

/* The service's message for a function call or response turn in the wrong
 * place (mixed with the other kind, not after the right turn, response
 * count not matching the call count), or NULL when the turns are fine. */
const char *emu_function_turn_problem(const json_t *contents);

#endif
