// The time the official @google/genai SDK takes to read a scripted stream of
// EVENTS events from BASE_URL (scripted with the same events as
// bench_stream_memory): node js_stream_parse.mjs BASE_URL EVENTS
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../tests/conformance/package.json'));
const { GoogleGenAI } = require('@google/genai');

const [, , baseUrl, eventsText] = process.argv;
const n = Number(eventsText);
const events = [];
for (let i = 0; i < n; i++) {
  const c = { content: { role: 'model', parts: [{ text: `chunk ${String(i).padStart(8, '0')} of the answer, some word ` }] } };
  if (i === n - 1) c.finishReason = 'STOP';
  events.push({ candidates: [c] });
}
await fetch(`${baseUrl}/_emulator/script`, { method: 'POST', body: JSON.stringify({ responses: [{ stream: { events } }] }) });
const ai = new GoogleGenAI({ apiKey: 'bench-key', httpOptions: { baseUrl } });
const start = process.hrtime.bigint();
let got = 0;
for await (const chunk of await ai.models.generateContentStream({ model: 'gemini-2.0-flash', contents: 'go' })) {
  if (chunk.text) got++;
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
if (got !== n) throw new Error(`got ${got} of ${n} events`);
console.log(`js ${n} ${seconds.toFixed(6)} ${Math.round(n / seconds)}`);
