// Sequential unary calls with the official @google/genai SDK against BASE_URL:
//   node js_unary.mjs BASE_URL CALLS      prints: js CALLS SECONDS CALLS_PER_SECOND
//   node js_unary.mjs BASE_URL 1 --once   one call, then exit (for its peak RSS)
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../tests/conformance/package.json'));
const { GoogleGenAI } = require('@google/genai');

const [, , baseUrl, callsText, once] = process.argv;
const calls = Number(callsText);
const ai = new GoogleGenAI({ apiKey: 'bench-key', httpOptions: { baseUrl } });
const start = process.hrtime.bigint();
for (let i = 0; i < calls; i++) {
  const r = await ai.models.generateContent({ model: 'gemini-2.0-flash', contents: 'Why is the sky blue?' });
  if (!r.text) throw new Error('no text');
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
if (!once) console.log(`js ${calls} ${seconds.toFixed(6)} ${Math.round(calls / seconds)}`);
