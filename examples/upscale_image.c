/*
 * upscale_image.c: "Imagen", upscale an image (Vertex AI only).
 *
 * The C twin of this Python SDK snippet, after generate_image.c's call
 * (which this program makes first, for response1):
 *
 *     response2 = client.models.upscale_image(
 *         model='imagen-3.0-generate-002',
 *         image=response1.generated_images[0].image,
 *         upscale_factor='x2',
 *         config=types.UpscaleImageConfig(
 *             include_rai_reason=True,
 *             output_mime_type='image/jpeg',
 *         ),
 *     )
 *     response2.generated_images[0].image.show()
 *
 * `image.show()` becomes saving to PREFIX.png or PREFIX.jpg (first argument,
 * default "upscaled_image"). Run it with GOOGLE_GENAI_USE_VERTEXAI=true.
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

static int save(const genai_image *image, const char *prefix) {
  char path[512];
  snprintf(path, sizeof path, "%s.%s", prefix,
           image->mime_type && !strcmp(image->mime_type, "image/png") ? "png" : "jpg");
  if (genai_image_save(image, path) != GENAI_OK) {
    print_error("genai_image_save");
    return -1;
  }
  printf("upscaled image: %zu bytes saved to %s\n", image->image_bytes.size, path);
  return 0;
}

int main(int argc, char **argv) {
  const char *prefix = argc > 1 ? argv[1] : "upscaled_image";
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
  genai_upscale_image_config config = {GENAI_INIT(genai_upscale_image_config), .include_rai_reason = &(bool){true},
                                       .output_mime_type = "image/jpeg"};
  genai_upscale_image_response *response2 = NULL;
  if (response1->generated_images_count == 0 || !response1->generated_images[0]->image) {
    fprintf(stderr, "no image to upscale\n");
  } else if (genai_models_upscale_image(client, "imagen-3.0-generate-002", response1->generated_images[0]->image,
                                        "x2", &config, &response2) != GENAI_OK) {
    print_error("upscale_image");
  } else if (response2->generated_images_count > 0 && save(response2->generated_images[0]->image, prefix) == 0) {
    status = EXIT_SUCCESS;
  }
  genai_upscale_image_response_free(response2);
  genai_generate_images_response_free(response1);
  genai_client_free(client);
  return status;
}
