/**
 * @file helpers.h
 * The Python SDK's conveniences on types: `Part.from_*`, `UserContent` and
 * `ModelContent`, `Image.from_file` / `.save`, the Python dict form of
 * `contents`, and proto3 JSON time values.
 *
 * Every `**out` value is library-owned and freed with its type's `_free`
 * function (genai_part_free, genai_content_free, genai_image_free, ...).
 * Inputs are copied. All functions are thread-safe.
 */
#ifndef GENAI_HELPERS_H
#define GENAI_HELPERS_H

#include <stddef.h>
#include <stdint.h>

#include <genai/common.h>
#include <genai/errors.h>
#include <genai/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/** `types.Part.from_text(text=...)`. @return GENAI_OK, GENAI_EINVAL (text NULL), GENAI_ENOMEM. */
GENAI_API GENAI_NODISCARD genai_result genai_part_from_text(const char *text, genai_part **out);

/**
 * `types.Part.from_uri(file_uri=..., mime_type=...)`: a file_data part.
 * @param mime_type [nullable] guessed from the URI's extension when NULL;
 *        GENAI_EINVAL ("Failed to determine mime type for file: ...") when
 *        it cannot be.
 */
GENAI_API GENAI_NODISCARD genai_result genai_part_from_uri(const char *file_uri, const char *mime_type,
                                                           genai_part **out);

/** `types.Part.from_bytes(data=..., mime_type=...)`: an inline_data part (the bytes are copied). */
GENAI_API GENAI_NODISCARD genai_result genai_part_from_bytes(const void *data, size_t size, const char *mime_type,
                                                             genai_part **out);

/**
 * `types.Part.from_function_call(name=..., args=...)`.
 * @param args_json [nullable] the arguments as a JSON object text.
 */
GENAI_API GENAI_NODISCARD genai_result genai_part_from_function_call(const char *name, const char *args_json,
                                                                     genai_part **out);

/**
 * `types.Part.from_function_response(name=..., response=..., parts=...)`.
 * @param response_json the result as a JSON object text (by convention
 *        {"result": ...} or {"error": ...}).
 * @param parts [nullable] multimodal parts of the response.
 */
GENAI_API GENAI_NODISCARD genai_result genai_part_from_function_response(
    const char *name, const char *response_json, const genai_function_response_part *const *parts,
    size_t parts_count, genai_part **out);

/** `types.Part.from_executable_code(code=..., language=...)`. */
GENAI_API GENAI_NODISCARD genai_result genai_part_from_executable_code(const char *code, genai_language language,
                                                                       genai_part **out);

/** `types.Part.from_code_execution_result(outcome=..., output=...)`. */
GENAI_API GENAI_NODISCARD genai_result genai_part_from_code_execution_result(genai_outcome outcome,
                                                                             const char *output, genai_part **out);

/** `types.UserContent(parts=...)`: a content with role "user" (the parts are copied). */
GENAI_API GENAI_NODISCARD genai_result genai_user_content_new(const genai_part *const *parts, size_t parts_count,
                                                              genai_content **out);
/** `types.ModelContent(parts=...)`: a content with role "model". */
GENAI_API GENAI_NODISCARD genai_result genai_model_content_new(const genai_part *const *parts, size_t parts_count,
                                                               genai_content **out);

/**
 * `types.Image.from_file(location=..., mime_type=...)`: a "gs://" URI (or an
 * https://storage.googleapis.com/ URL) becomes gcs_uri; a local path is read
 * into image_bytes. The MIME type is guessed from the extension when NULL.
 * @return GENAI_OK, GENAI_EIO (the file cannot be read), GENAI_EINVAL, GENAI_ENOMEM.
 */
GENAI_API GENAI_NODISCARD genai_result genai_image_from_file(const char *location, const char *mime_type,
                                                             genai_image **out);
/** `Image.save(location)`: writes image_bytes. GENAI_EINVAL when there are none, GENAI_EIO on write errors. */
GENAI_API GENAI_NODISCARD genai_result genai_image_save(const genai_image *image, const char *path);
/** `types.Video.from_file(location=..., mime_type=...)`, as genai_image_from_file. */
GENAI_API GENAI_NODISCARD genai_result genai_video_from_file(const char *location, const char *mime_type,
                                                             genai_video **out);
/** `Video.save(location)`: writes video_bytes. */
GENAI_API GENAI_NODISCARD genai_result genai_video_save(const genai_video *video, const char *path);

/**
 * The schema of an enum: what the Python SDK builds from an Enum class given
 * as `response_schema` (`{"type": "STRING", "enum": [...], "title": ...}`).
 * @param title  [nullable] the enum's name ("InstrumentEnum").
 * @param values the values, in order ("Percussion", "String", ...).
 * @param[out] out [callee allocates] freed with genai_schema_free().
 */
GENAI_API GENAI_NODISCARD genai_result genai_schema_from_enum(const char *title, const char *const *values,
                                                              size_t count, genai_schema **out);

/**
 * Reads any Python form of `contents` from JSON: a string, a Part or Content
 * dict (snake_case or camelCase keys), a FileData dict, or a list mixing
 * them (nested lists allowed). Freed with genai_contents_free().
 */
GENAI_API GENAI_NODISCARD genai_result genai_contents_from_json(const char *json, genai_contents **out);
/** Frees a genai_contents made by genai_contents_from_json(). NULL is a no-op. */
GENAI_API void genai_contents_free(genai_contents *contents);

/**
 * Reads an RFC 3339 timestamp ("2024-08-28T08:24:56.049455995Z", or with an
 * offset) into seconds since the Unix epoch and nanoseconds. Either output
 * may be NULL. @return GENAI_OK or GENAI_EINVAL.
 */
GENAI_API GENAI_NODISCARD genai_result genai_timestamp_parse(const char *text, int64_t *unix_seconds, int32_t *nanos);
/** Writes a UTC timestamp with 0, 3, 6 or 9 fraction digits; buf holds at least 32 bytes. */
GENAI_API GENAI_NODISCARD genai_result genai_timestamp_format(int64_t unix_seconds, int32_t nanos, char *buf,
                                                              size_t size);
/** Reads a proto3 duration ("3600s", "1.5s", "-0.25s"); nanos has the sign of seconds. */
GENAI_API GENAI_NODISCARD genai_result genai_duration_parse(const char *text, int64_t *seconds, int32_t *nanos);
/** Writes a proto3 duration; buf holds at least 32 bytes. */
GENAI_API GENAI_NODISCARD genai_result genai_duration_format(int64_t seconds, int32_t nanos, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif /* GENAI_HELPERS_H */
