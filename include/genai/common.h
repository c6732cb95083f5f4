/**
 * @file common.h
 * Building blocks shared by every genai-c header: export macros, version,
 * the struct-size convention, byte strings, string maps and the contents
 * union.
 *
 * Memory and ownership rules (they hold for the whole API):
 * 1. Inputs are borrowed for the duration of the call; whatever the library
 *    keeps, it copies. Strings are NUL-terminated UTF-8.
 * 2. An `**out` parameter receives a value the caller owns and releases with
 *    the matching `_free` function (every `_free` accepts NULL). On failure
 *    `*out` is set to NULL.
 * 3. Pointers returned by getters are borrowed from their parent and live as
 *    long as it does.
 * 4. A response is one allocation arena: its `_free` releases the whole tree.
 * 5. Strings the library returns as `char **out` are released with genai_free().
 */
#ifndef GENAI_COMMON_H
#define GENAI_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(GENAI_BUILDING_LIBRARY)
#define GENAI_API __declspec(dllexport)
#elif defined(_WIN32) && !defined(GENAI_STATIC)
#define GENAI_API __declspec(dllimport)
#elif defined(__GNUC__)
#define GENAI_API __attribute__((visibility("default")))
#else
#define GENAI_API
#endif

#if defined(__GNUC__)
#define GENAI_NODISCARD __attribute__((warn_unused_result))
#else
#define GENAI_NODISCARD
#endif

#define GENAI_VERSION_MAJOR 0
#define GENAI_VERSION_MINOR 1
#define GENAI_VERSION_PATCH 0
#define GENAI_VERSION_STRING "0.1.0"
#define GENAI_VERSION_NUM ((GENAI_VERSION_MAJOR << 16) | (GENAI_VERSION_MINOR << 8) | GENAI_VERSION_PATCH)

/** The REST API versions the library targets by default. */
#define GENAI_API_VERSION_GEMINI "v1beta"
#define GENAI_API_VERSION_VERTEX "v1beta1"

/** The library's version string, for header-versus-library checks. */
GENAI_API const char *genai_version(void);
/** The library's GENAI_VERSION_NUM. */
GENAI_API int genai_version_num(void);

/**
 * Sets the `struct_size` member of a public struct in a designated
 * initializer: `genai_part p = { GENAI_INIT(genai_part), .text = "hi" };`.
 * Every public struct starts with `struct_size`, so the library can tell
 * which version of the struct a caller was compiled against; a struct whose
 * `struct_size` is 0 is rejected with GENAI_EINVAL.
 */
#define GENAI_INIT(T) .struct_size = sizeof(T)

/** Binary data: `data == NULL` means "not set"; `size` is in bytes. */
typedef struct genai_bytes {
  const uint8_t *data;
  size_t size;
} genai_bytes;

/** One entry of a map from string to string (labels, headers). Frozen layout. */
typedef struct genai_string_entry {
  const char *key;
  const char *value;
} genai_string_entry;

/** Releases memory the library returned (strings from `_to_json` and friends). */
GENAI_API void genai_free(void *ptr);

typedef struct genai_part genai_part;
typedef struct genai_content genai_content;
/** A C function for automatic function calling (functions.h). */
typedef struct genai_function genai_function;

/** Which member of a genai_contents is set. */
typedef enum genai_contents_kind {
  GENAI_CONTENTS_KIND_NONE = 0,
  GENAI_CONTENTS_KIND_TEXT = 1,    /**< `text`: one text part */
  GENAI_CONTENTS_KIND_PART = 2,    /**< `part` */
  GENAI_CONTENTS_KIND_CONTENT = 3, /**< `content`, used as it is */
  GENAI_CONTENTS_KIND_LIST = 4     /**< `items`: a list of genai_contents */
} genai_contents_kind;

/**
 * The C form of the Python SDK's `ContentListUnion` / `ContentUnion`: what
 * `contents` (and `system_instruction`) accept. A value is a text, a part, a
 * content, or a list of those, normalised with the Python SDK's rules:
 * - a text or a non-function-call part becomes a `user` content;
 * - a function-call part becomes a `model` content;
 * - in a list, contents are kept as they are, consecutive texts and
 *   non-function-call parts are grouped into one `user` content, consecutive
 *   function-call parts into one `model` content;
 * - a list inside a list is a list of parts and becomes one `user` content.
 * The macros below build these values as compound literals.
 */
typedef struct genai_contents {
  size_t struct_size;
  genai_contents_kind kind;
  const char *text;
  const genai_part *part;
  const genai_content *content;
  const struct genai_contents *const *items;
  size_t items_count;
} genai_contents;

/** A genai_contents holding one text. */
#define GENAI_TEXT(s) \
  (&(const genai_contents){GENAI_INIT(genai_contents), .kind = GENAI_CONTENTS_KIND_TEXT, .text = (s)})
/** A genai_contents holding one part (a `const genai_part *`). */
#define GENAI_PART(p) \
  (&(const genai_contents){GENAI_INIT(genai_contents), .kind = GENAI_CONTENTS_KIND_PART, .part = (p)})
/** A genai_contents holding one content (a `const genai_content *`). */
#define GENAI_CONTENT(c) \
  (&(const genai_contents){GENAI_INIT(genai_contents), .kind = GENAI_CONTENTS_KIND_CONTENT, .content = (c)})
/** A genai_contents list of other genai_contents: GENAI_LIST(GENAI_TEXT("a"), GENAI_PART(&p)). */
#define GENAI_LIST(...)                                                                        \
  (&(const genai_contents){GENAI_INIT(genai_contents), .kind = GENAI_CONTENTS_KIND_LIST,      \
                           .items = (const genai_contents *const[]){__VA_ARGS__},           \
                           .items_count = sizeof((const genai_contents *const[]){__VA_ARGS__}) / \
                                          sizeof(const genai_contents *)})

#ifdef __cplusplus
}
#endif
#endif /* GENAI_COMMON_H */
