import type { UiLanguage } from '../lib/i18n/language';

/** The language for command-line output: Swedish when the locale (LC_ALL, LANG) is Swedish, else English. */
export function envLanguage(): UiLanguage {
  return (process.env.LC_ALL || process.env.LANG || '').toLowerCase().startsWith('sv') ? 'sv' : 'en';
}
