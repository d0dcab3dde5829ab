/**
 * Builds the effective policy. Precedence, field by field:
 *   organisation policy (managed storage)  >  the employee's settings (storage.sync,
 *   only fields the organisation neither sets nor locks)  >  built-in defaults.
 * An invalid organisation policy is salvaged (validate-policy.ts): its valid
 * parts apply, the rest falls back to the defaults, and the diagnostics travel
 * with the effective policy so the popup and options page can show them.
 */
import { CATEGORIES, type Category } from '../types';
import { DEFAULT_POLICY } from './default-policy';
import { policyAction, type CategorySettings, type EffectivePolicy } from './effective';
import { countersSchema, uploadsSchema, type LockableSetting, type Policy } from './schema';
import { readUserSettings } from './user-settings';
import { checkPolicy } from './validate-policy';

/** Whether managed storage holds a policy at all (Chrome returns {} when none is set). */
export function hasManagedPolicy(managed: unknown): boolean {
  return typeof managed === 'object' && managed !== null && Object.keys(managed).length > 0;
}

export function resolvePolicy(managed: unknown, user: unknown): EffectivePolicy {
  const checked = hasManagedPolicy(managed) ? checkPolicy(managed) : null;
  const org: Partial<Policy> = checked?.policy ?? {};
  const settings = readUserSettings(user);
  const locked = new Set<LockableSetting>(org.lockedSettings ?? []);
  const userMay = (setting: LockableSetting) => !locked.has(setting);

  const categories = {} as Record<Category, CategorySettings>;
  for (const category of CATEGORIES) {
    const own = org.categories?.[category];
    const userAction = userMay('categories') ? settings.categories?.[category] : undefined;
    categories[category] = {
      action: own?.action ?? userAction ?? policyAction(DEFAULT_POLICY.categories[category]),
      allowOverride: own?.allowOverride ?? true,
      requireJustification: own?.requireJustification ?? false,
      setBy: own?.action ? 'organisation' : userAction ? 'user' : 'built-in',
    };
  }

  if (org.language) locked.add('language');
  if (org.highlightWhileTyping !== undefined) locked.add('highlightWhileTyping');

  return {
    source: checked ? 'organisation' : 'built-in',
    diagnostics: checked?.diagnostics ?? [],
    enabled: org.enabled ?? true,
    ...(org.organisation ? { organisation: org.organisation } : {}),
    categories,
    officialTestNumbers: org.officialTestNumbers ?? policyAction(DEFAULT_POLICY.officialTestNumbers),
    sites: org.sites ?? [],
    customRules: org.customRules ?? [],
    guidelines: Object.fromEntries(Object.entries(org.guidelines ?? {}).filter(([, url]) => url)),
    counters: org.counters ?? countersSchema.parse({}),
    uploads: org.uploads ?? uploadsSchema.parse({}),
    failureMode: org.failureMode ?? 'block',
    language: org.language ?? (userMay('language') ? settings.language : undefined) ?? 'auto',
    highlightWhileTyping:
      org.highlightWhileTyping ?? (userMay('highlightWhileTyping') ? settings.highlightWhileTyping : undefined) ?? true,
    locked: [...locked],
  };
}

/** The policy when nothing is configured: the built-in defaults. */
export function builtInPolicy(): EffectivePolicy {
  return resolvePolicy(undefined, undefined);
}
