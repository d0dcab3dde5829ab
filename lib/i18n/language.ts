/**
 * The two UI languages and the helpers every surface shares: picking the
 * language from a locale, and filling `{name}`-style placeholders.
 * Browser-free: the CLI, the content script and the pages all import it.
 */
export type UiLanguage = 'sv' | 'en';

/** What an employee or an organisation may choose: a language, or 'auto' (the browser's). */
export type LanguageChoice = 'auto' | UiLanguage;

export const LANGUAGE_CHOICES: readonly LanguageChoice[] = ['auto', 'sv', 'en'];

export function isLanguageChoice(value: unknown): value is LanguageChoice {
  return typeof value === 'string' && (LANGUAGE_CHOICES as readonly string[]).includes(value);
}

export function uiLanguage(preferred?: string): UiLanguage {
  const lang = (preferred ?? (typeof navigator !== 'undefined' ? navigator.language : 'sv')).toLowerCase();
  return lang.startsWith('sv') ? 'sv' : 'en';
}

/**
 * Fills `{name}`-style placeholders: fill('Policy från {name}', { name: 'Region X' }).
 * Values are inserted as text (React escapes them when rendered).
 */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
