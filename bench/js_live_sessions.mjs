// N Live API sessions at once with the official @google/genai SDK (the pinned
// copy of tests/conformance; ai.live.connect over the `ws` package), against
// the server at BASE_URL: each sends one text turn, reads to turnComplete and
// closes. Prints one table row per N in the format of bench_live_sessions:
// the wall time, the peak of the V8 heap and of the process's RSS (sampled
// every 5 ms) above the baseline, per session.
//
//   node js_live_sessions.mjs BASE_URL N...
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../tests/conformance/package.json'));
const { GoogleGenAI, Modality } = require('@google/genai');

const [, , baseUrl, ...sizes] = process.argv;
if (!baseUrl || !sizes.length) {
  console.error('usage: node js_live_sessions.mjs BASE_URL N...');
  process.exit(2);
}

async function run(n) {
  const ai = new GoogleGenAI({ apiKey: 'bench-key', httpOptions: { baseUrl } });
  if (global.gc) global.gc();
  const heapBase = process.memoryUsage().heapUsed, rssBase = process.memoryUsage().rss;
  let heapPeak = heapBase, rssPeak = rssBase;
  const sample = () => {
    const m = process.memoryUsage();
    if (m.heapUsed > heapPeak) heapPeak = m.heapUsed;
    if (m.rss > rssPeak) rssPeak = m.rss;
  };
  const sampler = setInterval(sample, 5);
  let messages = 0;
  const start = process.hrtime.bigint();
  const one = () => new Promise((resolve, reject) => {
    let session;
    let done = false;
    ai.live.connect({
      model: 'gemini-live-2.5-flash-preview',
      config: { responseModalities: [Modality.TEXT] },
      callbacks: {
        onmessage: (m) => {
          messages++;
          sample();
          if (m.serverContent?.turnComplete && !done) { done = true; session.close(); resolve(); }
        },
        onerror: (e) => { if (!done) { done = true; reject(new Error(`live error: ${e.message ?? e}`)); } },
        onclose: (e) => { if (!done) { done = true; reject(new Error(`closed early: ${e.code} ${e.reason}`)); } },
      },
    }).then((s) => {
      session = s;
      s.sendClientContent({ turns: 'Tell me a story in a few words please', turnComplete: true });
    }, reject);
  });
  await Promise.all(Array.from({ length: n }, one));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  clearInterval(sampler);
  const heap = Math.max(0, heapPeak - heapBase), rss = Math.max(0, rssPeak - rssBase);
  console.log(`| @google/genai (ai.live.connect, Promise.all) | ${n} | ${seconds.toFixed(2)} s | ${Math.round(n / seconds)} | ${messages} | ${Math.round(heap / n)} B | ${Math.round(rss / n)} B |`);
}

for (const n of sizes) await run(Number(n));
