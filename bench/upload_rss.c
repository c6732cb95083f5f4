/* Memory while uploading: a large (sparse) file uploaded to genai-emulator
 * with genai_files_upload, then the process's peak RSS (getrusage). The
 * SDK streams each chunk from the file as libcurl sends it, so the peak is
 * the same for 2 MiB and 2 GiB. Usage:
 *   bench_upload_rss BASE_URL SIZE_MIB [FILE]
 * prints "<size MiB> <peak RSS KiB> <seconds> <MiB/s>". */
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <genai/genai.h>

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: bench_upload_rss BASE_URL SIZE_MIB [FILE]\n");
    return 2;
  }
  long long mib = atoll(argv[2]);
  char path[256];
  snprintf(path, sizeof path, "%s", argc > 3 ? argv[3] : "/tmp/genai_bench_upload.bin");
  int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0600);
  if (fd < 0 || ftruncate(fd, (off_t)mib * 1024 * 1024) != 0) {
    perror(path);
    return 1;
  }
  close(fd);
  genai_http_options http = {GENAI_INIT(genai_http_options), .base_url = argv[1]};
  genai_client_options o = {GENAI_INIT(genai_client_options), .api_key = "bench-key", .http_options = &http};
  genai_client *client = NULL;
  if (genai_client_new(&o, &client) != GENAI_OK) return 1;
  genai_upload_file_config cfg = {GENAI_INIT(genai_upload_file_config), .mime_type = "application/octet-stream"};
  genai_file *file = NULL;
  double t0 = now_s();
  genai_result rc = genai_files_upload(client, path, &cfg, NULL, &file);
  double secs = now_s() - t0;
  if (rc != GENAI_OK) fprintf(stderr, "upload failed: %s\n", genai_error_last()->message);
  genai_file_free(file);
  genai_client_free(client);
  unlink(path);
  if (rc != GENAI_OK) return 1;
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("%lld %ld %.2f %.1f\n", mib, ru.ru_maxrss, secs, (double)mib / secs);
  return 0;
}
