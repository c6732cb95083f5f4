/*
 * list_models.c: "List Base Models".
 *
 * The C twin of this Python SDK snippet:
 *
 *     for model in client.models.list():
 *         print(model)
 *
 *     pager = client.models.list(config={'page_size': 10})
 *     print(pager.page_size)
 *     print(pager[0])
 *     pager.next_page()
 *     print(pager[0])
 *
 * print(model) shows the Python object; the C twin prints the model's name
 * and display name. An optional argument replaces the page size 10. Where
 * Python's next_page() raises IndexError('No more pages to fetch.'),
 * genai_pager_next_page() returns GENAI_DONE.
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

static void print_model(const genai_model *model) {
  printf("%s (%s)\n", model->name, model->display_name ? model->display_name : "");
}

/* for model in client.models.list(): the pager fetches the pages as it goes. */
static int list_all(genai_client *client) {
  genai_pager *pager = NULL;
  if (genai_models_list(client, NULL, &pager) != GENAI_OK) {
    print_error("models.list");
    return -1;
  }
  const genai_model *model;
  genai_result rc;
  while ((rc = genai_pager_next(pager, (const void **)&model)) == GENAI_OK) print_model(model);
  if (rc != GENAI_DONE) print_error("models.list (a later page)");
  genai_pager_free(pager);
  return rc == GENAI_DONE ? 0 : -1;
}

/* The pager page by page: page_size, pager[0], next_page(). */
static int page_by_page(genai_client *client, int32_t page_size) {
  genai_list_models_config config = {GENAI_INIT(genai_list_models_config), .page_size = &page_size};
  genai_pager *pager = NULL;
  if (genai_models_list(client, &config, &pager) != GENAI_OK) {
    print_error("models.list");
    return -1;
  }
  printf("page_size: %zu\n", genai_pager_page_size(pager));
  const genai_model *first = genai_pager_page_item(pager, 0);
  if (first) print_model(first);
  genai_result rc = genai_pager_next_page(pager);
  if (rc == GENAI_OK && (first = genai_pager_page_item(pager, 0))) print_model(first);
  else if (rc == GENAI_DONE) printf("No more pages to fetch.\n");
  else print_error("next_page");
  genai_pager_free(pager);
  return rc == GENAI_OK || rc == GENAI_DONE ? 0 : -1;
}

int main(int argc, char **argv) {
  genai_client *client = NULL;
  if (genai_client_new(NULL, &client) != GENAI_OK) {
    print_error("genai_client_new");
    return EXIT_FAILURE;
  }
  int32_t page_size = argc > 1 ? (int32_t)atoi(argv[1]) : 10;
  int failed = list_all(client) != 0 || page_by_page(client, page_size > 0 ? page_size : 10) != 0;
  genai_client_free(client);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
