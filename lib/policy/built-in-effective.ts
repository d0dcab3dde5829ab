/**
 * The effective policy when nothing is configured, without zod (the content
 * script uses it until the background's copy arrives). A unit test checks it
 * equals resolvePolicy(undefined, undefined), so the defaults live in one
 * place: lib/policy/default-policy.ts and the zod schema's defaults.
 */
import { CATEGORIES, type Category } from '../types';
import { DEFAULT_POLICY } from './default-policy';
import type { CategorySettings, EffectivePolicy } from './effective';

export function builtInEffectivePolicy(): EffectivePolicy {
  const categories = {} as Record<Category, CategorySettings>;
  for (const c of CATEGORIES) {
    categories[c] = { action: DEFAULT_POLICY.categories[c], allowOverride: true, requireJustification: false, setBy: 'built-in' };
  }
  return {
    source: 'built-in',
    diagnostics: [],
    enabled: true,
    categories,
    officialTestNumbers: DEFAULT_POLICY.officialTestNumbers,
    sites: [],
    approvedTools: [],
    customRules: [],
    guidelines: {},
    counters: { enabled: true, retentionDays: 90, intervalMinutes: 60 },
    uploads: { otherFiles: 'remind', maxFileMB: 5 },
    masking: { restoreAnswers: true, keepValuesMinutes: 60 },
    failureMode: 'block',
    language: 'auto',
    highlightWhileTyping: true,
    locked: [],
  };
}
