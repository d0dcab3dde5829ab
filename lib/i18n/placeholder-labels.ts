/**
 * The category word in a "mask and send" placeholder such as [PERSONNUMMER 1]
 * (lib/redaction/placeholders.ts numbers them). Translator notes:
 * placeholder-labels.descriptions.ts; tests/unit/i18n.test.ts checks both languages.
 */
import type { PlaceholderCategory } from '../types';
import type { UiLanguage } from './language';

export const PLACEHOLDER_LABELS: Readonly<Record<PlaceholderCategory, Readonly<Record<UiLanguage, string>>>> = {
  personnummer: { sv: 'PERSONNUMMER', en: 'PERSONAL ID NUMBER' },
  samordningsnummer: { sv: 'SAMORDNINGSNUMMER', en: 'COORDINATION NUMBER' },
  classified: { sv: 'SÄKERHETSMARKERING', en: 'CLASSIFICATION MARKING' },
  health: { sv: 'HÄLSOUPPGIFT', en: 'HEALTH DATA' },
  ethnicity: { sv: 'ETNISKT URSPRUNG', en: 'ETHNIC ORIGIN' },
  politics: { sv: 'POLITISK ÅSIKT', en: 'POLITICAL OPINION' },
  religion: { sv: 'RELIGION', en: 'RELIGION' },
  union: { sv: 'FACKTILLHÖRIGHET', en: 'UNION MEMBERSHIP' },
  sexuality: { sv: 'SEXUALITET', en: 'SEXUALITY' },
  'genetic-biometric': { sv: 'BIOMETRISK UPPGIFT', en: 'BIOMETRIC DATA' },
  criminal: { sv: 'BROTTSUPPGIFT', en: 'CRIMINAL RECORD DATA' },
  'social-services': { sv: 'SOCIALTJÄNSTUPPGIFT', en: 'SOCIAL SERVICES DATA' },
  'protected-identity': { sv: 'SKYDDAD IDENTITET', en: 'PROTECTED IDENTITY' },
  email: { sv: 'E-POST', en: 'EMAIL' },
  phone: { sv: 'TELEFON', en: 'PHONE' },
  iban: { sv: 'IBAN', en: 'IBAN' },
  'bank-account': { sv: 'BANKKONTO', en: 'BANK ACCOUNT' },
  'payment-card': { sv: 'KORTNUMMER', en: 'CARD NUMBER' },
  credential: { sv: 'HEMLIG NYCKEL', en: 'SECRET' },
  person: { sv: 'PERSON', en: 'PERSON' },
  address: { sv: 'ADRESS', en: 'ADDRESS' },
};

