/** Runs the fake upstreams as one process, for docker compose and the local demo. */
import { parseFakesEnv } from './env';
import { startFakeOpenAIVideos } from './openai-videos/index';

// No top-level await: the bundle's output format is not ours to choose.
async function main(): Promise<void> {
  const env = parseFakesEnv(process.env);
  const openai = await startFakeOpenAIVideos({
    apiKey: env.apiKey,
    port: env.openaiPort,
    host: env.bindHost,
    completeAfterMs: env.completeAfterMs,
  });
  const port = new URL(openai.baseUrl).port;
  console.log(`fake openai-videos listening on http://${env.bindHost}:${port}/v1`);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`fake openai-videos: ${signal}, closing`);
    await openai.close();
    process.exit(0);
  };
  process.on('SIGTERM', (signal) => void stop(signal));
  process.on('SIGINT', (signal) => void stop(signal));
}

main().catch((error: unknown) => {
  console.error('fake openai-videos failed to start:', error);
  process.exit(1);
});
