import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOpenAIVideos, type FakeOpenAIVideos, type FakeOpenAIVideosOptions } from '../fakes/openai-videos/index';

const API_KEY = 'sk-fake-limits-key-0001';

/** The fake's own rules, on a scripted clock: the multi-worker e2e tests trust these counts. */
describe('fake OpenAI Videos: provider limits and scripted outages', () => {
  let fake: FakeOpenAIVideos | undefined;
  let clock = 1_000_000;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  async function start(options: Partial<FakeOpenAIVideosOptions>) {
    clock = 1_000_000;
    fake = await startFakeOpenAIVideos({ apiKey: API_KEY, completeAfterMs: 1000, now: () => clock, ...options });
    return fake;
  }

  async function create(prompt = 'a test video') {
    const response = await fetch(`${fake!.baseUrl}/videos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sora-2', prompt }),
    });
    const body = (await response.json()) as { id?: string; error?: { code: string | null; type: string; message: string } };
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
  }

  it('rpmLimit: the create past the limit in a sliding 60 s window is a 429 with Retry-After and a violation', async () => {
    await start({ rpmLimit: 3 });
    for (const at of [0, 10_000, 20_000]) {
      clock = 1_000_000 + at;
      expect((await create()).status).toBe(200);
    }
    clock = 1_000_000 + 30_000;
    const refused = await create();
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'rate_limit_exceeded', type: 'requests' });
    // The oldest create (t=0) leaves the window at t=60 s: 30 s from now.
    expect(refused.retryAfter).toBe('30');
    expect(fake!.stats()).toMatchObject({ creates: 3, violations: { rpm: 1, inFlight: 0 }, rateLimited: 0 });

    // The window slides: at exactly t=60 s the first create is out, one slot is free.
    clock = 1_000_000 + 60_000;
    expect((await create()).status).toBe(200);
    expect((await create()).status).toBe(429);
    const stats = fake!.stats();
    expect(stats.violations).toEqual({ rpm: 2, inFlight: 0 });
    expect(stats.createTimes).toEqual([1_000_000, 1_010_000, 1_020_000, 1_060_000]);
  });

  it('maxInFlight: jobs not yet completed or failed count; a finished job frees its slot', async () => {
    await start({ maxInFlight: 2 });
    expect((await create('[fail] fails halfway')).status).toBe(200); // ends failed at 500 ms
    expect((await create()).status).toBe(200); // ends completed at 1000 ms
    const refused = await create();
    expect(refused.status).toBe(429);
    expect(refused.body.error?.code).toBe('rate_limit_exceeded');
    expect(refused.retryAfter).toBe('1');

    clock += 500; // the [fail] job has failed: one slot is free
    expect((await create()).status).toBe(200);
    expect((await create()).status).toBe(429);
    clock += 500; // the plain job has completed
    expect((await create()).status).toBe(200);
    expect(fake!.stats()).toMatchObject({ creates: 4, violations: { rpm: 0, inFlight: 2 } });
  });

  it('setCreateFailure answers every create with that status, makes no job and counts no violation', async () => {
    await start({ rpmLimit: 1, maxInFlight: 1 });
    fake!.setCreateFailure(500);
    const failed = await create();
    expect(failed.status).toBe(500);
    expect(failed.body.error).toMatchObject({ type: 'server_error' });
    fake!.setCreateFailure(429);
    expect((await create()).status).toBe(429);
    fake!.setCreateFailure(503);
    expect((await create()).status).toBe(503);
    expect(fake!.stats()).toMatchObject({ creates: 0, serverErrors: 1, rateLimited: 1, createFailures: 3, violations: { rpm: 0, inFlight: 0 } });

    fake!.setCreateFailure(null);
    expect((await create()).status).toBe(200);
    expect(() => fake!.setCreateFailure(200)).toThrow(/400-599/);
  });

  it('without limits nothing is refused, and GET /__fake/stats serves the same figures to other processes', async () => {
    await start({});
    for (let i = 0; i < 25; i++) expect((await create()).status).toBe(200);
    const remote = (await (await fetch(fake!.baseUrl.replace(/\/v1$/, '/__fake/stats'))).json()) as Record<string, unknown>;
    expect(remote).toEqual(fake!.stats());
    expect(remote).toMatchObject({ creates: 25, violations: { rpm: 0, inFlight: 0 } });
    expect((remote.createTimes as number[]).length).toBe(25);
  });

  it('stats() is a snapshot: later creates do not change a copy already taken', async () => {
    await start({ rpmLimit: 5 });
    const before = fake!.stats();
    await create();
    expect(before.createTimes).toEqual([]);
    expect(fake!.stats().createTimes).toHaveLength(1);
  });
});
