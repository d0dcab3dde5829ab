/**
 * lib/sites/built-in-sites.ts's BUILT_IN_SITE_MATCHES for the browser specs,
 * read the same way: lib/ imports rules/sites.json without an import
 * attribute (Vite and tsx bundle it), which Playwright's Node ESM loader
 * refuses, so the specs read the JSON themselves.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const BUILT_IN_SITE_MATCHES: string[] = (
  JSON.parse(readFileSync(resolve('rules/sites.json'), 'utf8')) as { sites: { matches: string[] }[] }
).sites.flatMap((s) => s.matches);
