import { cannotServeReason, retirementOf } from '@reelay/providers';
import { startupNotices, type Registry } from '@reelay/registry';
import { CONFIG_GROUP, type Finding } from '@reelay/probes';

/**
 * What the config alone tells, without calling anyone: the loader's warnings (a misspelt or
 * LiteLLM-foreign prefix, `weight` under a strategy that ignores it, keys LiteLLM does not
 * have), what reelay knows of each deployment before a call (a retired model, a retired API),
 * and deployments no adapter of reelay can serve.
 */
export function configFindings(registry: Registry, now = new Date()): Finding[] {
  const findings: Finding[] = registry.warnings.map((warning) => ({
    group: CONFIG_GROUP,
    deployment: warning.line !== undefined ? `line ${warning.line}` : warning.path,
    result: 'config' as const,
    ...splitCauseAndFix(warning.message),
    ...(warning.line !== undefined ? { line: warning.line } : {}),
  }));
  const byId = new Map(registry.deployments.map((deployment) => [deployment.id, deployment]));
  for (const notice of startupNotices(registry, now)) {
    const id = /^deployment (.+)$/.exec(notice.where)?.[1];
    const deployment = id === undefined ? undefined : byId.get(id);
    if (!deployment) continue;
    const retired = retirementOf(deployment.provider, deployment.upstreamModel, deployment.apiBase) !== undefined || /retired|shut down/i.test(notice.message);
    findings.push({
      group: deployment.modelName,
      deployment: deployment.id,
      provider: deployment.provider,
      result: retired ? 'retired' : 'config',
      ...splitCauseAndFix(notice.message),
    });
  }
  for (const deployment of registry.deployments) {
    const reason = cannotServeReason(deployment, deployment.mode === 'video_generation' ? 'video' : 'chat');
    if (reason === undefined) continue;
    const fix = deployment.providerKnown
      ? `reelay does not serve ${deployment.provider}/ for this yet: use a vendor it serves (README, providers), an OpenAI-compatible endpoint as openai/<model> with its api_base, or remove the entry`
      : 'fix the prefix (see the config rows above), or remove the entry';
    findings.push({ group: deployment.modelName, deployment: deployment.id, provider: deployment.provider, result: 'unsupported', cause: `reelay cannot serve it: ${reason}`, fix });
  }
  return findings;
}

/** Messages read "what is wrong; what to do": the two columns of the table. */
function splitCauseAndFix(message: string): { cause: string; fix: string } {
  const at = message.indexOf('; ');
  return at < 0 ? { cause: message, fix: '' } : { cause: message.slice(0, at), fix: message.slice(at + 2) };
}
