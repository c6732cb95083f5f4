/* Image and Video: from a file or a Cloud Storage URI, and saved to a file. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <genai/helpers.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/mime.h"
#include "wire/clone.h"
#include "wire/types_gen.h"

static genai_result read_file(const char *path, genai__buf *out) {
  FILE *f = fopen(path, "rb");
  if (!f) return genai__err(GENAI_EIO, "cannot open %s: %s", path, strerror(errno));
  char chunk[65536];
  size_t n;
  genai_result rc = GENAI_OK;
  while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
    if (genai__buf_append(out, chunk, n) != GENAI_OK) {
      rc = genai__err(GENAI_ENOMEM, "out of memory reading %s", path);
      break;
    }
  if (rc == GENAI_OK && ferror(f)) rc = genai__err(GENAI_EIO, "cannot read %s: %s", path, strerror(errno));
  fclose(f);
  return rc;
}

static genai_result write_file(const char *path, genai_bytes data, const char *what) {
  if (!path) return genai__err(GENAI_EINVAL, "path is NULL");
  if (!data.data) return genai__err(GENAI_EINVAL, "The %s bytes are not set.", what);
  FILE *f = fopen(path, "wb");
  if (!f) return genai__err(GENAI_EIO, "cannot create %s: %s", path, strerror(errno));
  size_t written = data.size ? fwrite(data.data, 1, data.size, f) : 0;
  int failed = written != data.size || ferror(f);
  if (fclose(f) != 0) failed = 1;
  if (failed) return genai__err(GENAI_EIO, "cannot write %s: %s", path, strerror(errno));
  return GENAI_OK;
}

/* "https://storage.googleapis.com/bucket/o" is the same object as "gs://bucket/o". */
static char *gcs_uri(const char *location) {
  static const char https[] = "https://storage.googleapis.com/";
  if (!strncmp(location, "gs://", 5)) return genai__strdup(location);
  if (strncmp(location, https, sizeof(https) - 1)) return NULL;
  genai__buf b = {0};
  const char *p = location + sizeof(https) - 1;
  genai_result rc = genai__buf_puts(&b, "gs://");
  /* unquote %XX, as the Python SDK does */
  for (; rc == GENAI_OK && *p && *p != '?' && *p != '#'; p++) {
    unsigned v;
    if (*p == '%' && sscanf(p + 1, "%2x", &v) == 1) {
      char c = (char)v;
      rc = genai__buf_append(&b, &c, 1);
      p += 2;
    } else {
      rc = genai__buf_append(&b, p, 1);
    }
  }
  if (rc != GENAI_OK) {
    genai__buf_free(&b);
    return NULL;
  }
  return genai__buf_take(&b);
}

static genai_result media_from_file(const char *location, const char *mime_type, bool video, void **out) {
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  *out = NULL;
  if (!location || !*location) return genai__err(GENAI_EINVAL, "location is required.");
  if (!mime_type) mime_type = genai__mime_from_name(location);
  char *uri = gcs_uri(location);
  genai__buf bytes = {0};
  genai_result rc = GENAI_OK;
  if (!uri && (rc = read_file(location, &bytes)) != GENAI_OK) return rc;
  genai_bytes data = {uri ? NULL : (const uint8_t *)(bytes.data ? bytes.data : ""), bytes.len};
  void *copy = NULL;
  if (video) {
    genai_video v = {GENAI_INIT(genai_video), .uri = uri, .video_bytes = data, .mime_type = mime_type};
    rc = genai__clone_owned(&genai__type_video, &v, &copy);
  } else {
    genai_image i = {GENAI_INIT(genai_image), .gcs_uri = uri, .image_bytes = data, .mime_type = mime_type};
    rc = genai__clone_owned(&genai__type_image, &i, &copy);
  }
  genai__free(uri);
  genai__buf_free(&bytes);
  *out = copy;
  return rc;
}

genai_result genai_image_from_file(const char *location, const char *mime_type, genai_image **out) {
  void *v = NULL;
  genai_result rc = media_from_file(location, mime_type, false, out ? &v : NULL);
  if (out) *out = v;
  return rc;
}

genai_result genai_video_from_file(const char *location, const char *mime_type, genai_video **out) {
  void *v = NULL;
  genai_result rc = media_from_file(location, mime_type, true, out ? &v : NULL);
  if (out) *out = v;
  return rc;
}

genai_result genai_image_save(const genai_image *image, const char *path) {
  if (!image) return genai__err(GENAI_EINVAL, "image is NULL");
  if (!image->image_bytes.data && image->gcs_uri)
    return genai__err(GENAI_EINVAL,
                      "The image has no bytes, only gcs_uri %s: read it from Cloud Storage (output_gcs_uri was set).",
                      image->gcs_uri);
  return write_file(path, image->image_bytes, "image");
}

genai_result genai_video_save(const genai_video *video, const char *path) {
  if (!video) return genai__err(GENAI_EINVAL, "video is NULL");
  if (!video->video_bytes.data && video->uri)
    return genai__err(GENAI_EINVAL,
                      "The video has no bytes, only uri %s: download it first with genai_files_download_video() "
                      "(Gemini API) or read it from Cloud Storage (Vertex AI output_gcs_uri).",
                      video->uri);
  return write_file(path, video->video_bytes, "video");
}
