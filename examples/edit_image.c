/*
 * edit_image.c: "Imagen", edit an image (Vertex AI only).
 *
 * The C twin of this Python SDK snippet, after generate_image.c's call
 * (which this program makes first, for response1):
 *
 *     raw_ref_image = RawReferenceImage(
 *         reference_id=1,
 *         reference_image=response1.generated_images[0].image,
 *     )
 *     # Model computes a mask of the background
 *     mask_ref_image = MaskReferenceImage(
 *         reference_id=2,
 *         config=types.MaskReferenceConfig(
 *             mask_mode='MASK_MODE_BACKGROUND',
 *             mask_dilation=0,
 *         ),
 *     )
 *     response3 = client.models.edit_image(
 *         model='imagen-3.0-capability-001',
 *         prompt='Sunlight and clear sky',
 *         reference_images=[raw_ref_image, mask_ref_image],
 *         config=types.EditImageConfig(
 *             edit_mode='EDIT_MODE_INPAINT_INSERTION',
 *             number_of_images=1,
 *             include_rai_reason=True,
 *             output_mime_type='image/jpeg',
 *         ),
 *     )
 *     response3.generated_images[0].image.show()
 *
 * Each reference image is a genai_reference_image with one kind set (.raw,
 * .mask, ...). `image.show()` becomes saving to PREFIX.png or PREFIX.jpg
 * (first argument, default "edited_image"). Run it with
 * GOOGLE_GENAI_USE_VERTEXAI=true.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <genai/genai.h>

static void print_error(const char *what) {
  const genai_error *err = genai_error_last();
  fprintf(stderr, "%s failed: %s (%s", what, err->message, genai_result_name(err->code));
  if (err->http_status) fprintf(stderr, ", HTTP %d %s", err->http_status, err->status);
  fputs(")\n", stderr);
}

static genai_edit_image_response *edit(genai_client *client, const genai_image *image) {
  genai_raw_reference_image raw = {GENAI_INIT(genai_raw_reference_image), .reference_id = &(int32_t){1},
                                   .reference_image = image};
  genai_mask_reference_config mask_config = {GENAI_INIT(genai_mask_reference_config),
                                             .mask_mode = GENAI_MASK_REFERENCE_MODE_MASK_MODE_BACKGROUND,
                                             .mask_dilation = &(double){0}};
  genai_mask_reference_image mask = {GENAI_INIT(genai_mask_reference_image), .reference_id = &(int32_t){2},
                                     .config = &mask_config};
  genai_reference_image raw_ref_image = {GENAI_INIT(genai_reference_image), .raw = &raw};
  genai_reference_image mask_ref_image = {GENAI_INIT(genai_reference_image), .mask = &mask};
  const genai_reference_image *reference_images[] = {&raw_ref_image, &mask_ref_image};
  genai_edit_image_config config = {GENAI_INIT(genai_edit_image_config),
                                    .edit_mode = GENAI_EDIT_MODE_INPAINT_INSERTION,
                                    .number_of_images = &(int32_t){1},
                                    .include_rai_reason = &(bool){true},
                                    .output_mime_type = "image/jpeg"};
  genai_edit_image_response *response3 = NULL;
  if (genai_models_edit_image(client, "imagen-3.0-capability-001", "Sunlight and clear sky", reference_images, 2,
                              &config, &response3) != GENAI_OK)
    print_error("edit_image");
  return response3;
}

int main(int argc, char **argv) {
  const char *prefix = argc > 1 ? argv[1] : "edited_image";
  genai_client *client = NULL;
  if (genai_client_new(NULL, &client) != GENAI_OK) {
    print_error("genai_client_new");
    return EXIT_FAILURE;
  }
  genai_generate_images_config gen_config = {GENAI_INIT(genai_generate_images_config),
                                             .number_of_images = &(int32_t){1},
                                             .include_rai_reason = &(bool){true},
                                             .output_mime_type = "image/jpeg"};
  genai_generate_images_response *response1 = NULL;
  if (genai_models_generate_images(client, "imagen-3.0-generate-002",
                                   "An umbrella in the foreground, and a rainy night sky in the background",
                                   &gen_config, &response1) != GENAI_OK) {
    print_error("generate_images");
    genai_client_free(client);
    return EXIT_FAILURE;
  }
  int status = EXIT_FAILURE;
  genai_edit_image_response *response3 = NULL;
  if (response1->generated_images_count == 0 || !response1->generated_images[0]->image)
    fprintf(stderr, "no image to edit\n");
  else
    response3 = edit(client, response1->generated_images[0]->image);
  if (response3 && response3->generated_images_count > 0) {
    const genai_image *image = response3->generated_images[0]->image;
    char path[512];
    snprintf(path, sizeof path, "%s.%s", prefix,
             image->mime_type && !strcmp(image->mime_type, "image/png") ? "png" : "jpg");
    if (genai_image_save(image, path) == GENAI_OK) {
      printf("edited image: %zu bytes saved to %s\n", image->image_bytes.size, path);
      status = EXIT_SUCCESS;
    } else {
      print_error("genai_image_save");
    }
  }
  genai_edit_image_response_free(response3);
  genai_generate_images_response_free(response1);
  genai_client_free(client);
  return status;
}
