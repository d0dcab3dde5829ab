/**
 * Texts of the in-page dialog on an AI site (titles, buttons, status lines),
 * in Swedish and English: the strings the content script shows, in a catalogue
 * of their own so the content script does not carry the popup's and options
 * page's texts. UI_STRINGS (ui-strings.ts) includes this table, so the pages
 * reuse the same texts (the guideline link, "and 3 more", the block and warn
 * titles in screenshots). The Swedish table sets the shape (InPageStrings);
 * the English one is typed against it. Translator notes:
 * in-page-strings.descriptions.ts; tests/unit/i18n.test.ts checks both
 * languages and the notes.
 */
import type { UiLanguage } from './language';

const sv = {
  blockTitle: 'Promptvakt stoppade meddelandet',
  warnTitle: 'Promptvakt varnar: kontrollera innan du skickar',
  pasteBlockTitle: 'Promptvakt stoppade inklistringen',
  pasteWarnTitle: 'Promptvakt varnar: kontrollera innan du klistrar in',
  uploadBlockTitle: 'Promptvakt stoppade filen',
  uploadWarnTitle: 'Promptvakt varnar: kontrollera filen innan du laddar upp den',
  uploadAnyway: 'Ladda upp ändå',
  errorTitle: 'Promptvakt kunde inte kontrollera texten',
  errorBody: 'Av säkerhetsskäl skickas ingenting. Försök igen, eller kontakta IT-supporten om felet kvarstår.',
  dialogUnavailable:
    'Promptvakt stoppade det här: texten kan innehålla uppgifter som inte bör lämna organisationen, men förklaringen kunde inte visas. Ändra texten och försök igen, eller kontakta IT-supporten om det händer igen.',
  intro: 'Texten innehåller uppgifter som inte bör lämna organisationen via en öppen AI-tjänst:',
  blockedNote: 'Organisationens regler tillåter inte att detta skickas.',
  blockedNoteBuiltIn: 'Promptvakts grundinställning tillåter inte att detta skickas.',
  guideline: 'Läs mer',
  edit: 'Redigera',
  mask: 'Maskera och skicka',
  maskPaste: 'Klistra in maskerat',
  sendAnyway: 'Skicka ändå',
  pasteAnyway: 'Klistra in ändå',
  maskFailed: 'Texten kunde inte maskeras i den här editorn. Redigera texten själv innan du skickar.',
  notSent: 'Promptvakt kunde inte skicka texten åt dig. Tryck på sidans skicka-knapp igen: den här texten är godkänd i två minuter.',
  classifiedNoMask:
    'Texten är säkerhetsskyddsklassificerad eller sekretessmarkerad. Det är innehållet som är skyddat, inte bara märkningen, så den kan inte maskeras och skickas.',
  restoreTitle: 'Promptvakt: riktiga värden i svaret',
  restoreActive: 'Promptvakt visar de riktiga värdena i AI-tjänstens svar i stället för platshållarna, bara här i webbläsaren.',
  restoreShowingPlaceholders: 'Svaret visas med platshållarna, så som AI-tjänsten fick dem.',
  restoreDegraded: 'Promptvakt hittar inte AI-tjänstens svar på den här sidan och kan inte visa de riktiga värdena i dem.',
  restoreShowPlaceholders: 'Visa platshållarna',
  restoreCopy: 'Kopiera svaret med riktiga värden',
  restoreCopyNote: 'Sidans egen kopieringsknapp kopierar platshållarna.',
  restoreCopied: 'Kopierat.',
  restoreCopyFailed: 'Kunde inte kopiera.',
  restoreClose: 'Stäng',
  more: (n: number) => `och ${n} till`,
} satisfies Record<string, string | ((n: number) => string)>;

/** The keys every language has, each a text or a function of a count. */
export type InPageStrings = Readonly<typeof sv>;

const en: InPageStrings = {
  blockTitle: 'Promptvakt stopped this message',
  warnTitle: 'Promptvakt warning: check before you send',
  pasteBlockTitle: 'Promptvakt stopped this paste',
  pasteWarnTitle: 'Promptvakt warning: check before you paste',
  uploadBlockTitle: 'Promptvakt stopped this file',
  uploadWarnTitle: 'Promptvakt warning: check the file before you upload it',
  uploadAnyway: 'Upload anyway',
  errorTitle: 'Promptvakt could not check the text',
  errorBody: 'To be safe, nothing is sent. Try again, or contact IT support if this keeps happening.',
  dialogUnavailable:
    'Promptvakt stopped this: the text may hold information that should not leave the organisation, but the explanation could not be shown. Change the text and try again, or contact IT support if this happens again.',
  intro: 'The text contains information that should not leave the organisation through a public AI service:',
  blockedNote: "Your organisation's rules do not allow sending this.",
  blockedNoteBuiltIn: "Promptvakt's default settings do not allow sending this.",
  guideline: 'Read more',
  edit: 'Edit',
  mask: 'Mask and send',
  maskPaste: 'Paste masked',
  sendAnyway: 'Send anyway',
  pasteAnyway: 'Paste anyway',
  maskFailed: 'The text could not be masked in this editor. Edit it yourself before sending.',
  notSent: 'Promptvakt could not send the text for you. Press the page’s send button again: this text is approved for two minutes.',
  classifiedNoMask:
    'The text is security-classified or marked secret. The content itself is protected, not only its label, so it cannot be masked and sent.',
  restoreTitle: 'Promptvakt: real values in the answer',
  restoreActive: 'Promptvakt shows the real values in the AI service’s answer in place of the placeholders, only here in the browser.',
  restoreShowingPlaceholders: 'The answer is shown with the placeholders, as the AI service received them.',
  restoreDegraded: 'Promptvakt cannot find the AI service’s answers on this page, so it cannot show the real values in them.',
  restoreShowPlaceholders: 'Show the placeholders',
  restoreCopy: 'Copy the answer with real values',
  restoreCopyNote: 'The site’s own copy button copies the placeholders.',
  restoreCopied: 'Copied.',
  restoreCopyFailed: 'Could not copy.',
  restoreClose: 'Close',
  more: (n: number) => `and ${n} more`,
};

export const IN_PAGE_STRINGS: Readonly<Record<UiLanguage, InPageStrings>> = { sv, en };
