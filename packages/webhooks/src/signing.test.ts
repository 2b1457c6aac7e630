import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, isValidWebhookSecret, signWebhook } from './signing';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('signWebhook', () => {
  const body = JSON.stringify({ type: 'video.completed', data: { id: 'video_1' } });

  it('produces headers that the standardwebhooks verifier accepts', () => {
    const headers = signWebhook({ secret, id: 'evt_1', timestamp: new Date(), body });
    expect(headers['webhook-id']).toBe('evt_1');
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('fails verification when the body was tampered with', () => {
    const headers = signWebhook({ secret, id: 'evt_1', timestamp: new Date(), body });
    const tampered = body.replace('video_1', 'video_2');
    expect(() => new Webhook(secret).verify(tampered, headers)).toThrow(/signature/i);
  });

  it('fails verification with another secret', () => {
    const headers = signWebhook({ secret, id: 'evt_1', timestamp: new Date(), body });
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
  });

  it('accepts the secret as raw base64 too', () => {
    const headers = signWebhook({ secret: secret.slice('whsec_'.length), id: 'evt_1', timestamp: new Date(), body });
    expect(() => new Webhook(secret).verify(body, headers)).not.toThrow();
  });

  it('sends the timestamp in unix seconds, per attempt', () => {
    const headers = signWebhook({ secret, id: 'evt_1', timestamp: new Date('2025-01-02T03:04:05.678Z'), body });
    expect(headers['webhook-timestamp']).toBe(String(Date.UTC(2025, 0, 2, 3, 4, 5) / 1000));
  });

  it("refuses ids with '.', which would make the signed content ambiguous", () => {
    expect(() => signWebhook({ secret, id: 'evt.1', timestamp: new Date(), body })).toThrow(/'\.'/);
  });
});

describe('webhook secrets', () => {
  it('generates secrets that validate and sign', () => {
    const generated = generateWebhookSecret();
    expect(generated).toMatch(/^whsec_/);
    expect(isValidWebhookSecret(generated)).toBe(true);
    expect(generateWebhookSecret()).not.toBe(generated);
  });

  it.each([
    ['whsec_ of 24 bytes', secret, true],
    ['whsec_ of 64 bytes', `whsec_${Buffer.alloc(64, 7).toString('base64')}`, true],
    ['no prefix', secret.slice('whsec_'.length), false],
    ['too short (16 bytes)', `whsec_${Buffer.alloc(16, 7).toString('base64')}`, false],
    ['too long (65 bytes)', `whsec_${Buffer.alloc(65, 7).toString('base64')}`, false],
    ['not base64', 'whsec_not base64 at all!!!!!!!!!!!!', false],
    ['base64url alphabet', `whsec_${'-_'.repeat(16)}`, false],
    ['empty', 'whsec_', false],
  ])('%s → %s', (_label, value, valid) => {
    expect(isValidWebhookSecret(value)).toBe(valid);
  });
});
