import type { CounterBuffer } from '@reelay/jobs';
import type { ChatUsage } from '@reelay/providers';
import type { Deployment } from '@reelay/registry';

/** Upper bounds (seconds) of the latency histogram `/metrics` shows for text requests. */
export const CHAT_LATENCY_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] as const;

/** Counts a finished text request (in memory; the buffer writes to Redis every few seconds). */
export function countChatRequest(counters: CounterBuffer, deployment: Deployment, outcome: string, stream: boolean, elapsedMs: number, usage?: ChatUsage): void {
  const who = [deployment.modelName, deployment.id, deployment.provider];
  counters.count('chat_requests', [...who, outcome, stream ? 'stream' : 'json']);
  if (usage) {
    counters.count('chat_tokens', [...who, 'prompt'], usage.promptTokens);
    counters.count('chat_tokens', [...who, 'completion'], usage.completionTokens);
  }
  const seconds = elapsedMs / 1000;
  const bucket = CHAT_LATENCY_BUCKETS.find((le) => seconds <= le);
  counters.count('chat_latency', [...who, bucket === undefined ? '+Inf' : String(bucket)]);
  counters.count('chat_latency_ms_sum', who, Math.round(elapsedMs));
}
