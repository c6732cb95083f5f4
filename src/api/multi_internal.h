/* What operations tell their genai_multi. */
#ifndef GENAI_API_MULTI_INTERNAL_H
#define GENAI_API_MULTI_INTERNAL_H

#include <genai/multi.h>

#include "http/driver.h"

genai__driver *genai__multi_driver(genai_multi *m);
genai_client *genai__multi_client(genai_multi *m);
/* A started operation joins the multi's list; it leaves when freed. */
void genai__multi_op_added(genai_multi *m, genai_op *op);
void genai__multi_op_ended(genai_multi *m, genai_op *op);
void genai__multi_op_removed(genai_multi *m, genai_op *op);

/* Something else the multi runs (a Live API session): counted in
 * `running` from member_add until member_ended (or member_remove), and told
 * by detach(data) when the multi is freed first. Embedded in its owner. */
typedef struct genai__multi_member {
  struct genai__multi_member *prev, *next;
  bool linked, running;
  void (*detach)(void *data);
  void *data;
} genai__multi_member;

void genai__multi_member_add(genai_multi *m, genai__multi_member *mm, void (*detach)(void *), void *data);
void genai__multi_member_ended(genai_multi *m, genai__multi_member *mm);
void genai__multi_member_remove(genai_multi *m, genai__multi_member *mm);

/* The checks every _async function starts with: out cleared, multi and
 * callbacks.on_done given; *cb gets this library's copy of the callbacks. */
genai_result genai__async_begin(genai_multi *multi, const genai_op_callbacks *callbacks, genai_op **out,
                                genai_op_callbacks *cb);

#endif
