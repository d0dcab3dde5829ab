/**
 * The privacy boundary, checked in the source: nothing a user types may leave
 * the browser, and the ONLY network request Promptvakt makes is the counter
 * report (entrypoints/background/counters.ts, one `fetch` call). This parses
 * every .ts/.tsx file under lib/, platform/, entrypoints/ and components/ with the
 * TypeScript compiler (typescript 7's syntax API, not a text search) and
 * reports, with file and line:
 *
 *   network-api       any use of fetch, XMLHttpRequest, sendBeacon, WebSocket,
 *                     EventSource, importScripts, WebTransport, RTCPeerConnection
 *                     (a call, `self.fetch`, `const f = fetch`, `{ fetch } = …`,
 *                     an import, a property of that name), except the one
 *                     allowed `fetch(…)` call in counters.ts
 *   network-string    a string that spells one of those names, also when built
 *                     from literals ('fet' + 'ch', `fet${'ch'}`): how computed
 *                     access (globalThis['fetch'], Reflect.get(self, 'fetch')) is caught
 *   dynamic-global    globalThis/window/self/navigator/… indexed by a key that is
 *                     not a constant, or passed to Reflect/Object reflection
 *   code-eval         eval, Function(…)/new Function(…), setTimeout/setInterval with a string
 *   dynamic-import    import(…) of anything but a relative literal; imports from http(s) URLs
 *   worker            new Worker/SharedWorker with anything but a relative literal
 *                     (or new URL('<relative>', import.meta.url))
 *   navigation        window.open(…), location = …, location.href = …,
 *                     location.assign/replace(…) to an http(s) URL or a computed one
 *   remote-resource   new Image/Audio, createElement of a loading element (script, img,
 *                     iframe, …), JSX <img|iframe|script|…> whose src/href is remote or
 *                     computed, `.src = 'https://…'`
 *   remote-html       an HTML file under entrypoints/ or public/ that loads anything
 *                     from http(s) or a protocol-relative URL
 *
 * Type positions (`typeof fetch`, `RequestInit`, interface members) and
 * comments are not code and are not reported.
 *
 * It is a guard against accidents and obvious evasions, not a proof: code that
 * reaches the global object through an alias (`const g = window; g[a + b]`) or
 * decodes a name at run time is not found here. The browser tests back it up
 * (tests/e2e/extension.spec.ts "the extension makes no network request of its
 * own", tests/e2e/policy.spec.ts "nothing else leaves"), and the extension
 * pages' CSP (wxt.config.ts) limits connect-src.
 *
 *   npx tsx scripts/network-boundary.ts                      check the sources; OK or the violations, exit 1
 *   npx tsx scripts/network-boundary.ts --built .output/chrome-mv3
 *                                                            figures for a built extension (informational)
 *
 * tests/unit/network-boundary.test.ts runs the source check and its self-test.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createVirtualFileSystem } from 'typescript/unstable/fs';
import { API } from 'typescript/unstable/sync';
import {
  SyntaxKind,
  computeLineStarts,
  isBinaryExpression,
  isCallExpression,
  isElementAccessExpression,
  isExpressionWithTypeArguments,
  isHeritageClause,
  isIdentifier,
  isJsxAttribute,
  isJsxOpeningElement,
  isJsxSelfClosingElement,
  isMetaProperty,
  isNewExpression,
  isNoSubstitutionTemplateLiteral,
  isParenthesizedExpression,
  isPropertyAccessExpression,
  isStringLiteral,
  isTemplateExpression,
  isTypeNode,
  type Node,
  type SourceFile,
} from 'typescript/unstable/ast';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Browser APIs that send or receive over the network. */
export const NETWORK_NAMES: readonly string[] = [
  'fetch',
  'XMLHttpRequest',
  'sendBeacon',
  'WebSocket',
  'EventSource',
  'importScripts',
  'WebTransport',
  'RTCPeerConnection',
];

/** Where the sources are (relative to the repository root). */
export const SOURCE_DIRS: readonly string[] = ['lib', 'platform', 'entrypoints', 'components'];
/** Where HTML pages are (their scripts and styles must be local). */
export const HTML_DIRS: readonly string[] = ['entrypoints', 'public'];

/** The one allowed network request: the counter report. */
export const ALLOWED_FETCH_FILE = 'entrypoints/background/counters.ts';

const GLOBAL_OBJECTS = new Set(['globalThis', 'window', 'self', 'top', 'parent', 'frames', 'opener', 'navigator', 'document']);
const LOADING_TAGS = new Set(['script', 'img', 'iframe', 'frame', 'link', 'object', 'embed', 'audio', 'video', 'source', 'track', 'image', 'form']);
const URL_ATTRIBUTES = new Set(['src', 'href', 'srcSet', 'srcset', 'data', 'poster', 'action', 'formAction', 'xlinkHref']);

export type ViolationKind =
  | 'network-api'
  | 'network-string'
  | 'dynamic-global'
  | 'code-eval'
  | 'dynamic-import'
  | 'worker'
  | 'navigation'
  | 'remote-resource'
  | 'remote-html';

export interface Finding {
  file: string;
  line: number;
  column: number;
  kind: ViolationKind;
  /** The source text, shortened. */
  code: string;
  message: string;
}

export interface BoundaryResult {
  files: number;
  violations: Finding[];
  /** The allowed call site(s): exactly one `fetch(…)` in ALLOWED_FETCH_FILE. */
  allowed: Finding[];
}

export interface CheckOptions {
  /** The file (relative path) whose single `fetch(…)` call is allowed; null allows none. */
  allowedFetchFile?: string | null;
}

// ---------------------------------------------------------------------------
// Parsing with the TypeScript compiler (typescript 7: the syntax tree comes
// from the tsgo process; the files are handed over as a virtual file system).
// ---------------------------------------------------------------------------

const VIRTUAL_ROOT = '/promptvakt-network-boundary';

function parseAll(files: Record<string, string>): Map<string, SourceFile> {
  const names = Object.keys(files);
  const parsed = new Map<string, SourceFile>();
  if (!names.length) return parsed;
  const virtual: Record<string, string> = {
    [`${VIRTUAL_ROOT}/tsconfig.json`]: JSON.stringify({
      // Syntax only: no libraries, no module resolution, no type check.
      compilerOptions: { noLib: true, noResolve: true, types: [], jsx: 'preserve', allowJs: true, target: 'esnext', module: 'esnext' },
      files: names,
    }),
  };
  for (const name of names) virtual[`${VIRTUAL_ROOT}/${name}`] = files[name]!;
  const api = new API({ cwd: VIRTUAL_ROOT, fs: createVirtualFileSystem(virtual) });
  try {
    const snapshot = api.updateSnapshot({ openProjects: [`${VIRTUAL_ROOT}/tsconfig.json`] });
    const project = snapshot.getProject(`${VIRTUAL_ROOT}/tsconfig.json`);
    if (!project) throw new Error('network-boundary: the TypeScript project could not be opened');
    for (const name of names) {
      const sourceFile = project.program.getSourceFile(`${VIRTUAL_ROOT}/${name}`);
      if (!sourceFile) throw new Error(`network-boundary: TypeScript did not parse ${name}`);
      parsed.set(name, sourceFile);
    }
  } finally {
    api.close();
  }
  return parsed;
}

// ---------------------------------------------------------------------------
// The rules
// ---------------------------------------------------------------------------

/** The value of a string built only from literals ('a', `a`, 'a' + 'b', `a${'b'}`, ('a')), else undefined. */
export function constantString(node: Node): string | undefined {
  if (isStringLiteral(node) || isNoSubstitutionTemplateLiteral(node)) return (node as unknown as { text: string }).text;
  if (isParenthesizedExpression(node)) return constantString(node.expression);
  if (node.kind === SyntaxKind.AsExpression || node.kind === SyntaxKind.SatisfiesExpression || node.kind === SyntaxKind.NonNullExpression) {
    return constantString((node as unknown as { expression: Node }).expression);
  }
  if (isBinaryExpression(node) && node.operatorToken.kind === SyntaxKind.PlusToken) {
    const left = constantString(node.left);
    const right = left === undefined ? undefined : constantString(node.right);
    return left === undefined || right === undefined ? undefined : left + right;
  }
  if (isTemplateExpression(node)) {
    let text = node.head.text;
    for (const span of node.templateSpans) {
      const part = constantString(span.expression);
      if (part === undefined) return undefined;
      text += part + span.literal.text;
    }
    return text;
  }
  return undefined;
}

/** Inside a type (annotation, `typeof x` in a type, interface, type alias): not code. */
function inTypePosition(node: Node): boolean {
  for (let n: Node | undefined = node.parent; n; n = n.parent) {
    if (n.kind === SyntaxKind.InterfaceDeclaration || n.kind === SyntaxKind.TypeAliasDeclaration) return true;
    if (isExpressionWithTypeArguments(n)) {
      // `class A extends B` names a value; `implements B` and `interface extends B` are types.
      const clause = n.parent;
      if (clause && isHeritageClause(clause) && clause.token === SyntaxKind.ExtendsKeyword && clause.parent?.kind !== SyntaxKind.InterfaceDeclaration) return false;
      return true;
    }
    if (isTypeNode(n)) return true;
    if (n.kind === SyntaxKind.ImportSpecifier || n.kind === SyntaxKind.ExportSpecifier || n.kind === SyntaxKind.ImportClause) {
      // `import type { X }` / `import { type X }` bring in types only.
      if ((n as unknown as { isTypeOnly?: boolean }).isTypeOnly) return true;
    }
    if (n.kind === SyntaxKind.ImportDeclaration || n.kind === SyntaxKind.ExportDeclaration) {
      const clause = (n as unknown as { importClause?: { isTypeOnly?: boolean }; isTypeOnly?: boolean });
      return !!(clause.importClause?.isTypeOnly ?? clause.isTypeOnly);
    }
    if (n.kind === SyntaxKind.SourceFile) return false;
  }
  return false;
}

const isRemoteUrl = (url: string) => /^(?:https?:)?\/\//i.test(url.trim());
/** A URL that stays inside the extension: relative, or a fragment; not a scheme, not protocol-relative. */
const isLocalUrl = (url: string) => !/^[a-z][a-z0-9+.-]*:/i.test(url.trim()) && !url.trim().startsWith('//');

function calleeName(node: Node): string | undefined {
  if (isIdentifier(node)) return node.text;
  if (isPropertyAccessExpression(node) && isIdentifier(node.name)) return node.name.text;
  return undefined;
}

/** `window`, `self`, `globalThis`… or `<one of them>.location` etc.: the object's root identifier. */
function rootIdentifier(node: Node): string | undefined {
  if (isIdentifier(node)) return node.text;
  if (isPropertyAccessExpression(node)) return rootIdentifier(node.expression);
  return undefined;
}

/** Is this expression `location`, `window.location`, `document.location`, `self.location`…? */
function isLocation(node: Node): boolean {
  if (isIdentifier(node)) return node.text === 'location';
  return isPropertyAccessExpression(node) && node.name.text === 'location' && GLOBAL_OBJECTS.has(rootIdentifier(node.expression) ?? '');
}

/** A URL argument that may leave: an http(s) literal, or anything computed. */
function leavingUrl(node: Node | undefined): boolean {
  if (!node) return false;
  const value = constantString(node);
  return value === undefined ? true : !isLocalUrl(value);
}

/** `'./worker.js'` or `new URL('./worker.js', import.meta.url)`. */
function isLocalModuleUrl(node: Node | undefined): boolean {
  if (!node) return false;
  const value = constantString(node);
  if (value !== undefined) return isLocalUrl(value);
  if (isNewExpression(node) && isIdentifier(node.expression) && node.expression.text === 'URL') {
    const [first, second] = node.arguments ?? [];
    const base = second && isPropertyAccessExpression(second) && isMetaProperty(second.expression);
    return !!first && constantString(first) !== undefined && isLocalUrl(constantString(first)!) && !!base;
  }
  return false;
}

interface FileCheck {
  violations: Finding[];
  fetchCalls: Finding[];
}

function checkSourceFile(file: string, sourceFile: SourceFile): FileCheck {
  const text = sourceFile.text;
  const lineStarts = computeLineStarts(text);
  const violations: Finding[] = [];
  const fetchCalls: Finding[] = [];

  const at = (node: Node, kind: ViolationKind, message: string): Finding => {
    const start = node.getStart(sourceFile);
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= start) low = mid;
      else high = mid - 1;
    }
    const code = text.slice(start, node.end).replace(/\s+/g, ' ');
    return { file, line: low + 1, column: start - lineStarts[low]! + 1, kind, code: code.length > 80 ? `${code.slice(0, 77)}...` : code, message };
  };
  const report = (node: Node, kind: ViolationKind, message: string) => violations.push(at(node, kind, message));

  const visit = (node: Node): void => {
    // --- names of network APIs, wherever they appear as code
    if (isIdentifier(node) && NETWORK_NAMES.includes(node.text) && !inTypePosition(node)) {
      const call = node.parent;
      if (node.text === 'fetch' && call && isCallExpression(call) && call.expression === node) fetchCalls.push(at(call, 'network-api', 'fetch(…) call'));
      else report(node, 'network-api', `uses ${node.text}`);
    }
    // --- strings that spell one (computed property access, Reflect.get, aliases)
    const value = constantString(node);
    if (value !== undefined && !(node.parent && constantString(node.parent) !== undefined) && !inTypePosition(node)) {
      if (NETWORK_NAMES.includes(value.trim())) report(node, 'network-string', `a string names ${value.trim()}`);
      else if (value.trim() === 'eval' || value.trim() === 'Function') report(node, 'code-eval', `a string names ${value.trim()}`);
    }
    // --- the global object with a key that is not a constant
    if (isElementAccessExpression(node) && isIdentifier(node.expression) && GLOBAL_OBJECTS.has(node.expression.text)) {
      if (constantString(node.argumentExpression) === undefined && node.argumentExpression.kind !== SyntaxKind.NumericLiteral) {
        report(node, 'dynamic-global', `${node.expression.text}[…] with a computed key`);
      }
    }
    if (isCallExpression(node) || isNewExpression(node)) {
      const callee = node.expression;
      const name = calleeName(callee);
      const args = node.arguments ?? [];
      const owner = isPropertyAccessExpression(callee) ? rootIdentifier(callee.expression) : undefined;
      if ((owner === 'Reflect' || owner === 'Object') && args.some((a) => isIdentifier(a) && GLOBAL_OBJECTS.has(a.text))) {
        report(node, 'dynamic-global', `${owner}.${name}(…) on the global object`);
      }
      if (isIdentifier(callee) && (name === 'Function' || (name === 'eval' && isCallExpression(node)))) report(node, 'code-eval', `${name}(…) runs a string as code`);
      if (isIdentifier(callee) && (name === 'setTimeout' || name === 'setInterval') && args[0] && constantString(args[0]) !== undefined) {
        report(node, 'code-eval', `${name} with a string runs it as code`);
      }
      if (callee.kind === SyntaxKind.ImportKeyword) {
        const specifier = args[0] && constantString(args[0]);
        if (specifier === undefined || isRemoteUrl(specifier)) report(node, 'dynamic-import', 'import(…) of a computed or remote module');
      }
      if (isNewExpression(node) && (name === 'Worker' || name === 'SharedWorker') && !isLocalModuleUrl(args[0])) {
        report(node, 'worker', `new ${name}(…) with a remote or computed script`);
      }
      if (isNewExpression(node) && (name === 'Image' || name === 'Audio')) report(node, 'remote-resource', `new ${name}() can load a URL`);
      if (name === 'createElement' || name === 'createElementNS') {
        const tag = args[name === 'createElement' ? 0 : 1];
        const tagName = tag && constantString(tag)?.toLowerCase();
        if (tagName === undefined || LOADING_TAGS.has(tagName)) report(node, 'remote-resource', `createElement(${tagName ?? '…'}) can load a URL`);
      }
      if (name === 'open' && (isIdentifier(callee) || GLOBAL_OBJECTS.has(owner ?? '')) && leavingUrl(args[0])) {
        report(node, 'navigation', 'window.open(…) to an http(s) or computed URL');
      }
      if ((name === 'assign' || name === 'replace') && isPropertyAccessExpression(callee) && isLocation(callee.expression) && leavingUrl(args[0])) {
        report(node, 'navigation', `location.${name}(…) to an http(s) or computed URL`);
      }
    }
    if (node.kind === SyntaxKind.ImportDeclaration || node.kind === SyntaxKind.ExportDeclaration) {
      const specifier = (node as unknown as { moduleSpecifier?: Node }).moduleSpecifier;
      const from = specifier && constantString(specifier);
      if (from !== undefined && isRemoteUrl(from)) report(node, 'dynamic-import', `imports from ${from}`);
    }
    // --- assignments: location = …, location.href = …, x.src = 'https://…'
    if (isBinaryExpression(node) && node.operatorToken.kind === SyntaxKind.EqualsToken) {
      const target = node.left;
      const toLocation = isLocation(target) || (isPropertyAccessExpression(target) && target.name.text === 'href' && isLocation(target.expression));
      if (toLocation && leavingUrl(node.right)) report(node, 'navigation', 'location set to an http(s) or computed URL');
      else if (isPropertyAccessExpression(target) && URL_ATTRIBUTES.has(target.name.text)) {
        const url = constantString(node.right);
        if (url !== undefined && isRemoteUrl(url)) report(node, 'remote-resource', `.${target.name.text} set to ${url}`);
      }
    }
    // --- JSX elements that load what their src/href says
    if (isJsxOpeningElement(node) || isJsxSelfClosingElement(node)) {
      const tag = isIdentifier(node.tagName) ? node.tagName.text : undefined;
      if (tag && LOADING_TAGS.has(tag)) {
        for (const attribute of node.attributes.properties) {
          if (!isJsxAttribute(attribute) || !isIdentifier(attribute.name) || !URL_ATTRIBUTES.has(attribute.name.text)) continue;
          const init = attribute.initializer;
          const inner = init && init.kind === SyntaxKind.JsxExpression ? (init as unknown as { expression?: Node }).expression : init;
          if (leavingUrl(inner)) report(attribute, 'remote-resource', `<${tag} ${attribute.name.text}> loads a remote or computed URL`);
        }
      }
    }
    node.forEachChild((child) => {
      visit(child);
    });
  };
  visit(sourceFile);
  return { violations, fetchCalls };
}

/** Remote loads in an HTML page (scripts, styles, frames, images, form targets, meta refresh). */
export function checkHtml(file: string, html: string): Finding[] {
  const found: Finding[] = [];
  const attribute = /\b(src|href|srcset|data|poster|action|formaction|content)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi;
  for (let m = attribute.exec(html); m; m = attribute.exec(html)) {
    const value = m[3] ?? m[4] ?? m[5] ?? '';
    const name = m[1]!.toLowerCase();
    const remote = name === 'content' ? /url\s*=\s*(?:https?:)?\/\//i.test(value) : isRemoteUrl(value) || /(^|,\s*)(?:https?:)?\/\//i.test(value);
    if (!remote) continue;
    const before = html.slice(0, m.index);
    const line = before.split('\n').length;
    found.push({ file, line, column: m.index - before.lastIndexOf('\n'), kind: 'remote-html', code: m[0], message: `${name} loads from outside the extension` });
  }
  return found;
}

/**
 * Checks source texts (relative path → content). A `fetch(…)` call is allowed
 * only in `allowedFetchFile`, and only one: with two or more there, all of
 * them are reported.
 */
export function checkSources(files: Record<string, string>, options: CheckOptions = {}): BoundaryResult {
  const allowedFile = options.allowedFetchFile === undefined ? ALLOWED_FETCH_FILE : options.allowedFetchFile;
  const code: Record<string, string> = {};
  const violations: Finding[] = [];
  const allowed: Finding[] = [];
  for (const [file, content] of Object.entries(files)) {
    if (/\.html?$/i.test(file)) violations.push(...checkHtml(file, content));
    else code[file] = content;
  }
  for (const [file, sourceFile] of parseAll(code)) {
    const checked = checkSourceFile(file, sourceFile);
    violations.push(...checked.violations);
    if (file === allowedFile && checked.fetchCalls.length === 1) {
      allowed.push(...checked.fetchCalls);
    } else {
      const why = file === allowedFile ? `only one fetch(…) is allowed in ${file}` : `fetch(…) outside ${allowedFile ?? 'the allowed call site'}`;
      violations.push(...checked.fetchCalls.map((f) => ({ ...f, message: why })));
    }
  }
  violations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  return { files: Object.keys(files).length, violations, allowed };
}

/** Checks one source text (for the self-test). */
export function checkSource(code: string, file = 'snippet.ts', options: CheckOptions = { allowedFetchFile: null }): Finding[] {
  return checkSources({ [file]: code }, options).violations;
}

function walk(dir: string, accept: (name: string) => boolean): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const entry of entries.sort()) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...walk(path, accept));
    else if (accept(entry)) out.push(path);
  }
  return out;
}

/** The repository's files that the check covers (relative paths, '/' separated). */
export function boundaryFiles(root = ROOT): string[] {
  const rel = (path: string) => relative(root, path).split(sep).join('/');
  const sources = SOURCE_DIRS.flatMap((d) => walk(resolve(root, d), (name) => /\.(ts|tsx|mts|cts|js|jsx|mjs)$/.test(name)));
  const pages = HTML_DIRS.flatMap((d) => walk(resolve(root, d), (name) => /\.html?$/i.test(name)));
  return [...new Set([...sources, ...pages].map(rel))];
}

/** Checks the repository (lib/, entrypoints/, components/ and their HTML pages, public/). */
export function checkRepository(root = ROOT): BoundaryResult {
  const files: Record<string, string> = {};
  for (const file of boundaryFiles(root)) files[file] = readFileSync(resolve(root, file), 'utf8');
  return checkSources(files);
}

export function formatFinding(f: Finding): string {
  return `${f.file}:${f.line}:${f.column}  ${f.kind}  ${f.message}  — ${f.code}`;
}

// ---------------------------------------------------------------------------
// Built bundles: figures only (bundled libraries may legitimately contain the names)
// ---------------------------------------------------------------------------

export const BUILT_PATTERNS: readonly string[] = ['fetch(', 'XMLHttpRequest', 'sendBeacon', 'WebSocket', 'EventSource', 'importScripts', 'WebTransport', 'RTCPeerConnection', 'Function(', 'eval('];

export interface BuiltFile {
  file: string;
  bytes: number;
  counts: Record<string, number>;
  /** Each `fetch(`, `eval(` and `Function(` with ~70 characters either side, so a reader can tell what it is. */
  contexts: string[];
}

export function scanBuilt(dir: string): BuiltFile[] {
  return walk(resolve(dir), (name) => name.endsWith('.js')).map((path) => {
    const text = readFileSync(path, 'utf8');
    const counts: Record<string, number> = {};
    for (const pattern of BUILT_PATTERNS) {
      // `x.eval(` / `x.Function(` are methods (RE2JS has an `eval` method), not the global.
      const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const re = new RegExp(`(?<![\\w$${pattern.endsWith('(') && pattern !== 'fetch(' ? '.' : ''}])${escaped}`, 'g');
      counts[pattern] = text.match(re)?.length ?? 0;
    }
    const contexts: string[] = [];
    for (const m of text.matchAll(/(?<![\w$.])(?:fetch|eval|Function)\(/g)) contexts.push(text.slice(Math.max(0, m.index - 70), m.index + 80).replace(/\s+/g, ' '));
    return { file: relative(resolve(dir), path).split(sep).join('/'), bytes: Buffer.byteLength(text), counts, contexts };
  });
}

// ---------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------

function main(argv: string[]): number {
  const builtAt = argv.indexOf('--built');
  if (builtAt >= 0) {
    const dir = argv[builtAt + 1];
    if (!dir) {
      console.error('usage: npx tsx scripts/network-boundary.ts [--built <dir>]');
      return 64;
    }
    const files = scanBuilt(dir);
    if (!files.length) {
      console.error(`${dir}: no .js files (build first: npm run build)`);
      return 2;
    }
    console.log(`Built JavaScript in ${dir} (informational: bundled libraries may contain these names):`);
    const totals: Record<string, number> = {};
    for (const f of files) {
      const hits = Object.entries(f.counts).filter(([, n]) => n > 0);
      for (const [p, n] of hits) totals[p] = (totals[p] ?? 0) + n;
      console.log(`  ${f.file} (${f.bytes} bytes): ${hits.length ? hits.map(([p, n]) => `${p} ×${n}`).join(', ') : 'none'}`);
      for (const context of f.contexts) console.log(`      …${context}…`);
    }
    console.log(`  total: ${BUILT_PATTERNS.map((p) => `${p} ${totals[p] ?? 0}`).join(', ')}`);
    return 0;
  }
  const result = checkRepository();
  if (result.violations.length) {
    console.log(`network boundary: ${result.violations.length} violation(s) in ${result.files} files:`);
    for (const v of result.violations) console.log(`  ${formatFinding(v)}`);
    console.log(`Only ${ALLOWED_FETCH_FILE} may make a network request (one fetch call, the counter report).`);
    return 1;
  }
  const where = result.allowed.map((f) => `${f.file}:${f.line}`).join(', ') || 'none found';
  console.log(`network boundary: OK (${result.files} files; the allowed counter-report fetch: ${where})`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
