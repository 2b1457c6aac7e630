import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { REPO_ROOT } from '../support/processes';
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
/** Vertex AI Claude has no text adapter yet (issue 11): it must say so, not pretend. */
const servable = textEntries.filter((entry) => prefixOf(entry) !== 'vertex_ai');

let gateway: TextGateway;
let client: OpenAI;

beforeAll(async () => {
  gateway = await startTextGateway({
    config: (fakes) =>
      stringify({
        model_list: textEntries.map((entry) => {
          const fake = fakes[prefixOf(entry)];
          if (!fake) return entry;
          return { ...entry, litellm_params: { ...entry.litellm_params, api_base: fake.apiBase, api_key: 'os.environ/TEXT_FAKE_KEY' } };
        }),
      }).replace(/os\.environ\/VERTEXAI_(\w+)/g, 'dummy-vertex-$1'),
  });
  client = new OpenAI({ apiKey: TEXT_MASTER_KEY, baseURL: `${gateway.baseUrl}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await gateway?.stop();
});

describe('every text model of the example config answers through its vendor protocol', () => {
  it('covers the whole list', () => {
    expect(servable.map((entry) => entry.model_name)).toEqual(expect.arrayContaining(['grok-4-1-fast-reasoning', 'doubao-pro-32k', 'gpt-5.2', 'claude-3-sonnet', 'gemini-2.5-flash-lite', 'qwen3-max', 'qwen-turbo', 'sonar', 'deepseek-chat']));
  });

  it.each(servable.map((entry) => [entry.model_name, entry] as const))('%s', async (name, entry) => {
    const fake = gateway.fakes[prefixOf(entry)]!;
    const answer = await client.chat.completions.create({ model: name, messages: [{ role: 'user', content: 'Hi' }] });
    expect(answer.choices[0]!.message.content).toMatch(/Hello/);
    // The vendor got the model id the example names (for a retired model: its replacement).
    expect(fake.received().at(-1)!.body.model).toBe(entry.litellm_params.model.split('/').slice(1).join('/'));
  });

  it('Claude on Vertex says it cannot be served yet, naming the deployment and why', async () => {
    const error = await client.chat.completions.create({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(503);
    expect((error as Error).message).toMatch(/no chat adapter for vertex_ai/);
  });
});
