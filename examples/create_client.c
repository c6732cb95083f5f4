/*
 * create_client.c: "Create a client" and "API Selection".
 *
 * The C twins of these Python SDK snippets:
 *
 *     # Gemini Developer API
 *     client = genai.Client(api_key='GEMINI_API_KEY')
 *
 *     # Vertex AI
 *     client = genai.Client(
 *         vertexai=True, project='your-project-id', location='us-central1'
 *     )
 *
 *     # From environment variables (GOOGLE_API_KEY, or GOOGLE_GENAI_USE_VERTEXAI,
 *     # GOOGLE_CLOUD_PROJECT and GOOGLE_CLOUD_LOCATION)
 *     client = genai.Client()
 *
 *     # API version: stable v1 on Vertex AI, v1alpha on the Gemini Developer API
 *     client = genai.Client(
 *         vertexai=True, project='your-project-id', location='us-central1',
 *         http_options=types.HttpOptions(api_version='v1')
 *     )
 *     client = genai.Client(
 *         api_key='GEMINI_API_KEY',
 *         http_options=types.HttpOptions(api_version='v1alpha')
 *     )
 *
 * Creating a client never touches the network, so the program builds each of
 * these clients that the environment allows and prints what each resolved
 * to (backend, base URL, API version, project, location). Then it makes one
 * generate call with a client that can reach its backend:
 * - the Vertex AI project/location client when it has credentials: Application
 *   Default Credentials ($GOOGLE_APPLICATION_CREDENTIALS naming a service
 *   account key or gcloud's credentials file), or an access token in
 *   $GOOGLE_OAUTH_ACCESS_TOKEN handed over by a token provider;
 * - otherwise the client built from the environment alone.
 *
 * Instead of hard-coding secrets, the API key comes from $GEMINI_API_KEY (or
 * $GOOGLE_API_KEY), the project and location from $GOOGLE_CLOUD_PROJECT and
 * $GOOGLE_CLOUD_LOCATION, with the snippet's values as defaults.
 */
#include <stdio.h>
#include <stdlib.h>

#include <genai/genai.h>
#include <genai/sys/auth.h> /* genai_token_provider: the extension point for OAuth tokens */

/* The environment variable the token provider below reads. */
static char token_variable[] = "GOOGLE_OAUTH_ACCESS_TOKEN";

static void print_error(const char *what) {
  const genai_error *err = genai_error_last();
  fprintf(stderr, "%s failed: %s (%s", what, err->message, genai_result_name(err->code));
  if (err->http_status) fprintf(stderr, ", HTTP %d %s", err->http_status, err->status);
  fputs(")\n", stderr);
}

/* An environment variable, or `fallback` when it is unset or empty. */
static const char *env_or(const char *name, const char *fallback) {
  const char *value = getenv(name);
  return value && *value ? value : fallback;
}

/*
 * Vertex AI with a project and location authenticates with OAuth 2.0 bearer
 * tokens. As in the Python SDK, the library finds them through Application
 * Default Credentials (docs/auth.md): $GOOGLE_APPLICATION_CREDENTIALS, gcloud's
 * application_default_credentials.json, or the metadata server of Google
 * Cloud runtimes. An application with tokens of its own supplies them through
 * a genai_token_provider (genai/sys/auth.h) instead: a callback the library
 * calls when it needs a token. It caches the token (until shortly before the
 * expiry the provider reports) and calls the provider again after the service
 * rejects it.
 *
 * This provider reads the token from $GOOGLE_OAUTH_ACCESS_TOKEN, e.g. after
 *     export GOOGLE_OAUTH_ACCESS_TOKEN="$(gcloud auth print-access-token)"
 * Such a token lasts about an hour and is passed with an unknown expiry (0).
 */
static genai_result token_from_environment(void *user_data, genai_token_sink *sink) {
  const char *token = getenv((const char *)user_data);
  if (!token || !*token) {
    fprintf(stderr, "token provider: $%s is not set\n", (const char *)user_data);
    return GENAI_EAUTH; /* the call that needed the token fails with GENAI_EAUTH */
  }
  return genai_token_sink_set(sink, token, 0); /* the library copies the token */
}

/* Prints what a client resolved to, through the genai_client_* getters. */
static void describe(const char *title, const genai_client *client) {
  const char *project = genai_client_project(client), *location = genai_client_location(client);
  printf("%s\n", title);
  printf("  backend:     %s\n", genai_client_vertexai(client) ? "Vertex AI" : "Gemini Developer API");
  printf("  base URL:    %s\n", genai_client_base_url(client));
  printf("  API version: %s\n", genai_client_api_version(client));
  if (genai_client_vertexai(client)) {
    printf("  project:     %s\n", project ? project : "(none)");
    printf("  location:    %s\n", location ? location : "(none)");
  }
}

/* Builds a client and describes it; returns NULL (after saying why) when the
 * options are not enough, which is not an error for this demonstration. */
static genai_client *build(const char *title, const genai_client_options *options) {
  genai_client *client = NULL;
  if (genai_client_new(options, &client) != GENAI_OK) {
    printf("%s\n  not created: %s\n", title, genai_error_last()->message);
    genai_error_clear(); /* handled: release the error details now */
    return NULL;
  }
  describe(title, client);
  return client;
}

int main(void) {
  int status = EXIT_FAILURE;
  genai_client *gemini = NULL, *gemini_v1alpha = NULL, *vertex = NULL, *vertex_v1 = NULL, *from_env = NULL;
  genai_generate_content_response *response = NULL;

  /* ---- Gemini Developer API: genai.Client(api_key=...) -------------------
   * vertexai is an optional bool, so it is a pointer: &no says "not Vertex
   * AI" even when $GOOGLE_GENAI_USE_VERTEXAI says otherwise (NULL would
   * leave the choice to the environment). */
  const bool no = false, yes = true;
  const char *api_key = env_or("GEMINI_API_KEY", env_or("GOOGLE_API_KEY", NULL));
  if (api_key) {
    genai_client_options options = {GENAI_INIT(genai_client_options), .api_key = api_key, .vertexai = &no};
    gemini = build("genai.Client(api_key=...)", &options);

    /* http_options=types.HttpOptions(api_version='v1alpha') */
    genai_http_options v1alpha = {GENAI_INIT(genai_http_options), .api_version = "v1alpha"};
    options.http_options = &v1alpha;
    gemini_v1alpha = build("genai.Client(api_key=..., http_options={'api_version': 'v1alpha'})", &options);
  } else {
    printf("genai.Client(api_key=...)\n  skipped: set GEMINI_API_KEY\n");
  }

  /* ---- Vertex AI: genai.Client(vertexai=True, project=..., location=...) -- */
  genai_token_provider tokens = {GENAI_INIT(genai_token_provider), .get_token = token_from_environment,
                                 .user_data = token_variable};
  bool have_token = env_or(token_variable, NULL) != NULL;
  genai_client_options vertex_options = {
      GENAI_INIT(genai_client_options),
      .vertexai = &yes,
      .project = env_or("GOOGLE_CLOUD_PROJECT", "your-project-id"),
      .location = env_or("GOOGLE_CLOUD_LOCATION", "us-central1"),
      .token_provider = have_token ? &tokens : NULL, /* NULL: Application Default Credentials */
  };
  vertex = build("genai.Client(vertexai=True, project=..., location=...)", &vertex_options);

  /* http_options=types.HttpOptions(api_version='v1'): the stable API. */
  genai_http_options v1 = {GENAI_INIT(genai_http_options), .api_version = "v1"};
  vertex_options.http_options = &v1;
  vertex_v1 = build("genai.Client(vertexai=True, ..., http_options={'api_version': 'v1'})", &vertex_options);

  /* ---- From the environment: genai.Client() -------------------------------
   * NULL options would do; the token provider is added when a token is at
   * hand. */
  genai_client_options env_options = {GENAI_INIT(genai_client_options)};
  if (have_token) env_options.token_provider = &tokens;
  from_env = build("genai.Client()", &env_options);

  /* ---- One call, on a backend we can reach -------------------------------- */
  bool vertex_credentials = have_token || env_or("GOOGLE_APPLICATION_CREDENTIALS", NULL);
  genai_client *client = vertex_credentials && vertex ? vertex : from_env;
  if (!client) {
    fprintf(stderr, "\nNo client can make a call. Set GEMINI_API_KEY (Gemini Developer API), or\n"
                    "GOOGLE_GENAI_USE_VERTEXAI=true with GOOGLE_API_KEY (Vertex AI express mode), or\n"
                    "GOOGLE_APPLICATION_CREDENTIALS or %s (Vertex AI with a project and location).\n",
            token_variable);
    goto done;
  }
  printf("\nCalling gemini-2.0-flash-001 on %s at %s\n",
         genai_client_vertexai(client) ? "Vertex AI" : "the Gemini Developer API", genai_client_base_url(client));
  if (genai_models_generate_content(client, "gemini-2.0-flash-001", GENAI_TEXT("Why is the sky blue?"), NULL,
                                    &response) != GENAI_OK) {
    print_error("generate_content");
    goto done;
  }
  const char *text = genai_response_text(response);
  printf("%s\n", text ? text : "(no text)");
  status = EXIT_SUCCESS;

done:
  genai_generate_content_response_free(response);
  genai_client_free(from_env);
  genai_client_free(vertex_v1);
  genai_client_free(vertex);
  genai_client_free(gemini_v1alpha);
  genai_client_free(gemini);
  return status;
}
