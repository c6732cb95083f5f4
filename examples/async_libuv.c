/*
 * async_libuv.c: genai-c inside a libuv loop.
 *
 * The genai_multi's socket_fn and timer_fn become uv_poll_t handles (one
 * per descriptor) and a uv_timer_t; their callbacks call
 * genai_multi_socket_action. Built when libuv is installed (Debian:
 * libuv1-dev). Two prompts run at once, one streamed.
 */
#include <stdio.h>
#include <stdlib.h>

#include <genai/genai.h>
#include <uv.h>

typedef struct app {
  uv_loop_t *loop;
  uv_timer_t timer;
  genai_multi *multi;
  int running;
} app;

/* One watched descriptor. */
typedef struct watched {
  uv_poll_t poll;
  app *a;
  int fd;
  struct watched *next;
} watched;

static watched *watched_list;

static void check_running(app *a) {
  if (!a->running) uv_timer_stop(&a->timer);
}

static void on_poll(uv_poll_t *handle, int status, int events) {
  watched *w = handle->data;
  int ev = status < 0 ? GENAI_MULTI_EVENT_ERR
                      : (events & UV_READABLE ? GENAI_MULTI_EVENT_IN : 0) |
                            (events & UV_WRITABLE ? GENAI_MULTI_EVENT_OUT : 0);
  if (genai_multi_socket_action(w->a->multi, w->fd, ev, &w->a->running) != GENAI_OK)
    fprintf(stderr, "socket_action: %s\n", genai_error_last()->message);
  check_running(w->a);
}

static void on_timer(uv_timer_t *timer) {
  app *a = timer->data;
  if (genai_multi_socket_action(a->multi, -1, 0, &a->running) != GENAI_OK)
    fprintf(stderr, "socket_action: %s\n", genai_error_last()->message);
  check_running(a);
}

static void free_watched(uv_handle_t *handle) { free(handle->data); }

static int watch(void *user_data, int fd, int what) {
  app *a = user_data;
  watched **p = &watched_list;
  while (*p && (*p)->fd != fd) p = &(*p)->next;
  if (what == GENAI_MULTI_WATCH_REMOVE) {
    if (*p) {
      watched *w = *p;
      *p = w->next;
      uv_poll_stop(&w->poll);
      uv_close((uv_handle_t *)&w->poll, free_watched);
    }
    return 0;
  }
  watched *w = *p;
  if (!w) {
    w = calloc(1, sizeof(*w));
    if (!w) return -1;
    w->a = a;
    w->fd = fd;
    uv_poll_init_socket(a->loop, &w->poll, fd);
    w->poll.data = w;
    w->next = watched_list;
    watched_list = w;
  }
  int events = (what & GENAI_MULTI_WATCH_IN ? UV_READABLE : 0) | (what & GENAI_MULTI_WATCH_OUT ? UV_WRITABLE : 0);
  return uv_poll_start(&w->poll, events, on_poll);
}

static int set_timer(void *user_data, long timeout_ms) {
  app *a = user_data;
  if (timeout_ms < 0) uv_timer_stop(&a->timer);
  else uv_timer_start(&a->timer, on_timer, (uint64_t)timeout_ms, 0);
  return 0;
}

static void on_chunk(genai_op *op, const genai_generate_content_response *chunk, void *user_data) {
  (void)op;
  (void)user_data;
  const char *text = genai_response_text(chunk);
  if (text) printf("stream: %s\n", text);
}

static void on_done(genai_op *op, void *user_data) {
  (void)user_data;
  genai_result rc = genai_op_result(op);
  if (rc == GENAI_DONE) {
    printf("stream: done\n");
    return;
  }
  genai_generate_content_response *r = NULL;
  if (genai_op_take_generate_content_response(op, &r) == GENAI_OK) printf("answer: %s\n", genai_response_text(r));
  else fprintf(stderr, "failed: %s\n", genai_op_error(op)->message);
  genai_generate_content_response_free(r);
}

int main(void) {
  app a = {.loop = uv_default_loop(), .running = 1};
  uv_timer_init(a.loop, &a.timer);
  a.timer.data = &a;
  genai_client *client = NULL;
  genai_multi_options options = {GENAI_INIT(genai_multi_options), .socket_fn = watch, .timer_fn = set_timer,
                                 .user_data = &a};
  if (genai_client_new(NULL, &client) != GENAI_OK || genai_multi_new(client, &options, &a.multi) != GENAI_OK) {
    fprintf(stderr, "setup failed: %s\n", genai_error_last()->message);
    genai_client_free(client);
    return EXIT_FAILURE;
  }
  genai_op *answer = NULL, *stream = NULL;
  genai_op_callbacks cb = {GENAI_INIT(genai_op_callbacks), .on_done = on_done, .on_chunk = on_chunk};
  int status = EXIT_FAILURE;
  if (genai_models_generate_content_async(a.multi, "gemini-2.0-flash-001", GENAI_TEXT("Why is the sky blue?"), NULL,
                                          &cb, &answer) == GENAI_OK &&
      genai_models_generate_content_stream_async(a.multi, "gemini-2.0-flash-001",
                                                 GENAI_TEXT("Tell me a story in 300 words."), NULL, &cb,
                                                 &stream) == GENAI_OK) {
    uv_run(a.loop, UV_RUN_DEFAULT); /* returns when no handle is active: everything ended */
    if (genai_op_result(answer) == GENAI_OK && genai_op_result(stream) == GENAI_DONE) status = EXIT_SUCCESS;
  } else {
    fprintf(stderr, "not started: %s\n", genai_error_last()->message);
  }
  genai_op_free(answer);
  genai_op_free(stream);
  genai_multi_free(a.multi);
  genai_client_free(client);
  uv_close((uv_handle_t *)&a.timer, NULL);
  uv_run(a.loop, UV_RUN_DEFAULT);
  uv_loop_close(a.loop);
  return status;
}
