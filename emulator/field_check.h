/* Request-body checks that mirror Google's JSON transcoder: unknown field
 * names and values of the wrong type become google.rpc.BadRequest field
 * violations, reported together in one 400 INVALID_ARGUMENT. Field paths use
 * the proto (snake_case) names, e.g. 'contents[0].parts[1]'. */
#ifndef EMU_FIELD_CHECK_H
#define EMU_FIELD_CHECK_H

#include <stddef.h>

#include <jansson.h>

#include "api_path.h"

#define EMU_ON_MLDEV 1u
#define EMU_ON_VERTEX 2u
#define EMU_ON_BOTH (EMU_ON_MLDEV | EMU_ON_VERTEX)

/* A field a message accepts: lowerCamelCase name (snake_case is accepted
 * too) and the backends that know it. */
typedef struct emu_field {
  const char *name;
  unsigned backends;
} emu_field;

typedef struct emu_violations {
  json_t *list; /* fieldViolations, created on first use */
  int out_of_memory;
} emu_violations;

/* Reports each member of `obj` that is not in known[0..count) for `backend`.
 * `at` is the snake_case path of obj, or NULL for the request root. */
void emu_check_fields(const json_t *obj, const emu_field *known, size_t count, emu_backend backend,
                      const char *at, emu_violations *v);

/* Reports `value` as invalid for the field at `at` whose type is `type`
 * (a proto scalar such as TYPE_INT32 or a message type URL). */
void emu_violation_invalid(emu_violations *v, const char *at, const char *type,
                           const json_t *value);

int emu_violations_found(const emu_violations *v);

/* The 400 envelope listing every violation; NULL when out of memory. Leaves
 * `v` empty. */
json_t *emu_violations_error(emu_violations *v);

void emu_violations_dispose(emu_violations *v);

#endif
