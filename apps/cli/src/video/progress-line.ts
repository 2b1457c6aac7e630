import type { JobView } from './job-view';

/** Where progress goes: a terminal gets one line redrawn in place, a pipe or file one line per change. */
export interface ProgressOutput {
  write(text: string): void;
  isTTY: boolean;
  /** Terminal width; a line longer than it would wrap and `\r` could not redraw it. */
  columns?: number;
}

/** `in_progress  42%  elapsed 1:05  openai / sora-2-primary` */
export function renderProgressLine(job: JobView, elapsedMs: number): string {
  const parts = [job.status.padEnd(11), `${Math.round(job.progress)}%`.padStart(4), `elapsed ${formatElapsed(elapsedMs)}`];
  const where = placeOf(job);
  if (where) parts.push(where);
  return parts.join('  ');
}

/** `0:07`, `12:34`, `1:02:03`. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

function placeOf(job: JobView): string | undefined {
  const { routing } = job;
  if (!routing?.provider) return undefined;
  return routing.deploymentId ? `${routing.provider} / ${routing.deploymentId}` : routing.provider;
}

/**
 * The live line of `--wait`. On a TTY each update redraws it (`\r`, then clear to the end of the
 * line), ticks included, so the elapsed time moves between polls; elsewhere a line is written
 * only when the status, progress or deployment changed, so a log shows each step once.
 */
export class ProgressLine {
  private last: JobView | undefined;
  private lastKey: string | undefined;
  private drawn = false;

  constructor(private readonly output: ProgressOutput) {}

  update(job: JobView, elapsedMs: number): void {
    this.last = job;
    if (this.output.isTTY) {
      this.draw(renderProgressLine(job, elapsedMs));
      return;
    }
    const key = [job.status, Math.round(job.progress), job.routing?.provider, job.routing?.deploymentId].join('|');
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.output.write(`${renderProgressLine(job, elapsedMs)}\n`);
  }

  /** Between polls: moves the elapsed time on a TTY; nothing elsewhere. */
  tick(elapsedMs: number): void {
    if (this.output.isTTY && this.last) this.draw(renderProgressLine(this.last, elapsedMs));
  }

  /** Ends the redrawn line so whatever is written next starts on a line of its own. */
  finish(): void {
    if (this.drawn) this.output.write('\n');
    this.drawn = false;
  }

  private draw(line: string): void {
    const width = this.output.columns && this.output.columns > 1 ? this.output.columns - 1 : undefined;
    const fitted = width !== undefined && line.length > width ? `${line.slice(0, width - 1)}…` : line;
    this.output.write(`\r${fitted}\x1b[K`);
    this.drawn = true;
  }
}
