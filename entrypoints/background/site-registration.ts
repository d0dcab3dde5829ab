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
import { PENDING_SITES_KEY } from '../shared/policy-store';

const SCRIPT_ID = 'promptvakt-organisation-sites';

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

/** Registers the content script for the granted added sites; returns the ones still pending. */
export async function syncRegisteredSites(policy: EffectivePolicy): Promise<string[]> {
  const wanted = addedSiteMatches(policy);
  const granted: string[] = [];
  const pending: string[] = [];
  for (const pattern of wanted) {
    const ok = await browser.permissions.contains({ origins: [pattern] }).catch(() => false);
    (ok ? granted : pending).push(pattern);
  }
  await browser.storage.local.set({ [PENDING_SITES_KEY]: pending });
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] }).catch(() => []);
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (!granted.length) return pending;
  await browser.scripting.registerContentScripts([
    {
      id: SCRIPT_ID,
      matches: granted,
      js: ['content-scripts/content.js'],
      runAt: 'document_start',
      persistAcrossSessions: true,
    },
  ]);
  return pending;
}
