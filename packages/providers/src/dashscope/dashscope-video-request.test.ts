import { describe, expect, it } from 'vitest';
import { findWanModel } from './dashscope-models';
import { planWanRequest } from './dashscope-video-request';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const params = (model: string, request: Parameters<typeof planWanRequest>[1]) => planWanRequest(model, request).errors.map((e) => e.param);

describe('Wan model lookup', () => {
  it('prefers the longest id, so the flash model is not taken for its parent', () => {
    expect(findWanModel('wan2.6-i2v-flash')?.id).toBe('wan2.6-i2v-flash');
    expect(findWanModel('wan2.6-i2v')?.id).toBe('wan2.6-i2v');
    expect(findWanModel('wan2.5-t2v-preview-2025-09-25')?.id).toBe('wan2.5-t2v-preview');
    expect(findWanModel('wan2.6-t2vx')).toBeUndefined();
  });
});

describe('planWanRequest: text-to-video sizes', () => {
  it('writes our WxH size as W*H', () => {
    expect(planWanRequest('wan2.6-t2v', { prompt: 'p', size: '1280x720' }).parameters.size).toBe('1280*720');
    expect(planWanRequest('wan2.6-t2v', { prompt: 'p', size: '1080x1920' }).parameters.size).toBe('1080*1920');
  });

  it('checks the size against each model and lists what is allowed', () => {
    const wan26 = planWanRequest('wan2.6-t2v', { prompt: 'p', size: '832x480' });
    expect(wan26.errors).toEqual([{ param: 'size', message: expect.stringContaining('1280x720') }]);
    expect(wan26.errors[0]!.message).toContain('got 832x480');
    expect(params('wan2.5-t2v-preview', { prompt: 'p', size: '832x480' })).toEqual([]);
    // wan2.2-t2v-plus has 480P and 1080P only.
    expect(params('wan2.2-t2v-plus', { prompt: 'p', size: '1280x720' })).toEqual(['size']);
    expect(params('wan2.2-t2v-plus', { prompt: 'p', size: '1632x1248' })).toEqual([]);
    expect(params('wan2.6-t2v', { prompt: 'p', size: '1280*720' })).toEqual(['size']);
  });

  it('picks the preset for aspect_ratio + resolution, defaulting to the model tier and 16:9', () => {
    const size = (request: { aspectRatio?: string; resolution?: string }, model = 'wan2.6-t2v') =>
      planWanRequest(model, { prompt: 'p', ...request }).parameters.size;
    expect(size({ aspectRatio: '16:9', resolution: '720p' })).toBe('1280*720');
    expect(size({ aspectRatio: '9:16', resolution: '1080p' })).toBe('1080*1920');
    expect(size({ aspectRatio: '4:3', resolution: '720P' })).toBe('1088*832');
    expect(size({ aspectRatio: '1:1' })).toBe('1440*1440');
    expect(size({ resolution: '720p' })).toBe('1280*720');
    expect(size({ aspectRatio: '1:1', resolution: '480p' }, 'wan2.5-t2v-preview')).toBe('624*624');
  });

  it('refuses tiers and ratios a model does not have', () => {
    expect(planWanRequest('wan2.6-t2v', { prompt: 'p', resolution: '480p' }).errors).toEqual([
      { param: 'resolution', message: 'wan2.6-t2v takes resolution 720p, 1080p; got 480p.' },
    ]);
    expect(params('wan2.5-t2v-preview', { prompt: 'p', aspectRatio: '4:3', resolution: '480p' })).toEqual(['aspect_ratio']);
    expect(params('wan2.6-t2v', { prompt: 'p', aspectRatio: '21:9', resolution: '720p' })).toEqual(['aspect_ratio']);
  });

  it('size wins over aspect_ratio + resolution, with a warning', () => {
    const plan = planWanRequest('wan2.6-t2v', { prompt: 'p', size: '1280x720', resolution: '1080p' });
    expect(plan.parameters.size).toBe('1280*720');
    expect(plan.warnings).toEqual(['size was used; aspect_ratio and resolution were ignored.']);
  });
});

describe('planWanRequest: image-to-video', () => {
  it('sends the image as img_url unchanged, URL or data URL', () => {
    expect(planWanRequest('wan2.6-i2v', { prompt: 'p', image: PNG }).input.img_url).toBe(PNG);
    expect(planWanRequest('wan2.6-i2v', { prompt: 'p', image: 'https://example.com/a.png' }).input.img_url).toBe('https://example.com/a.png');
    expect(params('wan2.6-i2v', { prompt: 'p', image: 'file:///etc/passwd' })).toEqual(['image']);
  });

  it('a text-to-video model with an image names the image-to-video sibling', () => {
    const { errors } = planWanRequest('wan2.6-t2v', { prompt: 'p', image: PNG });
    expect(errors).toEqual([{ param: 'image', message: expect.stringContaining('dashscope/wan2.6-i2v') }]);
    expect(planWanRequest('wan2.2-t2v-plus', { prompt: 'p', image: PNG }).errors[0]!.message).toContain('wan2.2-i2v-plus');
  });

  it('an image-to-video model without an image is an error', () => {
    expect(params('wan2.6-i2v', { prompt: 'p' })).toEqual(['image']);
    expect(params('wan2.2-i2v-flash', { prompt: 'p' })).toEqual(['image']);
  });

  it('takes a resolution tier; a size becomes its tier with a warning', () => {
    expect(planWanRequest('wan2.6-i2v', { prompt: 'p', image: PNG, resolution: '720p' }).parameters).toEqual({ resolution: '720P' });
    const fromSize = planWanRequest('wan2.5-i2v-preview', { prompt: 'p', image: PNG, size: '832x480' });
    expect(fromSize.parameters).toEqual({ resolution: '480P' });
    expect(fromSize.warnings[0]).toContain('sent as resolution 480P');
    expect(params('wan2.6-i2v', { prompt: 'p', image: PNG, resolution: '480p' })).toEqual(['resolution']);
    expect(params('wan2.2-i2v-flash', { prompt: 'p', image: PNG, resolution: '1080p' })).toEqual(['resolution']);
    expect(params('wan2.2-i2v-plus', { prompt: 'p', image: PNG, size: '1280x720' })).toEqual(['size']);
    expect(planWanRequest('wan2.6-i2v', { prompt: 'p', image: PNG, aspectRatio: '9:16' }).warnings[0]).toContain('aspect ratio');
  });
});

describe('planWanRequest: seconds, seed, audio, options', () => {
  it('seconds per model', () => {
    for (const ok of [2, 5, 7, 15]) expect(params('wan2.6-t2v', { prompt: 'p', seconds: ok })).toEqual([]);
    for (const bad of [1, 16, 5.5]) expect(params('wan2.6-t2v', { prompt: 'p', seconds: bad })).toEqual(['seconds']);
    expect(params('wan2.5-t2v-preview', { prompt: 'p', seconds: 10 })).toEqual([]);
    expect(planWanRequest('wan2.5-t2v-preview', { prompt: 'p', seconds: 15 }).errors[0]!.message).toBe(
      'wan2.5-t2v-preview takes seconds 5 or 10; got 15.',
    );
    expect(planWanRequest('wan2.2-t2v-plus', { prompt: 'p', seconds: 10 }).errors[0]!.message).toBe('wan2.2-t2v-plus takes seconds only 5; got 10.');
    expect(planWanRequest('wan2.6-t2v', { prompt: 'p', seconds: 10 }).parameters.duration).toBe(10);
  });

  it('seed 0..2147483647', () => {
    expect(planWanRequest('wan2.6-t2v', { prompt: 'p', seed: 0 }).parameters.seed).toBe(0);
    expect(params('wan2.6-t2v', { prompt: 'p', seed: 2_147_483_647 })).toEqual([]);
    expect(params('wan2.6-t2v', { prompt: 'p', seed: 2_147_483_648 })).toEqual(['seed']);
    expect(params('wan2.6-t2v', { prompt: 'p', seed: -1 })).toEqual(['seed']);
  });

  it('generate_audio: a flag where documented, a warning where the model cannot follow it', () => {
    const flash = planWanRequest('wan2.6-i2v-flash', { prompt: 'p', image: PNG, generateAudio: false });
    expect(flash.parameters.audio).toBe(false);
    expect(flash.warnings).toEqual([]);
    const dubbed = planWanRequest('wan2.6-t2v', { prompt: 'p', generateAudio: false });
    expect(dubbed.parameters.audio).toBeUndefined();
    expect(dubbed.warnings[0]).toContain('always adds audio');
    expect(planWanRequest('wan2.6-t2v', { prompt: 'p', generateAudio: true }).warnings).toEqual([]);
    expect(planWanRequest('wan2.2-t2v-plus', { prompt: 'p', generateAudio: true }).warnings[0]).toContain('silent');
    expect(planWanRequest('wan2.2-t2v-plus', { prompt: 'p', generateAudio: false }).warnings).toEqual([]);
  });

  it('provider options pass through but never override validated fields', () => {
    const plan = planWanRequest('wan2.6-t2v', {
      prompt: 'p',
      size: '1280x720',
      seconds: 5,
      providerOptions: { prompt_extend: false, watermark: true, shot_type: 'multi', size: '9999*9999', duration: 99, audio_url: 'https://a/b.mp3', input: {} },
    });
    expect(plan.parameters).toEqual({ prompt_extend: false, watermark: true, shot_type: 'multi', size: '1280*720', duration: 5 });
    expect(plan.input).toEqual({ audio_url: 'https://a/b.mp3', prompt: 'p' });
    expect(plan.warnings).toEqual(['provider_options.input is not passed to DashScope.']);
    expect(planWanRequest('wan2.5-t2v-preview', { prompt: 'p', providerOptions: { shot_type: 'multi' } }).warnings[0]).toContain('wan2.6 option');
  });

  it('negative_prompt goes under input', () => {
    expect(planWanRequest('wan2.6-t2v', { prompt: 'p', negativePrompt: 'blur' }).input).toEqual({ prompt: 'p', negative_prompt: 'blur' });
  });

  it('an unknown model is sent unchecked, with a warning', () => {
    const plan = planWanRequest('wan3.0-t2v', { prompt: 'p', size: '2560x1440', seconds: 20 });
    expect(plan.errors).toEqual([]);
    expect(plan.parameters).toEqual({ size: '2560*1440', duration: 20 });
    expect(plan.warnings[0]).toContain('does not know the limits');
    expect(params('wan9-i2v-next', { prompt: 'p' })).toEqual(['image']);
  });
});
