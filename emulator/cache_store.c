#include "cache_store.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "google_error.h"
#include "resource.h"

int emu_cache_store_name(const emu_call *call, const char *name, char *out, size_t size) {
  if (strncmp(name, "projects/", 9) == 0) {
    int n = snprintf(out, size, "%s", name);
    return n < 0 || (size_t)n >= size ? -1 : 0;
  }
  return emu_resource_name(call, name, out, size);
}

static long long expire_ms(const json_t *cache) {
  long long ms = 0;
  const char *t = json_string_value(json_object_get(cache, "expireTime"));
  return t && emu_cache_parse_timestamp(t, &ms) == 0 ? ms : 0;
}

/* mldev and Vertex AI express mode share store names ("cachedContents/x");
 * the model's form tells whose a cache is. */
static int belongs_to(const json_t *cache, emu_backend backend) {
  const char *model = json_string_value(json_object_get(cache, "model"));
  int mldev = model && strncmp(model, "models/", 7) == 0;
  return backend == EMU_BACKEND_MLDEV ? mldev : !mldev;
}

int emu_cache_live(const json_t *cache, void *backend) {
  return belongs_to(cache, *(const emu_backend *)backend) && expire_ms(cache) > emu_now_ms();
}

json_t *emu_cache_lookup(const emu_call *call, const char *store_name) {
  json_t *cache = emu_store_get(call->app->store, store_name);
  if (cache && !belongs_to(cache, call->path->backend)) {
    json_decref(cache);
    return NULL;
  }
  if (cache && !emu_cache_live(cache, (void *)&call->path->backend)) {
    emu_store_remove(call->app->store, store_name);
    json_decref(cache);
    cache = NULL;
  }
  return cache;
}

void emu_respond_cache_not_found(const emu_call *call, emu_response *out) {
  if (call->path->backend == EMU_BACKEND_MLDEV)
    emu_respond_simple_error(out, 403, "PERMISSION_DENIED", "CachedContent not found (or permission denied)");
  else
    emu_respond_resource_not_found(out, call->path->resource);
}

/* Days from 1970-01-01 to the civil date y-m-d (proleptic Gregorian). */
static long long days_from_civil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  long long era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned)(y - era * 400);
  unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (long long)doe - 719468;
}

/* Reads up to 9 fraction digits after a '.' as milliseconds; *s moves past them. */
static int read_fraction_ms(const char **s, long long *ms) {
  *ms = 0;
  if (**s != '.') return 0;
  (*s)++;
  int digits = 0;
  long long scale = 100;
  while (isdigit((unsigned char)**s)) {
    if (digits < 3) *ms += (**s - '0') * scale;
    scale /= 10;
    digits++;
    (*s)++;
  }
  return digits >= 1 && digits <= 9 ? 0 : -1;
}

int emu_cache_parse_timestamp(const char *s, long long *ms) {
  int y, mo, d, h, mi, sec, used = 0;
  if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &used) != 6 || used != 19) return -1;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return -1;
  const char *p = s + used;
  long long frac;
  if (read_fraction_ms(&p, &frac) != 0) return -1;
  long long offset_min = 0;
  if (*p == '+' || *p == '-') {
    int oh, om, n = 0;
    if (sscanf(p + 1, "%2d:%2d%n", &oh, &om, &n) != 2 || n != 5) return -1;
    offset_min = (oh * 60 + om) * (*p == '-' ? -1 : 1);
    p += 6;
  } else if (*p == 'Z' || *p == 'z') {
    p++;
  } else {
    return -1;
  }
  if (*p) return -1;
  long long secs = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + sec -
                   offset_min * 60;
  *ms = secs * 1000 + frac;
  return 0;
}

int emu_cache_parse_duration(const char *s, long long *ms) {
  const char *p = s;
  long long secs = 0;
  if (!isdigit((unsigned char)*p)) return -1;
  while (isdigit((unsigned char)*p)) {
    if (secs > 315576000000LL) return -1; /* the Duration range */
    secs = secs * 10 + (*p++ - '0');
  }
  long long frac;
  if (read_fraction_ms(&p, &frac) != 0 || strcmp(p, "s") != 0) return -1;
  *ms = secs * 1000 + frac;
  return 0;
}
