/* The emulator's token rule, used for usage metadata and maxOutputTokens.
 *
 * A token is a maximal run of ASCII letters and digits, or any single other
 * character that is not whitespace (a multi-byte UTF-8 character is one
 * token). Whitespace (space, \t, \n, \v, \f, \r) separates tokens and is not
 * one. Example: "Hello, wörld!" has 6 tokens: Hello , w ö rld ! */
#ifndef EMU_TOKENS_H
#define EMU_TOKENS_H

#include <stddef.h>

/* Finds the first token at or after byte *pos. Returns 0 when there is none;
 * else sets *start to its first byte, *pos to the byte after it, and
 * returns 1. Start with *pos = 0 to walk all tokens of a text. */
int emu_token_next(const char *s, size_t len, size_t *pos, size_t *start);

/* Number of tokens in s[0..len). */
size_t emu_token_count(const char *s, size_t len);

/* Byte length of the prefix of s[0..len) that ends with its `max_tokens`-th
 * token (so no trailing whitespace), or `len` when s has at most `max_tokens`
 * tokens. */
size_t emu_token_prefix(const char *s, size_t len, size_t max_tokens);

/* The character rule, used for Vertex AI's billable character counts: the
 * number of characters (UTF-8 code points; a malformed byte counts as one)
 * in s[0..len) that are not whitespace. "Hello world" has 10. */
size_t emu_billable_chars(const char *s, size_t len);

#endif
