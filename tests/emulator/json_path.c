#include "json_path.h"

#include <stdlib.h>
#include <string.h>

json_t *jp(const json_t *root, const char *path) {
  const json_t *cur = root;
  char key[128];
  while (cur && *path) {
    size_t n = strcspn(path, ".");
    if (n >= sizeof key) return NULL;
    memcpy(key, path, n);
    key[n] = '\0';
    path += n + (path[n] == '.');
    if (json_is_array(cur)) {
      char *end;
      long i = strtol(key, &end, 10);
      cur = (*end || i < 0) ? NULL : json_array_get(cur, (size_t)i);
    } else {
      cur = json_object_get(cur, key);
    }
  }
  return (json_t *)cur;
}

const char *jp_str(const json_t *root, const char *path) {
  return json_string_value(jp(root, path));
}

long long jp_int(const json_t *root, const char *path) {
  const json_t *v = jp(root, path);
  return json_is_integer(v) ? (long long)json_integer_value(v) : -1;
}
