#include "for_sizes.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "emulator_harness.h"

static void raise_fd_limit(void) {
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
}

int bench_for_sizes(int argc, char **argv, const long *defaults, int (*run)(const char *base_url, long n)) {
  raise_fd_limit();
  const char *base_url = NULL;
  int first = 1;
  if (argc > 1 && !strncmp(argv[1], "http", 4)) base_url = argv[first++];
  emu_harness emu = {0};
  if (!base_url) {
    const char *args[] = {"--quiet", "--max-connections", "20000", NULL};
    if (emu_start(&emu, args) != 0) return 1;
    base_url = emu.base_url;
  }
  long sizes[8];
  int count = 0;
  for (int i = first; i < argc && count < 8; i++) sizes[count++] = strtol(argv[i], NULL, 10);
  if (!count)
    while (defaults[count] && count < 8) sizes[count] = defaults[count], count++;
  int failed = 0;
  for (int i = 0; i < count && !failed; i++) failed = run(base_url, sizes[i]) != 0;
  if (emu.pid) emu_stop(&emu);
  return failed;
}
