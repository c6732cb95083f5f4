// Runs one scenario with the official @google/genai SDK against the server at
// $GENAI_BASE_URL and prints {"text": ...} so the C twin's output can be
// compared. Usage: node run_scenario.mjs SCENARIO mldev|vertex|vertex_adc
// (vertex_adc: Vertex AI with $GENAI_PROJECT and $GENAI_LOCATION and no API
// key: the SDK's Application Default Credentials, e.g. the metadata server
// at $GCE_METADATA_HOST). The live_* scenarios open a Live API session
// (WebSocket) and print the text collected up to turnComplete.
import { GoogleGenAI, Modality } from '@google/genai';

const [, , scenario, backend] = process.argv;
const baseUrl = process.env.GENAI_BASE_URL;
const apiKey = process.env.GENAI_API_KEY;
if (!baseUrl || (!apiKey && backend !== 'vertex_adc') || !scenario || !backend) {
  console.error('usage: GENAI_BASE_URL=... GENAI_API_KEY=... node run_scenario.mjs SCENARIO mldev|vertex|vertex_adc');
  process.exit(2);
}
const options = {
  mldev: { apiKey, httpOptions: { baseUrl } },
  vertex: { vertexai: true, apiKey, httpOptions: { baseUrl } },
  vertex_adc: {
    vertexai: true, project: process.env.GENAI_PROJECT, location: process.env.GENAI_LOCATION, httpOptions: { baseUrl },
  },
};
const ai = new GoogleGenAI(options[backend]);

// A Live session (ai.live.connect over the `ws` package): connects, lets `send`
// talk, collects the text of the messages up to the one with
// serverContent.turnComplete, closes, and resolves to {"text": ...}.
const liveTurn = (params, send) => new Promise((resolve, reject) => {
  let text = '';
  let session;
  let done = false;
  const finish = (fn) => { if (!done) { done = true; fn(); } };
  ai.live.connect({
    ...params,
    callbacks: {
      onmessage: (m) => {
        text += m.text ?? '';
        if (m.serverContent?.turnComplete) finish(() => { session.close(); resolve({ text }); });
      },
      onerror: (e) => finish(() => reject(new Error(`live error: ${e.message ?? e}`))),
      onclose: (e) => finish(() => reject(new Error(`live session closed: ${e.code} ${e.reason}`))),
    },
  }).then((s) => { session = s; send(s); }, (e) => finish(() => reject(e)));
});

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
  stream_text: async () => {
    let text = '';
    for await (const chunk of await ai.models.generateContentStream({
      model: 'gemini-2.0-flash-001', contents: 'Tell me a story in 300 words.',
    })) text += chunk.text ?? '';
    return { text };
  },
  stream_image_uri: async () => {
    let text = '';
    for await (const chunk of await ai.models.generateContentStream({
      model: 'gemini-2.0-flash-001',
      contents: [
        'What is this image about?',
        { fileData: { fileUri: 'gs://generativeai-downloads/images/scones.jpg', mimeType: 'image/jpeg' } },
      ],
    })) text += chunk.text ?? '';
    return { text };
  },
  stream_image_bytes: async () => {
    let text = '';
    for await (const chunk of await ai.models.generateContentStream({
      model: 'gemini-2.0-flash-001',
      contents: [
        'What is this image about?',
        { inlineData: { data: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', mimeType: 'image/png' } },
      ],
    })) text += chunk.text ?? '';
    return { text };
  },
  // Two messages; the second request carries the first turn. genai chat prints each reply on a line.
  chat: async () => {
    const chat = ai.chats.create({ model: 'gemini-2.0-flash-001' });
    const first = await chat.sendMessage({ message: 'tell me a story' });
    const second = await chat.sendMessage({ message: 'what happens next?' });
    return { text: `${first.text}\n${second.text}` };
  },
  count_tokens: async () => {
    const r = await ai.models.countTokens({ model: 'gemini-2.0-flash-001', contents: 'why is the sky blue?' });
    return { text: String(r.totalTokens) };
  },
  // One token per line, ID<TAB>TOKEN, as `genai compute-tokens` prints it.
  compute_tokens: async () => {
    const r = await ai.models.computeTokens({ model: 'gemini-2.0-flash-001', contents: 'why is the sky blue?' });
    const lines = [];
    for (const info of r.tokensInfo ?? []) {
      info.tokenIds.forEach((id, i) => lines.push(`${id}\t${Buffer.from(info.tokens[i], 'base64').toString('latin1')}`));
    }
    return { text: lines.join('\n') };
  },
  function_declarations: async () => {
    const r = await ai.models.generateContent({
      model: 'gemini-2.0-flash-001',
      contents: 'What is the weather like in Boston?',
      config: {
        tools: [{
          functionDeclarations: [{
            name: 'get_current_weather',
            description: 'Get the current weather in a given location',
            parameters: {
              type: 'OBJECT',
              properties: { location: { type: 'STRING', description: 'The city and state, e.g. San Francisco, CA' } },
              required: ['location'],
            },
          }],
        }],
      },
    });
    const call = r.functionCalls[0];
    return { text: `${call.name} ${JSON.stringify(call.args)}` };
  },
  json_schema: () => ai.models.generateContent({
    model: 'gemini-2.0-flash-001',
    contents: 'Give me information for the United States.',
    config: {
      responseMimeType: 'application/json',
      responseSchema: {
        required: ['name', 'population'],
        properties: { name: { type: 'STRING' }, population: { type: 'INTEGER' } },
        type: 'OBJECT',
        // The Python SDK (and genai-c after it) adds the properties' order to a dict schema; the JS SDK does not.
        propertyOrdering: ['name', 'population'],
      },
    },
  }),
  enum_schema: () => ai.models.generateContent({
    model: 'gemini-2.0-flash-001',
    contents: 'What instrument plays multiple notes at once?',
    config: {
      responseMimeType: 'text/x.enum',
      responseSchema: { type: 'STRING', enum: ['Percussion', 'String', 'Woodwind', 'Brass', 'Keyboard'] },
    },
  }),
  embed_content: async () => {
    const r = await ai.models.embedContent({
      model: 'text-embedding-004',
      contents: ['why is the sky blue?', 'What is your age?'],
      config: { outputDimensionality: 10 },
    });
    return { vectors: r.embeddings.map((e) => e.values) };
  },
  // The resource methods (issue 8): their requests are compared; they print a summary.
  models_get: async () => {
    const m = await ai.models.get({ model: 'gemini-2.5-flash' });
    return { name: m.name };
  },
  models_list: async () => {
    const names = [];
    for await (const m of await ai.models.list({ config: { pageSize: 5 } })) names.push(m.name);
    return { names };
  },
  caches_create: async () => {
    const c = await ai.caches.create({
      model: 'gemini-2.0-flash-001',
      config: {
        contents: 'hello there', systemInstruction: 'You are an expert', ttl: '600s', displayName: 'test cache',
      },
    });
    return { name: c.name };
  },
  batches_create: async () => {
    const job = await ai.batches.create({
      model: 'gemini-2.0-flash-001',
      src: [{ contents: [{ parts: [{ text: 'Hi' }], role: 'user' }] }],
      config: { displayName: 'job' },
    });
    return { name: job.name };
  },
  generate_images: async () => {
    const r = await ai.models.generateImages({
      model: 'imagen-3.0-generate-002',
      prompt: 'A robot',
      config: { numberOfImages: 1, outputMimeType: 'image/jpeg' },
    });
    return { images: r.generatedImages.length };
  },
  // Live API (WebSocket): one text turn as client content.
  live_text: () => liveTurn(
    { model: 'gemini-live-2.5-flash-preview', config: { responseModalities: [Modality.TEXT] } },
    (s) => s.sendClientContent({ turns: 'Hello', turnComplete: true }),
  ),
  // Live API with a config (system instruction, a function declaration, session
  // resumption) and the turn as realtime input text.
  live_config: () => liveTurn(
    {
      model: 'gemini-live-2.5-flash-preview',
      config: {
        responseModalities: [Modality.TEXT],
        systemInstruction: 'You are a terse assistant.',
        tools: [{
          functionDeclarations: [{
            name: 'get_current_weather',
            description: 'Get the current weather in a given location',
            parameters: {
              type: 'OBJECT',
              properties: { location: { type: 'STRING', description: 'The city and state, e.g. San Francisco, CA' } },
              required: ['location'],
            },
          }],
        }],
        sessionResumption: {},
      },
    },
    (s) => s.sendRealtimeInput({ text: 'Hello there' }),
  ),
};

const run = scenarios[scenario];
if (!run) {
  console.error(`unknown scenario ${scenario}`);
  process.exit(2);
}
try {
  const response = await run();
  // generateContent answers print their text; the others return what to print.
  console.log(JSON.stringify(response.candidates ? { text: response.text ?? null } : response));
} catch (e) {
  console.error(`scenario ${scenario} failed: ${e}`);
  process.exit(1);
}
