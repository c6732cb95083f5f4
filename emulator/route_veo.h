/* Veo: video generation as a long-running operation, and the download of
 * the videos it made.
 *
 *   POST {veo model}:predictLongRunning        both backends -> {"name": ...}
 *   GET  models/{model}/operations/{id}        Gemini API
 *   POST {veo model}:fetchPredictOperation     Vertex AI, body {"operationName"}
 *   GET  files/{id}:download?alt=media         Gemini API: a generated video's bytes
 *
 * Operation names: "models/<model>/operations/<id>" on the Gemini API,
 * "projects/<p>/locations/<l>/publishers/google/models/<model>/operations/<id>"
 * on Vertex AI ("publishers/google/models/..." in express mode).
 *
 * An operation is done once the emulator's --lro-delay-ms (default 0) has
 * passed since predictLongRunning answered: the first read at or after
 * start + delay reports {"name", "done": true, "response"}; earlier reads
 * report {"name"} alone. With the default delay the first read is done.
 *
 * Videos are MP4s (media_bytes.h) of durationSeconds seconds (default 5),
 * one per sampleCount (1-4, default 1). On the Gemini API each becomes a
 * file resource "files/<id>" (source GENERATED, state ACTIVE, mimeType
 * video/mp4, downloadUri on this emulator), listed with the other files, and
 * the response names it:
 * response.generateVideoResponse.generatedSamples[].video.uri. On Vertex AI
 * response.videos[] carries bytesBase64Encoded and mimeType, or gcsUri
 * "<storageUri>/<id>/sample_<i>.mp4" when parameters.storageUri is set.
 *
 * Validation (400 INVALID_ARGUMENT): instances[0] with a prompt, image or
 * video; sampleCount 1-4; durationSeconds 5-8; aspectRatio 16:9 or 9:16.
 * A non-Veo model is the backend's model 404. A prompt containing
 * "forbidden" (any case) ends done with no videos and
 * raiMediaFilteredCount 1 and raiMediaFilteredReasons. */
#ifndef EMU_ROUTE_VEO_H
#define EMU_ROUTE_VEO_H

#include "router.h"

void emu_route_predict_long_running(const emu_call *call, emu_response *out);
void emu_route_fetch_predict_operation(const emu_call *call, emu_response *out);
void emu_route_operation_get(const emu_call *call, emu_response *out);
void emu_route_file_download(const emu_call *call, emu_response *out);

#endif
