#!/usr/bin/env bash
# Fails when the shared library exports a symbol outside the public genai_
# namespace, or when a function declared in a public header is not exported.
set -euo pipefail
lib=$1
root=$(cd "$(dirname "$0")/.." && pwd)
exported=$(nm -D --defined-only "$lib" | awk '$2 ~ /[TDBR]/ {print $3}' | sed 's/@.*//' | sort -u)
bad=$(grep -v '^genai_' <<<"$exported" || true)
if [ -n "$bad" ]; then
  echo "check-exports: symbols outside the public API are exported:"; echo "$bad"; exit 1
fi
declared=$(grep -ho 'GENAI_API[^(]*[ *]\(genai_[a-z0-9_]*\)(' "$root"/include/genai/*.h "$root"/include/genai/sys/*.h |
  grep -o 'genai_[a-z0-9_]*(' | tr -d '(' | sort -u)
missing=$(comm -23 <(echo "$declared") <(echo "$exported"))
if [ -n "$missing" ]; then
  echo "check-exports: declared in a public header but not exported:"; echo "$missing"; exit 1
fi
echo "check-exports: $(wc -l <<<"$exported") symbols, all public and all declared ones present"
