/* Dotted-path access into JSON for assertions: "candidates.0.content.role". */
#ifndef EMU_TEST_JSON_PATH_H
#define EMU_TEST_JSON_PATH_H

#include <jansson.h>

/* The value at `path` (object keys and array indexes separated by '.'), or
 * NULL. Borrowed. */
json_t *jp(const json_t *root, const char *path);

/* String at path, or NULL when absent or not a string. */
const char *jp_str(const json_t *root, const char *path);

/* Integer at path, or -1 when absent or not an integer. */
long long jp_int(const json_t *root, const char *path);

#endif
