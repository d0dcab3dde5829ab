/**
 * Public generative-AI chat sites protected by default (rules/sites.json):
 * where each site's composer is and what sends it. The match patterns are used
 * for host permissions and content-script registration.
 */
import type { z } from 'zod';
import sitesJson from '../../rules/sites.json';
import { trustData } from '../rules/data-check';
import type { siteSchema, sitesSchema } from './schema';

export type SiteAdapter = z.infer<typeof siteSchema>;

export const BUILT_IN_SITES: readonly SiteAdapter[] = trustData<z.infer<typeof sitesSchema>>('sites', sitesJson, 'rules/sites.json').sites;

/**
 * Where a site's answers are when its adapter names none (or there is no
 * adapter): the chat transcript region, as accessible chat UIs mark it.
 */
export const GENERIC_ANSWERS: readonly string[] = ["[role='log']", "[aria-live='polite'][aria-relevant~='additions']", 'main'];

/** The selectors of a site's answers, most specific first, the transcript region last. */
export function answerSelectors(site: SiteAdapter | undefined): string[] {
  return [...(site?.answers ?? []), ...GENERIC_ANSWERS];
}

export const BUILT_IN_SITE_MATCHES: string[] = BUILT_IN_SITES.flatMap((s) => s.matches);

/** The adapter for a page, from its hostname and path; undefined means "use the generic adapter". */
export function siteForUrl(url: URL): SiteAdapter | undefined {
  return BUILT_IN_SITES.find((site) => site.matches.some((pattern) => matchesPattern(pattern, url)));
}

/** WebExtension match-pattern test for the https patterns used here. */
export function matchesPattern(pattern: string, url: URL): boolean {
  const m = /^(https?|\*):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!m) return false;
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  if (scheme !== '*' && `${scheme}:` !== url.protocol) return false;
  const hostOk = host.startsWith('*.')
    ? url.hostname === host.slice(2) || url.hostname.endsWith(host.slice(1))
    : host === '*' || url.hostname === host;
  if (!hostOk) return false;
  return pathPattern(path).test(url.pathname + url.search);
}

/** The path part of a match pattern ("/chat*") as a regex; '*' matches anything. */
export function pathPattern(path: string): RegExp {
  return new RegExp('^' + path.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
}
