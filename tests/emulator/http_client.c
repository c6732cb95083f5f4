#include "http_client.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

typedef struct growable {
  char *data;
  size_t len;
  /* Body only: arrival times. */
  struct timespec start;
  http_arrival *arrivals;
  size_t arrival_count;
  int timed;
} growable;

static double since(const struct timespec *start) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static size_t append(char *ptr, size_t size, size_t nmemb, void *userdata) {
  growable *g = userdata;
  size_t n = size * nmemb;
  char *p = realloc(g->data, g->len + n + 1);
  if (!p) return 0;
  if (g->timed) {
    http_arrival *a = realloc(g->arrivals, (g->arrival_count + 1) * sizeof *a);
    if (!a) {
      g->data = p;
      return 0;
    }
    a[g->arrival_count].at = since(&g->start);
    a[g->arrival_count].offset = g->len;
    a[g->arrival_count].len = n;
    g->arrivals = a;
    g->arrival_count++;
  }
  memcpy(p + g->len, ptr, n);
  g->len += n;
  p[g->len] = '\0';
  g->data = p;
  return n;
}

static void call(CURL *curl, const emu_harness *h, const char *method, const char *path,
                 const char *const *headers, const char *body, long timeout_ms, http_reply *out) {
  memset(out, 0, sizeof *out);
  char url[1024];
  emu_url(h, path, url, sizeof url);
  CURL *c = curl ? curl : curl_easy_init();
  growable b = {0}, hd = {0};
  b.timed = 1;
  clock_gettime(CLOCK_MONOTONIC, &b.start);
  struct curl_slist *list = NULL;
  for (size_t i = 0; headers && headers[i]; i++) list = curl_slist_append(list, headers[i]);
  /* Without this curl would add "Content-Type: application/x-www-form-urlencoded". */
  if (body) list = curl_slist_append(list, "Content-Type: application/json");
  curl_easy_setopt(c, CURLOPT_URL, url);
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, append);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, append);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &hd);
  if (body) {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
  } else {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
  }
  out->result = curl_easy_perform(c);
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
  curl_easy_getinfo(c, CURLINFO_TOTAL_TIME, &out->seconds);
  /* The handle may be reused: forget per-call pointers into this frame. */
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, NULL);
  curl_slist_free_all(list);
  if (!curl) curl_easy_cleanup(c);
  out->body = b.data ? b.data : calloc(1, 1);
  out->body_len = b.len;
  out->headers = hd.data ? hd.data : calloc(1, 1);
  out->arrivals = b.arrivals;
  out->arrival_count = b.arrival_count;
}

void http_call(CURL *curl, const emu_harness *h, const char *method, const char *path,
               const char *const *headers, const char *body, http_reply *out) {
  call(curl, h, method, path, headers, body, 20000L, out);
}

void http_call_timeout(const emu_harness *h, const char *method, const char *path,
                       const char *const *headers, const char *body, long timeout_ms,
                       http_reply *out) {
  call(NULL, h, method, path, headers, body, timeout_ms, out);
}

double http_reply_arrival(const http_reply *r, size_t offset) {
  for (size_t i = 0; i < r->arrival_count; i++)
    if (offset >= r->arrivals[i].offset && offset < r->arrivals[i].offset + r->arrivals[i].len)
      return r->arrivals[i].at;
  return -1;
}

const char *http_reply_header(const http_reply *r, const char *name, char *out, size_t size) {
  size_t n = strlen(name);
  for (const char *line = r->headers; line && *line;) {
    const char *eol = strchr(line, '\n');
    size_t len = eol ? (size_t)(eol - line) : strlen(line);
    if (len > n && strncasecmp(line, name, n) == 0 && line[n] == ':') {
      const char *v = line + n + 1;
      while (*v == ' ') v++;
      size_t vlen = len - (size_t)(v - line);
      while (vlen && (v[vlen - 1] == '\r' || v[vlen - 1] == ' ')) vlen--;
      if (vlen >= size) vlen = size - 1;
      memcpy(out, v, vlen);
      out[vlen] = '\0';
      return out;
    }
    line = eol ? eol + 1 : NULL;
  }
  return NULL;
}

json_t *http_reply_json(const http_reply *r) {
  return json_loadb(r->body, r->body_len, JSON_DECODE_ANY, NULL);
}

void http_reply_dispose(http_reply *r) {
  free(r->body);
  free(r->headers);
  free(r->arrivals);
  memset(r, 0, sizeof *r);
}

json_t *http_post_json(const emu_harness *h, const char *path, const char *auth_header,
                       const char *body, long *status) {
  const char *headers[] = {auth_header, NULL};
  http_reply r;
  http_call(NULL, h, "POST", path, auth_header ? headers : NULL, body, &r);
  *status = r.result == CURLE_OK ? r.status : -1;
  json_t *doc = http_reply_json(&r);
  http_reply_dispose(&r);
  return doc;
}
