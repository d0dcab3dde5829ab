/**
 * The UI language. The employee's choice is one of their own settings
 * (browser.storage.sync, platform/policy-store.ts); the language in
 * effect comes from the effective policy, where an organisation may set or
 * lock it. 'auto' follows the browser's language.
 *
 * No zod here: the content script imports this module (type-only imports of
 * lib/policy/user-settings.ts are fine).
 */
import { browser } from 'wxt/browser';
import { loadEffectivePolicy, loadUserSettings, saveUserSettings, watchEffectivePolicy } from './policy-store';
import { uiLanguage, type UiLanguage } from '../lib/i18n/language';

export type LanguageChoice = 'auto' | UiLanguage;

export const LANGUAGE_CHOICES: readonly LanguageChoice[] = ['auto', 'sv', 'en'];

/**
 * Where earlier versions kept the choice (browser.storage.local). Read once,
 * moved to the employee's settings and removed (`migrateLegacyLanguage`).
 */
export const LEGACY_LANGUAGE_KEY = 'promptvakt.language';

export function isLanguageChoice(value: unknown): value is LanguageChoice {
  return typeof value === 'string' && (LANGUAGE_CHOICES as readonly string[]).includes(value);
}

/** The language a choice means; 'auto' follows `browserLanguage` (default: navigator.language). */
export function resolveLanguage(choice: LanguageChoice, browserLanguage?: string): UiLanguage {
  return choice === 'auto' ? uiLanguage(browserLanguage) : choice;
}

/**
 * Moves a choice stored by an earlier version (storage.local) into the
 * employee's settings (storage.sync), unless they already hold a language,
 * and removes the old key. Returns the choice it moved, if any. Cheap when
 * there is nothing to move (one storage read).
 */
export async function migrateLegacyLanguage(): Promise<LanguageChoice | undefined> {
  const legacy = (await browser.storage.local.get(LEGACY_LANGUAGE_KEY))[LEGACY_LANGUAGE_KEY];
  if (legacy === undefined) return undefined;
  let moved: LanguageChoice | undefined;
  if (isLanguageChoice(legacy) && (await loadUserSettings()).language === undefined) {
    await saveUserSettings({ language: legacy });
    moved = legacy;
  }
  await browser.storage.local.remove(LEGACY_LANGUAGE_KEY);
  return moved;
}

/**
 * The language choice in effect: the organisation's when it sets one, else
 * the employee's, else 'auto' (from the effective policy).
 */
export async function getLanguageChoice(): Promise<LanguageChoice> {
  const moved = await migrateLegacyLanguage().catch(() => undefined);
  const policy = await loadEffectivePolicy();
  // Just moved: the background has not yet folded it into the effective policy.
  if (moved && policy.language === 'auto' && !policy.locked.includes('language')) return moved;
  return isLanguageChoice(policy.language) ? policy.language : 'auto';
}

/** The UI language to use now. */
export async function getLanguage(): Promise<UiLanguage> {
  return resolveLanguage(await getLanguageChoice().catch(() => 'auto' as const));
}

/**
 * Saves the employee's choice. The background applies it unless the
 * organisation sets or locks the language.
 */
export async function setLanguage(choice: LanguageChoice): Promise<void> {
  if (!isLanguageChoice(choice)) throw new TypeError(`unknown language choice: ${String(choice)}`);
  await saveUserSettings({ language: choice });
  // A choice made now replaces one an earlier version stored.
  await browser.storage.local.remove(LEGACY_LANGUAGE_KEY).catch(() => undefined);
}

/**
 * Calls `listener` when the language choice in effect changes (the employee's
 * choice on any extension page, or the organisation policy). Returns an
 * unsubscribe function.
 */
export function onLanguageChoiceChanged(listener: (choice: LanguageChoice) => void): () => void {
  let last: LanguageChoice | undefined;
  return watchEffectivePolicy((policy) => {
    const choice = isLanguageChoice(policy.language) ? policy.language : 'auto';
    if (choice === last) return;
    last = choice;
    listener(choice);
  });
}
