#include "field_check.h"

#include <stdlib.h>

#include "buf.h"
#include "google_error.h"
#include "json_util.h"

static unsigned backend_bit(emu_backend b) {
  return b == EMU_BACKEND_MLDEV ? EMU_ON_MLDEV : b == EMU_BACKEND_VERTEX ? EMU_ON_VERTEX : 0;
}

static void add(emu_violations *v, const char *field, const char *description) {
  if (!v->list && !(v->list = json_array())) {
    v->out_of_memory = 1;
    return;
  }
  json_t *item = field ? json_pack("{s:s, s:s}", "field", field, "description", description)
                       : json_pack("{s:s}", "description", description);
  if (json_array_append_new(v->list, item) != 0) v->out_of_memory = 1;
}

static int is_known(const char *name, const emu_field *known, size_t count, unsigned bit) {
  for (size_t i = 0; i < count; i++)
    if ((known[i].backends & bit) && emu_field_name_matches(name, known[i].name)) return 1;
  return 0;
}

void emu_check_fields(const json_t *obj, const emu_field *known, size_t count, emu_backend backend,
                      const char *at, emu_violations *v) {
  unsigned bit = backend_bit(backend);
  const char *name;
  json_t *value;
  json_object_foreach((json_t *)obj, name, value) {
    if (is_known(name, known, count, bit)) continue;
    emu_buf msg = {0};
    int rc = at ? emu_buf_printf(&msg,
                                 "Invalid JSON payload received. Unknown name \"%s\" at "
                                 "'%s': Cannot find field.",
                                 name, at)
                : emu_buf_printf(&msg,
                                 "Invalid JSON payload received. Unknown name \"%s\": "
                                 "Cannot find field.",
                                 name);
    if (rc != 0)
      v->out_of_memory = 1;
    else
      add(v, at, msg.data);
    emu_buf_dispose(&msg);
  }
}

void emu_violation_invalid(emu_violations *v, const char *at, const char *type,
                           const json_t *value) {
  char *shown = emu_json_compact(value);
  emu_buf msg = {0};
  if (!shown || emu_buf_printf(&msg, "Invalid value at '%s' (%s), %s", at, type, shown) != 0)
    v->out_of_memory = 1;
  else
    add(v, at, msg.data);
  emu_buf_dispose(&msg);
  free(shown);
}

int emu_violations_found(const emu_violations *v) {
  return v->out_of_memory || json_array_size(v->list) > 0;
}

json_t *emu_violations_error(emu_violations *v) {
  if (v->out_of_memory) return NULL;
  emu_buf msg = {0};
  for (size_t i = 0; i < json_array_size(v->list); i++) {
    const char *d = json_string_value(json_object_get(json_array_get(v->list, i), "description"));
    if ((i && emu_buf_append_str(&msg, "\n") != 0) || emu_buf_append_str(&msg, d) != 0) {
      emu_buf_dispose(&msg);
      return NULL;
    }
  }
  json_t *err = emu_error_new(400, "INVALID_ARGUMENT", msg.data ? msg.data : "");
  emu_buf_dispose(&msg);
  json_t *list = v->list;
  v->list = NULL;
  return emu_error_with_detail(err, emu_detail_bad_request(list));
}

void emu_violations_dispose(emu_violations *v) {
  json_decref(v->list);
  v->list = NULL;
  v->out_of_memory = 0;
}
