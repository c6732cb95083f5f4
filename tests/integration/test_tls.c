/* https:// and wss:// against the emulator serving TLS: a CA, a certificate
 * for 127.0.0.1 and one for another host are made at test time; the SDK
 * trusts the CA through SSL_CERT_FILE. REST calls, blocking Live sessions
 * and Live sessions on a genai_multi (the library's loop and an
 * application's poll loop) on the Gemini API and Vertex AI express mode;
 * then an untrusted certificate and a certificate for the wrong host fail
 * with GENAI_ETRANSPORT and a message that says why. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "itest.h"

#define LIVE_MODEL "gemini-live-2.5-flash-preview"
#define MODEL "gemini-2.0-flash-001"

static char dir[256];
static char ca_pem[320], cert_pem[320], key_pem[320], wrong_cert_pem[320], wrong_key_pem[320];
/* serves a certificate (from the same CA) for wrong.example and 127.0.0.2 */
static emu_harness wrong_emu;

/* ------------------------------------------------------------ certificates */

static void add_ext(X509 *x, X509V3_CTX *ctx, int nid, const char *value) {
  X509_EXTENSION *e = X509V3_EXT_conf_nid(NULL, ctx, nid, value);
  assert_non_null(e);
  assert_int_equal(X509_add_ext(x, e, -1), 1);
  X509_EXTENSION_free(e);
}

/* A certificate for `key` named `cn`, signed by issuer (NULL: self-signed). */
static X509 *make_cert(EVP_PKEY *key, const char *cn, X509 *issuer, EVP_PKEY *issuer_key, const char *san,
                       long serial) {
  X509 *x = X509_new();
  assert_non_null(x);
  assert_int_equal(X509_set_version(x, 2), 1);
  assert_int_equal(ASN1_INTEGER_set(X509_get_serialNumber(x), serial), 1);
  assert_non_null(X509_gmtime_adj(X509_getm_notBefore(x), -3600));
  assert_non_null(X509_gmtime_adj(X509_getm_notAfter(x), 24 * 3600));
  assert_int_equal(X509_set_pubkey(x, key), 1);
  X509_NAME *name = X509_get_subject_name(x);
  assert_int_equal(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)cn, -1, -1, 0), 1);
  assert_int_equal(X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : name), 1);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer ? issuer : x, x, NULL, NULL, 0);
  if (!issuer) {
    add_ext(x, &ctx, NID_basic_constraints, "critical,CA:TRUE");
    add_ext(x, &ctx, NID_key_usage, "critical,keyCertSign,cRLSign");
    add_ext(x, &ctx, NID_subject_key_identifier, "hash");
  } else {
    add_ext(x, &ctx, NID_basic_constraints, "critical,CA:FALSE");
    add_ext(x, &ctx, NID_key_usage, "critical,digitalSignature");
    add_ext(x, &ctx, NID_ext_key_usage, "serverAuth");
    add_ext(x, &ctx, NID_subject_key_identifier, "hash");
    add_ext(x, &ctx, NID_authority_key_identifier, "keyid:always");
    add_ext(x, &ctx, NID_subject_alt_name, san);
  }
  assert_true(X509_sign(x, issuer_key ? issuer_key : key, EVP_sha256()) > 0);
  return x;
}

static void write_cert(const char *path, X509 *x) {
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  assert_int_equal(PEM_write_X509(f, x), 1);
  assert_int_equal(fclose(f), 0);
}

static void write_key(const char *path, EVP_PKEY *k) {
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  assert_int_equal(PEM_write_PrivateKey(f, k, NULL, NULL, 0, NULL, NULL), 1);
  assert_int_equal(fclose(f), 0);
}

static void path_in_dir(char *out, size_t size, const char *name) {
  assert_true((size_t)snprintf(out, size, "%s/%s", dir, name) < size);
}

/* The CA, a certificate for 127.0.0.1 and one for another host, as PEM
 * files in a fresh directory. */
static void make_certificates(void) {
  const char *tmp = getenv("TMPDIR");
  snprintf(dir, sizeof dir, "%s/genai-tls-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  assert_non_null(mkdtemp(dir));
  path_in_dir(ca_pem, sizeof ca_pem, "ca.pem");
  path_in_dir(cert_pem, sizeof cert_pem, "server.pem");
  path_in_dir(key_pem, sizeof key_pem, "server-key.pem");
  path_in_dir(wrong_cert_pem, sizeof wrong_cert_pem, "wrong.pem");
  path_in_dir(wrong_key_pem, sizeof wrong_key_pem, "wrong-key.pem");

  EVP_PKEY *ca_key = EVP_EC_gen("P-256"), *key = EVP_EC_gen("P-256"), *wrong_key = EVP_EC_gen("P-256");
  assert_true(ca_key && key && wrong_key);
  X509 *ca = make_cert(ca_key, "genai-c test CA", NULL, NULL, NULL, 1);
  X509 *cert = make_cert(key, "127.0.0.1", ca, ca_key, "IP:127.0.0.1", 2);
  X509 *wrong = make_cert(wrong_key, "wrong.example", ca, ca_key, "DNS:wrong.example,IP:127.0.0.2", 3);
  write_cert(ca_pem, ca);
  write_cert(cert_pem, cert);
  write_key(key_pem, key);
  write_cert(wrong_cert_pem, wrong);
  write_key(wrong_key_pem, wrong_key);
  X509_free(ca);
  X509_free(cert);
  X509_free(wrong);
  EVP_PKEY_free(ca_key);
  EVP_PKEY_free(key);
  EVP_PKEY_free(wrong_key);
}

static void remove_certificates(void) {
  const char *files[] = {ca_pem, cert_pem, key_pem, wrong_cert_pem, wrong_key_pem};
  for (size_t i = 0; i < sizeof files / sizeof *files; i++)
    if (files[i][0]) unlink(files[i]);
  if (dir[0]) rmdir(dir);
}

static int group_setup(void **state) {
  (void)state;
  make_certificates();
  const char *args[] = {"--api-key", ITEST_KEY, "--bearer-token", ITEST_TOKEN, "--quiet", "--tls-cert",
                        cert_pem,    "--tls-key", key_pem,        NULL};
  if (emu_start_tls(&itest_emu, args, ca_pem, 1) != 0) return -1;
  const char *wrong_args[] = {"--api-key", ITEST_KEY, "--quiet", "--tls-cert", wrong_cert_pem, "--tls-key",
                              wrong_key_pem, NULL};
  if (emu_start_tls(&wrong_emu, wrong_args, ca_pem, 0) != 0) return -1;
  /* the SDK trusts the test CA, as a user points it at a private CA */
  setenv("SSL_CERT_FILE", ca_pem, 1);
  unsetenv("SSL_CERT_DIR");
  return 0;
}

/* ------------------------------------------------------------ helpers */

/* A client on another emulator; every call and Live receive ends within 10 s. */
static genai_client *client_at(const char *base_url, bool vertex) {
  genai_http_options h = {GENAI_INIT(genai_http_options), .base_url = base_url,
                          .timeout_ms = &(const int32_t){10000}};
  genai_client_options o = {GENAI_INIT(genai_client_options), .api_key = ITEST_KEY, .vertexai = &vertex,
                            .http_options = &h, .no_env = true};
  genai_client *c = NULL;
  if (genai_client_new(&o, &c) != GENAI_OK) fail_msg("genai_client_new: %s", genai_error_last()->message);
  return c;
}

static const genai_live_connect_config text_config = {
    GENAI_INIT(genai_live_connect_config),
    .response_modalities = (const genai_modality[]){GENAI_MODALITY_TEXT},
    .response_modalities_count = 1};

static bool turn_complete(const genai_live_server_message *m) {
  return m->server_content && m->server_content->turn_complete && *m->server_content->turn_complete;
}

/* Text received so far, growing. */
typedef struct text_buf {
  char *data;
  size_t len;
} text_buf;

static void text_add(text_buf *t, const char *s) {
  size_t n = strlen(s);
  char *grown = realloc(t->data, t->len + n + 1);
  assert_non_null(grown);
  memcpy(grown + t->len, s, n + 1);
  t->data = grown;
  t->len += n;
}

static char *echo_of(const char *prompt) {
  size_t n = strlen(prompt) + 64;
  char *want = malloc(n);
  assert_non_null(want);
  snprintf(want, n, "Echo from %s: %s", LIVE_MODEL, prompt);
  return want;
}

/* A blocking session: connect, one turn sent and received whole, close. */
static void blocking_turn(genai_client *c, const char *prompt) {
  genai_live_session *s = NULL;
  if (genai_live_connect(c, LIVE_MODEL, &text_config, &s) != GENAI_OK)
    fail_msg("genai_live_connect: %s", genai_error_last()->message);
  assert_int_equal(genai_live_send_client_content(s, GENAI_TEXT(prompt), true), GENAI_OK);
  text_buf text = {0};
  text_add(&text, "");
  const genai_live_server_message *m = NULL;
  genai_result rc;
  bool complete = false;
  while ((rc = genai_live_receive(s, &m)) == GENAI_OK) {
    const char *t = genai_live_server_message_text(m);
    if (t) text_add(&text, t);
    complete = turn_complete(m);
  }
  assert_int_equal(rc, GENAI_DONE);
  assert_true(complete);
  char *want = echo_of(prompt);
  assert_string_equal(text.data, want);
  free(want);
  free(text.data);
  genai_live_close(s);
}

/* What an async session's callbacks saw. */
typedef struct seen {
  int opens, messages, turns, closes;
  genai_result close_rc;
  char close_message[512];
  text_buf text;
  genai_live_session *session;
} seen;

static void on_open(genai_live_session *s, void *user_data) {
  (void)s;
  ((seen *)user_data)->opens++;
}

/* Collects the turn; closes the session once it is complete. */
static void on_message(genai_live_session *s, const genai_live_server_message *m, void *user_data) {
  seen *w = user_data;
  w->messages++;
  const char *t = genai_live_server_message_text(m);
  if (t) text_add(&w->text, t);
  if (!turn_complete(m)) return;
  w->turns++;
  genai_live_close(s);
  w->session = NULL;
}

static void on_close(genai_live_session *s, genai_result rc, void *user_data) {
  seen *w = user_data;
  w->closes++;
  w->close_rc = rc;
  const genai_error *e = genai_live_error(s);
  snprintf(w->close_message, sizeof w->close_message, "%s", e->message ? e->message : "");
}

/* Starts a session on m with one turn queued before it opens. */
static void start_async(genai_multi *m, seen *w, const char *prompt) {
  *w = (seen){0};
  text_add(&w->text, "");
  genai_live_callbacks cb = {GENAI_INIT(genai_live_callbacks), .on_open = on_open, .on_message = on_message,
                             .on_close = on_close, .user_data = w};
  assert_int_equal(genai_live_connect_async(m, LIVE_MODEL, &text_config, &cb, &w->session), GENAI_OK);
  assert_int_equal(genai_live_send_client_content(w->session, GENAI_TEXT(prompt), true), GENAI_OK);
}

static long long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The library's loop until nothing runs (20 s at most). */
static void run(genai_multi *m) {
  long long start = now_ms();
  int running = 1;
  while (running) {
    assert_int_equal(genai_multi_poll(m, 1000, &running), GENAI_OK);
    assert_true(now_ms() - start < 20000);
  }
}

/* One async turn on the library's loop; the session ended by the caller. */
static void async_turn(genai_client *c, const char *prompt) {
  genai_multi *m = NULL;
  assert_int_equal(genai_multi_new(c, NULL, &m), GENAI_OK);
  seen w;
  start_async(m, &w, prompt);
  run(m);
  if (w.closes) fail_msg("on_close %d: %s", w.close_rc, w.close_message);
  assert_int_equal(w.opens, 1);
  assert_int_equal(w.turns, 1);
  assert_null(w.session);
  char *want = echo_of(prompt);
  assert_string_equal(w.text.data, want);
  free(want);
  free(w.text.data);
  genai_multi_free(m);
}

/* A session that must fail: returns what on_close saw. */
static seen async_failure(genai_client *c) {
  genai_multi *m = NULL;
  assert_int_equal(genai_multi_new(c, NULL, &m), GENAI_OK);
  seen w;
  start_async(m, &w, "Hello");
  run(m);
  assert_int_equal(w.closes, 1);
  assert_int_equal(w.opens, 0);
  genai_live_close(w.session);
  genai_multi_free(m);
  free(w.text.data);
  w.text.data = NULL;
  return w;
}

/* A long prompt of many words: the answer comes as hundreds of small
 * messages, several to a TLS record read. */
static char *many_words(int count) {
  char *p = malloc((size_t)count * 8 + 1);
  assert_non_null(p);
  size_t n = 0;
  for (int i = 0; i < count; i++) n += (size_t)sprintf(p + n, i ? " w%d" : "w%d", i % 10000);
  return p;
}

/* One word of `len` letters: the answer is one message larger than
 * libwebsockets' receive buffer and than a TLS record. */
static char *one_long_word(size_t len) {
  char *p = malloc(len + 1);
  assert_non_null(p);
  for (size_t i = 0; i < len; i++) p[i] = (char)('a' + i % 26);
  p[len] = '\0';
  return p;
}

/* ------------------------------------------------------------ REST */

static void generate_content_over_https(void **state) {
  (void)state;
  assert_non_null(strstr(itest_emu.base_url, "https://127.0.0.1:"));
  genai_client *c = itest_mldev_client(NULL);
  genai_generate_content_response *r = NULL;
  if (genai_models_generate_content(c, MODEL, GENAI_TEXT("Hello over TLS"), NULL, &r) != GENAI_OK)
    fail_msg("generate_content: %s", genai_error_last()->message);
  assert_string_equal(genai_response_text(r), "Echo from " MODEL ": Hello over TLS");
  genai_generate_content_response_free(r);
  json_t *req = itest_last_request();
  assert_string_equal(json_string_value(json_object_get(req, "path")), "/v1beta/models/" MODEL ":generateContent");
  json_decref(req);
  genai_client_free(c);
}

static void stream_over_https(void **state) {
  (void)state;
  genai_client *c = itest_vertex_express_client(NULL);
  genai_stream *st = NULL;
  assert_int_equal(genai_models_generate_content_stream(c, MODEL, GENAI_TEXT("one two three four five six"), NULL, &st),
                   GENAI_OK);
  text_buf text = {0};
  text_add(&text, "");
  const genai_generate_content_response *chunk = NULL;
  genai_result rc;
  int chunks = 0;
  while ((rc = genai_stream_next(st, &chunk)) == GENAI_OK) {
    chunks++;
    if (genai_response_text(chunk)) text_add(&text, genai_response_text(chunk));
  }
  assert_int_equal(rc, GENAI_DONE);
  assert_true(chunks > 1);
  assert_string_equal(text.data, "Echo from " MODEL ": one two three four five six");
  free(text.data);
  genai_stream_free(st);
  genai_client_free(c);
}

/* The resumable upload goes on at the URL the emulator hands out, which
 * names https:// when it serves TLS. */
static void upload_over_https(void **state) {
  (void)state;
  char path[sizeof dir + 16];
  path_in_dir(path, sizeof path, "notes.txt");
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  for (int i = 0; i < 100; i++) fputs("0123456789", f);
  assert_int_equal(fclose(f), 0);
  genai_client *c = itest_mldev_client(NULL);
  genai_file *file = NULL;
  genai_result rc = genai_files_upload(c, path, NULL, NULL, &file);
  unlink(path);
  if (rc != GENAI_OK) fail_msg("upload: %s", genai_error_last()->message);
  assert_int_equal(*file->size_bytes, 1000);
  assert_int_equal(strncmp(file->uri, "https://127.0.0.1:", 18), 0);
  genai_file_free(file);
  genai_client_free(c);
  json_t *log = itest_requests();
  assert_int_equal(json_array_size(log), 2); /* start, then the bytes at the upload URL */
  json_decref(log);
}

/* ------------------------------------------------------------ Live, blocking */

static void live_blocking_gemini(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  blocking_turn(c, "Hello over wss");
  genai_client_free(c);
  /* the upgrade came over TLS with the usual headers */
  json_t *log = itest_requests();
  json_t *up = json_array_get(log, 0);
  assert_string_equal(json_string_value(json_object_get(up, "path")),
                      "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent");
  json_t *headers = json_object_get(up, "headers");
  assert_string_equal(json_string_value(json_object_get(headers, "x-goog-api-key")), ITEST_KEY);
  char host[64];
  snprintf(host, sizeof host, "127.0.0.1:%d", itest_emu.port);
  assert_string_equal(json_string_value(json_object_get(headers, "host")), host);
  json_decref(log);
}

static void live_blocking_vertex_express(void **state) {
  (void)state;
  genai_client *c = itest_vertex_express_client(NULL);
  blocking_turn(c, "Hello over wss");
  json_t *up = itest_requests();
  assert_string_equal(json_string_value(json_object_get(json_array_get(up, 0), "path")),
                      "/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent");
  json_decref(up);
  genai_client_free(c);
}

/* Answers far larger than a TLS record, and hundreds of small messages. */
static void live_blocking_large_messages(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  char *words = many_words(900);
  blocking_turn(c, words);
  free(words);
  char *word = one_long_word(200000);
  blocking_turn(c, word);
  free(word);
  genai_client_free(c);
}

/* ------------------------------------------------------------ Live on a genai_multi */

static void live_async_gemini(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  async_turn(c, "Hello over wss on a multi");
  genai_client_free(c);
}

static void live_async_vertex_express(void **state) {
  (void)state;
  genai_client *c = itest_vertex_express_client(NULL);
  async_turn(c, "Hello over wss on a multi");
  genai_client_free(c);
}

static void live_async_large_messages(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  char *words = many_words(900);
  async_turn(c, words);
  free(words);
  char *word = one_long_word(200000);
  async_turn(c, word);
  free(word);
  genai_client_free(c);
}

/* The same turns on an application's epoll loop: it sees only the socket
 * and the timer the multi asks for. Bytes that OpenSSL (or libwebsockets)
 * holds already read are never reported by epoll: if the library left
 * some there, the loop would sit idle until the session's once-a-second
 * tick, which would then deliver them. So a stall is an idle wait that
 * timed out (nothing arrived on the socket) followed by a timer action that
 * delivers messages. Unlike a bound on the turn's duration, this holds however slow
 * the machine (valgrind, sanitizers, a loaded emulator). */
static void live_async_application_loop(void **state) {
  (void)state;
  genai_client *c = itest_vertex_express_client(NULL);
  itest_epoll l;
  genai_multi_options o = itest_epoll_open(&l);
  genai_multi *m = NULL;
  assert_int_equal(genai_multi_new(c, &o, &m), GENAI_OK);
  const char *prompts[3] = {"Hello from an application's loop", NULL, NULL};
  char *words = many_words(900), *word = one_long_word(200000);
  prompts[1] = words;
  prompts[2] = word;
  for (int p = 0; p < 3; p++) {
    seen w;
    start_async(m, &w, prompts[p]);
    int running = 1;
    long long start = now_ms();
    while (running) {
      assert_true(now_ms() - start < 20000);
      int wait = l.timer_ms < 0 ? 1000 : (int)l.timer_ms;
      int had = w.messages, unfinished = !w.turns;
      if (itest_epoll_turn(&l, m, &running) == 0 && wait >= 500 && unfinished && w.messages > had)
        fail_msg("turn %d: messages already received waited %d ms for the timer", p, wait);
    }
    if (w.closes) fail_msg("on_close %d: %s", w.close_rc, w.close_message);
    assert_int_equal(w.turns, 1);
    char *want = echo_of(prompts[p]);
    assert_string_equal(w.text.data, want);
    free(want);
    free(w.text.data);
  }
  free(words);
  free(word);
  assert_int_equal(l.watched, 0); /* every descriptor was given back */
  genai_multi_free(m);
  itest_epoll_close(&l);
  genai_client_free(c);
}

/* An emulator stopped while a wss:// session is open (its session runs on
 * a thread of its own under TLS) exits cleanly and promptly; the session
 * sees the connection end. */
static void shutdown_with_open_session(void **state) {
  (void)state;
  emu_harness emu;
  const char *args[] = {"--api-key", ITEST_KEY, "--quiet", "--tls-cert", cert_pem, "--tls-key", key_pem, NULL};
  assert_int_equal(emu_start_tls(&emu, args, ca_pem, 1), 0);
  genai_client *c = client_at(emu.base_url, false);
  genai_live_session *s = NULL;
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, &text_config, &s), GENAI_OK);
  long long start = now_ms();
  assert_int_equal(emu_stop(&emu), 0);
  assert_true(now_ms() - start < 5000);
  const genai_live_server_message *m = NULL;
  genai_result rc = genai_live_receive(s, &m);
  assert_true(rc == GENAI_ETRANSPORT || rc == GENAI_DONE);
  genai_live_close(s);
  genai_client_free(c);
}

/* ------------------------------------------------------------ refused certificates */

/* The message says it is about the certificate, and why; no key in it. */
static void assert_refusal(const char *what, const char *message, const char *reason) {
  if (!strstr(message, "certificate") || !strstr(message, reason))
    fail_msg("%s: the message does not say the certificate was refused for '%s': %s", what, reason, message);
  assert_null(strstr(message, ITEST_KEY));
}

/* Every transport fails the same way against a certificate it must refuse:
 * REST, a blocking Live session, a Live session on a multi. The Live
 * messages also say "TLS" (libwebsockets' own is "connect SSL err 1"). */
static void all_refused(genai_client *c, const char *rest_reason, const char *live_reason) {
  genai_generate_content_response *r = NULL;
  assert_int_equal(genai_models_generate_content(c, MODEL, GENAI_TEXT("Hello"), NULL, &r), GENAI_ETRANSPORT);
  assert_null(r);
  assert_refusal("REST", genai_error_last()->message, rest_reason);

  genai_live_session *s = NULL;
  assert_int_equal(genai_live_connect(c, LIVE_MODEL, &text_config, &s), GENAI_ETRANSPORT);
  assert_null(s);
  assert_refusal("Live", genai_error_last()->message, live_reason);
  assert_non_null(strstr(genai_error_last()->message, "TLS"));

  seen w = async_failure(c);
  assert_int_equal(w.close_rc, GENAI_ETRANSPORT);
  assert_refusal("Live on a multi", w.close_message, live_reason);
  assert_non_null(strstr(w.close_message, "TLS"));
}

/* Without SSL_CERT_FILE the test CA is unknown: the system's CAs do not
 * vouch for the emulator's certificate. */
static void untrusted_certificate(void **state) {
  (void)state;
  unsetenv("SSL_CERT_FILE");
  genai_client *c = itest_mldev_client(NULL);
  all_refused(c, "unable to get local issuer certificate", "unable to get local issuer certificate");
  genai_client_free(c);
  c = itest_vertex_express_client(NULL);
  all_refused(c, "unable to get local issuer certificate", "unable to get local issuer certificate");
  genai_client_free(c);
  setenv("SSL_CERT_FILE", ca_pem, 1);
  /* nothing reached the emulator */
  assert_int_equal(itest_request_count(), 0);
}

/* A certificate from the trusted CA, for another host. */
static void certificate_for_another_host(void **state) {
  (void)state;
  genai_client *c = client_at(wrong_emu.base_url, false);
  all_refused(c, "target host name '127.0.0.1'", "IP address mismatch");
  genai_client_free(c);
  c = client_at(wrong_emu.base_url, true);
  all_refused(c, "target host name '127.0.0.1'", "IP address mismatch");
  genai_client_free(c);
  json_t *log = emu_requests(&wrong_emu);
  assert_int_equal(json_array_size(log), 0);
  json_decref(log);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(generate_content_over_https, itest_reset),
      cmocka_unit_test_setup(stream_over_https, itest_reset),
      cmocka_unit_test_setup(upload_over_https, itest_reset),
      cmocka_unit_test_setup(live_blocking_gemini, itest_reset),
      cmocka_unit_test_setup(live_blocking_vertex_express, itest_reset),
      cmocka_unit_test_setup(live_blocking_large_messages, itest_reset),
      cmocka_unit_test_setup(live_async_gemini, itest_reset),
      cmocka_unit_test_setup(live_async_vertex_express, itest_reset),
      cmocka_unit_test_setup(live_async_large_messages, itest_reset),
      cmocka_unit_test_setup(live_async_application_loop, itest_reset),
      cmocka_unit_test(shutdown_with_open_session),
      cmocka_unit_test_setup(untrusted_certificate, itest_reset),
      cmocka_unit_test_setup(certificate_for_another_host, itest_reset),
  };
  int failed = cmocka_run_group_tests(tests, group_setup, NULL);
  if (wrong_emu.pid && emu_stop(&wrong_emu) != 0) {
    fprintf(stderr, "the second emulator did not exit cleanly\n");
    failed++;
  }
  remove_certificates();
  return itest_finish(failed);
}
