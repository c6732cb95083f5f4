/* files.download (files.py): GET files/{id}:download?alt=media, the body
 * streamed to the caller through the exchange's sink, never retried. */
#include <genai/files.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "api/client_internal.h"
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

typedef struct sink_state {
  genai_download_write_fn write;
  void *user_data;
  bool stopped;
} sink_state;

static genai__sink_action to_caller(void *data, const char *bytes, size_t len) {
  sink_state *s = data;
  if (s->write(bytes, len, s->user_data) == len) return GENAI__SINK_TAKE;
  s->stopped = true;
  return GENAI__SINK_ABORT;
}

static bool exchange_done(void *data) { return ((genai__exchange *)data)->done; }

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

genai_result genai_files_download(genai_client *client, const char *file, const genai_download_file_config *config,
                                  genai_download_write_fn write, void *user_data) {
  if (!client) return genai__err(GENAI_EINVAL, "client is NULL");
  if (!write) return genai__err(GENAI_EINVAL, "write is NULL");
  if (client->vertexai) return genai__err(GENAI_EINVAL, "This method is only supported in the Gemini Developer client.");
  char id[256], path[300];
  genai_result rc = file_id(file, id, sizeof(id));
  if (rc != GENAI_OK) return rc;
  snprintf(path, sizeof(path), "files/%s:download", id);
  genai_http_options opts;
  genai_http_retry_options retry;
  if ((rc = one_attempt_options(config, &opts, &retry)) != GENAI_OK) return rc;
  sink_state state = {write, user_data, false};
  genai__call call = {.method = "GET", .path = path, .query = "alt=media", .http_options = &opts,
                      .sink = to_caller, .sink_data = &state};
  genai__driver *d = NULL;
  if ((rc = genai__http_driver_checkout(client->http, &d)) != GENAI_OK) return rc;
  genai__exchange x;
  genai__response resp = {0};
  rc = genai__exchange_start(&x, client, d, &call, &resp, NULL, NULL, NULL);
  if (rc == GENAI_OK) {
    rc = genai__driver_run(d, exchange_done, &x);
    if (rc == GENAI_OK && !x.done) rc = genai__err(GENAI_ERROR, "the HTTP driver stopped before the download ended");
    if (rc == GENAI_OK && x.result != GENAI_OK) rc = genai__error_restore(&x.error);
    if (rc != GENAI_OK && state.stopped)
      rc = genai__err(GENAI_ECANCELED, "the download of %s was stopped by the write callback", path);
    genai__exchange_clear(&x);
  }
  genai__response_clear(&resp);
  genai__http_driver_checkin(client->http, d);
  return rc;
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

typedef struct buf_sink {
  genai__buf buf;
  bool no_memory;
} buf_sink;

static size_t write_buf(const void *data, size_t size, void *user_data) {
  buf_sink *s = user_data;
  if (genai__buf_append(&s->buf, data, size) == GENAI_OK) return size;
  s->no_memory = true;
  return 0;
}

genai_result genai_files_download_bytes(genai_client *client, const char *file,
                                        const genai_download_file_config *config, void **data, size_t *size) {
  if (data) *data = NULL;
  if (size) *size = 0;
  if (!data || !size) return genai__err(GENAI_EINVAL, "data and size are required.");
  buf_sink s = {{0}, false};
  genai_result rc = genai_files_download(client, file, config, write_buf, &s);
  if (rc == GENAI_ECANCELED && s.no_memory) rc = genai__err(GENAI_ENOMEM, "out of memory holding the download");
  size_t len = s.buf.len;
  void *bytes = rc == GENAI_OK ? genai__buf_take(&s.buf) : NULL;
  if (rc == GENAI_OK && !bytes) rc = genai__err(GENAI_ENOMEM, "out of memory");
  if (rc != GENAI_OK) {
    genai__buf_free(&s.buf);
    return rc;
  }
  *size = len;
  *data = bytes;
  return GENAI_OK;
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
