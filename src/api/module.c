#include "api/module.h"

genai_result genai__call_method(genai_client *client, genai_multi *multi, const genai_op_callbacks *callbacks,
                                genai_op **op, const genai__method *m, const void *params,
                                const genai_http_options *http_options, const genai__op_hooks *hooks, void **value) {
  genai__call_options opts = {.http_options = http_options};
  void *unused = NULL;
  genai_result rc =
      genai__op_launch(client, multi, m, params, &opts, hooks, false, callbacks, op, value ? value : &unused);
  genai__value_free(unused);
  return rc;
}
