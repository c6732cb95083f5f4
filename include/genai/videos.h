/**
 * @file videos.h
 * Veo: `client.models.generate_videos`, a long-running operation.
 *
 * The call answers at once with a genai_generate_videos_operation whose
 * `name` identifies the job; poll it with genai_operations_get()
 * (operations.h) until `done`, then read `result->generated_videos`. On the
 * Gemini API each video carries a `uri` to download with
 * genai_files_download_video() (files.h); on Vertex AI it carries
 * `video_bytes` (or a Cloud Storage `uri` when output_gcs_uri was set).
 * Save bytes with genai_video_save() (helpers.h).
 *
 * Thread safety: every function may be called from any thread with a shared
 * client; operations are read-only values.
 */
#ifndef GENAI_VIDEOS_H
#define GENAI_VIDEOS_H

#include <genai/client.h>
#include <genai/common.h>
#include <genai/errors.h>
#include <genai/multi.h>
#include <genai/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Starts generating videos (`client.models.generate_videos`): POST
 * `{model}:predictLongRunning` with `{instances:[{prompt, image, video, ...}],
 * parameters:{...}}`. Config fields the backend lacks are rejected before
 * any request with Python's message (on the Gemini API: output_gcs_uri, fps,
 * seed, pubsub_topic, generate_audio, mask, compression_quality, labels,
 * resize_mode and Image.gcs_uri; on Vertex AI: webhook_config).
 * @param model  "veo-2.0-generate-001", ...
 * @param prompt [nullable] the text prompt.
 * @param image  [nullable] the first frame.
 * @param video  [nullable] a video to extend.
 *               At least one of prompt, image and video is required.
 * @param config NULL or number_of_videos, duration_seconds, aspect_ratio, ...
 * @param[out] out the operation (usually not done yet), owned; free with
 *             genai_generate_videos_operation_free().
 * @return GENAI_OK, GENAI_EINVAL, or the call's error.
 */
GENAI_API GENAI_NODISCARD genai_result genai_models_generate_videos(genai_client *client, const char *model,
                                                                   const char *prompt, const genai_image *image,
                                                                   const genai_video *video,
                                                                   const genai_generate_videos_config *config,
                                                                   genai_generate_videos_operation **out);

/**
 * The same with Python's `source=types.GenerateVideosSource(...)` argument
 * (prompt, image and video in one struct).
 * @param source the prompt, image and video (required).
 */
GENAI_API GENAI_NODISCARD genai_result genai_models_generate_videos_from_source(
    genai_client *client, const char *model, const genai_generate_videos_source *source,
    const genai_generate_videos_config *config, genai_generate_videos_operation **out);

/** genai_models_generate_videos() on a genai_multi; take the result with
 * genai_op_take_generate_videos_operation(). */
GENAI_API GENAI_NODISCARD genai_result genai_models_generate_videos_async(
    genai_multi *multi, const char *model, const char *prompt, const genai_image *image, const genai_video *video,
    const genai_generate_videos_config *config, const genai_op_callbacks *callbacks, genai_op **out);

/** The operation of a finished generate_videos or operations_get operation (owned). */
GENAI_API GENAI_NODISCARD genai_result genai_op_take_generate_videos_operation(genai_op *op,
                                                                              genai_generate_videos_operation **out);

#ifdef __cplusplus
}
#endif
#endif /* GENAI_VIDEOS_H */
