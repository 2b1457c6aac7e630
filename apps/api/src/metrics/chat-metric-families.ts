import type { CounterSample } from '@reelay/jobs';
import type { MetricFamily } from './prometheus-text';

const BUCKET_ORDER = (le: string) => (le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le));

/**
 * The text path's families: requests by outcome, tokens by kind, and a latency histogram
 * (counted per bucket by the api processes, made cumulative here as Prometheus wants).
 */
export function chatMetricFamilies(requests: CounterSample[], tokens: CounterSample[], latency: CounterSample[], latencySum: CounterSample[]): MetricFamily[] {
  const who = ([model_name = '', deployment = '', provider = '']: string[]) => ({ model_name, deployment, provider });
  const histogram: MetricFamily['samples'] = [];
  const byDeployment = new Map<string, { labels: ReturnType<typeof who>; buckets: Map<string, number> }>();
  for (const { labels, value } of latency) {
    const key = labels.slice(0, 3).join('\t');
    const entry = byDeployment.get(key) ?? { labels: who(labels), buckets: new Map<string, number>() };
    entry.buckets.set(labels[3] ?? '+Inf', value);
    byDeployment.set(key, entry);
  }
  for (const [key, { labels, buckets }] of byDeployment) {
    let cumulative = 0;
    const bounds = [...new Set([...buckets.keys(), '+Inf'])].sort((a, b) => BUCKET_ORDER(a) - BUCKET_ORDER(b));
    for (const le of bounds) {
      cumulative += buckets.get(le) ?? 0;
      histogram.push({ suffix: '_bucket', labels: { ...labels, le }, value: cumulative });
    }
    const sumMs = latencySum.find((sample) => sample.labels.join('\t') === key)?.value ?? 0;
    histogram.push({ suffix: '_sum', labels, value: sumMs / 1000 }, { suffix: '_count', labels, value: cumulative });
  }
  return [
    {
      name: 'reelay_chat_requests_total',
      help: 'Text requests per deployment tried, by outcome (ok, client_gone or the error code) and mode (stream or json).',
      type: 'counter',
      samples: requests.map(({ labels, value }) => ({ labels: { ...who(labels), outcome: labels[3] ?? '', mode: labels[4] ?? '' }, value })),
    },
    {
      name: 'reelay_chat_tokens_total',
      help: 'Tokens the upstreams reported for text requests, by kind (prompt, completion).',
      type: 'counter',
      samples: tokens.map(({ labels, value }) => ({ labels: { ...who(labels), kind: labels[3] ?? '' }, value })),
    },
    {
      name: 'reelay_chat_request_duration_seconds',
      help: 'Time from the call to a deployment to its last byte (a failed try included).',
      type: 'histogram',
      samples: histogram,
    },
  ];
}
