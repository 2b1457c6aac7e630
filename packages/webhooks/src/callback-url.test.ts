import { describe, expect, it } from 'vitest';
import { checkCallbackUrl } from './callback-url';

describe('checkCallbackUrl', () => {
  it('holds callbacks to the egress policy under their own field name', () => {
    const refused = checkCallbackUrl('http://127.0.0.1:8080/hook', { allowPrivate: false });
    expect(refused).toMatchObject({ ok: false, reason: expect.stringMatching(/^callback_url points at a loopback address/) });
    expect(checkCallbackUrl('http://127.0.0.1:8080/hook', { allowPrivate: true }).ok).toBe(true);
  });

  it('says how a receiver authenticates instead of URL credentials', () => {
    const refused = checkCallbackUrl('https://user:pw@example.com/hook', { allowPrivate: false });
    expect(refused).toMatchObject({ ok: false, reason: expect.stringContaining('verify the webhook-signature header instead') });
  });
});
