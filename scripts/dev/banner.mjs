// What `pnpm dev` prints once everything answers: where things are and curls to try.
import { join } from 'node:path';
import { shown } from './dev-error.mjs';

const quote = (text) => `'${text.replace(/'/g, `'\\''`)}'`;

/** The model groups to show in the curls, read from the running api (`GET /v1/model/info` knows each deployment's mode). */
export async function pickModels(apiUrl, masterKey) {
  try {
    const response = await fetch(`${apiUrl}/v1/model/info`, { headers: { authorization: `Bearer ${masterKey}` }, signal: AbortSignal.timeout(5_000) });
    if (!response.ok) return {};
    const { data } = await response.json();
    const groups = (mode) => [...new Set(data.filter((entry) => entry.model_info?.mode === mode).map((entry) => entry.model_name))];
    const video = groups('video_generation');
    const chat = groups('chat');
    return { video: video.includes('sora-2') ? 'sora-2' : video[0], chat: chat.includes('chat') ? 'chat' : chat[0] };
  } catch {
    return {};
  }
}

export function readyBanner({ apiUrl, masterKey, config, s3, bucket, devDir, models }) {
  const auth = `-H "Authorization: Bearer $KEY"`;
  const lines = [
    '',
    `reelay dev: ready at ${apiUrl} (Ctrl-C stops everything it started)`,
    `  master key  ${masterKey}`,
    `  config      ${config.path}${config.usesFakes ? ' (models on the fake providers)' : ''}`,
    `  videos      s3rver at ${s3}, bucket ${bucket}; files under ${shown(join(devDir, 's3', bucket))}/`,
    `  logs        ${shown(join(devDir, 'logs'))}/<name>.log`,
    '',
    'Try it:',
    `  KEY=${quote(masterKey)}`,
  ];
  if (models.video) {
    const body = JSON.stringify({ model: models.video, prompt: 'a lighthouse at dawn' });
    lines.push(
      `  # create a video job (202), then poll it until "status":"completed", then download it`,
      `  ID=$(curl -s -X POST ${apiUrl}/v1/video/generations ${auth} -H 'Content-Type: application/json' -d ${quote(body)} | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).id')`,
      `  curl -s ${apiUrl}/v1/video/generations/$ID ${auth}`,
      `  curl -s -o video.mp4 ${apiUrl}/v1/videos/$ID/content ${auth}`,
    );
  } else {
    lines.push('  (the config has no video model)');
  }
  if (models.chat) {
    const body = JSON.stringify({ model: models.chat, messages: [{ role: 'user', content: 'Hi' }] });
    lines.push('  # chat', `  curl -s ${apiUrl}/v1/chat/completions ${auth} -H 'Content-Type: application/json' -d ${quote(body)}`);
  }
  lines.push('');
  return lines.join('\n');
}
