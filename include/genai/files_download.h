/**
 * @file files_download.h
 * `client.files.download`: the bytes of a generated file (a Veo video) from
 * the Gemini Developer API, streamed as they arrive (memory stays flat).
 *
 * GET `files/{id}:download?alt=media`, sent once: as in the Python SDK a
 * download is never retried. A non-2xx answer is GENAI_EAPI with the
 * service's error. Vertex AI clients get GENAI_EINVAL ("This method is only
 * supported in the Gemini Developer client.") before any request; Vertex AI
 * videos come with their bytes or in Cloud Storage.
 *
 * A file is named as Python's t_file_name accepts it: "files/abc", "abc", or
 * a download URI ("https://generativelanguage.googleapis.com/v1beta/files/abc:download?alt=media"),
 * whose id is the leading run of lower-case letters and digits after "files/".
 *
 * Thread safety: any thread, shared client. The write callback runs on the
 * calling thread.
 */
#ifndef GENAI_FILES_DOWNLOAD_H
#define GENAI_FILES_DOWNLOAD_H

#include <stddef.h>

#include <genai/client.h>
#include <genai/common.h>
#include <genai/errors.h>
#include <genai/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Receives the next `size` bytes of a download. Return `size` to go on;
 * anything less stops the download, which then fails with GENAI_ECANCELED.
 */
typedef size_t (*genai_download_write_fn)(const void *data, size_t size, void *user_data);

/**
 * Downloads a file, handing its bytes to `write` as they arrive.
 * @param file   "files/abc", "abc" or a download URI (borrowed).
 * @param config NULL or its http_options (its retry options are ignored: one attempt).
 * @param write  the byte sink (required); @param user_data passed to it.
 * @return GENAI_OK, GENAI_EINVAL (bad name, Vertex AI client), GENAI_ECANCELED
 *         (write took fewer bytes), GENAI_EAPI, GENAI_ETRANSPORT, GENAI_ETIMEOUT.
 *         Bytes handed to `write` before a failure are not taken back.
 */
GENAI_API GENAI_NODISCARD genai_result genai_files_download(genai_client *client, const char *file,
                                                           const genai_download_file_config *config,
                                                           genai_download_write_fn write, void *user_data);

/**
 * Downloads a file into `path` (created or truncated; removed again when the
 * download fails).
 * @return as genai_files_download(), and GENAI_EIO when the file cannot be written.
 */
GENAI_API GENAI_NODISCARD genai_result genai_files_download_to_path(genai_client *client, const char *file,
                                                                   const genai_download_file_config *config,
                                                                   const char *path);

/**
 * Downloads a file into memory.
 * @param[out] data [callee allocates] the bytes; free with genai_free(). NULL on failure.
 * @param[out] size their count.
 */
GENAI_API GENAI_NODISCARD genai_result genai_files_download_bytes(genai_client *client, const char *file,
                                                                 const genai_download_file_config *config,
                                                                 void **data, size_t *size);

/**
 * Downloads a generated video (its `uri`, as Python's files.download(file=video)),
 * streaming the bytes to `write`.
 * @return as genai_files_download(); GENAI_EINVAL when the video has no uri.
 */
GENAI_API GENAI_NODISCARD genai_result genai_files_download_video(genai_client *client, const genai_video *video,
                                                                 const genai_download_file_config *config,
                                                                 genai_download_write_fn write, void *user_data);

/**
 * Downloads a File (Python's files.download(file=file_object)): by its name.
 * @return as genai_files_download(); GENAI_EINVAL when the file has no
 *         download_uri (an uploaded file: only generated files can be downloaded).
 */
GENAI_API GENAI_NODISCARD genai_result genai_files_download_file(genai_client *client, const genai_file *file,
                                                                const genai_download_file_config *config,
                                                                genai_download_write_fn write, void *user_data);

/** Downloads a generated video into `path` (see genai_files_download_to_path()). */
GENAI_API GENAI_NODISCARD genai_result genai_files_download_video_to_path(genai_client *client,
                                                                         const genai_video *video,
                                                                         const genai_download_file_config *config,
                                                                         const char *path);

#ifdef __cplusplus
}
#endif
#endif /* GENAI_FILES_DOWNLOAD_H */
