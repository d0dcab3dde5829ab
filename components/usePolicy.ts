/**
 * React hook for extension pages: the effective policy and the organisation
 * sites still waiting for host permission, following changes (the background
 * rewrites both when the organisation policy, the employee's settings or the
 * granted permissions change). Null until loaded.
 */
import { useEffect, useState } from 'react';
import type { EffectivePolicy } from '../lib/policy/effective';
import { browser } from 'wxt/browser';
import { loadEffectivePolicy, loadPendingSites, watchEffectivePolicy, watchPendingSites } from '../platform/policy-store';

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
    const offPending = watchPendingSites((p) => setPendingSites(p));
    return () => {
      live = false;
      offPolicy();
      offPending();
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
