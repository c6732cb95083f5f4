/* Logging to the caller's sink (genai_log_set_callback) or, with $GENAI_LOG,
 * to stderr. Callers must pass only redacted text (see core/redact.h). */
#ifndef GENAI_CORE_LOG_H
#define GENAI_CORE_LOG_H

#include <stdbool.h>

#include <genai/client.h>

bool genai__log_enabled(genai_log_level level);
void genai__log(genai_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
