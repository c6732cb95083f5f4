/* Imagen on :predict (generate, edit, upscale), both backends.
 *
 * The request's shape picks the operation: parameters.mode "upscale" is an
 * upscale (instances[0].image and parameters.upscaleConfig.upscaleFactor
 * "x2"/"x4" required, sampleCount 1), instances[0].referenceImages an edit
 * (each entry a referenceType REFERENCE_TYPE_* and an integer referenceId;
 * RAW, CONTENT, STYLE, SUBJECT and CONTROL need referenceImage bytes or a
 * gcsUri), anything else a generate (instances[0].prompt required).
 * parameters.sampleCount 1-4 (default 1) and aspectRatio 1:1, 9:16, 16:9,
 * 4:3 or 3:4; a violation is 400 INVALID_ARGUMENT.
 *
 * Each image is a PNG (media_bytes.h) whose colour hashes the prompt and
 * the sample's index; its size follows the aspect ratio (1:1 8x8, 16:9
 * 16x9, 9:16 9x16, 4:3 8x6, 3:4 6x8); an upscale gives 16x16 (x2) or 32x32
 * (x4). The answer is always PNG with mimeType "image/png", whatever
 * outputOptions.mimeType asks. storageUri gives gcsUri
 * "<storageUri>/<id>/sample_<i>.png" instead of bytes. enhancePrompt adds
 * each prediction's "prompt". includeSafetyAttributes adds safetyAttributes
 * to each image and a last {"contentType": "Positive Prompt"} entry.
 *
 * instances[0].productImages or personImage make it a recontext (each
 * image with bytes or gcsUri; the prompt is optional), answered as a
 * generate. Models "image-segmentation-..." segment: instances[0].image
 * required, parameters.mode one of FOREGROUND, BACKGROUND, PROMPT (which
 * needs instances[0].prompt), SEMANTIC, INTERACTIVE; the answer is one
 * prediction, an 8x8 white PNG mask with labels [{label: the prompt or the
 * mode, score: 0.9}].
 *
 * Blocking rule: a prompt containing "forbidden" (any case) has every image
 * filtered: the answer is {} or, with includeRaiReason, one prediction
 * carrying only raiFilteredReason (the services' wording). */
#ifndef EMU_ROUTE_IMAGEN_H
#define EMU_ROUTE_IMAGEN_H

#include "router.h"

/* Whether the model id is an Imagen model ("imagen-...", "image-segmentation-..."). */
int emu_model_is_imagen(const char *model_id);

/* POST {imagen model}:predict on either backend. */
void emu_route_imagen_predict(const emu_call *call, emu_response *out);

/* POST models/{model}:predict on the Gemini API: Imagen models, else the
 * service's 404 "... is not supported for predict". */
void emu_route_mldev_predict(const emu_call *call, emu_response *out);

#endif
