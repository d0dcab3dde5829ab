/**
 * The closed, reviewed catalogue of what Promptvakt may count (docs/COUNTERS.md).
 *
 * Every counter is one metric, `promptvakt.detections`, with exactly four labels:
 *   category  a finding category from lib/types.ts, or 'none' (degraded events only)
 *   action    what happened: COUNTER_ACTIONS
 *   site      a known site's hostname, or 'other'
 *   source    which rules found it: 'built-in' | 'custom', or 'none' (degraded events only)
 *
 * Why a closed list: a label value is the only thing besides a count and a UTC day that leaves
 * the browser. If any value could be free text, a bug could ship prompt text or a personnummer
 * in a label. So every value is either in a list below or a hostname the organisation itself
 * configured, and `validateEvent` rejects everything else before anything is stored.
 *
 * API
 *   COUNTER_ACTIONS, RULE_SOURCES, COUNTER_CATEGORIES, COUNTER_SOURCES, LABEL_KEYS, METRICS,
 *   ACTION_MEANINGS, CATALOGUE_VERSION, NONE ('none'), OTHER_SITE ('other'), isHostnameLabel(s)
 *   type CounterEvent, CounterAction, CounterCategory, CounterSource, RuleSource, LabelKey
 *   ruleSource(ruleId): RuleSource                          'custom.<id>' → 'custom'
 *   siteHostsFromPatterns(patterns): string[]               match patterns / policy host patterns → hosts
 *   builtInSiteHosts(): string[]                            hosts of rules/sites.json
 *   siteLabel(hostname, knownHosts): string                 the host if known, else 'other'
 *   validateEvent(event, knownHosts): asserts CounterEvent  throws a clear Error outside the catalogue
 *   labelProblem(labels, knownHosts?): string | null       the same check as a message; no hosts → any hostname
 */
import { CATEGORIES, type Category } from '../types';
import { BUILT_IN_SITES } from '../sites/built-in-sites';

/** Bumped when a label or value is added or changed; sent as the OTLP scope version. */
export const CATALOGUE_VERSION = 1;

export const COUNTER_ACTIONS = ['warned', 'blocked', 'masked', 'sent-anyway', 'edited', 'logged', 'degraded'] as const;
export type CounterAction = (typeof COUNTER_ACTIONS)[number];

export const RULE_SOURCES = ['built-in', 'custom'] as const;
export type RuleSource = (typeof RULE_SOURCES)[number];

/** 'none' belongs to degraded events only: no finding, so no category and no rule source. */
export const NONE = 'none';
export const COUNTER_CATEGORIES = [...CATEGORIES, NONE] as const;
export type CounterCategory = Category | typeof NONE;
export const COUNTER_SOURCES = [...RULE_SOURCES, NONE] as const;
export type CounterSource = RuleSource | typeof NONE;

export const OTHER_SITE = 'other';

export const LABEL_KEYS = ['category', 'action', 'site', 'source'] as const;
export type LabelKey = (typeof LABEL_KEYS)[number];

/** One counted event. `site` is a label from `siteLabel`, never a raw URL. */
export type CounterEvent =
  | { category: Category; action: Exclude<CounterAction, 'degraded'>; site: string; source: RuleSource }
  | { category: typeof NONE; action: 'degraded'; site: string; source: typeof NONE };

/** The label values of one action, for docs and the dashboard. */
export const ACTION_MEANINGS: Readonly<Record<CounterAction, string>> = {
  warned: 'a warning dialog was shown',
  blocked: 'a block dialog was shown, or an upload was stopped',
  masked: 'the user chose "Mask and send" (or mask and paste)',
  'sent-anyway': 'the user overrode a warning',
  edited: 'the user went back to edit, or closed the dialog',
  logged: 'a finding was recorded without interrupting (monitor mode or a "log" action)',
  degraded: 'protection was degraded on a site (composer or send control not found)',
};

export const METRICS = {
  detections: {
    name: 'promptvakt.detections',
    unit: '{event}',
    description:
      'Promptvakt events per UTC day: dialogs shown, user choices, silent log entries and degraded protection. ' +
      'Labels: category, action, site, source. No prompt text, values, users or devices.',
    labels: LABEL_KEYS,
  },
} as const;

/** Findings of organisation rules have ids 'custom.<id>' (lib/policy/custom-rules.ts). */
export function ruleSource(ruleId: string): RuleSource {
  return ruleId.startsWith('custom.') ? 'custom' : 'built-in';
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
 */
export function labelProblem(labels: unknown, knownHosts?: readonly string[]): string | null {
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) return `a counter event must be an object, got ${describe(labels)}`;
  const keys = Object.keys(labels);
  const extra = keys.filter((k) => !(LABEL_KEYS as readonly string[]).includes(k));
  if (extra.length) return `a counter event has only the labels ${LABEL_KEYS.join(', ')}; got ${extra.length} other key(s)`;
  const record = labels as Record<string, unknown>;
  for (const key of LABEL_KEYS) {
    if (typeof record[key] !== 'string') return `counter label "${key}" is missing or not a string (got ${describe(record[key])})`;
  }
  const { category, action, site, source } = record as Record<LabelKey, string>;
  if (!(COUNTER_CATEGORIES as readonly string[]).includes(category))
    return `counter label "category" must be one of ${COUNTER_CATEGORIES.join(', ')} (got ${describe(category)})`;
  if (!(COUNTER_ACTIONS as readonly string[]).includes(action))
    return `counter label "action" must be one of ${COUNTER_ACTIONS.join(', ')} (got ${describe(action)})`;
  if (!(COUNTER_SOURCES as readonly string[]).includes(source))
    return `counter label "source" must be one of ${COUNTER_SOURCES.join(', ')} (got ${describe(source)})`;
  const degraded = action === 'degraded';
  if (degraded && (category !== NONE || source !== NONE))
    return 'a "degraded" event has category "none" and source "none" (it is about a site, not a finding)';
  if (!degraded && (category === NONE || source === NONE))
    return `category and source "none" belong to "degraded" events only, not to "${action}"`;
  const siteOk = knownHosts ? possibleSiteLabels(knownHosts).has(site) : site === OTHER_SITE || isHostnameLabel(site);
  if (!siteOk)
    return knownHosts
      ? `counter label "site" must be a known host or "${OTHER_SITE}"; use siteLabel() (got ${describe(site)})`
      : `counter label "site" must be a hostname or "${OTHER_SITE}" (got ${describe(site)})`;
  return null;
}

/** Throws a clear Error unless `event` is inside the catalogue and its site is one of `knownHosts` or 'other'. */
export function validateEvent(event: unknown, knownHosts: readonly string[]): asserts event is CounterEvent {
  const problem = labelProblem(event, knownHosts);
  if (problem) throw new Error(`Promptvakt counters: ${problem}`);
}
