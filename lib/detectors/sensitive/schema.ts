import { z } from 'zod';
import { SENSITIVE_CATEGORIES } from '../../types';

const term = z.string().trim().min(2).regex(/^\*?[^*]+\*?$/, 'a term may have * only at its start or end');
const terms = z.array(term);

export const categoryVocabularySchema = z.strictObject({
  strong: terms,
  weak: terms,
  exact: terms,
  exactWeak: terms,
});

export const vocabularySchema = z.strictObject({
  $comment: z.string().optional(),
  categories: z.strictObject(
    Object.fromEntries(SENSITIVE_CATEGORIES.map((c) => [c, categoryVocabularySchema])) as Record<
      (typeof SENSITIVE_CATEGORIES)[number],
      typeof categoryVocabularySchema
    >,
  ),
});
export type Vocabulary = z.infer<typeof vocabularySchema>;

export const anchorsSchema = z.strictObject({
  $comment: z.string().optional(),
  roles: terms.min(1),
  roleTitles: terms.min(1),
  possessives: terms.min(1),
  labels: terms.min(1),
  pronouns: terms.min(1),
  genericCues: terms.min(1),
  possessiveDeterminers: terms.min(1),
  personNouns: terms.min(1),
  publicRoleCues: terms.min(1),
  topicCues: terms.min(1),
  aggregateCues: terms.min(1),
  wholePromptGenericCues: terms.min(1),
});
export type AnchorWords = z.infer<typeof anchorsSchema>;

export const namesSchema = z.object({
  names: z.array(z.string().min(2)).min(100),
  ambiguous: z.array(z.string().min(2)),
});

export const surnamesSchema = z.object({
  surnames: z.array(z.string().min(2)).min(100),
  suffixes: z.array(z.string().min(2)),
});
