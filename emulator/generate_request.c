#include "generate_request.h"

#include <string.h>

#include "buf.h"
#include "content_check.h"
#include "function_calling.h"
#include "google_error.h"
#include "json_util.h"
#include "models.h"
#include "request_body.h"
#include "structured_output.h"
#include "tool_check.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const emu_field request_fields[] = {
    {"contents", EMU_ON_BOTH},
    {"systemInstruction", EMU_ON_BOTH},
    {"tools", EMU_ON_BOTH},
    {"toolConfig", EMU_ON_BOTH},
    {"safetySettings", EMU_ON_BOTH},
    {"generationConfig", EMU_ON_BOTH},
    {"cachedContent", EMU_ON_BOTH},
    {"labels", EMU_ON_VERTEX},
    {"modelArmorConfig", EMU_ON_VERTEX},
    {"serviceTier", EMU_ON_BOTH},
};

static void check_shape(emu_shape *s, emu_gen_request *gr) {
  emu_shape_fields(s, gr->root, request_fields, COUNT(request_fields), NULL);
  gr->contents = emu_json_present(gr->root, "contents");
  emu_shape_contents(s, gr->contents, "contents");
  gr->system_instruction = emu_json_present(gr->root, "systemInstruction");
  if (gr->system_instruction) emu_shape_content(s, gr->system_instruction, "system_instruction");
  gr->generation_config = emu_json_present(gr->root, "generationConfig");
  if (gr->generation_config)
    emu_shape_generation_config(s, gr->generation_config, "generation_config");
  gr->tools = emu_json_present(gr->root, "tools");
  emu_shape_tools(s, gr->tools);
  gr->tool_config = emu_json_present(gr->root, "toolConfig");
  if (gr->tool_config) emu_shape_tool_config(s, gr->tool_config);
}

int emu_gen_request_decode(const emu_call *call, emu_gen_request *gr, emu_response *out) {
  memset(gr, 0, sizeof *gr);
  gr->root = emu_request_body_parse(call->req, out);
  if (!gr->root) return -1;
  emu_shape s;
  emu_shape_init(&s, call->path);
  check_shape(&s, gr);
  if (emu_shape_finish(&s, out) != 0) {
    emu_gen_request_dispose(gr);
    return -1;
  }
  return 0;
}

/* Appends the backend's "* Request.field: problem" lines. */
static int semantic_problems(emu_gen_request *gr, emu_buf *msg) {
  if (emu_contents_problems(gr->contents, "GenerateContentRequest", msg) != 0) return -1;
  if (emu_json_list_size(gr->contents) == 0) return 0; /* reported alone */
  long long count = 0, max_tokens = 0;
  emu_json_int(emu_json_present(gr->generation_config, "candidateCount"), &count);
  emu_json_int(emu_json_present(gr->generation_config, "maxOutputTokens"), &max_tokens);
  if (count == 0) count = 1; /* proto3: 0 means unset */
  int rc = 0;
  if (count < 1 || count > 8)
    rc = emu_buf_printf(msg,
                        "* GenerateContentRequest.generation_config.candidate_count: "
                        "candidate_count must be in the range [1, 8], got %lld.\n",
                        count);
  if (rc == 0 && max_tokens < 0)
    rc = emu_buf_printf(msg,
                        "* GenerateContentRequest.generation_config.max_output_tokens: "
                        "max_output_tokens must be positive, got %lld.\n",
                        max_tokens);
  gr->candidate_count = (int)count;
  gr->max_output_tokens = max_tokens;
  gr->stop_sequences = emu_json_present(gr->generation_config, "stopSequences");
  if (rc == 0) rc = emu_tool_problems(gr->contents, gr->tools, msg);
  if (rc == 0) rc = emu_output_problems(gr->generation_config, msg);
  return rc;
}

/* Gemini models before 3 cannot call functions and answer in JSON (or
 * enum) form in one request; the service refuses the combination. */
static int output_conflict(const emu_call *call, const emu_gen_request *gr, emu_buf *msg) {
  if (emu_model_gemini_major(call->path->model) >= 3 ||
      emu_output_kind_of(gr->generation_config) == EMU_OUTPUT_TEXT ||
      !emu_fc_has_declarations(gr->tools))
    return 0;
  return emu_buf_printf(
      msg, "Function calling with a response mime type: '%s' is unsupported",
      json_string_value(emu_json_present(gr->generation_config, "responseMimeType")));
}

int emu_gen_request_check(const emu_call *call, emu_gen_request *gr, emu_response *out) {
  if (!emu_contents_roles_valid(gr->contents)) {
    emu_respond_simple_error(out, 400, "INVALID_ARGUMENT", "Please use a valid role: user, model.");
    return -1;
  }
  emu_buf msg = {0};
  int rc = semantic_problems(gr, &msg);
  /* The turn-order and output checks are each reported alone, after the
   * field problems. */
  if (rc == 0 && msg.len == 0) {
    const char *turns = emu_function_turn_problem(gr->contents);
    rc = turns ? emu_buf_append_str(&msg, turns) : output_conflict(call, gr, &msg);
  }
  if (rc != 0) {
    emu_buf_dispose(&msg);
    emu_response_internal_error(out);
    return -1;
  }
  if (msg.len == 0) return 0;
  emu_respond_simple_error(out, 400, "INVALID_ARGUMENT", msg.data);
  emu_buf_dispose(&msg);
  return -1;
}

void emu_gen_request_dispose(emu_gen_request *gr) {
  json_decref(gr->root);
  memset(gr, 0, sizeof *gr);
}
