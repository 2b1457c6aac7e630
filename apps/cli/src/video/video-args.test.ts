import { describe, expect, it } from 'vitest';
import { parseVideoArgs, UsageError } from './video-args';

const usageError = (argv: string[]) => {
  try {
    parseVideoArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
};

describe('parseVideoArgs', () => {
  it('create with every option', () => {
    expect(parseVideoArgs(['create', '--model', 'sora-2', '--prompt', 'a lighthouse', '--seconds', '8', '--size', '1280x720', '--wait', '--out', 'a.mp4', '--json', '--interval', '0.5'])).toEqual({
      kind: 'create',
      model: 'sora-2',
      prompt: 'a lighthouse',
      seconds: 8,
      size: '1280x720',
      wait: true,
      out: 'a.mp4',
      intervalMs: 500,
      json: true,
    });
  });

  it('create with defaults: no wait, 2 s interval, no seconds or size sent', () => {
    expect(parseVideoArgs(['create', '--model=veo-3.1', '--prompt=x'])).toEqual({ kind: 'create', model: 'veo-3.1', prompt: 'x', wait: false, intervalMs: 2000, json: false });
  });

  it('get and list', () => {
    expect(parseVideoArgs(['get', 'video_0123456789abcdef01234567', '--out', 'v.mp4'])).toEqual({ kind: 'get', id: 'video_0123456789abcdef01234567', out: 'v.mp4', json: false });
    expect(parseVideoArgs(['get', '--json', 'video_x'])).toEqual({ kind: 'get', id: 'video_x', json: true });
    expect(parseVideoArgs(['list'])).toEqual({ kind: 'list', limit: 20, json: false });
    expect(parseVideoArgs(['list', '--limit', '100', '--json'])).toEqual({ kind: 'list', limit: 100, json: true });
  });

  it('help, at either level', () => {
    for (const argv of [[], ['--help'], ['-h'], ['help'], ['create', '--help'], ['get', '-h'], ['list', '--help']]) expect(parseVideoArgs(argv)).toEqual({ kind: 'help' });
  });

  it('says what is wrong, and how to write it', () => {
    expect(usageError(['make'])).toBe('unknown video command "make" (create, get or list)');
    expect(usageError(['create', '--prompt', 'x'])).toMatch(/^--model is required: .* e\.g\. --model sora-2/);
    expect(usageError(['create', '--model', 'sora-2', '--prompt', '  '])).toMatch(/^--prompt is required/);
    expect(usageError(['create', '--model', 'sora-2', '--prompt', 'x', '--seconds', '4.5'])).toBe('--seconds takes a whole number of seconds, e.g. --seconds 8, not "4.5"');
    expect(usageError(['create', '--model', 'sora-2', '--prompt', 'x', '--seconds', '0'])).toMatch(/^--seconds takes a whole number/);
    expect(usageError(['create', '--model', 'sora-2', '--prompt', 'x', '--size', '1280*720'])).toBe('--size is written WIDTHxHEIGHT, e.g. --size 1280x720, not "1280*720"');
    expect(usageError(['create', '--model', 'sora-2', '--prompt', 'x', '--out', 'a.mp4'])).toMatch(/^--out needs --wait/);
    expect(usageError(['create', '--model', 'sora-2', '--prompt', 'x', '--wait', '--interval', '0'])).toBe('--interval takes 0.2 to 60 seconds, not "0"');
    expect(usageError(['create', '--model', 'sora-2', '--prompt', 'x', '--wait', '--out', ''])).toMatch(/^--out needs a file name/);
    expect(usageError(['create', '--model', 'sora-2', '--prompt', 'x', '--colour'])).toMatch(/Unknown option '--colour'/);
    expect(usageError(['create', 'sora-2'])).toMatch(/Unexpected argument 'sora-2'/);
    expect(usageError(['get'])).toMatch(/^get needs the job id, e\.g\. reelay video get video_/);
    expect(usageError(['get', 'a', 'b'])).toBe('get takes one job id, got 2');
    for (const limit of ['0', '101', '1.5', 'ten']) expect(usageError(['list', '--limit', limit])).toBe(`--limit takes 1 to 100, not "${limit}"`);
  });
});
