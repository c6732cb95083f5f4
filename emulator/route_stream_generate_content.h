/* POST ...:streamGenerateContent on both backends: server-sent events with
 * ?alt=sse, else a streamed JSON array (see stream_format.h and
 * stream_reply.h). */
#ifndef EMU_ROUTE_STREAM_GENERATE_CONTENT_H
#define EMU_ROUTE_STREAM_GENERATE_CONTENT_H

#include "router.h"

void emu_route_stream_generate_content(const emu_call *call, emu_response *out);

/* Rewrites an error answer (e.g. from the credential check) the way the
 * streaming endpoint sends errors. */
void emu_route_stream_error(const emu_call *call, emu_response *out);

#endif
