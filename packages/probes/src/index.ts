/**
 * `@reelay/probes`: one cheap call per deployment that tells whether it works and, when not,
 * why and what to do. `reelay doctor --live` and the api's `GET /health` run the same probes.
 */
export { CONFIG_GROUP, type Finding, type FindingResult } from './finding';
export { probeAll, type ProbeAllOptions } from './probe-all';
export { PROBE_TASK_ID, probeDeployment } from './probe-deployment';
export { probeVerdict } from './probe-verdict';
