import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COUNTER_ACTIONS,
  COUNTER_CATEGORIES,
  COUNTER_SOURCES,
  LABEL_KEYS,
  METRICS,
  builtInSiteHosts,
  ruleSource,
  siteHostsFromPatterns,
  siteLabel,
  validateEvent,
  type CounterEvent,
} from '../../lib/counters/catalogue';
import { BUILT_IN_SITES } from '../../lib/sites/built-in-sites';
import { CATEGORIES } from '../../lib/types';

const HOSTS = [...builtInSiteHosts(), 'ai.example.se', '*.intra.example.se'];
const valid: CounterEvent = { category: 'personnummer', action: 'blocked', site: 'chatgpt.com', source: 'built-in' };

function rejection(event: unknown, hosts: readonly string[] = HOSTS): string {
  try {
    validateEvent(event, hosts);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected validateEvent to throw');
}

describe('catalogue', () => {
  it('is the closed list the docs describe', () => {
    expect(COUNTER_ACTIONS).toEqual(['warned', 'blocked', 'masked', 'sent-anyway', 'edited', 'logged', 'degraded']);
    expect(COUNTER_CATEGORIES).toEqual([...CATEGORIES, 'none']);
    expect(COUNTER_SOURCES).toEqual(['built-in', 'custom', 'none']);
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

  it('accepts every combination inside the catalogue', () => {
    for (const category of CATEGORIES)
      for (const action of COUNTER_ACTIONS.filter((a) => a !== 'degraded'))
        for (const source of ['built-in', 'custom'] as const) expect(() => validateEvent({ category, action, site: 'other', source }, HOSTS)).not.toThrow();
    expect(() => validateEvent({ category: 'none', action: 'degraded', site: 'claude.ai', source: 'none' }, HOSTS)).not.toThrow();
    expect(() => validateEvent({ ...valid, site: 'intra.example.se' }, HOSTS)).not.toThrow();
  });

  it.each([
    ['an unknown category', { ...valid, category: 'passport' }, /category/],
    ['an unknown action', { ...valid, action: 'sent' }, /action/],
    ['an unknown source', { ...valid, source: 'policy' }, /source/],
    ['a site that is not a known host', { ...valid, site: 'unknown.example' }, /site/],
    ['prompt text as a site', { ...valid, site: 'Kan du sammanfatta journalen för Anna Svensson?' }, /site/],
    ['a personnummer as a site', { ...valid, site: '640823-4174' }, /site/],
    ['digits as a category', { ...valid, category: '198112189876' }, /category/],
    ['a URL as a site', { ...valid, site: 'https://chatgpt.com/c/123' }, /site/],
    ['a degraded event with a category', { category: 'personnummer', action: 'degraded', site: 'other', source: 'none' }, /degraded/],
    ['a degraded event with a source', { category: 'none', action: 'degraded', site: 'other', source: 'built-in' }, /degraded/],
    ['category "none" on a finding', { ...valid, category: 'none' }, /none/],
    ['an extra key', { ...valid, text: 'Anna Svensson 640823-4174' }, /other key/],
    ['a missing label', { category: 'email', action: 'warned', site: 'other' }, /source/],
    ['a number as a label', { ...valid, site: 42 }, /site/],
    ['null', null, /object/],
    ['an array', ['personnummer', 'blocked', 'other', 'built-in'], /object/],
  ])('rejects %s', (_what, event, message) => {
    expect(rejection(event)).toMatch(message);
  });

  it('never repeats the rejected value in its error message', () => {
    const secret = 'Anna Svensson 640823-4174';
    for (const key of LABEL_KEYS) expect(rejection({ ...valid, [key]: secret })).not.toContain('640823');
    expect(rejection({ ...valid, [secret]: 'x' })).not.toContain('640823');
  });

  it('rejects any label value outside the catalogue (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LABEL_KEYS), fc.string({ minLength: 0, maxLength: 40 }), (key, value) => {
        const event = { ...valid, [key]: value };
        const allowed =
          key === 'category' ? CATEGORIES.includes(value as never)
          : key === 'action' ? COUNTER_ACTIONS.includes(value as never) && value !== 'degraded'
          : key === 'source' ? value === 'built-in' || value === 'custom'
          : siteLabel(value, HOSTS) === value;
        if (allowed) expect(() => validateEvent(event, HOSTS)).not.toThrow();
        else expect(() => validateEvent(event, HOSTS)).toThrow(/Promptvakt counters/);
      }),
      { numRuns: 500 },
    );
  });
});
