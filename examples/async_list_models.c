/*
 * async_list_models.c: "List Base Models", async.
 *
 * The C twin of this Python SDK snippet:
 *
 *     async for job in await client.aio.models.list():
 *         print(job)
 *
 *     async_pager = await client.aio.models.list(config={'page_size': 10})
 *     print(async_pager.page_size)
 *     print(async_pager[0])
 *     await async_pager.next_page()
 *     print(async_pager[0])
 *
 * Every request runs on a genai_multi: genai_models_list_async() gives the
 * pager with its first page (genai_op_take_pager()), and
 * genai_pager_next_page_async() fetches the next ones. An optional argument
 * replaces the page size 10.
 */
#include <stdio.h>
#include <stdlib.h>

#include <genai/genai.h>

static void print_model(const genai_model *model) {
  printf("%s (%s)\n", model->name, model->display_name ? model->display_name : "");
}

/* The callbacks fire inside genai_multi_poll(); this example reads each
 * result after the loop instead, so on_done has nothing to do. */
static void on_done(genai_op *op, void *user_data) {
  (void)op;
  (void)user_data;
}

/* Drives the multi until `op` ends; its result. */
static genai_result wait_for(genai_multi *multi, genai_op *op) {
  int running = 1;
  while (running)
    if (genai_multi_poll(multi, 1000, &running) != GENAI_OK) return genai_error_last()->code;
  genai_result rc = genai_op_result(op);
  if (rc != GENAI_OK) fprintf(stderr, "request failed: %s\n", genai_op_error(op)->message);
  return rc;
}

/* await client.aio.models.list(config): the pager, or NULL. */
static genai_pager *list_async(genai_multi *multi, const genai_list_models_config *config) {
  genai_op_callbacks callbacks = {GENAI_INIT(genai_op_callbacks), .on_done = on_done};
  genai_op *op = NULL;
  genai_pager *pager = NULL;
  if (genai_models_list_async(multi, config, &callbacks, &op) != GENAI_OK)
    fprintf(stderr, "models.list failed: %s\n", genai_error_last()->message);
  else if (wait_for(multi, op) == GENAI_OK && genai_op_take_pager(op, &pager) != GENAI_OK)
    pager = NULL;
  genai_op_free(op);
  return pager;
}

/* await pager.next_page(): GENAI_OK, GENAI_DONE (no more pages) or an error. */
static genai_result next_page_async(genai_multi *multi, genai_pager *pager) {
  genai_op_callbacks callbacks = {GENAI_INIT(genai_op_callbacks), .on_done = on_done};
  genai_op *op = NULL;
  genai_result rc = genai_pager_next_page_async(multi, pager, &callbacks, &op);
  if (rc == GENAI_OK) rc = wait_for(multi, op);
  genai_op_free(op);
  return rc;
}

/* async for: each page's items, then the next page, until there is none. */
static genai_result list_all(genai_multi *multi) {
  genai_pager *pager = list_async(multi, NULL);
  if (!pager) return GENAI_ERROR;
  genai_result rc;
  do {
    for (size_t i = 0; i < genai_pager_page_len(pager); i++) print_model(genai_pager_page_item(pager, i));
  } while ((rc = next_page_async(multi, pager)) == GENAI_OK);
  genai_pager_free(pager);
  return rc == GENAI_DONE ? GENAI_OK : rc;
}

static genai_result page_by_page(genai_multi *multi, int32_t page_size) {
  genai_list_models_config config = {GENAI_INIT(genai_list_models_config), .page_size = &page_size};
  genai_pager *pager = list_async(multi, &config);
  if (!pager) return GENAI_ERROR;
  printf("page_size: %zu\n", genai_pager_page_size(pager));
  const genai_model *first = genai_pager_page_item(pager, 0);
  if (first) print_model(first);
  genai_result rc = next_page_async(multi, pager);
  if (rc == GENAI_OK && (first = genai_pager_page_item(pager, 0))) print_model(first);
  else if (rc == GENAI_DONE) printf("No more pages to fetch.\n");
  genai_pager_free(pager);
  return rc == GENAI_DONE ? GENAI_OK : rc;
}

int main(int argc, char **argv) {
  genai_client *client = NULL;
  genai_multi *multi = NULL;
  int status = EXIT_FAILURE;
  if (genai_client_new(NULL, &client) != GENAI_OK || genai_multi_new(client, NULL, &multi) != GENAI_OK) {
    fprintf(stderr, "setup failed: %s\n", genai_error_last()->message);
    goto done;
  }
  int32_t page_size = argc > 1 ? (int32_t)atoi(argv[1]) : 10;
  if (list_all(multi) == GENAI_OK && page_by_page(multi, page_size > 0 ? page_size : 10) == GENAI_OK)
    status = EXIT_SUCCESS;
done:
  genai_multi_free(multi);
  genai_client_free(client);
  return status;
}
