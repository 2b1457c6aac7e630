import { describe, expect, it } from 'vitest';
import type { JobView } from './job-view';
import { formatElapsed, ProgressLine, renderProgressLine } from './progress-line';

function job(patch: Partial<JobView> = {}): JobView {
  return {
    id: 'video_0123456789abcdef01234567',
    status: 'in_progress',
    progress: 42,
    model: 'sora-2',
    prompt: 'a lighthouse at dawn',
    createdAt: 1_780_000_000,
    completedAt: null,
    error: null,
    output: null,
    routing: { provider: 'openai', deploymentId: 'sora-2-primary', upstreamId: 'video_up' },
    warnings: [],
    ...patch,
  };
}

function recorder(isTTY: boolean, columns?: number) {
  const writes: string[] = [];
  return { writes, output: { isTTY, ...(columns === undefined ? {} : { columns }), write: (text: string) => void writes.push(text) } };
}

describe('renderProgressLine', () => {
  it('shows status, percent, elapsed and where the job runs', () => {
    expect(renderProgressLine(job(), 65_000)).toBe('in_progress   42%  elapsed 1:05  openai / sora-2-primary');
  });

  it('leaves the place out while the job waits for a deployment, and rounds the percent', () => {
    expect(renderProgressLine(job({ status: 'queued', progress: 0.4, routing: null }), 0)).toBe('queued         0%  elapsed 0:00');
    expect(renderProgressLine(job({ status: 'completed', progress: 100 }), 3_999)).toBe('completed    100%  elapsed 0:03  openai / sora-2-primary');
  });

  it('names the provider alone when the deployment is not known yet', () => {
    expect(renderProgressLine(job({ routing: { provider: 'gemini', deploymentId: null, upstreamId: null } }), 1000)).toBe('in_progress   42%  elapsed 0:01  gemini');
  });

  it('formats elapsed time as m:ss, then h:mm:ss', () => {
    expect([0, 999, 59_999, 60_000, 3_599_000, 3_723_000, -5].map(formatElapsed)).toEqual(['0:00', '0:00', '0:59', '1:00', '59:59', '1:02:03', '0:00']);
  });
});

describe('ProgressLine', () => {
  it('on a TTY redraws one line in place, ticks included, and ends it with a newline', () => {
    const { writes, output } = recorder(true);
    const line = new ProgressLine(output);
    line.update(job({ status: 'queued', progress: 0, routing: null }), 0);
    line.tick(1000);
    line.update(job({ progress: 10 }), 2000);
    line.finish();
    expect(writes).toEqual([
      '\rqueued         0%  elapsed 0:00\x1b[K',
      '\rqueued         0%  elapsed 0:01\x1b[K',
      '\rin_progress   10%  elapsed 0:02  openai / sora-2-primary\x1b[K',
      '\n',
    ]);
  });

  it('on a TTY cuts the line to the terminal width, so \\r can redraw it', () => {
    const { writes, output } = recorder(true, 20);
    new ProgressLine(output).update(job(), 0);
    expect(writes).toEqual(['\rin_progress   42% …\x1b[K']);
    expect(writes[0]!.slice(1, -3)).toHaveLength(19); // one column spare: the cursor never wraps
  });

  it('elsewhere writes one line per change: same status, percent and place is no new line, ticks are none', () => {
    const { writes, output } = recorder(false);
    const line = new ProgressLine(output);
    line.update(job({ status: 'queued', progress: 0, routing: null }), 0);
    line.update(job({ status: 'queued', progress: 0, routing: null }), 2000);
    line.tick(3000);
    line.update(job({ status: 'queued', progress: 0 }), 4000);
    line.update(job({ progress: 40 }), 6000);
    line.update(job({ progress: 40 }), 8000);
    line.update(job({ status: 'completed', progress: 100 }), 10_000);
    line.finish();
    expect(writes).toEqual([
      'queued         0%  elapsed 0:00\n',
      'queued         0%  elapsed 0:04  openai / sora-2-primary\n',
      'in_progress   40%  elapsed 0:06  openai / sora-2-primary\n',
      'completed    100%  elapsed 0:10  openai / sora-2-primary\n',
    ]);
  });
});
