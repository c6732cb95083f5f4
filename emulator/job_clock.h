/* The lifecycle of the emulator's jobs (batch jobs, tuning jobs, tuned
 * models): a job is PENDING in the answer that creates it; any later read
 * shows it RUNNING until --lro-delay-ms have passed since its creation, then
 * SUCCEEDED; a cancelled job is CANCELLED from then on. So with the default
 * delay of 0 the first read after creation sees the job done. The state is
 * computed from the clock when read, so the answer does not depend on how
 * often a client polls.
 *
 * What a job needs to know about itself and the service would not show (its
 * creation time in milliseconds, whether it was cancelled, results computed
 * at creation) lives beside it in the store under "_emu/" + its name, which
 * no list of a collection reaches. */
#ifndef EMU_JOB_CLOCK_H
#define EMU_JOB_CLOCK_H

#include <jansson.h>

#include "router.h"

typedef enum emu_job_phase {
  EMU_JOB_RUNNING,
  EMU_JOB_SUCCEEDED,
  EMU_JOB_CANCELLED
} emu_job_phase;

/* Records a new job `name` created now, with `extra` members (may be NULL;
 * borrowed) kept for it. 0, or -1 when out of memory. */
int emu_job_begin(const emu_call *call, const char *name, const json_t *extra);

/* The job's bookkeeping (caller json_decref()s), or NULL when there is none. */
json_t *emu_job_book(const emu_call *call, const char *name);

/* Where the job is now. */
emu_job_phase emu_job_phase_of(const emu_call *call, const json_t *book);

/* The time it ended (creation + delay, or the cancel time) in ms since the epoch. */
long long emu_job_end_ms(const emu_call *call, const json_t *book);

/* Sets `key` of the job's bookkeeping to `value` (consumed). 0, or -1. */
int emu_job_note(const emu_call *call, const char *name, const char *key, json_t *value);

/* Marks the job cancelled now. 0, or -1 when out of memory. */
int emu_job_cancel(const emu_call *call, const char *name);

/* Forgets the job's bookkeeping (its resource was deleted). */
void emu_job_forget(const emu_call *call, const char *name);

/* A decimal id of 19 digits, as Vertex AI names jobs and models. */
void emu_job_numeric_id(char out[20]);

#endif
