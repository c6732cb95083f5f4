#!/usr/bin/env bash
# make bench: every benchmark, side by side in one run, against one genai-emulator on
# loopback. Prints Markdown tables (copied into bench/RESULTS.md with the machine).
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
have_js=0
[ -d tests/conformance/node_modules/@google/genai ] && command -v node >/dev/null && have_js=1

tmp=$(mktemp -d)
"$build/emulator/genai-emulator" --port 0 --port-file "$tmp/port" --quiet --max-connections 20000 >/dev/null 2>"$tmp/err" &
emulator=$!
trap 'kill $emulator 2>/dev/null || true; wait $emulator 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
url="http://127.0.0.1:$(cat "$tmp/port")"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "== Unary calls, sequential on one kept-alive connection (bench/unary.c, bench/js_unary.mjs)"
# Three rounds, the clients taking turns; each client's best round counts, so a
# moment of load on the machine does not decide a ratio.
calls=5000
best() { awk -v a="$1" -v b="$2" 'BEGIN { print (a > b ? a : b) }'; }
sdk_rate=0 curl_rate=0 js_rate=0
for _ in 1 2 3; do
  read -r _ _ _ rate < <("$build/bench/bench_unary" sdk "$url" $calls); sdk_rate=$(best "$sdk_rate" "$rate")
  read -r _ _ _ rate < <("$build/bench/bench_unary" curl "$url" $calls); curl_rate=$(best "$curl_rate" "$rate")
  if [ $have_js = 1 ]; then
    read -r _ _ _ rate < <(node bench/js_unary.mjs "$url" $calls); js_rate=$(best "$js_rate" "$rate")
  fi
done
echo "($calls calls per round, best of 3 rounds)"
echo "| client | calls/s | vs raw libcurl | vs @google/genai |"
echo "|---|---:|---:|---:|"
echo "| raw libcurl, same request bytes, answer not decoded (the floor) | $curl_rate | 1.00 | $( [ $have_js = 1 ] && ratio "$curl_rate" "$js_rate" || echo -) |"
echo "| genai-c genai_models_generate_content | $sdk_rate | $(ratio "$sdk_rate" "$curl_rate") | $( [ $have_js = 1 ] && ratio "$sdk_rate" "$js_rate" || echo -) |"
[ $have_js = 1 ] && echo "| @google/genai generateContent (Node.js $(node --version)) | $js_rate | $(ratio "$js_rate" "$curl_rate") | 1.00 |"

echo
echo "== CPU instructions per unary call (valgrind --tool=callgrind; (250 calls - 50 calls) / 200)"
if command -v valgrind >/dev/null; then
  ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$build/bench/bench_unary" "$1" "$url" "$2" 2>&1 >/dev/null |
         sed -n 's/.*Collected : \([0-9]*\).*/\1/p'; }
  sdk_ir=$(( ($(ir sdk 250) - $(ir sdk 50)) / 200 ))
  curl_ir=$(( ($(ir curl 250) - $(ir curl 50)) / 200 ))
  echo "| client | instructions per call | vs raw libcurl |"
  echo "|---|---:|---:|"
  echo "| raw libcurl | $curl_ir | 1.00 |"
  echo "| genai-c | $sdk_ir | $(ratio "$sdk_ir" "$curl_ir") |"
fi

echo
echo "== Peak RSS of a program making one call (bench/peak_rss.c)"
sdk_rss=$("$build/bench/bench_peak_rss" "$build/bench/bench_unary" sdk "$url" 1)
curl_rss=$("$build/bench/bench_peak_rss" "$build/bench/bench_unary" curl "$url" 1)
echo "| program | peak RSS | vs genai-c |"
echo "|---|---:|---:|"
echo "| genai-c, one generate_content | ${sdk_rss} KiB | 1.00 |"
echo "| raw libcurl, one request | ${curl_rss} KiB | $(ratio "$curl_rss" "$sdk_rss") |"
if [ $have_js = 1 ]; then
  js_rss=$("$build/bench/bench_peak_rss" node bench/js_unary.mjs "$url" 1 --once)
  echo "| Node.js + @google/genai, one generateContent | ${js_rss} KiB | $(ratio "$js_rss" "$sdk_rss") |"
fi

echo
echo "== Reading a 10,000-event stream (bench/stream_memory.c, bench/js_stream_parse.mjs)"
c_line=$("$build/bench/bench_stream_memory" 10000 2>/dev/null | grep '^| 10000 ')
c_s=$(echo "$c_line" | awk -F'|' '{gsub(/[ s]/, "", $5); print $5}')
echo "| client | time | events/s |"
echo "|---|---:|---:|"
echo "| genai-c genai_stream_next | ${c_s} s | $(awk -v s="$c_s" 'BEGIN { printf "%.0f", 10000 / s }') |"
if [ $have_js = 1 ]; then
  read -r _ _ js_s js_eps < <(node bench/js_stream_parse.mjs "$url" 10000)
  echo "| @google/genai generateContentStream | ${js_s} s | $js_eps |"
fi

echo
echo "== Library size"
lib=$(readlink -f "$build/src/libgenai.so")
cp "$lib" "$tmp/libgenai.so" && strip "$tmp/libgenai.so"
echo "| artifact | bytes |"
echo "|---|---:|"
echo "| libgenai.so, stripped | $(stat -c %s "$tmp/libgenai.so") |"
echo "| libgenai.so as built ($(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build/CMakeCache.txt")) | $(stat -c %s "$lib") |"
[ $have_js = 1 ] && echo "| @google/genai package (node_modules, all files) | $(du -sb tests/conformance/node_modules/@google/genai | cut -f1) |"

echo
echo "== Memory of a long stream (bench/stream_memory.c)"
"$build/bench/bench_stream_memory"

echo
echo "== N concurrent streaming calls on one thread (bench/concurrent_streams.c, bench/js_concurrent_streams.mjs)"
echo "| SDK | streams at once | wall time | streams/s | chunks | peak heap | heap per stream |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for n in 100 1000 10000; do
  "$build/bench/bench_concurrent_streams" "$url" "$n"
  [ $have_js = 1 ] && node --expose-gc bench/js_concurrent_streams.mjs "$url" "$n"
done

echo
echo "== N concurrent Live API sessions on one thread, one text turn each (bench/live_sessions.c, bench/js_live_sessions.mjs)"
echo "| SDK | sessions at once | wall time | sessions/s | messages | peak heap per session | peak RSS growth per session |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for n in 10 100 1000; do
  "$build/bench/bench_live_sessions" "$url" "$n"
  [ $have_js = 1 ] && node --expose-gc bench/js_live_sessions.mjs "$url" "$n"
done

echo
echo "== Peak RSS while uploading a large file (bench/upload_rss.c; sparse file, 8 MiB chunks)"
echo "| file size | peak RSS of the uploading process | time | MiB/s |"
echo "|---:|---:|---:|---:|"
for mib in 16 2048; do
  read -r _ rss secs rate < <("$build/bench/bench_upload_rss" "$url" "$mib")
  echo "| $mib MiB | ${rss} KiB | ${secs} s | $rate |"
done
