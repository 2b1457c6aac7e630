/**
 * One Messages (or count_tokens) body, checked in Anthropic's order of complaints and
 * reduced to what the answer needs. Every refusal is the vendor's 400 before any "model work".
 */
import type { IssuedThinking } from './fake-state';
import { countCacheBreakpoints } from './cache-control';
import { readSystem } from './content-blocks';
import { readTurns, type Turn } from './message-turns';
import type { JsonObject } from './request-body';
import { readSamplingParams, type Endpoint, type SamplingParams } from './sampling-params';
import { checkThinkingReplay } from './thinking-replay';
import { readThinking } from './thinking-params';
import { readToolParams, type ToolParams } from './tool-params';

export interface MessagesRequest extends SamplingParams {
  systemText: string;
  turns: Turn[];
  tools: ToolParams;
  thinking: boolean;
  cacheBreakpoints: number;
}

export function readMessagesRequest(body: JsonObject, endpoint: Endpoint, issuedSignatures: IssuedThinking): MessagesRequest {
  const sampling = readSamplingParams(body, endpoint);
  const turns = readTurns(body.messages);
  const systemText = readSystem(body.system);
  const tools = readToolParams(body);
  const thinking = readThinking(body.thinking, sampling, tools);
  checkThinkingReplay(turns, thinking, issuedSignatures);
  return { ...sampling, systemText, turns, tools, thinking, cacheBreakpoints: countCacheBreakpoints(body) };
}
