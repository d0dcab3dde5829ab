/**
 * The closed, reviewed catalogue of what Promptvakt may count (docs/COUNTERS.md).
 *
 * Every counter is one metric, `promptvakt.detections`, with exactly six labels:
 *   category  a finding category from lib/types.ts, or 'none' (degraded events only)
 *   action    what happened: COUNTER_ACTIONS
 *   site      a known site's hostname, or 'other'
 *   source    which rules found it: 'built-in' | 'custom', or 'none' (degraded events only)
 *   rule      the rule id: a built-in rule or one of the organisation's own ('custom.<id>'), else 'none'
 *   reason    'sent-anyway' only: the reason chosen (JUSTIFICATION_REASONS), else 'none'
 *
 * Why a closed list: a label value is the only thing besides a count and a UTC day that leaves
 * the browser. If any value could be free text, a bug could ship prompt text or a personnummer
 * in a label. So every value is either in a list below or a hostname the organisation itself
 * configured, or a rule id the organisation itself chose, and `validateEvent` rejects everything
 * else before anything is stored.
 *
 * API
 *   COUNTER_ACTIONS, RULE_SOURCES, COUNTER_CATEGORIES, COUNTER_SOURCES, COUNTER_REASONS, LABEL_KEYS,
 *   METRICS, ACTION_MEANINGS, CATALOGUE_VERSION, NONE ('none'), OTHER_SITE ('other'), isHostnameLabel(s)
 *   type CounterEvent, CounterAction, CounterCategory, CounterSource, CounterReason, RuleSource, LabelKey
 *   ruleSource(ruleId): RuleSource                          'custom.<id>' → 'custom'
 *   builtInRuleIds(): string[]                              ids of the built-in rule catalogue
 *   knownRuleIds(customRuleIds): string[]                   built-in ids + 'custom.<id>' for the policy's rules
 *   isRuleLabel(s): boolean                                 'none', a built-in id, or a custom id's shape
 *   ruleLabel(ruleId, knownRules): string                   the id if known, else 'none'
 *   reasonLabel(action, reason): CounterReason              the reason on 'sent-anyway', else 'none'
 *   siteHostsFromPatterns(patterns): string[]               match patterns / policy host patterns → hosts
 *   builtInSiteHosts(): string[]                            hosts of rules/sites.json
 *   siteLabel(hostname, knownHosts): string                 the host if known, else 'other'
 *   validateEvent(event, knownHosts, knownRules?): asserts CounterEvent   throws a clear Error outside the catalogue
 *   labelProblem(labels, knownHosts?, knownRules?): string | null         the same check as a message;
 *     no hosts → any hostname; no rules → any built-in id or custom-id shape (see isRuleLabel)
 */
import { JUSTIFICATION_REASONS, isJustificationReason, type JustificationReason } from '../policy/justification';
import { builtInCatalogue } from '../rules/catalogue';
import { CATEGORIES, type Category } from '../types';
import { BUILT_IN_SITES } from '../sites/built-in-sites';

/** Bumped when a label or value is added or changed; sent as the OTLP scope version. */
export const CATALOGUE_VERSION = 2;

export const COUNTER_ACTIONS = ['warned', 'blocked', 'masked', 'sent-anyway', 'edited', 'logged', 'degraded', 'false-alarm'] as const;
export type CounterAction = (typeof COUNTER_ACTIONS)[number];

export const RULE_SOURCES = ['built-in', 'custom'] as const;
export type RuleSource = (typeof RULE_SOURCES)[number];

/** 'none' belongs to degraded events only: no finding, so no category and no rule source. */
export const NONE = 'none';
export const COUNTER_CATEGORIES = [...CATEGORIES, NONE] as const;
export type CounterCategory = Category | typeof NONE;
export const COUNTER_SOURCES = [...RULE_SOURCES, NONE] as const;
export type CounterSource = RuleSource | typeof NONE;
/** Why an employee sent anyway (lib/policy/justification.ts); 'none' on every other action, or when no reason was given. */
export const COUNTER_REASONS = [...JUSTIFICATION_REASONS, NONE] as const;
export type CounterReason = JustificationReason | typeof NONE;

export const OTHER_SITE = 'other';

export const LABEL_KEYS = ['category', 'action', 'site', 'source', 'rule', 'reason'] as const;
export type LabelKey = (typeof LABEL_KEYS)[number];

/**
 * One counted event. `site` is a label from `siteLabel`, never a raw URL; `rule` one from
 * `ruleLabel`, never a rule id the policy does not know.
 */
export type CounterEvent =
  | { category: Category; action: Exclude<CounterAction, 'degraded'>; site: string; source: RuleSource; rule: string; reason: CounterReason }
  | { category: typeof NONE; action: 'degraded'; site: string; source: typeof NONE; rule: typeof NONE; reason: typeof NONE };

/** The label values of one action, for docs and the dashboard. */
export const ACTION_MEANINGS: Readonly<Record<CounterAction, string>> = {
  warned: 'a warning dialog was shown',
  blocked: 'a block dialog was shown, or an upload was stopped',
  masked: 'the user chose "Mask and send" (or mask and paste)',
  'sent-anyway': 'the user overrode a warning',
  edited: 'the user went back to edit, or closed the dialog',
  logged: 'a finding was recorded without interrupting (monitor mode or a "log" action)',
  degraded: 'protection was degraded on a site (composer or send control not found)',
  'false-alarm': 'the employee reported a false alarm with "This is wrong" (Det här är fel); nothing was sent by that report',
};

export const METRICS = {
  detections: {
    name: 'promptvakt.detections',
    unit: '{event}',
    description:
      'Promptvakt events per UTC day: dialogs shown, user choices, silent log entries and degraded protection. ' +
      'Labels: category, action, site, source, rule, reason. No prompt text, values, users or devices.',
    labels: LABEL_KEYS,
  },
} as const;

const CUSTOM_PREFIX = 'custom.';

/** Findings of organisation rules have ids 'custom.<id>' (lib/policy/custom-rules.ts). */
export function ruleSource(ruleId: string): RuleSource {
  return ruleId.startsWith(CUSTOM_PREFIX) ? 'custom' : 'built-in';
}

/*
 * A custom rule's label: 'custom.' and the id the admin chose (lib/policy/schema.ts allows
 * lower-case letters, digits and '-'), here with at least one letter and at most 6 digits.
 * Otherwise 'custom.19811218-9876' or 'custom.ref-8112-18-9876' would carry a personnummer (10
 * or 12 digits) or a phone number in a label; such an id is counted as 'none'. This shape is
 * also what a stored store is checked against when the policy is not at hand, so prompt text,
 * a name written 'anna.svensson' or a number never passes as a rule.
 */
const CUSTOM_RULE_LABEL = /^custom\.(?=[a-z0-9-]*[a-z])(?!(?:[a-z-]*[0-9]){7})[a-z0-9][a-z0-9-]{0,62}$/;

let builtInRules: ReadonlySet<string> | undefined;
function builtInRuleSet(): ReadonlySet<string> {
  builtInRules ??= new Set(builtInCatalogue().rules.keys());
  return builtInRules;
}

/** The ids of the built-in rule catalogue (rules/packs), sorted. */
export function builtInRuleIds(): string[] {
  return [...builtInRuleSet()].sort();
}

/**
 * The rule labels counted as themselves: every built-in rule and 'custom.<id>' for the
 * organisation's own rules (the effective policy's customRules ids). Ids without a letter,
 * or with more than 6 digits, are left out (see CUSTOM_RULE_LABEL).
 */
export function knownRuleIds(customRuleIds: readonly string[]): string[] {
  const custom = customRuleIds.map((id) => CUSTOM_PREFIX + id).filter((id) => CUSTOM_RULE_LABEL.test(id));
  return [...new Set([...builtInRuleIds(), ...custom])].sort();
}

/** A value that may be a rule label: 'none', a built-in rule id, or shaped like a custom rule's label. */
export function isRuleLabel(value: string): boolean {
  return value === NONE || builtInRuleSet().has(value) || CUSTOM_RULE_LABEL.test(value);
}

/** The rule label of a finding: its rule id if known (and label-shaped), else 'none'. */
export function ruleLabel(ruleId: string, knownRules: readonly string[]): string {
  return ruleId !== NONE && knownRules.includes(ruleId) && isRuleLabel(ruleId) ? ruleId : NONE;
}

/** The reason label: the chosen reason on 'sent-anyway' (if it is one of the list), else 'none'. */
export function reasonLabel(action: CounterAction, reason: unknown): CounterReason {
  return action === 'sent-anyway' && isJustificationReason(reason) ? reason : NONE;
}

/*
 * A hostname label: lower-case DNS labels joined by dots, at least two of them, and a last label
 * that starts with a letter (a real top-level domain). This rejects IP addresses, bare words
 * ("hello"), numbers ("6408234174"), spaces and anything with punctuation other than '.' and '-',
 * so prompt-like text cannot pass as a site even where the known-host list is not at hand.
 */
const DNS_LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
export const HOSTNAME_RE = new RegExp(`^(?=.{4,253}$)(?:${DNS_LABEL}\\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$`);

export function isHostnameLabel(value: string): boolean {
  return HOSTNAME_RE.test(value);
}

/**
 * Hosts from site patterns: WebExtension match patterns ('https://chatgpt.com/*') and the policy's
 * host patterns ('ai.example.se', '*.example.se', 'example.se/chat'). A '*.domain' pattern stays
 * '*.domain': `siteLabel` then labels the domain and all its subdomains as 'domain'.
 * Lower-cased, de-duplicated, sorted; patterns that give no valid host are skipped.
 */
export function siteHostsFromPatterns(patterns: readonly string[]): string[] {
  const hosts = new Set<string>();
  for (const pattern of patterns) {
    const withoutScheme = pattern.replace(/^[a-z*]+:\/\//i, '');
    const host = withoutScheme.split('/')[0]!.toLowerCase();
    const wildcard = host.startsWith('*.');
    const domain = wildcard ? host.slice(2) : host;
    if (isHostnameLabel(domain)) hosts.add(wildcard ? `*.${domain}` : domain);
  }
  return [...hosts].sort();
}

/** Hosts of the built-in sites, e.g. 'chatgpt.com'; 'huggingface.co/chat' gives 'huggingface.co'. */
export function builtInSiteHosts(): string[] {
  return siteHostsFromPatterns(BUILT_IN_SITES.flatMap((site) => site.matches));
}

/** The site label of a page: its hostname if known (exact, lower-case), else 'other'. */
export function siteLabel(hostname: string, knownHosts: readonly string[]): string {
  const host = hostname.toLowerCase();
  if (!isHostnameLabel(host)) return OTHER_SITE;
  if (knownHosts.includes(host)) return host;
  // The longest matching '*.domain' wins, so a more specific organisation entry is preferred.
  let best: string | undefined;
  for (const entry of knownHosts) {
    if (!entry.startsWith('*.')) continue;
    const domain = entry.slice(2);
    if ((host === domain || host.endsWith(`.${domain}`)) && (!best || domain.length > best.length)) best = domain;
  }
  return best && isHostnameLabel(best) ? best : OTHER_SITE;
}

/** Every site label that `siteLabel` can give for these known hosts. */
function possibleSiteLabels(knownHosts: readonly string[]): Set<string> {
  const labels = new Set<string>([OTHER_SITE]);
  for (const entry of knownHosts) {
    const host = entry.startsWith('*.') ? entry.slice(2) : entry;
    if (isHostnameLabel(host)) labels.add(host);
  }
  return labels;
}

/*
 * Error messages name the label and the allowed values but never repeat the rejected value:
 * if a bug passes prompt text as a label, the text must not end up in a console or a report.
 */
function describe(value: unknown): string {
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  return value === null ? 'null' : `a value of type ${typeof value}`;
}

/**
 * Why `labels` is not a valid counter event, or null if it is. `knownHosts` undefined means the
 * host list is not at hand (loading a stored store): then any hostname-shaped site is accepted.
 * Likewise `knownRules` undefined accepts any rule for which isRuleLabel holds.
 */
export function labelProblem(labels: unknown, knownHosts?: readonly string[], knownRules?: readonly string[]): string | null {
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) return `a counter event must be an object, got ${describe(labels)}`;
  const keys = Object.keys(labels);
  const extra = keys.filter((k) => !(LABEL_KEYS as readonly string[]).includes(k));
  if (extra.length) return `a counter event has only the labels ${LABEL_KEYS.join(', ')}; got ${extra.length} other key(s)`;
  const record = labels as Record<string, unknown>;
  for (const key of LABEL_KEYS) {
    if (typeof record[key] !== 'string') return `counter label "${key}" is missing or not a string (got ${describe(record[key])})`;
  }
  const { category, action, site, source, rule, reason } = record as Record<LabelKey, string>;
  if (!(COUNTER_CATEGORIES as readonly string[]).includes(category))
    return `counter label "category" must be one of ${COUNTER_CATEGORIES.join(', ')} (got ${describe(category)})`;
  if (!(COUNTER_ACTIONS as readonly string[]).includes(action))
    return `counter label "action" must be one of ${COUNTER_ACTIONS.join(', ')} (got ${describe(action)})`;
  if (!(COUNTER_SOURCES as readonly string[]).includes(source))
    return `counter label "source" must be one of ${COUNTER_SOURCES.join(', ')} (got ${describe(source)})`;
  if (!(COUNTER_REASONS as readonly string[]).includes(reason))
    return `counter label "reason" must be one of ${COUNTER_REASONS.join(', ')} (got ${describe(reason)})`;
  const degraded = action === 'degraded';
  if (degraded && (category !== NONE || source !== NONE || rule !== NONE))
    return 'a "degraded" event has category, source and rule "none" (it is about a site, not a finding)';
  if (!degraded && (category === NONE || source === NONE))
    return `category and source "none" belong to "degraded" events only, not to "${action}"`;
  if (reason !== NONE && action !== 'sent-anyway') return `a reason belongs to "sent-anyway" events only, not to "${action}"`;
  const ruleProblem = ruleLabelProblem(rule, knownRules);
  if (ruleProblem) return ruleProblem;
  if (rule !== NONE && ruleSource(rule) !== source) return 'counter label "source" must be the source of its rule ("custom" for "custom.<id>")';
  const siteOk = knownHosts ? possibleSiteLabels(knownHosts).has(site) : site === OTHER_SITE || isHostnameLabel(site);
  if (!siteOk)
    return knownHosts
      ? `counter label "site" must be a known host or "${OTHER_SITE}"; use siteLabel() (got ${describe(site)})`
      : `counter label "site" must be a hostname or "${OTHER_SITE}" (got ${describe(site)})`;
  return null;
}

function ruleLabelProblem(rule: string, knownRules: readonly string[] | undefined): string | null {
  if (!isRuleLabel(rule)) return `counter label "rule" must be a built-in rule id, "custom.<id>" or "${NONE}" (got ${describe(rule)})`;
  if (knownRules && rule !== NONE && !knownRules.includes(rule))
    return `counter label "rule" must be a known rule or "${NONE}"; use ruleLabel() (got ${describe(rule)})`;
  return null;
}

/**
 * Throws a clear Error unless `event` is inside the catalogue, its site is one of `knownHosts`
 * or 'other', and its rule one of `knownRules` or 'none' (any built-in rule if not given).
 */
export function validateEvent(event: unknown, knownHosts: readonly string[], knownRules: readonly string[] = builtInRuleIds()): asserts event is CounterEvent {
  const problem = labelProblem(event, knownHosts, knownRules);
  if (problem) throw new Error(`Promptvakt counters: ${problem}`);
}
