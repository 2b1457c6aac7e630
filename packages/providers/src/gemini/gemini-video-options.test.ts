import { describe, expect, it } from 'vitest';
import { buildVeoParameters, checkGeminiVideoRequest, veoFamily } from './gemini-video-options';

const VEO_31 = 'veo-3.1-generate-preview';
const VEO_2 = 'veo-2.0-generate-001';
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const check = (model: string, request: Parameters<typeof checkGeminiVideoRequest>[1]) => checkGeminiVideoRequest(model, request);

describe('veoFamily', () => {
  it.each([
    ['veo-3.1-generate-preview', 'Veo 3'],
    ['veo-3.1-fast-generate-preview', 'Veo 3'],
    ['veo-3.1-lite-generate-preview', 'Veo 3'],
    ['veo-3.0-generate-001', 'Veo 3'],
    ['veo-3.0-fast-generate-001', 'Veo 3'],
    ['veo-3.0-generate-preview', 'Veo 3'],
    ['veo-2.0-generate-001', 'Veo 2'],
    ['veo-2.5-something-new', 'Veo 2'],
    ['veo-4.0-generate-preview', 'Veo 3'],
    ['models/veo-2.0-generate-001', 'Veo 2'],
  ])('%s follows %s rules', (model, label) => {
    expect(veoFamily(model).label).toBe(label);
  });
});

describe('checkGeminiVideoRequest', () => {
  it('accepts a plain prompt with no warnings', () => {
    expect(check(VEO_31, { prompt: 'a kite' })).toEqual({ errors: [], warnings: [] });
  });

  it('Veo 3.x takes seconds 4, 6, 8', () => {
    for (const seconds of [4, 6, 8]) expect(check(VEO_31, { prompt: 'x', seconds }).errors).toEqual([]);
    expect(check(VEO_31, { prompt: 'x', seconds: 5 }).errors).toEqual([
      { param: 'seconds', message: 'veo-3.1-generate-preview takes seconds 4, 6, 8; got 5.' },
    ]);
  });

  it('Veo 2 takes seconds 5, 6, 8', () => {
    for (const seconds of [5, 6, 8]) expect(check(VEO_2, { prompt: 'x', seconds }).errors).toEqual([]);
    expect(check(VEO_2, { prompt: 'x', seconds: 4 }).errors).toEqual([
      { param: 'seconds', message: 'veo-2.0-generate-001 takes seconds 5, 6, 8; got 4.' },
    ]);
  });

  it('Veo 3 at 1080p or 4k needs seconds 8', () => {
    expect(check(VEO_31, { prompt: 'x', resolution: '1080p', seconds: 4 }).errors).toEqual([
      { param: 'seconds', message: 'Veo 3 at 1080p needs seconds 8; got 4.' },
    ]);
    expect(check(VEO_31, { prompt: 'x', size: '3840x2160', seconds: 6 }).errors).toEqual([
      { param: 'seconds', message: 'Veo 3 at 4k needs seconds 8; got 6.' },
    ]);
    expect(check(VEO_31, { prompt: 'x', resolution: '1080p', seconds: 8 }).errors).toEqual([]);
    expect(check(VEO_31, { prompt: 'x', resolution: '4k' }).errors).toEqual([]);
  });

  it('sizes map to the Veo shapes; any other size is refused with the list', () => {
    for (const size of ['1280x720', '720x1280', '1920x1080', '1080x1920', '3840x2160', '2160x3840']) {
      expect(check(VEO_31, { prompt: 'x', size, seconds: 8 }).errors).toEqual([]);
    }
    expect(check(VEO_31, { prompt: 'x', size: '1024x1024' }).errors).toEqual([
      {
        param: 'size',
        message: 'veo-3.1-generate-preview takes size 1280x720, 720x1280, 1920x1080, 1080x1920, 3840x2160, 2160x3840; got 1024x1024.',
      },
    ]);
  });

  it('Veo 2 renders 720p only: no 1080p sizes or resolutions', () => {
    expect(check(VEO_2, { prompt: 'x', size: '1920x1080', seconds: 8 }).errors).toEqual([
      { param: 'size', message: 'veo-2.0-generate-001 takes size 1280x720, 720x1280; got 1920x1080.' },
    ]);
    expect(check(VEO_2, { prompt: 'x', resolution: '1080p', seconds: 8 }).errors).toEqual([
      { param: 'resolution', message: 'veo-2.0-generate-001 takes resolution 720p; got 1080p. Veo 2 renders 720p only.' },
    ]);
    expect(check(VEO_2, { prompt: 'x', resolution: '720p' }).errors).toEqual([]);
  });

  it('aspect_ratio is 16:9 or 9:16; resolution is 720p, 1080p or 4k', () => {
    expect(check(VEO_31, { prompt: 'x', aspectRatio: '1:1' }).errors).toEqual([
      { param: 'aspect_ratio', message: 'veo-3.1-generate-preview takes aspect_ratio 16:9 or 9:16; got 1:1.' },
    ]);
    expect(check(VEO_31, { prompt: 'x', resolution: '480p' }).errors).toEqual([
      { param: 'resolution', message: 'veo-3.1-generate-preview takes resolution 720p, 1080p, 4k; got 480p.' },
    ]);
    expect(check(VEO_31, { prompt: 'x', aspectRatio: '9:16', resolution: '4K', seconds: 8 }).errors).toEqual([]);
  });

  it('size wins over aspect_ratio and resolution, with a warning', () => {
    expect(check(VEO_31, { prompt: 'x', size: '1280x720', aspectRatio: '9:16' })).toEqual({
      errors: [],
      warnings: ['size was used; aspect_ratio and resolution were ignored.'],
    });
  });

  it('seed and generate_audio are warnings, never sent', () => {
    expect(check(VEO_31, { prompt: 'x', seed: 42, generateAudio: false }).warnings).toEqual([
      'seed is not accepted by Veo on the Gemini API (only on Vertex AI) and was not sent.',
      'generate_audio is not a setting of the Gemini API; Veo 3 always renders audio.',
    ]);
    expect(check(VEO_2, { prompt: 'x', generateAudio: true }).warnings).toEqual([
      'generate_audio is not a setting of the Gemini API; Veo 2 renders silent video.',
    ]);
  });

  it('image is a data URL of an image or an http(s) URL', () => {
    expect(check(VEO_31, { prompt: 'x', image: PNG }).errors).toEqual([]);
    expect(check(VEO_31, { prompt: 'x', image: 'https://example.com/cat.png' }).errors).toEqual([]);
    expect(check(VEO_31, { prompt: 'x', image: 'ftp://example.com/cat.png' }).errors).toEqual([
      { param: 'image', message: 'image must be an http(s) URL or a base64 data URL (data:image/png;base64,…).' },
    ]);
    expect(check(VEO_31, { prompt: 'x', image: 'data:text/plain;base64,aGVsbG8=' }).errors).toEqual([
      { param: 'image', message: 'image must be a base64 data URL of an image (data:image/png;base64,…) or an http(s) URL.' },
    ]);
    const huge = `data:image/png;base64,${'A'.repeat(28 * 1024 * 1024)}`;
    expect(check(VEO_31, { prompt: 'x', image: huge }).errors).toEqual([{ param: 'image', message: 'image is larger than 20 MB.' }]);
  });

  it('personGeneration in provider_options follows the model and the mode', () => {
    expect(check(VEO_31, { prompt: 'x', providerOptions: { personGeneration: 'allow_all' } }).errors).toEqual([]);
    expect(check(VEO_31, { prompt: 'x', image: PNG, providerOptions: { personGeneration: 'allow_all' } }).errors).toEqual([
      {
        param: 'provider_options.personGeneration',
        message: 'veo-3.1-generate-preview takes personGeneration allow_adult for image-to-video; got allow_all.',
      },
    ]);
    expect(check(VEO_2, { prompt: 'x', providerOptions: { personGeneration: 'dont_allow' } }).errors).toEqual([]);
  });
});

describe('buildVeoParameters', () => {
  it('maps a size to aspectRatio + resolution and seconds to a number', () => {
    expect(buildVeoParameters(VEO_31, { prompt: 'x', size: '1080x1920', seconds: 8, negativePrompt: 'blur' })).toEqual({
      aspectRatio: '9:16',
      resolution: '1080p',
      durationSeconds: 8,
      negativePrompt: 'blur',
    });
  });

  it('asks for 8 s when 1080p or 4k comes without seconds', () => {
    expect(buildVeoParameters(VEO_31, { prompt: 'x', resolution: '4K' })).toEqual({ resolution: '4k', durationSeconds: 8 });
  });

  it('sends no resolution to Veo 2', () => {
    expect(buildVeoParameters(VEO_2, { prompt: 'x', size: '720x1280', seconds: 5 })).toEqual({ aspectRatio: '9:16', durationSeconds: 5 });
  });

  it('provider_options never override validated fields; seed and generate_audio are not sent', () => {
    const parameters = buildVeoParameters(VEO_31, {
      prompt: 'x',
      aspectRatio: '16:9',
      seconds: 6,
      seed: 7,
      generateAudio: true,
      providerOptions: { aspectRatio: '9:16', durationSeconds: 4, enhancePrompt: true, personGeneration: 'allow_all' },
    });
    expect(parameters).toEqual({ aspectRatio: '16:9', durationSeconds: 6, enhancePrompt: true, personGeneration: 'allow_all' });
  });
});
