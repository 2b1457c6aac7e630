import { describe, expect, it } from 'vitest';
import { pickChances, pickDeployment, tierShares, type Deployment } from './index';

/** Seeded PRNG so distribution tests are deterministic. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function deployment(id: string, fields: Partial<Deployment> = {}): Deployment {
  return {
    id,
    modelName: 'sora-2',
    provider: 'openai',
    providerKnown: true,
    upstreamModel: 'sora-2',
    mode: 'video_generation',
    modeFromConfig: false,
    params: {},
    modelInfo: {},
    ...fields,
  };
}

function shareOf(candidates: Deployment[], id: string, picks = 10_000, seed = 42): number {
  const random = mulberry32(seed);
  let hits = 0;
  for (let i = 0; i < picks; i += 1) if (pickDeployment(candidates, { random }).deployment?.id === id) hits += 1;
  return hits / picks;
}

describe('pickDeployment', () => {
  it('always picks from the lowest order tier, whatever the weights', () => {
    const candidates = [
      deployment('backup', { order: 2, weight: 1000 }),
      deployment('primary', { order: 1 }),
      deployment('untiered-later', { order: 3 }),
    ];
    const random = mulberry32(1);
    for (let i = 0; i < 1000; i += 1) {
      const result = pickDeployment(candidates, { random });
      expect(result.deployment?.id).toBe('primary');
      expect(result.tier).toBe(1);
    }
  });

  it('puts deployments without order in tier 0', () => {
    const result = pickDeployment([deployment('ordered', { order: 1 }), deployment('plain')], { random: () => 0.99 });
    expect(result.deployment?.id).toBe('plain');
    expect(result.tier).toBe(0);
  });

  it('falls through to the next tier when the first is excluded, recording why', () => {
    const candidates = [
      deployment('d', { order: 3 }),
      deployment('a', { order: 1 }),
      deployment('b', { order: 1 }),
      deployment('c', { order: 2 }),
    ];
    const exclude = new Map([
      ['a', 'cooling down for 30 s'],
      ['b', 'at rpm limit (60)'],
    ]);
    const result = pickDeployment(candidates, { random: () => 0, exclude });
    expect(result.deployment?.id).toBe('c');
    expect(result.tier).toBe(2);
    expect(result.excluded).toEqual([
      { id: 'a', reason: 'cooling down for 30 s' },
      { id: 'b', reason: 'at rpm limit (60)' },
    ]);
  });

  it('splits 3:1 by weight within ±2 %', () => {
    const share = shareOf([deployment('heavy', { weight: 3 }), deployment('light', { weight: 1 })], 'heavy');
    expect(Math.abs(share - 0.75)).toBeLessThan(0.02);
  });

  it('gives a deployment without weight the default 1 next to weighted siblings', () => {
    const share = shareOf([deployment('heavy', { weight: 3 }), deployment('default')], 'heavy', 10_000, 7);
    expect(Math.abs(share - 0.75)).toBeLessThan(0.02);
  });

  it('weights by rpm share when no deployment of the tier has a weight', () => {
    const share = shareOf([deployment('big', { rpm: 300 }), deployment('small', { rpm: 100 })], 'big', 10_000, 3);
    expect(Math.abs(share - 0.75)).toBeLessThan(0.02);
  });

  it('falls back to tpm share when there is no rpm', () => {
    const share = shareOf([deployment('big', { tpm: 9000 }), deployment('small', { tpm: 1000 })], 'big', 10_000, 5);
    expect(Math.abs(share - 0.9)).toBeLessThan(0.02);
  });

  it('is uniform without weights or limits and handles the edge of random()', () => {
    const share = shareOf([deployment('a'), deployment('b')], 'a', 10_000, 11);
    expect(Math.abs(share - 0.5)).toBeLessThan(0.02);
    const almostOne = pickDeployment([deployment('a', { weight: 1 }), deployment('b', { weight: 1 })], { random: () => 0.9999999999 });
    expect(almostOne.deployment?.id).toBe('b');
  });

  it('returns no deployment when nothing is left', () => {
    expect(pickDeployment([], { random: Math.random })).toEqual({ deployment: undefined, excluded: [] });
    const result = pickDeployment([deployment('a')], { random: Math.random, exclude: new Map([['a', 'unhealthy']]) });
    expect(result.deployment).toBeUndefined();
    expect(result.tier).toBeUndefined();
    expect(result.excluded).toEqual([{ id: 'a', reason: 'unhealthy' }]);
  });
});

describe('tierShares and pickChances: the chances pickDeployment picks with', () => {
  it('name the basis and give each deployment the share the pick shows over 10,000 picks', () => {
    const tiers = [
      [deployment('a', { weight: 8 }), deployment('b', { weight: 2 })],
      [deployment('a', { weight: 3 }), deployment('b')],
      [deployment('a', { rpm: 300 }), deployment('b', { rpm: 100 })],
      [deployment('a', { tpm: 9000 }), deployment('b')],
      [deployment('a'), deployment('b')],
      [deployment('a', { rpm: 0 }), deployment('b', { rpm: 0 })],
    ];
    const expected = [
      ['weight', [0.8, 0.2]],
      ['weight', [0.75, 0.25]],
      ['rpm', [0.75, 0.25]],
      ['tpm', [1, 0]],
      ['equal', [0.5, 0.5]],
      ['rpm', [0.5, 0.5]],
    ] as const;
    for (const [index, tier] of tiers.entries()) {
      const { basis, shares } = tierShares(tier);
      const chances = pickChances(shares);
      expect(basis).toBe(expected[index]![0]);
      expect(chances).toEqual(expected[index]![1]);
      expect(Math.abs(shareOf(tier, 'a', 10_000, index + 1) - chances[0]!)).toBeLessThan(0.02);
    }
  });
});
