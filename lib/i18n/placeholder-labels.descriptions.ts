/**
 * Translator notes for PLACEHOLDER_LABELS (placeholder-labels.ts). Each label
 * is the category word of a "mask and send" placeholder: the text sent to the
 * AI service reads "[LABEL 1]", "[LABEL 2]", … in place of the data. Keep the
 * labels in capitals, short, and free of square brackets. Never shipped: only
 * tests/unit/i18n.test.ts imports this file.
 */
import type { PlaceholderCategory } from '../types';

export const PLACEHOLDER_LABELS_DESCRIPTIONS: Record<PlaceholderCategory, string> = {
  personnummer: 'Placeholder label for a Swedish personal identity number (personnummer)',
  samordningsnummer: 'Placeholder label for a Swedish coordination number (samordningsnummer)',
  classified: 'Placeholder label for a security-classification or secrecy marking',
  health: 'Placeholder label for health data about a person',
  ethnicity: 'Placeholder label for a person’s ethnic origin',
  politics: 'Placeholder label for a person’s political opinion',
  religion: 'Placeholder label for a person’s religion or belief',
  union: 'Placeholder label for a person’s trade-union membership',
  sexuality: 'Placeholder label for a person’s sex life or sexual orientation',
  'genetic-biometric': 'Placeholder label for genetic or biometric data',
  criminal: 'Placeholder label for data about criminal offences',
  'social-services': 'Placeholder label for a social-services matter about a person',
  'protected-identity': 'Placeholder label for a person with protected identity',
  email: 'Placeholder label for an email address',
  phone: 'Placeholder label for a phone number',
  iban: 'Placeholder label for an IBAN account number',
  'bank-account': 'Placeholder label for a Swedish bank account number',
  'payment-card': 'Placeholder label for a payment card number',
  credential: 'Placeholder label for a password, API key or other secret',
  person: 'Placeholder label for a person’s name or initials, masked beside the data about that person',
  address: 'Placeholder label for a postal address: street and number, postcode and town, or post box',
};
