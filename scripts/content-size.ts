/**
 * What content.js is made of: `npx tsx scripts/content-size.ts`.
 * Builds the Chrome content script with source maps into a scratch folder
 * (PROMPTVAKT_SOURCEMAP=1; the minified code is the same as `wxt build`'s, the
 * map only adds its trailing comment) and attributes every minified byte to the
 * source file it came from, and to its npm package or rules/ data. Prints the
 * largest contributors. `--no-build` reads an existing map:
 * `tsx scripts/content-size.ts --no-build [dir with content-scripts/content.js.map]`.
 * The limit itself is checked by tests/e2e/manifest.spec.ts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js';
import { rulesPacking } from './rules-data-plugin';

// `… | head` closes the pipe early: not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

process.chdir(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
const top = Number(args.find((a) => a.startsWith('--top='))?.slice(6) ?? 25);
const outDir = args.find((a) => !a.startsWith('--')) ?? join(tmpdir(), 'promptvakt-size');

if (!noBuild) {
  execFileSync('npx', ['wxt', 'build'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PROMPTVAKT_SOURCEMAP: '1', PROMPTVAKT_OUT_DIR: outDir },
  });
  // The build rewrote .wxt/ (its tsconfig excludes the out dir): put back the usual one.
  const { PROMPTVAKT_OUT_DIR: _, PROMPTVAKT_SOURCEMAP: __, ...env } = process.env;
  execFileSync('npx', ['wxt', 'prepare'], { stdio: ['ignore', 'ignore', 'inherit'], env });
}
const js = join(outDir, 'chrome-mv3/content-scripts/content.js');
if (!existsSync(`${js}.map`)) throw new Error(`${js}.map is missing: run without --no-build`);

const code = readFileSync(js, 'utf8');
const raw = JSON.parse(readFileSync(`${js}.map`, 'utf8')) as RawSourceMap;
const consumer = new SourceMapConsumer(raw);
const mapDir = join(outDir, 'chrome-mv3/content-scripts');
/** The rules/ files packed together (scripts/rules-data-plugin.ts), to find them in the bundle. */
const packing = rulesPacking();
const PACKED_LABEL = `rules/ (${packing.parts.length} files packed together)`;
const jsonStrings = new Map(
  jsonFiles('rules').map((f) => [f.replaceAll('\\', '/'), allStrings(JSON.parse(readFileSync(f, 'utf8')), new Set<string>())] as const),
);

/** Each generated line's mappings, in column order, with their sources. */
const lines = code.split('\n');
const perLine: { column: number; source: string | null }[][] = lines.map(() => []);
consumer.eachMapping((m) => {
  perLine[m.generatedLine - 1]?.push({ column: m.generatedColumn, source: m.source ?? null });
}, undefined, SourceMapConsumer.GENERATED_ORDER);

const bytesBySource = new Map<string, number>();
const add = (source: string, n: number) => bytesBySource.set(source, (bytesBySource.get(source) ?? 0) + n);
lines.forEach((line, i) => {
  const maps = perLine[i]!;
  let at = 0;
  let source: string | null = null;
  // Bytes between mappings belong to the mapping before them; bytes no mapping
  // covers are mostly imported JSON (Vite maps none of it): see unmapped() below.
  const take = (text: string) => (source ? add(source, Buffer.byteLength(text)) : unmapped(text));
  for (const m of maps) {
    take(line.slice(at, m.column));
    at = m.column;
    source = m.source;
  }
  take(line.slice(at) + (i < lines.length - 1 ? '\n' : ''));
});

/**
 * Imported JSON has no source mapping: split an unmapped run into its top-level
 * declarations (`var a={…},b=[…];`) and give each to the rules/ file whose
 * packed string it holds, or else that shares the most of its strings.
 */
function unmapped(text: string): void {
  for (const piece of topLevelPieces(text)) {
    if (piece.includes(packing.packed)) {
      add(PACKED_LABEL, Buffer.byteLength(piece));
      continue;
    }
    const strings = stringsIn(piece);
    let best = '(unmapped)';
    let bestScore = 0;
    for (const [file, known] of jsonStrings) {
      const score = strings.filter((s) => known.has(s)).length;
      if (score > bestScore) [best, bestScore] = [file, score];
    }
    add(bestScore >= 3 ? best : '(unmapped)', Buffer.byteLength(piece));
  }
}

function topLevelPieces(text: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '`' || c === '"' || c === "'") i = stringEnd(text, i);
    else if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === ',' || c === ';')) {
      pieces.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  pieces.push(text.slice(start));
  return pieces.filter(Boolean);
}

function stringEnd(text: string, open: number): number {
  const quote = text[open];
  let i = open + 1;
  while (i < text.length && text[i] !== quote) i += text[i] === '\\' ? 2 : 1;
  return i;
}

function stringsIn(piece: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < piece.length; i++) {
    const c = piece[i]!;
    if (c !== '`' && c !== '"' && c !== "'") continue;
    const end = stringEnd(piece, i);
    // The minifier writes long string arrays as `a.b.c`.split(`.`), and Vite large
    // JSON as JSON.parse(`{…}`): count the parts too.
    const body = piece.slice(i + 1, end);
    out.push(body, ...body.split(/[.,|\s"[\]{}:]/));
    i = end;
  }
  return out.filter((s) => s.length > 1);
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
  );
}

function allStrings(value: unknown, into: Set<string>): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const v of value) allStrings(v, into);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) (into.add(k), allStrings(v, into));
  return into;
}

const root = resolve('.');
function label(source: string): string {
  if (source.startsWith('(') || source.startsWith('rules/')) return source;
  const path = relative(root, resolve(mapDir, source)).replaceAll('\\', '/');
  return path;
}
function group(path: string): string {
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = path.slice(nm + 13).split('/');
    return `npm:${parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]}`;
  }
  if (path.startsWith('rules/')) return 'rules/ (JSON data)';
  const dir = path.split('/').slice(0, -1).join('/');
  return dir || path;
}

const total = Buffer.byteLength(code);
// The product build has no source map, and so no comment naming it.
const product = total - Buffer.byteLength(/\n?\/\/# sourceMappingURL=\S+\s*$/.exec(code)?.[0] ?? '');
const byFile = [...bytesBySource].map(([s, n]) => [label(s), n] as const).sort((a, b) => b[1] - a[1]);
const byGroup = new Map<string, number>();
for (const [f, n] of byFile) byGroup.set(group(f), (byGroup.get(group(f)) ?? 0) + n);

const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(6)} KiB`;
const pct = (n: number) => `${((100 * n) / total).toFixed(1).padStart(5)} %`;
console.log(`content.js: ${product} bytes (${kb(product).trim()}) as \`wxt build\` makes it; limit 250 KiB = ${250 * 1024} bytes`);
console.log(`(with the source map comment: ${total} bytes, the total below)\n`);
console.log(`Top ${top} files:`);
for (const [f, n] of byFile.slice(0, top)) console.log(`${String(n).padStart(8)}  ${kb(n)}  ${pct(n)}  ${f}`);
if (bytesBySource.has(PACKED_LABEL)) {
  // One string for all of them: what each file adds to it (without it the string would be this much shorter).
  console.log(`\n${PACKED_LABEL}, what each adds:`);
  for (const [f, n] of [...packing.cost].sort((a, b) => b[1] - a[1])) console.log(`${String(n).padStart(8)}  ${kb(n)}  ${pct(n)}  ${f}`);
}
console.log('\nBy package / folder:');
for (const [g, n] of [...byGroup].sort((a, b) => b[1] - a[1])) console.log(`${String(n).padStart(8)}  ${kb(n)}  ${pct(n)}  ${g}`);
