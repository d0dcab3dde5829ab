/**
 * Public generative-AI chat sites protected by default (rules/sites.json):
 * where each site's composer is and what sends it. The match patterns are used
 * for host permissions and content-script registration.
 */
import { z } from 'zod';
import sitesJson from '../../rules/sites.json';
import { parseOrThrow } from '../rules/validate';

const selectors = z.array(z.string().min(1)).min(1);

export const siteSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  matches: z.array(z.string().regex(/^https:\/\/[a-z0-9.*-]+\/.*$/, 'an https match pattern such as https://chat.example/*')).min(1),
  /** An ancestor that must contain both the composer and the send control. */
  scope: z.string().min(1).optional(),
  composer: selectors,
  send: selectors,
});
export type SiteAdapter = z.infer<typeof siteSchema>;

const sitesSchema = z.strictObject({ $comment: z.string().optional(), sites: z.array(siteSchema).min(1) });

export const BUILT_IN_SITES: readonly SiteAdapter[] = parseOrThrow(sitesSchema, sitesJson, 'rules/sites.json').sites;

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
  const pathRe = new RegExp('^' + path.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return pathRe.test(url.pathname + url.search);
}
