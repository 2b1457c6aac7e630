import { describe, expect, it } from 'vitest';
import { parseRegistry } from '@reelay/registry';
import type { DeploymentPeek, Refusal } from './deployment-limiter';
import { explainRoute, type RouteExplanation } from './explain-route';

const registry = parseRegistry(
  `model_list:
  - { model_name: tiered, litellm_params: { model: openai/gpt-4o, order: 1, weight: 8 }, model_info: { id: heavy } }
  - { model_name: tiered, litellm_params: { model: openai/gpt-4o, order: 1, weight: 2, rpm: 2 }, model_info: { id: light } }
  - { model_name: tiered, litellm_params: { model: openai/gpt-4o, order: 2, max_parallel_requests: 1 }, model_info: { id: backup } }
  - { model_name: spare, litellm_params: { model: openai/gpt-4o-mini, rpm: 30 }, model_info: { id: spare-a } }
  - { model_name: spare, litellm_params: { model: openai/gpt-4o-mini, rpm: 10 }, model_info: { id: spare-b } }
router_settings:
  fallbacks: [{ tiered: [spare] }]
`,
  { env: {} },
);

const idle: DeploymentPeek = { cooldownUntil: null, cooldownReason: null, requestsInWindow: 0, tokensInWindow: 0, inFlight: 0, failuresInWindow: 0, refusal: null };
const refused = (refusal: Omit<Refusal, 'ok'>, state: Partial<DeploymentPeek> = {}): DeploymentPeek => ({ ...idle, ...state, refusal: { ok: false, ...refusal } });
const cooling = (ms: number, why: string) => refused({ reason: 'cooldown', retryAfterMs: ms, used: 0, limit: 0 }, { cooldownUntil: Date.parse('2030-01-01T00:00:00Z'), cooldownReason: why });

function explain(live: Record<string, DeploymentPeek> | undefined, eligible: (id: string) => true | string = () => true): RouteExplanation {
  const map = live && new Map(registry.deployments.map((d) => [d.id, live[d.id] ?? idle]));
  return explainRoute({ registry, modelName: 'tiered', eligible: (d) => eligible(d.id), live: map });
}

const row = (explanation: RouteExplanation, id: string) =>
  explanation.groups.flatMap((g) => g.tiers.flatMap((t) => t.deployments)).find((entry) => entry.deployment.id === id)!;

describe('explainRoute', () => {
  it('lists the group then its fallbacks, tier by tier, with the shares the weighted pick uses; next is the lowest tier', () => {
    const explanation = explain({});
    expect(explanation.groups.map((g) => [g.modelName, g.fallback, g.tiers.map((t) => [t.order, t.basis, t.deployments.map((d) => [d.deployment.id, d.share])])])).toEqual([
      ['tiered', false, [[1, 'weight', [['heavy', 0.8], ['light', 0.2]]], [2, 'equal', [['backup', 1]]]]],
      ['spare', true, [[0, 'rpm', [['spare-a', 0.75], ['spare-b', 0.25]]]]],
    ]);
    expect(explanation.next).toEqual({ kind: 'route', modelName: 'tiered', fallback: false, tier: 1, chances: [{ id: 'heavy', chance: 0.8 }, { id: 'light', chance: 0.2 }], excluded: [] });
    expect(row(explanation, 'backup').limits).toEqual({ rpm: undefined, tpm: undefined, maxParallelRequests: 1 });
  });

  it('a deployment at a limit or cooling down is not eligible, says why, and the tier shares what is left', () => {
    const explanation = explain({ light: refused({ reason: 'rpm', retryAfterMs: 41_000, used: 2, limit: 2 }, { requestsInWindow: 2 }) });
    expect(row(explanation, 'light')).toMatchObject({ eligible: 'at rpm 2/2 (a slot frees in 41.0 s)', share: null });
    expect(explanation.next).toMatchObject({ kind: 'route', tier: 1, chances: [{ id: 'heavy', chance: 1 }], excluded: [{ id: 'light', reason: expect.stringMatching(/^at rpm 2\/2/) }] });
  });

  it('with the first tier cooling down the next tier is next; the reason has the end and what caused it', () => {
    const explanation = explain({ heavy: cooling(30_000, 'upstream_error: fake 500'), light: cooling(2_500, 'upstream_rate_limited: slow down') });
    expect(row(explanation, 'heavy').eligible).toBe('cooling down until 2030-01-01T00:00:00.000Z (30.0 s more) after upstream_error: fake 500');
    expect(explanation.groups[0]!.tiers[0]).toMatchObject({ basis: 'weight' });
    expect(explanation.next).toMatchObject({ kind: 'route', modelName: 'tiered', tier: 2, chances: [{ id: 'backup', chance: 1 }] });
  });

  it('a group with nothing eligible hands over to its fallback group, as routeDeployment does', () => {
    const explanation = explain({ heavy: cooling(30_000, 'x'), light: cooling(30_000, 'x'), backup: refused({ reason: 'in_flight', retryAfterMs: 200_000, used: 1, limit: 1 }, { inFlight: 1 }) });
    expect(explanation.next).toMatchObject({ kind: 'route', modelName: 'spare', fallback: true, tier: 0, chances: [{ id: 'spare-a', chance: 0.75 }, { id: 'spare-b', chance: 0.25 }] });
    expect((explanation.next as { excluded: unknown[] }).excluded).toHaveLength(3);
  });

  it('nothing eligible anywhere: wait for the soonest capacity (an in-flight slot is looked at again within 2 s), fallbacks labelled', () => {
    const full = refused({ reason: 'rpm', retryAfterMs: 9_000, used: 30, limit: 30 });
    const explanation = explain({ heavy: cooling(30_000, 'x'), light: cooling(5_000, 'x'), backup: refused({ reason: 'in_flight', retryAfterMs: 200_000, used: 1, limit: 1 }), 'spare-a': full, 'spare-b': full });
    expect(explanation.next.kind).toBe('wait');
    if (explanation.next.kind !== 'wait') return;
    expect(explanation.next.retryAfterMs).toBe(2_000);
    expect(explanation.next.excluded.map((e) => e.id)).toEqual(['heavy', 'light', 'backup', 'spare-a (fallback spare)', 'spare-b (fallback spare)']);
  });

  it('nothing that can serve this kind of request is `none`, each with its reason', () => {
    const explanation = explain({}, (id) => (id === 'backup' ? true : 'its mode is chat, not video_generation'));
    expect(explanation.next).toMatchObject({ kind: 'route', tier: 2 });
    const none = explain({}, () => 'its mode is chat, not video_generation');
    expect(none.next).toMatchObject({ kind: 'none' });
    expect(none.next.excluded).toHaveLength(5);
  });

  it('without live state (Redis unreachable) only the config decides', () => {
    const explanation = explain(undefined);
    expect(row(explanation, 'light')).toMatchObject({ state: undefined, eligible: true, share: 0.2 });
    expect(explanation.next).toMatchObject({ kind: 'route', tier: 1 });
  });

  it('when the only weighted deployment is out, the rest of the tier is weighted as pickDeployment weights it (by rpm here)', () => {
    const explanation = explain({ heavy: cooling(1_000, 'x') });
    expect(explanation.groups[0]!.tiers[0]).toMatchObject({ basis: 'weight' });
    const onlyRpm = explainRoute({ registry, modelName: 'spare', eligible: (d) => (d.id === 'spare-b' ? 'x' : true) });
    expect(onlyRpm.groups[0]!.tiers[0]).toMatchObject({ basis: 'rpm', deployments: [{ share: 1 }, { share: null }] });
  });
});
