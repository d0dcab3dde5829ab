/**
 * Sites an organisation adds through policy: the content script is registered
 * for them at run time (scripting.registerContentScripts). Promptvakt asks only
 * for the protected sites at install; an added site needs its host permission
 * (optional_host_permissions), which the employee grants once in the popup or
 * options page. Until then the site is listed as pending there and on the badge,
 * so protection is never silently missing.
 */
import { browser } from 'wxt/browser';
import { matchPatternFor, type EffectivePolicy } from '../../lib/policy/effective';
import { BUILT_IN_SITE_MATCHES, matchesPattern } from '../../lib/sites/built-in-sites';
import { savePendingSites } from '../../platform/policy-store';

const SCRIPT_ID = 'promptvakt-organisation-sites';
/** The content script, as registerContentScripts names it (background/open-tabs.ts injects the same file). */
export const CONTENT_SCRIPT = 'content-scripts/content.js';
/** Sites added with a path (`example.se/chat`): see contentScriptsFor. */
const PATH_SCRIPT_ID = 'promptvakt-organisation-sites-paths';

/** What registerContentScripts takes, as far as Promptvakt sets it. */
export interface SiteScript {
  id: string;
  matches: string[];
  js: string[];
  runAt: 'document_start';
  allFrames: true;
  matchOriginAsFallback?: true;
  persistAcrossSessions: true;
}

/** Match patterns for the organisation's added sites (not already built in, not switched off). */
export function addedSiteMatches(policy: EffectivePolicy): string[] {
  if (!policy.enabled) return [];
  return policy.sites
    .filter((s) => s.mode !== 'off')
    .map((s) => matchPatternFor(s.pattern))
    .filter((pattern) => !BUILT_IN_SITE_MATCHES.some((builtIn) => coveredBy(pattern, builtIn)));
}

function coveredBy(pattern: string, builtIn: string): boolean {
  const host = /^https:\/\/([^/]+)/.exec(pattern)?.[1];
  if (!host || host.startsWith('*.')) return false;
  return matchesPattern(builtIn, new URL(`https://${host}/`));
}

/**
 * The content scripts for the granted added sites, in every frame as on the
 * built-in sites (a composer can live in an iframe). Frames without an address
 * of their own (about:blank, srcdoc, blob:) that the page fills itself need
 * matchOriginAsFallback, which Chrome allows only for patterns whose path is
 * `*`: sites added with a path get a second script without it.
 */
export function contentScriptsFor(granted: readonly string[]): SiteScript[] {
  const base = { js: [CONTENT_SCRIPT], runAt: 'document_start' as const, allFrames: true as const, persistAcrossSessions: true as const };
  const wholeSite = granted.filter((pattern) => /^[^:]+:\/\/[^/]+\/\*$/.test(pattern));
  const withPath = granted.filter((pattern) => !wholeSite.includes(pattern));
  const scripts: SiteScript[] = [];
  if (wholeSite.length) scripts.push({ id: SCRIPT_ID, matches: wholeSite, ...base, matchOriginAsFallback: true });
  if (withPath.length) scripts.push({ id: PATH_SCRIPT_ID, matches: withPath, ...base });
  return scripts;
}

/** The organisation's added sites, split by whether their host permission is granted. */
export async function addedSitesByAccess(policy: EffectivePolicy): Promise<{ granted: string[]; pending: string[] }> {
  const granted: string[] = [];
  const pending: string[] = [];
  for (const pattern of addedSiteMatches(policy)) {
    const ok = await browser.permissions.contains({ origins: [pattern] }).catch(() => false);
    (ok ? granted : pending).push(pattern);
  }
  return { granted, pending };
}

/** Registers the content script for the granted added sites; returns the ones still pending. */
export async function syncRegisteredSites(policy: EffectivePolicy): Promise<string[]> {
  const { granted, pending } = await addedSitesByAccess(policy);
  await savePendingSites(pending);
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID, PATH_SCRIPT_ID] }).catch(() => []);
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: existing.map((s) => s.id) });
  const scripts = contentScriptsFor(granted);
  if (!scripts.length) return pending;
  try {
    await browser.scripting.registerContentScripts(scripts);
  } catch (error) {
    // A browser without matchOriginAsFallback (older Firefox) still gets every http(s) frame.
    console.warn('Promptvakt: registering without matchOriginAsFallback', error);
    await browser.scripting.registerContentScripts(scripts.map(({ matchOriginAsFallback: _, ...script }) => script));
  }
  return pending;
}
