import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOOGLE_TOKEN_URI, readServiceAccount } from './vertex-credentials';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const KEY_FILE = { type: 'service_account', project_id: 'key-project', private_key_id: 'abc', private_key: PEM, client_email: 'bot@key-project.iam.gserviceaccount.com', token_uri: 'https://oauth2.googleapis.com/token' };
const dir = mkdtempSync(join(tmpdir(), 'reelay-vertex-credentials-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
/** What a failed read says, checked never to quote the key. */
const problem = (value: string) => {
  try {
    readServiceAccount(value, 'vertex_credentials (os.environ/VERTEX_CREDENTIALS)');
  } catch (error) {
    const message = (error as Error).message;
    expect(message).not.toContain('PRIVATE KEY-----\n');
    expect(message).not.toContain(PEM.slice(40, 80));
    return message;
  }
  throw new Error('expected the read to fail');
};

describe('readServiceAccount', () => {
  it('reads the key as JSON text or as the path of its file', () => {
    for (const value of [JSON.stringify(KEY_FILE), `  ${JSON.stringify(KEY_FILE, null, 2)}\n`, file('key.json', JSON.stringify(KEY_FILE))]) {
      const account = readServiceAccount(value);
      expect(account).toMatchObject({ clientEmail: KEY_FILE.client_email, tokenUri: KEY_FILE.token_uri, projectId: 'key-project' });
      expect(account.privateKey.asymmetricKeyType).toBe('rsa');
    }
  });

  it("takes Google's token URI when the file names none, and a key whose line breaks were escaped twice", () => {
    const { token_uri: _dropped, ...rest } = KEY_FILE;
    expect(readServiceAccount(JSON.stringify(rest)).tokenUri).toBe(GOOGLE_TOKEN_URI);
    expect(readServiceAccount(JSON.stringify({ ...KEY_FILE, private_key: PEM.replace(/\n/g, '\\n') })).privateKey.type).toBe('private');
  });

  it.each([
    ['empty', '  ', /vertex_credentials \(os\.environ\/VERTEX_CREDENTIALS\) is empty/],
    ['a missing file', join(dir, 'nope.json'), /names the file .*nope\.json, which does not exist: give the path .* as the reelay process sees it/],
    ['a directory', dir, /which is a directory/],
    ['JSON that does not parse', `{"private_key": "${PEM.slice(0, 60)}`, /is not valid JSON: use the key file exactly as Google gave it/],
    ['a file that is not JSON', file('bad.json', `private_key=${PEM}`), /the file .*bad\.json .* is not valid JSON/],
    ['a gcloud user credential', JSON.stringify({ type: 'authorized_user', client_id: 'x', refresh_token: 'y' }), /is a "authorized_user" credential; reelay signs in with a service-account key .*Add key → JSON/],
    ['no client_email', JSON.stringify({ ...KEY_FILE, client_email: undefined }), /has no client_email/],
    ['no private_key', JSON.stringify({ ...KEY_FILE, private_key: '' }), /has no private_key/],
    ['a private_key that is no PEM', JSON.stringify({ ...KEY_FILE, private_key: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC' }), /private_key is not a readable PEM private key/],
    ['a token_uri that is no URL', JSON.stringify({ ...KEY_FILE, token_uri: 'oauth2.googleapis.com/token' }), /token_uri "oauth2\.googleapis\.com\/token" is not an http\(s\) URL/],
  ])('%s: says which field and how to fix it, without the key', (_case, value, message) => {
    expect(problem(value)).toMatch(message);
  });
});
