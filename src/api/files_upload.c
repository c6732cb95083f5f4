/* files.upload: the Gemini API's resumable upload protocol
 * (reference/python-genai.md §3.4). A start request creates the session and
 * returns its URL; the bytes follow in chunk requests whose bodies libcurl
 * pulls from the source as it sends them, so neither the file nor a chunk is
 * ever held in memory. Where Python restarts nothing and gives up on a
 * broken chunk, this asks the service how many bytes it holds (the "query"
 * command) and continues from there.
 *
 * The protocol is a task operation (api/op.h): an event-driven state
 * machine on the operation's driver. Each request's end, and each pause's
 * timer, moves it on: start -> chunk ... -> final, with query -> chunk
 * after a broken or refused chunk. genai_files_upload_async runs it on a
 * genai_multi; genai_files_upload runs the same operation on a private
 * driver until it ends. */
#include <genai/files.h>

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "api/client_internal.h"
#include "api/files_internal.h"
#include "api/multi_internal.h"
#include "api/op.h"
#include "api/request.h"
#include "core/alloc.h"
#include "core/error.h"
#include "core/mime.h"
#include "core/structsize.h"
#include "http/api_error.h"
#include "http/driver.h"
#include "http/engine.h"
#include "wire/codec.h"
#include "wire/json_read.h"
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
  uint64_t reported; /* the count last given (or queued) to the progress callback */
} upload_source;

/* The inputs, copied: the strings they point to are the caller's, read
 * only until the start request is built (upload_start). */
typedef struct upload_input {
  genai_upload_file_config cfg;
  genai_http_options http;
  genai_http_retry_options retry;
  genai_upload_options opts;
} upload_input;

/* What the session request in flight asks. */
typedef enum session_step { STEP_QUERY, STEP_CHUNK } session_step;

/* One upload: the operation's task state. */
typedef struct upload upload;
struct upload {
  genai_client *client;
  genai_op *op;
  genai__driver *driver;
  const upload_input *in; /* during upload_start only */
  const char *mime;       /* likewise */
  upload_source src;
  FILE *owned;            /* the file of a path upload, closed with the upload */
  char *base_url;         /* http_options.base_url, which rebases the session URL */
  char *url;              /* the session URL: a credential, never shown */
  char **url_out;         /* options.upload_url_out */
  genai__headers start_headers; /* sent again with every chunk, as Python does */
  genai__http_settings settings;
  genai__retry_policy retry;
  genai__secrets secrets;
  size_t chunk_size;
  int max_recoveries, recoveries, no_status;
  genai_upload_progress_fn progress;
  void *progress_data;
  uint64_t progress_sent;       /* what the queued progress call reports */
  genai__deferred progress_work;
  /* the request in flight: the start (an exchange of the client's request
   * path), or a query or chunk to the session URL (a bare transfer) */
  genai__exchange x;
  session_step step;
  uint64_t offset, len; /* the chunk: bytes [offset, offset + len) */
  genai__headers headers;
  genai__request req;
  genai__transfer *t;
  genai__response resp;
  /* a pause before a recovery or a retry, then `after_pause` */
  genai__timer pause;
  void (*after_pause)(upload *u);
  genai_file *file; /* the result */
};

/* ------------------------------------------------------------ the source */

static genai_result source_seek(upload_source *s, uint64_t offset, uint64_t len) {
  s->pos = offset;
  s->chunk_end = offset + len;
  if (s->file && fseeko(s->file, s->base + (off_t)offset, SEEK_SET) != 0)
    return genai__err(GENAI_EIO, "cannot seek the upload source to byte %" PRIu64 ": %s", offset, strerror(errno));
  return GENAI_OK;
}

/* Calls the progress callback (inside perform/poll, outside libcurl);
 * false when the callback freed the operation, and with it the upload. */
static bool call_progress(upload *u, uint64_t sent) {
  genai_op *op = u->op;
  genai__op_user_enter(op);
  u->progress(u->progress_data, sent, u->src.size);
  return genai__op_user_leave(op);
}

static void progress_due(void *data) {
  upload *u = data;
  (void)call_progress(u, u->progress_sent);
}

/* Progress is noted inside libcurl's read callback and reported right
 * after, from the driver: the callback may then cancel or free the op. */
static void note_progress(upload *u, uint64_t sent) {
  u->src.reported = sent;
  if (!u->progress) return;
  u->progress_sent = sent;
  genai__defer(u->driver, &u->progress_work, progress_due, u);
}

/* libcurl's read callback: the next bytes of the chunk. A file that shrank
 * since its size was taken aborts the transfer. */
static size_t source_read(void *data, char *buf, size_t max) {
  upload *u = data;
  upload_source *s = &u->src;
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
    note_progress(u, s->pos);
  return n;
}

/* ------------------------------------------------------------ the ends */

/* The upload ends with rc, which the thread's error describes. The op's
 * on_done may free it: nothing of u may be touched afterwards. */
static void fail(upload *u, genai_result rc) { genai__op_finish(u->op, rc, NULL); }

/* The service holds every byte: progress says so once, then the File. */
static void succeed(upload *u) {
  genai__defer_cancel(u->driver, &u->progress_work);
  u->src.reported = u->src.size;
  if (u->progress && !call_progress(u, u->src.size)) return;
  genai_file *file = u->file;
  u->file = NULL;
  genai__op_finish(u->op, GENAI_OK, file);
}

/* ------------------------------------------------------------- requests */

static void on_session_done(void *data, genai_result rc, bool retryable);

/* Starts one POST to the session URL: a query, or the chunk at u->offset
 * of u->len bytes (command "upload", or "upload, finalize" when it reaches
 * the end). The answer, whatever its status, lands in u->resp. */
static genai_result post_session(upload *u, session_step step) {
  bool chunk = step == STEP_CHUNK;
  const char *command = !chunk ? "query" : u->offset + u->len >= u->src.size ? "upload, finalize" : "upload";
  genai__transfer_free(u->t); /* the previous request's, which has ended */
  u->t = NULL;
  u->step = step;
  genai__headers_clear(&u->headers);
  char number[32];
  genai_result rc = genai__headers_copy(&u->headers, &u->start_headers);
  if (rc == GENAI_OK) rc = genai__headers_set(&u->headers, "X-Goog-Upload-Command", command);
  if (rc == GENAI_OK && chunk) {
    snprintf(number, sizeof(number), "%" PRIu64, u->offset);
    rc = genai__headers_set(&u->headers, "X-Goog-Upload-Offset", number);
  }
  if (rc == GENAI_OK && u->settings.timeout_ms > 0) {
    snprintf(number, sizeof(number), "%lld", (long long)((u->settings.timeout_ms + 999) / 1000));
    rc = genai__headers_set(&u->headers, "X-Server-Timeout", number);
  }
  if (rc != GENAI_OK) return genai__err(GENAI_ENOMEM, "out of memory");
  if (chunk && (rc = source_seek(&u->src, u->offset, u->len)) != GENAI_OK) return rc;
  u->req = (genai__request){.method = "POST", .url = u->url, .headers = &u->headers,
                            .body_len = chunk ? (size_t)u->len : 0, .settings = u->settings,
                            .secrets = &u->secrets, .shown_url = SHOWN_URL};
  if (chunk) {
    u->req.read = source_read;
    u->req.read_data = u;
  }
  return genai__transfer_start(u->client->http, u->driver, &u->req, &u->resp, on_session_done, NULL, u, &u->t);
}

/* The next chunk, from u->offset on. */
static void send_chunk(upload *u) {
  uint64_t left = u->src.size - u->offset;
  u->len = left < u->chunk_size ? left : u->chunk_size;
  genai_result rc = post_session(u, STEP_CHUNK);
  if (rc != GENAI_OK) fail(u, rc);
}

/* Asks the service where the session stands. */
static void send_query(upload *u) {
  genai_result rc = post_session(u, STEP_QUERY);
  if (rc != GENAI_OK) fail(u, rc);
}

static void pause_over(void *data) {
  upload *u = data;
  u->after_pause(u);
}

/* Waits before recovery or retry number n (1, 2, ...), on the driver's
 * timer, then goes on with `next`: the retry policy's delay when the caller
 * configured retries, else Python's 1, 2, 4 s. */
static void pause_then(upload *u, int n, void (*next)(upload *)) {
  int64_t ms = u->retry.attempts > 1 ? genai__retry_delay_ms(&u->retry, n, -1, genai__random01())
                                     : (int64_t)1000 << (n - 1 < 5 ? n - 1 : 5);
  u->after_pause = next;
  genai__timer_start(u->driver, &u->pause, genai__now_ms() + (ms > 0 ? ms : 0), pause_over, u);
}

static const char *answer_status(const upload *u) {
  return genai__headers_get(&u->resp.headers, "x-goog-upload-status");
}

static bool answer_ok(const upload *u) { return u->resp.status >= 200 && u->resp.status < 300; }

static genai_result api_error(const upload *u) {
  return genai__api_error_raise(u->resp.status, u->resp.body.data, u->resp.body.len, &u->resp.headers, -1,
                                &u->secrets);
}

static bool broken(genai_result rc) { return rc == GENAI_ETRANSPORT || rc == GENAI_ETIMEOUT; }

/* The answer {"file": {...}} of the finalizing request. */
static genai_result decode_final(upload *u) {
  json_error_t jerr;
  bool oom = false;
  json_t *root = genai__json_loadb(u->resp.body.data ? u->resp.body.data : "", u->resp.body.len, 0, &jerr, &oom);
  json_t *file = json_object_get(root, "file");
  genai_result rc;
  if (oom) {
    rc = genai__err(GENAI_ENOMEM, "out of memory reading the finished upload's answer");
  } else if (!json_is_object(file)) {
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

static void finalize(upload *u) {
  genai_result rc = decode_final(u);
  if (rc == GENAI_OK) succeed(u);
  else fail(u, rc);
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

/* A chunk (or query) broke off in transport, or a chunk landed at an
 * offset the service did not expect: after a pause, ask where the session
 * stands. `rc` (the thread's error) ends the upload once the recovery
 * budget is spent. */
static void recover(upload *u, genai_result rc) {
  if (u->recoveries >= u->max_recoveries) {
    fail(u, rc);
    return;
  }
  pause_then(u, ++u->recoveries, send_query);
}

/* A query answered: final (the File), or the bytes it holds, from which
 * the chunks go on. */
static void query_answered(upload *u, genai_result rc) {
  if (broken(rc)) {
    recover(u, rc);
    return;
  }
  if (rc == GENAI_OK && !answer_ok(u)) rc = api_error(u);
  if (rc != GENAI_OK) {
    fail(u, rc);
    return;
  }
  const char *status = answer_status(u);
  if (status && !strcmp(status, "final")) {
    finalize(u);
    return;
  }
  if (!status || strcmp(status, "active"))
    rc = genai__err(GENAI_EINVAL, "Failed to upload file: Upload status is not finalized.");
  else
    rc = parse_offset(genai__headers_get(&u->resp.headers, "x-goog-upload-size-received"), u->src.size, &u->offset);
  if (rc == GENAI_OK) send_chunk(u);
  else fail(u, rc);
}

/* A chunk answered: the next chunk, the File, a recovery, a retry, or the
 * end of the upload. */
static void chunk_answered(upload *u, genai_result rc) {
  if (broken(rc)) {
    recover(u, rc);
    return;
  }
  if (rc != GENAI_OK) {
    fail(u, rc);
    return;
  }
  const char *status = answer_status(u);
  long code = u->resp.status;
  if (!status) {
    /* Python retries any answer without a status; a client error
     * (400-499 but 408 and 429) will not change by itself */
    bool client_error = code >= 400 && code < 500 && code != 408 && code != 429;
    if (!client_error && ++u->no_status <= NO_STATUS_RETRIES) {
      pause_then(u, u->no_status, send_chunk);
      return;
    }
  } else {
    u->no_status = 0;
    if (answer_ok(u) && !strcmp(status, "final")) {
      finalize(u);
      return;
    }
    if (answer_ok(u) && !strcmp(status, "active")) {
      u->offset += u->len;
      if (u->offset < u->src.size) send_chunk(u);
      else fail(u, genai__err(GENAI_EINVAL, "All content has been uploaded, but the upload status is not finalized."));
      return;
    }
    if (code == 400 && !strcmp(status, "active")) {
      /* the session lives but refused the chunk: an offset it did not expect */
      recover(u, api_error(u));
      return;
    }
  }
  fail(u, answer_ok(u) ? genai__err(GENAI_EINVAL, "Failed to upload file: Upload status is not finalized.")
                       : api_error(u));
}

static void on_session_done(void *data, genai_result rc, bool retryable) {
  (void)retryable;
  upload *u = data;
  if (u->step == STEP_QUERY) query_answered(u, rc);
  else chunk_answered(u, rc);
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

/* The session URL of the start request's answer. */
static genai_result take_session_url(upload *u) {
  const char *url = genai__headers_get(&u->resp.headers, "x-goog-upload-url");
  if (!url)
    return genai__err(GENAI_EINVAL, "Failed to create file. Upload URL was not returned from the create file "
                                    "request.");
  u->url = genai__strdup(url);
  if (!u->url) return genai__err(GENAI_ENOMEM, "out of memory");
  genai_result rc = u->base_url ? rebase_url(u->base_url, &u->url) : GENAI_OK;
  genai__secrets_add(&u->secrets, u->url);
  return rc;
}

static void on_start_done(void *data, genai_result rc) {
  upload *u = data;
  if (rc == GENAI_OK) rc = take_session_url(u);
  genai__exchange_clear(&u->x); /* it has ended: what it holds goes */
  if (rc == GENAI_OK) send_chunk(u); /* from offset 0 */
  else fail(u, rc);
}

/* The start request: POST {base}/upload/v1beta/files through the client's
 * request path (API key, retries); the session URL comes back in a header. */
static genai_result start_session(upload *u) {
  const upload_input *in = u->in;
  char *name = NULL;
  genai_result rc = file_name(in->cfg.name, &name);
  if (rc != GENAI_OK) return rc;
  json_t *body = start_body(&in->cfg, name, u->mime, u->src.size);
  genai__free(name);
  if (!body) return genai__err(GENAI_ENOMEM, "out of memory");
  genai__headers *sh = &u->start_headers;
  genai_string_entry headers[8];
  size_t n = 0;
  for (size_t i = 0; i < sh->count && n < 7; i++) headers[n++] = (genai_string_entry){sh->items[i].name, sh->items[i].value};
  headers[n++] = (genai_string_entry){"X-Goog-Upload-Command", "start"};
  const genai_http_options *o = in->cfg.http_options;
  genai_http_options call_options = o ? *o : (genai_http_options){GENAI_INIT(genai_http_options)};
  call_options.api_version = ""; /* Python forces it empty: the path carries upload/v1beta */
  call_options.headers = headers; /* Python replaces the caller's headers with these */
  call_options.headers_count = n;
  genai__call call = {.method = "POST", .path = "upload/v1beta/files", .body = body, .http_options = &call_options};
  rc = genai__exchange_start(&u->x, u->client, u->driver, &call, &u->resp, NULL, on_start_done, u);
  json_decref(body);
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

/* ------------------------------------------------------------ the task */

/* Begins on the op's driver: the start request, or with resume_url a query
 * of the earlier session. The caller's inputs are not read afterwards. */
static genai_result upload_start(void *data, genai_op *op) {
  upload *u = data;
  u->op = op;
  u->driver = op->driver;
  genai_result rc = u->url ? post_session(u, STEP_QUERY) : start_session(u);
  u->in = NULL;
  u->mime = NULL;
  return rc;
}

static void upload_stop(void *data) {
  upload *u = data;
  genai__exchange_clear(&u->x);
  genai__transfer_free(u->t);
  u->t = NULL;
  if (u->driver) {
    genai__timer_stop(u->driver, &u->pause);
    genai__defer_cancel(u->driver, &u->progress_work);
  }
}

/* Every end, a cancellation included: a failed upload whose session exists
 * leaves its URL for a later resume_url (NULL when that copy cannot be
 * made; the op's error is kept already). */
static genai_result upload_on_end(void *data, genai_result rc, void *value) {
  (void)value;
  upload *u = data;
  if (rc != GENAI_OK && u->url && u->url_out) *u->url_out = genai__strdup(u->url);
  return GENAI_OK;
}

static void upload_release(void *data) {
  upload *u = data;
  genai__headers_clear(&u->start_headers);
  genai__headers_clear(&u->headers);
  genai__response_clear(&u->resp);
  genai__free_secret(u->url);
  genai__free(u->base_url);
  genai__value_free(u->file);
  if (u->owned) fclose(u->owned);
  genai__free(u);
}

static const genai__op_task upload_task = {.result = &genai__type_file, .start = upload_start, .stop = upload_stop};

/* ------------------------------------------------------------ the calls */

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

/* The upload of a prepared source, its inputs copied. */
static genai_result upload_new(genai_client *client, const upload_source *src, const char *path,
                               const upload_input *in, upload **out) {
  *out = NULL;
  const char *mime = in->cfg.mime_type ? in->cfg.mime_type : genai__mime_from_name(path);
  if (!mime)
    return genai__err(GENAI_EINVAL, "Unknown mime type: Could not determine the mimetype for your file\n"
                                    "    please set the `mime_type` argument");
  upload *u = genai__calloc(1, sizeof(*u));
  if (!u) return genai__err(GENAI_ENOMEM, "out of memory");
  u->client = client;
  u->src = *src;
  u->mime = mime;
  u->progress = in->opts.progress;
  u->progress_data = in->opts.progress_data;
  u->url_out = in->opts.upload_url_out;
  u->chunk_size = in->opts.chunk_size ? in->opts.chunk_size : DEFAULT_CHUNK_SIZE;
  u->max_recoveries = in->opts.max_recoveries > 0 ? in->opts.max_recoveries
                      : in->opts.max_recoveries < 0 ? 0
                                                    : DEFAULT_RECOVERIES;
  genai__call_settings(client, in->cfg.http_options, &u->settings, &u->retry);
  genai_result rc = start_header_set(u, mime, base_name_of(path));
  if (rc == GENAI_OK && in->cfg.http_options && in->http.base_url && !(u->base_url = genai__strdup(in->http.base_url)))
    rc = genai__err(GENAI_ENOMEM, "out of memory");
  if (rc == GENAI_OK && in->opts.resume_url) {
    if ((u->url = genai__strdup(in->opts.resume_url)) != NULL) genai__secrets_add(&u->secrets, u->url);
    else rc = genai__err(GENAI_ENOMEM, "out of memory");
  }
  if (rc != GENAI_OK) {
    upload_release(u);
    return rc;
  }
  *out = u;
  return GENAI_OK;
}

/* Runs the protocol for a prepared source: on multi (*op), or to its end
 * on a private driver (*out). `owned` is closed on every path. */
static genai_result upload_run(genai_client *client, genai_multi *multi, const genai_op_callbacks *cb,
                               const upload_source *src, FILE *owned, const char *path, const upload_input *in,
                               genai_op **op, genai_file **out) {
  upload *u = NULL;
  genai_result rc = upload_new(client, src, path, in, &u);
  if (rc != GENAI_OK) {
    if (owned) fclose(owned);
    return rc;
  }
  u->owned = owned;
  u->in = in;
  genai__op_hooks hooks = {.on_end = upload_on_end, .release = upload_release, .data = u};
  genai_op *o = NULL;
  rc = genai__op_launch_task(client, multi, &upload_task, &hooks, cb, &o);
  if (rc != GENAI_OK || multi) {
    if (op) *op = o;
    return rc;
  }
  rc = genai__op_take(o, &genai__type_file, (void **)out);
  genai__op_destroy(o);
  return rc;
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

static genai_result upload_path(genai_client *client, genai_multi *multi, const genai_op_callbacks *cb,
                                const char *path, const genai_upload_file_config *config,
                                const genai_upload_options *options, genai_op **op, genai_file **out) {
  genai_result rc = genai__files_check_backend(client);
  if (rc != GENAI_OK) return rc;
  if (!path || !*path) return genai__err(GENAI_EINVAL, "path is required.");
  upload_input in;
  rc = copy_inputs(config, options, &in);
  if (rc != GENAI_OK) return rc;
  FILE *f = fopen(path, "rb");
  if (!f) return genai__err(GENAI_EIO, "%s is not a valid file path: %s", path, strerror(errno));
  upload_source src;
  rc = stream_source(f, &src);
  if (rc != GENAI_OK) {
    fclose(f);
    return rc;
  }
  return upload_run(client, multi, cb, &src, f, path, &in, op, out);
}

static genai_result upload_stream(genai_client *client, genai_multi *multi, const genai_op_callbacks *cb,
                                  FILE *stream, const genai_upload_file_config *config,
                                  const genai_upload_options *options, genai_op **op, genai_file **out) {
  genai_result rc = genai__files_check_backend(client);
  if (rc != GENAI_OK) return rc;
  if (!stream) return genai__err(GENAI_EINVAL, "stream is NULL");
  upload_input in;
  rc = copy_inputs(config, options, &in);
  if (rc != GENAI_OK) return rc;
  upload_source src;
  rc = stream_source(stream, &src);
  return rc == GENAI_OK ? upload_run(client, multi, cb, &src, NULL, NULL, &in, op, out) : rc;
}

static genai_result upload_bytes(genai_client *client, genai_multi *multi, const genai_op_callbacks *cb,
                                 const void *data, size_t size, const genai_upload_file_config *config,
                                 const genai_upload_options *options, genai_op **op, genai_file **out) {
  genai_result rc = genai__files_check_backend(client);
  if (rc != GENAI_OK) return rc;
  if (!data && size) return genai__err(GENAI_EINVAL, "data is NULL");
  upload_input in;
  rc = copy_inputs(config, options, &in);
  if (rc != GENAI_OK) return rc;
  upload_source src = {.data = data, .size = size};
  return upload_run(client, multi, cb, &src, NULL, NULL, &in, op, out);
}

static genai_result check_call(genai_client *client, genai_file **out) {
  if (out) *out = NULL;
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  if (!client) return genai__err(GENAI_EINVAL, "client is NULL");
  return GENAI_OK;
}

genai_result genai_files_upload(genai_client *client, const char *path, const genai_upload_file_config *config,
                                const genai_upload_options *options, genai_file **out) {
  genai_result rc = check_call(client, out);
  return rc == GENAI_OK ? upload_path(client, NULL, NULL, path, config, options, NULL, out) : rc;
}

genai_result genai_files_upload_stream(genai_client *client, FILE *stream, const genai_upload_file_config *config,
                                       const genai_upload_options *options, genai_file **out) {
  genai_result rc = check_call(client, out);
  return rc == GENAI_OK ? upload_stream(client, NULL, NULL, stream, config, options, NULL, out) : rc;
}

genai_result genai_files_upload_bytes(genai_client *client, const void *data, size_t size,
                                      const genai_upload_file_config *config, const genai_upload_options *options,
                                      genai_file **out) {
  genai_result rc = check_call(client, out);
  return rc == GENAI_OK ? upload_bytes(client, NULL, NULL, data, size, config, options, NULL, out) : rc;
}

genai_result genai_files_upload_async(genai_multi *multi, const char *path, const genai_upload_file_config *config,
                                      const genai_upload_options *options, const genai_op_callbacks *callbacks,
                                      genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  return rc == GENAI_OK ? upload_path(genai__multi_client(multi), multi, &cb, path, config, options, out, NULL) : rc;
}

genai_result genai_files_upload_stream_async(genai_multi *multi, FILE *stream, const genai_upload_file_config *config,
                                             const genai_upload_options *options, const genai_op_callbacks *callbacks,
                                             genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  return rc == GENAI_OK ? upload_stream(genai__multi_client(multi), multi, &cb, stream, config, options, out, NULL)
                        : rc;
}

genai_result genai_files_upload_bytes_async(genai_multi *multi, const void *data, size_t size,
                                            const genai_upload_file_config *config,
                                            const genai_upload_options *options, const genai_op_callbacks *callbacks,
                                            genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  return rc == GENAI_OK
             ? upload_bytes(genai__multi_client(multi), multi, &cb, data, size, config, options, out, NULL)
             : rc;
}
