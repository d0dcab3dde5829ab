/**
 * Words the organisation policy brings into the dialog when the policy itself
 * does not name them: the title of the organisation's guideline link without
 * an organisation name, and the title of a custom rule (lib/policy/effective.ts).
 * Translator notes: policy-strings.descriptions.ts.
 */
import type { UiLanguage } from './language';

export interface PolicyStrings {
  organisationGuideline: string;
  organisationRule: (id: string) => string;
}

export const POLICY_STRINGS: Readonly<Record<UiLanguage, PolicyStrings>> = {
  sv: {
    organisationGuideline: 'Organisationens riktlinje',
    organisationRule: (id: string) => `Organisationens regel: ${id}`,
  },
  en: {
    organisationGuideline: "Your organisation's guideline",
    organisationRule: (id: string) => `Organisation rule: ${id}`,
  },
};
