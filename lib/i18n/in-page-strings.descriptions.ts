/**
 * Translator notes for IN_PAGE_STRINGS (in-page-strings.ts): where each string
 * appears and what it means. A `{name}` in a note is the argument of a
 * function string. Never shipped: only tests/unit/i18n.test.ts (and
 * ui-strings.descriptions.ts, which includes these notes) imports this file.
 */
import type { InPageStrings } from './in-page-strings';

export const IN_PAGE_STRINGS_DESCRIPTIONS: Record<keyof InPageStrings, string> = {
  blockTitle: 'Dialog title when a message about to be sent is blocked',
  warnTitle: 'Dialog title when a message about to be sent gets a warning; the user may still send it',
  pasteBlockTitle: 'Dialog title when pasted text is blocked',
  pasteWarnTitle: 'Dialog title when pasted text gets a warning; the user may still paste it',
  uploadBlockTitle: 'Dialog title when a file about to be uploaded is blocked',
  uploadWarnTitle: 'Dialog title when a file about to be uploaded gets a warning; the user may still upload it',
  uploadAnyway: 'Dialog button: upload the file despite the warning',
  errorTitle: 'Dialog title when the check itself failed (nothing is sent: fail closed)',
  errorBody: 'Dialog text under errorTitle: nothing was sent; try again or contact IT support',
  dialogUnavailable:
    'Plain browser alert shown instead of the dialog when the dialog cannot be displayed on the page: the text was stopped and why',
  intro: 'Dialog sentence introducing the list of findings (ends with a colon)',
  blockedNote: 'Dialog note under the findings when the organisation’s rules forbid sending anyway',
  guideline:
    'Link text to the guideline behind a finding, in the dialog; on the options page ("Try it") it is followed by a colon and the guideline title',
  edit: 'Dialog button: go back to the text and change it (nothing is sent)',
  mask: 'Dialog button: replace the findings with placeholders such as [PERSONNUMMER 1] and send',
  maskPaste: 'Dialog button: paste the text with the findings replaced by placeholders',
  sendAnyway: 'Dialog button: send the message despite the warning',
  pasteAnyway: 'Dialog button: paste the text despite the warning',
  maskFailed: 'Dialog message when masking could not be applied in the site’s editor; the user must edit the text',
  notSent: 'Dialog message when an approved or masked prompt could not be sent through the site’s own control: the user sends it again themselves, and that send is let through for two minutes',
  more: 'Last line of a truncated findings list (dialog and "Try it" tab): {n} is how many more findings are not listed',
};
