#!/usr/bin/env bash
# make bench: every benchmark, side by side in one run.
set -euo pipefail
build=${1:-build}
sizes=(100 1000 10000)
cd "$(dirname "$0")/.."

echo "== Memory of a long stream (bench/stream_memory.c)"
"$build/bench/bench_stream_memory"

echo
echo "== N concurrent streaming calls on one thread (bench/concurrent_streams.c, bench/js_concurrent_streams.mjs)"
tmp=$(mktemp -d)
"$build/emulator/genai-emulator" --port 0 --port-file "$tmp/port" --quiet --max-connections 20000 >/dev/null 2>"$tmp/err" &
emulator=$!
trap 'kill $emulator 2>/dev/null || true; wait $emulator 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
url="http://127.0.0.1:$(cat "$tmp/port")"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
echo "| SDK | streams at once | wall time | streams/s | chunks | peak heap | heap per stream |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  "$build/bench/bench_concurrent_streams" "$url" "$n"
  if [ -d tests/conformance/node_modules/@google/genai ]; then
    node --expose-gc bench/js_concurrent_streams.mjs "$url" "$n"
  fi
done
