/* Pieces of a GenerateContentResponse, laid out the way each backend writes
 * them (key order, defaults left out); shared by generateContent and
 * streamGenerateContent. All return NULL when out of memory. */
#ifndef EMU_REPLY_JSON_H
#define EMU_REPLY_JSON_H

#include <stddef.h>

#include <jansson.h>

#include "api_path.h"
#include "router.h"

/* Room for a createTime value. */
#define EMU_CREATE_TIME_LEN 32

/* One candidate: {"content": {...}, "finishReason": ..., "index": i}.
 * content has parts [{"text": text}] and role "model" (mldev: parts first,
 * vertex: role first); an empty text gives a content with only the role.
 * `finish_reason` NULL leaves it out. mldev reports every index, vertex
 * leaves out index 0 (the proto3 default). */
json_t *emu_reply_candidate(emu_backend backend, const char *text, size_t len,
                            const char *finish_reason, int index);

/* The same with `parts` (borrowed, e.g. functionCall parts) as the
 * content's parts. */
json_t *emu_reply_candidate_parts(emu_backend backend, json_t *parts, const char *finish_reason,
                                  int index);

/* The full usageMetadata: prompt/candidates/total counts (zeros left out),
 * vertex's trafficType, and the TEXT modality details. */
json_t *emu_reply_usage(emu_backend backend, size_t prompt, size_t generated);

/* The usageMetadata of a stream event before the last: mldev repeats the
 * prompt count ({"promptTokenCount", "totalTokenCount", "promptTokensDetails"}),
 * vertex sends only {"trafficType": "ON_DEMAND"}. */
json_t *emu_reply_partial_usage(emu_backend backend, size_t prompt);

/* The current time as vertex writes createTime: RFC 3339 UTC with
 * microseconds, "2025-05-14T18:12:49.691266Z". */
void emu_reply_create_time(char out[EMU_CREATE_TIME_LEN]);

/* Adds modelVersion, createTime (vertex only; `create_time` from
 * emu_reply_create_time) and responseId (derived from the request body) to
 * `reply`. 0 or -1. */
int emu_reply_add_trailer(const emu_call *call, json_t *reply, const char *create_time);

#endif
