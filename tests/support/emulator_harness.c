#include "emulator_harness.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#ifndef GENAI_EMULATOR_PATH
#define GENAI_EMULATOR_PATH ""
#endif

#define START_TIMEOUT_MS 10000
#define STOP_TIMEOUT_MS 10000
#define HTTP_TIMEOUT_S 30L
#define MAX_ARGS 64

static const char listening_prefix[] = "genai-emulator listening on ";

const char *emu_binary(void) {
  const char *env = getenv("GENAI_EMULATOR");
  return env && *env ? env : GENAI_EMULATOR_PATH;
}

static long long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
    ;
}

/* Runs in the child: stdout goes to the pipe, then exec. */
static void exec_emulator(int out_fd, const char *const *extra_args) {
  const char *argv[MAX_ARGS + 4];
  size_t n = 0;
  argv[n++] = emu_binary();
  argv[n++] = "--port";
  argv[n++] = "0";
  for (size_t i = 0; extra_args && extra_args[i] && n < MAX_ARGS + 3; i++)
    argv[n++] = extra_args[i];
  argv[n] = NULL;
  if (dup2(out_fd, STDOUT_FILENO) < 0) _exit(127);
  close(out_fd);
  execv(argv[0], (char *const *)argv);
  fprintf(stderr, "emu_start: cannot execute %s: %s\n", argv[0], strerror(errno));
  _exit(127);
}

/* Reads the first line from fd within the deadline. */
static int read_line(int fd, char *line, size_t size, long long deadline) {
  size_t len = 0;
  while (len + 1 < size) {
    long long left = deadline - now_ms();
    if (left <= 0) {
      fputs("emu_start: timed out waiting for the 'listening on' line\n", stderr);
      return -1;
    }
    struct pollfd p = {fd, POLLIN, 0};
    int r = poll(&p, 1, (int)left);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) continue;
    ssize_t got = read(fd, line + len, 1);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      fputs("emu_start: emulator exited before printing its port\n", stderr);
      return -1;
    }
    if (line[len] == '\n') {
      line[len] = '\0';
      return 0;
    }
    len++;
  }
  fputs("emu_start: 'listening on' line too long\n", stderr);
  return -1;
}

static int parse_listening_line(emu_harness *h, const char *line) {
  size_t plen = sizeof listening_prefix - 1;
  const char *url = strncmp(line, listening_prefix, plen) == 0 ? line + plen : NULL;
  const char *colon = url ? strrchr(url, ':') : NULL;
  char *end = NULL;
  long port = colon ? strtol(colon + 1, &end, 10) : 0;
  if (!colon || end == colon + 1 || *end || port <= 0 || port > 65535 ||
      strlen(url) >= sizeof h->base_url) {
    fprintf(stderr, "emu_start: unexpected first line from emulator: '%s'\n", line);
    return -1;
  }
  h->port = (int)port;
  memcpy(h->base_url, url, strlen(url) + 1);
  return 0;
}

static void kill_and_reap(pid_t pid) {
  kill(pid, SIGKILL);
  while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
    ;
}

static int wait_healthy(emu_harness *h, long long deadline) {
  while (now_ms() < deadline) {
    if (emu_get(h, "/_emulator/health", NULL) == 200) return 0;
    sleep_ms(20);
  }
  fputs("emu_start: /_emulator/health did not answer 200 in time\n", stderr);
  return -1;
}

int emu_start(emu_harness *h, const char *const *extra_args) { return emu_start_tls(h, extra_args, NULL, 1); }

int emu_start_tls(emu_harness *h, const char *const *extra_args, const char *ca_file, int check_host) {
  memset(h, 0, sizeof *h);
  if (ca_file && strlen(ca_file) >= sizeof h->ca_file) {
    fputs("emu_start: CA file path too long\n", stderr);
    return -1;
  }
  if (!*emu_binary()) {
    fputs("emu_start: no emulator binary (set GENAI_EMULATOR)\n", stderr);
    return -1;
  }
  curl_global_init(CURL_GLOBAL_DEFAULT);
  int fds[2];
  if (pipe(fds) != 0) {
    perror("emu_start: pipe");
    curl_global_cleanup();
    return -1;
  }
  fcntl(fds[0], F_SETFD, FD_CLOEXEC);
  pid_t pid = fork();
  if (pid < 0) {
    perror("emu_start: fork");
    close(fds[0]);
    close(fds[1]);
    curl_global_cleanup();
    return -1;
  }
  if (pid == 0) {
    close(fds[0]);
    /* If the test process dies (an assertion abort, a sanitizer report), the
     * emulator goes with it instead of holding the test's output open. */
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() == 1) _exit(1);
    exec_emulator(fds[1], extra_args);
  }
  close(fds[1]);
  h->pid = pid;
  if (ca_file) snprintf(h->ca_file, sizeof h->ca_file, "%s", ca_file);
  h->skip_host_check = !check_host;
  long long deadline = now_ms() + START_TIMEOUT_MS;
  char line[256];
  int rc = read_line(fds[0], line, sizeof line, deadline);
  close(fds[0]);
  if (rc == 0) rc = parse_listening_line(h, line);
  if (rc == 0) rc = wait_healthy(h, deadline);
  if (rc != 0) {
    kill_and_reap(pid);
    memset(h, 0, sizeof *h);
    curl_global_cleanup();
  }
  return rc;
}

static int report_exit(int status) {
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return 0;
  if (WIFEXITED(status))
    fprintf(stderr, "emu_stop: emulator exited with status %d\n", WEXITSTATUS(status));
  else if (WIFSIGNALED(status))
    fprintf(stderr, "emu_stop: emulator killed by signal %d\n", WTERMSIG(status));
  return -1;
}

int emu_stop(emu_harness *h) {
  if (h->pid <= 0) return -1;
  pid_t pid = h->pid;
  memset(h, 0, sizeof *h);
  kill(pid, SIGTERM);
  long long deadline = now_ms() + STOP_TIMEOUT_MS;
  int status = 0;
  int rc = -1;
  for (;;) {
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      rc = report_exit(status);
      break;
    }
    if (r < 0 && errno != EINTR) {
      perror("emu_stop: waitpid");
      break;
    }
    if (now_ms() >= deadline) {
      fputs("emu_stop: emulator ignored SIGTERM for 10 s; killed\n", stderr);
      kill_and_reap(pid);
      break;
    }
    sleep_ms(10);
  }
  curl_global_cleanup();
  return rc;
}

int emu_url(const emu_harness *h, const char *path, char *out, size_t size) {
  int n = snprintf(out, size, "%s%s", h->base_url, path);
  return n >= 0 && (size_t)n < size ? 0 : -1;
}

typedef struct sink {
  char *data;
  size_t len;
  int failed;
} sink;

static size_t collect(char *ptr, size_t size, size_t nmemb, void *userdata) {
  sink *s = userdata;
  size_t n = size * nmemb;
  char *grown = realloc(s->data, s->len + n + 1);
  if (!grown) {
    s->failed = 1;
    return 0;
  }
  memcpy(grown + s->len, ptr, n);
  s->len += n;
  grown[s->len] = '\0';
  s->data = grown;
  return n;
}

static int http(emu_harness *h, const char *method, const char *path, const char *json,
                char **body_out) {
  char url[512];
  if (body_out) *body_out = NULL;
  if (emu_url(h, path, url, sizeof url) != 0) {
    fprintf(stderr, "emu_%s: URL too long\n", method);
    return -1;
  }
  CURL *curl = curl_easy_init();
  if (!curl) return -1;
  sink s = {NULL, 0, 0};
  struct curl_slist *headers = NULL;
  curl_easy_setopt(curl, CURLOPT_URL, url);
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, HTTP_TIMEOUT_S);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &s);
  if (h->ca_file[0]) curl_easy_setopt(curl, CURLOPT_CAINFO, h->ca_file);
  if (h->skip_host_check) curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  if (json) {
    headers = curl_slist_append(NULL, "Content-Type: application/json");
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, json);
  }
  CURLcode rc = curl_easy_perform(curl);
  long status = -1;
  if (rc == CURLE_OK && !s.failed) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  } else if (strcmp(path, "/_emulator/health") != 0) {
    /* Health is polled during startup, when refusals are expected. */
    fprintf(stderr, "emu_%s %s: %s\n", method, path,
            s.failed ? "out of memory" : curl_easy_strerror(rc));
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (status >= 0 && body_out && !s.data) s.data = calloc(1, 1);
  if (status >= 0 && body_out)
    *body_out = s.data;
  else
    free(s.data);
  return (int)status;
}

int emu_get(emu_harness *h, const char *path, char **body_out) {
  return http(h, "GET", path, NULL, body_out);
}

int emu_post(emu_harness *h, const char *path, const char *json, char **body_out) {
  return http(h, "POST", path, json ? json : "", body_out);
}

int emu_delete(emu_harness *h, const char *path) { return http(h, "DELETE", path, NULL, NULL); }

json_t *emu_requests(emu_harness *h) {
  char *body = NULL;
  int status = emu_get(h, "/_emulator/requests", &body);
  json_error_t err;
  json_t *log = status == 200 ? json_loads(body, 0, &err) : NULL;
  if (status == 200 && !log)
    fprintf(stderr, "emu_requests: invalid JSON: %s\n", err.text);
  else if (status != 200)
    fprintf(stderr, "emu_requests: HTTP %d\n", status);
  free(body);
  return log;
}

int emu_script(emu_harness *h, const char *json) {
  char *body = NULL;
  int status = emu_post(h, "/_emulator/script", json, &body);
  if (status != 200 && body) fprintf(stderr, "emu_script: HTTP %d: %s\n", status, body);
  free(body);
  return status;
}

int emu_reset(emu_harness *h) { return emu_post(h, "/_emulator/reset", NULL, NULL); }
