/* The struct_size convention (common.h): a caller compiled against an older
 * header passes a smaller struct, one compiled against a newer header a
 * larger one whose unknown tail must be zero. */
#ifndef GENAI_CORE_STRUCTSIZE_H
#define GENAI_CORE_STRUCTSIZE_H

#include <stddef.h>

#include <genai/errors.h>

/* Copies the caller's struct into `scratch` (`known` bytes, the size this
 * library was built with), zero-extending a smaller one. `what` names the
 * struct in the GENAI_EINVAL message ("options", "config.thinking_config"). */
genai_result genai__struct_copy(const void *value, size_t known, const char *what, const char *type_name,
                                void *scratch);

#endif
