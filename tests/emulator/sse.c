#include "sse.h"

#include <string.h>

json_t *sse_parse(const char *body, size_t len, size_t *offsets, size_t max) {
  json_t *events = json_array();
  size_t pos = 0;
  while (events && pos < len) {
    if (len - pos < 6 || memcmp(body + pos, "data: ", 6) != 0) goto bad;
    const char *line = body + pos + 6;
    const char *end = NULL;
    for (const char *p = line; p + 4 <= body + len; p++)
      if (memcmp(p, "\r\n\r\n", 4) == 0) {
        end = p;
        break;
      }
    if (!end || memchr(line, '\n', (size_t)(end - line)) ||
        memchr(line, '\r', (size_t)(end - line)))
      goto bad;
    json_t *doc = json_loadb(line, (size_t)(end - line), 0, NULL);
    if (!doc) goto bad;
    if (offsets && json_array_size(events) < max) offsets[json_array_size(events)] = pos;
    json_array_append_new(events, doc);
    pos = (size_t)(end - body) + 4;
  }
  return events;
bad:
  json_decref(events);
  return NULL;
}
