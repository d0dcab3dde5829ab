/**
 * Builds the effective policy. Precedence, field by field:
 *   organisation policy (managed storage)  >  the employee's settings (storage.sync,
 *   only fields the organisation neither sets nor locks)  >  built-in defaults.
 * An invalid organisation policy is salvaged (validate-policy.ts): its valid
 * parts apply, the rest falls back to the defaults, and the diagnostics travel
 * with the effective policy so the popup and options page can show them, with
 * the fields the policy lists in `policyFields` that the browser did not
 * deliver (delivery.ts).
 */
import { CATEGORIES, type Category } from '../types';
import { builtInEffectivePolicy } from './built-in-effective';
import { deliveryDiagnostics } from './delivery';
import type { CategorySettings, EffectivePolicy } from './effective';
import { countersSchema, maskingSchema, uploadsSchema, type LockableSetting, type Policy } from './schema';
import { heldToFloor } from './protection-floor';
import { readUserSettings } from './user-settings';
import { checkPolicy } from './validate-policy';

/** Whether managed storage holds a policy at all (Chrome returns {} when none is set). */
export function hasManagedPolicy(managed: unknown): boolean {
  return typeof managed === 'object' && managed !== null && Object.keys(managed).length > 0;
}

/** The counters settings in effect: the deprecated privacyThreshold is accepted in a policy but not used. */
function effectiveCounters(counters: NonNullable<Policy['counters']>): EffectivePolicy['counters'] {
  const { privacyThreshold: _ignored, ...inEffect } = counters;
  return inEffect;
}

export function resolvePolicy(managed: unknown, user: unknown): EffectivePolicy {
  // The built-in defaults, as the content script also knows them; everything below only overrides them.
  const base = builtInEffectivePolicy();
  const checked = hasManagedPolicy(managed) ? checkPolicy(managed) : null;
  const org: Partial<Policy> = checked?.policy ?? {};
  const settings = readUserSettings(user);
  const locked = new Set<LockableSetting>(org.lockedSettings ?? []);
  const userMay = (setting: LockableSetting) => !locked.has(setting);

  const categories = {} as Record<Category, CategorySettings>;
  for (const category of CATEGORIES) {
    const own = org.categories?.[category];
    // The employee's choice, held to the floor (protection-floor.ts): identity numbers and classified never below warn.
    const chosen = userMay('categories') ? settings.categories?.[category] : undefined;
    const userAction = chosen && heldToFloor(category, chosen);
    const builtIn = base.categories[category];
    categories[category] = {
      action: own?.action ?? userAction ?? builtIn.action,
      allowOverride: own?.allowOverride ?? builtIn.allowOverride,
      requireJustification: own?.requireJustification ?? builtIn.requireJustification,
      setBy: own?.action ? 'organisation' : userAction ? 'user' : builtIn.setBy,
    };
  }

  if (org.language) locked.add('language');
  if (org.highlightWhileTyping !== undefined) locked.add('highlightWhileTyping');

  return {
    source: checked ? 'organisation' : 'built-in',
    // Fields the browser dropped first: each one lost a whole part of the policy.
    diagnostics: checked ? [...deliveryDiagnostics(managed), ...checked.diagnostics] : [],
    enabled: org.enabled ?? base.enabled,
    ...(org.organisation ? { organisation: org.organisation } : {}),
    categories,
    officialTestNumbers: org.officialTestNumbers ?? base.officialTestNumbers,
    sites: org.sites ?? base.sites,
    approvedTools: org.approvedTools ?? base.approvedTools,
    customRules: org.customRules ?? base.customRules,
    guidelines: Object.fromEntries(Object.entries(org.guidelines ?? {}).filter(([, url]) => url)),
    counters: effectiveCounters(org.counters ?? countersSchema.parse({})),
    uploads: org.uploads ?? uploadsSchema.parse({}),
    masking: org.masking ?? maskingSchema.parse({}),
    failureMode: org.failureMode ?? base.failureMode,
    language: org.language ?? (userMay('language') ? settings.language : undefined) ?? base.language,
    highlightWhileTyping:
      org.highlightWhileTyping ?? (userMay('highlightWhileTyping') ? settings.highlightWhileTyping : undefined) ?? base.highlightWhileTyping,
    locked: [...locked],
  };
}
