/** Shared test inputs for the counters tests. */
import fc from 'fast-check';
import {
  COUNTER_ACTIONS,
  COUNTER_REASONS,
  NONE,
  OTHER_SITE,
  knownRuleIds,
  ruleSource,
  type CounterEvent,
  type CounterReason,
  type RuleSource,
} from '../../lib/counters/catalogue';
import { CATEGORIES } from '../../lib/types';

/** An organisation's own rule ids (as in its policy) and the rule labels they make known. */
export const CUSTOM_RULE_IDS = ['projekt-nordstjarna', 'diarienummer-sn'] as const;
export const KNOWN_RULES = knownRuleIds(CUSTOM_RULE_IDS);

/** A finding event with rule and reason 'none' unless given: the shape most tests need. */
export function finding(
  labels: Omit<Extract<CounterEvent, { source: RuleSource }>, 'rule' | 'reason'> & { rule?: string; reason?: CounterReason },
): CounterEvent {
  return { rule: NONE, reason: NONE, ...labels } as CounterEvent;
}

/** A degraded event on `site`. */
export function degradedOn(site: string): CounterEvent {
  return { category: NONE, action: 'degraded', site, source: NONE, rule: NONE, reason: NONE };
}

/** A rule label and a source that fit it: a known rule takes its own source, 'none' either. */
function arbitraryRule(rules: readonly string[]): fc.Arbitrary<{ rule: string; source: RuleSource }> {
  return fc.oneof(
    fc.constantFrom(...rules).map((rule) => ({ rule, source: ruleSource(rule) })),
    fc.constantFrom('built-in' as const, 'custom' as const).map((source) => ({ rule: NONE, source })),
  );
}

/**
 * Any event inside the catalogue, on one of `hosts` or 'other', with one of `rules` (default:
 * every built-in rule and the custom ones above) or 'none', and a reason on 'sent-anyway' only.
 */
export function arbitraryEvent(hosts: readonly string[], rules: readonly string[] = KNOWN_RULES): fc.Arbitrary<CounterEvent> {
  const site = fc.constantFrom(OTHER_SITE, ...hosts);
  const findingEvent = fc
    .record({
      category: fc.constantFrom(...CATEGORIES),
      action: fc.constantFrom(...COUNTER_ACTIONS.filter((a) => a !== 'degraded')),
      site,
      ruleAndSource: arbitraryRule(rules),
      reason: fc.constantFrom(...COUNTER_REASONS),
    })
    .map(({ ruleAndSource, reason, ...labels }) => ({
      ...labels,
      ...ruleAndSource,
      reason: labels.action === 'sent-anyway' ? reason : NONE,
    }));
  return fc.oneof(findingEvent, site.map(degradedOn)) as fc.Arbitrary<CounterEvent>;
}

/** A deterministic pseudo-random source (mulberry32), so delays differ per call but runs repeat. */
export function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One of `values`, picked with `random`. */
export function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)]!;
}

/**
 * A random but seeded store's worth of events for one simulated browser: `events` events on the
 * given days, with every kind of label (sites from `hosts`, rules from `rules` or 'none', reasons
 * on sent-anyway) and small counts (1–3) among them. Returns [day, event, count] triples.
 */
export function simulatedBrowserEvents(
  random: () => number,
  options: { days: readonly string[]; hosts: readonly string[]; rules?: readonly string[]; events: number },
): [day: string, event: CounterEvent, count: number][] {
  const rules = options.rules ?? KNOWN_RULES;
  const actions = COUNTER_ACTIONS.filter((a) => a !== 'degraded');
  const out: [string, CounterEvent, number][] = [];
  for (let i = 0; i < options.events; i++) {
    const day = pick(random, options.days);
    const site = random() < 0.3 ? OTHER_SITE : pick(random, options.hosts);
    // Mostly 1–3, sometimes larger: the small counts are the ones a threshold used to drop.
    const count = random() < 0.8 ? 1 + Math.floor(random() * 3) : 4 + Math.floor(random() * 20);
    if (random() < 0.05) {
      out.push([day, degradedOn(site), count]);
      continue;
    }
    const rule = random() < 0.15 ? NONE : pick(random, rules);
    const action = pick(random, actions);
    const event = finding({
      category: pick(random, CATEGORIES),
      action,
      site,
      source: rule === NONE ? (random() < 0.5 ? 'built-in' : 'custom') : ruleSource(rule),
      rule,
      reason: action === 'sent-anyway' ? pick(random, COUNTER_REASONS) : NONE,
    });
    out.push([day, event, count]);
  }
  return out;
}
