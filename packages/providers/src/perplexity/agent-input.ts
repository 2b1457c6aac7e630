type Json = Record<string, unknown>;

export interface AgentInput {
  /** System and developer messages, joined: the Agent API's `instructions`. */
  instructions?: string;
  /** User and assistant turns as `message` input items. */
  input: Json[];
}

/**
 * Chat Completions `messages` as Agent API input: system and developer messages become
 * `instructions` (with a preset they replace its system prompt, as Perplexity documents),
 * user turns keep their text and images (`input_text`, `input_image`), assistant turns their
 * text. Tool calls and tool results are left out: reelay maps no tools onto this API.
 */
export function toAgentInput(messages: unknown): AgentInput {
  const instructions: string[] = [];
  const input: Json[] = [];
  for (const message of Array.isArray(messages) ? (messages as Json[]) : []) {
    const role = message.role;
    if (role === 'system' || role === 'developer') {
      const text = textOf(message.content);
      if (text !== '') instructions.push(text);
    } else if (role === 'user') {
      input.push({ type: 'message', role: 'user', content: userContent(message.content) });
    } else if (role === 'assistant') {
      const text = textOf(message.content);
      if (text !== '') input.push({ type: 'message', role: 'assistant', content: text });
    }
  }
  return instructions.length > 0 ? { instructions: instructions.join('\n\n'), input } : { input };
}

function userContent(content: unknown): string | Json[] {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const parts: Json[] = [];
  for (const part of content as Json[]) {
    if (part.type === 'text' && typeof part.text === 'string') parts.push({ type: 'input_text', text: part.text });
    else if (part.type === 'image_url') {
      const url = typeof part.image_url === 'string' ? part.image_url : (part.image_url as Json | undefined)?.url;
      if (typeof url === 'string') parts.push({ type: 'input_image', image_url: url });
    }
  }
  return parts;
}

/** The text of string or array content (text parts joined); images and the rest carry none. */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return (content as Json[])
    .filter((part) => part.type === 'text' && typeof part.text === 'string')
    .map((part) => part.text as string)
    .join('');
}
