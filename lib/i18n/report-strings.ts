/**
 * Words of the findings report: the CLI's text report (lib/report/text-report.ts)
 * and the in-page dialog's "where the marking was found" sentence
 * (lib/report/marking-places.ts). Only the language tables live here; the
 * layout of the report stays in lib/report. Translator notes:
 * report-strings.descriptions.ts; tests/unit/i18n.test.ts checks both languages.
 */
import type { Action, Decision, MarkingPlace } from '../types';
import type { UiLanguage } from './language';

export interface ReportStrings {
  decision: Readonly<Record<Decision, string>>;
  none: string;
  findings: (n: number) => string;
  action: Readonly<Record<Action, string>>;
  guideline: string;
  markingFound: (place: string) => string;
}

export const REPORT_STRINGS: Readonly<Record<UiLanguage, ReportStrings>> = {
  sv: {
    decision: { allow: 'Tillåts', warn: 'Varning', block: 'Stoppas' },
    none: 'Inget att anmärka.',
    findings: (n: number) => (n === 1 ? '1 träff' : `${n} träffar`),
    action: { off: 'av', log: 'information', warn: 'varning', block: 'stoppas' },
    guideline: 'Riktlinje',
    markingFound: (place: string) => `Hittad ${place}.`,
  },
  en: {
    decision: { allow: 'Allowed', warn: 'Warning', block: 'Blocked' },
    none: 'Nothing to report.',
    findings: (n: number) => (n === 1 ? '1 finding' : `${n} findings`),
    action: { off: 'off', log: 'log', warn: 'warn', block: 'block' },
    guideline: 'Guideline',
    markingFound: (place: string) => `Found ${place}.`,
  },
};

/**
 * Where a marking was found, said in words: the dialog and the CLI report tell
 * the employee why the text counts as marked ("in the subject line").
 */
export const MARKING_PLACE_TEXT: Readonly<Record<MarkingPlace, Readonly<Record<UiLanguage, string>>>> = {
  header: { sv: 'som stämpel i sidhuvud, sidfot eller på egen rad', en: 'as a stamp in a header, a footer or on a line of its own' },
  'letter-spaced': { sv: 'som stämpel med glesa bokstäver (kopierad från pdf)', en: 'as a letter-spaced stamp (copied from a PDF)' },
  field: { sv: 'i ett klassificeringsfält', en: 'in a classification field' },
  'table-cell': { sv: 'i en tabellcell under en klassificeringskolumn', en: 'in a table cell under a classification column' },
  subject: { sv: 'i ämnesraden', en: 'in the subject line' },
  title: { sv: 'i en rubrik', en: 'in a title' },
  stamp: { sv: 'som sekretessmarkering med hänvisning till OSL', en: 'as a secrecy stamp citing OSL' },
  statement: { sv: 'i en mening som säger att materialet är märkt', en: 'in a sentence saying that the material is marked' },
  'file-name': { sv: 'i ett filnamn', en: 'in a file name' },
  'in-text': { sv: 'i löptexten', en: 'in the running text' },
};
