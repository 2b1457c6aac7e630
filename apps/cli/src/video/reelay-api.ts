import { CliError } from './cli-error';
import { describeUrl, type Connection } from './connection';
import { readJob, readJobList, type JobView } from './job-view';

/** A job as read, with the body as the api sent it (for --json) and the Retry-After it asked for. */
export interface FetchedJob {
  job: JobView;
  raw: unknown;
  retryAfterMs?: number;
}

export interface CreateVideoInput {
  model: string;
  prompt: string;
  seconds?: number;
  size?: string;
}

/** Each call to the api gets this long before it is given up (a download times out on idle, not here). */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * The public API of reelay over plain fetch: POST /v1/video/generations, GET /v1/jobs/:id,
 * GET /v1/videos and /v1/videos/:id/content. Every failure becomes a CliError that says what was
 * wrong and how to fix it; the api's own OpenAI-shaped message is kept as it is.
 */
export class ReelayApi {
  constructor(
    readonly connection: Connection,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async createVideo(input: CreateVideoInput, signal?: AbortSignal): Promise<FetchedJob> {
    return this.jobFrom(await this.call('POST', '/v1/video/generations', { json: input, signal }));
  }

  async getJob(id: string, signal?: AbortSignal): Promise<FetchedJob> {
    return this.jobFrom(await this.call('GET', `/v1/jobs/${encodeURIComponent(id)}`, { signal }));
  }

  async listVideos(limit: number, signal?: AbortSignal): Promise<{ jobs: JobView[]; hasMore: boolean; raw: unknown }> {
    const { body } = await this.call('GET', `/v1/videos?limit=${limit}&order=desc`, { signal });
    const page = readJobList(body);
    if (typeof page === 'string') throw this.notReelay(page);
    return { ...page, raw: body };
  }

  /** GET /v1/videos/:id/content, answered 200 (the body not read yet; no time limit, the caller's signal bounds it). */
  async openContent(id: string, signal?: AbortSignal): Promise<Response> {
    const { response } = await this.call('GET', `/v1/videos/${encodeURIComponent(id)}/content`, { signal, raw: true });
    return response;
  }

  private jobFrom({ response, body }: { response: Response; body: unknown }): FetchedJob {
    const job = readJob(body);
    if (typeof job === 'string') throw this.notReelay(job);
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    return retryAfterMs === undefined ? { job, raw: body } : { job, raw: body, retryAfterMs };
  }

  private async call(method: string, path: string, options: { json?: unknown; signal?: AbortSignal | undefined; raw?: boolean }): Promise<{ response: Response; body: unknown }> {
    const url = `${this.connection.baseUrl}${path}`;
    const headers: Record<string, string> = { authorization: `Bearer ${this.connection.key}`, accept: 'application/json' };
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    // A raw body (a video) may take longer than any fixed limit; its reader times out on idle instead.
    const timeout = options.raw ? undefined : AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    const signal = options.signal && timeout ? AbortSignal.any([options.signal, timeout]) : (options.signal ?? timeout);
    let response: Response;
    try {
      response = await this.fetchImpl(url, { method, headers, signal, ...(options.json === undefined ? {} : { body: JSON.stringify(options.json) }) });
    } catch (error) {
      throw this.unreachable(error, options.signal);
    }
    if (response.ok && options.raw) return { response, body: undefined };
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw this.unreachable(error, options.signal);
    }
    let body: unknown;
    try {
      body = text.length === 0 ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!response.ok) throw this.answeredError(method, path, response, body, text);
    return { response, body };
  }

  private unreachable(error: unknown, userSignal: AbortSignal | undefined): unknown {
    // Ctrl-C: not an error of the api; the caller knows what to say.
    if (userSignal?.aborted) return userSignal.reason;
    const where = describeUrl(this.connection);
    if ((error as Error).name === 'TimeoutError') {
      return new CliError(`the reelay api at ${where} did not answer within ${REQUEST_TIMEOUT_MS / 1000} s`, {
        fix: 'check that the api is running and healthy (GET /health/readiness), or set REELAY_URL to the right address',
        transient: true,
      });
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (error as Error).message;
    return new CliError(`cannot reach the reelay api at ${where}: ${why}`, {
      fix: `start the api (pnpm start:api, or docker compose up), or set REELAY_URL to where it listens, e.g. export REELAY_URL=http://127.0.0.1:4000`,
      transient: true,
    });
  }

  private answeredError(method: string, path: string, response: Response, body: unknown, text: string): CliError {
    const status = response.status;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    const transient = status === 429 || status >= 500;
    const shaped = openAIError(body);
    if (!shaped) {
      const start = text.replace(/\s+/g, ' ').trim().slice(0, 120);
      return new CliError(
        `${method} ${this.connection.baseUrl}${path} answered ${status} ${response.statusText}, and not with reelay's error shape (${response.headers.get('content-type') ?? 'no content type'}${start ? `: "${start}"` : ''})`,
        { fix: `check that REELAY_URL (${this.connection.baseUrl}) points at the reelay api and not at another server or a proxy`, transient, status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) },
      );
    }
    const message = `the api answered ${status}${shaped.code ? ` ${shaped.code}` : ''}: ${shaped.message}`;
    const fix =
      status === 401
        ? `set REELAY_MASTER_KEY to the gateway's key (the key the api at ${this.connection.baseUrl} reads from its REELAY_MASTER_KEY or general_settings.master_key)`
        : undefined;
    return new CliError(message, { ...(fix ? { fix } : {}), transient, status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
  }

  private notReelay(problem: string): CliError {
    return new CliError(`the server at ${this.connection.baseUrl} did not answer like the reelay api (${problem})`, {
      fix: 'check that REELAY_URL points at the reelay api',
    });
  }
}

function openAIError(body: unknown): { message: string; code: string | null } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { message, code } = error as { message?: unknown; code?: unknown };
  if (typeof message !== 'string') return undefined;
  return { message, code: typeof code === 'string' ? code : null };
}

/** Retry-After as seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
