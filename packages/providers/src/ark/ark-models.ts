/**
 * What each Seedance model accepts (providers.md §4). Volcengine Ark names the models
 * `doubao-seedance-…`, BytePlus ModelArk drops the `doubao-` prefix; the family is read from
 * the name either way. Endpoint ids (`ep-…`) hide the model, so nothing model-specific
 * can be checked for them.
 */

export type ArkFlavour = 'volcengine' | 'byteplus';

export type SeedanceFamily = '1.0-pro' | '1.0-pro-fast' | '1.0-lite-t2v' | '1.0-lite-i2v' | '1.5-pro' | '2.0' | '2.0-fast';

export interface SeedanceCapabilities {
  family: SeedanceFamily;
  /** Inclusive range of `duration` in whole seconds. */
  minSeconds: number;
  maxSeconds: number;
  /** `duration: -1` lets the model pick the length (1.5-pro and 2.0 only). */
  modelChoosesSeconds: boolean;
  resolutions: readonly string[];
  /** `generate_audio` exists only on 1.5-pro and 2.0. */
  generatesAudio: boolean;
  /** Whether a first-frame image is accepted, required or refused. */
  image: 'optional' | 'required' | 'none';
}

const ALL_RESOLUTIONS = ['480p', '720p', '1080p'] as const;

const SEEDANCE_1_0 = { minSeconds: 2, maxSeconds: 12, modelChoosesSeconds: false, resolutions: ALL_RESOLUTIONS, generatesAudio: false };

const FAMILIES: ReadonlyArray<{ pattern: RegExp; capabilities: SeedanceCapabilities }> = [
  // 2.0-fast stops at 720p (Volcengine's model page and the APIYI mirror of it: "1080p 仅标准版").
  {
    pattern: /^seedance-2-0-fast\b/,
    capabilities: { family: '2.0-fast', minSeconds: 4, maxSeconds: 15, modelChoosesSeconds: true, resolutions: ['480p', '720p'], generatesAudio: true, image: 'optional' },
  },
  {
    pattern: /^seedance-2-0\b/,
    capabilities: { family: '2.0', minSeconds: 4, maxSeconds: 15, modelChoosesSeconds: true, resolutions: ALL_RESOLUTIONS, generatesAudio: true, image: 'optional' },
  },
  {
    pattern: /^seedance-1-5-pro\b/,
    capabilities: { family: '1.5-pro', minSeconds: 4, maxSeconds: 12, modelChoosesSeconds: true, resolutions: ALL_RESOLUTIONS, generatesAudio: true, image: 'optional' },
  },
  { pattern: /^seedance-1-0-pro-fast\b/, capabilities: { family: '1.0-pro-fast', ...SEEDANCE_1_0, image: 'optional' } },
  { pattern: /^seedance-1-0-pro\b/, capabilities: { family: '1.0-pro', ...SEEDANCE_1_0, image: 'optional' } },
  { pattern: /^seedance-1-0-lite-t2v\b/, capabilities: { family: '1.0-lite-t2v', ...SEEDANCE_1_0, image: 'none' } },
  { pattern: /^seedance-1-0-lite-i2v\b/, capabilities: { family: '1.0-lite-i2v', ...SEEDANCE_1_0, image: 'required' } },
];

/** An endpoint id stands for whatever model the user deployed behind it. */
export function isArkEndpointId(model: string): boolean {
  return /^ep-/i.test(model.trim());
}

/** The family of a Seedance model id, with or without the `doubao-` prefix; undefined when not recognised. */
export function seedanceCapabilities(model: string): SeedanceCapabilities | undefined {
  const bare = model.trim().toLowerCase().replace(/^doubao-/, '');
  return FAMILIES.find((entry) => entry.pattern.test(bare))?.capabilities;
}

/** The image-to-video sibling of a lite text-to-video model id, spelled the same way. */
export function liteImageModelFor(model: string): string {
  return model.replace(/lite-t2v/i, 'lite-i2v');
}

/** The text-to-video sibling of a lite image-to-video model id, spelled the same way. */
export function liteTextModelFor(model: string): string {
  return model.replace(/lite-i2v/i, 'lite-t2v');
}

/** A hint for a 404 on a model id spelled for the other platform. */
export function modelSpellingHint(flavour: ArkFlavour, model: string): string {
  if (isArkEndpointId(model) || !seedanceCapabilities(model)) return '';
  const prefixed = /^doubao-/i.test(model);
  if (flavour === 'volcengine' && !prefixed) return ` On Volcengine Ark the Seedance ids start with doubao- (doubao-${model}).`;
  if (flavour === 'byteplus' && prefixed) return ` On BytePlus ModelArk the Seedance ids have no doubao- prefix (${model.replace(/^doubao-/i, '')}).`;
  return '';
}
