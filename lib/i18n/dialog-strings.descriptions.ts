/**
 * Translator notes for DIALOG_STRINGS (dialog-strings.ts): where each string
 * appears and what it means. A `{name}` in a note is the argument of a
 * function string. Never shipped: only tests/unit/i18n.test.ts imports this file.
 */
import type { DialogStrings } from './dialog-strings';

export const DIALOG_STRINGS_DESCRIPTIONS: Record<keyof DialogStrings, string> = {
  reminderTitle: 'In-page reminder title when the user uploads a file Promptvakt cannot read (PDF, Word, images)',
  reminderBody: 'In-page reminder text: upload the file only if it holds none of the protected kinds of data (the organisation may replace it)',
  reminderFiles: 'In-page reminder: the file being uploaded; {names} is the file name, or several names separated by commas',
  cancel: 'In-page reminder button: do not upload the file',
  understood: 'In-page reminder button when the upload continues anyway: the user has read the reminder',
  justificationLegend: 'Dialog: heading of the list of reasons the user picks from before "send anyway" (one is required)',
  reasons: 'Dialog: the closed list of reasons for "send anyway" (and "the warning is wrong"); each chosen reason is counted anonymously, so keep the meanings exact',
  justificationLabel: 'Dialog label of the optional text box under the reasons; it is required only with the reason "other"',
  justificationLength: 'Dialog: how long the text must be for "other"; {min} is the minimum, {n} the characters typed so far',
  justificationHint: 'Dialog hint under the reasons: only the chosen reason is counted; the typed text is neither stored nor sent',
  falseAlarm: 'Dialog button: the user reports that the warning is a false alarm (it is counted anonymously by rule)',
  falseAlarmHint: 'Dialog: the accessible description of the falseAlarm button: what the report holds',
  falseAlarmReported: 'Dialog status after a false-alarm report when the policy does not allow sending anyway',
  useInstead: 'Dialog and popup link to an AI service the organisation has approved; {name} is its name',
  newTab: 'Hidden text for screen readers after a link that opens in a new tab (a ↗ shows it visually)',
  organisationPolicy: 'Dialog link to the organisation’s own AI guideline; {name} is the organisation’s name',
  organisationContact: 'Dialog, after organisationPolicy: whom to ask; {contact} is the organisation’s contact (email, phone or name)',
  checkingTitle: 'In-page notice title while the text is being checked (not shown by the dialog today)',
  checkingBody: 'In-page notice text under checkingTitle: nothing is sent until the check is done (not shown by the dialog today)',
  indicatorProtected: 'Small indicator by the message box: Promptvakt protects this site',
  indicatorChecking: 'Small indicator by the message box: the text is being checked',
  indicatorFindings: 'Small indicator by the message box: {n} is the number of things to check in the text so far (mind singular and plural)',
  indicatorMonitor: 'Small indicator by the message box: the site is in monitoring mode (findings are marked, never interrupted)',
};
