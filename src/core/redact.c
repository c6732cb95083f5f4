#include "core/redact.h"

#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"

#define MIN_SECRET_LEN 4

void genai__secrets_add(genai__secrets *s, const char *secret) {
  if (secret && strlen(secret) >= MIN_SECRET_LEN && s->count < sizeof(s->items) / sizeof(s->items[0]))
    s->items[s->count++] = secret;
}

/* Index of the earliest secret occurrence at or after `from`, or len. */
static size_t next_secret(const char *text, size_t len, size_t from, const genai__secrets *s, size_t *which) {
  size_t best = len;
  for (size_t k = 0; s && k < s->count; k++) {
    size_t slen = strlen(s->items[k]);
    for (size_t i = from; i + slen <= len && i < best; i++) {
      if (!memcmp(text + i, s->items[k], slen)) {
        best = i;
        *which = k;
        break;
      }
    }
  }
  return best;
}

static size_t utf8_cut(const char *text, size_t n) {
  while (n > 0 && ((unsigned char)text[n] & 0xc0) == 0x80) n--;
  return n;
}

char *genai__redact(const char *text, size_t len, const genai__secrets *s, size_t max) {
  genai__buf b = {0};
  size_t i = 0;
  while (i < len) {
    size_t which = 0;
    size_t at = next_secret(text, len, i, s, &which);
    if (genai__buf_append(&b, text + i, at - i) != GENAI_OK) goto oom;
    if (at == len) break;
    if (genai__buf_puts(&b, "[REDACTED]") != GENAI_OK) goto oom;
    i = at + strlen(s->items[which]);
  }
  if (b.len > max) {
    size_t total = b.len;
    b.len = utf8_cut(b.data, max);
    b.data[b.len] = '\0';
    if (genai__buf_printf(&b, "... [%zu more bytes not shown]", total - b.len) != GENAI_OK) goto oom;
  }
  return genai__buf_take(&b);
oom:
  genai__buf_free(&b);
  return NULL;
}
