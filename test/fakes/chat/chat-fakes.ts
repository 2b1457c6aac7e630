import { startAnthropicFake } from './anthropic/index';
import type { ChatFake, ChatFakeOptions, ChatFlavor } from './chat-fake';
import { startOpenAICompatibleChatFake } from './openai-compatible/index';
import { startPerplexityFake } from './perplexity/index';

export interface ChatFakeEntry {
  flavor: ChatFlavor;
  start(options: ChatFakeOptions): Promise<ChatFake>;
  /** Port of `pnpm start:fakes` and docker compose; FAKE_TEXT_<PROVIDER>_PORT overrides it. */
  port: number;
  /** What follows the origin in the `api_base` that reaches this fake, as users write it for the vendor. */
  apiBasePath: string;
}

const compatible = (flavor: Exclude<ChatFlavor, 'anthropic'>, port: number, apiBasePath: string): ChatFakeEntry => ({
  flavor,
  start: (options) => startOpenAICompatibleChatFake(flavor, options),
  port,
  apiBasePath,
});

/**
 * Every text fake, keyed by the LiteLLM prefix a config writes for it (Ark's one fake stands for
 * `volcengine/`). Like the video list, its ports and FAKE_TEXT_* variables feed the demo config,
 * `pnpm start:fakes` and docker compose, and the compose test checks each entry runs there.
 */
export const chatFakes: Readonly<Record<string, ChatFakeEntry>> = {
  openai: compatible('openai', 4020, '/v1'),
  xai: compatible('xai', 4021, '/v1'),
  // The Agent API (Sonar chat completions are retired); the compatible `perplexity` flavor plays an old Sonar host.
  perplexity: { flavor: 'perplexity', start: startPerplexityFake, port: 4022, apiBasePath: '' },
  dashscope: compatible('dashscope', 4023, '/compatible-mode/v1'),
  volcengine: compatible('ark', 4024, '/api/v3'),
  openrouter: compatible('openrouter', 4025, '/api/v1'),
  deepseek: compatible('deepseek', 4026, ''),
  gemini: compatible('gemini', 4027, '/v1beta/openai'),
  anthropic: { flavor: 'anthropic', start: startAnthropicFake, port: 4028, apiBasePath: '' },
};

/** `FAKE_TEXT_OPENAI_BASE_URL`, …: the variables infra/config/demo.yaml reads a text fake's api_base from. */
export function textFakeBaseUrlVariable(provider: string): string {
  return `FAKE_TEXT_${provider.toUpperCase()}_BASE_URL`;
}

/** `FAKE_TEXT_OPENAI_PORT`, …: the port each text fake of `pnpm start:fakes` listens on. */
export function textFakePortVariable(provider: string): string {
  return `FAKE_TEXT_${provider.toUpperCase()}_PORT`;
}
