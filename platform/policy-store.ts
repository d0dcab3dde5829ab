/**
 * Where the effective policy lives for every part of the extension. The
 * background resolves it (organisation policy > employee settings > defaults,
 * lib/policy/resolve.ts) and writes it to storage.local; content scripts,
 * the popup and the options page read it from there and follow changes.
 * The employee's own settings are written to storage.sync.
 *
 * Every value is a versioned storage item (@wxt-dev/storage, via
 * wxt/utils/storage), like the counters (platform/counter-store.ts): a change
 * of shape is a new version with a migration here, run once by whichever
 * part of the extension loads first. Values are validated on every read, so a
 * damaged value gives the built-in defaults, never an error.
 *
 * No zod here: the content script imports this module.
 */
import { storage } from 'wxt/utils/storage';
import { isLanguageChoice } from '../lib/i18n/language';
import { builtInEffectivePolicy } from '../lib/policy/built-in-effective';
import type { EffectivePolicy } from '../lib/policy/effective';
import type { UserSettings } from '../lib/policy/user-settings';

/** storage.local: the effective policy, written by the background only. */
export const EFFECTIVE_POLICY_KEY = 'promptvakt.policy';
/** storage.sync: the employee's own settings (lib/policy/user-settings.ts). */
export const USER_SETTINGS_KEY = 'promptvakt.settings';
/** storage.local: organisation sites Promptvakt has no host permission for yet. */
export const PENDING_SITES_KEY = 'promptvakt.pendingSites';
/** storage.local: where versions before the settings item kept the language choice. */
export const LEGACY_LANGUAGE_KEY = 'promptvakt.language';

/** v1: the effective policy as lib/policy/effective.ts describes it. */
export const effectivePolicyItem = storage.defineItem<unknown>(`local:${EFFECTIVE_POLICY_KEY}`, { version: 1, fallback: null });

/** v1: match patterns. */
export const pendingSitesItem = storage.defineItem<unknown>(`local:${PENDING_SITES_KEY}`, { version: 1, fallback: [] });

const legacyLanguageItem = storage.defineItem<unknown>(`local:${LEGACY_LANGUAGE_KEY}`);

/**
 * v1: the settings object. v2: also holds the language choice that earlier
 * versions kept in storage.local (moved unless the settings already have
 * one; the old key is removed either way).
 */
export const userSettingsItem = storage.defineItem<UserSettings>(`sync:${USER_SETTINGS_KEY}`, {
  version: 2,
  fallback: {},
  migrations: { 2: (v1: unknown) => withLegacyLanguage(readUserSettings(v1)) },
  // A first install, or an earlier version that stored only the language: nothing to migrate, maybe a choice to move.
  init: () => withLegacyLanguage({}),
});

async function withLegacyLanguage(settings: UserSettings): Promise<UserSettings> {
  const legacy = await legacyLanguageItem.getValue();
  if (legacy === null) return settings;
  await legacyLanguageItem.removeValue();
  if (settings.language !== undefined || !isLanguageChoice(legacy)) return settings;
  return { ...settings, language: legacy };
}

/** Organisation sites (match patterns) still waiting for their host permission. */
export async function loadPendingSites(): Promise<string[]> {
  try {
    return readPendingSites(await pendingSitesItem.getValue());
  } catch {
    return [];
  }
}

export function readPendingSites(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export async function savePendingSites(patterns: readonly string[]): Promise<void> {
  await pendingSitesItem.setValue([...patterns]);
}

export function watchPendingSites(listener: (patterns: string[]) => void): () => void {
  return pendingSitesItem.watch((value) => listener(readPendingSites(value)));
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

/** The stored effective policy, or undefined when there is none or it is damaged. */
export async function readStoredPolicy(): Promise<EffectivePolicy | undefined> {
  const stored = await effectivePolicyItem.getValue();
  return isEffectivePolicy(stored) ? stored : undefined;
}

/** The effective policy; the built-in defaults until the background has written one. */
export async function loadEffectivePolicy(): Promise<EffectivePolicy> {
  try {
    return (await readStoredPolicy()) ?? builtInEffectivePolicy();
  } catch {
    return builtInEffectivePolicy();
  }
}

/** Stores the effective policy for every tab (the background only). */
export async function storeEffectivePolicy(policy: EffectivePolicy): Promise<void> {
  await effectivePolicyItem.setValue(policy);
}

/** Calls `listener` with each new effective policy. Returns an unsubscribe function. */
export function watchEffectivePolicy(listener: (policy: EffectivePolicy) => void): () => void {
  return effectivePolicyItem.watch((value) => {
    if (isEffectivePolicy(value)) listener(value);
  });
}

/** The employee's settings as stored: an object, else none. */
export function readUserSettings(value: unknown): UserSettings {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as UserSettings) : {};
}

export async function loadUserSettings(): Promise<UserSettings> {
  return readUserSettings(await userSettingsItem.getValue());
}

/** Calls `listener` when the employee's settings change (on any device, through sync). */
export function watchUserSettings(listener: (settings: UserSettings) => void): () => void {
  return userSettingsItem.watch((value) => listener(readUserSettings(value)));
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
  await userSettingsItem.setValue(next);
}
