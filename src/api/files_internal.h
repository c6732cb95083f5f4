/* What files.c, files_upload.c and download.c share. */
#ifndef GENAI_API_FILES_INTERNAL_H
#define GENAI_API_FILES_INTERNAL_H

#include <genai/client.h>

/* GENAI_EINVAL with the Python SDK's message on Vertex AI, which has no
 * files service. */
genai_result genai__files_check_backend(const genai_client *client);

#endif
