/**
 * What an employee may set in the options page (browser.storage.sync), each
 * field unless the organisation policy sets it or locks it.
 */
import { z } from 'zod';
import { CATEGORIES } from '../types';
import { POLICY_ACTIONS } from './schema';
import { keepValidParts } from './validate-policy';

export const userSettingsSchema = z.object({
  language: z.enum(['auto', 'sv', 'en']).optional(),
  highlightWhileTyping: z.boolean().optional(),
  // An object of optional fields (not a record), so one bad entry drops only itself.
  categories: z.object(Object.fromEntries(CATEGORIES.map((c) => [c, z.enum(POLICY_ACTIONS).optional()])) as Record<
    (typeof CATEGORIES)[number],
    z.ZodOptional<z.ZodEnum<{ [A in (typeof POLICY_ACTIONS)[number]]: A }>>
  >).optional(),
});
export type UserSettings = z.infer<typeof userSettingsSchema>;

/** The valid fields of stored settings; anything else is ignored (a user cannot break protection). */
export function readUserSettings(raw: unknown): UserSettings {
  try {
    return keepValidParts(userSettingsSchema, raw) ?? {};
  } catch {
    // Only values JSON cannot hold get here (storage.sync holds JSON): no settings, the policy stands.
    return {};
  }
}
