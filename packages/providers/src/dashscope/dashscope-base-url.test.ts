import { describe, expect, it } from 'vitest';
import { dashScopeCompatibleBase, dashScopeNativeBase, dashScopeOrigin } from './dashscope-base-url';

describe('DashScope base URLs: one origin for Wan video and Qwen chat', () => {
  it.each([
    [undefined, 'https://dashscope-intl.aliyuncs.com'],
    ['https://dashscope.aliyuncs.com', 'https://dashscope.aliyuncs.com'],
    ['https://dashscope-us.aliyuncs.com/', 'https://dashscope-us.aliyuncs.com'],
    ['https://dashscope-intl.aliyuncs.com/api/v1', 'https://dashscope-intl.aliyuncs.com'],
    ['https://dashscope-intl.aliyuncs.com/compatible-mode/v1', 'https://dashscope-intl.aliyuncs.com'],
    ['https://ws-1.cn-beijing.maas.aliyuncs.com/compatible-mode/v1/', 'https://ws-1.cn-beijing.maas.aliyuncs.com'],
  ])('api_base %s → origin %s', (apiBase, origin) => {
    expect(dashScopeOrigin(apiBase)).toBe(origin);
    expect(dashScopeNativeBase(apiBase)).toBe(`${origin}/api/v1`);
    expect(dashScopeCompatibleBase(apiBase)).toBe(`${origin}/compatible-mode/v1`);
  });
});
