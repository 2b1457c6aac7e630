// Finds the Redis `pnpm dev` uses: the one at REDIS_URL when it answers PING, else a
// redis-server from PATH that dev starts itself, else the install command for this machine.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createConnection } from 'node:net';
import { delimiter, join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { DevError } from './dev-error.mjs';

/** PING (after AUTH when the URL has a password): `{ ok: true }` or `{ ok: false, reason }`, within `timeoutMs`. */
export function pingRedis(url, timeoutMs = 1_500) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.resolve({ ok: false, reason: 'not a URL' });
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  const port = Number(parsed.port || 6379);
  const commands = [];
  const password = decodeURIComponent(parsed.password);
  if (password) commands.push(parsed.username ? ['AUTH', decodeURIComponent(parsed.username), password] : ['AUTH', password]);
  commands.push(['PING']);
  return new Promise((resolve) => {
    let answered = '';
    let done = false;
    const finish = (result) => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve(result);
    };
    const send = () => socket.write(commands.map(resp).join(''));
    const socket = parsed.protocol === 'rediss:' ? tlsConnect({ host, port, servername: host }, send) : createConnection(port, host, send);
    socket.setTimeout(timeoutMs, () => finish({ ok: false, reason: `no answer within ${timeoutMs} ms` }));
    socket.on('data', (chunk) => {
      answered += chunk.toString('utf8');
      const error = /^-(.*)$/m.exec(answered);
      if (error) finish({ ok: false, reason: error[1].trim() });
      else if (answered.includes('+PONG')) finish({ ok: true });
    });
    socket.once('error', (error) => finish({ ok: false, reason: error.code ?? error.message }));
    socket.once('close', () => finish({ ok: false, reason: 'connection closed' }));
  });
}

function resp(args) {
  return `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`;
}

/** The first executable called `name` on PATH. */
export function findOnPath(name, path = process.env.PATH ?? '') {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/** The one command that installs redis-server here, or where to read how. */
export function redisInstallHint(platform = process.platform) {
  if (platform === 'darwin') return 'brew install redis';
  if (platform === 'linux' && isDebianLike()) return 'sudo apt-get install -y redis-server';
  return 'see https://redis.io/docs/latest/operate/oss_and_stack/install/install-redis/';
}

function isDebianLike() {
  if (!existsSync('/etc/os-release')) return existsSync('/etc/debian_version');
  const release = readFileSync('/etc/os-release', 'utf8');
  return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(release);
}

export function noRedisError(url, reason) {
  return new DevError(
    [
      `no Redis: nothing answered PING at ${url} (${reason}), and there is no redis-server on PATH to start one.`,
      `Install it:  ${redisInstallHint()}`,
      'then run pnpm dev again; or point REDIS_URL (environment or .env) at a Redis that runs.',
    ].join('\n'),
  );
}

/** The arguments of dev's own redis-server: loopback, data in `dir`, AOF, and the noeviction BullMQ needs. */
export function redisServerArgs(port, dir) {
  return ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '', '--maxmemory-policy', 'noeviction'];
}

/** The URL of dev's own Redis, keeping the logical database REDIS_URL named. */
export function ownRedisUrl(port, requestedUrl) {
  let db = '';
  try {
    db = new URL(requestedUrl).pathname.replace(/^\//, '');
  } catch {
    // a URL that does not parse keeps database 0
  }
  return `redis://127.0.0.1:${port}${/^\d+$/.test(db) ? `/${db}` : ''}`;
}
