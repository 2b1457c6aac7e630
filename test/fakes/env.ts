import { chatFakes, textFakePortVariable } from './chat/chat-fakes';
import { fakePortVariable, videoFakes } from './video-fakes';

/**
 * Env of the fakes process. The test package has no zod, so this is the one hand-written
 * parser; it fails loudly like the apps' zod schemas do.
 */
export interface FakesEnv {
  /** FAKE_<PROVIDER>_PORT: port of each provider's fake (default: its entry in videoFakes). */
  ports: Record<string, number>;
  /** FAKE_TEXT_<PROVIDER>_PORT: port of each text vendor's fake (default: its entry in chatFakes). */
  textPorts: Record<string, number>;
  /** FAKE_BIND_HOST: interface to bind; compose sets 0.0.0.0. Default 127.0.0.1. */
  bindHost: string;
  /** FAKE_PUBLIC_HOST: host name other containers use to reach the fakes, put in result URLs (compose: `fakes`). */
  publicHost?: string;
  /** FAKE_API_KEY: the only Bearer key the fakes accept. Default `fake-key`. */
  apiKey: string;
  /** FAKE_COMPLETE_AFTER_MS: time from create to completed. Default 3000. */
  completeAfterMs: number;
}

export function parseFakesEnv(source: Record<string, string | undefined>): FakesEnv {
  return {
    ports: Object.fromEntries(
      Object.entries(videoFakes).map(([provider, fake]) => [provider, integer(source, fakePortVariable(provider), fake.port, 0, 65_535)]),
    ),
    textPorts: Object.fromEntries(
      Object.entries(chatFakes).map(([provider, fake]) => [provider, integer(source, textFakePortVariable(provider), fake.port, 0, 65_535)]),
    ),
    bindHost: text(source, 'FAKE_BIND_HOST', '127.0.0.1'),
    publicHost: source.FAKE_PUBLIC_HOST?.trim() || undefined,
    apiKey: text(source, 'FAKE_API_KEY', 'fake-key'),
    completeAfterMs: integer(source, 'FAKE_COMPLETE_AFTER_MS', 3000, 0, 24 * 60 * 60_000),
  };
}

function text(source: Record<string, string | undefined>, name: string, fallback: string): string {
  const value = source[name]?.trim();
  return value ? value : fallback;
}

function integer(source: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number {
  const raw = source[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}; got '${raw}'.`);
  }
  return value;
}
