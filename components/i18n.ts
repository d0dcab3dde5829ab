/**
 * UI strings in Swedish and English. Every key exists in both languages
 * (checked by tests/unit/i18n.test.ts).
 */
export type UiLanguage = 'sv' | 'en';

export const UI_STRINGS = {
  sv: {
    blockTitle: 'Promptvakt stoppade meddelandet',
    warnTitle: 'Promptvakt varnar: kontrollera innan du skickar',
    pasteBlockTitle: 'Promptvakt stoppade inklistringen',
    pasteWarnTitle: 'Promptvakt varnar: kontrollera innan du klistrar in',
    errorTitle: 'Promptvakt kunde inte kontrollera texten',
    errorBody: 'Av säkerhetsskäl skickas ingenting. Försök igen, eller kontakta IT-supporten om felet kvarstår.',
    intro: 'Texten innehåller uppgifter som inte bör lämna organisationen via en öppen AI-tjänst:',
    blockedNote: 'Organisationens regler tillåter inte att detta skickas.',
    guideline: 'Läs mer',
    edit: 'Redigera',
    mask: 'Maskera och skicka',
    maskPaste: 'Klistra in maskerat',
    sendAnyway: 'Skicka ändå',
    pasteAnyway: 'Klistra in ändå',
    cancel: 'Avbryt',
    maskFailed: 'Texten kunde inte maskeras i den här editorn. Redigera texten själv innan du skickar.',
    more: (n: number) => `och ${n} till`,
  },
  en: {
    blockTitle: 'Promptvakt stopped this message',
    warnTitle: 'Promptvakt warning: check before you send',
    pasteBlockTitle: 'Promptvakt stopped this paste',
    pasteWarnTitle: 'Promptvakt warning: check before you paste',
    errorTitle: 'Promptvakt could not check the text',
    errorBody: 'To be safe, nothing is sent. Try again, or contact IT support if this keeps happening.',
    intro: 'The text contains information that should not leave the organisation through a public AI service:',
    blockedNote: "Your organisation's rules do not allow sending this.",
    guideline: 'Read more',
    edit: 'Edit',
    mask: 'Mask and send',
    maskPaste: 'Paste masked',
    sendAnyway: 'Send anyway',
    pasteAnyway: 'Paste anyway',
    cancel: 'Cancel',
    maskFailed: 'The text could not be masked in this editor. Edit it yourself before sending.',
    more: (n: number) => `and ${n} more`,
  },
} as const satisfies Record<UiLanguage, Record<string, string | ((n: number) => string)>>;

export type UiStrings = (typeof UI_STRINGS)[UiLanguage];

export function uiLanguage(preferred?: string): UiLanguage {
  const lang = (preferred ?? (typeof navigator !== 'undefined' ? navigator.language : 'sv')).toLowerCase();
  return lang.startsWith('sv') ? 'sv' : 'en';
}
