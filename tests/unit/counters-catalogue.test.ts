import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTION_MEANINGS,
  CATALOGUE_VERSION,
  COUNTER_ACTIONS,
  COUNTER_CATEGORIES,
  COUNTER_REASONS,
  COUNTER_SOURCES,
  LABEL_KEYS,
  METRICS,
  builtInRuleIds,
  builtInSiteHosts,
  isRuleLabel,
  knownRuleIds,
  labelProblem,
  reasonLabel,
  ruleLabel,
  ruleSource,
  siteHostsFromPatterns,
  siteLabel,
  validateEvent,
  type CounterEvent,
} from '../../lib/counters/catalogue';
import { JUSTIFICATION_REASONS } from '../../lib/policy/justification';
import { builtInCatalogue } from '../../lib/rules/catalogue';
import { BUILT_IN_SITES } from '../../lib/sites/built-in-sites';
import { CATEGORIES } from '../../lib/types';
import { KNOWN_RULES } from './counter-fixtures';

const HOSTS = [...builtInSiteHosts(), 'ai.example.se', '*.intra.example.se'];
const valid: CounterEvent = { category: 'personnummer', action: 'blocked', site: 'chatgpt.com', source: 'built-in', rule: 'personnummer.valid', reason: 'none' };
const sentAnyway: CounterEvent = { category: 'health', action: 'sent-anyway', site: 'claude.ai', source: 'built-in', rule: 'health.about-person', reason: 'fictitious' };

function rejection(event: unknown, hosts: readonly string[] = HOSTS, rules: readonly string[] = KNOWN_RULES): string {
  try {
    validateEvent(event, hosts, rules);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected validateEvent to throw');
}

describe('catalogue', () => {
  it('is the closed list the docs describe', () => {
    expect(CATALOGUE_VERSION).toBe(2);
    expect(LABEL_KEYS).toEqual(['category', 'action', 'site', 'source', 'rule', 'reason']);
    expect(COUNTER_ACTIONS).toEqual(['warned', 'blocked', 'masked', 'sent-anyway', 'edited', 'logged', 'degraded', 'false-alarm']);
    expect(COUNTER_CATEGORIES).toEqual([...CATEGORIES, 'none']);
    expect(COUNTER_SOURCES).toEqual(['built-in', 'custom', 'none']);
    expect(COUNTER_REASONS).toEqual([...JUSTIFICATION_REASONS, 'none']);
    expect(Object.keys(ACTION_MEANINGS)).toEqual([...COUNTER_ACTIONS]);
    expect(ACTION_MEANINGS['false-alarm']).toMatch(/This is wrong/);
    expect(METRICS.detections).toMatchObject({ name: 'promptvakt.detections', unit: '{event}', labels: LABEL_KEYS });
  });

  it('derives the built-in hosts from the site list', () => {
    const hosts = builtInSiteHosts();
    for (const site of BUILT_IN_SITES)
      for (const pattern of site.matches) expect(hosts).toContain(new URL(pattern.replace('*', '')).hostname);
    expect(hosts).toContain('chatgpt.com');
    expect(hosts).toContain('huggingface.co');
    expect(hosts.every((h) => !h.includes('/') && h === h.toLowerCase())).toBe(true);
  });

  it('reads policy host patterns and skips what is not a host', () => {
    expect(siteHostsFromPatterns(['AI.Example.se', '*.example.org', 'example.net/chat', 'https://x.test/*', 'not a host', '10.0.0.1'])).toEqual([
      '*.example.org',
      'ai.example.se',
      'example.net',
      'x.test',
    ]);
  });

  it('labels a site by its known hostname, else "other"', () => {
    expect(siteLabel('chatgpt.com', HOSTS)).toBe('chatgpt.com');
    expect(siteLabel('ChatGPT.com', HOSTS)).toBe('chatgpt.com');
    expect(siteLabel('evil.chatgpt.com', HOSTS)).toBe('other');
    expect(siteLabel('unknown.example', HOSTS)).toBe('other');
    expect(siteLabel('127.0.0.1', [...HOSTS, '127.0.0.1'])).toBe('other');
    expect(siteLabel('', HOSTS)).toBe('other');
    // '*.domain' from policy: the domain and its subdomains are labelled by the domain.
    expect(siteLabel('chat.intra.example.se', HOSTS)).toBe('intra.example.se');
    expect(siteLabel('intra.example.se', HOSTS)).toBe('intra.example.se');
  });

  it('tells built-in from organisation rules', () => {
    expect(ruleSource('custom.projekt-nordstjarna')).toBe('custom');
    expect(ruleSource('personnummer.valid')).toBe('built-in');
  });

  it('knows every built-in rule id, and the organisation rules as custom.<id>', () => {
    expect(builtInRuleIds()).toEqual([...builtInCatalogue().rules.keys()].sort());
    expect(builtInRuleIds()).toContain('personnummer.valid');
    const known = knownRuleIds(['projekt-nordstjarna', '19811218-9876', '2024', 'ref-8112-18-9876']);
    expect(known).toContain('custom.projekt-nordstjarna');
    expect(known).toContain('classified.secrecy-osl');
    // Ids without a letter could be a personnummer or another number: never a label.
    expect(known).not.toContain('custom.19811218-9876');
    expect(known).not.toContain('custom.2024');
    expect(known).not.toContain('custom.ref-8112-18-9876');
  });

  it('labels a rule by its id only if it is known, else "none"', () => {
    expect(ruleLabel('personnummer.valid', KNOWN_RULES)).toBe('personnummer.valid');
    expect(ruleLabel('custom.projekt-nordstjarna', KNOWN_RULES)).toBe('custom.projekt-nordstjarna');
    expect(ruleLabel('custom.not-in-the-policy', KNOWN_RULES)).toBe('none');
    expect(ruleLabel('custom.19811218-9876', [...KNOWN_RULES, 'custom.19811218-9876'])).toBe('none');
    expect(ruleLabel('Anna Svensson 640823-4174', KNOWN_RULES)).toBe('none');
    expect(ruleLabel('', KNOWN_RULES)).toBe('none');
  });

  it('counts a reason on "sent-anyway" only', () => {
    for (const reason of JUSTIFICATION_REASONS) expect(reasonLabel('sent-anyway', reason)).toBe(reason);
    expect(reasonLabel('sent-anyway', undefined)).toBe('none');
    expect(reasonLabel('sent-anyway', 'för att jag vill')).toBe('none');
    expect(reasonLabel('warned', 'fictitious')).toBe('none');
    expect(reasonLabel('false-alarm', 'false-alarm')).toBe('none');
  });

  it('accepts every combination inside the catalogue', () => {
    for (const category of CATEGORIES)
      for (const action of COUNTER_ACTIONS.filter((a) => a !== 'degraded'))
        for (const source of ['built-in', 'custom'] as const)
          expect(() => validateEvent({ category, action, site: 'other', source, rule: 'none', reason: 'none' }, HOSTS, KNOWN_RULES)).not.toThrow();
    for (const rule of KNOWN_RULES) expect(() => validateEvent({ ...valid, rule, source: ruleSource(rule) }, HOSTS, KNOWN_RULES)).not.toThrow();
    for (const reason of COUNTER_REASONS) expect(() => validateEvent({ ...sentAnyway, reason }, HOSTS, KNOWN_RULES)).not.toThrow();
    expect(() => validateEvent({ category: 'none', action: 'degraded', site: 'claude.ai', source: 'none', rule: 'none', reason: 'none' }, HOSTS)).not.toThrow();
    expect(() => validateEvent({ ...valid, site: 'intra.example.se' }, HOSTS)).not.toThrow();
    expect(() => validateEvent({ ...valid, action: 'false-alarm' }, HOSTS)).not.toThrow();
  });

  it('checks rules against the known list when given, and by shape when not (a stored store)', () => {
    const custom = { ...valid, source: 'custom', rule: 'custom.projekt-nordstjarna' };
    expect(labelProblem(custom, HOSTS, KNOWN_RULES)).toBeNull();
    // Without the policy's rules, only the built-in ones are known.
    expect(rejection(custom, HOSTS, builtInRuleIds())).toMatch(/known rule/);
    // Without any list: built-in ids and the custom shape pass, nothing else.
    expect(labelProblem(custom)).toBeNull();
    expect(labelProblem({ ...custom, rule: 'custom.some-other-rule' })).toBeNull();
    expect(labelProblem(valid)).toBeNull();
    for (const rule of ['anna.svensson', 'personnummer.invented', 'custom.19811218-9876', 'custom.', 'custom.Projekt', 'custom.a b', 'none.none'])
      expect(labelProblem({ ...custom, rule }), rule).toMatch(/"rule"/);
  });

  it.each([
    ['an unknown category', { ...valid, category: 'passport' }, /category/],
    ['an unknown action', { ...valid, action: 'sent' }, /action/],
    ['an unknown source', { ...valid, source: 'policy' }, /source/],
    ['a source that does not fit the rule', { ...valid, source: 'custom' }, /source/],
    ['a custom rule with source built-in', { ...valid, rule: 'custom.projekt-nordstjarna' }, /source/],
    ['an unknown rule', { ...valid, rule: 'personnummer.invented' }, /rule/],
    ['a custom rule the policy does not have', { ...valid, source: 'custom', rule: 'custom.other-org-rule' }, /rule/],
    ['a personnummer as a rule', { ...valid, rule: '640823-4174' }, /rule/],
    ['a personnummer as a custom rule', { ...valid, source: 'custom', rule: 'custom.19640823-4174' }, /rule/],
    ['prompt text as a rule', { ...valid, rule: 'Kan du sammanfatta journalen för Anna Svensson?' }, /rule/],
    ['a name shaped like a rule id', { ...valid, rule: 'anna.svensson' }, /rule/],
    ["a '|' in a rule", { ...valid, rule: 'personnummer.valid|x' }, /rule/],
    ["a '|' in a reason", { ...sentAnyway, reason: 'other|x' }, /reason/],
    ['free text as a reason', { ...sentAnyway, reason: 'Det är min egen journal' }, /reason/],
    ['a personnummer as a reason', { ...sentAnyway, reason: '640823-4174' }, /reason/],
    ['a reason on another action', { ...valid, reason: 'fictitious' }, /reason/],
    ['a degraded event with a rule', { category: 'none', action: 'degraded', site: 'other', source: 'none', rule: 'personnummer.valid', reason: 'none' }, /degraded/],
    ['a site that is not a known host', { ...valid, site: 'unknown.example' }, /site/],
    ['prompt text as a site', { ...valid, site: 'Kan du sammanfatta journalen för Anna Svensson?' }, /site/],
    ['a personnummer as a site', { ...valid, site: '640823-4174' }, /site/],
    ['digits as a category', { ...valid, category: '198112189876' }, /category/],
    ['a URL as a site', { ...valid, site: 'https://chatgpt.com/c/123' }, /site/],
    ['a degraded event with a category', { category: 'personnummer', action: 'degraded', site: 'other', source: 'none', rule: 'none', reason: 'none' }, /degraded/],
    ['a degraded event with a source', { category: 'none', action: 'degraded', site: 'other', source: 'built-in', rule: 'none', reason: 'none' }, /degraded/],
    ['category "none" on a finding', { ...valid, category: 'none' }, /none/],
    ['an extra key', { ...valid, text: 'Anna Svensson 640823-4174' }, /other key/],
    ['a missing label', { category: 'email', action: 'warned', site: 'other', source: 'built-in', rule: 'none' }, /reason/],
    ['a version 1 event (no rule, no reason)', { category: 'email', action: 'warned', site: 'other', source: 'built-in' }, /rule/],
    ['a number as a label', { ...valid, site: 42 }, /site/],
    ['a number as a rule', { ...valid, rule: 6408234174 }, /rule/],
    ['null', null, /object/],
    ['an array', ['personnummer', 'blocked', 'other', 'built-in', 'none', 'none'], /object/],
  ])('rejects %s', (_what, event, message) => {
    expect(rejection(event)).toMatch(message);
  });

  it('never repeats the rejected value in its error message', () => {
    const secret = 'Anna Svensson 640823-4174';
    for (const key of LABEL_KEYS) expect(rejection({ ...valid, [key]: secret })).not.toContain('640823');
    expect(rejection({ ...valid, [secret]: 'x' })).not.toContain('640823');
  });

  it('rejects any label value outside the catalogue (property)', () => {
    // 'valid' has a built-in rule and no reason; a sent-anyway event with rule 'none' takes any source and reason.
    const open: CounterEvent = { ...sentAnyway, rule: 'none', reason: 'none' };
    const allowedIn = (base: CounterEvent, key: string, value: string): boolean =>
      key === 'category' ? CATEGORIES.includes(value as never)
      : key === 'action' ? COUNTER_ACTIONS.includes(value as never) && value !== 'degraded' && (base.reason === 'none' || value === 'sent-anyway')
      : key === 'source' ? value === (base.rule === 'none' ? value : ruleSource(base.rule)) && (value === 'built-in' || value === 'custom')
      : key === 'rule' ? value === 'none' || (KNOWN_RULES.includes(value) && ruleSource(value) === base.source)
      : key === 'reason' ? COUNTER_REASONS.includes(value as never) && (value === 'none' || base.action === 'sent-anyway')
      : siteLabel(value, HOSTS) === value;
    const labelValue = fc.oneof(
      fc.string({ minLength: 0, maxLength: 40 }),
      fc.constantFrom(...COUNTER_ACTIONS, ...COUNTER_REASONS, ...KNOWN_RULES, 'custom.x', 'anna.svensson', '640823-4174', 'a|b', 'other', 'chatgpt.com'),
    );
    fc.assert(
      fc.property(fc.constantFrom(valid, open), fc.constantFrom(...LABEL_KEYS), labelValue, (base, key, value) => {
        const event = { ...base, [key]: value };
        if (allowedIn(base, key, value)) expect(() => validateEvent(event, HOSTS, KNOWN_RULES)).not.toThrow();
        else expect(() => validateEvent(event, HOSTS, KNOWN_RULES)).toThrow(/Promptvakt counters/);
      }),
      { numRuns: 800 },
    );
  });

  it('accepts as a rule label, without a list, only built-in ids and the custom shape (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 80 }), (value) => {
        const ok = isRuleLabel(value);
        const customShape = /^custom\.[a-z0-9][a-z0-9-]{0,62}$/.test(value) && /[a-z]/.test(value.slice(7)) && value.replace(/\D/g, '').length <= 6;
        expect(ok).toBe(value === 'none' || builtInRuleIds().includes(value) || customShape);
        // Whatever passes is lower-case letters, digits, '.' and '-' only, with too few digits for a personnummer.
        if (ok) expect(value).toMatch(/^[a-z0-9.-]+$/);
        if (ok) expect(value.replace(/\D/g, '').length).toBeLessThanOrEqual(6);
      }),
      { numRuns: 1000 },
    );
    // Random strings rarely hit the shape; these do, or nearly do.
    for (const [value, ok] of [
      ['custom.projekt-2024', true],
      ['custom.a', true],
      ['custom.dnr-123456', true],
      ['custom.dnr-1234567', false],
      ['custom.ref-8112-18-9876', false],
      ['custom.19811218-9876', false],
      ['custom.640823-4174', false],
      ['custom.2024', false],
      ['custom.-abc', false],
      ['custom.Abc', false],
      ['custom.a.b', false],
      [`custom.${'a'.repeat(63)}`, true],
      [`custom.${'a'.repeat(64)}`, false],
      ['personnummer.valid', true],
      ['personnummer.valid ', false],
      ['none', true],
      ['None', false],
    ] as const)
      expect(isRuleLabel(value), value).toBe(ok);
  });
});
