#include <genai/client.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <genai/sys/auth.h>

#include "api/client_internal.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/log.h"
#include "core/structsize.h"
#include "wire/codec.h"
#include "wire/json_read.h"
#include "wire/types_gen.h"

#define DEFAULT_CONNECT_TIMEOUT_MS 30000
#define DEFAULT_IDLE_TIMEOUT_MS 600000
#define DEFAULT_MAX_RESPONSE_BYTES ((size_t)1 << 30)

const char *genai_version(void) { return GENAI_VERSION_STRING; }
int genai_version_num(void) { return GENAI_VERSION_NUM; }

/* An environment variable, or NULL when unset, empty or environment use is off. */
static const char *env_get(const genai_client_options *o, const char *name) {
  if (o->no_env) return NULL;
  const char *v = getenv(name);
  return v && *v ? v : NULL;
}

/* -1 unset, else 0/1: set-but-empty counts as false, as in the Python SDK. */
static int env_bool(const genai_client_options *o, const char *name) {
  if (o->no_env) return -1;
  const char *v = getenv(name);
  if (!v) return -1;
  return !strcasecmp(v, "true") || !strcmp(v, "1");
}

static const char *nonempty(const char *s) { return s && *s ? s : NULL; }

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && !strcmp(s + n - m, suffix);
}

static genai_result set_str(char **dst, const char *src) {
  genai__free(*dst);
  *dst = NULL;
  if (!src) return GENAI_OK;
  *dst = genai__strdup(src);
  return *dst ? GENAI_OK : genai__err(GENAI_ENOMEM, "out of memory");
}

/* The API key without surrounding whitespace (the Python SDK strips it). */
static char *strip_dup(const char *s) {
  while (isspace((unsigned char)*s)) s++;
  size_t n = strlen(s);
  while (n && isspace((unsigned char)s[n - 1])) n--;
  return genai__strndup(s, n);
}

typedef struct resolved {
  bool vertexai;
  const char *api_key, *project, *location, *base_url;
  bool custom_base_url;
  genai__credentials *credentials; /* owned until the client takes them */
  char *credentials_project;       /* the project the credentials name, when none was given */
} resolved;

static void resolved_clear(resolved *r) {
  genai__credentials_free(r->credentials);
  genai__free(r->credentials_project);
}

/* Application Default Credentials (google.auth.default()): the credentials
 * of options.credentials_json, else the first credentials file of the chain,
 * else the metadata server. Files are read now; the network is used only
 * for the project when none was given (as the Python SDK calls
 * google.auth.default() in its constructor then). */
static genai_result load_default_credentials(const genai_client_options *o, resolved *r) {
  genai_result rc = o->credentials_json
                        ? genai__credentials_parse(o->credentials_json, "options.credentials_json", &r->credentials)
                        : genai__credentials_from_files(&r->credentials);
  if (rc == GENAI_OK && !r->credentials) rc = genai__credentials_metadata(&r->credentials);
  if (rc == GENAI_OK && !r->project) rc = genai__credentials_project(r->credentials, &r->credentials_project);
  if (rc == GENAI_OK && !r->project) r->project = r->credentials_project;
  return rc;
}

static bool resolve_vertexai(const genai_client_options *o) {
  if (o->vertexai) return *o->vertexai;
  int enterprise = env_bool(o, "GOOGLE_GENAI_USE_ENTERPRISE"), vertex = env_bool(o, "GOOGLE_GENAI_USE_VERTEXAI");
  if (enterprise >= 0 && vertex >= 0 && enterprise != vertex)
    genai__log(GENAI_LOG_WARN, "GOOGLE_GENAI_USE_ENTERPRISE and GOOGLE_GENAI_USE_VERTEXAI conflict; using "
                               "GOOGLE_GENAI_USE_ENTERPRISE");
  if (enterprise >= 0) return enterprise;
  return vertex > 0;
}

static const char *env_api_key(const genai_client_options *o) {
  const char *google = env_get(o, "GOOGLE_API_KEY"), *gemini = env_get(o, "GEMINI_API_KEY");
  if (google && gemini) genai__log(GENAI_LOG_WARN, "Both GOOGLE_API_KEY and GEMINI_API_KEY are set. Using GOOGLE_API_KEY.");
  return google ? google : gemini;
}

/* The Python SDK's BaseApiClient.__init__ rules, without the network. */
static genai_result resolve(const genai_client_options *o, const genai_http_options *http, resolved *r) {
  r->vertexai = resolve_vertexai(o);
  const char *api_key = nonempty(o->api_key), *project = nonempty(o->project), *location = nonempty(o->location);
  if ((project || location) && !r->vertexai)
    return genai__err(GENAI_EINVAL, "Gemini API does not support project/location.");
  if ((o->token_provider || o->credentials_json) && api_key)
    return genai__err(GENAI_EINVAL, "Credentials and API key are mutually exclusive in the client initializer.");
  if (o->token_provider && o->credentials_json)
    return genai__err(GENAI_EINVAL, "options.token_provider and options.credentials_json are mutually exclusive");
  if (o->credentials_json && !r->vertexai)
    return genai__err(GENAI_EINVAL, "options.credentials_json: credentials are only used with Vertex AI");
  const char *base_url = http ? nonempty(http->base_url) : NULL;
  if (!base_url) base_url = env_get(o, r->vertexai ? "GOOGLE_VERTEX_BASE_URL" : "GOOGLE_GEMINI_BASE_URL");
  if (http && http->base_url_resource_scope && !base_url)
    return genai__err(GENAI_EINVAL, "base_url must be set when base_url_resource_scope is set.");
  const char *env_project = env_get(o, "GOOGLE_CLOUD_PROJECT"), *env_location = env_get(o, "GOOGLE_CLOUD_LOCATION");
  const char *env_key = env_api_key(o);
  r->project = project ? project : env_project;
  r->location = location ? location : env_location;
  r->api_key = api_key ? api_key : env_key;
  r->base_url = base_url;
  r->custom_base_url = base_url != NULL;
  if (!r->vertexai) {
    if (!r->api_key)
      return genai__err(GENAI_EINVAL, "No API key was provided. Please pass a valid API key. Learn how to create an "
                                      "API key at https://ai.google.dev/gemini-api/docs/api-key.");
    return GENAI_OK;
  }
  if ((o->token_provider || o->credentials_json) && env_key) {
    r->api_key = NULL; /* explicit credentials beat an environment key */
  } else if (api_key && !project && !location && (env_project || env_location)) {
    r->project = r->location = NULL; /* an explicit key beats environment project/location */
  } else if ((project || location) && !api_key && env_key) {
    r->api_key = NULL; /* explicit project/location beat an environment key */
  } else if (!project && !location && !api_key && (env_project || env_location) && env_key) {
    r->api_key = NULL; /* environment project/location beat an environment key */
  }
  bool oauth = !r->api_key && !o->token_provider && (!o->no_env || o->credentials_json);
  if (oauth && (!base_url || ends_with(base_url, ".googleapis.com") || r->project || o->credentials_json)) {
    genai_result rc = load_default_credentials(o, r);
    if (rc != GENAI_OK) return rc;
  }
  if (!r->location && !r->api_key && (!base_url || ends_with(base_url, ".googleapis.com"))) r->location = "global";
  bool sufficient = (r->project && r->location) || r->api_key;
  if (!sufficient && !base_url)
    return genai__err(GENAI_EINVAL, "Project or API key must be set when using the Vertex AI API.");
  return GENAI_OK;
}

/* The default base URL of a Vertex AI location (reference/python-genai.md §2.2). */
static genai_result vertex_base_url(genai_client *c, const resolved *r, const genai_client_options *o) {
  genai__buf b = {0};
  genai_result rc;
  bool explicit_auth = (nonempty(o->project) && nonempty(o->location)) || nonempty(o->api_key);
  if (r->base_url && !ends_with(r->base_url, ".googleapis.com") && !explicit_auth) {
    /* An API gateway: the URL is used as given and auth travels in custom headers. */
    rc = genai__buf_puts(&b, r->base_url);
    genai__free(c->project);
    genai__free(c->location);
    c->project = c->location = NULL;
  } else if (r->base_url) {
    rc = genai__buf_puts(&b, r->base_url);
  } else if ((r->api_key && !r->location) || (r->location && !strcmp(r->location, "global"))) {
    rc = genai__buf_puts(&b, "https://aiplatform.googleapis.com/");
  } else if (!strcmp(r->location, "us") || !strcmp(r->location, "eu")) {
    rc = genai__buf_printf(&b, "https://aiplatform.%s.rep.googleapis.com/", r->location);
  } else {
    rc = genai__buf_printf(&b, "https://%s-aiplatform.googleapis.com/", r->location);
  }
  if (rc != GENAI_OK) {
    genai__buf_free(&b);
    return genai__err(GENAI_ENOMEM, "out of memory");
  }
  c->base_url = genai__buf_take(&b);
  return c->base_url ? GENAI_OK : genai__err(GENAI_ENOMEM, "out of memory");
}

static genai_result apply_http_options(genai_client *c, const genai_http_options *http) {
  genai_result rc = GENAI_OK;
  if (http && http->api_version && (rc = set_str(&c->api_version, http->api_version)) != GENAI_OK) return rc;
  for (size_t i = 0; http && http->headers && i < http->headers_count; i++) {
    const genai_string_entry *e = &http->headers[i];
    if (!e->key || !e->value) return genai__err(GENAI_EINVAL, "options.http_options.headers[%zu] has a NULL key or value", i);
    if ((rc = genai__headers_set(&c->headers, e->key, e->value)) != GENAI_OK) return rc;
  }
  c->settings.connect_timeout_ms = DEFAULT_CONNECT_TIMEOUT_MS;
  c->settings.idle_timeout_ms = DEFAULT_IDLE_TIMEOUT_MS;
  c->settings.max_response_bytes = DEFAULT_MAX_RESPONSE_BYTES;
  if (http && http->timeout_ms) c->settings.timeout_ms = *http->timeout_ms > 0 ? *http->timeout_ms : 0;
  if (http && http->connect_timeout_ms && *http->connect_timeout_ms > 0)
    c->settings.connect_timeout_ms = *http->connect_timeout_ms;
  if (http && http->idle_timeout_ms) c->settings.idle_timeout_ms = *http->idle_timeout_ms;
  genai__retry_policy_init(&c->retry, http ? http->retry_options : NULL);
  if (http && http->extra_body_json) {
    json_error_t jerr;
    bool no_mem;
    json_t *extra = genai__json_loads(http->extra_body_json, 0, &jerr, &no_mem);
    bool object = json_is_object(extra);
    json_decref(extra);
    if (no_mem) return genai__err(GENAI_ENOMEM, "out of memory");
    if (!object) return genai__err(GENAI_EINVAL, "options.http_options.extra_body is not a JSON object");
    if ((rc = set_str(&c->extra_body_json, http->extra_body_json)) != GENAI_OK) return rc;
  }
  c->collection_scope = http && http->base_url_resource_scope == GENAI_RESOURCE_SCOPE_COLLECTION;
  return GENAI_OK;
}

/* Copies the caller's http_options (any struct version) and validates the nested retry options. */
static genai_result copy_http_options(const genai_http_options *in, genai_http_options *out,
                                      genai_http_retry_options *retry) {
  genai_result rc = genai__struct_copy(in, sizeof(*out), "options.http_options", "genai_http_options", out);
  if (rc == GENAI_OK && out->retry_options) {
    rc = genai__struct_copy(out->retry_options, sizeof(*retry), "options.http_options.retry_options",
                            "genai_http_retry_options", retry);
    out->retry_options = retry;
  }
  return rc;
}

genai_result genai_client_new(const genai_client_options *options, genai_client **out) {
  if (!out) return genai__err(GENAI_EINVAL, "out is NULL");
  *out = NULL;
  genai_client_options o = {0};
  genai_http_options http_copy;
  genai_http_retry_options retry_copy;
  const genai_http_options *http = NULL;
  genai_result rc = genai__global_ensure();
  if (rc == GENAI_OK && options)
    rc = genai__struct_copy(options, sizeof(o), "options", "genai_client_options", &o);
  if (rc == GENAI_OK && o.http_options && (rc = copy_http_options(o.http_options, &http_copy, &retry_copy)) == GENAI_OK)
    http = &http_copy;
  if (rc == GENAI_OK && o.token_provider && (o.token_provider->struct_size == 0 || !o.token_provider->get_token))
    rc = genai__err(GENAI_EINVAL, "options.token_provider needs struct_size and get_token");
  resolved r = {0};
  if (rc == GENAI_OK) rc = resolve(&o, http, &r);
  genai_client *c = rc == GENAI_OK ? genai__calloc(1, sizeof(*c)) : NULL;
  if (rc == GENAI_OK && !c) rc = genai__err(GENAI_ENOMEM, "out of memory");
  if (rc != GENAI_OK) {
    resolved_clear(&r);
    return rc;
  }
  c->vertexai = r.vertexai;
  c->custom_base_url = r.custom_base_url;
  if (r.api_key && !(c->api_key = strip_dup(r.api_key))) rc = genai__err(GENAI_ENOMEM, "out of memory");
  if (rc == GENAI_OK && r.vertexai) rc = set_str(&c->project, r.project);
  if (rc == GENAI_OK && r.vertexai) rc = set_str(&c->location, r.location);
  if (rc == GENAI_OK)
    rc = r.vertexai ? vertex_base_url(c, &r, &o)
                    : set_str(&c->base_url, r.base_url ? r.base_url : "https://generativelanguage.googleapis.com/");
  if (rc == GENAI_OK) rc = set_str(&c->api_version, r.vertexai ? GENAI_API_VERSION_VERTEX : GENAI_API_VERSION_GEMINI);
  if (rc == GENAI_OK) rc = genai__headers_set(&c->headers, "Content-Type", "application/json");
  if (rc == GENAI_OK && c->api_key) rc = genai__headers_set(&c->headers, "x-goog-api-key", c->api_key);
  if (rc == GENAI_OK) rc = apply_http_options(c, http);
  if (rc == GENAI_OK && o.token_provider) rc = genai__token_cache_new(o.token_provider, &c->tokens);
  if (rc == GENAI_OK && r.credentials && c->project) {
    /* the client keeps them: the token cache calls them through a provider */
    c->credentials = r.credentials;
    r.credentials = NULL;
    genai_token_provider adc = genai__credentials_provider(c->credentials);
    rc = genai__token_cache_new(&adc, &c->tokens);
    const char *quota = genai__credentials_quota_project(c->credentials);
    if (rc == GENAI_OK && quota) rc = genai__headers_set(&c->headers, "x-goog-user-project", quota);
  }
  resolved_clear(&r);
  if (rc == GENAI_OK) rc = genai__http_new(&c->http);
  if (rc != GENAI_OK) {
    genai_client_free(c);
    return rc;
  }
  genai__log(GENAI_LOG_INFO, "client: %s, base URL %s, API version %s%s%s", c->vertexai ? "Vertex AI" : "Gemini API",
             c->base_url, c->api_version ? c->api_version : "(none)", c->project ? ", project " : "",
             c->project ? c->project : "");
  *out = c;
  return GENAI_OK;
}

void genai_client_free(genai_client *c) {
  if (!c) return;
  genai__http_free(c->http);
  genai__token_cache_free(c->tokens);
  genai__credentials_free(c->credentials);
  genai__headers_clear(&c->headers);
  genai__free_secret(c->api_key);
  genai__free(c->project);
  genai__free(c->location);
  genai__free(c->base_url);
  genai__free(c->api_version);
  genai__free(c->extra_body_json);
  genai__free(c);
}

bool genai_client_vertexai(const genai_client *c) { return c && c->vertexai; }
const char *genai_client_project(const genai_client *c) { return c ? c->project : NULL; }
const char *genai_client_location(const genai_client *c) { return c ? c->location : NULL; }
const char *genai_client_base_url(const genai_client *c) { return c ? c->base_url : NULL; }
const char *genai_client_api_version(const genai_client *c) { return c ? c->api_version : NULL; }
