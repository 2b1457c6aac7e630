/** Runs every fake provider in one process, for docker compose and the local demo. */
import { chatFakes } from './chat/chat-fakes';
import { startVertexFake } from './chat/vertex/index';
import { VERTEX_FAKE_PORT_VARIABLE, vertexFakePort } from './chat/vertex/fake-port';
import { parseFakesEnv } from './env';
import type { VideoFake } from './video-fake';
import { videoFakes } from './video-fakes';

// No top-level await: the bundle's output format is not ours to choose.
async function main(): Promise<void> {
  const env = parseFakesEnv(process.env);
  const running: Array<Pick<VideoFake, 'close'>> = [];
  for (const [provider, { start }] of Object.entries(videoFakes)) {
    const fake = await start({ apiKey: env.apiKey, port: env.ports[provider], host: env.bindHost, publicHost: env.publicHost, completeAfterMs: env.completeAfterMs });
    running.push(fake);
    console.log(`fake ${provider} listening on ${env.bindHost}:${env.ports[provider]}; api_base ${fake.apiBase}`);
  }
  for (const [provider, { start }] of Object.entries(chatFakes)) {
    const fake = await start({ apiKey: env.apiKey, port: env.textPorts[provider], host: env.bindHost });
    running.push(fake);
    console.log(`fake ${provider} text listening on ${env.bindHost}:${env.textPorts[provider]}; api_base ${fake.apiBase}`);
  }
  const vertexPort = vertexFakePort(process.env);
  try {
    const vertex = await startVertexFake({ port: vertexPort.port, host: env.bindHost, publicHost: env.publicHost });
    running.push(vertex);
    console.log(`fake vertex_ai text listening on ${env.bindHost}:${vertexPort.port}; api_base ${vertex.apiBase}, project ${vertex.project}; its service-account key: GET ${vertex.apiBase}/__fake/service-account`);
  } catch (error) {
    // A run that never named the port (an older demo, a second checkout) keeps its other fakes.
    if (vertexPort.chosen || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.warn(`fake vertex_ai text not started: port ${vertexPort.port} is in use; set ${VERTEX_FAKE_PORT_VARIABLE}`);
  }

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`fakes: ${signal}, closing`);
    await Promise.all(running.map((fake) => fake.close()));
    process.exit(0);
  };
  process.on('SIGTERM', (signal) => void stop(signal));
  process.on('SIGINT', (signal) => void stop(signal));
}

main().catch((error: unknown) => {
  console.error('fakes failed to start:', error);
  process.exit(1);
});
