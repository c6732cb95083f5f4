#include "itest_cli.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "itest.h"

/* In the child: the environment of a user of the emulator, then the tool. */
static void exec_cli(const char *cli, bool vertex, const char *const *args) {
  unsetenv("GEMINI_API_KEY");
  unsetenv("GOOGLE_API_KEY");
  unsetenv("GOOGLE_GENAI_USE_VERTEXAI");
  unsetenv("GOOGLE_CLOUD_PROJECT");
  unsetenv("GOOGLE_CLOUD_LOCATION");
  if (vertex) {
    setenv("GOOGLE_GENAI_USE_VERTEXAI", "true", 1);
    setenv("GOOGLE_API_KEY", ITEST_KEY, 1);
    setenv("GOOGLE_VERTEX_BASE_URL", itest_emu.base_url, 1);
  } else {
    setenv("GEMINI_API_KEY", ITEST_KEY, 1);
    setenv("GOOGLE_GEMINI_BASE_URL", itest_emu.base_url, 1);
  }
  const char *argv[24] = {cli};
  for (size_t i = 0; args[i] && i < 22; i++) argv[i + 1] = args[i];
  execv(argv[0], (char *const *)argv);
  _exit(127);
}

/* Reads stdout and stderr as they come until both end (30 s of silence
 * ends it too). */
static void drain(int out, int err, itest_cli_result *r) {
  size_t on = 0, en = 0;
  struct pollfd fds[2] = {{out, POLLIN, 0}, {err, POLLIN, 0}};
  for (int open_fds = 2; open_fds > 0;) {
    int n = poll(fds, 2, 30000);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    for (int i = 0; i < 2; i++) {
      if (fds[i].fd < 0 || !fds[i].revents) continue;
      char *buf = i ? r->err : r->out;
      size_t *len = i ? &en : &on, cap = i ? sizeof r->err : sizeof r->out;
      ssize_t got = read(fds[i].fd, buf + *len, cap - 1 - *len);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) {
        fds[i].fd = -1;
        open_fds--;
      } else {
        *len += (size_t)got;
      }
    }
  }
  r->out[on] = r->err[en] = '\0';
}

void itest_cli_run(const char *cli, bool vertex, const char *input, const char *const *args, itest_cli_result *r) {
  int in[2], out[2], err[2];
  assert_int_equal(pipe(in), 0);
  assert_int_equal(pipe(out), 0);
  assert_int_equal(pipe(err), 0);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    dup2(in[0], STDIN_FILENO);
    dup2(out[1], STDOUT_FILENO);
    dup2(err[1], STDERR_FILENO);
    for (int i = 0; i < 2; i++) close(in[i]), close(out[i]), close(err[i]);
    exec_cli(cli, vertex, args);
  }
  close(in[0]);
  close(out[1]);
  close(err[1]);
  if (input) {
    size_t n = strlen(input);
    assert_int_equal(write(in[1], input, n), (ssize_t)n);
  }
  close(in[1]);
  drain(out[0], err[0], r);
  close(out[0]);
  close(err[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r->status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (r->status != 0) print_message("genai stderr: %s\n", r->err);
}
