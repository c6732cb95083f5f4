#include "api/afc.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

#include "api/contents.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/log.h"
#include "core/structsize.h"
#include "wire/clone.h"
#include "wire/codec.h"
#include "wire/json_read.h"
#include "wire/types_gen.h"

/* What a callback set: the response object sent back, as JSON text. */
struct genai_function_result {
  char *response_json; /* {"result": ...} or {"error": ...}; genai__free */
};

#define DEFAULT_MAX_REMOTE_CALLS 10

static genai_result oom(void) { return genai__err(GENAI_ENOMEM, "out of memory"); }

static genai_result set_response(genai_function_result *r, const char *key, json_t *value) {
  if (!value) return oom();
  json_t *obj = json_object();
  if (!obj || json_object_set_new(obj, key, value) != 0) {
    json_decref(obj);
    return oom();
  }
  char *text = genai__json_dump(obj);
  json_decref(obj);
  if (!text) return oom();
  genai__free(r->response_json);
  r->response_json = text;
  return GENAI_OK;
}

genai_result genai_function_result_set_json(genai_function_result *r, const char *value_json) {
  if (!r) return genai__err(GENAI_EINVAL, "result is NULL");
  if (!value_json) return genai__err(GENAI_EINVAL, "value_json is NULL");
  json_error_t jerr;
  bool no_mem;
  json_t *v = genai__json_loads(value_json, JSON_DECODE_ANY, &jerr, &no_mem);
  if (no_mem) return oom();
  if (!v) return genai__err(GENAI_EINVAL, "value_json is not JSON: %s (column %d)", jerr.text, jerr.column);
  return set_response(r, "result", v);
}

genai_result genai_function_result_set_text(genai_function_result *r, const char *text) {
  if (!r) return genai__err(GENAI_EINVAL, "result is NULL");
  if (!text) return genai__err(GENAI_EINVAL, "text is NULL");
  return set_response(r, "result", json_string(text));
}

genai_result genai_function_result_set_error(genai_function_result *r, const char *message) {
  if (!r) return genai__err(GENAI_EINVAL, "result is NULL");
  if (!message) return genai__err(GENAI_EINVAL, "message is NULL");
  return set_response(r, "error", json_string(message));
}

/* should_disable_afc: maximum_remote_calls <= 0, or disable. */
static bool afc_disabled(const genai_automatic_function_calling_config *a) {
  if (!a) return false;
  if (a->maximum_remote_calls && *a->maximum_remote_calls <= 0) {
    genai__log(GENAI_LOG_WARN, "max_remote_calls in automatic_function_calling_config %d is less than or equal to "
                               "0. Disabling automatic function calling. Please set max_remote_calls to a positive "
                               "integer.", (int)*a->maximum_remote_calls);
    return true;
  }
  if (!a->disable || !*a->disable) return false;
  if (a->maximum_remote_calls && *a->maximum_remote_calls > 0)
    genai__log(GENAI_LOG_WARN, "`automatic_function_calling.disable` is set to `True`. And "
                               "`automatic_function_calling.maximum_remote_calls` is a positive number %d. Disabling "
                               "automatic function calling.", (int)*a->maximum_remote_calls);
  return true;
}

genai_result genai__afc_setup(genai__arena *arena, const genai_generate_content_config *config, genai__afc *afc,
                              bool *run) {
  memset(afc, 0, sizeof(*afc));
  afc->arena = arena;
  *run = false;
  if (!config) return GENAI_OK;
  genai_automatic_function_calling_config acfg;
  const genai_automatic_function_calling_config *a = NULL;
  if (config->automatic_function_calling) {
    genai_result rc = genai__struct_copy(config->automatic_function_calling, sizeof(acfg),
                                         "config.automatic_function_calling",
                                         "genai_automatic_function_calling_config", &acfg);
    if (rc != GENAI_OK) return rc;
    a = &acfg;
  }
  size_t incompatible = 0, n = 0;
  for (size_t i = 0; i < config->tools_count; i++) {
    const genai_tool *t = config->tools[i];
    if (!t) continue;
    if (t->function_declarations_count) incompatible++;
    if (t->function) n++;
  }
  if (!n || afc_disabled(a)) return GENAI_OK;
  if (incompatible) {
    genai__log(GENAI_LOG_WARN, "%zu of the tools carry function declarations, which are not compatible with "
                               "automatic function calling (AFC). AFC is disabled. If AFC is intended, give C "
                               "functions (genai_tool.function) only.", incompatible);
    return GENAI_OK;
  }
  afc->functions = genai__arena_alloc(arena, n * sizeof(*afc->functions));
  if (!afc->functions) return oom();
  for (size_t i = 0; i < config->tools_count; i++) {
    const genai_function *f = config->tools[i] ? config->tools[i]->function : NULL;
    if (!f) continue;
    for (size_t j = 0; j < afc->functions_count; j++)
      if (f->name && afc->functions[j]->name && !strcmp(f->name, afc->functions[j]->name))
        return genai__err(GENAI_EINVAL, "config.tools[%zu].function: another tool's function is also named %s", i,
                          f->name);
    afc->functions[afc->functions_count++] = f;
  }
  afc->remaining = a && a->maximum_remote_calls ? *a->maximum_remote_calls : DEFAULT_MAX_REMOTE_CALLS;
  afc->append_history = !(a && a->ignore_call_history && *a->ignore_call_history);
  *run = true;
  genai__log(GENAI_LOG_INFO, "AFC is enabled with max remote calls: %d.", (int)afc->remaining);
  return GENAI_OK;
}

static genai_result history_push(genai__afc *afc, const genai_content *c) {
  if (afc->history_count == afc->history_cap) {
    size_t cap = afc->history_cap ? afc->history_cap * 2 : 16;
    const genai_content **grown = genai__arena_alloc(afc->arena, cap * sizeof(*grown));
    if (!grown) return oom();
    if (afc->history_count) memcpy(grown, afc->history, afc->history_count * sizeof(*grown));
    afc->history = grown;
    afc->history_cap = cap;
  }
  afc->history[afc->history_count++] = c;
  return GENAI_OK;
}

genai_result genai__afc_start(genai__afc *afc, const genai_contents *contents) {
  const genai_content *const *list = NULL;
  size_t n = 0;
  genai__path path = {.text = "contents", .len = 8};
  genai_result rc = genai__t_contents(afc->arena, &path, contents, &list, &n);
  for (size_t i = 0; rc == GENAI_OK && i < n; i++) {
    void *copy = NULL;
    rc = genai__clone(afc->arena, &genai__type_content, list[i], &copy);
    if (rc == GENAI_OK) rc = history_push(afc, copy);
  }
  return rc;
}

genai_result genai__afc_contents(genai__afc *afc, const genai_contents **out) {
  size_t n = afc->history_count;
  genai_contents *items = genai__arena_alloc(afc->arena, (n ? n : 1) * sizeof(*items));
  const genai_contents **ptrs = genai__arena_alloc(afc->arena, (n ? n : 1) * sizeof(*ptrs));
  genai_contents *all = genai__arena_alloc(afc->arena, sizeof(*all));
  if (!items || !ptrs || !all) return oom();
  for (size_t i = 0; i < n; i++) {
    items[i] = (genai_contents){GENAI_INIT(genai_contents), .kind = GENAI_CONTENTS_KIND_CONTENT,
                                .content = afc->history[i]};
    ptrs[i] = &items[i];
  }
  *all = (genai_contents){GENAI_INIT(genai_contents), .kind = GENAI_CONTENTS_KIND_LIST, .items = ptrs,
                          .items_count = n};
  *out = all;
  return GENAI_OK;
}

/* convert_number_values_for_function_call_args: 3.0 becomes 3. */
static json_t *integral_numbers(json_t *v) {
  if (json_is_real(v)) {
    double d = json_real_value(v);
    if (d == floor(d) && fabs(d) < 9007199254740992.0) return json_integer((json_int_t)d);
    return json_incref(v);
  }
  if (json_is_object(v)) {
    json_t *out = json_object();
    const char *key;
    json_t *item;
    json_object_foreach(v, key, item) {
      if (!out || json_object_set_new(out, key, integral_numbers(item)) != 0) {
        json_decref(out);
        return NULL;
      }
    }
    return out;
  }
  if (json_is_array(v)) {
    json_t *out = json_array();
    size_t i;
    json_t *item;
    json_array_foreach(v, i, item) {
      if (!out || json_array_append_new(out, integral_numbers(item)) != 0) {
        json_decref(out);
        return NULL;
      }
    }
    return out;
  }
  return json_incref(v);
}

static const genai_function *find_function(const genai__afc *afc, const char *name) {
  for (size_t i = 0; name && i < afc->functions_count; i++)
    if (!strcmp(afc->functions[i]->name, name)) return afc->functions[i];
  return NULL;
}

/* Runs one call; the response object goes to *response_json (arena). */
static genai_result invoke(genai__afc *afc, const genai_function_call *call, const char **response_json) {
  genai_function_result result = {0};
  genai_result rc = GENAI_OK;
  const genai_function *fn = find_function(afc, call->name);
  if (!fn) {
    genai__buf names = {0};
    for (size_t i = 0; i < afc->functions_count; i++)
      (void)genai__buf_printf(&names, "%s%s", i ? ", " : "", afc->functions[i]->name);
    genai__log(GENAI_LOG_WARN, "the model called %s, which is not among the tools' functions", call->name);
    genai__buf msg = {0};
    (void)genai__buf_printf(&msg, "there is no function named %s; the functions are: %s", call->name,
                            names.data ? names.data : "");
    rc = genai_function_result_set_error(&result, msg.data ? msg.data : "no such function");
    genai__buf_free(&names);
    genai__buf_free(&msg);
  } else {
    json_t *raw = json_loads(call->args_json ? call->args_json : "{}", 0, NULL);
    json_t *args = raw ? integral_numbers(raw) : NULL;
    char *args_text = args ? genai__json_dump(args) : NULL;
    json_decref(raw);
    json_decref(args);
    if (!args_text) return oom();
    genai_function fcopy;
    rc = genai__struct_copy(fn, sizeof(fcopy), "function", "genai_function", &fcopy);
    if (rc == GENAI_OK) {
      fcopy.call(fcopy.user_data, args_text, &result);
      if (!result.response_json) {
        genai__buf msg = {0};
        (void)genai__buf_printf(&msg, "%s returned no result", fcopy.name);
        rc = genai_function_result_set_error(&result, msg.data ? msg.data : "no result");
        genai__buf_free(&msg);
      }
    }
    genai__free(args_text);
  }
  if (rc == GENAI_OK && !(*response_json = genai__arena_strdup(afc->arena, result.response_json))) rc = oom();
  genai__free(result.response_json);
  return rc;
}

genai_result genai__afc_call_functions(genai__afc *afc, const genai_content *content, const genai_part ***parts,
                                       size_t *count, size_t *cap) {
  for (size_t i = 0; content && i < content->parts_count; i++) {
    const genai_function_call *call = content->parts[i] ? content->parts[i]->function_call : NULL;
    if (!call || !call->name) continue;
    const char *response_json = NULL;
    genai_result rc = invoke(afc, call, &response_json);
    if (rc != GENAI_OK) return rc;
    genai_function_response *fr = genai__arena_alloc(afc->arena, sizeof(*fr));
    genai_part *p = genai__arena_alloc(afc->arena, sizeof(*p));
    if (!fr || !p) return oom();
    /* the call's id is echoed, so that the model can pair each response with its call; both outlive the
     * response they came from */
    const char *name = genai__arena_strdup(afc->arena, call->name);
    const char *id = call->id ? genai__arena_strdup(afc->arena, call->id) : NULL;
    if (!name || (call->id && !id)) return oom();
    *fr = (genai_function_response){GENAI_INIT(genai_function_response), .name = name, .id = id,
                                    .response_json = response_json};
    *p = (genai_part){GENAI_INIT(genai_part), .function_response = fr};
    if (*count == *cap) {
      size_t ncap = *cap ? *cap * 2 : 4;
      const genai_part **grown = genai__arena_alloc(afc->arena, ncap * sizeof(*grown));
      if (!grown) return oom();
      if (*count) memcpy(grown, *parts, *count * sizeof(*grown));
      *parts = grown;
      *cap = ncap;
    }
    (*parts)[(*count)++] = p;
  }
  return GENAI_OK;
}

genai_result genai__afc_record_round(genai__afc *afc, const genai_content *const *model, size_t model_count,
                                     const genai_part *const *responses, size_t responses_count,
                                     const genai_content **response_turn) {
  genai_result rc = GENAI_OK;
  for (size_t i = 0; rc == GENAI_OK && i < model_count; i++) {
    void *copy = NULL;
    rc = genai__clone(afc->arena, &genai__type_content, model[i], &copy);
    if (rc == GENAI_OK) rc = history_push(afc, copy);
  }
  genai_content *user = genai__arena_alloc(afc->arena, sizeof(*user));
  if (rc == GENAI_OK && !user) rc = oom();
  if (rc == GENAI_OK) {
    *user = (genai_content){GENAI_INIT(genai_content), .role = "user", .parts = responses,
                            .parts_count = responses_count};
    rc = history_push(afc, user);
  }
  if (rc == GENAI_OK && response_turn) *response_turn = user;
  return rc;
}

genai_result genai__afc_attach_history(const genai__afc *afc, genai_generate_content_response *response) {
  if (!afc->append_history || !response || !afc->history_count) return GENAI_OK;
  genai__arena *a = &genai__owned_of(response)->arena;
  const genai_content **list = genai__arena_alloc(a, afc->history_count * sizeof(*list));
  if (!list) return oom();
  for (size_t i = 0; i < afc->history_count; i++) {
    void *copy = NULL;
    genai_result rc = genai__clone(a, &genai__type_content, afc->history[i], &copy);
    if (rc != GENAI_OK) return rc;
    list[i] = copy;
  }
  response->automatic_function_calling_history = list;
  response->automatic_function_calling_history_count = afc->history_count;
  return GENAI_OK;
}

const genai_content *genai__first_content(const genai_generate_content_response *r) {
  return r && r->candidates_count && r->candidates[0] ? r->candidates[0]->content : NULL;
}
