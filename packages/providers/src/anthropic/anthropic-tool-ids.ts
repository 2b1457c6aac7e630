/**
 * Anthropic takes tool ids matching `^[a-zA-Z0-9_-]+$` only (ids with `.` or `:` from other
 * vendors fail, text-providers.md §1.2). The same id maps the same way in the `tool_use` and
 * its `tool_result`, so a conversation that started elsewhere still pairs up.
 */
export function anthropicToolId(id: string): string {
  const safe = id.replace(/[^a-zA-Z0-9_-]/g, '_');
  return safe === '' ? 'toolu_empty' : safe;
}
