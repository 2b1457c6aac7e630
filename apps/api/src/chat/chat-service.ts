import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { CounterBuffer } from '@reelay/jobs';
import { routeDeployment, type DeploymentLimiter, type Exclusion } from '@reelay/limits';
import { ChatCallTimeout, UpstreamError, cannotServeReason, retirementHint, type ChatModel, type ChatUsage } from '@reelay/providers';
import { cooldownSettingsOf, type Deployment, type Registry } from '@reelay/registry';
import { ApiError } from '../http/api-error';
import { noDeploymentAnswered, triesElsewhere, type ChatAttempt } from './chat-attempts';
import { openAIDialect, type ChatDialect } from './chat-dialect';
import { countChatRequest } from './chat-metrics';
import type { ChatModels } from './chat-models';
import { parseChatBody, type ParsedChatRequest } from './chat-request';
import { ClientConnection } from './client-connection';
import { fitReasoning } from './reasoning/fit-reasoning';
import type { ReasoningVault } from './reasoning/reasoning-vault';
import { TurnCapture } from './reasoning/turn-capture';
import { hasState, type TurnOrigin } from './reasoning/turn-state';
import { relayChatStream } from './stream-relay';
import { assertTextGroup } from './text-groups';
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
  /** Keeps reasoning state clients drop (absent: only what clients send back is replayed). */
  vault?: ReasoningVault;
  random?: () => number;
}

export interface ServeOptions {
  /** How the answer is written (default OpenAI's; `/v1/messages` writes Anthropic's). */
  dialect?: ChatDialect;
  /** The caller's owner tag (its key): reasoning state is kept per owner. */
  owner?: string;
}

/** What every attempt of one request shares about the conversation's reasoning state. */
interface TurnContext {
  origins: ReadonlyMap<number, TurnOrigin>;
  owner: string | undefined;
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
  async serve(rawBody: unknown, res: ServerResponse, options: ServeOptions = {}): Promise<void> {
    const request = parseChatBody(rawBody);
    const dialect = options.dialect ?? openAIDialect;
    assertTextGroup(this.deps.registry, request.model);
    const { vault } = this.deps;
    const owner = options.owner;
    const restored = vault && owner !== undefined ? await vault.restore(owner, request.body) : undefined;
    if (restored) request.body = restored.body;
    const turn: TurnContext = { origins: restored?.origins ?? new Map(), owner };
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
        const outcome = await this.attempt(route.deployment, route.requestId, request, res, client, tokens, leaseId, attempts.length + 1, dialect, turn);
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

  private async attempt(deployment: Deployment, requestId: string | undefined, request: ParsedChatRequest, res: ServerResponse, client: ClientConnection, reserved: number, leaseId: string, attemptNumber: number, dialect: ChatDialect, turn: TurnContext): Promise<AttemptOutcome> {
    const started = performance.now();
    const model = this.deps.models.modelFor(deployment)!;
    // The history as this target can read it: another vendor's reasoning state is left out or replaced by a placeholder.
    const history = fitReasoning(request.body, turn.origins, { replay: model.reasoningReplay, model: model.modelId });
    const { body, dropped: refusedDropped } = this.withoutRefused(model, deployment, history);
    const dropped = [...refusedDropped, ...(model.ignoredParams?.({ body }) ?? []).map((ignored) => ignored.param)];
    const capture = new TurnCapture();
    const origin: TurnOrigin = { provider: deployment.provider, family: model.reasoningReplay?.family || deployment.provider, model: model.modelId };
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
    // A dialect may have dropped fields of its own before the neutral request (Messages' top_k).
    const droppedByDialect = res.getHeader('x-reelay-dropped-params');
    const allDropped = [...(typeof droppedByDialect === 'string' && droppedByDialect !== '' ? [droppedByDialect] : []), ...dropped];
    const headers = (): Record<string, string> => ({
      'x-reelay-model-group': deployment.modelName,
      'x-reelay-deployment-id': deployment.id,
      // Which try this answer came from: above 1, earlier deployments failed before any content.
      'x-reelay-attempts': String(attemptNumber),
      ...(allDropped.length > 0 ? { 'x-reelay-dropped-params': allDropped.join(', ') } : {}),
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
        capture.observeCompletion(completion.json);
        await Promise.all([settleNow(usage), this.keepTurn(turn, origin, capture)]);
        const answer = dialect.completion(completion.json);
        res.writeHead(200, { ...headers(), 'content-type': answer.contentType, 'content-length': Buffer.byteLength(answer.body) }).end(answer.body);
        return { kind: 'served' };
      }
      const stream = await model.stream({ body }, { signal: call.signal });
      const encoder = dialect.streamEncoder({ includeUsage: request.includeUsage });
      const relayed = await relayChatStream(stream, res, {
        encoder,
        observe: (part) => capture.observeChunk(part.json),
        clientGone: () => client.gone,
        commit: () => {
          res.writeHead(200, { ...headers(), 'content-type': encoder.contentType, 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
          res.flushHeaders();
        },
        onChunk: () => arm(timeoutMs),
        beforeEnd: async (final) => {
          await Promise.all([settleNow(final), this.keepTurn(turn, origin, capture)]);
        },
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
      return { kind: 'failed', error, attempt: { deployment: deployment.id, provider: deployment.provider, status: error.statusCode, code: error.code, message: withRetirement(error, deployment) } };
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

  /** Saves a tool-calling turn's reasoning state before the answer's last byte: the client's next request may come at once, to any process. */
  private async keepTurn(turn: TurnContext, origin: TurnOrigin, capture: TurnCapture): Promise<void> {
    const state = capture.result();
    if (!this.deps.vault || turn.owner === undefined || !hasState(state)) return;
    await this.deps.vault.keep(turn.owner, { origin, ...state });
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

/** A vendor that refuses a model it retired says only "not found": the message says it was retired, and by what. */
function withRetirement(error: UpstreamError, deployment: Deployment): string {
  const refused = error.code === 'invalid_request' || error.statusCode === 404 || error.statusCode === 410;
  const hint = refused ? retirementHint(deployment.provider, deployment.upstreamModel, new Date(), deployment.apiBase) : undefined;
  return hint ? `${error.message} ${hint}` : error.message;
}
