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
  justificationLabel: 'Dialog label of the text box where the user justifies sending despite a warning (required)',
  justificationHint: 'Dialog hint under justificationLabel: the justification is neither stored nor sent',
  organisationPolicy: 'Dialog link to the organisation’s own AI guideline; {name} is the organisation’s name',
  organisationContact: 'Dialog, after organisationPolicy: whom to ask; {contact} is the organisation’s contact (email, phone or name)',
  checkingTitle: 'In-page notice title while the text is being checked (not shown by the dialog today)',
  checkingBody: 'In-page notice text under checkingTitle: nothing is sent until the check is done (not shown by the dialog today)',
  indicatorProtected: 'Small indicator by the message box: Promptvakt protects this site',
  indicatorChecking: 'Small indicator by the message box: the text is being checked',
  indicatorFindings: 'Small indicator by the message box: {n} is the number of findings in the text so far (mind singular and plural)',
  indicatorMonitor: 'Small indicator by the message box: the site is in monitoring mode (findings are marked, never interrupted)',
};
