/**
 * React hook for extension pages: the effective policy and the organisation
 * sites still waiting for host permission, following changes (the background
 * rewrites both when the organisation policy, the employee's settings or the
 * granted permissions change). Null until loaded.
 */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { EffectivePolicy } from '../lib/policy/effective';
import { loadEffectivePolicy, loadPendingSites, PENDING_SITES_KEY, readPendingSites, watchEffectivePolicy } from '../platform/policy-store';

export interface PolicyState {
  policy: EffectivePolicy;
  /** Match patterns of organisation sites Promptvakt may not access yet. */
  pendingSites: string[];
}

export function usePolicy(): PolicyState | null {
  const [policy, setPolicy] = useState<EffectivePolicy | null>(null);
  const [pendingSites, setPendingSites] = useState<string[] | null>(null);

  useEffect(() => {
    let live = true;
    void loadEffectivePolicy().then((p) => live && setPolicy(p));
    void loadPendingSites().then((p) => live && setPendingSites(p));
    const offPolicy = watchEffectivePolicy((p) => setPolicy(p));
    const onPending = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && PENDING_SITES_KEY in changes) setPendingSites(readPendingSites(changes[PENDING_SITES_KEY]!.newValue));
    };
    browser.storage.onChanged.addListener(onPending);
    return () => {
      live = false;
      offPolicy();
      browser.storage.onChanged.removeListener(onPending);
    };
  }, []);

  return policy && pendingSites ? { policy, pendingSites } : null;
}

/**
 * Asks for access to the pending sites. Call it straight from a click
 * handler: browsers grant permission requests only during a user gesture.
 * The background notices the new permission and protects the sites.
 */
export function requestSiteAccess(origins: readonly string[]): Promise<boolean> {
  return browser.permissions.request({ origins: [...origins] });
}
