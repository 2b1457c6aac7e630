/** Reading the raw JSON of a request without trusting its shape: vendor rules look deep into bodies. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `valueAt(body, 'extra_body', 'google')`: undefined as soon as a step is not an object. */
export function valueAt(root: unknown, ...path: string[]): unknown {
  let value = root;
  for (const key of path) {
    if (!isRecord(value)) return undefined;
    value = value[key];
  }
  return value;
}
