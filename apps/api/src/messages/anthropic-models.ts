import type { Registry } from '@reelay/registry';
import { assertTextGroup, textModelNames } from '../chat/text-groups';


/** A group as Anthropic's Models API shows a model (reelay has no release dates: the epoch). */
function modelObject(id: string) {
  return { type: 'model', id, display_name: id, created_at: new Date(0).toISOString() };
}

/** `GET /v1/models` for clients that send `anthropic-version`: Anthropic's list shape, text groups only, one page. */
export function anthropicModelList(registry: Registry) {
  const names = textModelNames(registry);
  return { data: names.map(modelObject), has_more: false, first_id: names[0] ?? null, last_id: names.at(-1) ?? null };
}

/** `GET /v1/models/{id}` the same way. */
export function anthropicModel(registry: Registry, id: string) {
  assertTextGroup(registry, id);
  return modelObject(id);
}
