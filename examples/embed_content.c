/*
 * embed_content.c: "Embed Content".
 *
 * The C twin of this Python SDK snippet:
 *
 *     response = client.models.embed_content(
 *         model='text-embedding-004',
 *         contents='why is the sky blue?',
 *     )
 *     print(response)
 *
 *     # multiple contents with config
 *     response = client.models.embed_content(
 *         model='text-embedding-004',
 *         contents=['why is the sky blue?', 'What is your age?'],
 *         config=types.EmbedContentConfig(output_dimensionality=10),
 *     )
 *     print(response)
 *
 * Each item of a list is embedded on its own: the response has one
 * embedding per item, in order.
 */
#include <stdio.h>
#include <stdlib.h>

#include <genai/genai.h>

static void print_error(const char *what) {
  const genai_error *err = genai_error_last();
  fprintf(stderr, "%s failed: %s (%s", what, err->message, genai_result_name(err->code));
  if (err->http_status) fprintf(stderr, ", HTTP %d %s", err->http_status, err->status);
  fputs(")\n", stderr);
}

static void print_embeddings(const genai_embed_content_response *response) {
  for (size_t i = 0; i < response->embeddings_count; i++) {
    const genai_content_embedding *e = response->embeddings[i];
    printf("embedding %zu: %zu values [", i, e->values_count);
    for (size_t j = 0; j < e->values_count && j < 3; j++) printf(j ? ", %.6f" : "%.6f", e->values[j]);
    printf("%s]\n", e->values_count > 3 ? ", ..." : "");
  }
}

int main(void) {
  genai_client *client = NULL;
  if (genai_client_new(NULL, &client) != GENAI_OK) {
    print_error("genai_client_new");
    return EXIT_FAILURE;
  }
  int status = EXIT_FAILURE;
  genai_embed_content_response *one = NULL, *many = NULL;

  if (genai_models_embed_content(client, "text-embedding-004", GENAI_TEXT("why is the sky blue?"), NULL, &one) !=
      GENAI_OK) {
    print_error("embed_content");
    goto done;
  }
  print_embeddings(one);

  /* multiple contents with config: EmbedContentConfig(output_dimensionality=10) */
  genai_embed_content_config config = {GENAI_INIT(genai_embed_content_config),
                                       .output_dimensionality = &(int32_t){10}};
  if (genai_models_embed_content(client, "text-embedding-004",
                                 GENAI_LIST(GENAI_TEXT("why is the sky blue?"), GENAI_TEXT("What is your age?")),
                                 &config, &many) != GENAI_OK) {
    print_error("embed_content");
    goto done;
  }
  print_embeddings(many);
  status = EXIT_SUCCESS;

done:
  genai_embed_content_response_free(one);
  genai_embed_content_response_free(many);
  genai_client_free(client);
  return status;
}
