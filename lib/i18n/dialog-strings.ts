/**
 * Strings of the in-page UI that came with the organisation policy: the
 * upload reminder, the justification for "send anyway", the organisation's
 * own guideline, the "checking" state and the indicator by the composer.
 * Kept apart from ui-strings.ts so the content script carries only what it
 * shows. Translator notes: dialog-strings.descriptions.ts;
 * tests/unit/i18n.test.ts keeps sv and en in step.
 */
import type { JustificationReason } from '../policy/justification';
import type { UiLanguage } from './language';

export interface DialogStrings {
  reminderTitle: string;
  reminderBody: string;
  reminderFiles: (names: string) => string;
  cancel: string;
  understood: string;
  justificationLegend: string;
  reasons: Record<JustificationReason, string>;
  justificationLabel: string;
  justificationLength: (min: number, n: number) => string;
  justificationHint: string;
  falseAlarm: string;
  falseAlarmHint: string;
  falseAlarmReported: string;
  useInstead: (name: string) => string;
  newTab: string;
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
    justificationLegend: 'Varför skickar du ändå? (krävs)',
    reasons: {
      'false-alarm': 'Varningen är fel',
      fictitious: 'Uppgifterna är påhittade eller testdata',
      public: 'Uppgifterna är redan offentliga',
      'own-data': 'Det är mina egna uppgifter',
      approved: 'Jag har tillstånd att dela dem här',
      other: 'Annat skäl',
    },
    justificationLabel: 'Med egna ord (valfritt, men krävs för Annat skäl)',
    justificationLength: (min, n) => `Minst ${min} tecken för Annat skäl (${n} av ${min}).`,
    justificationHint: 'Bara det valda skälet räknas, anonymt. Det du skriver sparas inte och skickas inte någonstans.',
    falseAlarm: 'Det här är fel',
    falseAlarmHint: 'Rapportera att varningen är fel. Rapporten är anonym: den räknar regeln, inte texten.',
    falseAlarmReported:
      'Tack, rapporten är räknad (anonymt, utan text). Reglerna här tillåter inte att texten skickas ändå: redigera den, eller använd ett godkänt verktyg.',
    useInstead: (name) => `Använd ${name} i stället`,
    newTab: '(öppnas i en ny flik)',
    organisationPolicy: (name) => `${name}: riktlinje för AI-tjänster`,
    organisationContact: (contact) => `Frågor: ${contact}`,
    checkingTitle: 'Promptvakt kontrollerar texten …',
    checkingBody: 'Ingenting skickas förrän kontrollen är klar.',
    indicatorProtected: 'Promptvakt skyddar',
    indicatorChecking: 'Kontrollerar …',
    indicatorFindings: (n) => `${n} att kontrollera`,
    indicatorMonitor: 'Promptvakt övervakar',
  },
  en: {
    reminderTitle: 'Promptvakt: check the file before you upload it',
    reminderBody:
      'Promptvakt cannot read this file type. Upload it only if it holds no personal identity numbers, no secret or security-classified information and no sensitive personal data.',
    reminderFiles: (names) => `File: ${names}`,
    cancel: 'Cancel',
    understood: 'Understood',
    justificationLegend: 'Why are you sending it anyway? (required)',
    reasons: {
      'false-alarm': 'The warning is wrong',
      fictitious: 'The details are made up or test data',
      public: 'The information is already public',
      'own-data': 'It is my own information',
      approved: 'I am allowed to share it here',
      other: 'Another reason',
    },
    justificationLabel: 'In your own words (optional, but required for Another reason)',
    justificationLength: (min, n) => `At least ${min} characters for Another reason (${n} of ${min}).`,
    justificationHint: 'Only the reason you choose is counted, anonymously. What you write is not stored and not sent anywhere.',
    falseAlarm: 'This is wrong',
    falseAlarmHint: 'Report that this warning is wrong. The report is anonymous: it counts the rule, not the text.',
    falseAlarmReported:
      'Thank you, the report is counted (anonymously, without text). The rules here do not allow sending the text anyway: edit it, or use an approved tool.',
    useInstead: (name) => `Use ${name} instead`,
    newTab: '(opens in a new tab)',
    organisationPolicy: (name) => `${name}: guideline for AI services`,
    organisationContact: (contact) => `Questions: ${contact}`,
    checkingTitle: 'Promptvakt is checking the text …',
    checkingBody: 'Nothing is sent until the check is done.',
    indicatorProtected: 'Promptvakt protects',
    indicatorChecking: 'Checking …',
    indicatorFindings: (n) => `${n} to check`,
    indicatorMonitor: 'Promptvakt monitors',
  },
};

