/**
 * The pages a person opens in a browser, rendered by a real headless Chromium against the built
 * api (its bundle and the UI files scripts/build.mjs copies beside it): the queue dashboard after
 * a Basic login, and /docs. Screenshots land in .tmp/ for a person to look at.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASTER_KEY, authedFetch, startGateway, type Gateway } from '../support/gateway';
import { REPO_ROOT, freePort, startScript, waitFor, waitForHttp, type StartedProcess } from '../support/processes';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = join(REPO_ROOT, '.tmp');
/** The demo config's video lanes, and the webhook queue. */
const QUEUES = ['video-openai', 'video-gemini', 'video-dashscope', 'video-volcengine', 'video-byteplus', 'webhooks'];

let gateway: Gateway;
/** A second api on the same Redis with REELAY_ADMIN_WRITE=true. */
let writable: { process: StartedProcess; baseUrl: string };
let jobId: string;
const profiles: string[] = [];

beforeAll(async () => {
  gateway = await startGateway({ redisDb: 6, completeAfterMs: 300 });
  const port = await freePort();
  writable = { process: startScript('start:api', { ...gateway.env, PORT: String(port), REELAY_ADMIN_WRITE: 'true' }), baseUrl: `http://127.0.0.1:${port}` };
  await waitForHttp(`${writable.baseUrl}/health/readiness`, writable.process);
  // A finished job, so the dashboard has entries and a retry has a target.
  const created = await authedFetch(gateway.baseUrl, '/v1/video/generations', { json: { model: 'sora-2', prompt: 'a lighthouse at dusk', seconds: 4 } });
  expect(created.status).toBe(202);
  jobId = ((await created.json()) as { id: string }).id;
  await waitFor(
    async () => {
      const job = (await (await authedFetch(gateway.baseUrl, `/v1/video/generations/${jobId}`)).json()) as { status: string };
      return job.status === 'completed' ? job : undefined;
    },
    { timeoutMs: 60_000, describe: () => `job ${jobId} did not complete:\n${gateway.worker.output()}` },
  );
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await Promise.all([gateway?.stop(), writable?.process.stop()]);
  for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
});

/** Headless Chromium with a fresh profile and no network of its own (no sync, updates, QUIC). */
async function chromium(url: string, mode: { dumpDom: true } | { screenshot: string }, budgetMs = 5_000): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), 'reelay-chromium-'));
  profiles.push(profile);
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${profile}`,
    '--window-size=1280,900',
    // Time for the page's scripts to fetch and render (virtual time: it ends early once idle).
    `--virtual-time-budget=${budgetMs}`,
    'dumpDom' in mode ? '--dump-dom' : `--screenshot=${mode.screenshot}`,
    url,
  ];
  const { stdout } = await promisify(execFile)(CHROMIUM, args, { timeout: 90_000, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** What a person reads: tags and scripts out (Swagger UI puts each path segment in its own span), entities and zero-width breaks undone. */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/[\u200b\u00ad]/g, '')
    .replace(/\s+/g, ' ');
}

/** The dashboard URL with a Basic login in it, which Chromium answers the 401 challenge with. */
const loginUrl = (baseUrl: string) => baseUrl.replace('http://', `http://admin:${encodeURIComponent(MASTER_KEY)}@`) + '/admin/queues';

/**
 * A loopback proxy that adds the key as Bearer, as a reverse proxy with a login of its own would.
 * With the key in the page's URL instead, Chromium refuses the page's fetch() calls (a request URL
 * may not carry credentials, and relative ones inherit the page's), so bull-board's translations
 * never load; a person typing the key into the login dialog has no credentials in the URL.
 */
async function bearerProxy(target: string): Promise<{ url: string; server: Server }> {
  const { hostname, port } = new URL(target);
  const server = createServer((req, res) => {
    const upstream = request({ hostname, port, path: req.url, method: req.method, headers: { ...req.headers, authorization: `Bearer ${MASTER_KEY}` } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

describe('the queue dashboard at /admin/queues', () => {
  it('without the gateway key is a 401 that opens the browser login; a key in the URL query is not a login', async () => {
    const attempts: Array<Record<string, string>> = [{}, { authorization: 'Bearer sk-wrong-key-123' }, { authorization: `Basic ${Buffer.from('admin:sk-wrong-key').toString('base64')}` }];
    for (const headers of attempts) {
      const response = await fetch(`${gateway.baseUrl}/admin/queues`, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm="reelay admin"/);
      expect(((await response.json()) as { error: { code: string } }).error.code).toMatch(/^(missing|invalid)_api_key$/);
    }
    expect((await fetch(`${gateway.baseUrl}/admin/queues?key=${MASTER_KEY}`)).status).toBe(401);
    expect((await fetch(`${gateway.baseUrl}/admin/queues/api/queues`)).status).toBe(401);
    expect((await fetch(`${gateway.baseUrl}/admin/queues/static/js/nope.js`)).status).toBe(401);
  });

  it('takes the key as Bearer or as the Basic password, and its API lists every queue the api knows', async () => {
    const basic = await fetch(`${gateway.baseUrl}/admin/queues`, { headers: { authorization: `Basic ${Buffer.from(`anyone:${MASTER_KEY}`).toString('base64')}` } });
    expect(basic.status).toBe(200);
    expect(basic.headers.get('content-type')).toMatch(/text\/html/);
    expect(basic.headers.get('content-security-policy')).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    expect(basic.headers.get('x-powered-by')).toBeNull();
    const page = await basic.text();
    const script = /<script defer src="(static\/js\/main\.[^"]+)"/.exec(page)?.[1];
    expect(script, 'the entry page loads its app').toBeDefined();
    expect((await authedFetch(gateway.baseUrl, `/admin/queues/${script}`)).status).toBe(200);

    const api = await authedFetch(gateway.baseUrl, '/admin/queues/api/queues');
    expect(api.status).toBe(200);
    const { queues } = (await api.json()) as { queues: Array<{ name: string; readOnlyMode: boolean; allowRetries: boolean }> };
    expect(queues.map((queue) => queue.name).sort()).toEqual([...QUEUES].sort());
    expect(queues.every((queue) => queue.readOnlyMode && !queue.allowRetries)).toBe(true);
  });

  it('renders in Chromium after a Basic login and shows every queue', async () => {
    // Its translations never load this way (see bearerProxy): a longer budget for i18next's retries.
    const text = visibleText(await chromium(loginUrl(gateway.baseUrl), { dumpDom: true }, 20_000));
    for (const name of QUEUES) expect(text, `the dashboard shows ${name}`).toContain(name);
    expect(text).toContain('reelay queues');
  });

  it('renders whole, its translations and scripts served from beside the bundle (screenshot: .tmp/admin-queues.png)', async () => {
    const proxy = await bearerProxy(gateway.baseUrl);
    try {
      const text = visibleText(await chromium(`${proxy.url}/admin/queues`, { dumpDom: true }));
      for (const name of QUEUES) expect(text, `the dashboard shows ${name}`).toContain(name);
      expect(text).toMatch(/\bJobs\b/);
      expect(text, 'no untranslated label').not.toMatch(/QUEUE\.STATUS|MENU\./);

      const file = join(SCREENSHOTS, 'admin-queues.png');
      await chromium(`${proxy.url}/admin/queues`, { screenshot: file });
      expect(statSync(file).size, 'a rendered page, not a blank one').toBeGreaterThan(20_000);
    } finally {
      await new Promise((resolve) => proxy.server.close(resolve));
    }
  });

  it('refuses a retry unless REELAY_ADMIN_WRITE=true, and then only from the dashboard itself', async () => {
    const retry = `/admin/queues/api/queues/video-openai/${jobId}/retry`;
    expect((await fetch(`${gateway.baseUrl}${retry}`, { method: 'PUT' })).status).toBe(401);
    const refused = await authedFetch(gateway.baseUrl, retry, { method: 'PUT' });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'admin_read_only', message: expect.stringContaining('REELAY_ADMIN_WRITE=true') });
    expect((await authedFetch(gateway.baseUrl, '/admin/queues/api/queues/webhooks/clean/failed', { method: 'PUT' })).status).toBe(403);

    const queues = (await (await authedFetch(writable.baseUrl, '/admin/queues/api/queues')).json()) as { queues: Array<{ readOnlyMode: boolean; allowRetries: boolean }> };
    expect(queues.queues.every((queue) => !queue.readOnlyMode && queue.allowRetries)).toBe(true);
    const crossSite = await authedFetch(writable.baseUrl, retry, { method: 'PUT', headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    expect(((await crossSite.json()) as { error: { code: string } }).error.code).toBe('cross_site_request');

    const creates = gateway.fake.stats().creates;
    const allowed = await authedFetch(writable.baseUrl, retry, { method: 'PUT', headers: { 'sec-fetch-site': 'same-origin' } });
    expect(allowed.status, await allowed.clone().text()).toBe(204);
    // The retried entry finds its job finished: nothing is paid again.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(gateway.fake.stats().creates).toBe(creates);
  });
});

describe('/docs', () => {
  it('renders /openapi.json in Chromium, with no key and nothing loaded from elsewhere', async () => {
    const page = await fetch(`${gateway.baseUrl}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(await page.text()).not.toMatch(/(src|href)="https?:/);

    const text = visibleText(await chromium(`${gateway.baseUrl}/docs`, { dumpDom: true }));
    for (const route of ['/v1/video/generations', '/v1/chat/completions', '/v1/messages']) expect(text, `the docs list ${route}`).toContain(route);
    expect(text).toContain('reelay');

    const file = join(SCREENSHOTS, 'docs.png');
    await chromium(`${gateway.baseUrl}/docs`, { screenshot: file });
    expect(statSync(file).size).toBeGreaterThan(20_000);
  });
});
