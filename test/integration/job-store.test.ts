import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdempotencyStore, JobStore, PollSet, newJobId, newJobRecord } from '@reelay/jobs';
import { freshRedisUrl } from '../support/redis';

let redis: Redis;
let store: JobStore;

beforeAll(async () => {
  redis = new Redis(await freshRedisUrl(2));
  store = new JobStore(redis, { prefix: 'test' });
});
afterAll(() => redis.disconnect());

function record(owner = 'owner-a', now = Date.now()) {
  return newJobRecord({
    id: newJobId(),
    owner,
    model: 'sora-2',
    provider: 'openai',
    request: { prompt: 'a cat', seconds: 4 },
    callbackUrl: null,
    metadata: { campaign: 'x' },
    warnings: [],
    now,
  });
}

describe('job store on real Redis', () => {
  it('round-trips a record', async () => {
    const job = record();
    await store.create(job);
    expect(await store.get(job.id)).toEqual(job);
    expect(await store.get('video_missing')).toBeUndefined();
  });

  it('applies allowed transitions and refuses any move out of a terminal status', async () => {
    const job = record();
    await store.create(job);
    expect(await store.update(job.id, { upstreamId: 'up_1', step: 'poll' }, 'in_progress')).toEqual({ applied: true, previous: 'queued' });
    expect(await store.update(job.id, { progress: 100, step: 'done' }, 'completed')).toEqual({ applied: true, previous: 'in_progress' });

    const late = await store.update(job.id, { progress: 10 }, 'in_progress');
    expect(late).toEqual({ applied: false, reason: 'status', current: 'completed' });
    expect(await store.update(job.id, { progress: 5 })).toEqual({ applied: false, reason: 'status', current: 'completed' });
    const after = await store.get(job.id);
    expect(after?.status).toBe('completed');
    expect(after?.progress).toBe(100);
    expect(await redis.ttl(`test:job:${job.id}`)).toBeGreaterThan(0);
  });

  it('a cancel wins over a concurrent late status update', async () => {
    const job = record();
    await store.create(job);
    await store.update(job.id, {}, 'in_progress');
    const [cancel, late] = await Promise.all([store.update(job.id, {}, 'cancelled'), store.update(job.id, { progress: 50 }, 'in_progress')]);
    expect(cancel.applied).toBe(true);
    const final = await store.get(job.id);
    expect(final?.status).toBe('cancelled');
    if (late.applied) expect(late.previous).toBe('in_progress');
  });

  it('reports a missing job', async () => {
    expect(await store.update('video_nope', { progress: 1 })).toEqual({ applied: false, reason: 'missing' });
  });

  it('pages an owner’s jobs newest first with a cursor, and hides other owners’ jobs', async () => {
    const base = Date.now() + 1_000_000;
    const mine = [0, 1, 2, 3, 4].map((i) => record('owner-list', base + i * 1000));
    for (const job of mine) await store.create(job);
    await store.create(record('someone-else', base));

    const first = await store.listByOwner('owner-list', { limit: 2, order: 'desc' });
    expect(first.data.map((j) => j.id)).toEqual([mine[4]!.id, mine[3]!.id]);
    expect(first.hasMore).toBe(true);
    const second = await store.listByOwner('owner-list', { limit: 10, order: 'desc', after: mine[3]!.id });
    expect(second.data.map((j) => j.id)).toEqual([mine[2]!.id, mine[1]!.id, mine[0]!.id]);
    expect(second.hasMore).toBe(false);
  });
});

describe('active jobs index (what the sweeper checks)', () => {
  it('holds a job from its creation until its side effects have run, oldest first', async () => {
    const older = record('owner-active', Date.now() - 60_000);
    const newer = record('owner-active');
    await store.create(newer);
    await store.create(older);
    const active = async () => store.activeIds(Date.now() + 1_000, { offset: 0, limit: 1_000 });
    const ours = async () => (await active()).filter((id) => id === older.id || id === newer.id);
    expect(await ours()).toEqual([older.id, newer.id]);
    expect(await store.activeIds(Date.now() - 30_000, { offset: 0, limit: 1_000 })).toContain(older.id);
    expect(await store.activeIds(Date.now() - 30_000, { offset: 0, limit: 1_000 })).not.toContain(newer.id);

    await store.update(older.id, {}, 'cancelled');
    expect(await ours()).toEqual([older.id, newer.id]); // terminal, but its webhook has not gone out yet
    await store.writeInternal(older.id, { step: 'done' });
    expect(await ours()).toEqual([newer.id]);
    await store.delete((await store.get(newer.id))!);
    expect(await ours()).toEqual([]);
  });
});

describe('idempotency keys', () => {
  it('same key and body replays, a different body is a mismatch, key order does not matter', async () => {
    const keys = new IdempotencyStore(redis, 'test');
    expect(await keys.claim('o', 'k1', { a: 1, b: 2 }, 'video_1')).toEqual({ kind: 'new' });
    expect(await keys.claim('o', 'k1', { b: 2, a: 1 }, 'video_2')).toEqual({ kind: 'replay', jobId: 'video_1' });
    expect(await keys.claim('o', 'k1', { a: 1, b: 3 }, 'video_3')).toEqual({ kind: 'mismatch', jobId: 'video_1' });
    expect(await keys.claim('other-owner', 'k1', { a: 1, b: 2 }, 'video_4')).toEqual({ kind: 'new' });
  });
});

describe('poll set (the tasks waiting for their next status call)', () => {
  const lane = 'video-test';
  const t0 = 1_700_000_000_000;
  let polls: PollSet;
  beforeAll(() => {
    polls = new PollSet(redis, { prefix: 'test' });
  });

  it('claims only due tasks, earliest first, at most `max`; a claimed task is out of reach until its claim runs out', async () => {
    await polls.watch(lane, 'late', t0 + 5_000);
    await polls.watch(lane, 'b', t0 - 10);
    await polls.watch(lane, 'a', t0 - 20);
    await polls.watch(lane, 'c', t0);

    const first = await polls.claimDue(lane, { now: t0, max: 2, claimMs: 60_000 });
    expect(first).toEqual({ jobIds: ['a', 'b'], nextDueAt: t0, pausedForMs: 0 });
    const second = await polls.claimDue(lane, { now: t0, max: 10, claimMs: 60_000 });
    expect(second.jobIds).toEqual(['c']);
    expect(second.nextDueAt).toBe(t0 + 5_000);
    expect((await polls.claimDue(lane, { now: t0 + 1_000, max: 10, claimMs: 60_000 })).jobIds).toEqual([]);

    // A worker that died holding a, b and c never writes their next call: they fall due again.
    expect((await polls.claimDue(lane, { now: t0 + 60_000, max: 10, claimMs: 60_000 })).jobIds).toEqual(['late', 'a', 'b', 'c']);
    for (const id of ['late', 'a', 'b', 'c']) await polls.unwatch(lane, id);
    expect(await polls.size(lane)).toBe(0);
  });

  it('a repeated watch keeps the due time; reschedule and wake never bring back a task no longer watched', async () => {
    await polls.watch(lane, 'x', t0 + 1_000);
    await polls.watch(lane, 'x', t0); // a submit step run twice
    expect(await polls.dueAt(lane, 'x')).toBe(t0 + 1_000);

    await polls.reschedule(lane, new Map([['x', t0 + 9_000], ['gone', t0]]));
    expect(await polls.dueAt(lane, 'x')).toBe(t0 + 9_000);
    expect(await polls.dueAt(lane, 'gone')).toBeUndefined();

    await polls.wake(lane, 'x');
    expect(await polls.dueAt(lane, 'x')).toBe(0);
    await polls.wake(lane, 'never-watched');
    expect(await polls.dueAt(lane, 'never-watched')).toBeUndefined();
    expect(await polls.dueCount(lane, t0)).toBe(1);
    await polls.unwatch(lane, 'x');
  });

  it('a status-call budget per second holds across claims (all workers share it), also across a second’s edge', async () => {
    const rated = 'video-rated';
    for (let i = 0; i < 10; i++) await polls.watch(rated, `r${i}`, 0);
    const second = Math.ceil(Date.now() / 1000 + 1) * 1000; // the start of a second, as the script sees it
    const claim = (at: number, perSecond?: number) => polls.claimDue(rated, { now: second + at, max: 10, claimMs: 60_000, perSecond });

    expect((await claim(100, 4)).jobIds).toEqual(['r0', 'r1', 'r2', 'r3']);
    expect(await claim(200, 4)).toMatchObject({ jobIds: [], pausedForMs: 800 }); // spent until the next second
    // Just past the edge the last second's four still count in full: no second burst of four.
    expect(await claim(1_000, 4)).toMatchObject({ jobIds: [], pausedForMs: 250 });
    // Halfway through, half of them have slid out of the window.
    expect((await claim(1_500, 4)).jobIds).toEqual(['r4', 'r5']);
    const full = await claim(1_600, 4); // 4 × 0.4 + 2 = 3.6 counted: wait until 0.6 more slides out
    expect(full.jobIds).toEqual([]);
    expect(Math.abs(full.pausedForMs - 150)).toBeLessThanOrEqual(1);
    expect((await claim(2_100, 4)).jobIds).toEqual(['r6', 'r7']); // 2 × 0.9 still counted: 2 left
    expect((await claim(2_200)).jobIds).toEqual(['r8', 'r9']); // no cap asked
    for (let i = 0; i < 10; i++) await polls.unwatch(rated, `r${i}`);
  });

  it('a paused lane hands out nothing until the pause ends', async () => {
    await polls.watch(lane, 'p', 0);
    await polls.pause(lane, 2_000);
    const paused = await polls.claimDue(lane, { now: Date.now(), max: 10, claimMs: 60_000 });
    expect(paused.jobIds).toEqual([]);
    expect(paused.pausedForMs).toBeGreaterThan(1_000);
    expect(paused.pausedForMs).toBeLessThanOrEqual(2_000);
    await redis.del('test:polls:{video-test}:paused'); // the pause running out
    expect((await polls.claimDue(lane, { now: Date.now(), max: 10, claimMs: 60_000 })).jobIds).toEqual(['p']);
    await polls.unwatch(lane, 'p');
  });
});
