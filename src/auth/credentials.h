/* Application Default Credentials, natively (the chain of google-auth's
 * google.auth.default()): a service account's key (JWT-bearer grant), an
 * authorized user's refresh token, or the metadata server of Google Cloud
 * runtimes. Each kind obtains access tokens for the cloud-platform scope;
 * the client's token cache (auth/token.h) decides when. */
#ifndef GENAI_AUTH_CREDENTIALS_H
#define GENAI_AUTH_CREDENTIALS_H

#include <stdbool.h>
#include <stdint.h>

#include <genai/errors.h>
#include <genai/client.h>
#include <genai/sys/auth.h>

typedef struct genai__credentials genai__credentials;

#define GENAI__CLOUD_PLATFORM_SCOPE "https://www.googleapis.com/auth/cloud-platform"

/* Credentials from the JSON of a credentials file; `source` names where it
 * came from, for messages ("the file sa.json"). GENAI_EAUTH with
 * google-auth's wording for a bad type or missing fields. */
genai_result genai__credentials_parse(const char *json, const char *source, genai__credentials **out);

/* The first credentials file of the chain: $GOOGLE_APPLICATION_CREDENTIALS
 * (an error if it names a file that cannot be read), then gcloud's
 * application_default_credentials.json ($CLOUDSDK_CONFIG, else
 * ~/.config/gcloud). *out is NULL when there is neither. No network. */
genai_result genai__credentials_from_files(genai__credentials **out);

/* The metadata server's credentials ($GCE_METADATA_HOST, else
 * 169.254.169.254). Nothing is contacted until a token or the project is asked for. */
genai_result genai__credentials_metadata(genai__credentials **out);

/* The project the credentials name (service account project_id, or the
 * metadata server's project, asked for with a short timeout), or NULL. *out
 * is freed with genai__free. */
genai_result genai__credentials_project(genai__credentials *c, char **out);

/* The project to bill (quota_project_id), or NULL. Borrowed. */
const char *genai__credentials_quota_project(const genai__credentials *c);

/* A new access token (free with genai__free_secret) and when it expires
 * (Unix ms, 0 when unknown). GENAI_EAUTH when the token endpoint or the
 * metadata server refuses, GENAI_ETRANSPORT/GENAI_ETIMEOUT when it cannot
 * be reached; messages never carry a secret. */
genai_result genai__credentials_token(genai__credentials *c, char **token, int64_t *expires_at_unix_ms);

/* The credentials as a token provider (user_data is c, which must outlive it). */
genai_token_provider genai__credentials_provider(genai__credentials *c);

/* Wipes the secrets and frees. NULL is a no-op. */
void genai__credentials_free(genai__credentials *c);

#endif
