/* The model catalogue and tuned models: models.get, models.list,
 * models.update and models.delete on both backends.
 *
 *   base models   a fixed catalogue (Gemini, embedding, Imagen and Veo
 *                 models), listed 50 to a page by default; any other id the
 *                 emulator serves (models.h) can be read with get as well
 *   tuned models  kept in the store ("tunedModels/{id}" on the Gemini API,
 *                 "projects/{p}/locations/{l}/models/{id}" on Vertex AI),
 *                 made by tunings; update changes displayName, description
 *                 and defaultCheckpointId; delete removes them */
#ifndef EMU_ROUTE_MODELS_H
#define EMU_ROUTE_MODELS_H

#include "router.h"

void emu_route_models_list(const emu_call *call, emu_response *out);
void emu_route_models_get(const emu_call *call, emu_response *out);
void emu_route_models_update(const emu_call *call, emu_response *out);
void emu_route_models_delete(const emu_call *call, emu_response *out);

#endif
