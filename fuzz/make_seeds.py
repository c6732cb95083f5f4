#!/usr/bin/env python3
"""Makes the seed corpora of the fuzz targets from the real samples.

    make_seeds.py --samples DIR --hand fuzz/seeds --out BUILD/fuzz/seeds

The samples (shared/reference/samples, see its INDEX.md) are read in place
and the seeds are written under --out, one directory per target, so that
nothing taken from them lands in the repository. The hand-written seeds of
--hand/<target>/ are added as they are, except those of fuzz_sse, which get
the input header of fuzz_sse.c like the samples. $GENAI_SAMPLES_DIR, when
set, overrides --samples. A missing samples directory is an error, as in
tests/samples: a fuzz run without the real payloads would look fine and
test much less.

Python 3 standard library only, like the other developer tools (DESIGN.md §2).
"""
import argparse
import hashlib
import json
import os
import sys

# The key-shaped secret of fuzz_api_error.c: error seeds that echo it make
# the fuzzer start from bodies where redaction matters.
SECRET = "AIzaFuzzSecretKey0123456789"
# Inputs longer than run.sh's -max_len are cut by libFuzzer, and a cut JSON
# body is only a parse error: such samples are left out.
MAX_LEN = 65536


class Writer:
    def __init__(self, out):
        self.out = out
        self.counts = {}

    def add(self, target, name, data):
        if isinstance(data, str):
            data = data.encode("utf-8")
        if len(data) > MAX_LEN:
            return
        d = os.path.join(self.out, target)
        os.makedirs(d, exist_ok=True)
        # A short hash keeps names unique when one sample gives several seeds.
        digest = hashlib.sha1(data).hexdigest()[:8]
        safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in name)[:100]
        with open(os.path.join(d, f"{safe}-{digest}"), "wb") as f:
            f.write(data)
        self.counts[target] = self.counts.get(target, 0) + 1


def sse_variants(stream):
    """fuzz_sse's header: bound selector, stop/split byte, split sizes."""
    yield "whole", bytes([0, 0x00]) + stream
    yield "split-1-7-13", bytes([0, 0x03, 1, 7, 13]) + stream
    yield "bound4096-split-64", bytes([3, 0x01, 64]) + stream
    yield "stop2-split-0-5", bytes([0, 0x22, 0, 5]) + stream


def sse_documents(text):
    """The JSON documents of an SSE file: each data: payload, and each run of
    lines outside the SSE format (an error body)."""
    docs, raw = [], []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.startswith("data:"):
            if raw:
                docs.append("\n".join(raw))
                raw = []
            docs.append(line[5:].lstrip(" "))
        elif line and not line.startswith(":") and not line.startswith(("event:", "id:", "retry:")):
            raw.append(line)
    if raw:
        docs.append("\n".join(raw))
    return [d for d in docs if d.strip()]


def is_error(doc):
    if isinstance(doc, list) and len(doc) == 1:
        doc = doc[0]
    return isinstance(doc, dict) and isinstance(doc.get("error"), dict)


def with_secret(doc):
    """An error body whose message and details echo the API key."""
    doc = json.loads(json.dumps(doc))
    e = doc[0]["error"] if isinstance(doc, list) else doc["error"]
    e["message"] = f"{e.get('message', '')} (key={SECRET})"
    e.setdefault("details", []).append({"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                                        "metadata": {"key": SECRET}})
    return json.dumps(doc)


def request_seeds(w, name, body):
    """contents, config (the SDK form: generationConfig's members at the top,
    next to tools, systemInstruction, ...) and whole parameters."""
    if not isinstance(body, dict) or "contents" not in body:
        return
    w.add("fuzz_request", name + ".contents", json.dumps(body["contents"]))
    config = {k: v for k, v in body.items() if k not in ("contents", "generationConfig", "model")}
    config.update(body.get("generationConfig") or {})
    w.add("fuzz_request", name + ".config", json.dumps(config))
    w.add("fuzz_request", name + ".params",
          json.dumps({"model": "gemini-2.0-flash", "contents": body["contents"], "config": config}))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", required=True)
    ap.add_argument("--hand", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    samples = os.environ.get("GENAI_SAMPLES_DIR") or args.samples
    if not os.path.isdir(samples):
        sys.exit(f"make_seeds.py: no samples directory at {samples} (set GENAI_SAMPLES_DIR)")
    w = Writer(args.out)

    for fn in sorted(os.listdir(samples)):
        path = os.path.join(samples, fn)
        if fn.startswith("INDEX.") or not os.path.isfile(path):
            continue
        with open(path, "rb") as f:
            data = f.read()
        if fn.endswith(".sse"):
            for variant, seed in sse_variants(data):
                w.add("fuzz_sse", f"{fn}.{variant}", seed)
            for i, doc in enumerate(sse_documents(data.decode("utf-8", "replace"))):
                try:
                    parsed = json.loads(doc)
                except ValueError:
                    parsed = None
                w.add("fuzz_api_error" if is_error(parsed) else "fuzz_response", f"{fn}.{i}", doc)
                if is_error(parsed):
                    w.add("fuzz_sse", f"{fn}.{i}.raw-error", bytes([0, 0]) + doc.encode())
        elif fn.endswith(".chunks.json"):
            chunks = json.loads(data)
            stream = "".join(f"data: {json.dumps(c, separators=(',', ':'))}\r\n\r\n" for c in chunks)
            for variant, seed in sse_variants(stream.encode()):
                w.add("fuzz_sse", f"{fn}.{variant}", seed)
            for i, c in enumerate(chunks):
                w.add("fuzz_response", f"{fn}.{i}", json.dumps(c))
        elif fn.endswith(".request.json"):
            request_seeds(w, fn, json.loads(data))
        elif fn.endswith(".json"):
            try:
                doc = json.loads(data)
            except ValueError:
                doc = None
            if is_error(doc):
                w.add("fuzz_api_error", fn, data)
                w.add("fuzz_api_error", fn + ".secret", with_secret(doc))
                # an error body on an event stream, as the SSE decoder meets it
                w.add("fuzz_sse", fn + ".raw-error", bytes([0, 0]) + data)
            else:
                w.add("fuzz_response", fn, data)
        elif fn.endswith(".html"):
            w.add("fuzz_api_error", fn, data)
            w.add("fuzz_api_error", fn + ".secret", data + f"<p>key={SECRET}</p>".encode())

    for target in sorted(os.listdir(args.hand)) if os.path.isdir(args.hand) else []:
        d = os.path.join(args.hand, target)
        for fn in sorted(os.listdir(d)):
            with open(os.path.join(d, fn), "rb") as f:
                data = f.read()
            if target == "fuzz_sse":
                for variant, seed in sse_variants(data):
                    w.add(target, f"hand.{fn}.{variant}", seed)
            else:
                w.add(target, f"hand.{fn}", data)

    for target in ("fuzz_sse", "fuzz_response", "fuzz_api_error", "fuzz_request"):
        os.makedirs(os.path.join(args.out, target), exist_ok=True)
        print(f"make_seeds.py: {target}: {w.counts.get(target, 0)} seeds")


if __name__ == "__main__":
    main()
