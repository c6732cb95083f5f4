// The response side of conformance: for every case of CASES_FILE (a JSON
// array of {name, backend, stream, contentType, body}), scripts the emulator
// at $GENAI_BASE_URL to answer with the body, lets the official
// @google/genai SDK decode it, and prints one JSON line per case with what it
// decoded: text, function calls, usage metadata, finish reasons (per chunk
// for streams), or the error.
//   GENAI_BASE_URL=... GENAI_API_KEY=... node run_responses.mjs CASES_FILE
import { readFileSync } from 'node:fs';
import { GoogleGenAI } from '@google/genai';

const baseUrl = process.env.GENAI_BASE_URL;
const apiKey = process.env.GENAI_API_KEY;
const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const clients = {
  mldev: new GoogleGenAI({ apiKey, httpOptions: { baseUrl } }),
  vertex: new GoogleGenAI({ vertexai: true, apiKey, httpOptions: { baseUrl } }),
};

function decoded(r) {
  return {
    text: r.text ?? null,
    functionCalls: (r.functionCalls ?? []).map((c) => ({ name: c.name ?? null, args: c.args ?? null })),
    usageMetadata: r.usageMetadata ?? null,
    finishReasons: (r.candidates ?? []).map((c) => c.finishReason ?? null),
  };
}

for (const c of cases) {
  const script = { responses: [{ headers: { 'Content-Type': c.contentType }, body: c.body }] };
  await fetch(`${baseUrl}/_emulator/script`, { method: 'POST', body: JSON.stringify(script) });
  const ai = clients[c.backend];
  const out = { name: c.name };
  try {
    if (c.stream) {
      out.chunks = [];
      for await (const chunk of await ai.models.generateContentStream({ model: 'gemini-2.0-flash', contents: 'hi' }))
        out.chunks.push(decoded(chunk));
    } else {
      Object.assign(out, decoded(await ai.models.generateContent({ model: 'gemini-2.0-flash', contents: 'hi' })));
    }
    out.error = null;
  } catch (e) {
    out.error = { code: e.status ?? null };
  }
  console.log(JSON.stringify(out));
}
