/**
 * The user's own settings, kept in `browser.storage.local`. For now only the
 * UI language: 'auto' follows the browser's language.
 */
import { browser } from 'wxt/browser';
import { uiLanguage, type UiLanguage } from './i18n';

export type LanguageChoice = 'auto' | UiLanguage;

export const LANGUAGE_CHOICES: readonly LanguageChoice[] = ['auto', 'sv', 'en'];

/** Storage key in `browser.storage.local`. */
export const LANGUAGE_KEY = 'promptvakt.language';

export function isLanguageChoice(value: unknown): value is LanguageChoice {
  return typeof value === 'string' && (LANGUAGE_CHOICES as readonly string[]).includes(value);
}

/** The language a choice means; 'auto' follows `browserLanguage` (default: navigator.language). */
export function resolveLanguage(choice: LanguageChoice, browserLanguage?: string): UiLanguage {
  return choice === 'auto' ? uiLanguage(browserLanguage) : choice;
}

/** The stored choice; 'auto' when nothing (or something unknown) is stored. */
export async function getLanguageChoice(): Promise<LanguageChoice> {
  const stored = (await browser.storage.local.get(LANGUAGE_KEY))[LANGUAGE_KEY];
  return isLanguageChoice(stored) ? stored : 'auto';
}

/** The UI language to use now. */
export async function getLanguage(): Promise<UiLanguage> {
  return resolveLanguage(await getLanguageChoice());
}

export async function setLanguage(choice: LanguageChoice): Promise<void> {
  if (!isLanguageChoice(choice)) throw new TypeError(`unknown language choice: ${String(choice)}`);
  await browser.storage.local.set({ [LANGUAGE_KEY]: choice });
}

/** Calls `listener` when the stored choice changes (from any extension page). Returns an unsubscribe function. */
export function onLanguageChoiceChanged(listener: (choice: LanguageChoice) => void): () => void {
  const handler = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const change = changes[LANGUAGE_KEY];
    if (area !== 'local' || !change) return;
    listener(isLanguageChoice(change.newValue) ? change.newValue : 'auto');
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}
