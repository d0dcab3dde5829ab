/**
 * Translator notes for POLICY_STRINGS (policy-strings.ts). Never shipped:
 * only tests/unit/i18n.test.ts imports this file.
 */
import type { PolicyStrings } from './policy-strings';

export const POLICY_STRINGS_DESCRIPTIONS: Record<keyof PolicyStrings, string> = {
  organisationGuideline:
    "In-page dialog and options page: title of the link to the organisation's own AI guideline when the policy gives no organisation name",
  organisationRule:
    "In-page dialog and options page: title of a finding from one of the organisation's own rules; {id} is the rule's id as the admin wrote it",
};
