/*
 * async_epoll.c: genai-c inside an application's own epoll loop.
 *
 * Programs that already run an event loop give the genai_multi two hooks:
 * socket_fn (watch this descriptor for reading/writing, or stop) and
 * timer_fn (call me back in N ms). The loop calls genai_multi_socket_action
 * when a descriptor is ready or the timer expired. Here the loop also
 * watches stdin-free timers of its own; it answers three prompts at once,
 * one of them streamed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <genai/genai.h>

typedef struct app_loop {
  int epfd;
  long timer_ms; /* when genai wants to be called back; -1: not at all */
} app_loop;

/* socket_fn: add, change or remove the descriptor in the epoll set. */
static int watch(void *user_data, int fd, int what) {
  app_loop *loop = user_data;
  if (what == GENAI_MULTI_WATCH_REMOVE) return epoll_ctl(loop->epfd, EPOLL_CTL_DEL, fd, NULL) == 0 || errno == ENOENT ? 0 : -1;
  struct epoll_event ev = {.events = (what & GENAI_MULTI_WATCH_IN ? EPOLLIN : 0u) |
                                     (what & GENAI_MULTI_WATCH_OUT ? EPOLLOUT : 0u),
                           .data.fd = fd};
  if (epoll_ctl(loop->epfd, EPOLL_CTL_MOD, fd, &ev) == 0) return 0;
  return errno == ENOENT && epoll_ctl(loop->epfd, EPOLL_CTL_ADD, fd, &ev) == 0 ? 0 : -1;
}

/* timer_fn: remember when to call genai_multi_socket_action(multi, -1, ...). */
static int set_timer(void *user_data, long timeout_ms) {
  ((app_loop *)user_data)->timer_ms = timeout_ms;
  return 0;
}

static void on_chunk(genai_op *op, const genai_generate_content_response *chunk, void *user_data) {
  (void)op;
  const char *text = genai_response_text(chunk);
  printf("[%s] chunk: %s\n", (const char *)user_data, text ? text : "");
}

static void on_done(genai_op *op, void *user_data) {
  const char *name = user_data;
  genai_result rc = genai_op_result(op);
  if (rc == GENAI_DONE) {
    printf("[%s] stream done\n", name);
  } else if (rc == GENAI_OK) {
    genai_generate_content_response *r = NULL;
    if (genai_op_take_generate_content_response(op, &r) == GENAI_OK) {
      const char *text = genai_response_text(r);
      printf("[%s] %s\n", name, text ? text : "(no text)");
    }
    genai_generate_content_response_free(r);
  } else {
    fprintf(stderr, "[%s] failed: %s\n", name, genai_op_error(op)->message);
  }
}

int main(void) {
  app_loop loop = {.epfd = epoll_create1(EPOLL_CLOEXEC), .timer_ms = -1};
  if (loop.epfd < 0) {
    perror("epoll_create1");
    return EXIT_FAILURE;
  }
  genai_client *client = NULL;
  genai_multi *multi = NULL;
  genai_multi_options options = {GENAI_INIT(genai_multi_options), .socket_fn = watch, .timer_fn = set_timer,
                                 .user_data = &loop};
  if (genai_client_new(NULL, &client) != GENAI_OK || genai_multi_new(client, &options, &multi) != GENAI_OK) {
    fprintf(stderr, "setup failed: %s\n", genai_error_last()->message);
    genai_client_free(client);
    close(loop.epfd);
    return EXIT_FAILURE;
  }

  static const char *const names[] = {"sky", "story", "name"};
  genai_op *ops[3] = {0};
  for (int i = 0; i < 3; i++) {
    genai_op_callbacks cb = {GENAI_INIT(genai_op_callbacks), .on_done = on_done, .on_chunk = on_chunk,
                             .user_data = (void *)names[i]};
    genai_result rc =
        i == 1 ? genai_models_generate_content_stream_async(multi, "gemini-2.0-flash-001",
                                                            GENAI_TEXT("Tell me a story in 300 words."), NULL, &cb,
                                                            &ops[i])
               : genai_models_generate_content_async(multi, "gemini-2.0-flash-001",
                                                     GENAI_TEXT(i == 0 ? "Why is the sky blue?" : "What is your name?"),
                                                     NULL, &cb, &ops[i]);
    if (rc != GENAI_OK) fprintf(stderr, "[%s] not started: %s\n", names[i], genai_error_last()->message);
  }

  /* The application's loop. */
  int running = 1, failed = 0;
  while (running && !failed) {
    struct epoll_event events[16];
    int n = epoll_wait(loop.epfd, events, 16, loop.timer_ms < 0 ? 1000 : (int)loop.timer_ms);
    if (n < 0 && errno != EINTR) {
      perror("epoll_wait");
      break;
    }
    if (n == 0) failed = genai_multi_socket_action(multi, -1, 0, &running) != GENAI_OK; /* the timer */
    for (int i = 0; i < n && !failed; i++) {
      int ev = (events[i].events & EPOLLIN ? GENAI_MULTI_EVENT_IN : 0) |
               (events[i].events & EPOLLOUT ? GENAI_MULTI_EVENT_OUT : 0) |
               (events[i].events & (EPOLLERR | EPOLLHUP) ? GENAI_MULTI_EVENT_ERR : 0);
      failed = genai_multi_socket_action(multi, events[i].data.fd, ev, &running) != GENAI_OK;
    }
  }

  int status = failed ? EXIT_FAILURE : EXIT_SUCCESS;
  for (int i = 0; i < 3; i++) {
    genai_result rc = ops[i] ? genai_op_result(ops[i]) : GENAI_ERROR;
    if (rc != GENAI_OK && rc != GENAI_DONE) status = EXIT_FAILURE;
    genai_op_free(ops[i]);
  }
  genai_multi_free(multi);
  genai_client_free(client);
  close(loop.epfd);
  return status;
}
