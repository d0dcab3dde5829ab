/**
 * Builds the offline mock chat pages: every `src/*.ts` is bundled by esbuild
 * (with the real ProseMirror / Quill / Lexical packages from node_modules)
 * into `dist/<name>.js`; the editors' own stylesheets and `src/mock.css` are
 * copied into `dist/`. Idempotent (rewrites dist/ in place) and fast (< 1 s).
 *
 *   npx tsx demo/build.ts
 */
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const MOCK_SITES_DIR = dirname(fileURLToPath(import.meta.url));
export const DIST_DIR = join(MOCK_SITES_DIR, 'dist');
const SRC_DIR = join(MOCK_SITES_DIR, 'src');

const require = createRequire(import.meta.url);
/** Stylesheets copied verbatim into dist/ (name in dist → source file). */
const STYLES: Record<string, string> = {
  'quill.core.css': require.resolve('quill/dist/quill.core.css'),
  'prosemirror.css': require.resolve('prosemirror-view/style/prosemirror.css'),
  'mock.css': join(SRC_DIR, 'mock.css'),
};

/** Names of the mock sites: one per `src/*.ts` (helpers live in `src/shared/`). */
export async function mockSiteNames(): Promise<string[]> {
  const files = await readdir(SRC_DIR);
  return files
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => basename(f, '.ts'))
    .sort();
}

export async function buildMockSites(): Promise<{ sites: string[]; ms: number }> {
  const started = performance.now();
  const sites = await mockSiteNames();
  await mkdir(DIST_DIR, { recursive: true });
  await build({
    entryPoints: Object.fromEntries(sites.map((name) => [name, join(SRC_DIR, `${name}.ts`)])),
    outdir: DIST_DIR,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome120', 'firefox128'],
    // Lexical's and Quill's packages pick their build by NODE_ENV / export conditions.
    conditions: ['production', 'module'],
    define: { 'process.env.NODE_ENV': '"production"' },
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    absWorkingDir: MOCK_SITES_DIR,
  });
  await Promise.all(Object.entries(STYLES).map(([name, from]) => copyFile(from, join(DIST_DIR, name))));
  return { sites, ms: Math.round(performance.now() - started) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { sites, ms } = await buildMockSites();
  console.log(`mock sites built in ${ms} ms: ${sites.join(', ')} → ${DIST_DIR}`);
}
