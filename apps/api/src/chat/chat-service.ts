import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { CounterBuffer } from '@reelay/jobs';
import { routeDeployment, type DeploymentLimiter, type Exclusion } from '@reelay/limits';
import { ChatCallTimeout, UpstreamError, cannotServeReason, type ChatModel, type ChatUsage } from '@reelay/providers';
import { cooldownSettingsOf, type Deployment, type Registry } from '@reelay/registry';
import { ApiError } from '../http/api-error';
import { noDeploymentAnswered, triesElsewhere, type ChatAttempt } from './chat-attempts';
import { countChatRequest } from './chat-metrics';
import type { ChatModels } from './chat-models';
import { parseChatBody, type ParsedChatRequest } from './chat-request';
import { ClientConnection } from './client-connection';
import { relayChatStream } from './stream-relay';
import { estimateTokens } from './token-estimate';

/** LiteLLM's default request timeout. */
const DEFAULT_TIMEOUT_SECONDS = 600;
/** A refusal that `drop_params` would lift: the 400 names the option instead of a 503. */
const REFUSES = 'refuses ';

export interface ChatServiceDeps {
  registry: Registry;
  limiter: DeploymentLimiter;
  models: ChatModels;
  counters: CounterBuffer;
  logger: Logger;
  random?: () => number;
}

type AttemptOutcome = { kind: 'served' } | { kind: 'client_gone' } | { kind: 'failed'; attempt: ChatAttempt; error: UpstreamError };

/**
 * The sync text path: no queue, no job record. Routes like video (order tiers, weight,
 * limits and cooldowns shared in Redis, the group's fallbacks), tries the next deployment on a
 * failure until content has reached the client, and answers with every attempt when none could.
 */
export class ChatService {
  private readonly random: () => number;

  constructor(private readonly deps: ChatServiceDeps) {
    this.random = deps.random ?? Math.random;
  }

  /** Answers one chat completion body (already read, size- and depth-checked) on `res`. */
  async serve(rawBody: unknown, res: ServerResponse): Promise<void> {
    const request = parseChatBody(rawBody);
    this.checkGroup(request.model);
    const leaseId = `chat-${randomUUID()}`;
    // Only a tpm limit reads the estimate: without one anywhere in reach, the messages are not walked.
    const tokens = this.tpmInReach(request.model) ? estimateTokens(request.body.messages, request.maxOutputTokens) : 0;
    const client = new ClientConnection(res);

    const attempts: ChatAttempt[] = [];
    const failed = new Map<string, string>();
    const rounds = 1 + (this.deps.registry.routerSettings.numRetries ?? 0);
    let excluded: Exclusion[] = [];
    let retryAfterMs: number | undefined;
    for (let round = 0; round < rounds; round++) {
      // A retry round gives every deployment another chance, after the wait a 429 asked for.
      if (round > 0) {
        failed.clear();
        await client.pause(Math.min(retryAfterMs ?? 500, 5_000));
      }
      for (;;) {
        if (client.gone) return;
        const route = await routeDeployment({
          registry: this.deps.registry,
          modelName: request.model,
          limiter: this.deps.limiter,
          jobId: leaseId,
          eligible: (deployment) => this.eligible(deployment, request),
          alreadyFailed: failed,
          random: this.random,
          tokens,
          unmeteredWhenUnlimited: true,
        });
        if (route.kind !== 'acquired') {
          excluded = route.excluded;
          retryAfterMs = route.kind === 'wait' ? route.retryAfterMs : retryAfterMs;
          break;
        }
        const outcome = await this.attempt(route.deployment, route.requestId, request, res, client, tokens, leaseId, attempts.length + 1);
        if (outcome.kind !== 'failed') return;
        attempts.push(outcome.attempt);
        failed.set(route.deployment.id, outcome.attempt.message);
        if (outcome.error.retryAfterMs !== undefined) retryAfterMs = outcome.error.retryAfterMs;
        if (!triesElsewhere(outcome.error)) throw noDeploymentAnswered(request.model, attempts, []);
      }
    }
    const refusal = attempts.length === 0 ? excluded.find((e) => e.reason.startsWith(REFUSES)) : undefined;
    if (refusal && excluded.every((e) => e.reason.startsWith(REFUSES) || e.reason.startsWith('its mode'))) {
      const param = /^refuses (\S+)/.exec(refusal.reason)?.[1] ?? null;
      throw new ApiError(400, `No deployment of model "${request.model}" takes this request: ${excluded.map((e) => `deployment "${e.id}" ${e.reason}`).join('; ')}.`, { param, code: 'unsupported_parameter' });
    }
    throw noDeploymentAnswered(request.model, attempts, excluded, retryAfterMs);
  }

  private tpmInReach(model: string): boolean {
    const groups = [model, ...(this.deps.registry.routerSettings.fallbacks[model] ?? [])];
    return groups.some((group) => this.deps.registry.deploymentsFor(group)?.some((d) => d.tpm !== undefined && d.tpm > 0));
  }

  private checkGroup(model: string): void {
    const deployments = this.deps.registry.deploymentsFor(model);
    if (!deployments) {
      const names = this.deps.registry.modelNames().filter((name) => this.deps.registry.deploymentsFor(name)!.some((d) => cannotServeReason(d, 'chat') === undefined));
      throw new ApiError(404, `The model "${model}" does not exist. Text models you can use: ${names.join(', ') || '(none configured)'}. GET /v1/models lists them.`, { param: 'model', code: 'model_not_found' });
    }
    if (deployments.every((d) => d.mode === 'video_generation')) {
      throw new ApiError(400, `"${model}" is a video model; create a video job with POST /v1/video/generations (or /v1/videos) instead.`, { param: 'model', code: 'model_not_chat' });
    }
  }

  /** `true`, or why this deployment cannot take this request at all. */
  private eligible(deployment: Deployment, request: ParsedChatRequest): true | string {
    const reason = cannotServeReason(deployment, 'chat');
    if (reason) return reason;
    if (this.dropsParams(deployment)) return true;
    const refused = this.deps.models.modelFor(deployment)!.unsupportedParams({ body: request.body });
    if (refused.length === 0) return true;
    return `${REFUSES}${refused.map((r) => `${r.param} (${r.reason})`).join(', ')}; set drop_params: true (litellm_settings or this deployment) to drop it and go on`;
  }

  private dropsParams(deployment: Deployment): boolean {
    return deployment.dropParams ?? this.deps.registry.routerSettings.dropParams ?? false;
  }

  private async attempt(deployment: Deployment, requestId: string | undefined, request: ParsedChatRequest, res: ServerResponse, client: ClientConnection, reserved: number, leaseId: string, attemptNumber: number): Promise<AttemptOutcome> {
    const started = performance.now();
    const model = this.deps.models.modelFor(deployment)!;
    const { body, dropped } = this.withoutRefused(model, deployment, request.body);
    const settings = this.deps.registry.routerSettings;
    const timeoutMs = 1000 * (deployment.timeoutSeconds ?? settings.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS);
    const firstContentMs = request.stream ? 1000 * (deployment.streamTimeoutSeconds ?? settings.streamTimeoutSeconds ?? timeoutMs / 1000) : timeoutMs;
    const call = new AbortController();
    client.watch(call);
    let timer: NodeJS.Timeout | undefined;
    const arm = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => call.abort(new ChatCallTimeout(ms)), ms);
    };
    const translated = model.translatedParams({ body });
    const headers = (): Record<string, string> => ({
      'x-reelay-model-group': deployment.modelName,
      'x-reelay-deployment-id': deployment.id,
      // Which try this answer came from: above 1, earlier deployments failed before any content.
      'x-reelay-attempts': String(attemptNumber),
      ...(dropped.length > 0 ? { 'x-reelay-dropped-params': dropped.join(', ') } : {}),
      ...(translated.length > 0 ? { 'x-reelay-translated-params': translated.join(', ') } : {}),
    });
    let usage: ChatUsage | undefined;
    let outcome = 'ok';
    let settled = false;
    // Settled before the answer's last byte: a client that sends its next request on receipt
    // must find the tokens and the slot of this one already accounted for, on any process.
    const settleNow = async (final: ChatUsage | undefined) => {
      settled = true;
      await this.settle(deployment, requestId, leaseId, reserved, final);
    };
    arm(firstContentMs);
    try {
      if (!request.stream) {
        const completion = await model.complete({ body }, { signal: call.signal });
        usage = completion.usage;
        await settleNow(usage);
        res.writeHead(200, { ...headers(), 'content-type': 'application/json', 'content-length': Buffer.byteLength(completion.json) }).end(completion.json);
        return { kind: 'served' };
      }
      const stream = await model.stream({ body }, { signal: call.signal });
      const relayed = await relayChatStream(stream, res, {
        includeUsage: request.includeUsage,
        clientGone: () => client.gone,
        commit: () => {
          res.writeHead(200, { ...headers(), 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
          res.flushHeaders();
        },
        onChunk: () => arm(timeoutMs),
        beforeEnd: (final) => settleNow(final),
      });
      stream.close();
      usage = 'usage' in relayed ? relayed.usage : undefined;
      switch (relayed.kind) {
        case 'completed':
          return { kind: 'served' };
        case 'client_gone':
          outcome = 'client_gone';
          return { kind: 'client_gone' };
        case 'failed_after_commit':
          outcome = relayed.error.code;
          this.deps.logger.warn({ deployment: deployment.id, code: relayed.error.code, err: relayed.error.message }, 'text stream failed after content reached the client; ended it with an error event');
          await this.recordFailure(deployment, relayed.error);
          return { kind: 'served' };
        default:
          // failed_before_commit: nothing reached the client, so the router may go on.
          throw relayed.error;
      }
    } catch (error) {
      if (client.gone) {
        outcome = 'client_gone';
        return { kind: 'client_gone' };
      }
      if (!(error instanceof UpstreamError)) throw error;
      outcome = error.code;
      if (triesElsewhere(error)) await this.recordFailure(deployment, error);
      this.deps.logger.warn({ deployment: deployment.id, group: deployment.modelName, code: error.code, status: error.statusCode, err: error.message }, 'text request failed on a deployment');
      return { kind: 'failed', error, attempt: { deployment: deployment.id, provider: deployment.provider, status: error.statusCode, code: error.code, message: error.message } };
    } finally {
      clearTimeout(timer);
      client.watch(undefined);
      countChatRequest(this.deps.counters, deployment, outcome, request.stream, performance.now() - started, usage);
      if (!settled) void this.settle(deployment, requestId, leaseId, reserved, usage);
    }
  }

  /** Options the target refuses, dropped where drop_params allows (eligible() refused the rest). */
  private withoutRefused(model: ChatModel, deployment: Deployment, body: Record<string, unknown>): { body: Record<string, unknown>; dropped: string[] } {
    if (!this.dropsParams(deployment)) return { body, dropped: [] };
    const refused = model.unsupportedParams({ body });
    if (refused.length === 0) return { body, dropped: [] };
    const copy = { ...body };
    for (const { param } of refused) delete copy[param];
    return { body: copy, dropped: refused.map((r) => r.param) };
  }

  private async recordFailure(deployment: Deployment, error: UpstreamError): Promise<void> {
    await this.deps.limiter
      .recordFailure(deployment.id, cooldownSettingsOf(this.deps.registry.routerSettings), { code: error.code, message: error.message, retryAfterMs: error.retryAfterMs })
      .catch((failure: Error) => this.deps.logger.warn({ err: failure.message }, 'could not record a deployment failure in Redis'));
  }

  /** Frees the in-flight slot and settles tpm to the real usage (nothing used: the reservation goes). Never throws. */
  private async settle(deployment: Deployment, requestId: string | undefined, leaseId: string, reserved: number, usage: ChatUsage | undefined): Promise<void> {
    // Nothing was taken for a deployment without limits (see unmeteredWhenUnlimited).
    if (requestId === undefined) return;
    await Promise.all([
      this.deps.limiter.releaseLease(deployment.id, leaseId),
      this.deps.limiter.settleTokens(deployment.id, requestId, reserved, usage?.totalTokens ?? 0),
    ]).catch((error: Error) => this.deps.logger.warn({ err: error.message, deployment: deployment.id }, 'could not settle a text request in Redis'));
  }
}
