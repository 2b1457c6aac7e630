/**
 * The Seedance models the fake serves and what each accepts (providers.md §4). Volcengine
 * Ark spells them `doubao-seedance-…`; BytePlus ModelArk drops the `doubao-` prefix.
 * Kept apart from the adapter's own tables on purpose: the fake checks the adapter.
 */

export type ArkFlavour = 'volcengine' | 'byteplus';

export interface FakeSeedanceModel {
  id: string;
  /** Whole seconds accepted in `duration`. */
  minSeconds: number;
  maxSeconds: number;
  /** `duration: -1` (model picks) accepted. */
  modelChoosesSeconds: boolean;
  /** `frames` (25 + 4n in [29, 289]) accepted: Seedance 1.0 only. */
  frames: boolean;
  resolutions: readonly string[];
  defaultResolution: string;
  /** `generate_audio` accepted (default true). */
  audio: boolean;
  /** `draft` and `draft_task` accepted. */
  draft: boolean;
  /** Reference video/audio content accepted. */
  referenceMedia: boolean;
  image: 'optional' | 'required' | 'none';
}

const ALL = ['480p', '720p', '1080p'] as const;
const V1 = { minSeconds: 2, maxSeconds: 12, modelChoosesSeconds: false, frames: true, resolutions: ALL, audio: false, draft: false, referenceMedia: false };

/** BytePlus spellings, in the order the VideoFake lists them (the first is the contract's default). */
const BASE_MODELS: readonly FakeSeedanceModel[] = [
  {
    id: 'seedance-1-5-pro-251215',
    minSeconds: 4, maxSeconds: 12, modelChoosesSeconds: true, frames: false, resolutions: ALL, defaultResolution: '720p',
    audio: true, draft: true, referenceMedia: false, image: 'optional',
  },
  { id: 'seedance-1-0-pro-250528', ...V1, defaultResolution: '1080p', image: 'optional' },
  { id: 'seedance-1-0-pro-fast-251015', ...V1, defaultResolution: '1080p', image: 'optional' },
  { id: 'seedance-1-0-lite-t2v-250428', ...V1, defaultResolution: '720p', image: 'none' },
  { id: 'seedance-1-0-lite-i2v-250428', ...V1, defaultResolution: '720p', image: 'required' },
  {
    id: 'seedance-2-0-260128',
    minSeconds: 4, maxSeconds: 15, modelChoosesSeconds: true, frames: false, resolutions: ALL, defaultResolution: '720p',
    audio: true, draft: false, referenceMedia: true, image: 'optional',
  },
  {
    id: 'seedance-2-0-fast-260128',
    minSeconds: 4, maxSeconds: 15, modelChoosesSeconds: true, frames: false, resolutions: ['480p', '720p'], defaultResolution: '720p',
    audio: true, draft: false, referenceMedia: true, image: 'optional',
  },
];

export function seedanceModelsFor(flavour: ArkFlavour): FakeSeedanceModel[] {
  return BASE_MODELS.map((model) => (flavour === 'volcengine' ? { ...model, id: `doubao-${model.id}` } : { ...model }));
}

/** Output pixels per resolution and ratio, used for `usage` (tokens ≈ w × h × 24 × seconds / 1024). */
const PIXELS: Record<string, Record<string, [number, number]>> = {
  '480p': { '16:9': [864, 496], '4:3': [752, 560], '1:1': [640, 640], '3:4': [560, 752], '9:16': [496, 864], '21:9': [992, 432] },
  '720p': { '16:9': [1280, 720], '4:3': [1112, 834], '1:1': [960, 960], '3:4': [834, 1112], '9:16': [720, 1280], '21:9': [1470, 630] },
  '1080p': { '16:9': [1920, 1080], '4:3': [1664, 1248], '1:1': [1440, 1440], '3:4': [1248, 1664], '9:16': [1080, 1920], '21:9': [2206, 946] },
};

export function completionTokens(resolution: string, ratio: string, seconds: number): number {
  const [width, height] = PIXELS[resolution]?.[ratio] ?? [1280, 720];
  return Math.floor((width * height * 24 * seconds) / 1024);
}
