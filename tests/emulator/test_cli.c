/* The command line of genai-emulator: flags, the startup line, the port file
 * and clean shutdown on SIGTERM/SIGINT. */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "emulator_harness.h"
#include "http_client.h"
#include "json_path.h"

/* Runs the emulator with `args` to completion; captures stdout+stderr into
 * out[size] and returns the exit status (or -1). For flags that exit at once. */
static int run(const char *const *args, char *out, size_t size) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    const char *argv[16] = {emu_binary()};
    for (size_t i = 0; args[i] && i < 14; i++) argv[i + 1] = args[i];
    dup2(fds[1], STDOUT_FILENO);
    dup2(fds[1], STDERR_FILENO);
    close(fds[0]);
    close(fds[1]);
    execv(argv[0], (char *const *)argv);
    _exit(127);
  }
  close(fds[1]);
  size_t len = 0;
  ssize_t n;
  while (len + 1 < size &&
         ((n = read(fds[0], out + len, size - 1 - len)) > 0 || (n < 0 && errno == EINTR)))
    if (n > 0) len += (size_t)n;
  out[len] = '\0';
  close(fds[0]);
  int status;
  if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

static void test_version(void **state) {
  (void)state;
  char out[256];
  assert_int_equal(run((const char *const[]){"--version", NULL}, out, sizeof out), 0);
  assert_memory_equal(out, "genai-emulator ", 15);
}

static void test_help(void **state) {
  (void)state;
  char out[4096];
  assert_int_equal(run((const char *const[]){"--help", NULL}, out, sizeof out), 0);
  const char *flags[] = {"--host",  "--port",    "--port-file",  "--api-key", "--bearer-token",
                         "--quiet", "--version", "--tls-cert", "--tls-key"};
  for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
    assert_non_null(strstr(out, flags[i]));
}

static void test_bad_arguments(void **state) {
  (void)state;
  char out[1024];
  assert_int_equal(run((const char *const[]){"--frobnicate", NULL}, out, sizeof out), 2);
  assert_non_null(strstr(out, "--frobnicate"));
  assert_int_equal(run((const char *const[]){"--port", "70000", NULL}, out, sizeof out), 2);
  assert_int_equal(run((const char *const[]){"--port", NULL}, out, sizeof out), 2);
  assert_int_equal(run((const char *const[]){"--api-key=", NULL}, out, sizeof out), 2);
  assert_int_equal(
      run((const char *const[]){"--host", "no.such.host.invalid", NULL}, out, sizeof out), 1);
}

/* HTTPS needs both files; files that cannot serve end the start with status 1
 * (serving TLS is tested in tests/integration/test_tls.c). */
static void test_tls_flags(void **state) {
  (void)state;
  char out[1024];
  assert_int_equal(run((const char *const[]){"--tls-cert", "cert.pem", NULL}, out, sizeof out), 2);
  assert_non_null(strstr(out, "--tls-cert needs --tls-key"));
  assert_int_equal(run((const char *const[]){"--tls-key=key.pem", NULL}, out, sizeof out), 2);
  assert_non_null(strstr(out, "--tls-key needs --tls-cert"));
  assert_int_equal(
      run((const char *const[]){"--tls-cert", "/no/such/cert.pem", "--tls-key", "/no/such/key.pem", NULL}, out,
          sizeof out),
      1);
  assert_non_null(strstr(out, "cannot read --tls-cert /no/such/cert.pem"));
  char path[] = "/tmp/genai-emulator-cli-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  assert_int_equal(write(fd, "not a certificate\n", 18), 18);
  close(fd);
  assert_int_equal(run((const char *const[]){"--tls-cert", path, "--tls-key", path, NULL}, out, sizeof out), 1);
  assert_non_null(strstr(out, "is not a PEM file"));
  /* PEM armour around garbage: GnuTLS refuses it when the server starts */
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", f);
  fclose(f);
  assert_int_equal(run((const char *const[]){"--tls-cert", path, "--tls-key", path, NULL}, out, sizeof out), 1);
  assert_non_null(strstr(out, "cannot serve HTTPS"));
  unlink(path);
}

static void test_port_file_and_listening_line(void **state) {
  (void)state;
  char path[] = "/tmp/genai-emulator-port-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  close(fd);
  emu_harness emu;
  assert_int_equal(emu_start(&emu, (const char *const[]){"--quiet", "--port-file", path, NULL}), 0);
  char expected[64];
  snprintf(expected, sizeof expected, "http://127.0.0.1:%d", emu.port);
  assert_string_equal(emu.base_url, expected);
  FILE *f = fopen(path, "r");
  assert_non_null(f);
  int port = 0;
  assert_int_equal(fscanf(f, "%d", &port), 1);
  fclose(f);
  unlink(path);
  assert_int_equal(port, emu.port);
  assert_int_equal(emu_stop(&emu), 0);
}

static void test_fixed_port_and_host_flag(void **state) {
  (void)state;
  emu_harness first;
  assert_int_equal(emu_start(&first, (const char *const[]){"--quiet", NULL}), 0);
  int port = first.port;
  assert_int_equal(emu_stop(&first), 0);
  /* The port just released is very likely still free; reuse it explicitly. */
  char port_arg[16];
  snprintf(port_arg, sizeof port_arg, "%d", port);
  emu_harness second;
  assert_int_equal(emu_start(&second, (const char *const[]){"--quiet", "--host", "localhost",
                                                            "--port", port_arg, NULL}),
                   0);
  assert_int_equal(second.port, port);
  assert_int_equal(emu_stop(&second), 0);
}

static void test_sigint_exits_cleanly(void **state) {
  (void)state;
  emu_harness emu;
  assert_int_equal(emu_start(&emu, (const char *const[]){"--quiet", NULL}), 0);
  /* An idle keep-alive connection must not hold up shutdown. */
  CURL *idle = curl_easy_init();
  http_reply r;
  http_call(idle, &emu, "GET", "/_emulator/health", NULL, NULL, &r);
  http_reply_dispose(&r);
  pid_t pid = emu.pid;
  assert_int_equal(kill(pid, SIGINT), 0);
  int status;
  assert_int_equal(waitpid(pid, &status, 0), pid);
  assert_true(WIFEXITED(status));
  assert_int_equal(WEXITSTATUS(status), 0);
  curl_easy_cleanup(idle);
  emu.pid = 0;
  curl_global_cleanup(); /* balances emu_start, since emu_stop is not called */
}

static void *delayed_request(void *arg) {
  emu_harness *emu = arg;
  http_reply r;
  http_call(NULL, emu, "POST", MLDEV_PATH("gemini-2.0-flash"), NULL, "{}", &r);
  http_reply_dispose(&r);
  return NULL;
}

static void test_shutdown_interrupts_delays(void **state) {
  (void)state;
  emu_harness emu;
  assert_int_equal(emu_start(&emu, (const char *const[]){"--quiet", NULL}), 0);
  assert_int_equal(emu_script(&emu, "{\"responses\":[{\"delay_ms\":600000}]}"), 200);
  pthread_t t;
  assert_int_equal(pthread_create(&t, NULL, delayed_request, &emu), 0);
  /* Wait until the request has been received (it is logged on arrival). */
  for (int i = 0; i < 200; i++) {
    json_t *log = emu_requests(&emu);
    size_t n = json_array_size(log);
    json_decref(log);
    if (n == 1) break;
    nanosleep(&(struct timespec){0, 10000000L}, NULL);
  }
  assert_int_equal(emu_stop(&emu), 0); /* well before the 600 s delay */
  pthread_join(t, NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_version),
      cmocka_unit_test(test_help),
      cmocka_unit_test(test_bad_arguments),
      cmocka_unit_test(test_tls_flags),
      cmocka_unit_test(test_port_file_and_listening_line),
      cmocka_unit_test(test_fixed_port_and_host_flag),
      cmocka_unit_test(test_sigint_exits_cleanly),
      cmocka_unit_test(test_shutdown_interrupts_delays),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
