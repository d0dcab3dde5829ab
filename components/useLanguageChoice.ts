/**
 * React hook for extension pages: the language choice in effect (from the
 * effective policy: the organisation's, else the employee's, else 'auto') and
 * the language it resolves to, following changes made on other pages or by
 * the organisation. Null until loaded, so
 * a page never flashes in the wrong language. Also sets <html lang>.
 */
import { useCallback, useEffect, useState } from 'react';
import type { UiLanguage } from '../lib/i18n/language';
import type { LanguageChoice } from '../lib/i18n/language';
import { getLanguageChoice, onLanguageChoiceChanged, resolveLanguage } from '../platform/settings';

export interface LanguageState {
  choice: LanguageChoice;
  language: UiLanguage;
}

export function useLanguageChoice(): [LanguageState | null, (choice: LanguageChoice) => void] {
  const [choice, setChoice] = useState<LanguageChoice | null>(null);

  useEffect(() => {
    let live = true;
    getLanguageChoice()
      .catch(() => 'auto' as const)
      .then((c) => live && setChoice(c));
    const off = onLanguageChoiceChanged((c) => setChoice(c));
    return () => {
      live = false;
      off();
    };
  }, []);

  const state = choice ? { choice, language: resolveLanguage(choice) } : null;
  useEffect(() => {
    if (state) document.documentElement.lang = state.language;
  }, [state?.language]);

  // Lets a page show a new choice at once, before storage reports the change.
  const update = useCallback((c: LanguageChoice) => setChoice(c), []);
  return [state, update];
}
