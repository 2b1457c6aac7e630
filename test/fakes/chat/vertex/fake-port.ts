/** The port `pnpm start:fakes` gives the Vertex fake, next to the other text fakes (4020–4028). */
export const VERTEX_FAKE_PORT = 4029;
export const VERTEX_FAKE_PORT_VARIABLE = 'FAKE_TEXT_VERTEX_AI_PORT';

/**
 * FAKE_TEXT_VERTEX_AI_PORT, checked like the other fake ports (test/fakes/env.ts). The fake
 * is not in chatFakes: its deployments need a project and a key file, not the generic
 * api_key groups the text gateway and the demo config build for every entry there.
 */
export function vertexFakePort(source: Record<string, string | undefined>): { port: number; chosen: boolean } {
  const raw = source[VERTEX_FAKE_PORT_VARIABLE]?.trim();
  if (!raw) return { port: VERTEX_FAKE_PORT, chosen: false };
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65_535) throw new Error(`${VERTEX_FAKE_PORT_VARIABLE} must be an integer from 0 to 65535; got '${raw}'.`);
  return { port, chosen: true };
}
