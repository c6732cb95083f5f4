#!/usr/bin/env bash
# make demo: runs the examples and the CLI against the bundled emulator, or
# against the real Gemini API when GEMINI_API_KEY or GOOGLE_API_KEY is set.
set -euo pipefail
build=${1:-build}
examples=(create_client generate_text system_instructions typed_config safety_settings error_handling
          stream_text stream_image_uri chat chat_stream count_tokens embed_content)

emulator_pid=""
cleanup() {
  if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
  rm -rf "${tmpdir:-}"
}
trap cleanup EXIT

if [ -n "${GEMINI_API_KEY:-}${GOOGLE_API_KEY:-}" ]; then
  echo "== demo: using the real Gemini Developer API (key from GEMINI_API_KEY / GOOGLE_API_KEY)"
  unset GOOGLE_GEMINI_BASE_URL GOOGLE_GENAI_USE_VERTEXAI GOOGLE_GENAI_USE_ENTERPRISE
else
  tmpdir=$(mktemp -d)
  "$build/emulator/genai-emulator" --port 0 --port-file "$tmpdir/port" >"$tmpdir/out" 2>"$tmpdir/err" &
  emulator_pid=$!
  for _ in $(seq 100); do [ -s "$tmpdir/port" ] && break; sleep 0.1; done
  [ -s "$tmpdir/port" ] || { echo "demo: the emulator did not start:"; cat "$tmpdir/err"; exit 1; }
  port=$(cat "$tmpdir/port")
  export GEMINI_API_KEY=demo-key GOOGLE_GEMINI_BASE_URL="http://127.0.0.1:$port"
  unset GOOGLE_API_KEY GOOGLE_GENAI_USE_VERTEXAI GOOGLE_GENAI_USE_ENTERPRISE
  echo "== demo: using genai-emulator at $GOOGLE_GEMINI_BASE_URL (set GEMINI_API_KEY to use the real API)"
fi

for ex in "${examples[@]}"; do
  echo
  echo "== examples/$ex"
  "$build/examples/$ex"
done

echo
echo "== genai generate \"Why is the sky blue?\""
"$build/cli/genai" generate --model gemini-2.0-flash-001 "Why is the sky blue?"
echo
echo "== genai generate --config '{\"system_instruction\": \"I say high, you say low\", \"max_output_tokens\": 3, \"temperature\": 0.3}' high"
"$build/cli/genai" generate --model gemini-2.0-flash-001 \
  --config '{"system_instruction": "I say high, you say low", "max_output_tokens": 3, "temperature": 0.3}' high
echo
echo "== genai generate --stream \"Tell me a story in 300 words.\""
"$build/cli/genai" generate --stream --model gemini-2.0-flash-001 "Tell me a story in 300 words."
echo
echo "== genai chat (two messages and /history on stdin)"
printf 'Hello\nWhat did I just say?\n/history\n' | "$build/cli/genai" chat --model gemini-2.0-flash-001
echo
echo "== genai count-tokens \"why is the sky blue?\""
"$build/cli/genai" count-tokens --model gemini-2.0-flash-001 "why is the sky blue?"
echo
echo "== demo: done"
