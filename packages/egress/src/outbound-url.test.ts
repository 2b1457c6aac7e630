import { describe, expect, it } from 'vitest';
import { isPublicAddress } from './address-policy';
import { checkOutboundUrl } from './outbound-url';

const checkCallbackUrl = (url: string, options: { allowPrivate: boolean }) => checkOutboundUrl(url, { ...options, field: 'callback_url' });

function reasonFor(url: string): string {
  const result = checkCallbackUrl(url, { allowPrivate: false });
  if (result.ok) throw new Error(`expected ${url} to be rejected`);
  return result.reason;
}

describe('checkOutboundUrl', () => {
  it.each([
    ['http://127.0.0.1/hook', /loopback address \(127\.0\.0\.1\)/],
    ['http://0x7f000001/hook', /loopback address \(127\.0\.0\.1\)/],
    ['http://2130706433/hook', /loopback address \(127\.0\.0\.1\)/],
    ['http://0177.0.0.1/hook', /loopback/],
    ['http://127.1/hook', /loopback/],
    ['http://[::1]/hook', /loopback address \(::1\)/],
    ['http://[::ffff:127.0.0.1]/hook', /loopback address \(::ffff:7f00:1, which is 127\.0\.0\.1\)/],
    ['http://10.0.0.1/hook', /private address/],
    ['http://192.168.1.1/hook', /private address/],
    ['http://172.16.0.1/hook', /private address/],
    ['http://[fd12::1]/hook', /private \(unique-local\) address/],
    ['http://169.254.169.254/latest/meta-data/', /cloud metadata address \(169\.254\.169\.254\)/],
    ['http://[fd00:ec2::254]/', /cloud metadata address/],
    ['http://169.254.1.1/', /link-local address/],
    ['http://[fe80::1]/', /link-local address/],
    ['http://100.64.0.1/hook', /carrier-grade NAT address/],
    ['http://0.0.0.0/hook', /unspecified address/],
    ['http://0/hook', /unspecified address/],
    ['http://224.0.0.1/hook', /multicast address/],
    ['http://240.0.0.1/hook', /reserved address/],
    ['http://localhost:3000/hook', /localhost/],
    ['http://LOCALHOST./hook', /localhost/],
    ['http://api.localhost/hook', /localhost/],
  ])('rejects %s', (url, expected) => {
    const reason = reasonFor(url);
    expect(reason).toMatch(expected);
    expect(reason).toMatch(/^callback_url points at /);
    expect(reason).toContain('unless WEBHOOK_ALLOW_PRIVATE=true');
  });

  it('rejects schemes other than http(s), naming the one it got', () => {
    expect(reasonFor('ftp://example.com/hook')).toBe('callback_url must be http(s); got ftp:');
    expect(reasonFor('file:///etc/passwd')).toBe('callback_url must be http(s); got file:');
  });

  it('rejects credentials in the URL, even when private addresses are allowed', () => {
    expect(reasonFor('http://user:pw@example.com/hook')).toMatch(/must not contain credentials/);
    const allowed = checkCallbackUrl('http://user@127.0.0.1/hook', { allowPrivate: true });
    expect(allowed.ok).toBe(false);
  });

  it('rejects something that is not a URL', () => {
    expect(reasonFor('/relative/hook')).toMatch(/must be an absolute http\(s\) URL/);
  });

  it.each(['https://example.com/hook', 'http://93.184.216.34/x', 'https://[2606:4700::1111]/hook', 'https://hooks.example.com:8443/a?b=c'])(
    'accepts %s',
    (url) => {
      const result = checkCallbackUrl(url, { allowPrivate: false });
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.url.href).toBe(new URL(url).href);
    },
  );

  it('does not resolve hostnames (a name pointing at a private address is caught at connect time)', () => {
    expect(checkCallbackUrl('http://internal.example/hook', { allowPrivate: false }).ok).toBe(true);
  });

  it('lets loopback and private addresses through with allowPrivate', () => {
    for (const url of ['http://127.0.0.1:8080/hook', 'http://localhost/hook', 'http://[::1]/', 'http://10.0.0.1/']) {
      expect(checkCallbackUrl(url, { allowPrivate: true }).ok).toBe(true);
    }
    expect(checkCallbackUrl('ftp://127.0.0.1/', { allowPrivate: true }).ok).toBe(false);
  });
});

describe('isPublicAddress', () => {
  it.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:93.184.216.34'])('%s is public', (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });

  it.each(['127.0.0.1', '::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '10.1.2.3', '169.254.169.254', 'fd00:ec2::254', '100.64.0.1', '0.0.0.0', '::', 'ff02::1', 'not-an-ip', ''])(
    '%s is not public',
    (ip) => {
      expect(isPublicAddress(ip)).toBe(false);
    },
  );
});
