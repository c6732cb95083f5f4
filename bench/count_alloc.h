/* A counting allocator for the benchmarks: installed with
 * genai_global_init(), it sees every allocation of genai-c, libcurl and
 * jansson, and keeps the live and peak byte counts. */
#ifndef GENAI_BENCH_COUNT_ALLOC_H
#define GENAI_BENCH_COUNT_ALLOC_H

#include <stddef.h>

/* Installs it (before anything else allocates); 0 or -1. */
int count_alloc_install(void);
/* Bytes allocated now. */
size_t count_alloc_live(void);
/* The peak since the last reset, which starts it at the live count. */
size_t count_alloc_peak(void);
void count_alloc_reset_peak(void);

#endif
