import { chatAdapters, pollScheduleFromParams, UpstreamError, videoAdapters } from '@reelay/providers';
import { chatModelSettingsOf, type Deployment } from '@reelay/registry';
import type { Finding } from './finding';
import { probeVerdict } from './probe-verdict';

/** A task id no vendor has: its status query proves the key and the route without creating (or paying for) anything. */
export const PROBE_TASK_ID = 'reelay-doctor-probe-0000';

/**
 * Probes one deployment the cheapest way its vendor allows: a chat deployment gets a one-line
 * chat with a 16-token limit (a few tokens billed); a video deployment a status query for a
 * task that does not exist, which a vendor answers "not found" once the key is accepted.
 */
export async function probeDeployment(deployment: Deployment, timeoutMs: number): Promise<Finding> {
  const row = { group: deployment.modelName, deployment: deployment.id, provider: deployment.provider };
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    if (deployment.mode === 'video_generation') return { ...row, ...(await probeVideo(deployment, signal)) };
    const model = chatAdapters[deployment.provider]!.create(chatModelSettingsOf(deployment));
    await model.complete({ body: { model: deployment.modelName, messages: [{ role: 'user', content: 'Reply with OK.' }], max_tokens: 16 } }, { signal });
    return { ...row, result: 'ok', cause: 'answered a one-line chat', fix: '' };
  } catch (error) {
    if (signal.aborted && !(error instanceof UpstreamError)) return { ...row, result: 'timeout', cause: `no answer within ${timeoutMs / 1000} s`, fix: 'check api_base and the network path, or raise --timeout' };
    return { ...row, ...probeVerdict(error, deployment) };
  }
}

async function probeVideo(deployment: Deployment, signal: AbortSignal): Promise<Omit<Finding, 'group' | 'deployment' | 'provider'>> {
  const model = videoAdapters[deployment.provider]!.create({
    model: deployment.upstreamModel,
    apiBase: deployment.apiBase,
    apiKey: deployment.apiKey,
    apiKeyEnv: deployment.apiKeyEnv,
    pollSchedule: pollScheduleFromParams(deployment.params),
  });
  const poll = model.poll(PROBE_TASK_ID);
  const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error('timed out')), { once: true }));
  try {
    await Promise.race([poll, aborted]);
    // Some vendors answer an unknown task with a 200 and a failed or unknown status: the key passed.
    return { result: 'ok', cause: 'the key is accepted (a status query for a made-up task answered)', fix: '' };
  } catch (error) {
    // "No such task" is the answer a working key gets.
    if (error instanceof UpstreamError && (error.statusCode === 404 || (error.code === 'invalid_request' && /not[ _-]?found|not exist|InvalidParameter|task/i.test(error.message)))) {
      return { result: 'ok', cause: 'the key is accepted (the made-up task is unknown, as expected)', fix: '' };
    }
    throw error;
  }
}
