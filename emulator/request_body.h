/* Reading a JSON request body the way Google's JSON transcoder does before
 * any route-specific check: size limit, syntax errors with an excerpt and a
 * caret, and a root that must be an object. Shared by every API route. */
#ifndef EMU_REQUEST_BODY_H
#define EMU_REQUEST_BODY_H

#include <jansson.h>

#include "request.h"
#include "response.h"

/* The parsed body object (caller json_decref()s), or NULL after writing the
 * 400 (or 500 when out of memory) into `out`. An empty or blank body is an
 * empty request message {}, as in proto transcoding. */
json_t *emu_request_body_parse(const emu_request *req, emu_response *out);

#endif
