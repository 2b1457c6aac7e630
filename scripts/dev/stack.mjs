// The processes of one `pnpm dev`: started in tiers (redis, then s3 and fakes, then api and
// worker), stopped in reverse, each recorded in the state file while it runs.
import { describeExit, killChild, startChild, stopChild, tailOf, waitUntil } from './children.mjs';
import { DevError, shown } from './dev-error.mjs';
import { updateStateFile } from './state-file.mjs';

/** The worker finishes its active jobs on SIGTERM and exits by itself after 30 s. */
const GRACE_MS = { worker: 35_000 };
const DEFAULT_GRACE_MS = 10_000;

export function createStack({ root, logDir, statePath, state, onUnexpectedExit }) {
  const records = [];
  let stopping = false;
  const save = () =>
    updateStateFile(statePath, {
      ...state,
      children: records.filter((record) => !record.exit).map(({ name, pid, marker, ports, logPath }) => ({ name, pid, marker, ports, logPath })),
    });

  return {
    get stopping() {
      return stopping;
    },
    /** Starts a child; `tier` orders the stop (highest first), `ports` are the ones it listens on. */
    start({ name, tier, ports = [], ...spawn }) {
      if (stopping) throw new DevError('stopping');
      const record = startChild({ name, cwd: root, logDir, ...spawn });
      Object.assign(record, { tier, ports });
      records.push(record);
      save();
      void record.exited.then(() => {
        if (!stopping) onUnexpectedExit(record);
      });
      return record;
    },
    setPorts(record, ports) {
      record.ports = ports;
      save();
    },
    markReady(extra) {
      Object.assign(state, extra);
      save();
    },
    /** Waits for `check`; undefined when dev is stopping or the child died (its exit is reported elsewhere). */
    async waitReady(record, check, { timeoutMs, what }) {
      try {
        return await waitUntil(check, { timeoutMs, what, cancelled: () => stopping || record.exit !== undefined });
      } catch (error) {
        throw new DevError(`${record.name} (pid ${record.pid}) did not get ready: ${error.message}. Last lines of ${shown(record.logPath)}:\n${tailOf(record.logPath)}`);
      }
    },
    /** SIGTERM tier by tier (api and worker first, redis last), SIGKILL for what does not stop in time. */
    async stop() {
      stopping = true;
      const tiers = [...new Set(records.map((record) => record.tier))].sort((a, b) => b - a);
      for (const tier of tiers) {
        await Promise.all(records.filter((record) => record.tier === tier).map((record) => stopChild(record, GRACE_MS[record.name] ?? DEFAULT_GRACE_MS)));
      }
    },
    killAll() {
      stopping = true;
      records.forEach(killChild);
    },
    running: () => records.filter((record) => !record.exit),
  };
}

export function exitReport(record) {
  return `reelay dev: ${record.name} (pid ${record.pid}) ${describeExit(record.exit)}; stopping the others. Last lines of ${shown(record.logPath)}:\n${tailOf(record.logPath)}`;
}
