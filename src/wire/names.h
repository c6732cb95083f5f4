/* Resource-name transformers (reference/python-genai.md §4.1). */
#ifndef GENAI_WIRE_NAMES_H
#define GENAI_WIRE_NAMES_H

#include <stdbool.h>

#include <genai/errors.h>

/* t_model: the model path for a backend ("models/x", "publishers/google/models/x", ...).
 * Fails with GENAI_EINVAL for an empty model or one containing "..", "?" or "&". */
genai_result genai__t_model(bool vertex, const char *model, char **out);

/* _resource_name: completes `name` with the collection and, on Vertex AI,
 * the project and location, unless that would break the hierarchy depth. */
genai_result genai__resource_name(bool vertex, const char *project, const char *location, const char *name,
                                  const char *collection, int depth, char **out);

#endif
