import { retirementHint, UpstreamError } from '@reelay/providers';
import type { Deployment } from '@reelay/registry';
import type { Finding, FindingResult } from './finding';

type Verdict = Pick<Finding, 'result' | 'cause' | 'fix' | 'vendorSaid'>;

const MODEL_NOT_ACTIVATED = /ModelNotOpen|not activated|FAILED_PRECONDITION|not allowed to use Publisher Model|ServiceNotOpen|ModelIDAccessDisabled/i;
const MODEL_NOT_FOUND = /not[ _-]?found|does not exist|Model Not Exist|InvalidEndpointOrModel|unknown model|no such model|invalid model/i;

/**
 * What a failed probe means, read from reelay's reading of the vendor's answer (its code and
 * status) and the vendor's own words: the cause in a sentence and the fix, per deployment.
 */
export function probeVerdict(error: unknown, deployment: Deployment, now = new Date()): Verdict {
  if (!(error instanceof UpstreamError)) return { result: 'unreachable', cause: `the probe failed before an answer: ${(error as Error).message}`, fix: 'check api_base and that the host is reachable from here' };
  const said = error.message;
  const verdict = (result: FindingResult, cause: string, fix: string): Verdict => ({ result, cause, fix, vendorSaid: said });
  const keyVar = deployment.apiKeyEnv ?? deployment.vertexCredentialsEnv;
  const keyName = keyVar ? `the key in ${keyVar}` : 'the key';
  const status = error.statusCode;

  if (error.code === 'upstream_timeout') return verdict('timeout', 'the vendor did not answer within the probe timeout', 'check api_base, the network path, or raise --timeout');
  if (status === undefined && error.code === 'upstream_error') return verdict('unreachable', 'the vendor could not be reached (no HTTP answer)', 'check api_base (host, port, scheme) and DNS/proxy settings');
  if (MODEL_NOT_ACTIVATED.test(said)) return verdict('model_not_activated', `${deployment.upstreamModel} exists but is not enabled for this account or project`, 'activate the model in the vendor console (Ark: Model activation; Vertex: Model Garden), or use an ep-… endpoint id');
  if (error.code === 'upstream_auth') {
    if (/region/i.test(said)) return verdict('wrong_region', `${keyName} was refused, and the vendor binds keys to a region`, "set api_base to the key's region (the message names the hosts), or use a key of this region");
    return verdict('auth', `${keyName} was refused (wrong, expired, or without access to this model)`, `put a valid key in ${keyVar ?? 'api_key'} and restart`);
  }
  if (error.code === 'upstream_quota') return verdict('quota', 'the account has no quota or credit left for this model', 'add credit or raise the quota in the vendor console; a retry will not help');
  if (error.code === 'upstream_rate_limited') return verdict('rate_limited', 'the vendor is rate limiting this key right now', 'wait and probe again; if it persists, lower rpm/tpm on this deployment or raise the vendor limit');
  if (status === 404 || status === 410 || (error.code === 'invalid_request' && MODEL_NOT_FOUND.test(said))) {
    const retired = retirementHint(deployment.provider, deployment.upstreamModel, now, deployment.apiBase);
    if (retired) return verdict('retired', retired, `set litellm_params.model to the replacement (keep model_name, so apps need no change)`);
    return verdict('model_not_found', `the vendor does not know ${deployment.upstreamModel}`, "check litellm_params.model against the vendor's model list (Ark needs a dated id or an ep-… id)");
  }
  if (error.code === 'invalid_request') return verdict('bad_request', 'the vendor refused the probe request', 'read the vendor words; the deployment may need a setting (a model-specific parameter)');
  return verdict('upstream_error', `the vendor answered ${status ?? 'with an error'}`, 'probe again later; if it persists, check the vendor status page');
}
