/**
 * Where the effective policy lives for every part of the extension. The
 * background resolves it (organisation policy > employee settings > defaults,
 * lib/policy/resolve.ts) and writes it to storage.local; content scripts,
 * the popup and the options page read it from there and follow changes.
 * The employee's own settings are written to storage.sync.
 *
 * No zod here: the content script imports this module.
 */
import { browser } from 'wxt/browser';
import { builtInEffectivePolicy } from '../lib/policy/built-in-effective';
import type { EffectivePolicy } from '../lib/policy/effective';
import type { UserSettings } from '../lib/policy/user-settings';

/** storage.local: the effective policy, written by the background only. */
export const EFFECTIVE_POLICY_KEY = 'promptvakt.policy';
/** storage.sync: the employee's own settings (lib/policy/user-settings.ts). */
export const USER_SETTINGS_KEY = 'promptvakt.settings';
/** storage.local: organisation sites Promptvakt has no host permission for yet. */
export const PENDING_SITES_KEY = 'promptvakt.pendingSites';

/** Organisation sites (match patterns) still waiting for their host permission. */
export async function loadPendingSites(): Promise<string[]> {
  try {
    return readPendingSites((await browser.storage.local.get(PENDING_SITES_KEY))[PENDING_SITES_KEY]);
  } catch {
    return [];
  }
}

export function readPendingSites(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A stored effective policy has the expected shape (written by this or an earlier version). */
export function isEffectivePolicy(v: unknown): v is EffectivePolicy {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Partial<EffectivePolicy>;
  return (
    (p.source === 'built-in' || p.source === 'organisation') &&
    typeof p.categories === 'object' &&
    Array.isArray(p.customRules) &&
    Array.isArray(p.sites) &&
    typeof p.counters === 'object' &&
    typeof p.uploads === 'object'
  );
}

/** The effective policy; the built-in defaults until the background has written one. */
export async function loadEffectivePolicy(): Promise<EffectivePolicy> {
  try {
    const stored = (await browser.storage.local.get(EFFECTIVE_POLICY_KEY))[EFFECTIVE_POLICY_KEY];
    return isEffectivePolicy(stored) ? stored : builtInEffectivePolicy();
  } catch {
    return builtInEffectivePolicy();
  }
}

/** Calls `listener` with each new effective policy. Returns an unsubscribe function. */
export function watchEffectivePolicy(listener: (policy: EffectivePolicy) => void): () => void {
  const handler = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const change = changes[EFFECTIVE_POLICY_KEY];
    if (area === 'local' && change && isEffectivePolicy(change.newValue)) listener(change.newValue);
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}

export async function loadUserSettings(): Promise<UserSettings> {
  const stored = (await browser.storage.sync.get(USER_SETTINGS_KEY))[USER_SETTINGS_KEY];
  return typeof stored === 'object' && stored !== null ? (stored as UserSettings) : {};
}

/**
 * Saves the employee's settings (merged into what is stored). The background
 * ignores fields the organisation sets or locks, so a stale page cannot
 * weaken the policy.
 */
export async function saveUserSettings(patch: UserSettings): Promise<void> {
  const current = await loadUserSettings();
  const next: UserSettings = { ...current, ...patch };
  if (patch.categories) next.categories = { ...current.categories, ...patch.categories };
  await browser.storage.sync.set({ [USER_SETTINGS_KEY]: next });
}
