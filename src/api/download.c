/* files.download (files.py): GET files/{id}:download?alt=media, the body
 * streamed to the caller, never retried. A task operation (api/op.h):
 * genai_files_download_async runs it on a genai_multi, genai_files_download
 * on a private driver until it ends; either way the write callback runs
 * from the driver, outside libcurl, and a slow one pauses the transfer. */
#include <genai/files.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "api/client_internal.h"
#include "api/files_internal.h"
#include "api/multi_internal.h"
#include "api/op.h"
#include "api/request.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/structsize.h"
#include "http/driver.h"

/* t_file_name: "files/abc" and "abc" are the id as is; in a URI the id is
 * the leading run of [a-z0-9] after "files/". */
static genai_result file_id(const char *file, char *out, size_t size) {
  if (!file || !*file) return genai__err(GENAI_EINVAL, "file is required.");
  const char *id = file;
  size_t n;
  if (!strncmp(file, "https://", 8) || !strncmp(file, "http://", 7)) {
    const char *at = strstr(file, "files/");
    if (!at) return genai__err(GENAI_EINVAL, "Could not extract file name from URI: %s", file);
    id = at + 6;
    for (n = 0; islower((unsigned char)id[n]) || isdigit((unsigned char)id[n]); n++) {
    }
  } else {
    if (!strncmp(file, "files/", 6)) id = file + 6;
    n = strlen(id);
  }
  if (n == 0 || memchr(id, '/', n))
    return genai__err(GENAI_EINVAL, "file %s is not a file name (files/ID, ID or a download URI).", file);
  if (n >= size) return genai__err(GENAI_EINVAL, "file %s: the name is too long.", file);
  memcpy(out, id, n);
  out[n] = '\0';
  return GENAI_OK;
}

/* One download: the operation's task state. The bytes go to the caller's
 * write callback, or into memory (write NULL). */
typedef struct download {
  genai_client *client;
  genai_op *op;
  genai__driver *driver;
  const genai__call *call; /* during download_start only */
  char path[300];          /* files/{id}:download */
  genai__exchange x;
  genai__response resp;
  genai_download_write_fn write;
  void *user_data;
  genai__buf held;         /* a piece taken from libcurl, not yet handed to write */
  genai__deferred deliver;
  genai__buf body;         /* the bytes, when they go into memory */
  bool taken;              /* the bytes were taken (genai_op_take_bytes) */
  bool no_memory;
} download;

static void deliver(void *data);

/* A 2xx body's bytes, inside libcurl: one piece is kept for the write
 * callback, which gets it right after from the driver (and may then cancel
 * or free the op); until then the transfer waits (flat memory). */
static genai__sink_action sink(void *data, const char *bytes, size_t len) {
  download *d = data;
  if (d->write && d->held.len) return GENAI__SINK_PAUSE;
  if (genai__buf_append(d->write ? &d->held : &d->body, bytes, len) != GENAI_OK) {
    d->no_memory = true;
    return GENAI__SINK_ABORT;
  }
  if (d->write) genai__defer(d->driver, &d->deliver, deliver, d);
  return GENAI__SINK_TAKE;
}

/* Hands the held bytes to the write callback. False when the download
 * ended (the callback took fewer bytes) or the callback freed the op. */
static bool hand_over(download *d) {
  if (!d->held.len) return true;
  genai_op *op = d->op;
  genai__op_user_enter(op);
  size_t took = d->write(d->held.data, d->held.len, d->user_data);
  if (!genai__op_user_leave(op)) return false;
  if (took != d->held.len) {
    genai__err(GENAI_ECANCELED, "the download of %s was stopped by the write callback", d->path);
    genai__op_finish(op, GENAI_ECANCELED, NULL);
    return false;
  }
  genai__buf_reset(&d->held);
  return true;
}

static void deliver(void *data) {
  download *d = data;
  if (hand_over(d)) genai__transfer_resume(genai__exchange_transfer(&d->x));
}

/* The GET ended: the bytes that arrived before come first, then the end. */
static void on_download_done(void *data, genai_result rc) {
  download *d = data;
  genai__defer_cancel(d->driver, &d->deliver);
  if (d->no_memory) rc = genai__err(GENAI_ENOMEM, "out of memory holding the download");
  if (d->write && d->held.len) {
    genai__error_copy saved = {0};
    genai__error_save(&saved);
    bool going = hand_over(d);
    if (going && rc != GENAI_OK) rc = genai__error_restore(&saved);
    genai__error_copy_clear(&saved);
    if (!going) return;
  }
  genai__op_finish(d->op, rc, NULL);
}

static genai_result download_start(void *data, genai_op *op) {
  download *d = data;
  d->op = op;
  d->driver = op->driver;
  genai_result rc = genai__exchange_start(&d->x, d->client, d->driver, d->call, &d->resp, NULL, on_download_done, d);
  d->call = NULL;
  return rc;
}

static void download_stop(void *data) {
  download *d = data;
  genai__exchange_clear(&d->x);
  if (d->driver) genai__defer_cancel(d->driver, &d->deliver);
}

static void download_release(void *data) {
  download *d = data;
  genai__response_clear(&d->resp);
  genai__buf_free(&d->held);
  genai__buf_free(&d->body);
  genai__free(d);
}

static const genai__op_task to_callback_task = {.result_name = "nothing to take (a download to a write callback)",
                                                .start = download_start, .stop = download_stop};
static const genai__op_task to_memory_task = {.result_name = "bytes", .start = download_start,
                                              .stop = download_stop};

/* One attempt, whatever the client's retry options say: a download the
 * caller's sink already consumed part of cannot be replayed (files.py). */
static genai_result one_attempt_options(const genai_download_file_config *config, genai_http_options *opts,
                                        genai_http_retry_options *retry) {
  static const int32_t one = 1;
  *opts = (genai_http_options){GENAI_INIT(genai_http_options)};
  if (config) {
    genai_download_file_config cfg;
    genai_result rc = genai__struct_copy(config, sizeof(cfg), "config", "genai_download_file_config", &cfg);
    if (rc == GENAI_OK && cfg.http_options)
      rc = genai__struct_copy(cfg.http_options, sizeof(*opts), "config.http_options", "genai_http_options", opts);
    if (rc != GENAI_OK) return rc;
  }
  *retry = (genai_http_retry_options){GENAI_INIT(genai_http_retry_options), .attempts = &one};
  opts->retry_options = retry;
  return GENAI_OK;
}

/* Checks the arguments and starts the download: on multi (*out), or to its
 * end on a private driver (*out is then the ended op). write NULL: into
 * memory. */
static genai_result download_launch(genai_client *client, genai_multi *multi, const genai_op_callbacks *cb,
                                    const char *file, const genai_download_file_config *config,
                                    genai_download_write_fn write, void *user_data, genai_op **out) {
  genai_result rc = genai__files_check_backend(client);
  if (rc != GENAI_OK) return rc;
  char id[256];
  rc = file_id(file, id, sizeof(id));
  if (rc != GENAI_OK) return rc;
  genai_http_options opts;
  genai_http_retry_options retry;
  if ((rc = one_attempt_options(config, &opts, &retry)) != GENAI_OK) return rc;
  download *d = genai__calloc(1, sizeof(*d));
  if (!d) return genai__err(GENAI_ENOMEM, "out of memory");
  d->client = client;
  d->write = write;
  d->user_data = user_data;
  snprintf(d->path, sizeof(d->path), "files/%s:download", id);
  genai__call call = {.method = "GET", .path = d->path, .query = "alt=media", .http_options = &opts,
                      .sink = sink, .sink_data = d};
  d->call = &call;
  genai__op_hooks hooks = {.release = download_release, .data = d};
  return genai__op_launch_task(client, multi, write ? &to_callback_task : &to_memory_task, &hooks, cb, out);
}

genai_result genai_files_download(genai_client *client, const char *file, const genai_download_file_config *config,
                                  genai_download_write_fn write, void *user_data) {
  if (!client) return genai__err(GENAI_EINVAL, "client is NULL");
  if (!write) return genai__err(GENAI_EINVAL, "write is NULL");
  genai_op *op = NULL;
  genai_result rc = download_launch(client, NULL, NULL, file, config, write, user_data, &op);
  if (rc == GENAI_OK) rc = genai__op_outcome(op);
  genai__op_destroy(op);
  return rc;
}

genai_result genai_files_download_async(genai_multi *multi, const char *file, const genai_download_file_config *config,
                                        genai_download_write_fn write, void *user_data,
                                        const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  if (rc == GENAI_OK && !write) rc = genai__err(GENAI_EINVAL, "write is NULL");
  return rc == GENAI_OK ? download_launch(genai__multi_client(multi), multi, &cb, file, config, write, user_data, out)
                        : rc;
}

genai_result genai_files_download_bytes_async(genai_multi *multi, const char *file,
                                              const genai_download_file_config *config,
                                              const genai_op_callbacks *callbacks, genai_op **out) {
  genai_op_callbacks cb;
  genai_result rc = genai__async_begin(multi, callbacks, out, &cb);
  return rc == GENAI_OK ? download_launch(genai__multi_client(multi), multi, &cb, file, config, NULL, NULL, out) : rc;
}

genai_result genai_op_take_bytes(genai_op *op, void **data, size_t *size) {
  if (data) *data = NULL;
  if (size) *size = 0;
  if (!data || !size) return genai__err(GENAI_EINVAL, "data and size are required.");
  if (!op) return genai__err(GENAI_EINVAL, "op is NULL");
  if (op->task != &to_memory_task)
    return genai__err(GENAI_EINVAL, "the operation's result is %s, not bytes", genai__op_result_name(op));
  genai_result rc = genai__op_outcome(op);
  if (rc != GENAI_OK) return rc;
  download *d = op->hooks.data;
  if (d->taken) return genai__err(GENAI_EINVAL, "the result was taken already");
  size_t len = d->body.len;
  void *bytes = genai__buf_take(&d->body);
  if (!bytes) return genai__err(GENAI_ENOMEM, "out of memory");
  d->taken = true;
  *data = bytes;
  *size = len;
  return GENAI_OK;
}

/* ---------------------------------------------------------------- sinks */

typedef struct file_sink {
  FILE *f;
  int error; /* errno of the first failed write */
} file_sink;

static size_t write_file(const void *data, size_t size, void *user_data) {
  file_sink *s = user_data;
  size_t n = fwrite(data, 1, size, s->f);
  if (n != size && !s->error) s->error = errno ? errno : EIO;
  return n;
}

static genai_result download_to_path(genai_client *client, const char *file, const genai_download_file_config *config,
                                     const char *path) {
  if (!path || !*path) return genai__err(GENAI_EINVAL, "path is required.");
  file_sink s = {fopen(path, "wb"), 0};
  if (!s.f) return genai__err(GENAI_EIO, "cannot create %s: %s", path, strerror(errno));
  genai_result rc = genai_files_download(client, file, config, write_file, &s);
  if (fclose(s.f) != 0 && rc == GENAI_OK) s.error = errno ? errno : EIO;
  if (s.error) rc = genai__err(GENAI_EIO, "cannot write %s: %s", path, strerror(s.error));
  if (rc != GENAI_OK) {
    genai__error_copy saved = {0};
    genai__error_save(&saved);
    remove(path);
    rc = genai__error_restore(&saved);
    genai__error_copy_clear(&saved);
  }
  return rc;
}

genai_result genai_files_download_to_path(genai_client *client, const char *file,
                                          const genai_download_file_config *config, const char *path) {
  return download_to_path(client, file, config, path);
}

genai_result genai_files_download_bytes(genai_client *client, const char *file,
                                        const genai_download_file_config *config, void **data, size_t *size) {
  if (data) *data = NULL;
  if (size) *size = 0;
  if (!data || !size) return genai__err(GENAI_EINVAL, "data and size are required.");
  if (!client) return genai__err(GENAI_EINVAL, "client is NULL");
  genai_op *op = NULL;
  genai_result rc = download_launch(client, NULL, NULL, file, config, NULL, NULL, &op);
  if (rc == GENAI_OK) rc = genai_op_take_bytes(op, data, size);
  genai__op_destroy(op);
  return rc;
}

static genai_result video_uri(genai_client *client, const genai_video *video, const char **uri) {
  if (!client) return genai__err(GENAI_EINVAL, "client is NULL");
  if (client->vertexai) return genai__err(GENAI_EINVAL, "This method is only supported in the Gemini Developer client.");
  if (!video) return genai__err(GENAI_EINVAL, "video is NULL");
  genai_video v;
  genai_result rc = genai__struct_copy(video, sizeof(v), "video", "genai_video", &v);
  if (rc != GENAI_OK) return rc;
  if (!v.uri) return genai__err(GENAI_EINVAL, "video.uri is not set: only generated videos with a uri can be downloaded.");
  *uri = v.uri;
  return GENAI_OK;
}

genai_result genai_files_download_video(genai_client *client, const genai_video *video,
                                        const genai_download_file_config *config, genai_download_write_fn write,
                                        void *user_data) {
  const char *uri = NULL;
  genai_result rc = video_uri(client, video, &uri);
  return rc == GENAI_OK ? genai_files_download(client, uri, config, write, user_data) : rc;
}

genai_result genai_files_download_file(genai_client *client, const genai_file *file,
                                       const genai_download_file_config *config, genai_download_write_fn write,
                                       void *user_data) {
  if (!file) return genai__err(GENAI_EINVAL, "file is NULL");
  genai_file f;
  genai_result rc = genai__struct_copy(file, sizeof(f), "file", "genai_file", &f);
  if (rc != GENAI_OK) return rc;
  /* files.py: an uploaded File has no download_uri */
  if (!f.download_uri)
    return genai__err(GENAI_EINVAL, "Only generated files can be downloaded, uploaded files can not be downloaded. "
                                    "You can tell if a file is generated by checking its `source` field.");
  return genai_files_download(client, f.name ? f.name : f.download_uri, config, write, user_data);
}

genai_result genai_files_download_video_to_path(genai_client *client, const genai_video *video,
                                                const genai_download_file_config *config, const char *path) {
  const char *uri = NULL;
  genai_result rc = video_uri(client, video, &uri);
  return rc == GENAI_OK ? download_to_path(client, uri, config, path) : rc;
}
