import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_STORED_TURN_CHARS, ReasoningVault } from '../../apps/api/src/chat/reasoning/reasoning-vault';
import { freshRedisUrl } from '../support/redis';

let redis: Redis;
const logger = pino({ level: 'silent' });

beforeAll(async () => {
  redis = new Redis(await freshRedisUrl(3));
});
afterAll(() => redis?.disconnect());

const origin = { provider: 'gemini', family: 'gemini', model: 'gemini-3.1-pro-preview' };
const call = (id: string) => ({ id, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } });
const forgotten = (ids: string[]) => ({
  model: 'g',
  messages: [{ role: 'user', content: 'Weather?' }, { role: 'assistant', content: null, tool_calls: ids.map(call) }, ...ids.map((id) => ({ role: 'tool', tool_call_id: id, content: 'sunny' }))],
});

describe('ReasoningVault on a real Redis', () => {
  it("restores what a client dropped, by any of the turn's tool call ids, for the same caller only, and expires it", async () => {
    const vault = new ReasoningVault(redis, logger, { prefix: 'vault-test', ttlSeconds: 120 });
    await vault.keep('owner-a', { origin, toolCallIds: ['call_1', 'call_2'], reasoningContent: 'thoughts', signatures: { call_1: 'SIG' } });

    const restored = await vault.restore('owner-a', forgotten(['call_1', 'call_2']));
    const assistant = (restored.body.messages as Array<Record<string, any>>)[1]!;
    expect(assistant.reasoning_content).toBe('thoughts');
    expect(assistant.tool_calls[0].extra_content).toEqual({ google: { thought_signature: 'SIG' } });
    // The second parallel call had no signature, and gets none.
    expect(assistant.tool_calls[1].extra_content).toBeUndefined();
    expect(restored.origins.get(1)).toEqual(origin);

    // A client that sends only the second call still finds the turn.
    const bySecond = await vault.restore('owner-a', forgotten(['call_2']));
    expect((bySecond.body.messages as Array<Record<string, any>>)[1]!.reasoning_content).toBe('thoughts');

    const otherCaller = await vault.restore('owner-b', forgotten(['call_1', 'call_2']));
    expect(otherCaller.origins.size).toBe(0);
    expect((otherCaller.body.messages as Array<Record<string, any>>)[1]!.reasoning_content).toBeUndefined();

    const ttl = await redis.ttl('vault-test:reasoning:owner-a:call_1');
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(120);
  });

  it("keeps what the client sent over the vault's copy", async () => {
    const vault = new ReasoningVault(redis, logger, { prefix: 'vault-test' });
    await vault.keep('owner-a', { origin, toolCallIds: ['call_9'], reasoningContent: 'stored' });
    const body = forgotten(['call_9']);
    (body.messages[1] as Record<string, unknown>).reasoning_content = 'client copy';
    const restored = await vault.restore('owner-a', body);
    expect((restored.body.messages as Array<Record<string, any>>)[1]!.reasoning_content).toBe('client copy');
  });

  it('without Redis the request goes on with what the client sent', async () => {
    const down = new Redis('redis://127.0.0.1:1', { enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
    down.on('error', () => undefined);
    const vault = new ReasoningVault(down, logger);
    const body = forgotten(['call_1']);
    await expect(vault.keep('owner-a', { origin, toolCallIds: ['call_1'], reasoningContent: 'x' })).resolves.toBeUndefined();
    const restored = await vault.restore('owner-a', body);
    expect(restored.body).toBe(body);
    down.disconnect();
  });

  it('does not keep a turn too large for Redis, and says so in the log only', async () => {
    const vault = new ReasoningVault(redis, logger, { prefix: 'vault-test' });
    await vault.keep('owner-a', { origin, toolCallIds: ['call_huge'], reasoningContent: 'x'.repeat(MAX_STORED_TURN_CHARS + 1) });
    expect(await redis.exists('vault-test:reasoning:owner-a:call_huge')).toBe(0);
  });

  it('costs no Redis call for a body without tool calls', async () => {
    const vault = new ReasoningVault(new Redis('redis://127.0.0.1:1', { lazyConnect: true }), logger);
    const body = { model: 'g', messages: [{ role: 'user', content: 'hi' }] };
    expect((await vault.restore('owner-a', body)).body).toBe(body);
  });
});
