import { isRecord, type ConfigPath } from './config-path';
import { knownKeys, neighbourSections, type ConfigSection } from './known-keys';
import type { WarningSink } from './warning-sink';

/** Known mistakes that deserve a specific fix rather than "not a LiteLLM key". */
const specialHints: Partial<Record<ConfigSection, Record<string, string>>> = {
  top: {
    vision_model_list:
      'not a LiteLLM key; ignored. To mark a vision model, use model_info.supports_vision: true on the entry in model_list.',
  },
  litellm_settings: {
    master_key:
      'LiteLLM reads master_key from general_settings, not litellm_settings. reelay uses it for now; move it to general_settings.master_key.',
  },
};

/**
 * Warns once per key path about keys LiteLLM does not know. The keys stay in the data
 * (and in `Deployment.params`); only a warning is produced. Top-level `anchorKeys` only hold
 * YAML anchors (`x-defaults: &defaults …`) and are not warned about.
 */
export function warnUnknownKeys(data: Record<string, unknown>, sink: WarningSink, anchorKeys: ReadonlySet<string> = new Set()): void {
  checkSection(data, 'top', [], sink, anchorKeys);
  const modelList = data['model_list'];
  if (Array.isArray(modelList)) {
    modelList.forEach((entry, index) => {
      if (!isRecord(entry)) return;
      checkSection(entry, 'entry', ['model_list', index], sink);
      const params = entry['litellm_params'];
      if (isRecord(params)) checkSection(params, 'litellm_params', ['model_list', index, 'litellm_params'], sink);
    });
  }
  for (const section of ['litellm_settings', 'general_settings', 'router_settings'] as const) {
    const value = data[section];
    if (isRecord(value)) checkSection(value, section, [section], sink);
  }
}

function checkSection(values: Record<string, unknown>, section: ConfigSection, path: ConfigPath, sink: WarningSink, quiet: ReadonlySet<string> = new Set()): void {
  for (const key of Object.keys(values)) {
    if (knownKeys[section].has(key) || quiet.has(key)) continue;
    const special = specialHints[section]?.[key];
    sink.warn([...path, key], special ?? unknownKeyMessage(key, section));
  }
}

function unknownKeyMessage(key: string, section: ConfigSection): string {
  const home = neighbourSections[section].find((other) => knownKeys[other].has(key));
  if (home !== undefined) {
    const where = section === 'entry' ? 'this entry' : section === 'top' ? 'the top level' : section;
    return `not a LiteLLM key in ${where}; ignored. It belongs in ${home}: move it to ${home}.${key}.`;
  }
  return 'not a LiteLLM key; ignored. Check the spelling, or remove it.';
}
