/* The emulator as an OAuth 2.0 token endpoint and a metadata server, so that
 * Application Default Credentials can be tested with real signed JWTs:
 *
 *   POST /token   grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer
 *                 (the RS256 assertion is verified against a registered
 *                 public key: iss, aud = this endpoint's URL, scope, iat/exp
 *                 within 60 minutes and 5 minutes of clock skew), or
 *                 grant_type=refresh_token (client_id, client_secret and
 *                 refresh_token must be registered); answers
 *                 {"access_token", "expires_in", "token_type": "Bearer"}
 *                 or Google's {"error", "error_description"}.
 *   GET /computeMetadata/v1/instance/service-accounts/default/token
 *   GET /computeMetadata/v1/project/project-id
 *                 the GCE metadata server (Metadata-Flavor: Google required).
 *
 * Keys, refresh tokens, the token lifetime, the project, a clock skew and
 * failures of the token endpoint are set through POST /_emulator/oauth
 * (docs/emulator.md).
 * Issued tokens are remembered: with --require-oauth, Vertex AI requests
 * need one that has not expired. */
#ifndef EMU_OAUTH_H
#define EMU_OAUTH_H

#include <jansson.h>

#include "request.h"
#include "response.h"

typedef struct emu_oauth emu_oauth;

emu_oauth *emu_oauth_new(void);
void emu_oauth_free(emu_oauth *o);

/* Back to no keys, no refresh tokens, no issued tokens, the defaults. */
void emu_oauth_clear(emu_oauth *o);

/* Applies a POST /_emulator/oauth document; NULL, or a message for a 400
 * (static text). */
const char *emu_oauth_configure(emu_oauth *o, const json_t *doc);

/* True when `path` (decoded) is the token endpoint or the metadata server. */
int emu_oauth_owns(const char *path);

void emu_oauth_handle(emu_oauth *o, const emu_request *req, emu_response *out);

/* 1 when the token was issued here and has not expired. */
int emu_oauth_token_valid(emu_oauth *o, const char *token);

#endif
