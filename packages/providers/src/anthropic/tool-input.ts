type Json = Record<string, unknown>;

/**
 * OpenAI tool arguments (JSON text) as the `input` object of an Anthropic `tool_use` block: an
 * empty object for none, and a model's broken JSON kept as text rather than lost.
 */
export function anthropicToolInput(text: unknown): Json {
  if (text && typeof text === 'object' && !Array.isArray(text)) return text as Json;
  if (typeof text !== 'string' || text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Json) : { value: parsed };
  } catch {
    return { arguments: text };
  }
}
