import { describe, expect, it } from 'vitest';
import { renderPrometheusText } from './prometheus-text';

describe('renderPrometheusText', () => {
  it('writes HELP and TYPE before the samples, and escapes label values', () => {
    const text = renderPrometheusText([
      {
        name: 'reelay_upstream_calls_total',
        help: 'Calls to providers.\nBy outcome.',
        type: 'counter',
        samples: [
          { labels: { deployment: 'sora "main"', outcome: 'ok' }, value: 3 },
          { labels: { deployment: 'path\\to\nx', outcome: 'upstream_rate_limited' }, value: 1 },
        ],
      },
      { name: 'reelay_poll_tasks', help: 'Tasks.', type: 'gauge', samples: [{ labels: {}, value: Number.NaN }] },
    ]);
    expect(text).toBe(
      [
        '# HELP reelay_upstream_calls_total Calls to providers.\\nBy outcome.',
        '# TYPE reelay_upstream_calls_total counter',
        'reelay_upstream_calls_total{deployment="sora \\"main\\"",outcome="ok"} 3',
        'reelay_upstream_calls_total{deployment="path\\\\to\\nx",outcome="upstream_rate_limited"} 1',
        '# HELP reelay_poll_tasks Tasks.',
        '# TYPE reelay_poll_tasks gauge',
        'reelay_poll_tasks NaN',
        '',
      ].join('\n'),
    );
  });
});
