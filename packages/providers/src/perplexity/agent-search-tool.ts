type Json = Record<string, unknown>;

/** Sonar's top-level search filters; on the Agent API they sit in the web_search tool's `filters`. */
export const SONAR_SEARCH_FILTERS = [
  'search_domain_filter',
  'search_recency_filter',
  'search_after_date_filter',
  'search_before_date_filter',
  'last_updated_after_filter',
  'last_updated_before_filter',
] as const;

/** The `web_search_options` keys that have a place on the web_search tool itself. */
export const WEB_SEARCH_OPTION_KEYS = ['search_context_size', 'user_location'] as const;

const isSet = (value: unknown) => value !== undefined && value !== null;

/**
 * The web_search tool for a request, with the Sonar search options it carried moved onto it
 * (Perplexity's migration notes: filters under `filters`, context size and location on the
 * tool, `num_search_results` as `max_results`). `settingsOnly` leaves out a bare tool: a
 * preset already has web search, and listing the tool only overrides its settings.
 */
export function webSearchTool(body: Json, settingsOnly: boolean): Json | undefined {
  const tool: Json = { type: 'web_search' };
  const filters: Json = {};
  for (const name of SONAR_SEARCH_FILTERS) if (isSet(body[name])) filters[name] = body[name];
  if (Object.keys(filters).length > 0) tool.filters = filters;
  const options = body.web_search_options as Json | null | undefined;
  for (const key of WEB_SEARCH_OPTION_KEYS) if (isSet(options?.[key])) tool[key] = options![key];
  if (isSet(body.num_search_results)) tool.max_results = body.num_search_results;
  return settingsOnly && Object.keys(tool).length === 1 ? undefined : tool;
}

/** Where each Sonar search option lands, for the translated-params header. */
export function searchOptionMoves(body: Json): string[] {
  const moves = SONAR_SEARCH_FILTERS.filter((name) => isSet(body[name])).map((name) => `${name}->tools.web_search.filters.${name}`);
  const options = body.web_search_options as Json | null | undefined;
  for (const key of WEB_SEARCH_OPTION_KEYS) if (isSet(options?.[key])) moves.push(`web_search_options.${key}->tools.web_search.${key}`);
  if (isSet(body.num_search_results)) moves.push('num_search_results->tools.web_search.max_results');
  return moves;
}
