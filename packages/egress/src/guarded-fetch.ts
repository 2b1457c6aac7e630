import { fetch as undiciFetch, type Agent } from 'undici';

/**
 * A fetch for client-supplied URLs (input images) that goes through the guarded agent,
 * so such URLs are held to the same egress policy as webhooks, checked at connect time.
 */
export function createGuardedFetch(agent: Agent): typeof fetch {
  const guarded = (input: string | URL | Request, init?: RequestInit) =>
    // undici's own fetch honours a foreign dispatcher; the global one may not. Its types
    // differ from the DOM ones only nominally, hence the casts.
    undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher: agent }) as unknown as Promise<Response>;
  return guarded as typeof fetch;
}
