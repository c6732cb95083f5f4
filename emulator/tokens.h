/* The emulator's token rule, used for usage metadata and maxOutputTokens.
 *
 * A token is a maximal run of ASCII letters and digits, or any single other
 * character that is not whitespace (a multi-byte UTF-8 character is one
 * token). Whitespace (space, \t, \n, \v, \f, \r) separates tokens and is not
 * one. Example: "Hello, wörld!" has 6 tokens: Hello , w ö rld ! */
#ifndef EMU_TOKENS_H
#define EMU_TOKENS_H

#include <stddef.h>

/* Number of tokens in s[0..len). */
size_t emu_token_count(const char *s, size_t len);

/* Byte length of the prefix of s[0..len) that ends with its `max_tokens`-th
 * token (so no trailing whitespace), or `len` when s has at most `max_tokens`
 * tokens. */
size_t emu_token_prefix(const char *s, size_t len, size_t max_tokens);

#endif
