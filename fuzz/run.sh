#!/usr/bin/env bash
# Runs one libFuzzer target for FUZZ_SECONDS (default 60) and fails on any
# crash, broken invariant, leak, timeout or sanitizer report.
#   run.sh <fuzzer binary> <fuzz build dir> <fuzz source dir>
# Everything it writes stays in the build dir: the growing corpus
# (corpus/<target>/), crash reproducers (artifacts/<target>/) and the log
# (logs/<target>.log). The seeds (seeds/<target>/, made by make_seeds.py) and
# the kept reproducers of fuzz/regressions/<target>/ are read only: the
# regressions run first, so a bug that comes back fails at once.
# FUZZ_ARGS adds libFuzzer flags (e.g. FUZZ_ARGS=-jobs=2).
set -euo pipefail

bin=$1
build=$2
src=$3
name=$(basename "$bin")
seconds=${FUZZ_SECONDS:-60}

corpus=$build/corpus/$name
artifacts=$build/artifacts/$name
seeds=$build/seeds/$name
log=$build/logs/$name.log
mkdir -p "$corpus" "$artifacts" "$build/logs"
[ -d "$seeds" ] || { echo "run.sh: no seed corpus at $seeds (build the genai_fuzz_seeds target)" >&2; exit 1; }

dirs=("$corpus" "$seeds")
if [ -d "$src/regressions/$name" ]; then dirs+=("$src/regressions/$name"); fi

# halt_on_error/abort_on_error: the first report ends the run with the input
# saved; detect_leaks: a leak is a failure, not a warning.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:allocator_may_return_null=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

cd "$artifacts" # libFuzzer writes nothing else, but a stray file lands here
set +e
# shellcheck disable=SC2086 # FUZZ_ARGS is a list of flags
"$bin" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
  -artifact_prefix="$artifacts/" ${FUZZ_ARGS:-} "${dirs[@]}" >"$log" 2>&1
rc=$?
set -e

# The last coverage line and the speed, for the summary.
last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
echo "$name: ${runs:-?} runs, ${speed:-?} exec/s (budget ${seconds}s); last: ${last:-none}" | tee "$build/logs/$name.summary"
if [ "$rc" -ne 0 ]; then
  echo "$name: FAILED (exit $rc); reproducer in $artifacts/, log $log; the report:" >&2
  # The report is at the end; the start of the log lists the corpus loading.
  tail -n 80 "$log" >&2
  exit 1
fi
