#!/usr/bin/env bash
# Installs a build into a scratch prefix and builds the README's quick start
# against it twice: with pkg-config and with CMake's find_package(genai).
# Both programs run without credentials and must report the missing key.
set -euo pipefail
build=$1
src=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
libdir=$(dirname "$(find "$tmp/prefix" -name 'libgenai.so' | head -n 1)")
[ -f "$tmp/prefix/include/genai/genai.h" ] || { echo "check-install: headers not installed"; exit 1; }
[ -f "$libdir/libgenai.a" ] || { echo "check-install: static library not installed"; exit 1; }
sed -n '/^```c$/,/^```$/p' "$src/README.md" | sed '1d;$d' >"$tmp/quickstart.c"
[ -s "$tmp/quickstart.c" ] || { echo "check-install: no C quick start in README.md"; exit 1; }

export PKG_CONFIG_PATH="$libdir/pkgconfig"
cc -std=c11 -Wall -Wextra -Werror "$tmp/quickstart.c" $(pkg-config --cflags --libs genai) \
  -Wl,-rpath,"$libdir" -o "$tmp/with_pkgconfig"

mkdir -p "$tmp/consumer"
cp "$tmp/quickstart.c" "$tmp/consumer/"
cat >"$tmp/consumer/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.18)
project(consumer C)
find_package(genai 0.1 REQUIRED)
add_executable(quickstart quickstart.c)
target_link_libraries(quickstart PRIVATE genai::genai)
CMAKE
cmake -S "$tmp/consumer" -B "$tmp/consumer/build" -DCMAKE_PREFIX_PATH="$tmp/prefix" \
  -DCMAKE_BUILD_RPATH="$libdir" >/dev/null
cmake --build "$tmp/consumer/build" >/dev/null

for exe in "$tmp/with_pkgconfig" "$tmp/consumer/build/quickstart"; do
  out=$(env -i PATH=/usr/bin:/bin "$exe" 2>&1 || true)
  case "$out" in
    *"No API key was provided"*) ;;
    *) echo "check-install: $exe printed: $out"; exit 1 ;;
  esac
done
echo "check-install: installed tree builds the quick start with pkg-config and find_package(genai)"
