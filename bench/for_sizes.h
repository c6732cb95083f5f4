/* The main of a benchmark that runs once per size N: `bench BASE_URL? [N...]`. */
#ifndef GENAI_BENCH_FOR_SIZES_H
#define GENAI_BENCH_FOR_SIZES_H

/* Raises the descriptor limit to its maximum, takes BASE_URL (or starts an
 * emulator of its own) and the sizes (or `defaults`, 0-terminated), and
 * calls run for each until one fails. The exit status: 0 or 1. */
int bench_for_sizes(int argc, char **argv, const long *defaults, int (*run)(const char *base_url, long n));

#endif
