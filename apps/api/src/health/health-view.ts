import type { Finding } from '@reelay/probes';
import type { Deployment, Registry } from '@reelay/registry';
import type { HealthRound } from './deployment-health';

/**
 * LiteLLM's `GET /health` shape (healthy and unhealthy endpoints with their counts), each
 * endpoint with reelay's reading of the probe: the normalised result, the cause and the fix.
 */
export function healthView(registry: Registry, round: HealthRound & { cached: boolean }, model?: string) {
  const byId = new Map(registry.deployments.map((deployment) => [deployment.id, deployment]));
  const endpoints = round.findings.filter((finding) => model === undefined || finding.group === model).map((finding) => endpoint(finding, byId.get(finding.deployment)));
  const healthy = endpoints.filter((entry) => entry.result === 'ok');
  const unhealthy = endpoints.filter((entry) => entry.result !== 'ok');
  return {
    healthy_endpoints: healthy,
    unhealthy_endpoints: unhealthy,
    healthy_count: healthy.length,
    unhealthy_count: unhealthy.length,
    checked_at: round.checkedAt,
    cached: round.cached,
  };
}

function endpoint(finding: Finding, deployment: Deployment | undefined) {
  const base = {
    model: deployment ? `${deployment.provider}/${deployment.upstreamModel}` : finding.group,
    model_name: finding.group,
    model_id: finding.deployment,
    api_base: deployment?.apiBase ?? null,
    result: finding.result,
  };
  return finding.result === 'ok' ? base : { ...base, error: finding.vendorSaid ?? finding.cause, cause: finding.cause, fix: finding.fix };
}
