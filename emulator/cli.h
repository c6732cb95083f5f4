/* Command-line interface of genai-emulator. */
#ifndef EMU_CLI_H
#define EMU_CLI_H

#include <stddef.h>

typedef struct emu_config {
  const char *host;      /* numeric address or host name to bind; borrowed from argv */
  unsigned port;         /* 0 = pick a free ephemeral port */
  const char *port_file; /* also write the bound port here, or NULL */
  const char **api_keys; /* accepted API keys; none = any non-empty key */
  size_t api_key_count;
  const char **bearer_tokens; /* accepted bearer tokens; none = any non-empty token */
  size_t bearer_token_count;
  unsigned stream_delay_ms; /* pause between the events of a deterministic stream */
  unsigned max_connections; /* connections served at once; 0 = 1024 */
  unsigned lro_delay_ms;    /* long-running operations and jobs finish this long after they start */
  unsigned file_processing_ms; /* uploaded files stay PROCESSING this long */
  int quiet;
  int require_oauth; /* Vertex AI requests need a token issued by the emulator's token endpoint */
  const char *tls_cert; /* PEM certificate (chain) to serve HTTPS with, or NULL; borrowed */
  const char *tls_key;  /* PEM private key of tls_cert, or NULL; borrowed */
} emu_config;

typedef enum emu_cli_result {
  EMU_CLI_RUN = 0,   /* configuration is complete: start the server */
  EMU_CLI_EXIT_OK,   /* --help or --version was handled */
  EMU_CLI_EXIT_USAGE /* bad arguments; a message went to stderr */
} emu_cli_result;

/* Parses argv into *out (strings borrowed from argv, lists owned by *out). */
emu_cli_result emu_cli_parse(int argc, char **argv, emu_config *out);

void emu_config_dispose(emu_config *cfg);

#endif
