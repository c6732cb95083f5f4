/* What the module files (models_manage.c, caches.c, files.c, batches.c,
 * tunings.c, images.c, videos.c, ...) share: copying a caller's config and
 * running one method call now or on a genai_multi. */
#ifndef GENAI_API_MODULE_H
#define GENAI_API_MODULE_H

#include <genai/client.h>
#include <genai/multi.h>

#include "api/op.h"
#include "core/structsize.h"

/* A caller's config of any struct version as this library's struct: `config`
 * then points at `scratch`. Returns from the calling function on error. */
#define GENAI__COPY_CONFIG(config, scratch, type_name)                                                         \
  do {                                                                                                         \
    if (config) {                                                                                              \
      genai_result copy_rc_ = genai__struct_copy((config), sizeof(scratch), "config", (type_name), &(scratch)); \
      if (copy_rc_ != GENAI_OK) return copy_rc_;                                                               \
      (config) = &(scratch);                                                                                   \
    }                                                                                                          \
  } while (0)

/* Runs method m with params: now when multi is NULL (*value gets the owned
 * result; with value NULL the result is freed), else as an operation of
 * multi (*op). hooks may be NULL. */
genai_result genai__call_method(genai_client *client, genai_multi *multi, const genai_op_callbacks *callbacks,
                                genai_op **op, const genai__method *m, const void *params,
                                const genai_http_options *http_options, const genai__op_hooks *hooks, void **value);

#endif
