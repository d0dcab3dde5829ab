/**
 * The rooms of the house and what may lean on what (docs/ARCHITECTURE.md, "Rooms"):
 *   - lib/         the engine: no browser API, nothing from the other rooms;
 *   - platform/    browser plumbing shared by entry points and pages (stores, messages, tab status,
 *                  settings): may use lib/, never components/ or entrypoints/;
 *   - components/  the React pages: may use lib/ and platform/, never entrypoints/;
 *   - entrypoints/ the entry points; the background and the content script (with its Preact UI in
 *                  entrypoints/content/ui/) never import components/; only the popup and options
 *                  entry files mount their page from components/.
 * Read from the import statements of every source file, so a new file is covered without a list.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** What a file imports: repository-relative paths for relative imports, package names otherwise. */
function importsOf(file: string): string[] {
  const code = readFileSync(join(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...code.matchAll(IMPORT)].map((m) => {
    const spec = (m[1] ?? m[2])!;
    return spec.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), spec)) : spec;
  });
}

function violations(files: string[], forbidden: (target: string) => boolean): string[] {
  return files.flatMap((f) => importsOf(f).filter(forbidden).map((t) => `${f} -> ${t}`));
}

const inRoom = (room: string) => (target: string) => target === room || target.startsWith(`${room}/`);
const PAGE_ENTRY_FILES = ['entrypoints/popup/main.tsx', 'entrypoints/options/main.tsx'];

describe('room boundaries', () => {
  it('reads imports: the checker finds the imports it must judge', () => {
    expect(importsOf('entrypoints/popup/main.tsx')).toContain('components/Popup');
    expect(importsOf('entrypoints/content/ui/dialog-host.tsx')).toContain('entrypoints/content/ui/FindingsDialog');
    expect(sources('lib').length).toBeGreaterThan(50);
  });

  it('components/ imports nothing from entrypoints/', () => {
    expect(violations(sources('components'), inRoom('entrypoints'))).toEqual([]);
  });

  it('entrypoints/ imports nothing from components/, except the popup and options entry files mounting their page', () => {
    const files = sources('entrypoints').filter((f) => !PAGE_ENTRY_FILES.includes(f));
    expect(violations(files, inRoom('components'))).toEqual([]);
  });

  it('platform/ imports nothing from components/ or entrypoints/', () => {
    expect(violations(sources('platform'), (t) => inRoom('components')(t) || inRoom('entrypoints')(t))).toEqual([]);
  });

  it('lib/ imports no other room and no browser or UI package, and calls no browser API', () => {
    const files = sources('lib');
    const browserPackage = (t: string) => /^(?:wxt|webextension-polyfill|@wxt-dev|@webext-core|react|react-dom|preact)(?:\/|$)/.test(t);
    expect(violations(files, (t) => ['platform', 'components', 'entrypoints'].some((r) => inRoom(r)(t)) || browserPackage(t))).toEqual([]);
    const apiCalls = files.filter((f) =>
      /(?<![\w$.])(?:browser|chrome)\.(?:runtime|storage|tabs|scripting|alarms|permissions|action|i18n)\b/.test(
        readFileSync(join(ROOT, f), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, ''),
      ),
    );
    expect(apiCalls).toEqual([]);
  });

  it('the in-page UI next to the content script uses Preact, never React', () => {
    expect(violations(sources('entrypoints/content'), (t) => /^react(?:-dom)?(?:\/|$)/.test(t))).toEqual([]);
    expect(sources('entrypoints/content/ui').some((f) => importsOf(f).some((t) => t.startsWith('preact')))).toBe(true);
  });
});
