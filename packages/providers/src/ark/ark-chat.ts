import type { OpenAICompatibleVendor } from '../openai-compatible/openai-compatible-vendor';
import { arkChatCompletionsUrl } from './ark-base-url';
import type { ArkFlavour } from './ark-models';
import { arkReasoning } from './ark-reasoning';

const LABELS: Readonly<Record<ArkFlavour, string>> = { volcengine: 'Volcengine Ark', byteplus: 'BytePlus ModelArk' };

/** Doubao on Ark (Volcengine) and ModelArk (BytePlus): OpenAI-compatible at `/api/v3/chat/completions`. */
export function arkChatVendor(flavour: ArkFlavour): OpenAICompatibleVendor {
  return {
    provider: flavour,
    label: LABELS[flavour],
    chatUrl: (apiBase) => arkChatCompletionsUrl(flavour, apiBase),
    streamUsage: 'ask',
    reasoning: arkReasoning,
    reasoningReplay: { family: 'ark', reasoningContent: 'kept', thinkingBlocks: false, thoughtSignatures: 'stripped' },
  };
}
