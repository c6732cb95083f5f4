// N streaming calls at once with the official @google/genai SDK (the pinned
// copy of tests/conformance), against the server at BASE_URL: Promise.all of
// generateContentStream, each read to its end. Prints one table row per N
// in the format of bench_concurrent_streams: the wall time, and the peak of
// the V8 heap (sampled every 5 ms) above the baseline, per call in flight.
//
//   node js_concurrent_streams.mjs BASE_URL N...
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../tests/conformance/package.json'));
const { GoogleGenAI } = require('@google/genai');

const [, , baseUrl, ...sizes] = process.argv;
if (!baseUrl || !sizes.length) {
  console.error('usage: node js_concurrent_streams.mjs BASE_URL N...');
  process.exit(2);
}

async function run(n) {
  const ai = new GoogleGenAI({ apiKey: 'bench-key', httpOptions: { baseUrl } });
  if (global.gc) global.gc();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  const sampler = setInterval(() => {
    const used = process.memoryUsage().heapUsed;
    if (used > peak) peak = used;
  }, 5);
  let chunks = 0;
  const start = process.hrtime.bigint();
  const one = async () => {
    const stream = await ai.models.generateContentStream({
      model: 'gemini-2.0-flash', contents: 'Tell me a story in a few words please',
    });
    for await (const chunk of stream) {
      if (chunk.text !== undefined) chunks++;
      const used = process.memoryUsage().heapUsed;
      if (used > peak) peak = used;
    }
  };
  await Promise.all(Array.from({ length: n }, one));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  clearInterval(sampler);
  const grew = Math.max(0, peak - baseline);
  console.log(`| @google/genai (Promise.all) | ${n} | ${seconds.toFixed(2)} s | ${Math.round(n / seconds)} | ${chunks} | ${grew} B | ${Math.round(grew / n)} B |`);
}

for (const n of sizes) await run(Number(n));
