/**
 * zod schemas for the data in rules/: rule packs and the guideline catalogue.
 * Validated at load; errors name the file, the rule and the field.
 */
import { z } from 'zod';
import { CATEGORIES, SEVERITIES } from '../types';

export const localizedText = z.strictObject({
  sv: z.string().min(1),
  en: z.string().min(1),
});
export type LocalizedText = z.infer<typeof localizedText>;

export const guidelineSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  publisher: z.string().min(1),
  url: z.url({ protocol: /^https$/ }),
  title: localizedText,
});
export type Guideline = z.infer<typeof guidelineSchema>;

export const guidelineCatalogueSchema = z.strictObject({
  $comment: z.string().optional(),
  guidelines: z.array(guidelineSchema).min(1),
});

export const ruleSchema = z.strictObject({
  /** `<category>.<name>`, e.g. `personnummer.valid`. */
  id: z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, 'rule id must look like "category.name"'),
  category: z.enum(CATEGORIES),
  severity: z.enum(SEVERITIES),
  /** Short name shown in the dialog. */
  title: localizedText,
  /** One sentence for an employee: why this must not go to a public AI tool. */
  reason: localizedText,
  /** Guideline ids from rules/guidelines.json, most specific first. */
  guidelines: z.array(z.string()).min(1),
});
export type Rule = z.infer<typeof ruleSchema>;

export const rulePackSchema = z.strictObject({
  $comment: z.string().optional(),
  pack: z.string().regex(/^[a-z0-9-]+$/),
  rules: z.array(ruleSchema).min(1),
});
export type RulePack = z.infer<typeof rulePackSchema>;
