/* Runs the genai command-line tool as a user runs it: configured only
 * through the environment, for the emulator of the test group. */
#ifndef GENAI_TESTS_ITEST_CLI_H
#define GENAI_TESTS_ITEST_CLI_H

#include <stdbool.h>

typedef struct itest_cli_result {
  int status; /* exit status, or -1 */
  char out[65536];
  char err[16384];
} itest_cli_result;

/* Runs `cli` with args (NULL-terminated, at most 22) and `input` on stdin
 * (NULL: none) against the emulator's Gemini API, or Vertex AI express mode
 * when `vertex`. stdout and stderr are read together, so that neither
 * blocks the tool; stderr is printed when the exit status is not 0. */
void itest_cli_run(const char *cli, bool vertex, const char *input, const char *const *args, itest_cli_result *r);

#endif
