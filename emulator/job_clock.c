#include "job_clock.h"

#include <stdatomic.h>
#include <stdio.h>

#include "resource.h"

static int book_name(const char *name, char *out, size_t size) {
  int n = snprintf(out, size, "_emu/%s", name);
  return n < 0 || (size_t)n >= size ? -1 : 0;
}

int emu_job_begin(const emu_call *call, const char *name, const json_t *extra) {
  char key[800];
  if (book_name(name, key, sizeof key) != 0) return -1;
  json_t *book = extra ? json_deep_copy(extra) : json_object();
  int rc = book && json_object_set_new(book, "created", json_integer(emu_now_ms())) == 0 &&
                   emu_store_put(call->app->store, key, book) == 0
               ? 0
               : -1;
  json_decref(book);
  return rc;
}

json_t *emu_job_book(const emu_call *call, const char *name) {
  char key[800];
  return book_name(name, key, sizeof key) == 0 ? emu_store_get(call->app->store, key) : NULL;
}

emu_job_phase emu_job_phase_of(const emu_call *call, const json_t *book) {
  if (json_object_get(book, "cancelled")) return EMU_JOB_CANCELLED;
  long long created = json_integer_value(json_object_get(book, "created"));
  return emu_now_ms() - created >= (long long)call->app->config->lro_delay_ms ? EMU_JOB_SUCCEEDED : EMU_JOB_RUNNING;
}

long long emu_job_end_ms(const emu_call *call, const json_t *book) {
  json_t *cancelled = json_object_get(book, "cancelled");
  if (cancelled) return json_integer_value(cancelled);
  return json_integer_value(json_object_get(book, "created")) + (long long)call->app->config->lro_delay_ms;
}

int emu_job_note(const emu_call *call, const char *name, const char *key, json_t *value) {
  char store_key[800];
  json_t *book = emu_job_book(call, name);
  int rc = book && value && book_name(name, store_key, sizeof store_key) == 0 &&
                   json_object_set(book, key, value) == 0 && emu_store_put(call->app->store, store_key, book) == 0
               ? 0
               : -1;
  json_decref(value);
  json_decref(book);
  return rc;
}

int emu_job_cancel(const emu_call *call, const char *name) {
  return emu_job_note(call, name, "cancelled", json_integer(emu_now_ms()));
}

void emu_job_forget(const emu_call *call, const char *name) {
  char key[800];
  if (book_name(name, key, sizeof key) == 0) emu_store_remove(call->app->store, key);
}

void emu_job_numeric_id(char out[20]) {
  static atomic_ullong counter;
  unsigned long long n = atomic_fetch_add(&counter, 1) + 1;
  snprintf(out, 20, "%019llu",
           1000000000000000000ULL + (unsigned long long)emu_now_ms() % 1000000000ULL * 1000ULL + n % 1000ULL);
}
