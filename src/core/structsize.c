#include "core/structsize.h"

#include <string.h>

#include "core/error.h"

genai_result genai__struct_copy(const void *value, size_t known, const char *what, const char *type_name,
                                void *scratch) {
  size_t have = *(const size_t *)value;
  if (have == 0)
    return genai__err(GENAI_EINVAL, "%s: struct_size is 0; initialise the %s with GENAI_INIT(%s)", what, type_name,
                      type_name);
  if (have < sizeof(size_t)) return genai__err(GENAI_EINVAL, "%s: struct_size %zu is too small", what, have);
  if (have > known) {
    for (size_t i = known; i < have; i++)
      if (((const unsigned char *)value)[i])
        return genai__err(GENAI_EINVAL,
                          "%s: %s has struct_size %zu but this library knows %zu bytes and the rest is not zero", what,
                          type_name, have, known);
  }
  memset(scratch, 0, known);
  memcpy(scratch, value, have < known ? have : known);
  return GENAI_OK;
}
