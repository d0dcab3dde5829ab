/**
 * The effective policy: what the extension applies after merging the
 * organisation policy (managed storage), the employee's own settings and the
 * built-in defaults (lib/policy/resolve.ts builds it). A plain JSON object, so
 * the background can hand it to every tab.
 *
 * This module has no zod and no RE2: it runs in the content script.
 */
import { POLICY_STRINGS } from '../i18n/policy-strings';
import type { Detector } from '../detectors/detector';
import { BUILT_IN_DETECTORS } from '../detectors/registry';
import { builtInCatalogue, type RuleCatalogue } from '../rules/catalogue';
import type { Guideline, Rule } from '../rules/schema';
import { matchesPattern } from '../sites/built-in-sites';
import { cappedAction, type Action, type Category, type Finding } from '../types';
import { customRuleId, customRulesDetector, hasRegexRules } from './custom-rules';
import type { DetectionPolicy } from './default-policy';
import type { RegexEngine } from './regex-engine';
import type { ApprovedTool, CustomRule, LockableSetting, PolicyAction, PolicySite, SiteMode } from './schema';
import type { DeliveryDiagnostic } from './delivery';
import type { PolicyDiagnostic } from './validate-policy';

export interface CategorySettings {
  action: PolicyAction;
  /** Warnings only: may the employee send anyway? */
  allowOverride: boolean;
  requireJustification: boolean;
  /** Where the action comes from. */
  setBy: 'built-in' | 'organisation' | 'user';
}

export interface EffectivePolicy {
  source: 'built-in' | 'organisation';
  /**
   * Problems in the organisation policy; the parts they name fell back to
   * defaults. Promptvakt's own findings (validate-policy.ts), and fields the
   * policy lists in `policyFields` that the browser did not deliver
   * (delivery.ts; tell them apart with isDeliveryDiagnostic).
   */
  diagnostics: (PolicyDiagnostic | DeliveryDiagnostic)[];
  enabled: boolean;
  organisation?: { name: string; contact?: string; policyUrl?: string };
  categories: Record<Category, CategorySettings>;
  officialTestNumbers: PolicyAction;
  sites: PolicySite[];
  /** The organisation's approved AI services, offered as the way forward when a prompt is stopped. */
  approvedTools: ApprovedTool[];
  customRules: CustomRule[];
  guidelines: Partial<Record<Category, string>>;
  counters: {
    enabled: boolean;
    retentionDays: number;
    endpoint?: string;
    intervalMinutes: number;
    headerName?: string;
    headerValue?: string;
  };
  uploads: { otherFiles: 'off' | 'remind' | 'confirm'; reminder?: { sv?: string; en?: string }; maxFileMB: number };
  /** "Mask and send": real values shown again in the answer, kept this long in the tab's memory. */
  masking: { restoreAnswers: boolean; keepValuesMinutes: number };
  failureMode: 'block' | 'allow';
  language: 'auto' | 'sv' | 'en';
  highlightWhileTyping: boolean;
  /** Settings the employee may not change (locked, or set by the organisation). */
  locked: LockableSetting[];
}

/** Whether a diagnostic is a field the browser did not deliver (delivery.ts), rather than a mistake Promptvakt found. */
export function isDeliveryDiagnostic(d: PolicyDiagnostic | DeliveryDiagnostic): d is DeliveryDiagnostic {
  return 'kind' in d && d.kind === 'not-delivered';
}

/** How a site mode caps an action: monitor never interrupts, warn never blocks. */
function capFor(mode: SiteMode): Action {
  return mode === 'off' ? 'off' : mode === 'monitor' ? 'log' : mode === 'warn' ? 'warn' : 'block';
}


/** The engine policy on a site with the given mode. */
export function detectionPolicyFor(policy: EffectivePolicy, mode: SiteMode): DetectionPolicy {
  const cap = policy.enabled ? capFor(mode) : 'off';
  const categories = {} as Record<Category, Action>;
  for (const [category, settings] of Object.entries(policy.categories) as [Category, CategorySettings][]) {
    categories[category] = cappedAction(settings.action, cap);
  }
  const rules: Record<string, Action> = {};
  for (const rule of policy.customRules) {
    if (rule.action) rules[customRuleId(rule.id)] = cappedAction(rule.action, cap);
  }
  return { categories, officialTestNumbers: cappedAction(policy.officialTestNumbers, cap), rules };
}

/**
 * The mode for a page: the organisation's entry for it if there is one (most
 * specific pattern first), else `block` on a built-in site and `off` elsewhere.
 */
export function siteModeFor(policy: EffectivePolicy, url: URL, isBuiltInSite: boolean): SiteMode {
  if (!policy.enabled) return 'off';
  let best: PolicySite | undefined;
  for (const site of policy.sites) {
    if (!matchesPattern(matchPatternFor(site.pattern), url)) continue;
    if (!best || site.pattern.length > best.pattern.length) best = site;
  }
  if (best) return best.mode;
  return isBuiltInSite ? 'block' : 'off';
}

/** `ai.example.se` → `https://ai.example.se/*`; `example.se/chat` → `https://example.se/chat*`. */
export function matchPatternFor(hostPattern: string): string {
  const slash = hostPattern.indexOf('/');
  if (slash < 0) return `https://${hostPattern}/*`;
  const path = hostPattern.slice(slash);
  return `https://${hostPattern.slice(0, slash)}${path.endsWith('*') ? path : path + '*'}`;
}

/** The detectors for a policy: the built-in ones plus the organisation's rules. */
export function detectorsFor(policy: EffectivePolicy, regex: RegexEngine | null): readonly Detector[] {
  if (!policy.customRules.length) return BUILT_IN_DETECTORS;
  return [...BUILT_IN_DETECTORS, customRulesDetector(policy.customRules, regex)];
}

/** Whether this policy's prompts can be checked without the regex engine (i.e. in the page). */
export function needsRegexEngine(policy: EffectivePolicy): boolean {
  return hasRegexRules(policy.customRules);
}

/**
 * The rule catalogue with the organisation's rules and guideline links: its
 * own guideline per category comes first, then the built-in ones.
 */
export function catalogueFor(policy: EffectivePolicy): RuleCatalogue {
  const base = builtInCatalogue();
  const orgLinks = Object.entries(policy.guidelines) as [Category, string][];
  if (!policy.customRules.length && !orgLinks.length) return base;
  const guidelines = new Map(base.guidelines);
  const rules = new Map(base.rules);
  const name = policy.organisation?.name;
  const orgTitle = { sv: name ?? POLICY_STRINGS.sv.organisationGuideline, en: name ?? POLICY_STRINGS.en.organisationGuideline };
  for (const [category, url] of orgLinks) {
    guidelines.set(`org-${category}`, { id: `org-${category}`, publisher: policy.organisation?.name ?? 'organisation', url, title: orgTitle });
    for (const [id, rule] of rules) {
      if (rule.category === category) rules.set(id, { ...rule, guidelines: [`org-${category}`, ...rule.guidelines] });
    }
  }
  for (const custom of policy.customRules) {
    const id = customRuleId(custom.id);
    const links: string[] = [];
    if (custom.guidelineUrl) {
      const g: Guideline = { id: `custom-${custom.id}`, publisher: policy.organisation?.name ?? 'organisation', url: custom.guidelineUrl, title: orgTitle };
      guidelines.set(g.id, g);
      links.push(g.id);
    }
    if (policy.guidelines[custom.category]) links.push(`org-${custom.category}`);
    const category = [...base.rules.values()].find((r) => r.category === custom.category);
    links.push(...(category?.guidelines ?? ['digg-index']));
    const sv = custom.message.sv ?? custom.message.en!;
    const en = custom.message.en ?? custom.message.sv!;
    const rule: Rule = {
      id,
      category: custom.category,
      severity: custom.severity,
      title: { sv: POLICY_STRINGS.sv.organisationRule(custom.id), en: POLICY_STRINGS.en.organisationRule(custom.id) },
      reason: { sv, en },
      guidelines: [...new Set(links)],
    };
    rules.set(id, rule);
  }
  return { rules, guidelines };
}

/**
 * What a warning lets the employee do: "send anyway" only if every finding
 * that warns allows it, and a justification if any of them asks for one.
 */
export function overrideFor(policy: EffectivePolicy, findings: readonly Finding[]): { allowed: boolean; justification: boolean } {
  let allowed = true;
  let justification = false;
  for (const f of findings) {
    if (f.action === 'block') return { allowed: false, justification: false };
    if (f.action !== 'warn') continue;
    const settings = policy.categories[f.category];
    allowed &&= settings.allowOverride;
    justification ||= settings.requireJustification;
  }
  return { allowed, justification: allowed && justification };
}

/**
 * The diagnostics that dropped a part of the policy (errors). Warnings (a rule that can never
 * fire as written) leave everything in force: they are for IT, never a "your policy has errors"
 * to the employee or a "!" on the badge.
 */
export function policyErrors<D extends object>(diagnostics: readonly D[]): D[] {
  return diagnostics.filter((d) => (d as { severity?: string }).severity !== 'warning');
}
