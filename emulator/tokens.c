#include "tokens.h"

static int is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

static int is_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Length of the UTF-8 character starting at s[0]; malformed bytes count alone
 * so that any input terminates. */
static size_t char_len(const unsigned char *s, size_t avail) {
  size_t n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 1;
  if (n > avail) return 1;
  for (size_t k = 1; k < n; k++)
    if ((s[k] & 0xC0) != 0x80) return 1;
  return n;
}

/* Finds the next token at or after *pos; returns 0 when there is none, else
 * sets *start to its first byte, *pos to the byte after it and returns 1. */
static int next_token_at(const unsigned char *s, size_t len, size_t *pos, size_t *start) {
  size_t i = *pos;
  while (i < len && is_space(s[i])) i++;
  if (i == len) return 0;
  *start = i;
  if (is_alnum(s[i])) {
    while (i < len && is_alnum(s[i])) i++;
  } else {
    i += char_len(s + i, len - i);
  }
  *pos = i;
  return 1;
}

static int next_token(const unsigned char *s, size_t len, size_t *pos) {
  size_t start;
  return next_token_at(s, len, pos, &start);
}

int emu_token_next(const char *s, size_t len, size_t *pos, size_t *start) {
  return next_token_at((const unsigned char *)s, len, pos, start);
}

size_t emu_token_count(const char *s, size_t len) {
  size_t pos = 0, n = 0;
  while (next_token((const unsigned char *)s, len, &pos)) n++;
  return n;
}

size_t emu_token_prefix(const char *s, size_t len, size_t max_tokens) {
  size_t pos = 0;
  for (size_t n = 0; n < max_tokens; n++)
    if (!next_token((const unsigned char *)s, len, &pos)) return len;
  /* Exactly max_tokens consumed: the text is unchanged only if none remain. */
  size_t probe = pos;
  return next_token((const unsigned char *)s, len, &probe) ? pos : len;
}

size_t emu_billable_chars(const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  size_t n = 0;
  for (size_t i = 0; i < len; i += char_len(u + i, len - i))
    if (!is_space(u[i])) n++;
  return n;
}
