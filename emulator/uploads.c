#include "uploads.h"

#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base64.h"
#include "store.h"

typedef struct session {
  char id[13];
  unsigned long long size, received;
  int final;
  EVP_MD_CTX *sha;
  json_t *file;
  struct session *next;
} session;

struct emu_uploads {
  pthread_mutex_t lock;
  session *head;
};

emu_uploads *emu_uploads_new(void) {
  emu_uploads *u = calloc(1, sizeof *u);
  if (u) pthread_mutex_init(&u->lock, NULL);
  return u;
}

static void session_free(session *s) {
  EVP_MD_CTX_free(s->sha);
  json_decref(s->file);
  free(s);
}

void emu_uploads_clear(emu_uploads *u) {
  pthread_mutex_lock(&u->lock);
  session *s = u->head;
  u->head = NULL;
  pthread_mutex_unlock(&u->lock);
  while (s) {
    session *next = s->next;
    session_free(s);
    s = next;
  }
}

void emu_uploads_free(emu_uploads *u) {
  if (!u) return;
  emu_uploads_clear(u);
  pthread_mutex_destroy(&u->lock);
  free(u);
}

int emu_uploads_start(emu_uploads *u, unsigned long long size, const json_t *file, char id[13]) {
  session *s = calloc(1, sizeof *s);
  if (!s) return -1;
  s->size = size;
  s->sha = EVP_MD_CTX_new();
  s->file = json_deep_copy(file);
  if (!s->sha || !s->file || EVP_DigestInit_ex(s->sha, EVP_sha256(), NULL) != 1) {
    session_free(s);
    return -1;
  }
  emu_store_new_id(s->id);
  memcpy(id, s->id, sizeof s->id);
  pthread_mutex_lock(&u->lock);
  s->next = u->head;
  u->head = s;
  pthread_mutex_unlock(&u->lock);
  return 0;
}

/* Called with the lock held. */
static session *find(emu_uploads *u, const char *id) {
  session *s = u->head;
  while (s && strcmp(s->id, id) != 0) s = s->next;
  return s;
}

/* A copy of the session for one request, taken under the lock: the File is
 * a private copy, since the session's own object changes (sha256Hash) and
 * jansson's reference counts and objects are not safe to share across
 * threads. file is NULL only when the copy could not be made. */
static emu_upload_view view_of(const session *s) {
  if (!s) return (emu_upload_view){EMU_UPLOAD_NONE, 0, 0, NULL};
  return (emu_upload_view){s->final ? EMU_UPLOAD_FINAL : EMU_UPLOAD_ACTIVE, s->size, s->received,
                           json_deep_copy(s->file)};
}

emu_upload_view emu_uploads_get(emu_uploads *u, const char *id) {
  pthread_mutex_lock(&u->lock);
  emu_upload_view v = view_of(find(u, id));
  pthread_mutex_unlock(&u->lock);
  return v;
}

int emu_uploads_append(emu_uploads *u, const char *id, unsigned long long offset, const char *data, size_t len,
                       emu_upload_view *view) {
  pthread_mutex_lock(&u->lock);
  session *s = find(u, id);
  int rc = 1;
  if (s && !s->final && offset == s->received && s->received + len <= s->size) {
    rc = EVP_DigestUpdate(s->sha, data, len) == 1 ? 0 : -1;
    if (rc == 0) s->received += len;
  }
  *view = view_of(s);
  pthread_mutex_unlock(&u->lock);
  return view->state != EMU_UPLOAD_NONE && !view->file ? -1 : rc;
}

/* base64 of the lower-case hex digest: what sha256Hash holds. */
static int digest_field(EVP_MD_CTX *sha, json_t *file) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (EVP_DigestFinal_ex(sha, md, &n) != 1) return -1;
  char hex[2 * EVP_MAX_MD_SIZE + 1];
  for (unsigned i = 0; i < n; i++) snprintf(hex + 2 * i, 3, "%02x", md[i]);
  char *b64 = emu_base64_encode(hex, 2 * n);
  int rc = b64 ? json_object_set_new(file, "sha256Hash", json_string(b64)) : -1;
  free(b64);
  return rc;
}

int emu_uploads_finalize(emu_uploads *u, const char *id, emu_upload_view *view) {
  pthread_mutex_lock(&u->lock);
  session *s = find(u, id);
  int rc = 1;
  if (s && !s->final && s->received == s->size) {
    rc = digest_field(s->sha, s->file);
    if (rc == 0) s->final = 1;
  }
  *view = view_of(s);
  pthread_mutex_unlock(&u->lock);
  return view->state != EMU_UPLOAD_NONE && !view->file ? -1 : rc;
}
