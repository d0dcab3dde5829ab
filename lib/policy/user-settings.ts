/**
 * What an employee may set in the options page (browser.storage.sync), each
 * field unless the organisation policy sets it or locks it.
 */
import { z } from 'zod';
import { CATEGORIES } from '../types';
import { POLICY_ACTIONS } from './schema';

export const userSettingsSchema = z.object({
  language: z.enum(['auto', 'sv', 'en']).optional(),
  highlightWhileTyping: z.boolean().optional(),
  categories: z.partialRecord(z.enum(CATEGORIES), z.enum(POLICY_ACTIONS)).optional(),
});
export type UserSettings = z.infer<typeof userSettingsSchema>;

/** The valid fields of stored settings; anything else is ignored (a user cannot break protection). */
export function readUserSettings(raw: unknown): UserSettings {
  if (typeof raw !== 'object' || raw === null) return {};
  const out: UserSettings = {};
  const r = raw as Record<string, unknown>;
  const language = userSettingsSchema.shape.language.safeParse(r.language);
  if (language.success && language.data) out.language = language.data;
  if (typeof r.highlightWhileTyping === 'boolean') out.highlightWhileTyping = r.highlightWhileTyping;
  if (typeof r.categories === 'object' && r.categories !== null) {
    const categories: NonNullable<UserSettings['categories']> = {};
    for (const c of CATEGORIES) {
      const action = z.enum(POLICY_ACTIONS).safeParse((r.categories as Record<string, unknown>)[c]);
      if (action.success) categories[c] = action.data;
    }
    out.categories = categories;
  }
  return out;
}
