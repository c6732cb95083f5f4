/* The pager behind every list method (Python's pagers.py): it keeps a copy
 * of the list call's parameters, the current page (the decoded list
 * response) and the next page token, and fetches a page by calling the
 * method again with config.page_token set. */
#ifndef GENAI_API_PAGER_H
#define GENAI_API_PAGER_H

#include <genai/multi.h>
#include <genai/pager.h>

#include "api/method.h"

/* What a list method pages through. */
typedef struct genai__list_spec {
  const genai__method *method; /* its params have a "config" with "page_token" and "page_size" */
  const char *name;            /* genai_pager_name(): "models", "files", ... */
  const char *items;           /* the list field of the response type */
} genai__list_spec;

/* Starts listing: synchronously (multi NULL: *out gets the pager with its
 * first page) or as an operation of multi (*op; the pager is taken from it
 * with genai_op_take_pager). params are copied. */
genai_result genai__pager_start(genai_client *client, const genai__list_spec *spec, const void *params,
                                genai_multi *multi, const genai_op_callbacks *callbacks, genai_op **op,
                                genai_pager **out);

#endif
