import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The browser UIs the api serves, by the npm package their files come from. esbuild bundles
 * code, not a package's HTML, EJS, CSS and images, so scripts/build.mjs copies each package's
 * files to `apps/api/dist/ui/<name>/` beside the bundle (the Docker image ships that folder
 * with the bundle); from the sources (tsx, vitest) they are read from node_modules.
 */
export const UI_PACKAGES = {
  /** bull-board's React app and its EJS entry page, under `dist/` as createBullBoard's uiBasePath expects. */
  'bull-board': '@bull-board/ui',
  /** Swagger UI's prebuilt bundle and stylesheet. */
  'swagger-ui': 'swagger-ui-dist',
} as const;

export type UiName = keyof typeof UI_PACKAGES;

/** The folder holding a UI's files: beside the bundle when built, else the package in node_modules. */
export function uiAssetsDir(name: UiName): string {
  const besideBundle = join(dirname(fileURLToPath(import.meta.url)), 'ui', name);
  if (existsSync(besideBundle)) return besideBundle;
  try {
    return dirname(createRequire(import.meta.url).resolve(`${UI_PACKAGES[name]}/package.json`));
  } catch {
    throw new Error(`the files of ${UI_PACKAGES[name]} are not at ${besideBundle}: rebuild with node scripts/build.mjs, which copies them there`);
  }
}
