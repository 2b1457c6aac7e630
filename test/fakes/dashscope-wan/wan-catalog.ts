/**
 * The Wan models the fake serves, with the limits DashScope enforces (providers.md §3 and the
 * Model Studio reference). Written independently of the adapter's table on purpose: the
 * contract suite should catch the adapter sending what the vendor refuses.
 */
export interface FakeWanModel {
  mode: 't2v' | 'i2v';
  /** Text-to-video: accepted `size` values. */
  sizes: readonly string[];
  /** Image-to-video: accepted `resolution` values. */
  resolutions: readonly string[];
  /** Lengths in seconds the model renders; others fail the task (see create-route). */
  durations: readonly number[];
  defaultSize: string;
  defaultResolution: string;
  /** Whether finished tasks report audio in `usage`. */
  audio: boolean;
}

const P480 = ['832*480', '480*832', '624*624'];
const P720 = ['1280*720', '720*1280', '960*960', '1088*832', '832*1088'];
const P1080 = ['1920*1080', '1080*1920', '1440*1440', '1632*1248', '1248*1632'];
const TWO_TO_FIFTEEN = Array.from({ length: 14 }, (_, i) => i + 2);

function t2v(sizes: string[], durations: readonly number[], audio: boolean): FakeWanModel {
  return { mode: 't2v', sizes, resolutions: [], durations, defaultSize: '1920*1080', defaultResolution: '1080P', audio };
}

function i2v(resolutions: string[], durations: readonly number[], audio: boolean): FakeWanModel {
  return { mode: 'i2v', sizes: [], resolutions, durations, defaultSize: '', defaultResolution: resolutions.at(-1)!, audio };
}

export const FAKE_WAN_MODELS: Readonly<Record<string, FakeWanModel>> = {
  'wan2.6-t2v': t2v([...P720, ...P1080], TWO_TO_FIFTEEN, true),
  'wan2.5-t2v-preview': t2v([...P480, ...P720, ...P1080], [5, 10], true),
  'wan2.2-t2v-plus': t2v([...P480, ...P1080], [5], false),
  'wan2.6-i2v': i2v(['720P', '1080P'], TWO_TO_FIFTEEN, true),
  'wan2.6-i2v-flash': i2v(['720P', '1080P'], TWO_TO_FIFTEEN, true),
  'wan2.5-i2v-preview': i2v(['480P', '720P', '1080P'], [5, 10], true),
  'wan2.2-i2v-plus': i2v(['480P', '1080P'], [5], false),
  'wan2.2-i2v-flash': i2v(['480P', '720P'], [5], false),
};
