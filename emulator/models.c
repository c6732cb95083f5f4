#include "models.h"

#include <string.h>

#include "buf.h"
#include "google_error.h"

static int starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

int emu_model_is_embedding(const char *model_id) {
  return starts_with(model_id, "text-embedding-") || starts_with(model_id, "gemini-embedding-") ||
         starts_with(model_id, "embedding-");
}

int emu_model_is_generative(const char *model_id) {
  return (starts_with(model_id, "gemini-") || starts_with(model_id, "gemma-")) &&
         !emu_model_is_embedding(model_id);
}

int emu_model_gemini_major(const char *model_id) {
  if (!starts_with(model_id, "gemini-")) return 0;
  int major = 0;
  for (const char *p = model_id + 7; *p >= '0' && *p <= '9' && major < 1000; p++)
    major = major * 10 + (*p - '0');
  return major;
}

int emu_model_known(const char *model_id) {
  return emu_model_is_generative(model_id) || emu_model_is_embedding(model_id);
}

void emu_respond_gemini_on_predict(emu_response *out) {
  emu_respond_simple_error(out, 400, "FAILED_PRECONDITION",
                           "Gemini cannot be accessed through Vertex Predict/RawPredict API. "
                           "Please follow https://cloud.google.com/vertex-ai/docs/generative-ai/"
                           "start/quickstarts/quickstart-multimodal for Gemini usage.");
}

static int not_found_message(const emu_api_path *p, emu_buf *msg) {
  /* The service names generateContent for its streaming variant too. */
  const char *rpc = strcmp(p->rpc, "streamGenerateContent") == 0 ? "generateContent" : p->rpc;
  if (p->backend == EMU_BACKEND_MLDEV)
    return emu_buf_printf(msg,
                          "%s/%s is not found for API version %s, or is not supported "
                          "for %s. Call ListModels to see the list of available models "
                          "and their supported methods.",
                          p->collection, p->model, p->version, rpc);
  if (p->express)
    return emu_buf_printf(msg, "Publisher Model `publishers/%s/models/%s` not found.", p->publisher,
                          p->model);
  return emu_buf_printf(msg,
                        "Publisher Model `projects/%s/locations/%s/publishers/%s/models/%s` "
                        "not found.",
                        p->project, p->location, p->publisher, p->model);
}

/* The service wraps the message in a DebugInfo detail of this form. */
static int debug_detail(const char *message, emu_buf *out) {
  if (emu_buf_printf(out,
                     "[ORIGINAL ERROR] generic::not_found: %s "
                     "[google.rpc.error_details_ext] { message: \"",
                     message) != 0)
    return -1;
  for (const char *c = message; *c; c++) {
    if ((*c == '"' || *c == '\\') && emu_buf_append(out, "\\", 1) != 0) return -1;
    if (emu_buf_append(out, c, 1) != 0) return -1;
  }
  return emu_buf_append_str(out, "\" }");
}

void emu_respond_model_not_found(const emu_call *call, emu_response *out) {
  emu_buf msg = {0}, debug = {0};
  json_t *err = NULL;
  if (not_found_message(call->path, &msg) == 0 && debug_detail(msg.data, &debug) == 0)
    err = emu_error_with_detail(emu_error_new(404, "NOT_FOUND", msg.data),
                                emu_detail_debug_info(debug.data));
  emu_respond_error(out, err);
  emu_buf_dispose(&msg);
  emu_buf_dispose(&debug);
}
