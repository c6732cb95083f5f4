#include "core/log.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"

static pthread_mutex_t sink_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t env_once = PTHREAD_ONCE_INIT;
static genai_log_fn sink_fn;
static void *sink_data;
/* Read without the lock on every log call: nothing is logged until configured. */
static atomic_int sink_level = GENAI_LOG_ERROR + 1;

static const char *level_name(genai_log_level level) {
  switch (level) {
    case GENAI_LOG_DEBUG: return "debug";
    case GENAI_LOG_INFO: return "info";
    case GENAI_LOG_WARN: return "warn";
    case GENAI_LOG_ERROR: return "error";
  }
  return "log";
}

static void stderr_sink(genai_log_level level, const char *message, void *user_data) {
  (void)user_data;
  fprintf(stderr, "genai %s: %s\n", level_name(level), message);
}

static void read_env(void) {
  const char *v = getenv("GENAI_LOG");
  if (!v || !*v) return;
  int level = !strcasecmp(v, "debug") ? GENAI_LOG_DEBUG
              : !strcasecmp(v, "info") ? GENAI_LOG_INFO
              : !strcasecmp(v, "warn") ? GENAI_LOG_WARN
              : !strcasecmp(v, "error") ? GENAI_LOG_ERROR
                                        : 0;
  if (!level) return;
  pthread_mutex_lock(&sink_lock);
  if (!sink_fn) {
    sink_fn = stderr_sink;
    atomic_store(&sink_level, level);
  }
  pthread_mutex_unlock(&sink_lock);
}

void genai_log_set_callback(genai_log_fn fn, void *user_data, genai_log_level min_level) {
  pthread_once(&env_once, read_env);
  pthread_mutex_lock(&sink_lock);
  sink_fn = fn;
  sink_data = user_data;
  atomic_store(&sink_level, fn ? (int)min_level : GENAI_LOG_ERROR + 1);
  pthread_mutex_unlock(&sink_lock);
}

bool genai__log_enabled(genai_log_level level) {
  pthread_once(&env_once, read_env);
  return (int)level >= atomic_load_explicit(&sink_level, memory_order_relaxed);
}

void genai__log(genai_log_level level, const char *fmt, ...) {
  if (!genai__log_enabled(level)) return;
  genai__buf b = {0};
  va_list ap;
  va_start(ap, fmt);
  genai_result rc = genai__buf_vprintf(&b, fmt, ap);
  va_end(ap);
  if (rc == GENAI_OK) {
    pthread_mutex_lock(&sink_lock);
    genai_log_fn fn = sink_fn;
    void *data = sink_data;
    pthread_mutex_unlock(&sink_lock);
    if (fn) fn(level, b.data, data);
  }
  genai__buf_free(&b);
}
