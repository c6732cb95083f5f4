/* The text of Content messages and what the emulator's rules count in it:
 * tokens (tokens.h) and billable characters. Only `text` parts count; inline
 * data, files, function calls ... are skipped. */
#ifndef EMU_CONTENT_TEXT_H
#define EMU_CONTENT_TEXT_H

#include <stddef.h>

#include <jansson.h>

#include "buf.h"

/* Appends the text parts of `content`, separated by single spaces. Returns
 * 1 if it had any text part, 0 if none, -1 when out of memory. */
int emu_content_join_text(const json_t *content, emu_buf *out);

/* Tokens in one part's text (0 when it has none). */
size_t emu_part_tokens(const json_t *part);

/* Tokens in the text parts of one content. */
size_t emu_content_tokens(const json_t *content);

/* Billable characters (emu_billable_chars) in the text parts of one content. */
size_t emu_content_billable_chars(const json_t *content);

/* Sums of the above over a list of contents (see emu_json_list_*). */
size_t emu_contents_tokens(const json_t *contents);
size_t emu_contents_billable_chars(const json_t *contents);

#endif
