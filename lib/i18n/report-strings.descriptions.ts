/**
 * Translator notes for REPORT_STRINGS and MARKING_PLACE_TEXT
 * (report-strings.ts): where each string appears and what it means. A
 * `{name}` in a note is the argument of a function string. Never shipped:
 * only tests/unit/i18n.test.ts imports this file.
 */
import type { MarkingPlace } from '../types';
import type { ReportStrings } from './report-strings';

export const REPORT_STRINGS_DESCRIPTIONS: Record<keyof ReportStrings, string> = {
  decision:
    'CLI report, first line after the file name: the overall result, one word each for allow (let through), warn (warning) and block (stopped)',
  none: 'CLI report: the text has no findings',
  findings: 'CLI report, first line after the result: {n} is the number of findings (mind singular and plural)',
  action:
    'CLI report, in brackets after each finding: what the policy does with it, one lower-case word each for off, log (recorded, not interrupted), warn and block',
  guideline: 'CLI report: label before the guideline that applies to a finding (followed by a colon)',
  markingFound:
    'CLI report and in-page dialog: a sentence saying where a classification or secrecy marking was found; {place} is one of the MARKING_PLACE_TEXT phrases, e.g. "in the subject line"',
};

export const MARKING_PLACE_TEXT_DESCRIPTIONS: Record<MarkingPlace, string> = {
  header: 'Phrase completing "Found …": the marking is a stamp in a page header or footer, or alone on a line',
  'letter-spaced': 'Phrase completing "Found …": the marking is a stamp with spaces between the letters, as copied from a PDF',
  field: 'Phrase completing "Found …": the marking is the value of a classification field ("Classification: SECRET")',
  'table-cell': 'Phrase completing "Found …": the marking is in a table cell under a classification column',
  subject: 'Phrase completing "Found …": the marking is in an email subject line',
  title: 'Phrase completing "Found …": the marking is in a title or heading',
  stamp: 'Phrase completing "Found …": a secrecy stamp citing the Swedish Public Access to Information and Secrecy Act (OSL)',
  statement: 'Phrase completing "Found …": a sentence saying the material is marked',
  'file-name': 'Phrase completing "Found …": the marking is in a file name',
  'in-text': 'Phrase completing "Found …": the marking is in the running text',
};
