/**
 * Strings of the in-page UI that came with the organisation policy: the
 * upload reminder, the justification for "send anyway", the organisation's
 * own guideline, the "checking" state and the indicator by the composer.
 * Kept apart from ui-strings.ts so the content script carries only what it
 * shows. Translator notes: dialog-strings.descriptions.ts;
 * tests/unit/i18n.test.ts keeps sv and en in step.
 */
import type { UiLanguage } from './language';

export interface DialogStrings {
  reminderTitle: string;
  reminderBody: string;
  reminderFiles: (names: string) => string;
  cancel: string;
  understood: string;
  justificationLabel: string;
  justificationHint: string;
  organisationPolicy: (name: string) => string;
  organisationContact: (contact: string) => string;
  checkingTitle: string;
  checkingBody: string;
  indicatorProtected: string;
  indicatorChecking: string;
  indicatorFindings: (n: number) => string;
  indicatorMonitor: string;
}

export const DIALOG_STRINGS: Record<UiLanguage, DialogStrings> = {
  sv: {
    reminderTitle: 'Promptvakt: kontrollera filen innan du laddar upp',
    reminderBody:
      'Promptvakt kan inte läsa den här filtypen. Ladda bara upp den om den saknar personnummer, sekretessbelagda eller säkerhetsskyddsklassificerade uppgifter och känsliga personuppgifter.',
    reminderFiles: (names) => `Fil: ${names}`,
    cancel: 'Avbryt',
    understood: 'Jag förstår',
    justificationLabel: 'Motivering (krävs för att skicka ändå)',
    justificationHint: 'Motiveringen sparas inte och skickas inte någonstans.',
    organisationPolicy: (name) => `${name}: riktlinje för AI-tjänster`,
    organisationContact: (contact) => `Frågor: ${contact}`,
    checkingTitle: 'Promptvakt kontrollerar texten …',
    checkingBody: 'Ingenting skickas förrän kontrollen är klar.',
    indicatorProtected: 'Promptvakt skyddar',
    indicatorChecking: 'Kontrollerar …',
    indicatorFindings: (n) => (n === 1 ? '1 fynd' : `${n} fynd`),
    indicatorMonitor: 'Promptvakt övervakar',
  },
  en: {
    reminderTitle: 'Promptvakt: check the file before you upload it',
    reminderBody:
      'Promptvakt cannot read this file type. Upload it only if it holds no personal identity numbers, no secret or security-classified information and no sensitive personal data.',
    reminderFiles: (names) => `File: ${names}`,
    cancel: 'Cancel',
    understood: 'Understood',
    justificationLabel: 'Justification (required to send anyway)',
    justificationHint: 'The justification is not stored and not sent anywhere.',
    organisationPolicy: (name) => `${name}: guideline for AI services`,
    organisationContact: (contact) => `Questions: ${contact}`,
    checkingTitle: 'Promptvakt is checking the text …',
    checkingBody: 'Nothing is sent until the check is done.',
    indicatorProtected: 'Promptvakt protects',
    indicatorChecking: 'Checking …',
    indicatorFindings: (n) => (n === 1 ? '1 finding' : `${n} findings`),
    indicatorMonitor: 'Promptvakt monitors',
  },
};

