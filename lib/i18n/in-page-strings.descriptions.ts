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
  blockedNoteBuiltIn: 'Dialog note when a prompt is blocked and no organisation policy applies: the built-in defaults decided (never say "the organisation" then)',
  guideline:
    'Link text to the guideline behind a finding, in the dialog; on the options page ("Try it") it is followed by a colon and the guideline title',
  edit: 'Dialog button: go back to the text and change it (nothing is sent)',
  mask: 'Dialog button: replace the findings with placeholders such as [PERSONNUMMER 1] and send',
  maskPaste: 'Dialog button: paste the text with the findings replaced by placeholders',
  sendAnyway: 'Dialog button: send the message despite the warning',
  pasteAnyway: 'Dialog button: paste the text despite the warning',
  maskFailed: 'Dialog message when masking could not be applied in the site’s editor; the user must edit the text',
  notSent: 'Dialog message when an approved or masked prompt could not be sent through the site’s own control: the user sends it again themselves, and that send is let through for two minutes',
  classifiedNoMask:
    'Dialog message when a finding is a security-classification or secrecy marking: there is no "mask and send", because the content itself is classified',
  restoreTitle: 'Accessible name of the small panel in the page corner while real values are shown in the AI’s answers instead of placeholders',
  restoreActive: 'Restore panel status: the AI’s answers show the real values (names, numbers) in place of the placeholders the masked prompt sent; done locally',
  restoreShowingPlaceholders: 'Restore panel status after the user chose to see the placeholders again',
  restoreDegraded: 'Restore panel status when a masked prompt was sent but the page’s answers cannot be found (the site changed its layout)',
  restoreShowPlaceholders: 'Restore panel toggle button: show the placeholders instead of the real values (pressed state)',
  restoreCopy: 'Restore panel button: copy the latest answer with the real values to the clipboard',
  restoreCopyNote: 'Restore panel note: the AI site’s own copy button copies the text with placeholders',
  restoreCopied: 'Restore panel status after copying succeeded',
  restoreCopyFailed: 'Restore panel status when copying failed (no answer or no clipboard access)',
  restoreClose: 'Accessible label of the restore panel’s close button (×)',
  more: 'Last line of a truncated findings list (dialog and "Try it" tab): {n} is how many more findings are not listed',
};
