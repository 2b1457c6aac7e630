import { parseArgs, type ParseArgsConfig } from 'node:util';

export const VIDEO_USAGE = `usage:
  reelay video create --model <group> --prompt <text> [--seconds <n>] [--size <WxH>]
                      [--wait [--out <file.mp4>] [--interval <seconds>]] [--json]
  reelay video get <id> [--out <file.mp4>] [--json]
  reelay video list [--limit <n>] [--json]

Talks to the reelay api at REELAY_URL (default http://127.0.0.1:4000) with the gateway key in
REELAY_MASTER_KEY. create submits a job and prints its id; with --wait it follows the job
(every --interval seconds, default 2) with a progress line, then saves the video to --out
(default <id>.mp4) and checks its size and sha256. Ctrl-C stops the waiting, not the job.
get shows one job and, with --out, saves its video once it is completed. list shows the
newest jobs of the key (--limit 1 to 100, default 20). --json prints the api's objects.

Exit status: 0 done, 1 the job failed or the api refused, 2 usage error, 130 interrupted.
`;

export type VideoCommand =
  | { kind: 'help' }
  | { kind: 'create'; model: string; prompt: string; seconds?: number; size?: string; wait: boolean; out?: string; intervalMs: number; json: boolean }
  | { kind: 'get'; id: string; out?: string; json: boolean }
  | { kind: 'list'; limit: number; json: boolean };

/** A mistake on the command line: reported with the usage, exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const DEFAULT_INTERVAL_SECONDS = 2;
const DEFAULT_LIST_LIMIT = 20;

/** `reelay video <argv…>` as a command, or a UsageError saying what is wrong. */
export function parseVideoArgs(argv: readonly string[]): VideoCommand {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') return { kind: 'help' };
  if (sub === 'create') return parseCreate(rest);
  if (sub === 'get') return parseGet(rest);
  if (sub === 'list') return parseList(rest);
  throw new UsageError(`unknown video command "${sub}" (create, get or list)`);
}

function parseCreate(args: string[]): VideoCommand {
  const { values } = parse({
    args,
    strict: true,
    options: {
      model: { type: 'string' },
      prompt: { type: 'string' },
      seconds: { type: 'string' },
      size: { type: 'string' },
      wait: { type: 'boolean', default: false },
      out: { type: 'string' },
      interval: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { kind: 'help' };
  if (!values.model?.trim()) throw new UsageError('--model is required: a model_name of the config, e.g. --model sora-2 (GET /v1/models lists them)');
  if (!values.prompt?.trim()) throw new UsageError('--prompt is required, e.g. --prompt "a lighthouse at dawn"');
  if (!values.wait && values.out !== undefined) throw new UsageError('--out needs --wait: the video exists once the job has completed (later: reelay video get <id> --out <file>)');
  if (!values.wait && values.interval !== undefined) throw new UsageError('--interval needs --wait');
  const command: VideoCommand = {
    kind: 'create',
    model: values.model.trim(),
    prompt: values.prompt,
    wait: values.wait,
    intervalMs: seconds(values.interval, '--interval', DEFAULT_INTERVAL_SECONDS, 0.2, 60) * 1000,
    json: values.json,
  };
  if (values.seconds !== undefined) {
    if (!/^\d+$/.test(values.seconds) || Number(values.seconds) < 1) throw new UsageError(`--seconds takes a whole number of seconds, e.g. --seconds 8, not "${values.seconds}"`);
    command.seconds = Number(values.seconds);
  }
  if (values.size !== undefined) {
    if (!/^\d{2,5}x\d{2,5}$/.test(values.size)) throw new UsageError(`--size is written WIDTHxHEIGHT, e.g. --size 1280x720, not "${values.size}"`);
    command.size = values.size;
  }
  if (values.out !== undefined) command.out = outPath(values.out);
  return command;
}

function parseGet(args: string[]): VideoCommand {
  const { values, positionals } = parse({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { kind: 'help' };
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'get needs the job id, e.g. reelay video get video_0123456789abcdef01234567' : `get takes one job id, got ${positionals.length}`);
  const command: VideoCommand = { kind: 'get', id: positionals[0]!, json: values.json };
  if (values.out !== undefined) command.out = outPath(values.out);
  return command;
}

function parseList(args: string[]): VideoCommand {
  const { values } = parse({
    args,
    strict: true,
    options: {
      limit: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { kind: 'help' };
  const limit = values.limit === undefined ? DEFAULT_LIST_LIMIT : Number(values.limit);
  if (!/^\d+$/.test(values.limit ?? String(DEFAULT_LIST_LIMIT)) || limit < 1 || limit > 100) throw new UsageError(`--limit takes 1 to 100, not "${values.limit}"`);
  return { kind: 'list', limit, json: values.json };
}

/** node's parseArgs (strict: an unknown flag is an error), its errors as usage errors. */
function parse<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function seconds(value: string | undefined, flag: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < min || number > max) throw new UsageError(`${flag} takes ${min} to ${max} seconds, not "${value}"`);
  return number;
}

function outPath(value: string): string {
  if (value.trim() === '') throw new UsageError('--out needs a file name, e.g. --out lighthouse.mp4');
  return value;
}
