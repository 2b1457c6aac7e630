/**
 * Model ids a text fake answers with its vendor's "not found": test ids starting `missing-`,
 * and ids the real vendors retired (they answer not found for them now; reelay's table of
 * retirements is packages/providers/src/catalog/model-lifecycle.ts). Any other id is served.
 */
const RETIRED = new Set([
  'claude-3-sonnet-20240229',
  'gemini-3-pro-preview',
  'deepseek-chat',
  'deepseek-reasoner',
  'qwen-turbo',
  'doubao-pro-4k-240515',
  'doubao-pro-32k-240615',
  'doubao-pro-128k-240628',
  'doubao-pro-32k',
  'gpt-4',
]);

export function isUnknownModel(model: string): boolean {
  return model.startsWith('missing-') || RETIRED.has(model);
}
