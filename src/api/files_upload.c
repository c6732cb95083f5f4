/* files.upload: the Gemini API's resumable upload protocol
 * (reference/python-genai.md §3.4). A start request creates the session and
 * returns its URL; the bytes follow in chunk requests whose bodies libcurl
 * pulls from the source as it sends them, so neither the file nor a chunk is
 * ever held in memory. Where Python restarts nothing and gives up on a
 * broken chunk, this asks the service how many bytes it holds (the "query"
 * command) and continues from there. */
#include <genai/files.h>

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>

#include "api/client_internal.h"
#include "api/files_internal.h"
#include "api/request.h"
#include "core/alloc.h"
#include "core/error.h"
#include "core/mime.h"
#include "core/structsize.h"
#include "http/api_error.h"
#include "http/driver.h"
#include "http/engine.h"
#include "wire/codec.h"
#include "wire/types_gen.h"

#define DEFAULT_CHUNK_SIZE ((size_t)8 * 1024 * 1024)
#define DEFAULT_RECOVERIES 5
#define NO_STATUS_RETRIES 3 /* Python's per-chunk retries of an answer without a status */
#define PROGRESS_STEP ((uint64_t)256 * 1024)
#define SHOWN_URL "the upload session URL"

/* Where the bytes come from: a FILE (a path we opened, or the caller's
 * stream) or memory. Only the bytes of the chunk being sent are read. */
typedef struct upload_source {
  FILE *file;
  const unsigned char *data;
  off_t base; /* the stream position of byte 0 */
  uint64_t size;
  uint64_t pos, chunk_end;
  genai_upload_progress_fn progress;
  void *progress_data;
  uint64_t reported;
} upload_source;

typedef struct upload {
  genai_client *client;
  genai__driver *driver;
  upload_source src;
  char *url;                    /* the session URL: a credential, never shown */
  genai__headers start_headers; /* sent again with every chunk, as Python does */
  genai__http_settings settings;
  genai__retry_policy retry;
  genai__secrets secrets;
  size_t chunk_size;
  int max_recoveries, recoveries;
  genai__response resp;
  genai_file *file; /* the result */
} upload;

/* ------------------------------------------------------------ the source */

static genai_result source_seek(upload_source *s, uint64_t offset, uint64_t len) {
  s->pos = offset;
  s->chunk_end = offset + len;
  if (s->file && fseeko(s->file, s->base + (off_t)offset, SEEK_SET) != 0)
    return genai__err(GENAI_EIO, "cannot seek the upload source to byte %" PRIu64 ": %s", offset, strerror(errno));
  return GENAI_OK;
}

static void report(upload_source *s, uint64_t sent) {
  s->reported = sent;
  if (s->progress) s->progress(s->progress_data, sent, s->size);
}

/* libcurl's read callback: the next bytes of the chunk. A file that shrank
 * since its size was taken aborts the transfer. */
static size_t source_read(void *data, char *buf, size_t max) {
  upload_source *s = data;
  uint64_t left = s->chunk_end - s->pos;
  size_t n = left < max ? (size_t)left : max;
  if (n == 0) return 0;
  if (s->file) {
    if (fread(buf, 1, n, s->file) != n) return (size_t)-1;
  } else {
    memcpy(buf, s->data + s->pos, n);
  }
  s->pos += n;
  /* sent == total is reported once, when the service confirmed the end */
  if (s->pos < s->size && (s->pos - s->reported >= PROGRESS_STEP || s->pos == s->chunk_end || s->pos < s->reported))
    report(s, s->pos);
  return n;
}

/* ------------------------------------------------------------- requests */

typedef struct ending {
  bool done;
  genai_result rc;
  genai__error_copy error;
} ending;

static bool ended(void *data) { return ((ending *)data)->done; }

static void end_with(ending *e, genai_result rc) {
  e->done = true;
  e->rc = rc;
  if (rc != GENAI_OK) genai__error_save(&e->error);
}

static void on_transfer_done(void *data, genai_result rc, bool retryable) {
  (void)retryable;
  end_with(data, rc);
}

static void on_exchange_done(void *data, genai_result rc) { end_with(data, rc); }

/* Runs the driver until the request ends; its error becomes the thread's. */
static genai_result wait_for(upload *u, ending *e) {
  genai_result rc = genai__driver_run(u->driver, ended, e);
  if (rc == GENAI_OK && !e->done) rc = genai__err(GENAI_ERROR, "the HTTP driver stopped before the upload ended");
  if (rc == GENAI_OK && e->rc != GENAI_OK) rc = genai__error_restore(&e->error);
  genai__error_copy_clear(&e->error);
  return rc;
}

/* One POST to the session URL: a chunk (command "upload" or "upload,
 * finalize", the bytes [offset, offset+len) of the source) or a query. The
 * answer, whatever its status, is in u->resp. */
static genai_result post_session(upload *u, const char *command, uint64_t offset, uint64_t len, bool chunk) {
  genai__headers headers = {0};
  char number[32];
  genai_result rc = genai__headers_copy(&headers, &u->start_headers);
  if (rc == GENAI_OK) rc = genai__headers_set(&headers, "X-Goog-Upload-Command", command);
  if (rc == GENAI_OK && chunk) {
    snprintf(number, sizeof(number), "%" PRIu64, offset);
    rc = genai__headers_set(&headers, "X-Goog-Upload-Offset", number);
  }
  if (rc == GENAI_OK && u->settings.timeout_ms > 0) {
    snprintf(number, sizeof(number), "%lld", (long long)((u->settings.timeout_ms + 999) / 1000));
    rc = genai__headers_set(&headers, "X-Server-Timeout", number);
  }
  if (rc != GENAI_OK) rc = genai__err(GENAI_ENOMEM, "out of memory");
  if (rc == GENAI_OK && chunk) rc = source_seek(&u->src, offset, len);
  genai__request req = {.method = "POST", .url = u->url, .headers = &headers, .body_len = chunk ? (size_t)len : 0,
                        .settings = u->settings, .secrets = &u->secrets, .shown_url = SHOWN_URL};
  if (chunk) {
    req.read = source_read;
    req.read_data = &u->src;
  }
  genai__transfer *t = NULL;
  ending e = {0};
  if (rc == GENAI_OK)
    rc = genai__transfer_start(u->client->http, u->driver, &req, &u->resp, on_transfer_done, NULL, &e, &t);
  if (rc == GENAI_OK) rc = wait_for(u, &e);
  genai__transfer_free(t);
  genai__headers_clear(&headers);
  return rc;
}

static const char *answer_status(const upload *u) {
  return genai__headers_get(&u->resp.headers, "x-goog-upload-status");
}

static genai_result api_error(const upload *u) {
  return genai__api_error_raise(u->resp.status, u->resp.body.data, u->resp.body.len, &u->resp.headers, -1,
                                &u->secrets);
}

/* Waits before recovery or retry number n (1, 2, ...): the retry policy's
 * delay when the caller configured retries, else Python's 1, 2, 4 s. */
static void pause_before(const upload *u, int n) {
  int64_t ms = u->retry.attempts > 1 ? genai__retry_delay_ms(&u->retry, n, -1, genai__random01())
                                     : (int64_t)1000 << (n - 1 < 5 ? n - 1 : 5);
  if (ms <= 0) return;
  struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

/* The answer {"file": {...}} of the finalizing request. */
static genai_result decode_final(upload *u) {
  json_error_t jerr;
  json_t *root = json_loadb(u->resp.body.data ? u->resp.body.data : "", u->resp.body.len, 0, &jerr);
  json_t *file = json_object_get(root, "file");
  genai_result rc;
  if (!json_is_object(file)) {
    rc = genai__err(GENAI_EDECODE, "the finished upload's answer has no \"file\" object");
  } else {
    char *raw = genai__json_dump(file);
    rc = raw ? genai__decode_root_owned(&genai__type_file, GENAI__BACKEND_MLDEV, file, GENAI_EDECODE, raw,
                                        strlen(raw), (void **)&u->file)
             : genai__err(GENAI_ENOMEM, "out of memory");
    genai__free(raw);
  }
  json_decref(root);
  return rc;
}

static genai_result parse_offset(const char *text, uint64_t size, uint64_t *out) {
  char *end = NULL;
  errno = 0;
  unsigned long long v = text ? strtoull(text, &end, 10) : 0;
  if (!text || end == text || *end || errno || v > size)
    return genai__err(GENAI_EDECODE, "the upload service answered a query without a valid "
                                     "x-goog-upload-size-received");
  *out = v;
  return GENAI_OK;
}

/* Asks the service where the session stands: *done when it is final (the
 * File decoded), else *offset the bytes it holds. Transport failures count
 * against the recovery budget. */
static genai_result query(upload *u, uint64_t *offset, bool *done) {
  *done = false;
  for (;;) {
    genai_result rc = post_session(u, "query", 0, 0, false);
    if ((rc == GENAI_ETRANSPORT || rc == GENAI_ETIMEOUT) && u->recoveries < u->max_recoveries) {
      pause_before(u, ++u->recoveries);
      continue;
    }
    if (rc != GENAI_OK) return rc;
    if (u->resp.status < 200 || u->resp.status >= 300) return api_error(u);
    const char *status = answer_status(u);
    if (status && !strcmp(status, "final")) {
      *done = true;
      return decode_final(u);
    }
    if (!status || strcmp(status, "active"))
      return genai__err(GENAI_EINVAL, "Failed to upload file: Upload status is not finalized.");
    return parse_offset(genai__headers_get(&u->resp.headers, "x-goog-upload-size-received"), u->src.size, offset);
  }
}

/* A chunk broke off (transport) or landed at the wrong offset: after a
 * pause, continue from what the service holds. `rc` is the failure, kept
 * when the recovery budget is spent. */
static genai_result recover(upload *u, genai_result rc, uint64_t *offset, bool *done) {
  if (u->recoveries >= u->max_recoveries) return rc;
  pause_before(u, ++u->recoveries);
  return query(u, offset, done);
}

/* Sends the source from `offset` on, chunk after chunk, until the service
 * says the upload is final. */
static genai_result send_chunks(upload *u, uint64_t offset) {
  int no_status = 0;
  for (;;) {
    uint64_t left = u->src.size - offset;
    uint64_t len = left < u->chunk_size ? left : u->chunk_size;
    bool last = offset + len >= u->src.size;
    genai_result rc = post_session(u, last ? "upload, finalize" : "upload", offset, len, true);
    bool done = false;
    if (rc == GENAI_ETRANSPORT || rc == GENAI_ETIMEOUT) {
      rc = recover(u, rc, &offset, &done);
      if (rc != GENAI_OK || done) return rc;
      continue;
    }
    if (rc != GENAI_OK) return rc;
    const char *status = answer_status(u);
    if (!status) {
      /* Python retries any answer without a status; a client error
       * (400-499 but 408 and 429) will not change by itself */
      bool client_error = u->resp.status >= 400 && u->resp.status < 500 && u->resp.status != 408 &&
                          u->resp.status != 429;
      if (client_error || ++no_status > NO_STATUS_RETRIES) break;
      pause_before(u, no_status);
      continue;
    }
    no_status = 0;
    bool ok = u->resp.status >= 200 && u->resp.status < 300;
    if (ok && !strcmp(status, "final")) return decode_final(u);
    if (ok && !strcmp(status, "active")) {
      offset += len;
      if (offset >= u->src.size)
        return genai__err(GENAI_EINVAL, "All content has been uploaded, but the upload status is not finalized.");
      continue;
    }
    if (!ok && !strcmp(status, "active") && u->resp.status == 400) {
      /* the session lives but refused the chunk: an offset it did not expect */
      genai_result refused = api_error(u);
      rc = recover(u, refused, &offset, &done);
      if (rc != GENAI_OK || done) return rc;
      continue;
    }
    break;
  }
  if (u->resp.status < 200 || u->resp.status >= 300) return api_error(u);
  return genai__err(GENAI_EINVAL, "Failed to upload file: Upload status is not finalized.");
}

/* ----------------------------------------------------------- the start */

/* A file name is sent as a header value: one with control characters
 * (which could end the header) is left out. */
static bool header_safe(const char *s) {
  for (; *s; s++)
    if ((unsigned char)*s < 0x20 || *s == 0x7f) return false;
  return true;
}

/* The body Python sends: the File model dumped with snake_case keys. */
static json_t *start_body(const genai_upload_file_config *cfg, const char *name, const char *mime, uint64_t size) {
  json_t *file = json_object();
  json_t *body = json_pack("{s:o}", "file", file);
  if (!body) return NULL;
  bool ok = true;
  if (name) ok = ok && !json_object_set_new(file, "name", json_string(name));
  if (cfg->display_name) ok = ok && !json_object_set_new(file, "display_name", json_string(cfg->display_name));
  ok = ok && !json_object_set_new(file, "mime_type", json_string(mime));
  ok = ok && !json_object_set_new(file, "size_bytes", json_integer((json_int_t)size));
  if (!ok) {
    json_decref(body);
    return NULL;
  }
  return body;
}

/* "files/" + name unless it already has the prefix. */
static genai_result file_name(const char *name, char **out) {
  *out = NULL;
  if (!name) return GENAI_OK;
  size_t n = strlen(name);
  bool prefixed = !strncmp(name, "files/", 6);
  *out = genai__malloc(n + 7);
  if (!*out) return genai__err(GENAI_ENOMEM, "out of memory");
  snprintf(*out, n + 7, "%s%s", prefixed ? "" : "files/", name);
  return GENAI_OK;
}

/* Python replaces the session URL's scheme and host by http_options.base_url. */
static genai_result rebase_url(const char *base_url, char **url) {
  const char *scheme = strstr(*url, "://");
  const char *path = scheme ? strchr(scheme + 3, '/') : NULL;
  const char *bscheme = strstr(base_url, "://");
  const char *bpath = bscheme ? strchr(bscheme + 3, '/') : NULL;
  size_t host_len = bpath ? (size_t)(bpath - base_url) : strlen(base_url);
  if (!path) return GENAI_OK;
  size_t n = host_len + strlen(path) + 1;
  char *joined = genai__malloc(n);
  if (!joined) return genai__err(GENAI_ENOMEM, "out of memory");
  snprintf(joined, n, "%.*s%s", (int)host_len, base_url, path);
  genai__free_secret(*url);
  *url = joined;
  return GENAI_OK;
}

/* The start request: POST {base}/upload/v1beta/files through the client's
 * request path (API key, retries); the session URL comes back in a header. */
static genai_result start_session(upload *u, const genai_upload_file_config *cfg, const genai_http_options *o,
                                  const char *mime) {
  char *name = NULL;
  genai_result rc = file_name(cfg->name, &name);
  if (rc != GENAI_OK) return rc;
  json_t *body = start_body(cfg, name, mime, u->src.size);
  genai__free(name);
  if (!body) return genai__err(GENAI_ENOMEM, "out of memory");
  genai__headers *sh = &u->start_headers;
  genai_string_entry headers[8];
  size_t n = 0;
  for (size_t i = 0; i < sh->count && n < 7; i++) headers[n++] = (genai_string_entry){sh->items[i].name, sh->items[i].value};
  headers[n++] = (genai_string_entry){"X-Goog-Upload-Command", "start"};
  genai_http_options call_options = o ? *o : (genai_http_options){GENAI_INIT(genai_http_options)};
  call_options.api_version = ""; /* Python forces it empty: the path carries upload/v1beta */
  call_options.headers = headers; /* Python replaces the caller's headers with these */
  call_options.headers_count = n;
  genai__call call = {.method = "POST", .path = "upload/v1beta/files", .body = body, .http_options = &call_options};
  genai__exchange x;
  ending e = {0};
  rc = genai__exchange_start(&x, u->client, u->driver, &call, &u->resp, NULL, on_exchange_done, &e);
  if (rc == GENAI_OK) {
    rc = wait_for(u, &e);
    genai__exchange_clear(&x);
  }
  json_decref(body);
  if (rc != GENAI_OK) return rc;
  const char *url = genai__headers_get(&u->resp.headers, "x-goog-upload-url");
  if (!url)
    return genai__err(GENAI_EINVAL, "Failed to create file. Upload URL was not returned from the create file "
                                    "request.");
  u->url = genai__strdup(url);
  if (!u->url) return genai__err(GENAI_ENOMEM, "out of memory");
  if (o && o->base_url) rc = rebase_url(o->base_url, &u->url);
  genai__secrets_add(&u->secrets, u->url);
  return rc;
}

/* The header set of the start request (minus its command), which every
 * chunk carries again. */
static genai_result start_header_set(upload *u, const char *mime, const char *base_name) {
  char size[32];
  snprintf(size, sizeof(size), "%" PRIu64, u->src.size);
  genai__headers *h = &u->start_headers;
  genai_result rc = genai__headers_set(h, "Content-Type", "application/json");
  if (rc == GENAI_OK) rc = genai__headers_set(h, "X-Goog-Upload-Protocol", "resumable");
  if (rc == GENAI_OK) rc = genai__headers_set(h, "X-Goog-Upload-Header-Content-Length", size);
  if (rc == GENAI_OK) rc = genai__headers_set(h, "X-Goog-Upload-Header-Content-Type", mime);
  if (rc == GENAI_OK && base_name && *base_name && header_safe(base_name))
    rc = genai__headers_set(h, "X-Goog-Upload-File-Name", base_name);
  return rc == GENAI_OK ? GENAI_OK : genai__err(GENAI_ENOMEM, "out of memory");
}

/* ------------------------------------------------------------ the call */

typedef struct upload_input {
  genai_upload_file_config cfg;
  genai_http_options http;
  genai_http_retry_options retry;
  genai_upload_options opts;
} upload_input;

static genai_result copy_inputs(const genai_upload_file_config *config, const genai_upload_options *options,
                                upload_input *in) {
  memset(in, 0, sizeof(*in));
  in->cfg = (genai_upload_file_config){GENAI_INIT(genai_upload_file_config)};
  in->opts = (genai_upload_options){GENAI_INIT(genai_upload_options)};
  genai_result rc = GENAI_OK;
  if (config) rc = genai__struct_copy(config, sizeof(in->cfg), "config", "genai_upload_file_config", &in->cfg);
  if (rc == GENAI_OK && options)
    rc = genai__struct_copy(options, sizeof(in->opts), "options", "genai_upload_options", &in->opts);
  if (rc == GENAI_OK && in->cfg.http_options) {
    rc = genai__struct_copy(in->cfg.http_options, sizeof(in->http), "config.http_options", "genai_http_options",
                            &in->http);
    in->cfg.http_options = &in->http;
  }
  if (rc == GENAI_OK && in->http.retry_options) {
    rc = genai__struct_copy(in->http.retry_options, sizeof(in->retry), "config.http_options.retry_options",
                            "genai_http_retry_options", &in->retry);
    in->http.retry_options = &in->retry;
  }
  if (rc == GENAI_OK && in->opts.upload_url_out) *in->opts.upload_url_out = NULL;
  return rc;
}

static const char *base_name_of(const char *path) {
  const char *slash = path ? strrchr(path, '/') : NULL;
  return slash ? slash + 1 : path;
}

static void upload_clear(upload *u) {
  genai__headers_clear(&u->start_headers);
  genai__response_clear(&u->resp);
  genai__free_secret(u->url);
  genai__http_driver_checkin(u->client->http, u->driver);
}

/* Runs the whole protocol for a prepared source. */
static genai_result run_upload(genai_client *client, upload_source *src, const char *path, const upload_input *in,
                               genai_file **out) {
  const char *mime = in->cfg.mime_type ? in->cfg.mime_type : genai__mime_from_name(path);
  if (!mime)
    return genai__err(GENAI_EINVAL, "Unknown mime type: Could not determine the mimetype for your file\n"
                                    "    please set the `mime_type` argument");
  upload u = {.client = client, .src = *src};
  u.src.progress = in->opts.progress;
  u.src.progress_data = in->opts.progress_data;
  u.chunk_size = in->opts.chunk_size ? in->opts.chunk_size : DEFAULT_CHUNK_SIZE;
  u.max_recoveries = in->opts.max_recoveries > 0 ? in->opts.max_recoveries
                     : in->opts.max_recoveries < 0 ? 0
                                                   : DEFAULT_RECOVERIES;
  genai__call_settings(client, in->cfg.http_options, &u.settings, &u.retry);
  genai_result rc = genai__http_driver_checkout(client->http, &u.driver);
  if (rc != GENAI_OK) return rc;
  rc = start_header_set(&u, mime, base_name_of(path));
  uint64_t offset = 0;
  bool done = false;
  if (rc == GENAI_OK && in->opts.resume_url) {
    u.url = genai__strdup(in->opts.resume_url);
    if (!u.url) rc = genai__err(GENAI_ENOMEM, "out of memory");
    genai__secrets_add(&u.secrets, u.url);
    if (rc == GENAI_OK) rc = query(&u, &offset, &done);
  } else if (rc == GENAI_OK) {
    rc = start_session(&u, &in->cfg, in->cfg.http_options, mime);
  }
  if (rc == GENAI_OK && !done) rc = send_chunks(&u, offset);
  if (rc == GENAI_OK) {
    report(&u.src, u.src.size);
    *out = u.file;
    u.file = NULL;
  } else if (u.url && in->opts.upload_url_out) {
    genai__error_copy saved = {0};
    genai__error_save(&saved);
    *in->opts.upload_url_out = genai__strdup(u.url);
    rc = genai__error_restore(&saved);
    genai__error_copy_clear(&saved);
  }
  genai__value_free(u.file);
  upload_clear(&u);
  return rc;
}

static genai_result check_call(genai_client *client, genai_file **out) {
  if (out) *out = NULL;
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  if (!client) return genai__err(GENAI_EINVAL, "client is NULL");
  return genai__files_check_backend(client);
}

/* The bytes from the stream's position to its end. */
static genai_result stream_source(FILE *f, upload_source *src) {
  off_t here = ftello(f);
  if (here < 0 || fseeko(f, 0, SEEK_END) != 0)
    return genai__err(GENAI_EINVAL, "the stream must be seekable (%s)", strerror(errno));
  off_t end = ftello(f);
  if (end < here || fseeko(f, here, SEEK_SET) != 0)
    return genai__err(GENAI_EIO, "cannot measure the stream: %s", strerror(errno));
  *src = (upload_source){.file = f, .base = here, .size = (uint64_t)(end - here)};
  return GENAI_OK;
}

genai_result genai_files_upload(genai_client *client, const char *path, const genai_upload_file_config *config,
                                const genai_upload_options *options, genai_file **out) {
  genai_result rc = check_call(client, out);
  if (rc != GENAI_OK) return rc;
  if (!path || !*path) return genai__err(GENAI_EINVAL, "path is required.");
  upload_input in;
  rc = copy_inputs(config, options, &in);
  if (rc != GENAI_OK) return rc;
  FILE *f = fopen(path, "rb");
  if (!f) return genai__err(GENAI_EIO, "%s is not a valid file path: %s", path, strerror(errno));
  upload_source src;
  rc = stream_source(f, &src);
  if (rc == GENAI_OK) rc = run_upload(client, &src, path, &in, out);
  fclose(f);
  return rc;
}

genai_result genai_files_upload_stream(genai_client *client, FILE *stream, const genai_upload_file_config *config,
                                       const genai_upload_options *options, genai_file **out) {
  genai_result rc = check_call(client, out);
  if (rc != GENAI_OK) return rc;
  if (!stream) return genai__err(GENAI_EINVAL, "stream is NULL");
  upload_input in;
  rc = copy_inputs(config, options, &in);
  if (rc != GENAI_OK) return rc;
  upload_source src;
  rc = stream_source(stream, &src);
  return rc == GENAI_OK ? run_upload(client, &src, NULL, &in, out) : rc;
}

genai_result genai_files_upload_bytes(genai_client *client, const void *data, size_t size,
                                      const genai_upload_file_config *config, const genai_upload_options *options,
                                      genai_file **out) {
  genai_result rc = check_call(client, out);
  if (rc != GENAI_OK) return rc;
  if (!data && size) return genai__err(GENAI_EINVAL, "data is NULL");
  upload_input in;
  rc = copy_inputs(config, options, &in);
  if (rc != GENAI_OK) return rc;
  upload_source src = {.data = data, .size = size};
  return run_upload(client, &src, NULL, &in, out);
}
