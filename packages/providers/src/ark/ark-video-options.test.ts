import { describe, expect, it } from 'vitest';
import { seedanceCapabilities } from './ark-models';
import { checkArkVideoRequest, planArkRequest } from './ark-video-options';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const CN = {
  pro15: 'doubao-seedance-1-5-pro-251215',
  pro10: 'doubao-seedance-1-0-pro-250528',
  proFast: 'doubao-seedance-1-0-pro-fast-251015',
  liteT2v: 'doubao-seedance-1-0-lite-t2v-250428',
  liteI2v: 'doubao-seedance-1-0-lite-i2v-250428',
  v2: 'doubao-seedance-2-0-260128',
  v2Fast: 'doubao-seedance-2-0-fast-260128',
};

const errorsOf = (model: string, request: Parameters<typeof checkArkVideoRequest>[1]) => checkArkVideoRequest(model, request).errors;

describe('Seedance families', () => {
  it('are recognised with or without the doubao- prefix', () => {
    expect(seedanceCapabilities(CN.pro15)?.family).toBe('1.5-pro');
    expect(seedanceCapabilities('seedance-1-5-pro-251215')?.family).toBe('1.5-pro');
    expect(seedanceCapabilities('seedance-1-0-pro-fast-251015')?.family).toBe('1.0-pro-fast');
    expect(seedanceCapabilities(CN.pro10)?.family).toBe('1.0-pro');
    expect(seedanceCapabilities('seedance-1-0-lite-t2v-250428')?.family).toBe('1.0-lite-t2v');
    expect(seedanceCapabilities(CN.liteI2v)?.family).toBe('1.0-lite-i2v');
    expect(seedanceCapabilities('seedance-2-0-260128')?.family).toBe('2.0');
    expect(seedanceCapabilities(CN.v2Fast)?.family).toBe('2.0-fast');
    expect(seedanceCapabilities('ep-20260125152958-7c9gf')).toBeUndefined();
    expect(seedanceCapabilities('doubao-seed-1-6-251015')).toBeUndefined();
  });
});

describe('seconds → duration', () => {
  it('1.0 models take 2–12', () => {
    for (const model of [CN.pro10, CN.proFast, CN.liteT2v]) {
      expect(errorsOf(model, { prompt: 'x', seconds: 2 })).toEqual([]);
      expect(errorsOf(model, { prompt: 'x', seconds: 12 })).toEqual([]);
      expect(errorsOf(model, { prompt: 'x', seconds: 13 })[0]).toMatchObject({ param: 'seconds', message: expect.stringContaining('from 2 to 12') });
      expect(errorsOf(model, { prompt: 'x', seconds: -1 })[0]?.param).toBe('seconds');
    }
  });

  it('1.5-pro takes 4–12 or -1', () => {
    expect(errorsOf(CN.pro15, { prompt: 'x', seconds: 4 })).toEqual([]);
    expect(errorsOf(CN.pro15, { prompt: 'x', seconds: -1 })).toEqual([]);
    expect(errorsOf(CN.pro15, { prompt: 'x', seconds: 3 })[0]).toMatchObject({ param: 'seconds', message: expect.stringContaining('or -1') });
    expect(errorsOf(CN.pro15, { prompt: 'x', seconds: 15 })[0]?.param).toBe('seconds');
  });

  it('2.0 takes 4–15 or -1, whole seconds only', () => {
    expect(errorsOf(CN.v2, { prompt: 'x', seconds: 15 })).toEqual([]);
    expect(errorsOf(CN.v2Fast, { prompt: 'x', seconds: -1 })).toEqual([]);
    expect(errorsOf(CN.v2, { prompt: 'x', seconds: 16 })[0]?.param).toBe('seconds');
    expect(errorsOf(CN.v2, { prompt: 'x', seconds: 5.5 })[0]?.param).toBe('seconds');
  });
});

describe('size, aspect_ratio and resolution', () => {
  it('maps WxH onto ratio + resolution', () => {
    const fields = (size: string) => planArkRequest(CN.pro15, { prompt: 'x', size }).fields;
    expect(fields('1280x720')).toEqual({ ratio: '16:9', resolution: '720p' });
    expect(fields('720x1280')).toEqual({ ratio: '9:16', resolution: '720p' });
    expect(fields('1920x1080')).toEqual({ ratio: '16:9', resolution: '1080p' });
    expect(fields('1080x1920')).toEqual({ ratio: '9:16', resolution: '1080p' });
    expect(fields('960x960')).toEqual({ ratio: '1:1', resolution: '720p' });
    expect(fields('1248x704')).toEqual({ ratio: '16:9', resolution: '720p' });
    expect(fields('864x480')).toEqual({ ratio: '16:9', resolution: '480p' });
    expect(fields('1664x1248')).toEqual({ ratio: '4:3', resolution: '1080p' });
    expect(fields('1248x1664')).toEqual({ ratio: '3:4', resolution: '1080p' });
    expect(fields('2176x928')).toEqual({ ratio: '21:9', resolution: '1080p' });
  });

  it('an unknown size is a 400 listing the sizes', () => {
    const [problem] = errorsOf(CN.pro15, { prompt: 'x', size: '1000x1000' });
    expect(problem?.param).toBe('size');
    expect(problem?.message).toContain('1280x720');
    expect(problem?.message).toContain('1920x1080');
    expect(problem?.message).toContain('got 1000x1000');
  });

  it('2.0 fast stops at 720p', () => {
    expect(errorsOf(CN.v2Fast, { prompt: 'x', size: '1920x1080' })[0]?.param).toBe('size');
    expect(errorsOf(CN.v2Fast, { prompt: 'x', resolution: '1080p' })[0]).toMatchObject({ param: 'resolution', message: expect.stringContaining('480p, 720p') });
    expect(errorsOf(CN.v2, { prompt: 'x', resolution: '1080p' })).toEqual([]);
  });

  it('takes aspect_ratio + resolution from the documented lists', () => {
    for (const aspectRatio of ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9', 'adaptive']) {
      expect(errorsOf(CN.pro10, { prompt: 'x', aspectRatio, resolution: '480p' })).toEqual([]);
    }
    expect(planArkRequest(CN.pro10, { prompt: 'x', aspectRatio: '21:9', resolution: '1080p' }).fields).toEqual({ ratio: '21:9', resolution: '1080p' });
    expect(errorsOf(CN.pro10, { prompt: 'x', aspectRatio: '2:1' })[0]).toMatchObject({ param: 'aspect_ratio', message: expect.stringContaining('adaptive') });
    expect(errorsOf(CN.pro10, { prompt: 'x', resolution: '4k' })[0]?.param).toBe('resolution');
  });

  it('size wins over aspect_ratio + resolution, with a warning', () => {
    const plan = planArkRequest(CN.pro15, { prompt: 'x', size: '1280x720', aspectRatio: '1:1' });
    expect(plan.fields.ratio).toBe('16:9');
    expect(plan.warnings).toEqual(['size was used; aspect_ratio and resolution were ignored.']);
  });
});

describe('seed, negative_prompt and generate_audio', () => {
  it('seed ranges from -1 to 2^32-1', () => {
    expect(errorsOf(CN.pro15, { prompt: 'x', seed: -1 })).toEqual([]);
    expect(errorsOf(CN.pro15, { prompt: 'x', seed: 4_294_967_295 })).toEqual([]);
    expect(errorsOf(CN.pro15, { prompt: 'x', seed: 4_294_967_296 })[0]?.param).toBe('seed');
    expect(errorsOf(CN.pro15, { prompt: 'x', seed: -2 })[0]?.param).toBe('seed');
  });

  it('negative_prompt is a warning: Seedance has none', () => {
    const check = checkArkVideoRequest(CN.pro15, { prompt: 'x', negativePrompt: 'blur' });
    expect(check.errors).toEqual([]);
    expect(check.warnings[0]).toContain('negative_prompt');
  });

  it('generate_audio is sent to 1.5-pro and 2.0, and a warning elsewhere', () => {
    expect(planArkRequest(CN.pro15, { prompt: 'x', generateAudio: false }).fields.generate_audio).toBe(false);
    expect(planArkRequest(CN.v2Fast, { prompt: 'x', generateAudio: true }).fields.generate_audio).toBe(true);
    const plan = planArkRequest(CN.pro10, { prompt: 'x', generateAudio: true });
    expect(plan.fields.generate_audio).toBeUndefined();
    expect(plan.errors).toEqual([]);
    expect(plan.warnings[0]).toContain('generate_audio');
  });
});

describe('image-to-video', () => {
  it('takes an https URL or a data URL as the first frame', () => {
    expect(planArkRequest(CN.pro15, { prompt: 'x', image: 'https://example.com/a.png' }).fields.image).toBe('https://example.com/a.png');
    expect(planArkRequest(CN.v2, { prompt: 'x', image: PNG }).fields.image).toBe(PNG);
    expect(errorsOf(CN.pro15, { prompt: 'x', image: 'file:///etc/passwd' })[0]?.param).toBe('image');
  });

  it('lite t2v refuses an image and names the lite i2v model', () => {
    const [problem] = errorsOf(CN.liteT2v, { prompt: 'x', image: PNG });
    expect(problem).toMatchObject({ param: 'image', message: expect.stringContaining(CN.liteI2v) });
    expect(errorsOf('seedance-1-0-lite-t2v-250428', { prompt: 'x', image: PNG })[0]?.message).toContain('seedance-1-0-lite-i2v-250428');
  });

  it('lite i2v needs an image', () => {
    expect(errorsOf(CN.liteI2v, { prompt: 'x' })[0]).toMatchObject({ param: 'image', message: expect.stringContaining(CN.liteT2v) });
    expect(errorsOf(CN.liteI2v, { prompt: 'x', image: PNG })).toEqual([]);
  });
});

describe('endpoint ids and unknown names', () => {
  it('skip per-model checks but keep the rules every Seedance model shares', () => {
    const endpoint = 'ep-20260125152958-7c9gf';
    expect(errorsOf(endpoint, { prompt: 'x', seconds: 15, resolution: '1080p', image: PNG, generateAudio: true })).toEqual([]);
    expect(planArkRequest(endpoint, { prompt: 'x', generateAudio: false }).fields.generate_audio).toBe(false);
    expect(errorsOf(endpoint, { prompt: 'x', seconds: 30 })[0]?.param).toBe('seconds');
    expect(errorsOf(endpoint, { prompt: 'x', size: '1000x1000' })[0]?.param).toBe('size');
  });
});

describe('provider_options', () => {
  it('that collide with validated fields are reported, not silently lost', () => {
    const plan = planArkRequest(CN.pro15, { prompt: 'x', seconds: 5, providerOptions: { duration: 10, camera_fixed: true } });
    expect(plan.warnings).toEqual(['provider_options duration was ignored: reelay sets it from the request.']);
  });
});
