/* Proto3 JSON Timestamp (RFC 3339, UTC "Z" or an offset, 0-9 fraction
 * digits) and Duration ("-1.5s") text, without the C library's time zone
 * state so that it is thread-safe. */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <genai/helpers.h>

#include "core/error.h"

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = (unsigned)(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = (unsigned)(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static bool digits(const char **p, int n, int *out) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (!isdigit((unsigned char)(*p)[i])) return false;
    v = v * 10 + ((*p)[i] - '0');
  }
  *p += n;
  *out = v;
  return true;
}

/* Reads ".fraction" (1 to 9 digits) as nanoseconds, if present. */
static bool fraction(const char **p, int32_t *nanos) {
  *nanos = 0;
  if (**p != '.') return true;
  (*p)++;
  int n = 0;
  int32_t v = 0;
  while (isdigit((unsigned char)**p)) {
    if (++n > 9) return false;
    v = v * 10 + (**p - '0');
    (*p)++;
  }
  if (!n) return false;
  for (int i = n; i < 9; i++) v *= 10;
  *nanos = v;
  return true;
}

static genai_result bad(const char *what, const char *text) {
  return genai__err(GENAI_EINVAL, "\"%.80s\" is not %s", text ? text : "(null)", what);
}

genai_result genai_timestamp_parse(const char *text, int64_t *unix_seconds, int32_t *nanos) {
  const char *p = text;
  int y, mo, d, h, mi, s, oh = 0, om = 0;
  int32_t ns = 0;
  if (!p || !digits(&p, 4, &y) || *p++ != '-' || !digits(&p, 2, &mo) || *p++ != '-' || !digits(&p, 2, &d) ||
      (*p != 'T' && *p != 't' && *p != ' ') || !(++p, digits(&p, 2, &h)) || *p++ != ':' || !digits(&p, 2, &mi) ||
      *p++ != ':' || !digits(&p, 2, &s) || !fraction(&p, &ns))
    return bad("an RFC 3339 timestamp", text);
  int sign = 0;
  if (*p == 'Z' || *p == 'z') {
    p++;
  } else if (*p == '+' || *p == '-') {
    sign = *p++ == '+' ? 1 : -1;
    if (!digits(&p, 2, &oh) || *p++ != ':' || !digits(&p, 2, &om)) return bad("an RFC 3339 timestamp", text);
  } else {
    return bad("an RFC 3339 timestamp", text);
  }
  if (*p || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60 || oh > 23 || om > 59)
    return bad("an RFC 3339 timestamp", text);
  int64_t secs = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + s;
  secs -= sign * (oh * 3600 + om * 60);
  if (unix_seconds) *unix_seconds = secs;
  if (nanos) *nanos = ns;
  return GENAI_OK;
}

/* ".123", ".123456" or ".123456789": the shortest of proto3's three forms. */
static void format_fraction(int32_t nanos, char *out, size_t size) {
  if (nanos == 0) out[0] = '\0';
  else if (nanos % 1000000 == 0) snprintf(out, size, ".%03d", nanos / 1000000);
  else if (nanos % 1000 == 0) snprintf(out, size, ".%06d", nanos / 1000);
  else snprintf(out, size, ".%09d", nanos);
}

genai_result genai_timestamp_format(int64_t unix_seconds, int32_t nanos, char *buf, size_t size) {
  if (!buf || size < 32) return genai__err(GENAI_EINVAL, "buf must hold at least 32 bytes");
  if (nanos < 0 || nanos > 999999999) return genai__err(GENAI_EINVAL, "nanos must be in [0, 999999999]");
  int64_t days = unix_seconds >= 0 ? unix_seconds / 86400 : -((-unix_seconds + 86399) / 86400);
  int64_t rem = unix_seconds - days * 86400;
  int64_t y;
  unsigned m, d;
  civil_from_days(days, &y, &m, &d);
  if (y < 1 || y > 9999) return genai__err(GENAI_EINVAL, "the time is outside years 1 to 9999");
  char frac[12];
  format_fraction(nanos, frac, sizeof(frac));
  snprintf(buf, size, "%04d-%02u-%02uT%02d:%02d:%02d%sZ", (int)y, m, d, (int)(rem / 3600), (int)(rem / 60 % 60),
           (int)(rem % 60), frac);
  return GENAI_OK;
}

genai_result genai_duration_parse(const char *text, int64_t *seconds, int32_t *nanos) {
  const char *p = text;
  if (!p) return bad("a duration", text);
  bool negative = *p == '-';
  if (negative) p++;
  if (!isdigit((unsigned char)*p)) return bad("a duration such as \"3.5s\"", text);
  int64_t secs = 0;
  while (isdigit((unsigned char)*p)) {
    if (secs > (INT64_MAX - 9) / 10) return bad("a duration in range", text);
    secs = secs * 10 + (*p++ - '0');
  }
  int32_t ns = 0;
  if (!fraction(&p, &ns) || strcmp(p, "s") != 0) return bad("a duration such as \"3.5s\"", text);
  if (seconds) *seconds = negative ? -secs : secs;
  if (nanos) *nanos = negative ? -ns : ns;
  return GENAI_OK;
}

genai_result genai_duration_format(int64_t seconds, int32_t nanos, char *buf, size_t size) {
  if (!buf || size < 32) return genai__err(GENAI_EINVAL, "buf must hold at least 32 bytes");
  if (nanos <= -1000000000 || nanos >= 1000000000 || (seconds > 0 && nanos < 0) || (seconds < 0 && nanos > 0))
    return genai__err(GENAI_EINVAL, "nanos must have the sign of seconds and be below one second");
  char frac[12];
  format_fraction(nanos < 0 ? -nanos : nanos, frac, sizeof(frac));
  bool negative = seconds < 0 || nanos < 0;
  snprintf(buf, size, "%s%lld%ss", negative ? "-" : "", (long long)(seconds < 0 ? -seconds : seconds), frac);
  return GENAI_OK;
}
