#include "json_util.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

char *emu_json_pretty(const json_t *doc, size_t *out_len) {
  char *text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
  if (!text) return NULL;
  size_t len = strlen(text);
  char *out = realloc(text, len + 2);
  if (!out) {
    free(text);
    return NULL;
  }
  out[len] = '\n';
  out[len + 1] = '\0';
  if (out_len) *out_len = len + 1;
  return out;
}

char *emu_json_compact(const json_t *doc) {
  return json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
}

char *emu_json_wire(const json_t *doc) {
  char *compact = emu_json_compact(doc);
  if (!compact) return NULL;
  size_t colons = 0;
  int in_string = 0, escaped = 0;
  for (const char *p = compact; *p; p++) {
    if (in_string) {
      if (escaped)
        escaped = 0;
      else if (*p == '\\')
        escaped = 1;
      else if (*p == '"')
        in_string = 0;
    } else if (*p == '"') {
      in_string = 1;
    } else if (*p == ':') {
      colons++;
    }
  }
  size_t len = strlen(compact);
  char *out = malloc(len + colons + 1);
  if (!out) {
    free(compact);
    return NULL;
  }
  size_t o = 0;
  in_string = escaped = 0;
  for (const char *p = compact; *p; p++) {
    out[o++] = *p;
    if (in_string) {
      if (escaped)
        escaped = 0;
      else if (*p == '\\')
        escaped = 1;
      else if (*p == '"')
        in_string = 0;
    } else if (*p == '"') {
      in_string = 1;
    } else if (*p == ':') {
      out[o++] = ' ';
    }
  }
  out[o] = '\0';
  free(compact);
  return out;
}

/* A JSON string literal: quotes, backslashes and control characters escaped
 * as Python writes them, everything else (UTF-8 included) as it is. */
static int py_string(emu_buf *b, const char *s, size_t len) {
  if (emu_buf_append(b, "\"", 1) != 0) return -1;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    const char *esc = c == '"'    ? "\\\""
                      : c == '\\' ? "\\\\"
                      : c == '\n' ? "\\n"
                      : c == '\r' ? "\\r"
                      : c == '\t' ? "\\t"
                      : c == '\b' ? "\\b"
                      : c == '\f' ? "\\f"
                                  : NULL;
    int rc = esc        ? emu_buf_append_str(b, esc)
             : c < 0x20 ? emu_buf_printf(b, "\\u%04x", c)
                        : emu_buf_append(b, s + i, 1);
    if (rc != 0) return -1;
  }
  return emu_buf_append(b, "\"", 1);
}

/* Python's repr of a float: the fewest significant digits that read back as
 * the same double; fixed notation for decimal exponents -4..15 (always with
 * a fraction: 10.0), scientific outside (1e+16, 1.5e-05). */
static int py_real(emu_buf *b, double d) {
  char sci[40];
  int prec = 1;
  for (; prec < 17; prec++) {
    snprintf(sci, sizeof sci, "%.*e", prec - 1, d);
    if (strtod(sci, NULL) == d) break;
  }
  snprintf(sci, sizeof sci, "%.*e", prec - 1, d);
  int exp = atoi(strchr(sci, 'e') + 1);
  if (exp < -4 || exp >= 16) return emu_buf_append_str(b, sci);
  int decimals = prec - 1 - exp;
  return emu_buf_printf(b, "%.*f", decimals < 1 ? 1 : decimals, d);
}

static int py_value(emu_buf *b, const json_t *v, const char *item_sep, const char *key_sep) {
  switch (json_typeof(v)) {
    case JSON_OBJECT: {
      const char *key;
      json_t *member;
      int first = 1;
      if (emu_buf_append(b, "{", 1) != 0) return -1;
      json_object_foreach((json_t *)v, key, member) {
        if ((!first && emu_buf_append_str(b, item_sep) != 0) ||
            py_string(b, key, strlen(key)) != 0 || emu_buf_append_str(b, key_sep) != 0 ||
            py_value(b, member, item_sep, key_sep) != 0)
          return -1;
        first = 0;
      }
      return emu_buf_append(b, "}", 1);
    }
    case JSON_ARRAY:
      if (emu_buf_append(b, "[", 1) != 0) return -1;
      for (size_t i = 0; i < json_array_size(v); i++)
        if ((i && emu_buf_append_str(b, item_sep) != 0) ||
            py_value(b, json_array_get(v, i), item_sep, key_sep) != 0)
          return -1;
      return emu_buf_append(b, "]", 1);
    case JSON_STRING:
      return py_string(b, json_string_value(v), json_string_length(v));
    case JSON_INTEGER:
      return emu_buf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    case JSON_REAL:
      return py_real(b, json_real_value(v));
    case JSON_TRUE:
      return emu_buf_append_str(b, "true");
    case JSON_FALSE:
      return emu_buf_append_str(b, "false");
    default:
      return emu_buf_append_str(b, "null");
  }
}

char *emu_json_python(const json_t *doc, const char *item_sep, const char *key_sep) {
  emu_buf b = {0};
  if (py_value(&b, doc, item_sep, key_sep) != 0) {
    emu_buf_dispose(&b);
    return NULL;
  }
  return emu_buf_take(&b);
}

int emu_json_number(const json_t *v, double *out) {
  if (json_is_number(v)) {
    *out = json_number_value(v);
    return 0;
  }
  if (!json_is_string(v) || !*json_string_value(v)) return -1;
  char *end;
  errno = 0;
  double d = strtod(json_string_value(v), &end);
  if (*end || errno == ERANGE || !isfinite(d)) return -1;
  *out = d;
  return 0;
}

int emu_field_name_matches(const char *given, const char *camel) {
  if (strcmp(given, camel) == 0) return 1;
  const char *g = given;
  for (const char *c = camel; *c; c++) {
    if (isupper((unsigned char)*c)) {
      if (*g++ != '_') return 0;
      if (*g++ != (char)tolower((unsigned char)*c)) return 0;
    } else if (*g++ != *c) {
      return 0;
    }
  }
  return *g == '\0';
}

json_t *emu_json_field(const json_t *obj, const char *camel) {
  if (!json_is_object(obj)) return NULL;
  const char *key;
  json_t *value;
  json_object_foreach((json_t *)obj, key, value) {
    if (emu_field_name_matches(key, camel)) return value;
  }
  return NULL;
}

json_t *emu_json_present(const json_t *obj, const char *camel) {
  json_t *v = emu_json_field(obj, camel);
  return json_is_null(v) ? NULL : v;
}

void emu_camel_to_snake(const char *camel, char *out, size_t size) {
  size_t o = 0;
  if (size == 0) return;
  for (const char *c = camel; *c && o + 1 < size; c++) {
    if (isupper((unsigned char)*c)) {
      if (o + 2 >= size) break;
      out[o++] = '_';
      out[o++] = (char)tolower((unsigned char)*c);
    } else {
      out[o++] = *c;
    }
  }
  out[o] = '\0';
}

size_t emu_json_list_size(const json_t *v) {
  if (!v || json_is_null(v)) return 0;
  return json_is_array(v) ? json_array_size(v) : 1;
}

json_t *emu_json_list_get(const json_t *v, size_t i) {
  if (json_is_array(v)) return json_array_get(v, i);
  return i == 0 ? (json_t *)v : NULL;
}

int emu_json_int(const json_t *v, long long *out) {
  if (json_is_integer(v)) {
    *out = (long long)json_integer_value(v);
    return 0;
  }
  if (json_is_real(v)) {
    double d = json_real_value(v);
    if (!(d >= -9.2e18 && d <= 9.2e18) || (double)(long long)d != d) return -1;
    *out = (long long)d;
    return 0;
  }
  if (json_is_string(v)) {
    const char *s = json_string_value(v);
    const char *digits = (*s == '-') ? s + 1 : s;
    if (!*digits) return -1;
    for (const char *p = digits; *p; p++)
      if (!isdigit((unsigned char)*p)) return -1;
    errno = 0;
    long long n = strtoll(s, NULL, 10);
    if (errno == ERANGE) return -1;
    *out = n;
    return 0;
  }
  return -1;
}

int emu_utf8_valid(const char *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < len) {
    unsigned char c = p[i];
    size_t n;
    unsigned min;
    unsigned cp;
    if (c < 0x80) {
      i++;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1, min = 0x80, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2, min = 0x800, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3, min = 0x10000, cp = c & 0x07;
    } else {
      return 0;
    }
    if (len - i <= n) return 0;
    for (size_t k = 1; k <= n; k++) {
      if ((p[i + k] & 0xC0) != 0x80) return 0;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    i += n + 1;
  }
  return 1;
}
