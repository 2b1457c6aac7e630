import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { REPO_ROOT } from '../support/processes';
import { startVertexFake, type VertexFake } from '../fakes/chat/vertex/index';
import { startTextGateway, TEXT_MASTER_KEY, type TextGateway } from '../support/text-gateway';

/**
 * Every text model of infra/config/reelay.example.yaml (the users' list), as written there,
 * with only api_base and the key pointed at the fake of its vendor: the prefix, the vendor
 * model id (a retired model's replacement included) and the protocol all have to work.
 */
interface Entry {
  model_name: string;
  litellm_params: Record<string, unknown> & { model: string };
}

const example = parse(readFileSync(`${REPO_ROOT}infra/config/reelay.example.yaml`, 'utf8')) as { model_list: Entry[] };
const VIDEO = /sora|veo|wan\d|seedance/;
const textEntries = example.model_list.filter((entry) => !VIDEO.test(entry.litellm_params.model));
const prefixOf = (entry: Entry) => entry.litellm_params.model.split('/')[0]!;
const servable = textEntries;

/** Sonar ids on Perplexity's Agent API (packages/providers/src/perplexity/perplexity-models.ts). */
const AGENT_ENGINES: Readonly<Record<string, Record<string, string>>> = {
  sonar: { model: 'perplexity/sonar' },
  'sonar-pro': { preset: 'low' },
  'sonar-reasoning-pro': { preset: 'low' },
  'sonar-deep-research': { preset: 'medium' },
};

let gateway: TextGateway;
let client: OpenAI;
let vertex: VertexFake;

beforeAll(async () => {
  vertex = await startVertexFake();
  gateway = await startTextGateway({
    config: (fakes) =>
      stringify({
        model_list: textEntries.map((entry) => {
          // Vertex: the entry's own os.environ/ credentials, the service account of the fake.
          if (prefixOf(entry) === 'vertex_ai') return { ...entry, litellm_params: { ...entry.litellm_params, api_base: vertex.apiBase } };
          const fake = fakes[prefixOf(entry)];
          if (!fake) return entry;
          return { ...entry, litellm_params: { ...entry.litellm_params, api_base: fake.apiBase, api_key: 'os.environ/TEXT_FAKE_KEY' } };
        }),
      }),
    env: { VERTEXAI_CREDENTIALS: vertex.keyFileJson, VERTEXAI_PROJECT: vertex.project, VERTEXAI_LOCATION: 'us-east5' },
  });
  client = new OpenAI({ apiKey: TEXT_MASTER_KEY, baseURL: `${gateway.baseUrl}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await gateway?.stop();
  await vertex?.close();
});

describe('every text model of the example config answers through its vendor protocol', () => {
  it('covers the whole list', () => {
    expect(servable.map((entry) => entry.model_name)).toEqual(expect.arrayContaining(['grok-4-1-fast-reasoning', 'doubao-pro-32k', 'gpt-5.2', 'claude-3-sonnet', 'gemini-2.5-flash-lite', 'qwen3-max', 'qwen-turbo', 'sonar', 'deepseek-chat', 'claude-sonnet-4-5']));
  });

  it.each(servable.map((entry) => [entry.model_name, entry] as const))('%s', async (name, entry) => {
    const answer = await client.chat.completions.create({ model: name, messages: [{ role: 'user', content: 'Hi' }] });
    expect(answer.choices[0]!.message.content).toMatch(/Hello/);
    // The vendor got the model id the example names (for a retired model: its replacement;
    // for a Sonar id, the Agent API model or preset it maps to).
    const id = entry.litellm_params.model.split('/').slice(1).join('/');
    if (prefixOf(entry) === 'vertex_ai') {
      // Vertex takes the model in the path, never in the body.
      expect(vertex.received().at(-1)!.path).toContain(`/publishers/anthropic/models/${id}:rawPredict`);
      return;
    }
    const fake = gateway.fakes[prefixOf(entry)]!;
    if (prefixOf(entry) === 'perplexity') expect(fake.received().at(-1)!.body).toMatchObject(AGENT_ENGINES[id]!);
    else expect(fake.received().at(-1)!.body.model).toBe(id);
  });
});
