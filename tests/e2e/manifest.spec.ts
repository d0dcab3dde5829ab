/**
 * The built manifests and pages ask for no more than Promptvakt needs
 * (docs/PERMISSIONS.md explains each entry): exactly storage, alarms and
 * scripting; host access to the built-in protected sites only, any other https
 * site only one by one through the optional host permission; a strict CSP for the
 * extension's own pages; nothing web-accessible but the dialog's CSS; no
 * messaging from web pages; pages that load only the extension's own files;
 * and a content script within its size budget. Needs no browser: it reads
 * .output/chrome-mv3 and .output/firefox-mv2 (`npm run build`; `npm test`
 * builds before Playwright runs).
 */
import { expect, test } from '@playwright/test';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GECKO_EXTENSION_ID, MANIFEST_KEY } from '../../lib/extension-id';
import { BUILT_IN_SITE_MATCHES } from './built-in-sites';

const CHROME = resolve('.output/chrome-mv3');
const FIREFOX = resolve('.output/firefox-mv2');

/** API permissions, and why (docs/PERMISSIONS.md): managed policy and state; report and policy timers; organisation-added sites; the popup's view of the tab it was opened on. */
const API_PERMISSIONS = ['activeTab', 'alarms', 'scripting', 'storage'];
const CONTENT_CSS = 'content-scripts/content.css';
const BROAD = ['<all_urls>', '*://*/*', 'http://*/*', 'https://*/*', '*://*/', 'https://*/', 'http://*/'];
/** Top-level keys a build may have; a new one needs a paragraph in docs/PERMISSIONS.md and a line here. */
const HARMLESS_KEYS = ['manifest_version', 'name', 'short_name', 'description', 'version', 'version_name', 'default_locale', 'icons', 'author', 'homepage_url'];
const CHROME_KEYS = [
  ...HARMLESS_KEYS,
  'permissions',
  'host_permissions',
  'optional_host_permissions',
  'storage',
  'key',
  'background',
  'action',
  'options_ui',
  'content_scripts',
  'web_accessible_resources',
  'content_security_policy',
  'minimum_chrome_version',
];
const FIREFOX_KEYS = [
  ...HARMLESS_KEYS,
  'permissions',
  'optional_permissions',
  'storage',
  'browser_specific_settings',
  'background',
  'browser_action',
  'options_ui',
  'content_scripts',
  'web_accessible_resources',
  'content_security_policy',
];

type Manifest = Record<string, unknown> & {
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  optional_permissions?: string[];
  content_scripts?: { matches: string[]; exclude_matches?: string[]; js?: string[]; css?: string[] }[];
  web_accessible_resources?: unknown[];
  content_security_policy?: string | { extension_pages?: string; sandbox?: string };
};

function readManifest(dir: string): Manifest {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first`);
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

function files(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? files(path, ext) : path.endsWith(ext) ? [path] : [];
  });
}

/** 'a b; c d' → { a: ['b'], c: ['d'] } */
function directives(csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out[name.toLowerCase()] = values;
  }
  return out;
}

const sorted = (values: readonly string[]) => [...values].sort();
const isHostPattern = (p: string) => p.includes('://') || p === '<all_urls>';
const isLocal = (url: string) => !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('//');

function expectStrictCsp(csp: string | undefined): void {
  expect(csp, 'a Content-Security-Policy for the extension pages').toBeTruthy();
  const d = directives(csp!);
  expect(d['default-src']).toEqual(["'self'"]);
  // Only the extension's own scripts: no remote hosts, no eval, no inline code.
  expect(d['script-src']).toEqual(["'self'"]);
  expect(d['object-src']).toEqual(["'none'"]);
  expect(d['base-uri']).toEqual(["'none'"]);
  expect(d['frame-ancestors']).toEqual(["'none'"]);
  expect(csp).not.toContain("'unsafe-eval'");
  expect(csp).not.toContain("'unsafe-inline'");
  for (const [name, values] of Object.entries(d)) {
    if (name === 'connect-src') continue;
    expect(values.every((v) => v === "'self'" || v === "'none'"), `${name}: ${values.join(' ')}`).toBe(true);
  }
  // The counter report goes to the endpoint the organisation's policy names: any https URL,
  // or http://localhost / http://127.0.0.1 (lib/policy/schema.ts); the service worker is covered by this CSP.
  expect(sorted(d['connect-src'] ?? [])).toEqual(sorted(["'self'", 'https:', 'http://localhost:*', 'http://127.0.0.1:*']));
}

function expectLocalPages(dir: string): void {
  const pages = files(dir, '.html');
  expect(pages.length, 'the popup and options pages').toBeGreaterThanOrEqual(2);
  for (const page of pages) {
    const html = readFileSync(page, 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length, `${page} has its script`).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      const src = /\bsrc\s*=\s*["']([^"']+)["']/i.exec(attributes ?? '')?.[1];
      expect(src, `${page}: every script is a file (no inline code)`).toBeTruthy();
      expect(body?.trim(), `${page}: no inline script`).toBe('');
      expect(isLocal(src!), `${page}: ${src} is in the extension`).toBe(true);
      expect(existsSync(join(dir, src!.replace(/^\//, ''))), `${page}: ${src} exists`).toBe(true);
    }
    for (const [, , url] of html.matchAll(/\b(src|href|action|srcset|data|poster)\s*=\s*["']([^"']*)["']/gi)) {
      expect(isLocal(url!), `${page}: ${url} is in the extension`).toBe(true);
    }
  }
}

function expectNoRemoteCode(dir: string): void {
  for (const file of files(dir, '.js')) {
    const js = readFileSync(file, 'utf8');
    expect(js, `${file}: no importScripts`).not.toMatch(/(?<![\w$])importScripts\s*\(/);
    expect(js, `${file}: no import() of a remote module`).not.toMatch(/(?<![\w$])import\s*\(\s*["'`](?:https?:)?\/\//);
  }
}

/**
 * The content script runs in every AI page, so it carries Preact only: React and react-dom belong to the
 * popup and the options page (components/). React 19 marks its elements with this symbol name and its
 * internals with this property name; Preact has neither.
 */
function expectNoReactInContentScript(dir: string): void {
  const script = join(dir, 'content-scripts', 'content.js');
  expect(existsSync(script), script).toBe(true);
  const js = readFileSync(script, 'utf8');
  expect(js, 'the content script has no React element symbol').not.toContain('react.transitional.element');
  expect(js, 'the content script has no React internals').not.toContain('INTERNALS_DO_NOT_USE');
  expect(js, 'the content script has no react-dom').not.toMatch(/react-dom/);
}

/**
 * Every protected AI page loads the content script in each of its frames, so it has a size budget.
 * Over it? `npx tsx scripts/content-size.ts` builds with source maps and lists what the bytes are
 * (files, npm packages, rules/ data); look for a module only the background or the pages need
 * (zod, RE2JS, compromise, the counters, the popup's and options page's strings) that an import
 * chain pulls in, and cut the chain with a narrower module or `import type`.
 */
const CONTENT_SCRIPT_BUDGET = 250 * 1024;

test('the content-script bundles stay within their size budget, with rules/ data shipped compactly', () => {
  for (const dir of [CHROME, FIREFOX]) {
    const script = join(dir, 'content-scripts', 'content.js');
    expect(existsSync(script), script).toBe(true);
    const size = statSync(script).size;
    expect(
      size,
      `${script} is ${size} bytes, over the ${CONTENT_SCRIPT_BUDGET}-byte budget: run \`npx tsx scripts/content-size.ts\` to see what it is made of`,
    ).toBeLessThanOrEqual(CONTENT_SCRIPT_BUDGET);
    // scripts/rules-data-plugin.ts ships rules/*.json without their $comment notes (and packed):
    // a $comment here means the data went in as plain JSON.
    expect(readFileSync(script, 'utf8'), `${script}: rules/ data without $comment`).not.toContain('$comment');
  }
});

test('the content-script bundles hold no React (the in-page UI is Preact), and the pages do', () => {
  for (const dir of [CHROME, FIREFOX]) expectNoReactInContentScript(dir);
  // The check can fail: the options page's bundle does contain React.
  const pageChunks = files(CHROME, '.js').filter((f) => !f.includes('content-scripts'));
  expect(pageChunks.some((f) => readFileSync(f, 'utf8').includes('react.transitional.element'))).toBe(true);
});

test.describe('Chrome, Edge (MV3)', () => {
  let manifest: Manifest;
  test.beforeAll(() => {
    manifest = readManifest(CHROME);
  });

  test('permissions are exactly storage, alarms and scripting', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(sorted(manifest.permissions ?? [])).toEqual(API_PERMISSIONS);
    expect(manifest.optional_permissions ?? []).toEqual([]);
  });

  test('host access: the built-in protected sites; any other site only by optional https://*/*', () => {
    expect(sorted(manifest.host_permissions ?? [])).toEqual(sorted(BUILT_IN_SITE_MATCHES));
    for (const pattern of manifest.host_permissions ?? []) {
      expect(BROAD, pattern).not.toContain(pattern);
      expect(pattern, 'https only').toMatch(/^https:\/\/[^*/]+\//);
    }
    expect(manifest.optional_host_permissions).toEqual(['https://*/*']);
  });

  test('content scripts run on the built-in sites only (organisation sites are registered at run time)', () => {
    const scripts = manifest.content_scripts ?? [];
    expect(scripts.length).toBe(1);
    for (const script of scripts) {
      expect(sorted(script.matches)).toEqual(sorted(BUILT_IN_SITE_MATCHES));
      for (const js of script.js ?? []) expect(existsSync(join(CHROME, js)), js).toBe(true);
    }
  });

  test('a strict CSP for the extension pages and the service worker', () => {
    const csp = manifest.content_security_policy;
    expect(typeof csp).toBe('object');
    expect(Object.keys(csp as object)).toEqual(['extension_pages']);
    expectStrictCsp((csp as { extension_pages?: string }).extension_pages);
  });

  test("only the dialog's CSS is web-accessible, behind a per-session URL", () => {
    const entries = manifest.web_accessible_resources as { resources: string[]; matches: string[]; use_dynamic_url?: boolean }[];
    expect(entries.length).toBe(1);
    const [entry] = entries;
    expect(entry!.resources).toEqual([CONTENT_CSS]);
    expect(entry!.use_dynamic_url).toBe(true);
    expect(entry!.matches.every((m) => m.startsWith('https://'))).toBe(true);
    expect(entry!.matches).not.toContain('<all_urls>');
  });

  test('no web page or other extension can message it; nothing beyond the reviewed manifest entries', () => {
    expect(manifest).not.toHaveProperty('externally_connectable');
    for (const key of Object.keys(manifest)) expect(CHROME_KEYS, `manifest key "${key}" (document it in docs/PERMISSIONS.md)`).toContain(key);
    expect(manifest.key).toBe(MANIFEST_KEY);
    expect(manifest.storage).toEqual({ managed_schema: 'managed_schema.json' });
    expect(existsSync(join(CHROME, 'managed_schema.json'))).toBe(true);
    expect(manifest.background).toEqual({ service_worker: 'background.js' });
  });

  test('every page loads only the extension\'s own scripts, and no code comes from elsewhere', () => {
    expectLocalPages(CHROME);
    expectNoRemoteCode(CHROME);
  });
});

test.describe('Firefox (MV2)', () => {
  let manifest: Manifest;
  test.beforeAll(() => {
    manifest = readManifest(FIREFOX);
  });

  test('permissions are exactly storage, alarms, scripting and the built-in protected sites', () => {
    expect(manifest.manifest_version).toBe(2);
    const permissions = manifest.permissions ?? [];
    expect(sorted(permissions.filter((p) => !isHostPattern(p)))).toEqual(API_PERMISSIONS);
    expect(sorted(permissions.filter(isHostPattern))).toEqual(sorted(BUILT_IN_SITE_MATCHES));
    for (const pattern of permissions) expect(BROAD, pattern).not.toContain(pattern);
    // Sites an organisation adds are asked for one by one under the optional https pattern (MV2's form of optional_host_permissions).
    expect(manifest.optional_permissions).toEqual(['https://*/*']);
  });

  test('content scripts run on the built-in sites only', () => {
    const scripts = manifest.content_scripts ?? [];
    expect(scripts.length).toBe(1);
    for (const script of scripts) expect(sorted(script.matches)).toEqual(sorted(BUILT_IN_SITE_MATCHES));
  });

  test('a strict CSP for the extension pages and the background page', () => {
    expect(typeof manifest.content_security_policy).toBe('string');
    expectStrictCsp(manifest.content_security_policy as string);
  });

  test("only the dialog's CSS is web-accessible; no messaging from pages; the fixed gecko id; no data collected", () => {
    expect(manifest.web_accessible_resources).toEqual([CONTENT_CSS]);
    expect(manifest).not.toHaveProperty('externally_connectable');
    for (const key of Object.keys(manifest)) expect(FIREFOX_KEYS, `manifest key "${key}" (document it in docs/PERMISSIONS.md)`).toContain(key);
    const gecko = (manifest.browser_specific_settings as { gecko: { id: string; data_collection_permissions: unknown } }).gecko;
    expect(gecko.id).toBe(GECKO_EXTENSION_ID);
    expect(gecko.data_collection_permissions).toEqual({ required: ['none'] });
  });

  test("every page loads only the extension's own scripts, and no code comes from elsewhere", () => {
    expectLocalPages(FIREFOX);
    expectNoRemoteCode(FIREFOX);
  });
});
