import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASTER_KEY, authedFetch, startGateway, type Gateway } from '../support/gateway';
import { freePort, startScript, waitFor, waitForHttp } from '../support/processes';

let gateway: Gateway;

beforeAll(async () => {
  gateway = await startGateway({ redisDb: 4 });
});
afterAll(async () => {
  await gateway?.stop();
});

type ErrorBody = { error: { message: string; type: string; param: string | null; code: string | null } };

async function expectError(response: Response, status: number, match: { param?: string | null; code?: string; message?: RegExp }) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await response.json()) as ErrorBody;
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  expect(body.error.message).not.toMatch(/\n\s+at /); // never a stack trace
  if (match.param !== undefined) expect(body.error.param).toBe(match.param);
  if (match.code) expect(body.error.code).toBe(match.code);
  if (match.message) expect(body.error.message).toMatch(match.message);
  return body;
}

const post = (json: unknown) => authedFetch(gateway.baseUrl, '/v1/video/generations', { json });

describe('bad requests get a clear 4xx in OpenAI’s error shape, never a 5xx', () => {
  it('missing key → 401, wrong key → 401', async () => {
    const none = await fetch(`${gateway.baseUrl}/v1/video/generations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await expectError(none, 401, { code: 'missing_api_key', message: /Authorization: Bearer/ });
    const wrong = await fetch(`${gateway.baseUrl}/v1/video/generations`, { method: 'POST', headers: { authorization: 'Bearer sk-nope', 'content-type': 'application/json' }, body: '{}' });
    const body = await expectError(wrong, 401, { code: 'invalid_api_key' });
    expect(body.error.type).toBe('authentication_error');
    const getWrong = await fetch(`${gateway.baseUrl}/v1/jobs/video_000000000000000000000000`, { headers: { authorization: 'Basic abc' } });
    await expectError(getWrong, 401, { code: 'invalid_api_key' });
  });

  it('invalid JSON → 400', async () => {
    const response = await authedFetch(gateway.baseUrl, '/v1/video/generations', { body: '{"model": "sora-2", prompt', headers: { 'content-type': 'application/json' } });
    await expectError(response, 400, { code: 'invalid_json', message: /not valid JSON/ });
  });

  it('missing or empty prompt → 400 naming prompt', async () => {
    await expectError(await post({ model: 'sora-2' }), 400, { param: 'prompt', message: /prompt/ });
    await expectError(await post({ model: 'sora-2', prompt: '   ' }), 400, { param: 'prompt', message: /must not be empty/ });
  });

  it('a field of the wrong type → 400 naming the field and what it got', async () => {
    await expectError(await post({ model: 'sora-2', prompt: 'x', seconds: { n: 4 } }), 400, { param: 'seconds' });
    await expectError(await post({ model: 'sora-2', prompt: 'x', seed: 'abc' }), 400, { param: 'seed', message: /got the string "abc"/ });
    await expectError(await post({ model: 'sora-2', prompt: 'x', metadata: { n: 1 } }), 400, { param: 'metadata.n' });
    await expectError(await post(['model', 'sora-2']), 400, { code: 'invalid_body' });
  });

  it('an unknown field → 400 naming it', async () => {
    await expectError(await post({ model: 'sora-2', prompt: 'x', callbackUrl: 'https://example.com' }), 400, {
      param: 'callbackUrl',
      code: 'unknown_parameter',
      message: /callbackUrl.*Known fields: .*callback_url/,
    });
  });

  it('an unknown model → 404 that lists the model names that exist', async () => {
    await expectError(await post({ model: 'sora-3', prompt: 'x' }), 404, { param: 'model', code: 'model_not_found', message: /"sora-3" does not exist.*sora-2, sora-2-pro, veo-3\.1-generate-preview, wan2\.6-t2v/ });
    await expectError(await post({ prompt: 'x' }), 400, { param: 'model', code: 'missing_parameter' });
  });

  it('a value the model cannot take → 400 before any paid call, listing what is allowed', async () => {
    const before = gateway.fake.stats().creates;
    await expectError(await post({ model: 'sora-2', prompt: 'x', seconds: 5 }), 400, { param: 'seconds', message: /4, 8, 12, 16, 20; got 5/ });
    await expectError(await post({ model: 'sora-2', prompt: 'x', size: '1920x1080' }), 400, { param: 'size', message: /sora-2-pro/ });
    await expectError(await post({ model: 'sora-2', prompt: 'x', size: 'big' }), 400, { param: 'size', message: /WIDTHxHEIGHT/ });
    expect(gateway.fake.stats().creates).toBe(before);
  });

  it('an option the vendor ignores is accepted with a warning on the job, not dropped silently', async () => {
    const response = await post({ model: 'sora-2', prompt: 'x', seed: 7, negative_prompt: 'blur' });
    expect(response.status).toBe(202);
    const job = (await response.json()) as { warnings: string[] };
    expect(job.warnings).toEqual([
      'negative_prompt is not supported by OpenAI Videos and was not sent.',
      'seed is not supported by OpenAI Videos and was not sent.',
    ]);
  });

  it('Veo at 1080p needs 8 s: a 400 that says so, before any paid call', async () => {
    await expectError(await post({ model: 'veo-3.1-generate-preview', prompt: 'x', resolution: '1080p', seconds: 4 }), 400, { message: /8/ });
  });

  it('an unsafe callback_url → 400 (checked against the egress policy)', async () => {
    await expectError(await post({ model: 'sora-2', prompt: 'x', callback_url: 'ftp://example.com/hook' }), 400, { param: 'callback_url', code: 'invalid_callback_url' });
  });

  it('Idempotency-Key: same body → same job, different body → 422', async () => {
    const headers = { 'idempotency-key': `key-${Date.now()}` };
    const first = await authedFetch(gateway.baseUrl, '/v1/video/generations', { json: { model: 'sora-2', prompt: 'once' }, headers });
    const again = await authedFetch(gateway.baseUrl, '/v1/video/generations', { json: { prompt: 'once', model: 'sora-2' }, headers });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
    const other = await authedFetch(gateway.baseUrl, '/v1/video/generations', { json: { model: 'sora-2', prompt: 'different' }, headers });
    await expectError(other, 422, { code: 'idempotency_key_reused' });
  });

  it('unknown job id and unknown route → 404 in the same shape', async () => {
    await expectError(await authedFetch(gateway.baseUrl, '/v1/jobs/video_ffffffffffffffffffffffff'), 404, { code: 'video_not_found' });
    await expectError(await authedFetch(gateway.baseUrl, '/v1/jobs/not-an-id'), 404, { code: 'video_not_found' });
    await expectError(await authedFetch(gateway.baseUrl, '/v1/nothing-here'), 404, { code: 'route_not_found' });
  });

  it('bodies nested thousands of levels deep → 400, never a stack overflow', async () => {
    const deepObject = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
    for (const field of ['metadata', 'provider_options', 'input_reference']) {
      const response = await authedFetch(gateway.baseUrl, '/v1/video/generations', {
        body: `{"model":"sora-2","prompt":"x","${field}":${deepObject(5000)}}`,
        headers: { 'content-type': 'application/json' },
      });
      await expectError(response, 400, { code: 'body_too_deep', message: /more than 32 levels deep/ });
    }
    const form = new FormData();
    form.set('model', 'sora-2');
    form.set('prompt', 'x');
    form.set('provider_options', deepObject(5000));
    await expectError(await authedFetch(gateway.baseUrl, '/v1/videos', { body: form as unknown as string }), 400, { code: 'body_too_deep' });
  });

  it('multipart bodies with a missing or wrong boundary, or cut short → 400 invalid_multipart', async () => {
    const part = (boundary: string) => `--${boundary}\r\nContent-Disposition: form-data; name="model"\r\n\r\nsora-2\r\n`;
    const cases: Array<[string, string]> = [
      ['multipart/form-data', `${part('abc')}--abc--\r\n`],
      ['multipart/form-data; boundary=zzz', `${part('abc')}--abc--\r\n`],
      ['multipart/form-data; boundary=abc', `${part('abc')}--abc\r\nContent-Disposition: form-data; name="prompt"\r\n\r\nhel`],
    ];
    for (const [contentType, body] of cases) {
      const response = await authedFetch(gateway.baseUrl, '/v1/videos', { body, headers: { 'content-type': contentType } });
      await expectError(response, 400, { code: 'invalid_multipart', message: /multipart body could not be read .*boundary/ });
    }
  });

  it('documented size limits: a 15 MB JSON body → 413, a 2 MB prompt and 100 KB of provider_options → 400', async () => {
    const big = JSON.stringify({ model: 'sora-2', prompt: 'x', negative_prompt: 'n'.repeat(15 * 1024 * 1024) });
    await expectError(await authedFetch(gateway.baseUrl, '/v1/video/generations', { body: big, headers: { 'content-type': 'application/json' } }), 413, {
      code: 'body_too_large',
      message: /larger than the 14 MB limit/,
    });
    await expectError(await post({ model: 'sora-2', prompt: 'p'.repeat(2 * 1024 * 1024) }), 400, { param: 'prompt', message: /32000 characters at most/ });
    await expectError(await post({ model: 'sora-2', prompt: 'x', provider_options: { pad: 'p'.repeat(100 * 1024) } }), 400, { param: 'provider_options', message: /64 KB/ });
    const form = new FormData();
    form.set('model', 'sora-2');
    form.set('prompt', 'x');
    form.set('input_reference', new Blob([new Uint8Array(11 * 1024 * 1024)], { type: 'image/png' }), 'big.png');
    await expectError(await authedFetch(gateway.baseUrl, '/v1/videos', { body: form as unknown as string }), 413, { code: 'body_too_large', message: /10 MB/ });
  });

  it('an image data URL that is not base64 of an image of its type → 400 naming the field', async () => {
    await expectError(await post({ model: 'sora-2', prompt: 'x', image: 'data:image/png;base64,!!!notbase64***' }), 400, { param: 'image', message: /not valid base64/ });
    const text = Buffer.from('hello, this is not an image').toString('base64').replace(/=+$/, '');
    await expectError(await post({ model: 'sora-2', prompt: 'x', image: `data:image/png;base64,${text.padEnd(Math.ceil(text.length / 4) * 4, '=')}` }), 400, {
      param: 'image',
      message: /bytes are not a PNG, JPEG, WebP, GIF or BMP image/,
    });
    await expectError(await post({ model: 'sora-2', prompt: 'x', input_reference: { image_url: 'data:image/jpeg;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==' } }), 400, {
      param: 'input_reference.image_url',
      message: /says image\/jpeg, but its bytes are image\/png/,
    });
  });

  it('headers over the server limit → 431 in OpenAI’s shape, not Node’s bare status line', async () => {
    const { port } = new URL(gateway.baseUrl);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${MASTER_KEY}\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      });
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('end', () => resolve(received));
      socket.on('error', reject);
    });
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(body!)).toMatchObject({ error: { code: 'headers_too_large', type: 'invalid_request_error', message: expect.stringContaining('16 KB') } });
  });

  it('the API is still healthy after all of that', async () => {
    expect((await fetch(`${gateway.baseUrl}/health/readiness`)).status).toBe(200);
    const models = await authedFetch(gateway.baseUrl, '/v1/models');
    // The demo's video groups, and its text groups (served by the text fakes).
    expect(((await models.json()) as { data: Array<{ id: string }> }).data.map((m) => m.id)).toEqual(
      expect.arrayContaining(['doubao-seedance-1-5-pro-251215', 'seedance-1-0-pro-250528', 'sora-2', 'sora-2-pro', 'veo-3.1-generate-preview', 'wan2.6-t2v', 'chat', 'claude-sonnet-4-5', 'gpt-5-mini']),
    );
    expect(gateway.api.output()).not.toContain(MASTER_KEY);
  });
});

describe('graceful shutdown', () => {
  it('SIGTERM stops the api and the worker cleanly', async () => {
    const port = String(await freePort());
    const env = { ...gateway.env, PORT: port, WORKER_HEALTH_PORT: String(await freePort()), LOG_LEVEL: 'info' };
    const api = startScript('start:api', env);
    const worker = startScript('start:worker', env);
    await waitForHttp(`http://127.0.0.1:${port}/health/liveliness`, api);
    await waitFor(() => (worker.output().includes('reelay worker started') ? true : undefined), { timeoutMs: 15_000, describe: () => worker.output() });
    await Promise.all([api.stop('SIGTERM'), worker.stop('SIGTERM')]);
    expect(api.output()).toMatch(/"signal":"SIGTERM"/);
    expect(api.output()).toMatch(/"msg":"stopped"/);
    expect(worker.output()).toMatch(/"msg":"stopped"/);
  });
});

describe('a broken config stops the process at start with one line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reelay-config-'));

  async function startWithConfig(name: string, yaml: string) {
    const path = join(dir, name);
    writeFileSync(path, yaml);
    const env = { ...gateway.env, REELAY_CONFIG: path, PORT: '1' };
    delete (env as Record<string, string | undefined>).FAKE_API_KEY;
    const proc = startScript('start:api', env as Record<string, string>);
    const code = await proc.exited;
    return { code, lines: proc.output().trim().split('\n').filter((line) => !/NodeVersionSupportWarning|^\s*$/.test(line)) };
  }

  it('a missing os.environ/ variable names the model and the variable', async () => {
    const { code, lines } = await startWithConfig(
      'missing-env.yaml',
      'model_list:\n  - model_name: sora-2\n    litellm_params:\n      model: openai/sora-2\n      api_key: os.environ/REELAY_TEST_UNSET_KEY\n',
    );
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^reelay api: .*model "sora-2".*REELAY_TEST_UNSET_KEY/);
  });

  it('broken YAML names the line', async () => {
    const { code, lines } = await startWithConfig('broken.yaml', 'model_list:\n  - model_name: sora-2\n    litellm_params: [unclosed\n');
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^reelay api: .*line \d+/);
  });

  it('the worker fails the same way', async () => {
    const path = join(dir, 'worker.yaml');
    writeFileSync(path, 'model_list:\n  - model_name: veo\n    litellm_params:\n      model: openai/sora-2\n      api_key: os.environ/REELAY_TEST_UNSET_KEY\n');
    const proc = startScript('start:worker', { ...gateway.env, REELAY_CONFIG: path });
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toMatch(/reelay worker: .*model "veo".*REELAY_TEST_UNSET_KEY/);
  });

  it('a worker whose WORKER_HEALTH_PORT is taken stops before taking any job, naming the port', async () => {
    const taken = new URL(gateway.baseUrl).port; // the api listens there
    const proc = startScript('start:worker', { ...gateway.env, WORKER_HEALTH_PORT: taken });
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toMatch(new RegExp(`reelay worker: cannot serve health on 127\\.0\\.0\\.1:${taken} \\(WORKER_HEALTH_PORT\\): .*EADDRINUSE`));
    expect(proc.output()).not.toContain('reelay worker started');
  });
});
