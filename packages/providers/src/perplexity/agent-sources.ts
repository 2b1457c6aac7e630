import type { AgentOutputItem, AgentSearchResult } from './agent-wire';

/** What Sonar clients read from an answer: `citations` (URLs) and `search_results`, top-level. */
export interface SonarSources {
  citations: string[];
  search_results: AgentSearchResult[];
}

/**
 * Sonar's two source lists, rebuilt from Agent API output items: `search_results` from the
 * `search_results` items (and `fetch_url_results` pages), in order, so `[n]` in the text still
 * points at the n-th entry; `citations` their URLs, plus any `url_citation` annotation URL not
 * already listed (annotations are often empty, so they are the fallback, not the source).
 */
export function sonarSourcesOf(output: readonly AgentOutputItem[] | null | undefined): SonarSources {
  const results: AgentSearchResult[] = [];
  const annotated: string[] = [];
  for (const item of output ?? []) {
    if (item.type === 'search_results') results.push(...(item.results ?? []));
    else if (item.type === 'fetch_url_results') results.push(...(item.contents ?? []));
    else if (item.type === 'message') {
      for (const part of item.content ?? []) for (const annotation of part.annotations ?? []) if (annotation.url) annotated.push(annotation.url);
    }
  }
  const citations = results.map((result) => result.url);
  for (const url of annotated) if (!citations.includes(url)) citations.push(url);
  return { citations, search_results: results };
}

/**
 * Sources as a stream announces them, before the final snapshot has them all: a
 * `response.reasoning.search_results` event and the `search_results` item after it carry the
 * same results, so each (id, url) is kept once.
 */
export class SourceCollector {
  private readonly items: AgentOutputItem[] = [];

  add(item: AgentOutputItem): void {
    this.items.push(item);
  }

  addResults(results: readonly AgentSearchResult[]): void {
    this.items.push({ type: 'search_results', results: [...results] });
  }

  get sources(): SonarSources {
    const seen = new Set<string>();
    const unique = this.items.map((item) => ({
      ...item,
      results: item.results?.filter((result) => {
        const key = `${result.id ?? ''}|${result.url}`;
        return !seen.has(key) && Boolean(seen.add(key));
      }),
    }));
    return sonarSourcesOf(unique);
  }
}
