import { describe, expect, it } from 'vitest';
import { explainRoute, type DeploymentPeek } from '@reelay/limits';
import type { Modality } from '@reelay/providers';
import { parseRegistry } from '@reelay/registry';
import { eligibilityFor, presentExplanation } from './route-explain-view';

const registry = parseRegistry(
  `model_list:
  - { model_name: text, litellm_params: { model: openai/gpt-4o, order: 1, weight: 8, rpm: 2, tpm: 5000 }, model_info: { id: a } }
  - { model_name: text, litellm_params: { model: openai/gpt-4o, order: 1, weight: 2 }, model_info: { id: b } }
  - { model_name: text, litellm_params: { model: xai/grok-4, order: 2 }, model_info: { id: c } }
  - { model_name: vertex-gemini, litellm_params: { model: vertex_ai/gemini-2.5-pro }, model_info: { id: g } }
  - { model_name: sora, litellm_params: { model: openai/sora-2, max_parallel_requests: 1 }, model_info: { id: s } }
`,
  { env: {} },
);

const NOW = Date.parse('2030-01-01T00:00:00Z');
const idle: DeploymentPeek = { cooldownUntil: null, cooldownReason: null, requestsInWindow: 0, tokensInWindow: 0, inFlight: 0, failuresInWindow: 0, refusal: null };
const cooling = (ms: number): DeploymentPeek => ({ ...idle, cooldownUntil: NOW + ms, cooldownReason: 'upstream_error: fake 500', refusal: { ok: false, reason: 'cooldown', retryAfterMs: ms, used: 0, limit: 0 } });

function view(model: string, mode: Modality, peeks: Record<string, DeploymentPeek> | undefined) {
  const live = peeks && new Map(registry.deployments.map((d) => [d.id, peeks[d.id] ?? idle]));
  const explanation = explainRoute({ registry, modelName: model, eligible: eligibilityFor(mode), live });
  const lastErrors = peeks && new Map(registry.deployments.map((d) => [d.id, peeks[d.id]?.cooldownReason ? { at: NOW - 1000, code: 'upstream_error', message: 'fake 500' } : null]));
  return presentExplanation({ registry, model, mode, tokens: 0, explanation, lastErrors, unreachable: peeks ? undefined : 'connect ECONNREFUSED 127.0.0.1:6379', now: NOW });
}

describe('presentExplanation', () => {
  it('shows each deployment with its limits, headroom, share and eligibility, and the tier tried first', () => {
    const body = view('text', 'chat', { a: { ...idle, requestsInWindow: 1, tokensInWindow: 1200, inFlight: 1 } });
    expect(body).toMatchObject({ object: 'route.explanation', model: 'text', mode: 'chat', live: true, checked_at: '2030-01-01T00:00:00.000Z' });
    expect(body).not.toHaveProperty('note');
    const a = body.groups[0]!.tiers[0]!.deployments[0]!;
    expect(a).toEqual({
      id: 'a',
      provider: 'openai',
      model: 'gpt-4o',
      mode: 'chat',
      can_serve: { chat: true, video: false },
      weight: 8,
      share: 0.8,
      limits: { rpm: 2, tpm: 5000, max_parallel_requests: null },
      headroom: { rpm: { used: 1, limit: 2, left: 1 }, tpm: { used: 1200, limit: 5000, left: 3800 }, in_flight: { used: 1, limit: null, left: null } },
      failures_last_minute: 0,
      cooldown: null,
      last_error: null,
      eligible: true,
    });
    expect(body.next).toEqual({ kind: 'route', model_name: 'text', fallback: false, order: 1, deployments: [{ id: 'a', chance: 0.8 }, { id: 'b', chance: 0.2 }] });
  });

  it('a cooling deployment shows until when and why; with every tier out a chat request gets the 429 the chat path answers', () => {
    const body = view('text', 'chat', { a: cooling(30_000), b: cooling(4_200), c: cooling(60_000) });
    expect(body.groups[0]!.tiers[0]!.deployments[1]).toMatchObject({
      id: 'b',
      share: null,
      cooldown: { until: '2030-01-01T00:00:04.200Z', seconds_left: 4.2, reason: 'upstream_error: fake 500' },
      last_error: { at: '2029-12-31T23:59:59.000Z', code: 'upstream_error', message: 'fake 500' },
      eligible: false,
      reason: 'cooling down until 2030-01-01T00:00:04.200Z (4.2 s more) after upstream_error: fake 500',
    });
    expect(body.next).toMatchObject({ kind: 'wait', status: 429, type: 'rate_limit_error', code: 'no_deployment_available', retry_after_seconds: 5, clears_at: '2030-01-01T00:00:04.200Z' });
    expect((body.next as { message: string }).message).toMatch(/^No deployment of model "text" could take this request now\. \[1\] deployment "a": left out, cooling down until/);
  });

  it('nothing that can serve is the 503 the chat path answers; a chat request to a video group is its 400', () => {
    const none = view('vertex-gemini', 'chat', {});
    expect(none.next).toMatchObject({ kind: 'none', status: 503, code: 'no_deployment_available', retry_after_seconds: null });
    expect(none.groups[0]!.tiers[0]!.deployments[0]).toMatchObject({ can_serve: { chat: false, video: false }, eligible: false, reason: expect.stringContaining('vertex_ai') });
    expect(view('sora', 'chat', {}).next).toMatchObject({ kind: 'none', status: 400, code: 'model_not_chat' });
    expect(view('text', 'video', {}).next).toMatchObject({ kind: 'none', status: 400, code: 'model_not_video' });
  });

  it('a video job with no capacity is still accepted (202) and waits queued', () => {
    const full: DeploymentPeek = { ...idle, inFlight: 1, refusal: { ok: false, reason: 'in_flight', retryAfterMs: 250_000, used: 1, limit: 1 } };
    const body = view('sora', 'video', { s: full });
    expect(body.groups[0]!.tiers[0]!.deployments[0]).toMatchObject({ eligible: false, reason: 'at max_parallel_requests 1/1', headroom: { in_flight: { used: 1, limit: 1, left: 0 } } });
    expect(body.next).toMatchObject({ kind: 'wait', status: 202, retry_after_seconds: 2 });
    expect(view('sora', 'video', {}).next).toEqual({ kind: 'route', model_name: 'sora', fallback: false, order: 0, deployments: [{ id: 's', chance: 1 }] });
  });

  it('without Redis: live false, a note, the config only', () => {
    const body = view('text', 'chat', undefined);
    expect(body).toMatchObject({ live: false, note: expect.stringContaining('Redis is unreachable (connect ECONNREFUSED') });
    expect(body.groups[0]!.tiers[0]!.deployments[0]).toMatchObject({ limits: { rpm: 2 }, headroom: null, failures_last_minute: null, cooldown: null, eligible: true, share: 0.8 });
    expect(body.next).toMatchObject({ kind: 'route', order: 1 });
  });
});
