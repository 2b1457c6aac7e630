import { sign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatAdapters, type ChatModel, type ChatModelSettings } from '@reelay/providers';
import { startVertexFake, type VertexFake } from '../fakes/chat/vertex/index';
import { withForeignKey, type ServiceAccountKeyFile } from '../fakes/chat/vertex/service-account';

/**
 * The Vertex fake must refuse what Google refuses (a badly signed grant, a missing or unknown
 * token, a body with `model` or without `anthropic_version`), and reelay's Vertex adapter must
 * get past all of it: one token per service account, whoever asks, renewed when it runs out.
 */

const LOCATION = 'us-east5';
const say = (text: string) => ({ body: { model: 'group-name', messages: [{ role: 'user', content: text }] } });
const call = () => ({ signal: new AbortController().signal });
const dir = mkdtempSync(join(tmpdir(), 'reelay-vertex-fake-'));

function adapterFor(fake: VertexFake, settings: Partial<ChatModelSettings> = {}): ChatModel {
  return chatAdapters.vertex_ai!.create({ model: fake.model, apiBase: fake.apiBase, vertexProject: fake.project, vertexLocation: LOCATION, vertexCredentials: fake.keyFileJson, ...settings });
}

function predictUrl(fake: VertexFake, method = 'rawPredict', model = fake.model): string {
  return `${fake.origin}/v1/projects/${fake.project}/locations/${LOCATION}/publishers/anthropic/models/${model}:${method}`;
}

/** A JWT-bearer grant signed by hand with a key file's key, as any Google client sends it. */
async function grant(fake: VertexFake, keyFile: ServiceAccountKeyFile, claims: Record<string, unknown> = {}): Promise<Response> {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iss: keyFile.client_email, scope: 'https://www.googleapis.com/auth/cloud-platform', aud: keyFile.token_uri, iat: now, exp: now + 3600, ...claims })}`;
  const assertion = `${unsigned}.${sign('sha256', Buffer.from(unsigned), keyFile.private_key).toString('base64url')}`;
  return fetch(keyFile.token_uri, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }) });
}

describe('the Vertex fake refuses what Google refuses', () => {
  let fake: VertexFake;
  beforeAll(async () => {
    fake = await startVertexFake();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('grants a token only for a JWT signed by the key file, for its audience and the cloud-platform scope', async () => {
    const granted = await grant(fake, fake.keyFile);
    expect(granted.status).toBe(200);
    expect(await granted.json()).toMatchObject({ access_token: expect.stringMatching(/^ya29\./), expires_in: 3600, token_type: 'Bearer' });
    expect(await (await grant(fake, withForeignKey(fake.keyFile))).json()).toEqual({ error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
    expect(await (await grant(fake, fake.keyFile, { aud: 'https://oauth2.googleapis.com/token' })).json()).toMatchObject({ error: 'invalid_grant', error_description: expect.stringMatching(/Failed audience check/) });
    expect(await (await grant(fake, fake.keyFile, { scope: 'https://www.googleapis.com/auth/userinfo.email' })).json()).toMatchObject({ error: 'invalid_scope' });
    expect(await (await grant(fake, fake.keyFile, { exp: Math.floor(Date.now() / 1000) + 7200 })).json()).toMatchObject({ error: 'invalid_grant', error_description: expect.stringMatching(/iat and exp/) });
    expect(fake.stats()).toMatchObject({ grants: 1, refusedGrants: 4 });
  });

  it('answers a missing or unknown token with Google\'s 401 array, and a wrong body with its 400', async () => {
    const body = JSON.stringify({ anthropic_version: 'vertex-2023-10-16', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] });
    const noToken = await fetch(predictUrl(fake), { method: 'POST', body });
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toEqual([{ error: { code: 401, message: expect.stringMatching(/^Request had invalid authentication credentials/), status: 'UNAUTHENTICATED' } }]);
    const token = ((await (await grant(fake, fake.keyFile)).json()) as { access_token: string }).access_token;
    const post = (payload: Record<string, unknown>, method = 'rawPredict') =>
      fetch(predictUrl(fake, method), { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    const withModel = await post({ ...JSON.parse(body), model: fake.model });
    expect(withModel.status).toBe(400);
    expect(((await withModel.json()) as Array<{ error: { status: string; message: string } }>)[0]!.error).toMatchObject({ status: 'INVALID_ARGUMENT', message: expect.stringMatching(/"model"/) });
    const noVersion = await post({ max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] });
    expect(((await noVersion.json()) as Array<{ error: { message: string } }>)[0]!.error.message).toMatch(/anthropic_version: "vertex-2023-10-16" is required in the body/);
    expect((await post(JSON.parse(body), 'streamRawPredict')).status).toBe(400);
    const answered = await post(JSON.parse(body));
    expect(answered.status).toBe(200);
    expect(await answered.json()).toMatchObject({ type: 'message', model: fake.model, content: [{ type: 'text', text: 'Hello from anthropic' }] });
  });

  it('another project is PERMISSION_DENIED as a bare object', async () => {
    const token = ((await (await grant(fake, fake.keyFile)).json()) as { access_token: string }).access_token;
    const denied = await fetch(predictUrl(fake).replace(fake.project, 'someone-else'), { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{}' });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ error: { code: 403, status: 'PERMISSION_DENIED' } });
  });
});

describe("reelay's Vertex adapter against the fake", () => {
  let fake: VertexFake;
  beforeAll(async () => {
    fake = await startVertexFake({ tokenLifetimeSeconds: 2 });
  });
  afterAll(async () => {
    await fake.close();
  });

  it('sends Anthropic\'s body without model and with anthropic_version, a bearer token and no Anthropic headers; answers and streams as Claude', async () => {
    const model = adapterFor(fake);
    const completion = JSON.parse((await model.complete(say('Hi'), call())).json) as { choices: Array<{ message: { content: string } }> };
    expect(completion.choices[0]!.message.content).toBe('Hello from anthropic');
    const sent = fake.received().at(-1)!;
    expect(sent.path).toBe(`/v1/projects/${fake.project}/locations/${LOCATION}/publishers/anthropic/models/${fake.model}:rawPredict`);
    expect(sent.body.model).toBeUndefined();
    expect(sent.body.anthropic_version).toBe('vertex-2023-10-16');
    expect(sent.headers.authorization).toMatch(/^Bearer ya29\./);
    expect(sent.headers['x-api-key']).toBeUndefined();
    expect(sent.headers['anthropic-version']).toBeUndefined();
    let text = '';
    for await (const part of await model.stream(say('Count [long=3]'), call())) if (part.type === 'chunk') text += (JSON.parse(part.json) as { choices: Array<{ delta?: { content?: string } }> }).choices[0]?.delta?.content ?? '';
    expect(text.trim()).toBe('w1 w2 w3');
    expect(fake.received().at(-1)!.path).toMatch(/:streamRawPredict$/);
  });

  it('one service account, one token: concurrent calls of two deployments (the key inline and as a file) share one grant; an expired token is renewed', async () => {
    // Past the lifetime of any token the test above left in the process-wide cache.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const keyPath = join(dir, 'key.json');
    writeFileSync(keyPath, fake.keyFileJson);
    const inline = adapterFor(fake);
    const fromFile = adapterFor(fake, { vertexCredentials: keyPath, vertexLocation: 'global' });
    const before = fake.stats().grants;
    const answers = await Promise.all([inline, fromFile, inline, fromFile, inline, fromFile].map((model) => model.complete(say('Hi'), call())));
    expect(answers).toHaveLength(6);
    expect(fake.stats().grants).toBe(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await fromFile.complete(say('Hi'), call());
    expect(fake.stats().grants).toBe(before + 2);
  });

  it('a token Google stops accepting is replaced on the spot: the call still answers', async () => {
    const model = adapterFor(fake);
    await model.complete(say('Hi'), call());
    const before = fake.stats();
    fake.revokeTokens();
    await expect(model.complete(say('Hi'), call())).resolves.toBeDefined();
    expect(fake.stats()).toMatchObject({ grants: before.grants + 1, rejectedAuth: before.rejectedAuth + 1 });
  });

  it('a key Google does not know fails the call with the grant\'s words and what to check, and never the key', async () => {
    const foreign = withForeignKey(fake.keyFile);
    const error = await adapterFor(fake, { vertexCredentials: JSON.stringify(foreign), vertexCredentialsEnv: 'VERTEX_CREDENTIALS' }).complete(say('Hi'), call()).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'UpstreamError', code: 'upstream_auth', isRetryable: false });
    const message = (error as Error).message;
    expect(message).toMatch(/the access-token grant for service account reelay-fake@reelay-fake-project\.iam\.gserviceaccount\.com failed: .*\/token answered 400 \(invalid_grant: Invalid JWT Signature\.\)/);
    expect(message).toMatch(/Check the service-account key in vertex_credentials \(os\.environ\/VERTEX_CREDENTIALS\)/);
    expect(message).not.toContain(foreign.private_key.slice(30, 90));
  });
});
