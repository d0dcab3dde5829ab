#!/usr/bin/env node
/**
 * Builds the prebuilt scan CLI, dist/cli/promptvakt-scan.mjs (package.json "bin"), from cli/scan.ts
 * with esbuild: one ES module for Node 20 with a `#!/usr/bin/env node` line, so that it starts
 * without compiling TypeScript (tsx takes about a second for that; `npm run scan:dev` still uses it).
 *
 *   node scripts/build-cli.mjs            build when missing or stale (what `npm run scan` and the tests do)
 *   node scripts/build-cli.mjs --force    build anyway (`npm run build:cli`)
 *
 * Plain JavaScript on purpose: building needs only Node and esbuild, no TypeScript runner.
 *
 * - The rules/ JSON files are bundled as plain object literals (esbuild's JSON loader). The
 *   extension ships them packed (scripts/rules-data-plugin.ts) because its content script has a
 *   size limit; the CLI has none, and measured from process start to the first --jsonl answer the
 *   plain literals start ~10 ms sooner than unpacking the packed string (bench/cli.bench.ts).
 * - Like the extension's build (wxt.config.ts), the build checks the rules data with its zod
 *   schemas and fails on invalid data; the built CLI then trusts it and starts without zod
 *   (cli/scan.ts: PROMPTVAKT_PREBUILT_CLI). `npm run scan:dev` checks it on every start.
 * - compromise (--english-nlp only) is a chunk of its own, read only when that option is given.
 *
 * Staleness: dist/cli/build.json lists every source file the bundle was built from (esbuild's
 * metafile, outside node_modules, plus node_modules/.package-lock.json for the dependencies) with
 * its mtime when the build started; the bundle is stale when any of them changed or is gone.
 * Concurrent builds (two test files, two terminals) wait for each other on a lock directory, and
 * every file is written beside its place and renamed into it, so a running CLI never reads half a file.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI_DIR = join(ROOT, 'dist', 'cli');
/** The built CLI (package.json "bin": promptvakt-scan). */
export const CLI_ENTRY = join(CLI_DIR, 'promptvakt-scan.mjs');
const MANIFEST = join(CLI_DIR, 'build.json');
const LOCK = join(ROOT, 'dist', '.cli-build.lock');
const SOURCE = 'cli/scan.ts';
/** Directories whose files may end up in the bundle; their mtimes are taken before esbuild reads them. */
const SOURCE_DIRS = ['cli', 'lib', 'rules'];
/** Not part of the bundle, but a change to them means a new build: this script and the installed dependencies. */
const ALSO_WATCHED = ['scripts/build-cli.mjs', 'node_modules/.package-lock.json'];

function mtimeOf(path) {
  try {
    return statSync(join(ROOT, path)).mtimeMs;
  } catch {
    return null;
  }
}

/** Why the built CLI must be (re)built, or null when it is up to date. */
export function staleReason() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    return 'not built yet';
  }
  for (const output of manifest.outputs ?? []) if (!existsSync(join(ROOT, output))) return `${output} is missing`;
  for (const [path, mtime] of Object.entries(manifest.inputs ?? {})) {
    if (mtimeOf(path) !== mtime) return `${path} changed`;
  }
  return null;
}

function walk(dir) {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(`${dir}/${e.name}`) : [`${dir}/${e.name}`]));
}

/** Writes `data` to `path` through a temporary file beside it, so readers see the old file or the new one. */
function writeAtomic(path, data, mode) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  if (mode) chmodSync(tmp, mode);
  renameSync(tmp, path);
}

/** The esbuild options shared by the CLI bundle and the build-time data check. */
function commonOptions() {
  return {
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    legalComments: 'none',
    logLevel: 'silent',
  };
}

/**
 * Checks rules/ with the zod schemas (lib/rules/zod-data-check.ts), as wxt.config.ts does before
 * an extension build: bundled to a temporary module, imported and run.
 */
async function checkRulesData(esbuild) {
  const file = join(tmpdir(), `promptvakt-data-check-${process.pid}-${Date.now()}.mjs`);
  await esbuild.build({ ...commonOptions(), entryPoints: ['lib/rules/zod-data-check.ts'], outfile: file });
  try {
    const { checkBuiltInData } = await import(pathToFileURL(file).href);
    checkBuiltInData();
  } finally {
    rmSync(file, { force: true });
  }
}

/** Builds the CLI now (callers hold the lock). */
export async function buildCli() {
  const esbuild = await import('esbuild');
  // The mtimes before esbuild reads anything: a file edited during the build makes the next run build again.
  const before = new Map([...SOURCE_DIRS.flatMap(walk), ...ALSO_WATCHED].map((p) => [p, mtimeOf(p)]));
  await checkRulesData(esbuild);
  const result = await esbuild.build({
    ...commonOptions(),
    entryPoints: { 'promptvakt-scan': SOURCE },
    outdir: CLI_DIR,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    define: { PROMPTVAKT_PREBUILT_CLI: 'true' },
    metafile: true,
    write: false,
  });
  const inputs = {};
  for (const input of [...Object.keys(result.metafile.inputs).filter((p) => !p.includes('node_modules/')), ...ALSO_WATCHED]) {
    const path = relative(ROOT, resolve(ROOT, input)).replaceAll('\\', '/');
    inputs[path] = before.has(path) ? before.get(path) : mtimeOf(path);
  }
  const entry = resolve(CLI_ENTRY);
  const files = [...result.outputFiles].sort((a, b) => Number(resolve(a.path) === entry) - Number(resolve(b.path) === entry)); // the entry last
  for (const file of files) {
    if (resolve(file.path) === entry) writeAtomic(file.path, `#!/usr/bin/env node\n${file.text}`, 0o755);
    else writeAtomic(file.path, file.contents);
  }
  const outputs = files.map((f) => relative(ROOT, f.path).replaceAll('\\', '/'));
  // Chunks of earlier builds: nothing refers to them any more, except a CLI that started just before
  // this build replaced its entry file and is still loading them, so only those of builds minutes ago.
  const chunks = join(CLI_DIR, 'chunks');
  for (const name of existsSync(chunks) ? readdirSync(chunks) : []) {
    const path = join(chunks, name);
    const old = Date.now() - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0) > 5 * 60_000;
    if (old && !outputs.includes(`dist/cli/chunks/${name}`)) rmSync(path, { force: true });
  }
  writeAtomic(MANIFEST, JSON.stringify({ source: SOURCE, outputs, inputs }, null, 2) + '\n');
  return outputs;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Builds the CLI when it is missing or stale; resolves to whether it built. Waits for a build another process is running. */
export async function ensureCliBuilt({ force = false } = {}) {
  if (!force && !staleReason()) return false;
  mkdirSync(dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // A lock left by a build that was killed: builds take seconds, not minutes.
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 60_000) rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`another build of the CLI holds ${relative(ROOT, LOCK)}`);
      else await sleep(50);
    }
  }
  try {
    if (!force && !staleReason()) return false; // built by the process that held the lock
    await buildCli();
    return true;
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  ensureCliBuilt({ force }).then(
    (built) => {
      if (force || built) console.log(`built ${relative(process.cwd(), CLI_ENTRY)}`);
    },
    (error) => {
      process.stderr.write(`promptvakt: could not build the scan CLI: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
