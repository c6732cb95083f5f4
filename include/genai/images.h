/**
 * @file images.h
 * Imagen: `client.models.generate_images`, `edit_image`, `upscale_image`,
 * `recontext_image` and `segment_image`, and their _async twins.
 *
 * Every method is one POST `{model}:predict`. As in the Python SDK at HEAD,
 * the Gemini Developer API offers none of them: on a Gemini API client they
 * fail with GENAI_EINVAL and Python's ValueError message ("This method is
 * only supported in Gemini Enterprise Agent Platform mode, ...") before any
 * request. Save a result's image with genai_image_save() (helpers.h).
 *
 * Thread safety: every function may be called from any thread with a shared
 * client; responses are read-only.
 */
#ifndef GENAI_IMAGES_H
#define GENAI_IMAGES_H

#include <genai/client.h>
#include <genai/common.h>
#include <genai/errors.h>
#include <genai/multi.h>
#include <genai/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * One entry of edit_image's `reference_images`: the Python SDK's
 * RawReferenceImage, MaskReferenceImage, ControlReferenceImage,
 * StyleReferenceImage, SubjectReferenceImage or ContentReferenceImage.
 * Set exactly one member. Its reference_type is filled by the library
 * ("REFERENCE_TYPE_RAW", ...) as the Python classes do, and the kind's
 * `config` is sent as its mask/control/style/subject image config.
 * Build with `{GENAI_INIT(genai_reference_image), .raw = &raw}`.
 */
typedef struct genai_reference_image {
  size_t struct_size;
  const genai_raw_reference_image *raw;         /**< REFERENCE_TYPE_RAW */
  const genai_mask_reference_image *mask;       /**< REFERENCE_TYPE_MASK */
  const genai_control_reference_image *control; /**< REFERENCE_TYPE_CONTROL */
  const genai_style_reference_image *style;     /**< REFERENCE_TYPE_STYLE */
  const genai_subject_reference_image *subject; /**< REFERENCE_TYPE_SUBJECT */
  const genai_raw_reference_image *content;     /**< REFERENCE_TYPE_CONTENT (Python's ContentReferenceImage) */
} genai_reference_image;

/**
 * Generates images from a prompt (`client.models.generate_images`).
 *
 * Vertex AI: POST `{model}:predict` with `{instances:[{prompt}], parameters:{...}}`.
 * The prediction that describes the prompt (contentType "Positive Prompt")
 * becomes `positive_prompt_safety_attributes`, as in Python. An image the
 * service filtered has only `rai_filtered_reason` (no image bytes).
 * @param model  "imagen-3.0-generate-002", "publishers/google/models/...", ...
 * @param prompt the text prompt (required).
 * @param config NULL or number_of_images, aspect_ratio, output_mime_type, ...
 * @param[out] out owned; free with genai_generate_images_response_free().
 * @return GENAI_OK, GENAI_EINVAL (missing input, Gemini API client), or the call's error.
 */
GENAI_API GENAI_NODISCARD genai_result genai_models_generate_images(genai_client *client, const char *model,
                                                                   const char *prompt,
                                                                   const genai_generate_images_config *config,
                                                                   genai_generate_images_response **out);

/**
 * Edits an image (`client.models.edit_image`, Vertex AI only): the prompt
 * and the reference images go in `instances[0]`, `edit_mode` and the rest of
 * the config in `parameters`.
 * @param reference_images reference_images_count pointers (borrowed); each entry sets exactly one kind.
 * @param[out] out owned; free with genai_edit_image_response_free().
 * @return GENAI_OK, GENAI_EINVAL, or the call's error.
 */
GENAI_API GENAI_NODISCARD genai_result genai_models_edit_image(genai_client *client, const char *model,
                                                              const char *prompt,
                                                              const genai_reference_image *const *reference_images,
                                                              size_t reference_images_count,
                                                              const genai_edit_image_config *config,
                                                              genai_edit_image_response **out);

/**
 * Upscales an image (`client.models.upscale_image`, Vertex AI only). As in
 * Python, the request always carries `parameters.mode = "upscale"` and
 * `parameters.sampleCount = 1`.
 * @param image the image (image_bytes or gcs_uri).
 * @param upscale_factor "x2" or "x4" (required).
 * @param[out] out owned; free with genai_upscale_image_response_free().
 */
GENAI_API GENAI_NODISCARD genai_result genai_models_upscale_image(genai_client *client, const char *model,
                                                                 const genai_image *image, const char *upscale_factor,
                                                                 const genai_upscale_image_config *config,
                                                                 genai_upscale_image_response **out);

/**
 * Puts products or a person into a new scene (`client.models.recontext_image`,
 * Vertex AI only).
 * @param source the prompt, person_image and product_images (required).
 * @param[out] out owned; free with genai_recontext_image_response_free().
 */
GENAI_API GENAI_NODISCARD genai_result genai_models_recontext_image(genai_client *client, const char *model,
                                                                   const genai_recontext_image_source *source,
                                                                   const genai_recontext_image_config *config,
                                                                   genai_recontext_image_response **out);

/**
 * Segments an image into masks (`client.models.segment_image`, Vertex AI only).
 * @param source the image, and a prompt or scribble_image per the mode (required).
 * @param[out] out owned; free with genai_segment_image_response_free().
 */
GENAI_API GENAI_NODISCARD genai_result genai_models_segment_image(genai_client *client, const char *model,
                                                                 const genai_segment_image_source *source,
                                                                 const genai_segment_image_config *config,
                                                                 genai_segment_image_response **out);

/** genai_models_generate_images() on a genai_multi; take the result with genai_op_take_generate_images_response(). */
GENAI_API GENAI_NODISCARD genai_result genai_models_generate_images_async(genai_multi *multi, const char *model,
                                                                         const char *prompt,
                                                                         const genai_generate_images_config *config,
                                                                         const genai_op_callbacks *callbacks,
                                                                         genai_op **out);
/** genai_models_edit_image() on a genai_multi; take the result with genai_op_take_edit_image_response(). */
GENAI_API GENAI_NODISCARD genai_result genai_models_edit_image_async(
    genai_multi *multi, const char *model, const char *prompt, const genai_reference_image *const *reference_images,
    size_t reference_images_count, const genai_edit_image_config *config, const genai_op_callbacks *callbacks,
    genai_op **out);
/** genai_models_upscale_image() on a genai_multi; take the result with genai_op_take_upscale_image_response(). */
GENAI_API GENAI_NODISCARD genai_result genai_models_upscale_image_async(genai_multi *multi, const char *model,
                                                                       const genai_image *image,
                                                                       const char *upscale_factor,
                                                                       const genai_upscale_image_config *config,
                                                                       const genai_op_callbacks *callbacks,
                                                                       genai_op **out);

/** The answer of a finished generate_images operation (owned; see genai_op_take_generate_content_response()). */
GENAI_API GENAI_NODISCARD genai_result genai_op_take_generate_images_response(genai_op *op,
                                                                             genai_generate_images_response **out);
/** The answer of a finished edit_image operation. */
GENAI_API GENAI_NODISCARD genai_result genai_op_take_edit_image_response(genai_op *op,
                                                                        genai_edit_image_response **out);
/** The answer of a finished upscale_image operation. */
GENAI_API GENAI_NODISCARD genai_result genai_op_take_upscale_image_response(genai_op *op,
                                                                           genai_upscale_image_response **out);

#ifdef __cplusplus
}
#endif
#endif /* GENAI_IMAGES_H */
