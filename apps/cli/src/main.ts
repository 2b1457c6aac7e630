import { parseArgs } from 'node:util';
import { DOCTOR_USAGE, runDoctor } from './doctor/doctor-command';
import { INTERRUPTED_EXIT, runVideo } from './video/video-command';

const USAGE = `usage: reelay <command>

commands:
  doctor    check the config, and with --live every deployment (reelay doctor --help)
  video     create, follow, list and download video jobs through the api (reelay video --help)
`;

/** `reelay <command>`: the command line of the checkout (`pnpm reelay`, `pnpm doctor`) and of the Docker image. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'doctor') return doctor(rest);
  if (command === 'video') return video(rest);
  process.stderr.write(command === undefined || command === '--help' ? USAGE : `reelay: unknown command "${command}"\n\n${USAGE}`);
  return command === undefined || command === '--help' ? 0 : 2;
}

async function doctor(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        live: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        config: { type: 'string' },
        expect: { type: 'string', default: '' },
        concurrency: { type: 'string', default: '4' },
        timeout: { type: 'string', default: '20' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    process.stderr.write(`reelay doctor: ${(error as Error).message}\n\n${DOCTOR_USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(DOCTOR_USAGE);
    return 0;
  }
  const concurrency = Number(values.concurrency);
  const timeoutSeconds = Number(values.timeout);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32 || !(timeoutSeconds > 0 && timeoutSeconds <= 300)) {
    process.stderr.write(`reelay doctor: --concurrency takes 1 to 32 and --timeout 1 to 300 seconds\n\n${DOCTOR_USAGE}`);
    return 2;
  }
  return runDoctor({
    configPath: values.config ?? process.env.REELAY_CONFIG ?? 'config.yaml',
    live: values.live,
    json: values.json,
    concurrency,
    timeoutMs: timeoutSeconds * 1000,
    expect: values.expect.split(',').map((name) => name.trim()).filter(Boolean),
    env: process.env,
    write: (text) => process.stdout.write(text),
  });
}

/** Ctrl-C aborts what the command waits for, so it can say what keeps running; a second one exits at once. */
async function video(args: string[]): Promise<number> {
  const interrupt = new AbortController();
  const onSigint = () => {
    if (interrupt.signal.aborted) process.exit(INTERRUPTED_EXIT);
    interrupt.abort(new Error('interrupted'));
  };
  process.on('SIGINT', onSigint);
  try {
    return await runVideo(args, { env: process.env, stdout: process.stdout, stderr: process.stderr, signal: interrupt.signal });
  } finally {
    process.off('SIGINT', onSigint);
  }
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: Error) => {
    process.stderr.write(`reelay: ${error.message}\n`);
    process.exitCode = 1;
  },
);
