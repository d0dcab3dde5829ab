/** zod schema for rules/sites.json (checked at build, on CLI start and in tests; see lib/rules/data-check.ts). */
import { z } from 'zod';

const selectors = z.array(z.string().min(1)).min(1);

export const siteSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  matches: z.array(z.string().regex(/^https:\/\/[a-z0-9.*-]+\/.*$/, 'an https match pattern such as https://chat.example/*')).min(1),
  /** An ancestor that must contain both the composer and the send control. */
  scope: z.string().min(1).optional(),
  composer: selectors,
  send: selectors,
  /** The AI's answers, where masked values are shown again ("Mask and send"); without it the transcript region is used. */
  answers: selectors.optional(),
});

export const sitesSchema = z.strictObject({ $comment: z.string().optional(), sites: z.array(siteSchema).min(1) });
