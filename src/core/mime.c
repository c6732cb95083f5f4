#include "core/mime.h"

#include <string.h>
#include <strings.h>

static const struct {
  const char *ext, *type;
} table[] = {
    /* images */
    {"png", "image/png"}, {"jpg", "image/jpeg"}, {"jpeg", "image/jpeg"}, {"jpe", "image/jpeg"},
    {"gif", "image/gif"}, {"webp", "image/webp"}, {"heic", "image/heic"}, {"heif", "image/heif"},
    {"bmp", "image/bmp"}, {"tif", "image/tiff"}, {"tiff", "image/tiff"}, {"svg", "image/svg+xml"},
    {"ico", "image/vnd.microsoft.icon"},
    /* audio */
    {"wav", "audio/x-wav"}, {"mp3", "audio/mpeg"}, {"aif", "audio/x-aiff"}, {"aiff", "audio/x-aiff"},
    {"aifc", "audio/x-aiff"}, {"aac", "audio/aac"}, {"ogg", "audio/ogg"}, {"oga", "audio/ogg"},
    {"flac", "audio/flac"}, {"m4a", "audio/mp4"}, {"opus", "audio/opus"}, {"weba", "audio/webm"},
    /* video */
    {"mp4", "video/mp4"}, {"mpeg", "video/mpeg"}, {"mpg", "video/mpeg"}, {"mpe", "video/mpeg"},
    {"mov", "video/quicktime"}, {"qt", "video/quicktime"}, {"avi", "video/x-msvideo"}, {"flv", "video/x-flv"},
    {"webm", "video/webm"}, {"wmv", "video/x-ms-wmv"}, {"3gp", "video/3gpp"}, {"3gpp", "video/3gpp"},
    {"mkv", "video/x-matroska"}, {"m4v", "video/mp4"},
    /* documents and text */
    {"pdf", "application/pdf"}, {"txt", "text/plain"}, {"text", "text/plain"}, {"md", "text/markdown"},
    {"html", "text/html"}, {"htm", "text/html"}, {"css", "text/css"}, {"csv", "text/csv"},
    {"tsv", "text/tab-separated-values"}, {"xml", "text/xml"}, {"rtf", "text/rtf"}, {"js", "text/javascript"},
    {"mjs", "text/javascript"}, {"py", "text/x-python"}, {"c", "text/x-c"}, {"h", "text/x-c"},
    {"json", "application/json"}, {"jsonl", "application/jsonl"}, {"zip", "application/zip"},
    {"doc", "application/msword"},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
};

const char *genai__mime_from_name(const char *name) {
  if (!name) return NULL;
  size_t end = strcspn(name, "?#");
  const char *dot = NULL;
  for (size_t i = 0; i < end; i++) {
    if (name[i] == '/') dot = NULL;
    else if (name[i] == '.') dot = name + i;
  }
  if (!dot) return NULL;
  size_t n = (size_t)(name + end - dot - 1);
  for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
    if (strlen(table[i].ext) == n && !strncasecmp(dot + 1, table[i].ext, n)) return table[i].type;
  return NULL;
}
