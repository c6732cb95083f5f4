/* The table-driven JSON codec. tools/gen_types.py turns spec/ into one
 * genai__type descriptor per SDK type (types_gen.c); this codec walks those
 * descriptors to decode JSON into arena-allocated C structs and to encode C
 * structs into JSON for a backend, applying the backend's renames, request
 * placements and rejections. */
#ifndef GENAI_WIRE_CODEC_H
#define GENAI_WIRE_CODEC_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <genai/errors.h>

#include "core/arena.h"

typedef enum genai__backend {
  GENAI__BACKEND_NONE = 0, /* the SDK's own JSON form (from_json / to_json) */
  GENAI__BACKEND_MLDEV = 1,
  GENAI__BACKEND_VERTEX = 2
} genai__backend;

typedef enum genai__kind {
  GENAI__K_STRING,
  GENAI__K_TIMESTAMP, /* text: RFC 3339, checked when sent */
  GENAI__K_DURATION,  /* text: "<seconds>s", checked when sent */
  GENAI__K_BOOL,
  GENAI__K_INT32,
  GENAI__K_INT64,
  GENAI__K_DOUBLE,
  GENAI__K_BYTES,
  GENAI__K_JSON,
  GENAI__K_CONTENT,  /* a genai_contents normalised to one Content */
  GENAI__K_CONTENTS, /* a genai_contents normalised to a list of Content */
  GENAI__K_ENUM,
  GENAI__K_MESSAGE,
  GENAI__K_CALLABLE  /* a genai_function: sent as its FunctionDeclaration, never read */
} genai__kind;

typedef enum genai__shape { GENAI__S_ONE, GENAI__S_LIST, GENAI__S_MAP } genai__shape;

enum {
  GENAI__F_SDK = 2,           /* never on the wire */
  GENAI__F_B64STD = 4,        /* bytes in the standard base64 alphabet */
  GENAI__F_REJECT_MLDEV = 8,  /* not supported by the Gemini Developer API */
  GENAI__F_REJECT_VERTEX = 16, /* not supported by Vertex AI */
  GENAI__F_REQUIRED = 32        /* encoding fails without a value */
};

/* The Python SDK's t_* transformers (see wire/transform.c). */
typedef enum genai__xform {
  GENAI__XF_NONE,
  GENAI__XF_CONTENT,
  GENAI__XF_CONTENTS,
  GENAI__XF_CACHED_CONTENT_NAME,
  GENAI__XF_SCHEMA,
  GENAI__XF_JSON_SCHEMA,
  GENAI__XF_SPEECH_CONFIG,
  GENAI__XF_TOOL,
  GENAI__XF_TOOLS,
  GENAI__XF_MODEL,
  GENAI__XF_MODELS_URL,
  GENAI__XF_EXTRACT_MODELS,
  GENAI__XF_CACHES_MODEL,
  GENAI__XF_FILE_NAME,
  GENAI__XF_BATCH_JOB_NAME,
  GENAI__XF_JOB_STATE,
  GENAI__XF_TUNING_JOB_STATUS,
  GENAI__XF_CONTENTS_FOR_EMBED,
  GENAI__XF_BATCH_JOB_SOURCE,
  GENAI__XF_BATCH_JOB_DESTINATION,
  GENAI__XF_RECV_BATCH_JOB_DESTINATION,
  GENAI__XF_METRICS,
  GENAI__XF_LIVE_SPEECH_CONFIG,
  GENAI__XF_BLOBS,
  GENAI__XF_AUDIO_BLOB,
  GENAI__XF_IMAGE_BLOB,
  GENAI__XF_EMBED_CONTENT_RESPONSE,
  GENAI__XF_MOVE_INTO_REQUEST,
  GENAI__XF_EMBEDDING_BATCH_JOB_SOURCE,
  GENAI__XF_IMAGES_RESPONSE
} genai__xform;

typedef struct genai__enum_value {
  const char *wire;
  int value;
  int flags; /* GENAI__F_REJECT_MLDEV / GENAI__F_REJECT_VERTEX: not accepted by that backend */
} genai__enum_value;

typedef struct genai__enum {
  const char *name;
  const genai__enum_value *values;
  size_t count;
} genai__enum;

typedef struct genai__type genai__type;

/* Index of a backend in the per-backend arrays below. A wire path may list
 * several comma-separated paths: the value is written to each. */
#define GENAI__BK(b) ((b) == GENAI__BACKEND_VERTEX ? 1 : 0)

typedef struct genai__field {
  const char *name;   /* snake_case, as in Python */
  const char *json;   /* lowerCamelCase name of the SDK JSON form */
  /* Wire paths (Gemini API, Vertex AI): NULL means the JSON name, "" means
   * not sent; "^a.b" writes into the enclosing request object; "a[]" fans
   * out over an array, "a[0]" is its first element. */
  const char *enc[2];
  /* Where responses carry the field: NULL means the JSON name; "_self"
   * means the enclosing object itself; "a[].b" gathers from an array. */
  const char *dec[2];
  size_t offset;      /* of the value (or list/map pointer) */
  size_t count_offset;     /* of the size_t count of a list or map */
  size_t str_offset;       /* of the raw string of an enum */
  unsigned char kind;      /* genai__kind */
  unsigned char shape;     /* genai__shape */
  unsigned char flags;     /* GENAI__F_* */
  unsigned char xf;        /* genai__xform */
  const genai__type *type; /* for GENAI__K_MESSAGE */
  const genai__enum *enumd;
  const char *parent;      /* where a nested message's "^" fields go (a path of this object), or NULL */
} genai__field;

struct genai__type {
  const char *name;   /* the spec name, e.g. "Part" */
  const char *c_name; /* the C name, e.g. "genai_part" */
  size_t size;
  size_t entry_size; /* of genai_<type>_entry when used as a map value, else 0 */
  size_t unknown_offset;
  const genai__field *fields;
  size_t nfields;
  int xf; /* genai__xform applied to the whole encoded object, or GENAI__XF_NONE */
};

/* An API method: verb, path templates per backend ({x} from the request's
 * _url.x; NULL when the backend lacks the method), parameter and response
 * types (spec/methods.spec). */
typedef struct genai__method {
  const char *name;
  const char *verb;
  const genai__type *params;
  const genai__type *response;
  const char *path[2];
  int stream;
  const char *raw_query; /* a query parameter sent first and unencoded (models.list's filter) */
  int response_xf;       /* genai__xform reshaping the answer before decoding, or GENAI__XF_NONE */
  const char *variant_path;    /* an enum of the parameters (e.g. "config.method") picking path variants */
  const char *variant_default; /* its value when not set */
} genai__method;

/* A dotted path to the value being processed, for error messages. */
typedef struct genai__path {
  char text[384];
  size_t len;
} genai__path;

size_t genai__path_push(genai__path *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* ".name" (or "name" at the start) and "[i]": the common steps, fast. */
size_t genai__path_push_name(genai__path *p, const char *name);
size_t genai__path_push_index(genai__path *p, size_t i);
void genai__path_pop(genai__path *p, size_t mark);

typedef struct genai__encode_ctx {
  genai__backend backend;
  const char *project;  /* Vertex AI resource names (t_cached_content_name) */
  const char *location;
  genai__arena *tmp;    /* scratch memory for normalisation, released by the caller */
  genai__path path;
  json_t *enclosing;    /* the object whose fields are being encoded: a nested
                           message's "^" fields go there */
  const char *variant;  /* picks "VARIANT:path" alternatives of wire paths, or NULL */
} genai__encode_ctx;

typedef struct genai__decode_ctx {
  genai__backend backend;
  genai__arena *arena;    /* receives the decoded value */
  genai_result bad_input; /* code for malformed input: GENAI_EDECODE (default) or GENAI_EINVAL */
  genai__path path;
} genai__decode_ctx;

/* Encodes `value` of type `t` into `obj`; fields placed at the request level
 * go to `parent` when it is not NULL. Fails with GENAI_EINVAL naming the
 * field (path in ctx) for unsupported fields, bad struct sizes or bad JSON
 * text. */
genai_result genai__encode(genai__encode_ctx *ctx, const genai__type *t, const void *value, json_t *obj,
                           json_t *parent);
/* Encodes one value into a new JSON value (for a message: an object). */
genai_result genai__encode_new(genai__encode_ctx *ctx, const genai__type *t, const void *value, json_t **out);

/* Normalises a ContentListUnion (t_contents) and encodes it as a JSON array. */
genai_result genai__encode_contents_list(genai__encode_ctx *ctx, const struct genai_contents *contents, json_t **out);

/* Decodes the JSON object `obj` into `out` (t->size bytes, zeroed). Unknown
 * members are kept in the struct's unknown_json. Fails with GENAI_EDECODE
 * (network data) naming the member when a value has the wrong JSON type. */
genai_result genai__decode(genai__decode_ctx *ctx, const genai__type *t, json_t *obj, void *out);
/* Decodes a genai_contents from any of its JSON forms. */
genai_result genai__decode_contents(genai__decode_ctx *ctx, json_t *v, void **out);

/* Parses `body` and decodes it into a new owned value that keeps a copy of
 * the raw bytes. JSON errors give GENAI_EDECODE with an excerpt. */
genai_result genai__decode_owned(const genai__type *t, genai__backend backend, const char *body, size_t len,
                                 void **out);

/* Decodes a parsed JSON object into a new owned value; `bad` is the code for
 * malformed input; keeps a copy of raw[0..raw_len) when raw is not NULL. */
genai_result genai__decode_root_owned(const genai__type *t, genai__backend backend, json_t *root, genai_result bad,
                                      const char *raw, size_t raw_len, void **out);

/* The per-type public wrappers of types_gen.c. */
genai_result genai__value_from_json(const genai__type *t, const char *json, void **out);
genai_result genai__value_to_json(const genai__type *t, const void *value, char **out);
void genai__value_free(void *value);

const char *genai__enum_to_string(const genai__enum *e, int value);
int genai__enum_from_string(const genai__enum *e, const char *text);

/* True when the field holds a value in the struct `v` (not None). */
bool genai__field_is_set(const genai__field *f, const void *v);

/* Serialises JSON compactly into a genai__malloc'd string. */
char *genai__json_dump(const json_t *v);

#endif
