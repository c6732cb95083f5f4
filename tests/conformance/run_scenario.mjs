// Runs one scenario with the official @google/genai SDK against the server at
// $GENAI_BASE_URL and prints {"text": ...} so the C twin's output can be
// compared. Usage: node run_scenario.mjs SCENARIO mldev|vertex
import { GoogleGenAI } from '@google/genai';

const [, , scenario, backend] = process.argv;
const baseUrl = process.env.GENAI_BASE_URL;
const apiKey = process.env.GENAI_API_KEY;
if (!baseUrl || !apiKey || !scenario || !backend) {
  console.error('usage: GENAI_BASE_URL=... GENAI_API_KEY=... node run_scenario.mjs SCENARIO mldev|vertex');
  process.exit(2);
}
const ai = new GoogleGenAI(backend === 'vertex'
  ? { vertexai: true, apiKey, httpOptions: { baseUrl } }
  : { apiKey, httpOptions: { baseUrl } });

// The seed snippets of docs/ (Python) in the JS SDK's form.
const scenarios = {
  generate_text: () => ai.models.generateContent({
    model: 'gemini-2.0-flash-001', contents: 'Why is the sky blue?',
  }),
  system_instructions: () => ai.models.generateContent({
    model: 'gemini-2.0-flash-001',
    contents: 'high',
    config: { systemInstruction: 'I say high, you say low', maxOutputTokens: 3, temperature: 0.3 },
  }),
  typed_config: () => ai.models.generateContent({
    model: 'gemini-2.0-flash-001',
    contents: { text: 'Why is the sky blue?' },
    config: {
      temperature: 0, topP: 0.95, topK: 20, candidateCount: 1, seed: 5, maxOutputTokens: 100,
      stopSequences: ['STOP!'], presencePenalty: 0.0, frequencyPenalty: 0.0,
    },
  }),
  safety_settings: () => ai.models.generateContent({
    model: 'gemini-2.0-flash-001',
    contents: 'Say something bad.',
    config: { safetySettings: [{ category: 'HARM_CATEGORY_HATE_SPEECH', threshold: 'BLOCK_ONLY_HIGH' }] },
  }),
};

const run = scenarios[scenario];
if (!run) {
  console.error(`unknown scenario ${scenario}`);
  process.exit(2);
}
try {
  const response = await run();
  console.log(JSON.stringify({ text: response.text ?? null }));
} catch (e) {
  console.error(`scenario ${scenario} failed: ${e}`);
  process.exit(1);
}
