/* Base64 in both alphabets. The Python SDK writes bytes fields with the
 * URL-safe alphabet, a few (Imagen/Veo) with the standard one, and accepts
 * either when reading (reference/python-genai.md §2.6). */
#ifndef GENAI_CORE_BASE64_H
#define GENAI_CORE_BASE64_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Characters needed to encode n bytes, with padding, without the NUL. */
size_t genai__base64_encoded_len(size_t n);
/* Writes the padded encoding of data into out (which holds
 * genai__base64_encoded_len(n) + 1 bytes) and NUL-terminates it. */
void genai__base64_encode(const uint8_t *data, size_t n, bool url_safe, char *out);
/* Decodes either alphabet, padded or not, into out (which holds at least
 * len * 3 / 4 + 3 bytes). Returns false on a character outside both
 * alphabets or a malformed length; *out_len receives the decoded size. */
bool genai__base64_decode(const char *text, size_t len, uint8_t *out, size_t *out_len);

#endif
