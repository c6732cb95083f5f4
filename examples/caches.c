/*
 * caches.c: "Caches": Create, Get, and Generate Content with the cache.
 *
 * The C twin of these Python SDK snippets:
 *
 *     if client.vertexai:
 *         file_uris = [
 *             'gs://cloud-samples-data/generative-ai/pdf/2312.11805v3.pdf',
 *             'gs://cloud-samples-data/generative-ai/pdf/2403.05530.pdf',
 *         ]
 *     else:
 *         file_uris = [file1.uri, file2.uri]
 *
 *     cached_content = client.caches.create(
 *         model='gemini-1.5-pro-002',
 *         config=types.CreateCachedContentConfig(
 *             contents=[
 *                 types.Content(
 *                     role='user',
 *                     parts=[
 *                         types.Part.from_uri(file_uri=file_uris[0], mime_type='application/pdf'),
 *                         types.Part.from_uri(file_uri=file_uris[1], mime_type='application/pdf'),
 *                     ],
 *                 )
 *             ],
 *             system_instruction='What is the sum of the two pdfs?',
 *             display_name='test cache',
 *             ttl='3600s',
 *         ),
 *     )
 *
 *     cached_content = client.caches.get(name=cached_content.name)
 *
 *     response = client.models.generate_content(
 *         model='gemini-1.5-pro-002',
 *         contents='Summarize the pdfs',
 *         config=types.GenerateContentConfig(
 *             cached_content=cached_content.name,
 *         ),
 *     )
 *     print(response.text)
 *
 * On the Gemini Developer API file1 and file2 are files uploaded with
 * client.files.upload; give their URIs as the two arguments.
 */
#include <stdio.h>
#include <stdlib.h>

#include <genai/genai.h>

#define MODEL "gemini-1.5-pro-002"

static void print_error(const char *what) {
  const genai_error *err = genai_error_last();
  fprintf(stderr, "%s failed: %s (%s", what, err->message, genai_result_name(err->code));
  if (err->http_status) fprintf(stderr, ", HTTP %d %s", err->http_status, err->status);
  fputs(")\n", stderr);
}

static void print_cache(const char *what, const genai_cached_content *cache) {
  printf("%s: %s\n  model: %s\n  display_name: %s\n  expire_time: %s\n", what, cache->name, cache->model,
         cache->display_name ? cache->display_name : "", cache->expire_time);
  if (cache->usage_metadata && cache->usage_metadata->total_token_count)
    printf("  total_token_count: %d\n", *cache->usage_metadata->total_token_count);
}

/* client.caches.create: the two PDFs in one user content. */
static genai_result create_cache(genai_client *client, const char *const file_uris[2], genai_cached_content **out) {
  genai_part *parts[2] = {NULL, NULL};
  genai_result rc = GENAI_OK;
  for (int i = 0; i < 2 && rc == GENAI_OK; i++) rc = genai_part_from_uri(file_uris[i], "application/pdf", &parts[i]);
  if (rc == GENAI_OK) {
    genai_content content = {GENAI_INIT(genai_content), .role = "user",
                             .parts = (const genai_part *const *)parts, .parts_count = 2};
    genai_create_cached_content_config config = {GENAI_INIT(genai_create_cached_content_config),
                                                 .contents = GENAI_CONTENT(&content),
                                                 .system_instruction = GENAI_TEXT("What is the sum of the two pdfs?"),
                                                 .display_name = "test cache",
                                                 .ttl = "3600s"};
    rc = genai_caches_create(client, MODEL, &config, out);
  }
  for (int i = 0; i < 2; i++) genai_part_free(parts[i]);
  return rc;
}

/* client.models.generate_content with config.cached_content. */
static genai_result generate_with_cache(genai_client *client, const char *cache_name) {
  genai_generate_content_config config = {GENAI_INIT(genai_generate_content_config), .cached_content = cache_name};
  genai_generate_content_response *response = NULL;
  genai_result rc = genai_models_generate_content(client, MODEL, GENAI_TEXT("Summarize the pdfs"), &config, &response);
  if (rc != GENAI_OK) return rc;
  const char *text = genai_response_text(response);
  printf("%s\n", text ? text : "");
  const genai_generate_content_response_usage_metadata *usage = response->usage_metadata;
  if (usage && usage->cached_content_token_count)
    printf("cached_content_token_count: %d\n", *usage->cached_content_token_count);
  genai_generate_content_response_free(response);
  return GENAI_OK;
}

int main(int argc, char **argv) {
  genai_client *client = NULL;
  if (genai_client_new(NULL, &client) != GENAI_OK) {
    print_error("genai_client_new");
    return EXIT_FAILURE;
  }
  const char *const vertex_uris[2] = {"gs://cloud-samples-data/generative-ai/pdf/2312.11805v3.pdf",
                                      "gs://cloud-samples-data/generative-ai/pdf/2403.05530.pdf"};
  const char *const given_uris[2] = {argc > 2 ? argv[1] : NULL, argc > 2 ? argv[2] : NULL};
  const char *const *file_uris = genai_client_vertexai(client) || argc <= 2 ? vertex_uris : given_uris;

  genai_cached_content *cached_content = NULL, *fetched = NULL;
  int status = EXIT_FAILURE;
  if (create_cache(client, file_uris, &cached_content) != GENAI_OK) {
    print_error("caches.create");
    goto done;
  }
  print_cache("created", cached_content);
  if (genai_caches_get(client, cached_content->name, NULL, &fetched) != GENAI_OK) {
    print_error("caches.get");
    goto done;
  }
  print_cache("got", fetched);
  if (generate_with_cache(client, fetched->name) != GENAI_OK) {
    print_error("generate_content");
    goto done;
  }
  status = EXIT_SUCCESS;
done:
  genai_cached_content_free(fetched);
  genai_cached_content_free(cached_content);
  genai_client_free(client);
  return status;
}
