/**
 * @file files.h
 * `client.files` of the Gemini Developer API: upload (the resumable upload
 * protocol), get, list, delete and download, blocking and as operations of
 * a genai_multi (`client.aio.files`). On Vertex AI every function fails with
 * GENAI_EINVAL before any request, as the Python SDK's ValueError.
 *
 * Thread safety: every blocking function may be called from any thread with
 * a shared client. A single upload uses its source (FILE or memory) from
 * the thread that runs it only (the caller's, or the multi's).
 */
#ifndef GENAI_FILES_H
#define GENAI_FILES_H

#include <stdint.h>
#include <stdio.h>

#include <genai/client.h>
#include <genai/common.h>
#include <genai/errors.h>
#include <genai/multi.h>
#include <genai/pager.h>
#include <genai/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Progress of an upload: `sent` bytes of `total` have been handed to the
 * connection. Called on the thread that runs the upload (the caller of a
 * blocking upload; the multi's thread, inside genai_multi_perform(),
 * genai_multi_poll() or genai_multi_socket_action(), for an _async one),
 * between transfers, never from inside libcurl: it may call
 * genai_op_cancel() or genai_op_free() on its own operation, but must not
 * use the upload's source. At least every 256 KiB and at the end of each
 * chunk; after a recovery or resume the count goes back to the offset the
 * service confirmed. It is called once with sent == total when the upload
 * completed, before the upload returns (or its on_done runs).
 */
typedef void (*genai_upload_progress_fn)(void *user_data, uint64_t sent, uint64_t total);

/**
 * How an upload is sent, beyond UploadFileConfig (a C addition: Python has no
 * counterpart). Zero-initialise with `GENAI_INIT(genai_upload_options)`;
 * NULL means all defaults.
 */
typedef struct genai_upload_options {
  size_t struct_size;
  /** Bytes per chunk request; 0: 8 MiB (Python's CHUNK_SIZE). */
  size_t chunk_size;
  /** [nullable] called as bytes go out. */
  genai_upload_progress_fn progress;
  void *progress_data;
  /**
   * [nullable] resume the upload session of an earlier call that failed
   * (the value it left in *upload_url_out): the service is asked how many
   * bytes it holds and the upload continues from there with the same
   * source; no start request is sent.
   */
  const char *resume_url;
  /**
   * [nullable] when the upload fails after its session was created, gets
   * the session URL (allocated; free with genai_free()), for `resume_url`.
   * Set to NULL first; left NULL on success. The URL is a credential for
   * the session: it never appears in logs or error messages.
   */
  char **upload_url_out;
  /**
   * Transport failures (reset, timeout) and offset mismatches of one
   * upload are recovered by asking the service where it stands and
   * continuing from there, at most this many times; 0: 5; negative: never
   * (the upload fails at the first such failure).
   */
  int max_recoveries;
} genai_upload_options;

/**
 * Uploads a file from disk: `client.files.upload(file=path, config=...)`.
 *
 * Sends the start request (POST `upload/v1beta/files`), then the bytes in
 * chunks to the session URL the service returned, streaming from the file
 * (memory stays flat whatever its size). The MIME type is the config's,
 * else guessed from the extension, else GENAI_EINVAL. `config->name` gets
 * the "files/" prefix when it lacks it.
 *
 * @param client   the client (Gemini Developer API).
 * @param path     the file; read, never modified.
 * @param config   [nullable] name, display_name, mime_type, http_options.
 * @param options  [nullable] chunk size, progress, resume.
 * @param[out] out [callee allocates] the File (state PROCESSING or ACTIVE);
 *                 free with genai_file_free().
 * @return GENAI_OK; GENAI_EINVAL (bad input, Vertex AI, unknown MIME type,
 *         no upload URL, status not final); GENAI_EIO (the file cannot be
 *         read); GENAI_EAPI (an error answer); GENAI_ETRANSPORT,
 *         GENAI_ETIMEOUT, GENAI_ENOMEM.
 */
GENAI_API GENAI_NODISCARD genai_result genai_files_upload(genai_client *client, const char *path,
                                                        const genai_upload_file_config *config,
                                                        const genai_upload_options *options, genai_file **out);

/**
 * Uploads from an open binary, seekable stream (Python's file-object form):
 * the bytes from its current position to its end. `config->mime_type` is
 * required (Python cannot guess it either). The stream is left at an
 * unspecified position.
 */
GENAI_API GENAI_NODISCARD genai_result genai_files_upload_stream(genai_client *client, FILE *stream,
                                                               const genai_upload_file_config *config,
                                                               const genai_upload_options *options,
                                                               genai_file **out);

/**
 * Uploads `size` bytes from memory (borrowed for the call); `config->mime_type`
 * is required. `data` may be NULL when size is 0.
 */
GENAI_API GENAI_NODISCARD genai_result genai_files_upload_bytes(genai_client *client, const void *data, size_t size,
                                                              const genai_upload_file_config *config,
                                                              const genai_upload_options *options,
                                                              genai_file **out);

/**
 * Gets a file's metadata: `client.files.get(name=...)`.
 * @param name "files/abc" or "abc" (t_file_name).
 * @param[out] out free with genai_file_free().
 */
GENAI_API GENAI_NODISCARD genai_result genai_files_get(genai_client *client, const char *name,
                                                     const genai_get_file_config *config, genai_file **out);

/**
 * Lists the project's files: `client.files.list(config=...)`. Items of the
 * pager are `const genai_file *`.
 * @param config NULL or page_size, page_token, http_options.
 * @param[out] out the pager with the first page; free with genai_pager_free().
 */
GENAI_API GENAI_NODISCARD genai_result genai_files_list(genai_client *client, const genai_list_files_config *config,
                                                      genai_pager **out);

/**
 * Deletes a file: `client.files.delete(name=...)`.
 * @param[out] out [nullable] owned; free with genai_delete_file_response_free().
 */
GENAI_API GENAI_NODISCARD genai_result genai_files_delete(genai_client *client, const char *name,
                                                        const genai_delete_file_config *config,
                                                        genai_delete_file_response **out);

/** genai_files_get() on a genai_multi; take the result with genai_op_take_file(). */
GENAI_API GENAI_NODISCARD genai_result genai_files_get_async(genai_multi *multi, const char *name,
                                                           const genai_get_file_config *config,
                                                           const genai_op_callbacks *callbacks, genai_op **out);
/** genai_files_list() on a genai_multi; take the pager with genai_op_take_pager(). */
GENAI_API GENAI_NODISCARD genai_result genai_files_list_async(genai_multi *multi, const genai_list_files_config *config,
                                                            const genai_op_callbacks *callbacks, genai_op **out);
/** genai_files_delete() on a genai_multi; take the result with genai_op_take_delete_file_response(). */
GENAI_API GENAI_NODISCARD genai_result genai_files_delete_async(genai_multi *multi, const char *name,
                                                              const genai_delete_file_config *config,
                                                              const genai_op_callbacks *callbacks, genai_op **out);

/**
 * `await client.aio.files.upload(file=path, config=...)`: genai_files_upload()
 * as an operation of `multi`, run entirely by the multi's loop (start
 * request, chunks, recovery by query, the pauses between them on the
 * multi's timers; no thread, no blocking wait). Take the File with
 * genai_op_take_file().
 *
 * Everything is checked, the file opened and the start request built
 * before it returns; an error then (as genai_files_upload() would return
 * it before any request: GENAI_EINVAL for Vertex AI, a bad input or an
 * unknown MIME type, GENAI_EIO for a file that cannot be opened) means no
 * operation started. `config` and `options` are copied; what stays borrowed
 * until on_done (or genai_op_free()) is `options->progress_data` and the
 * `*options->upload_url_out` it writes: when the operation ends with an
 * error, a cancellation included, after the session was created, that
 * pointer gets the session URL before on_done runs (not when the op or the
 * multi is freed while it runs). The library closes the file it opened.
 *
 * genai_op_cancel() at any stage ends it with GENAI_ECANCELED;
 * genai_op_free() or genai_multi_free() stops it without callbacks.
 *
 * @param callbacks [copied] on_done is required; on_chunk is not used.
 * @param[out] out [callee allocates] freed with genai_op_free().
 */
GENAI_API GENAI_NODISCARD genai_result genai_files_upload_async(genai_multi *multi, const char *path,
                                                              const genai_upload_file_config *config,
                                                              const genai_upload_options *options,
                                                              const genai_op_callbacks *callbacks, genai_op **out);

/**
 * genai_files_upload_stream() on a genai_multi (see genai_files_upload_async()):
 * the stream is borrowed until on_done or genai_op_free(); the multi's
 * thread reads and seeks it meanwhile, and nothing else may.
 */
GENAI_API GENAI_NODISCARD genai_result genai_files_upload_stream_async(genai_multi *multi, FILE *stream,
                                                                     const genai_upload_file_config *config,
                                                                     const genai_upload_options *options,
                                                                     const genai_op_callbacks *callbacks,
                                                                     genai_op **out);

/**
 * genai_files_upload_bytes() on a genai_multi (see genai_files_upload_async()):
 * `data` is borrowed, not copied, until on_done or genai_op_free().
 */
GENAI_API GENAI_NODISCARD genai_result genai_files_upload_bytes_async(genai_multi *multi, const void *data,
                                                                    size_t size,
                                                                    const genai_upload_file_config *config,
                                                                    const genai_upload_options *options,
                                                                    const genai_op_callbacks *callbacks,
                                                                    genai_op **out);

/**
 * The File of a finished genai_files_get_async() or genai_files_upload*_async();
 * free with genai_file_free().
 * @return GENAI_OK; the operation's error when it failed; GENAI_EINPROGRESS
 *         while it runs; GENAI_EINVAL for an operation with another result
 *         or a second take.
 */
GENAI_API GENAI_NODISCARD genai_result genai_op_take_file(genai_op *op, genai_file **out);
/** The answer of a finished genai_files_delete_async(); free with genai_delete_file_response_free(). */
GENAI_API GENAI_NODISCARD genai_result genai_op_take_delete_file_response(genai_op *op,
                                                                        genai_delete_file_response **out);

/* -------------------------------------------------------------- download */

/*
 *
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
 * calling thread (for the _async forms, the multi's thread, inside
 * genai_multi_perform/poll/socket_action), never from inside libcurl: it
 * gets the bytes in pieces as they arrive, and while it has not taken a
 * piece the transfer waits (memory stays flat: one piece is held).
 *
 */

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

/**
 * `await client.aio.files.download(file=...)` streamed: genai_files_download()
 * as an operation of `multi`. `write` gets the bytes as they arrive, inside
 * the multi's perform/poll/socket_action; it may call genai_op_cancel() or
 * genai_op_free() on the operation. on_done ends it: GENAI_OK when every
 * byte was taken (nothing to take), else the error of genai_files_download()
 * (GENAI_ECANCELED when write took fewer bytes or the op was cancelled).
 * A generated video downloads by its `uri`, a generated File by its `name`.
 *
 * The name and config are read before it returns; an error then
 * (GENAI_EINVAL: a bad name, no write, a Vertex AI client) means no
 * operation started. `user_data` is borrowed until on_done or genai_op_free().
 *
 * @param callbacks [copied] on_done is required.
 * @param[out] out [callee allocates] freed with genai_op_free().
 */
GENAI_API GENAI_NODISCARD genai_result genai_files_download_async(genai_multi *multi, const char *file,
                                                                const genai_download_file_config *config,
                                                                genai_download_write_fn write, void *user_data,
                                                                const genai_op_callbacks *callbacks,
                                                                genai_op **out);

/**
 * `await client.aio.files.download(file=...)`: the whole file in memory,
 * taken with genai_op_take_bytes() (see genai_files_download_async()).
 */
GENAI_API GENAI_NODISCARD genai_result genai_files_download_bytes_async(genai_multi *multi, const char *file,
                                                                      const genai_download_file_config *config,
                                                                      const genai_op_callbacks *callbacks,
                                                                      genai_op **out);

/**
 * The bytes of a finished genai_files_download_bytes_async().
 * @param[out] data [callee allocates] free with genai_free(); NULL on failure.
 * @param[out] size their count.
 * @return GENAI_OK; the operation's error when it failed; GENAI_EINPROGRESS
 *         while it runs; GENAI_EINVAL for another operation or a second take.
 */
GENAI_API GENAI_NODISCARD genai_result genai_op_take_bytes(genai_op *op, void **data, size_t *size);

#ifdef __cplusplus
}
#endif

#endif
