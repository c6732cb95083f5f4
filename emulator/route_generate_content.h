/* POST ...:generateContent on both backends. */
#ifndef EMU_ROUTE_GENERATE_CONTENT_H
#define EMU_ROUTE_GENERATE_CONTENT_H

#include "router.h"

void emu_route_generate_content(const emu_call *call, emu_response *out);

#endif
