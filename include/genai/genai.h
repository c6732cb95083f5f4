/**
 * @file genai.h
 * genai-c: the Google Gen AI SDK for C. Include this one header.
 *
 * The API mirrors the Python `google-genai` SDK: `genai.Client` is
 * genai_client, `client.models.generate_content` is
 * genai_models_generate_content, `types.X` is genai_x. See common.h for the
 * ownership rules and errors.h for error handling.
 */
#ifndef GENAI_GENAI_H
#define GENAI_GENAI_H

#include <genai/common.h>
#include <genai/errors.h>
#include <genai/types.h>
#include <genai/helpers.h>
#include <genai/images.h>
#include <genai/videos.h>
#include <genai/operations.h>
#include <genai/functions.h>
#include <genai/client.h>
#include <genai/stream.h>
#include <genai/models.h>
#include <genai/chats.h>
#include <genai/multi.h>
#include <genai/pager.h>
#include <genai/caches.h>
#include <genai/files.h>
#include <genai/batches.h>
#include <genai/tunings.h>
#include <genai/live.h>

#endif /* GENAI_GENAI_H */
