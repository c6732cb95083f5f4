/*
 * generate_image.c: "Imagen", generate an image.
 *
 * The C twin of this Python SDK snippet (Vertex AI; Python HEAD has no
 * generate_images on the Gemini Developer API):
 *
 *     response1 = client.models.generate_images(
 *         model='imagen-3.0-generate-002',
 *         prompt='An umbrella in the foreground, and a rainy night sky in the background',
 *         config=types.GenerateImagesConfig(
 *             number_of_images=1,
 *             include_rai_reason=True,
 *             output_mime_type='image/jpeg',
 *         ),
 *     )
 *     response1.generated_images[0].image.show()
 *
 * `image.show()` opens a viewer; here the image is saved to a file instead:
 * PREFIX.jpg or PREFIX.png by its MIME type (PREFIX is the first argument,
 * default "generated_image"). Run it with GOOGLE_GENAI_USE_VERTEXAI=true.
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

int main(int argc, char **argv) {
  const char *prefix = argc > 1 ? argv[1] : "generated_image";
  genai_client *client = NULL;
  if (genai_client_new(NULL, &client) != GENAI_OK) {
    print_error("genai_client_new");
    return EXIT_FAILURE;
  }
  genai_generate_images_config config = {GENAI_INIT(genai_generate_images_config),
                                         .number_of_images = &(int32_t){1},
                                         .include_rai_reason = &(bool){true},
                                         .output_mime_type = "image/jpeg"};
  genai_generate_images_response *response = NULL;
  if (genai_models_generate_images(client, "imagen-3.0-generate-002",
                                   "An umbrella in the foreground, and a rainy night sky in the background", &config,
                                   &response) != GENAI_OK) {
    print_error("generate_images");
    genai_client_free(client);
    return EXIT_FAILURE;
  }
  int status = EXIT_FAILURE;
  if (response->generated_images_count == 0) {
    fprintf(stderr, "no image came back\n");
  } else if (response->generated_images[0]->rai_filtered_reason) {
    printf("filtered: %s\n", response->generated_images[0]->rai_filtered_reason);
    status = EXIT_SUCCESS;
  } else {
    const genai_image *image = response->generated_images[0]->image;
    char path[512];
    snprintf(path, sizeof path, "%s.%s", prefix,
             image->mime_type && !strcmp(image->mime_type, "image/png") ? "png" : "jpg");
    if (genai_image_save(image, path) != GENAI_OK) {
      print_error("genai_image_save");
    } else {
      printf("%zu image(s); saved a %s of %zu bytes to %s\n", response->generated_images_count,
             image->mime_type ? image->mime_type : "(unknown type)", image->image_bytes.size, path);
      status = EXIT_SUCCESS;
    }
  }
  genai_generate_images_response_free(response);
  genai_client_free(client);
  return status;
}
