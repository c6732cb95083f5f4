#include "itest.h"

#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <genai/sys/auth.h>

emu_harness itest_emu;

int itest_group_setup(void **state) {
  (void)state;
  const char *args[] = {"--api-key", ITEST_KEY, "--bearer-token", ITEST_TOKEN, "--quiet", NULL};
  return emu_start(&itest_emu, args);
}

int itest_finish(int failed) {
  if (itest_emu.pid && emu_stop(&itest_emu) != 0) {
    fprintf(stderr, "the emulator did not exit cleanly\n");
    failed++;
  }
  genai_error_clear();
  return failed ? 1 : 0;
}

int itest_reset(void **state) {
  (void)state;
  return emu_reset(&itest_emu) == 200 ? 0 : -1;
}

static genai_client *new_client(genai_client_options *o) {
  genai_client *c = NULL;
  genai_result rc = genai_client_new(o, &c);
  if (rc != GENAI_OK) fail_msg("genai_client_new: %s", genai_error_last()->message);
  return c;
}

genai_client *itest_mldev_client(const genai_http_options *http) {
  genai_http_options h = http ? *http : (genai_http_options){GENAI_INIT(genai_http_options)};
  h.base_url = itest_emu.base_url;
  genai_client_options o = {GENAI_INIT(genai_client_options), .api_key = ITEST_KEY, .http_options = &h, .no_env = true};
  return new_client(&o);
}

genai_client *itest_vertex_express_client(const genai_http_options *http) {
  genai_http_options h = http ? *http : (genai_http_options){GENAI_INIT(genai_http_options)};
  h.base_url = itest_emu.base_url;
  bool vertex = true;
  genai_client_options o = {GENAI_INIT(genai_client_options), .api_key = ITEST_KEY, .vertexai = &vertex,
                            .http_options = &h, .no_env = true};
  return new_client(&o);
}

static genai_result give_itest_token(void *user_data, genai_token_sink *sink) {
  (void)user_data;
  return genai_token_sink_set(sink, ITEST_TOKEN, 0);
}

genai_client *itest_vertex_client(const genai_token_provider *provider) {
  static const genai_token_provider itest_provider = {GENAI_INIT(genai_token_provider), give_itest_token, NULL};
  if (!provider) provider = &itest_provider;
  genai_http_options h = {GENAI_INIT(genai_http_options), .base_url = itest_emu.base_url};
  bool vertex = true;
  genai_client_options o = {GENAI_INIT(genai_client_options), .vertexai = &vertex, .project = "test-project",
                            .location = "us-central1", .http_options = &h, .token_provider = provider,
                            .no_env = true};
  return new_client(&o);
}

json_t *itest_requests(void) {
  json_t *log = emu_requests(&itest_emu);
  if (!json_is_array(log)) fail_msg("could not read the emulator's request log");
  return log;
}

size_t itest_request_count(void) {
  json_t *log = itest_requests();
  size_t n = json_array_size(log);
  json_decref(log);
  return n;
}

json_t *itest_last_request(void) {
  json_t *log = itest_requests();
  size_t n = json_array_size(log);
  if (!n) fail_msg("the emulator received no request");
  json_t *last = json_incref(json_array_get(log, n - 1));
  json_decref(log);
  return last;
}

json_t *itest_request_at(size_t i) {
  static json_t *log;
  json_decref(log);
  log = itest_requests();
  return json_array_get(log, i);
}

const char *itest_header(const json_t *request, const char *name) {
  return json_string_value(json_object_get(json_object_get(request, "headers"), name));
}

void itest_assert_json_value(const json_t *actual, const char *expected) {
  json_error_t err;
  json_t *want = json_loads(expected, JSON_DECODE_ANY, &err);
  if (!want) fail_msg("bad expected JSON: %s", err.text);
  if (!json_equal(actual, want)) {
    char *a = json_dumps(actual, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
    char *w = json_dumps(want, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
    print_error("actual:   %s\nexpected: %s\n", a, w);
    free(a);
    free(w);
    json_decref(want);
    fail_msg("JSON values differ");
  }
  json_decref(want);
}

void itest_assert_json_equal(const char *actual, const char *expected) {
  json_error_t err;
  json_t *got = json_loads(actual, JSON_DECODE_ANY, &err);
  if (!got) fail_msg("actual is not JSON: %s", err.text);
  itest_assert_json_value(got, expected);
  json_decref(got);
}

void itest_script(const char *json) {
  int status = emu_script(&itest_emu, json);
  if (status != 200) fail_msg("the emulator refused the script (HTTP %d): %s", status, json);
}

/* ----------------------------------------------------------------- files */

unsigned char *itest_pattern(size_t n, unsigned seed) {
  unsigned char *p = malloc(n ? n : 1);
  if (!p) fail_msg("out of memory");
  for (size_t i = 0; i < n; i++) p[i] = (unsigned char)(i * 31 + i / 7 + seed);
  return p;
}

void itest_pattern_file(char *path, size_t size, const char *suffix, size_t n, unsigned seed) {
  static int counter;
  snprintf(path, size, "/tmp/genai_itest_%d_%d%s", (int)getpid(), counter++, suffix);
  FILE *fp = fopen(path, "wb");
  if (!fp) fail_msg("cannot create %s", path);
  unsigned char *p = itest_pattern(n, seed);
  size_t written = fwrite(p, 1, n, fp);
  free(p);
  if (fclose(fp) != 0 || written != n) fail_msg("cannot write %s", path);
}

void itest_sha256_hash(const void *data, size_t n, char out[128]) {
  unsigned char md[32], hex[65];
  unsigned int len = 0;
  EVP_Digest(data, n, md, &len, EVP_sha256(), NULL);
  for (unsigned i = 0; i < 32; i++) snprintf((char *)hex + 2 * i, 3, "%02x", md[i]);
  EVP_EncodeBlock((unsigned char *)out, hex, 64);
}

void itest_assert_upload_hash(const genai_file *f, size_t n, unsigned seed) {
  unsigned char *p = itest_pattern(n, seed);
  char want[128];
  itest_sha256_hash(p, n, want);
  free(p);
  assert_non_null(f->sha256_hash);
  assert_string_equal(f->sha256_hash, want);
}

/* ------------------------------------------------------------ epoll loop */

static int epoll_socket(void *user_data, int fd, int what) {
  itest_epoll *l = user_data;
  if (what == GENAI_MULTI_WATCH_REMOVE) {
    epoll_ctl(l->epfd, EPOLL_CTL_DEL, fd, NULL); /* fails when fd was closed already: nothing to undo */
    if (l->watched > 0) l->watched--;
    return 0;
  }
  struct epoll_event ev = {.events = (what & GENAI_MULTI_WATCH_IN ? EPOLLIN : 0u) |
                                     (what & GENAI_MULTI_WATCH_OUT ? EPOLLOUT : 0u),
                           .data.fd = fd};
  if (epoll_ctl(l->epfd, EPOLL_CTL_MOD, fd, &ev) != 0 && errno == ENOENT &&
      epoll_ctl(l->epfd, EPOLL_CTL_ADD, fd, &ev) == 0)
    l->watched++;
  return 0;
}

static int epoll_timer(void *user_data, long timeout_ms) {
  ((itest_epoll *)user_data)->timer_ms = timeout_ms;
  return 0;
}

genai_multi_options itest_epoll_open(itest_epoll *l) {
  *l = (itest_epoll){.epfd = epoll_create1(0), .timer_ms = -1};
  if (l->epfd < 0) fail_msg("epoll_create1: %s", strerror(errno));
  return (genai_multi_options){GENAI_INIT(genai_multi_options), .socket_fn = epoll_socket, .timer_fn = epoll_timer,
                               .user_data = l};
}

int itest_epoll_turn(itest_epoll *l, genai_multi *m, int *running) {
  struct epoll_event evs[16];
  int n = epoll_wait(l->epfd, evs, 16, l->timer_ms < 0 ? 1000 : (int)l->timer_ms);
  if (n == 0) assert_int_equal(genai_multi_socket_action(m, -1, 0, running), GENAI_OK);
  for (int i = 0; i < n; i++) {
    int events = (evs[i].events & EPOLLIN ? GENAI_MULTI_EVENT_IN : 0) |
                 (evs[i].events & EPOLLOUT ? GENAI_MULTI_EVENT_OUT : 0) |
                 (evs[i].events & (EPOLLERR | EPOLLHUP) ? GENAI_MULTI_EVENT_ERR : 0);
    assert_int_equal(genai_multi_socket_action(m, evs[i].data.fd, events, running), GENAI_OK);
  }
  return n;
}

void itest_epoll_close(itest_epoll *l) {
  if (l->epfd >= 0) close(l->epfd);
  l->epfd = -1;
}
