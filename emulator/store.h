/* The emulator's resources (files, cached contents, tuned models, batch
 * jobs, tuning jobs, long-running operations), kept in memory by name
 * ("files/abc", "cachedContents/xyz", "projects/p/locations/l/batchPredictionJobs/1").
 * Every function locks; values go in and come out as copies, so a handler
 * never holds a reference another thread may change. The store keeps
 * insertion order, which is the order of list pages. */
#ifndef EMU_STORE_H
#define EMU_STORE_H

#include <jansson.h>
#include <stddef.h>

typedef struct emu_store emu_store;

emu_store *emu_store_new(void);
void emu_store_free(emu_store *s);

/* Adds or replaces the resource `name` (a copy of `value`). 0, or -1 when
 * out of memory. */
int emu_store_put(emu_store *s, const char *name, const json_t *value);

/* A copy of the resource, or NULL when there is none. */
json_t *emu_store_get(emu_store *s, const char *name);

/* Removes it: 1 when it was there, 0 when not. */
int emu_store_remove(emu_store *s, const char *name);

/* One page of the resources whose names start with `prefix` and have no
 * further '/' after it (the direct members of a collection, e.g. prefix
 * "files/"), for which `keep` (when given) returns non-zero. page_token is
 * "" or NULL for the first page, or a token this function returned;
 * page_size <= 0 means `default_size`. Returns a new array of copies and
 * sets *next_token (malloc'd; NULL on the last page), or NULL when out of
 * memory or the token is not one of ours (*bad_token set). */
json_t *emu_store_list(emu_store *s, const char *prefix, int (*keep)(const json_t *value, void *data), void *data,
                       long page_size, long default_size, const char *page_token, char **next_token,
                       int *bad_token);

/* Removes every resource (POST /_emulator/reset). */
void emu_store_clear(emu_store *s);

/* A new id, unique in this process: 12 lower-case letters and digits. */
void emu_store_new_id(char out[13]);

#endif
