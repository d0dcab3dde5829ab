/**
 * The built-in policy: what Promptvakt does when no organisation policy is set.
 * Block identity numbers, classified markings and credentials; warn for the
 * sensitive categories and financial data; log (no interruption) for contact
 * data and Skatteverket's official test numbers.
 */
import type { Action, Category } from '../types';

export interface DetectionPolicy {
  /** Action per category. */
  categories: Record<Category, Action>;
  /** Action for Skatteverket's official test personnummer/samordningsnummer. */
  officialTestNumbers: Action;
  /** Per-rule actions that override the category's (an organisation's own rules). */
  rules?: Readonly<Record<string, Action>>;
}

export const DEFAULT_POLICY: DetectionPolicy = {
  categories: {
    personnummer: 'block',
    samordningsnummer: 'block',
    classified: 'block',
    credential: 'block',
    health: 'warn',
    ethnicity: 'warn',
    politics: 'warn',
    religion: 'warn',
    union: 'warn',
    sexuality: 'warn',
    'genetic-biometric': 'warn',
    criminal: 'warn',
    'social-services': 'warn',
    'protected-identity': 'warn',
    iban: 'warn',
    'bank-account': 'warn',
    'payment-card': 'warn',
    email: 'log',
    phone: 'log',
  },
  officialTestNumbers: 'log',
};
