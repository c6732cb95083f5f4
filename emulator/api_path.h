/* Recognises the URL shapes of model methods on both backends:
 *
 *   mldev   /{v1,v1beta,v1alpha}/{models,tunedModels}/{model}[:{rpc}]
 *   vertex  /{v1,v1beta1,v1beta}/projects/{p}/locations/{l}/publishers/{pub}/models/{model}[:{rpc}]
 *   vertex  /{v1,v1beta1,v1beta}/publishers/{pub}/models/{model}[:{rpc}]   (express mode)
 *
 * New resource families (files, cachedContents, ...) get their own shapes here. */
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
  char collection[16]; /* "models" or "tunedModels" */
  char model[256];     /* model id without any prefix */
  char rpc[64];        /* "generateContent"; "" when the path has no ":rpc" */
} emu_api_path;

/* Parses a percent-decoded path. Returns 0 and fills *out, or -1 when the
 * path is not a model method of either backend. */
int emu_api_path_parse(const char *path, emu_api_path *out);

/* "mldev", "vertex" or NULL. */
const char *emu_backend_name(emu_backend b);

#endif
