// Bundles each process (api, worker, the reelay command line, fake providers) into one ESM file with its
// dependencies, so `node apps/api/dist/main.js` runs without a TypeScript loader and
// the Docker image needs no dev dependencies. Type checking is `tsc`, run before this.
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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

// The browser UIs the api serves are files, not code esbuild can bundle: copy them beside the api
// bundle, where apps/api/src/http/ui-assets.ts looks first (the image ships apps/api/dist whole).
const apiRequire = createRequire(new URL('../apps/api/package.json', import.meta.url));
const packageDir = (name) => dirname(apiRequire.resolve(`${name}/package.json`));
const uiCopies = [
  // createBullBoard's uiBasePath: the folder that holds dist/index.ejs and dist/static.
  ['@bull-board/ui', 'apps/api/dist/ui/bull-board', ['dist', 'package.json']],
  // Only what /docs loads: no source maps, ES bundles or the demo page.
  ['swagger-ui-dist', 'apps/api/dist/ui/swagger-ui', ['swagger-ui-bundle.js', 'swagger-ui.css', 'favicon-32x32.png', 'LICENSE', 'NOTICE']],
];
for (const [name, destination, files] of uiCopies) {
  rmSync(destination, { recursive: true, force: true });
  for (const file of files) {
    cpSync(join(packageDir(name), file), join(destination, file), { recursive: true, filter: (source) => !source.endsWith('.map') });
  }
}
console.log(`built ${entries.map(([, out]) => out).join(', ')}; copied ${uiCopies.map(([, out]) => out).join(', ')}`);
