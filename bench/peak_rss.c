#define _DEFAULT_SOURCE
/* Runs a command (its output discarded) and prints the peak resident set
 * size of the process it started (KiB), as the kernel accounts it:
 * `bench_peak_rss CMD ARGS...`. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: bench_peak_rss CMD ARGS...\n");
    return 2;
  }
  pid_t pid = fork();
  if (pid < 0) return 1;
  if (pid == 0) {
    /* the measured program's own output is not this program's */
    FILE *null = freopen("/dev/null", "w", stdout);
    (void)null;
    execvp(argv[1], argv + 1);
    _exit(127);
  }
  int status = 0;
  struct rusage ru;
  if (wait4(pid, &status, 0, &ru) < 0) return 1;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    fprintf(stderr, "%s failed\n", argv[1]);
    return 1;
  }
  printf("%ld\n", ru.ru_maxrss);
  return 0;
}
