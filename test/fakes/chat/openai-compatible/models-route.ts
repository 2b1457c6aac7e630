import type { ServerResponse } from 'node:http';
import type { FakeState } from './fake-state';
import { sendJson } from './http-response';

/** A fixed timestamp: the list is the same on every call, as a real catalogue mostly is. */
const LISTED_CREATED = 1_754_006_400;

/** GET …/models: an OpenAI list with the flavor's default model, which clients use as a key check. */
export function handleModels(state: FakeState, response: ServerResponse): void {
  const { config } = state;
  const id = config.listedModelId?.(config.defaultModel) ?? config.defaultModel;
  sendJson(config, response, 200, { object: 'list', data: [{ id, object: 'model', created: LISTED_CREATED, owned_by: config.ownedBy }] });
}
