/**
 * A fake of Claude on Vertex AI (text-providers.md §1.2) on node:http, playing both sides
 * Google puts in front of the model:
 * - POST /token: the OAuth token endpoint of a service account it made up (an RSA key of its
 *   own; `token_uri` points here), checking the JWT-bearer grant and counting grants;
 * - POST …/publishers/anthropic/models/{model}:rawPredict and :streamRawPredict: a bearer token
 *   it issued and that has not expired, the project, a region, a body without `model` and with
 *   `anthropic_version: "vertex-2023-10-16"`, then the Anthropic fake's answers and markers
 *   (../chat-fake.ts). `[429]` is Vertex's quota error (a Google array, no Retry-After);
 *   model ids `missing-…` are Google's 404, `not-enabled-…` the FAILED_PRECONDITION of a model
 *   not enabled in Model Garden.
 */
import { listen } from '../../shared/listen';
import type { ChatFakeStats, ReceivedChat } from '../chat-fake';
import { emptyStats, noIssuedThinking } from '../anthropic/fake-state';
import type { VertexFakeState } from './fake-state';
import { handleRequest } from './router';
import { makeServiceAccount, type ServiceAccountKeyFile } from './service-account';

/** A current Vertex model id (versioned with `@`); any other is served too, but see the prefixes above. */
const DEFAULT_MODEL = 'claude-sonnet-4-5@20250929';
export const DEFAULT_VERTEX_FAKE_PROJECT = 'reelay-fake-project';

export interface VertexFakeOptions {
  /** Default 0 (random). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Host name clients dial (compose: the service name); the key file's token_uri uses it. */
  publicHost?: string;
  /** The project calls must name. Default `reelay-fake-project`. */
  project?: string;
  /** Lifetime of a granted token. Default 3600 s, as Google's. */
  tokenLifetimeSeconds?: number;
}

export interface VertexFakeStats extends ChatFakeStats {
  /** Tokens granted by POST /token. */
  grants: number;
  refusedGrants: number;
}

export interface VertexFake {
  /** What a deployment writes as `api_base` to reach this fake instead of Google's host. */
  apiBase: string;
  origin: string;
  project: string;
  model: string;
  /** The made-up service account's key file, as a user would download it. */
  keyFile: ServiceAccountKeyFile;
  /** The key file as JSON text (what `vertex_credentials` takes). */
  keyFileJson: string;
  stats(): VertexFakeStats;
  /** Every prediction call that got past the token check, oldest first. */
  received(): ReceivedChat[];
  /** Every issued token stops working at once (a revoked key, a rotated secret). */
  revokeTokens(): void;
  close(): Promise<void>;
}

export async function startVertexFake(options: VertexFakeOptions = {}): Promise<VertexFake> {
  const project = options.project ?? DEFAULT_VERTEX_FAKE_PROJECT;
  let state: VertexFakeState | undefined;
  const server = await listen((request, response) => void handleRequest(state!, request, response), options);
  // The key file names the token URI, so it is made once the port is known.
  const account = makeServiceAccount(project, `${server.publicOrigin}/token`);
  state = {
    project,
    account,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
    tokens: new Map(),
    grants: 0,
    refusedGrants: 0,
    received: [],
    messages: { apiKey: '', stats: emptyStats(), received: [], signatures: noIssuedThinking() },
  };
  const live = state;
  return {
    apiBase: server.publicOrigin,
    origin: server.origin,
    project,
    model: DEFAULT_MODEL,
    keyFile: account.keyFile,
    keyFileJson: JSON.stringify(account.keyFile, null, 2),
    stats: () => ({ ...live.messages.stats, grants: live.grants, refusedGrants: live.refusedGrants }),
    received: () => live.received.map((entry) => ({ ...entry })),
    revokeTokens: () => live.tokens.clear(),
    close: server.close,
  };
}
