/**
 * What each Wan model on DashScope's native video API takes (providers.md §3, re-checked
 * against the Model Studio API reference and its copies, 2026):
 * - text-to-video sizes are fixed `W*H` presets per resolution tier;
 * - image-to-video takes a tier (`resolution: "720P"`) and keeps the input image's aspect ratio;
 * - wan2.6 lengths: the first docs listed 5|10|15 s, the current API reference and the console
 *   schema say "an integer in [2, 15]". We accept the wider range: a length DashScope refuses
 *   costs nothing (it is a 400 or a FAILED task), a length we refuse wrongly blocks users.
 */

export type WanTier = '480P' | '720P' | '1080P';
export type WanAspectRatio = '16:9' | '9:16' | '1:1' | '4:3' | '3:4';

/**
 * How a model handles sound:
 * - `toggle`: `parameters.audio` switches it (documented for wan2.6-i2v-flash);
 * - `auto`: the model dubs every clip; turning it off is not documented;
 * - `silent`: the model never makes sound.
 */
export type WanAudio = 'toggle' | 'auto' | 'silent';

export interface WanModelSpec {
  /** Model id, also matched as a prefix so dated snapshots (`…-2025-09-01`) find their family. */
  id: string;
  mode: 't2v' | 'i2v';
  tiers: readonly WanTier[];
  /** Tier DashScope uses when the request names none (text-to-video: 1920*1080 for every family). */
  defaultTier: WanTier;
  /** Allowed lengths in seconds: a list, or an inclusive integer range. */
  seconds: readonly number[] | { min: number; max: number };
  audio: WanAudio;
  /** Text-to-video only: the image-to-video sibling to suggest when an image is sent. */
  imageModel?: string;
}

/** The `W*H` presets of each tier, by aspect ratio. 480P has no 4:3 or 3:4. */
export const WAN_SIZES: Readonly<Record<WanTier, Partial<Record<WanAspectRatio, string>>>> = {
  '480P': { '16:9': '832*480', '9:16': '480*832', '1:1': '624*624' },
  '720P': { '16:9': '1280*720', '9:16': '720*1280', '1:1': '960*960', '4:3': '1088*832', '3:4': '832*1088' },
  '1080P': { '16:9': '1920*1080', '9:16': '1080*1920', '1:1': '1440*1440', '4:3': '1632*1248', '3:4': '1248*1632' },
};

const WAN26_SECONDS = { min: 2, max: 15 };

export const WAN_MODELS: readonly WanModelSpec[] = [
  { id: 'wan2.6-t2v', mode: 't2v', tiers: ['720P', '1080P'], defaultTier: '1080P', seconds: WAN26_SECONDS, audio: 'auto', imageModel: 'wan2.6-i2v' },
  { id: 'wan2.5-t2v-preview', mode: 't2v', tiers: ['480P', '720P', '1080P'], defaultTier: '1080P', seconds: [5, 10], audio: 'auto', imageModel: 'wan2.5-i2v-preview' },
  // A live check (third-party, 2026) got "size must be in 1080*1920,…,624*624": 480P and 1080P only.
  { id: 'wan2.2-t2v-plus', mode: 't2v', tiers: ['480P', '1080P'], defaultTier: '1080P', seconds: [5], audio: 'silent', imageModel: 'wan2.2-i2v-plus' },
  { id: 'wan2.6-i2v-flash', mode: 'i2v', tiers: ['720P', '1080P'], defaultTier: '1080P', seconds: WAN26_SECONDS, audio: 'toggle' },
  { id: 'wan2.6-i2v', mode: 'i2v', tiers: ['720P', '1080P'], defaultTier: '1080P', seconds: WAN26_SECONDS, audio: 'auto' },
  { id: 'wan2.5-i2v-preview', mode: 'i2v', tiers: ['480P', '720P', '1080P'], defaultTier: '1080P', seconds: [5, 10], audio: 'auto' },
  { id: 'wan2.2-i2v-plus', mode: 'i2v', tiers: ['480P', '1080P'], defaultTier: '1080P', seconds: [5], audio: 'silent' },
  { id: 'wan2.2-i2v-flash', mode: 'i2v', tiers: ['480P', '720P'], defaultTier: '720P', seconds: [5], audio: 'silent' },
];

/** The longest known id that the model id starts with, so `wan2.6-i2v-flash` never matches `wan2.6-i2v`. */
export function findWanModel(modelId: string): WanModelSpec | undefined {
  const id = modelId.toLowerCase();
  return WAN_MODELS.filter((spec) => id === spec.id || id.startsWith(`${spec.id}-`)).sort((a, b) => b.id.length - a.id.length)[0];
}

/** Unknown ids (newer models, other families) are guessed from DashScope's naming: `…-i2v…`. */
export function guessWanMode(modelId: string): 't2v' | 'i2v' {
  return /-i2v/i.test(modelId) ? 'i2v' : 't2v';
}

export function sizesOf(tiers: readonly WanTier[]): string[] {
  return tiers.flatMap((tier) => Object.values(WAN_SIZES[tier]));
}

/** The tier a `W*H` preset belongs to, whatever the model. */
export function tierOfSize(size: string): WanTier | undefined {
  return (Object.keys(WAN_SIZES) as WanTier[]).find((tier) => Object.values(WAN_SIZES[tier]).includes(size));
}

export function secondsAllowed(spec: WanModelSpec, seconds: number): boolean {
  if (!Number.isInteger(seconds)) return false;
  return isList(spec.seconds) ? spec.seconds.includes(seconds) : seconds >= spec.seconds.min && seconds <= spec.seconds.max;
}

export function describeSeconds(spec: WanModelSpec): string {
  if (!isList(spec.seconds)) return `an integer from ${spec.seconds.min} to ${spec.seconds.max}`;
  return spec.seconds.length === 1 ? `only ${spec.seconds[0]}` : spec.seconds.join(' or ');
}

// Array.isArray does not narrow readonly arrays out of a union.
function isList(seconds: WanModelSpec['seconds']): seconds is readonly number[] {
  return Array.isArray(seconds);
}
