#include "content_text.h"

#include "json_util.h"
#include "tokens.h"

/* The i-th part's text, or NULL when that part has none. */
static const json_t *part_text(const json_t *parts, size_t i) {
  const json_t *text = emu_json_field(emu_json_list_get(parts, i), "text");
  return json_is_string(text) ? text : NULL;
}

int emu_content_join_text(const json_t *content, emu_buf *out) {
  const json_t *parts = emu_json_field(content, "parts");
  int found = 0;
  for (size_t i = 0; i < emu_json_list_size(parts); i++) {
    const json_t *text = part_text(parts, i);
    if (!text) continue;
    if ((found && emu_buf_append(out, " ", 1) != 0) ||
        emu_buf_append(out, json_string_value(text), json_string_length(text)) != 0)
      return -1;
    found = 1;
  }
  return found;
}

size_t emu_part_tokens(const json_t *part) {
  const json_t *text = emu_json_field(part, "text");
  return json_is_string(text) ? emu_token_count(json_string_value(text), json_string_length(text))
                              : 0;
}

size_t emu_content_tokens(const json_t *content) {
  const json_t *parts = emu_json_field(content, "parts");
  size_t n = 0;
  for (size_t i = 0; i < emu_json_list_size(parts); i++) {
    const json_t *text = part_text(parts, i);
    if (text) n += emu_token_count(json_string_value(text), json_string_length(text));
  }
  return n;
}

size_t emu_content_billable_chars(const json_t *content) {
  const json_t *parts = emu_json_field(content, "parts");
  size_t n = 0;
  for (size_t i = 0; i < emu_json_list_size(parts); i++) {
    const json_t *text = part_text(parts, i);
    if (text) n += emu_billable_chars(json_string_value(text), json_string_length(text));
  }
  return n;
}

size_t emu_contents_tokens(const json_t *contents) {
  size_t n = 0;
  for (size_t i = 0; i < emu_json_list_size(contents); i++)
    n += emu_content_tokens(emu_json_list_get(contents, i));
  return n;
}

size_t emu_contents_billable_chars(const json_t *contents) {
  size_t n = 0;
  for (size_t i = 0; i < emu_json_list_size(contents); i++)
    n += emu_content_billable_chars(emu_json_list_get(contents, i));
  return n;
}
