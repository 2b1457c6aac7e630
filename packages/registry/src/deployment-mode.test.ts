import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error';
import { parseRegistry } from './parse-registry';

const one = (model: string, info = '') => `model_list:\n  - model_name: m\n    litellm_params:\n      model: ${model}\n${info}`;
const modeOf = (model: string, info = '') => parseRegistry(one(model, info), { env: {} }).deployments[0]!.mode;

function configError(yamlText: string): ConfigError {
  try {
    parseRegistry(yamlText, { env: {} });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('deployment mode: one prefix serves video and chat', () => {
  it.each([
    ['openai/sora-2', 'video_generation'],
    ['openai/sora-2-pro', 'video_generation'],
    ['openai/gpt-4-turbo', 'chat'],
    ['openai/gpt-5.2', 'chat'],
    ['volcengine/doubao-seedance-1-5-pro-251215', 'video_generation'],
    ['volcengine/doubao-pro-32k', 'chat'],
    ['volcengine/doubao-seed-1-6-251015', 'chat'],
    ['byteplus/seedance-1-0-pro-250528', 'video_generation'],
    ['byteplus/seed-1-6-250915', 'chat'],
    ['dashscope/wan2.6-t2v', 'video_generation'],
    ['dashscope/wanx2.1-t2v-turbo', 'video_generation'],
    ['dashscope/qwen3-max', 'chat'],
    ['gemini/veo-3.1-generate-preview', 'video_generation'],
    ['gemini/gemini-2.5-flash', 'chat'],
    ['xai/grok-4-1-fast-reasoning', 'chat'],
    ['anthropic/claude-sonnet-4-5', 'chat'],
  ])('%s is %s', (model, mode) => {
    expect(modeOf(model)).toBe(mode);
  });

  it('model_info.mode wins over the inference (an Ark endpoint id hides a Seedance model)', () => {
    expect(modeOf('volcengine/ep-20250101-abcde')).toBe('chat');
    expect(modeOf('volcengine/ep-20250101-abcde', '    model_info:\n      mode: video_generation\n')).toBe('video_generation');
    const deployment = parseRegistry(one('openai/sora-2', '    model_info:\n      mode: chat\n'), { env: {} }).deployments[0]!;
    expect(deployment).toMatchObject({ mode: 'chat', modeFromConfig: true });
  });

  it('an unknown mode stops the start, naming the entry, its line and the allowed values', () => {
    const error = configError(one('openai/sora-2', '    model_info:\n      mode: video\n'));
    expect(error.message).toContain('model "m" (model_list[0].model_info.mode, line 6) has mode "video"');
    expect(error.message).toContain('chat, completion, embedding, image_generation');
    expect(error.message).toContain('video_generation');
    expect(error.line).toBe(6);
  });

  it('a group whose deployments mix modes stops the start, naming each entry', () => {
    const error = configError(`model_list:
  - {model_name: gpt-4, litellm_params: {model: openai/gpt-4-turbo}}
  - {model_name: gpt-4, litellm_params: {model: openai/sora-2}}
  - {model_name: other, litellm_params: {model: openai/sora-2}}
`);
    expect(error.message).toContain('model "gpt-4" mixes modes');
    expect(error.message).toContain('model_list[0] openai/gpt-4-turbo is chat (inferred from the model id)');
    expect(error.message).toContain('model_list[1] openai/sora-2 is video_generation (inferred from the model id)');
    expect(error.path).toBe('model_list[0].model_name');
  });
});
