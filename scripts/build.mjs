// Bundles each process (api, worker, the reelay command line, fake providers) into one ESM file with its
// dependencies, so `node apps/api/dist/main.js` runs without a TypeScript loader and
// the Docker image needs no dev dependencies. Type checking is `tsc`, run before this.
import { build } from 'esbuild';

const entries = [
  ['apps/api/src/main.ts', 'apps/api/dist/main.js'],
  ['apps/worker/src/main.ts', 'apps/worker/dist/main.js'],
  ['apps/cli/src/main.ts', 'apps/cli/dist/main.js'],
  ['test/fakes/main.ts', 'test/fakes/dist/main.js'],
];

await Promise.all(
  entries.map(([entry, outfile]) =>
    build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      sourcemap: true,
      logLevel: 'warning',
      // Optional native accelerators and peer backends we do not use.
      external: ['msgpackr-extract', 'pg', 'redis', 'bullmq-otel', 'pino-pretty'],
      // Some bundled CommonJS code calls require(); give it one in ESM.
      banner: { js: "import { createRequire as __reelayCreateRequire } from 'node:module'; const require = __reelayCreateRequire(import.meta.url);" },
    }),
  ),
);
console.log(`built ${entries.map(([, out]) => out).join(', ')}`);
