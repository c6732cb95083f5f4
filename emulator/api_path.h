/* Recognises the URL shapes of model methods on both backends:
 *
 *   mldev   /{v1,v1beta,v1alpha}/{models,tunedModels}/{model}[:{rpc}]
 *   vertex  /{v1,v1beta1,v1beta}/projects/{p}/locations/{l}/publishers/{pub}/models/{model}[:{rpc}]
 *   vertex  /{v1,v1beta1,v1beta}/publishers/{pub}/models/{model}[:{rpc}]   (express mode)
 *
 * and every other API path as a resource name with an optional ":rpc":
 *
 *   mldev   [/upload]/{version}/{resource}[:{rpc}]
 *   vertex  /{version}/projects/{p}/locations/{l}/{resource}[:{rpc}]
 *   vertex  /v1beta1/{resource}[:{rpc}]                                   (express mode)
 *
 * where a path without projects/... is Vertex AI's only under v1beta1. */
#ifndef EMU_API_PATH_H
#define EMU_API_PATH_H

typedef enum emu_backend {
  EMU_BACKEND_NONE = 0,
  EMU_BACKEND_MLDEV,
  EMU_BACKEND_VERTEX
} emu_backend;

typedef struct emu_api_path {
  emu_backend backend;
  int express;         /* vertex path without projects/{p}/locations/{l} */
  char version[16];    /* "v1beta", "v1beta1", ... */
  char project[128];   /* vertex only */
  char location[64];   /* vertex only */
  char publisher[64];  /* vertex only */
  char collection[32]; /* "models" or "tunedModels" (model paths only) */
  char model[256];     /* model id without any prefix */
  char rpc[64];        /* "generateContent"; "" when the path has no ":rpc" */
  int is_model_method; /* one of the model-method shapes above (model[] is set) */
  int upload;          /* the path began with /upload (the Gemini API's upload endpoint) */
  char resource[512];  /* the resource name after the version, without ":rpc"
                          ("files/abc", "projects/p/locations/l/cachedContents/x") */
  unsigned local_at;   /* where resource[] goes on past "projects/{p}/locations/{l}/" */
} emu_api_path;

/* The resource name without the Vertex AI project and location:
 * "cachedContents/x" for both backends. */
static inline const char *emu_api_path_local(const emu_api_path *p) { return p->resource + p->local_at; }

/* Parses a percent-decoded path. Returns 0 and fills *out, or -1 when the
 * path is not an API path of either backend. */
int emu_api_path_parse(const char *path, emu_api_path *out);

/* "mldev", "vertex" or NULL. */
const char *emu_backend_name(emu_backend b);

#endif
