#!/usr/bin/env bash
# Installs what genai-c needs to build and test: Debian packages (apt-get) and
# the pinned npm packages of the conformance tests. Installs only what is
# missing; fails loudly.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config python3 libcurl4-openssl-dev libjansson-dev libssl-dev
          libwebsockets-dev libmicrohttpd-dev libcmocka-dev libuv1-dev valgrind clang libclang-rt-dev nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# nodejs/npm may come from elsewhere than Debian; what matters is that they run.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<<"${missing[*]}"

if ((${#missing[@]})); then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "install-deps: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: Debian packages present"
fi

if [ -f tests/conformance/package.json ]; then
  echo "install-deps: npm packages for tests/conformance"
  (cd tests/conformance && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "install-deps: done"
