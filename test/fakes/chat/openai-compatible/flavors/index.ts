import type { FlavorConfig, OpenAICompatibleFlavor } from '../flavor-config';
import { ark } from './ark';
import { dashscope } from './dashscope';
import { deepseek } from './deepseek';
import { gemini } from './gemini';
import { openai } from './openai';
import { openrouter } from './openrouter';
import { perplexity } from './perplexity';
import { xai } from './xai';

/** The one place a flavor is registered. */
export const FLAVORS: Readonly<Record<OpenAICompatibleFlavor, FlavorConfig>> = {
  openai,
  xai,
  perplexity,
  dashscope,
  ark,
  openrouter,
  deepseek,
  gemini,
};
