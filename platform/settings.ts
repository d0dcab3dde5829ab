/**
 * The UI language. The employee's choice is one of their own settings
 * (storage.sync, platform/policy-store.ts, which also moves a choice an
 * earlier version kept in storage.local); the language in
 * effect comes from the effective policy, where an organisation may set or
 * lock it. 'auto' follows the browser's language.
 *
 * No zod here: the content script imports this module (type-only imports of
 * lib/policy/user-settings.ts are fine).
 */
import { loadEffectivePolicy, saveUserSettings, watchEffectivePolicy } from './policy-store';
import { isLanguageChoice, uiLanguage, type LanguageChoice, type UiLanguage } from '../lib/i18n/language';

/** The language a choice means; 'auto' follows `browserLanguage` (default: navigator.language). */
export function resolveLanguage(choice: LanguageChoice, browserLanguage?: string): UiLanguage {
  return choice === 'auto' ? uiLanguage(browserLanguage) : choice;
}

/**
 * The language choice in effect: the organisation's when it sets one, else
 * the employee's, else 'auto' (from the effective policy).
 */
export async function getLanguageChoice(): Promise<LanguageChoice> {
  const policy = await loadEffectivePolicy();
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
