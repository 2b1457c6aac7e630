/**
 * Fakes of the OpenAI-compatible text vendors (text-providers.md §1.1, 1.3, 1.5–1.10) on
 * node:http: one server, eight flavors that differ only by the config in ./flavors/ (paths,
 * error bodies, usage and stream quirks). Behaviour is scripted by the prompt markers of
 * ../chat-fake.ts.
 */
import { listen } from '../../shared/listen';
import type { ChatFake, ChatFakeOptions } from '../chat-fake';
import { newFakeState, snapshotReceived } from './fake-state';
import type { OpenAICompatibleFlavor } from './flavor-config';
import { FLAVORS } from './flavors/index';
import { handleRequest } from './router';

export type { OpenAICompatibleFlavor } from './flavor-config';

/** Every flavor this module fakes, for tests that run one suite against all of them. */
export const OPENAI_COMPATIBLE_FLAVORS = Object.keys(FLAVORS) as OpenAICompatibleFlavor[];

export async function startOpenAICompatibleChatFake(flavor: OpenAICompatibleFlavor, options: ChatFakeOptions): Promise<ChatFake> {
  const config = FLAVORS[flavor];
  if (!config) throw new Error(`no OpenAI-compatible chat fake for flavor '${String(flavor)}'`);
  const state = newFakeState(config, options.apiKey);
  const server = await listen((request, response) => void handleRequest(state, request, response), options);
  return {
    flavor,
    apiBase: `${server.origin}${config.basePath}`,
    origin: server.origin,
    apiKey: options.apiKey,
    model: config.defaultModel,
    stats: () => ({ ...state.stats }),
    received: () => snapshotReceived(state),
    close: server.close,
  };
}
