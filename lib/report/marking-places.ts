/**
 * Where a marking was found, said in words: the dialog and the CLI report tell
 * the employee why the text counts as marked ("in the subject line"). The
 * words are in lib/i18n/report-strings.ts.
 */
import { MARKING_PLACE_TEXT, REPORT_STRINGS } from '../i18n/report-strings';
import type { UiLanguage } from '../i18n/language';
import type { MarkingPlace } from '../types';

/** "Hittad i ämnesraden." / "Found in the subject line." */
export function markingPlaceSentence(where: MarkingPlace, language: UiLanguage): string {
  return REPORT_STRINGS[language].markingFound(MARKING_PLACE_TEXT[where][language]);
}
