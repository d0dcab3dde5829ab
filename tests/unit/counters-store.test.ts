import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNTER_ACTIONS, LABEL_KEYS, builtInSiteHosts, type CounterEvent } from '../../lib/counters/catalogue';
import {
  addDays,
  emptyStore,
  increment,
  isUtcDay,
  migrate,
  parseSeriesKey,
  prune,
  seriesKey,
  todayTotals,
  totalsBy,
  totalsByDay,
  totalsByLabels,
  utcDay,
  type CounterStore,
} from '../../lib/counters/store';
import { CATEGORIES } from '../../lib/types';
import { KNOWN_RULES, arbitraryEvent, degradedOn, finding } from './counter-fixtures';

const HOSTS = builtInSiteHosts();
const TODAY = '2026-11-24';
const blocked = finding({ category: 'personnummer', action: 'blocked', site: 'chatgpt.com', source: 'built-in', rule: 'personnummer.valid' });
const warned = finding({ category: 'health', action: 'warned', site: 'claude.ai', source: 'custom' });
const degraded = degradedOn('other');
const sentAnyway = finding({ category: 'health', action: 'sent-anyway', site: 'claude.ai', source: 'custom', rule: 'custom.projekt-nordstjarna', reason: 'own-data' });

function sumAll(store: CounterStore): number {
  return Object.values(store.days).reduce((sum, series) => sum + Object.values(series).reduce((a, b) => a + b, 0), 0);
}

describe('days', () => {
  it('takes the UTC day, whatever the local time zone', () => {
    expect(utcDay(new Date('2026-11-24T23:59:59.999Z'))).toBe('2026-11-24');
    expect(utcDay(new Date('2026-11-25T00:30:00+01:00'))).toBe('2026-11-24');
    expect(() => utcDay(new Date('nonsense'))).toThrow(/invalid Date/);
  });

  it('knows real calendar days and adds across months and leap years', () => {
    expect(isUtcDay('2028-02-29')).toBe(true);
    expect(isUtcDay('2026-02-29')).toBe(false);
    expect(isUtcDay('2026-11-24T00:00')).toBe(false);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
});

describe('series keys', () => {
  it('round-trip every catalogue event', () => {
    fc.assert(
      fc.property(arbitraryEvent(HOSTS), (event) => {
        expect(parseSeriesKey(seriesKey(event), HOSTS, KNOWN_RULES)).toEqual(event);
        expect(parseSeriesKey(seriesKey(event))).toEqual(event);
      }),
    );
  });

  it('have six parts: category|action|site|source|rule|reason', () => {
    expect(seriesKey(sentAnyway)).toBe('health|sent-anyway|claude.ai|custom|custom.projekt-nordstjarna|own-data');
    expect(seriesKey(degraded)).toBe('none|degraded|other|none|none|none');
  });

  it('reject keys outside the catalogue', () => {
    expect(() => parseSeriesKey('personnummer|blocked|chatgpt.com|built-in')).toThrow(/6 parts/);
    expect(() => parseSeriesKey('personnummer|blocked|640823-4174|built-in|none|none')).toThrow(/site/);
    expect(() => parseSeriesKey('passport|blocked|other|built-in|none|none')).toThrow(/category/);
    expect(() => parseSeriesKey('personnummer|blocked|other|built-in|640823-4174|none')).toThrow(/rule/);
    expect(() => parseSeriesKey('personnummer|blocked|other|custom|custom.19640823-4174|none')).toThrow(/rule/);
    expect(() => parseSeriesKey('personnummer|sent-anyway|other|built-in|none|Anna Svensson')).toThrow(/reason/);
    // One '|' too many (a value with '|' in it) is a key of 7 parts.
    expect(() => parseSeriesKey('personnummer|sent-anyway|other|built-in|none|other|x')).toThrow(/6 parts/);
    // With the policy's rules at hand, a custom rule it does not have is refused.
    expect(() => parseSeriesKey(seriesKey(sentAnyway), HOSTS, ['personnummer.valid'])).toThrow(/known rule/);
  });
});

describe('increment', () => {
  it('adds up events per day and series', () => {
    const events = fc.sample(fc.tuple(arbitraryEvent(HOSTS), fc.constantFrom(TODAY, addDays(TODAY, -1))), { numRuns: 300, seed: 7 });
    let store = emptyStore();
    const expected = new Map<string, number>();
    for (const [event, day] of events) {
      store = increment(store, event, day);
      const key = `${day}#${seriesKey(event)}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    for (const [key, count] of expected) {
      const [day, series] = key.split('#') as [string, string];
      expect(store.days[day]?.[series]).toBe(count);
    }
    expect(sumAll(store)).toBe(events.length);
    expect(sumAll(emptyStore())).toBe(0);
  });

  it('is pure', () => {
    const store = increment(emptyStore(), blocked, TODAY);
    const copy = structuredClone(store);
    increment(store, blocked, TODAY, 5);
    expect(store).toEqual(copy);
  });

  it('adds `by` and validates its input', () => {
    expect(increment(emptyStore(), blocked, TODAY, 3).days[TODAY]?.[seriesKey(blocked)]).toBe(3);
    expect(() => increment(emptyStore(), blocked, TODAY, 0)).toThrow(/positive integer/);
    expect(() => increment(emptyStore(), blocked, '24/11/2026')).toThrow(/UTC day/);
    expect(() => increment(emptyStore(), { ...blocked, site: 'Hej Anna' }, TODAY)).toThrow(/site/);
    // With the known hosts at hand, a hostname outside them is refused too.
    expect(() => increment(emptyStore(), { ...blocked, site: 'unknown.example' }, TODAY, 1, HOSTS)).toThrow(/known host/);
    // And a rule outside the known rules.
    expect(() => increment(emptyStore(), sentAnyway, TODAY, 1, HOSTS, ['personnummer.valid'])).toThrow(/known rule/);
    expect(increment(emptyStore(), sentAnyway, TODAY, 1, HOSTS, KNOWN_RULES).days[TODAY]).toEqual({ [seriesKey(sentAnyway)]: 1 });
  });
});

describe('prune', () => {
  it('keeps exactly the retention window up to today and drops future days', () => {
    let store = emptyStore();
    for (let i = -120; i <= 3; i++) store = increment(store, blocked, addDays(TODAY, i));
    const pruned = prune(store, TODAY, 90);
    const days = Object.keys(pruned.days).sort();
    expect(days).toHaveLength(90);
    expect(days[0]).toBe(addDays(TODAY, -89));
    expect(days.at(-1)).toBe(TODAY);
  });

  it('bounds the series per day, folding sites into "other" so totals per category and action stay exact', () => {
    let store = emptyStore();
    const events = fc.sample(arbitraryEvent(HOSTS), { numRuns: 2000, seed: 3 });
    events.forEach((event, i) => (store = increment(store, event, TODAY, 1 + (i % 4))));
    const seriesBefore = Object.keys(store.days[TODAY]!).length;
    const max = Math.floor(seriesBefore / 3);
    const pruned = prune(store, TODAY, 90, max);
    expect(Object.keys(pruned.days[TODAY]!).length).toBeLessThanOrEqual(max);
    expect(totalsBy(pruned, 'category')).toEqual(totalsBy(store, 'category'));
    expect(totalsBy(pruned, 'action')).toEqual(totalsBy(store, 'action'));
    expect(sumAll(pruned)).toBe(sumAll(store));
  });

  it('folds rules and reasons into "none" when folding sites is not enough, before anything is dropped', () => {
    let store = emptyStore();
    const rules = KNOWN_RULES.filter((r) => r.startsWith('personnummer.'));
    rules.forEach((rule, i) => (store = increment(store, finding({ category: 'personnummer', action: 'blocked', site: 'other', source: 'built-in', rule }), TODAY, i + 1)));
    store = increment(store, { ...sentAnyway, site: 'other' }, TODAY, 2);
    const pruned = prune(store, TODAY, 90, 2);
    expect(pruned.days[TODAY]).toEqual({
      'personnummer|blocked|other|built-in|none|none': rules.reduce((sum, _r, i) => sum + i + 1, 0),
      'health|sent-anyway|other|custom|none|none': 2,
    });
    expect(sumAll(pruned)).toBe(sumAll(store));
  });

  it('drops the smallest series when folding is not enough', () => {
    let store = emptyStore();
    store = increment(store, blocked, TODAY, 10);
    store = increment(store, warned, TODAY, 1);
    store = increment(store, degraded, TODAY, 5);
    const pruned = prune(store, TODAY, 90, 2);
    expect(Object.values(pruned.days[TODAY]!).sort((a, b) => a - b)).toEqual([5, 10]);
  });

  it('pulls a reportedThrough that lies in the future back to yesterday', () => {
    expect(prune({ ...emptyStore(), reportedThrough: '2030-01-01' }, TODAY, 90).reportedThrough).toBe(addDays(TODAY, -1));
    expect(prune({ ...emptyStore(), reportedThrough: '2026-11-01' }, TODAY, 90).reportedThrough).toBe('2026-11-01');
  });
});

describe('migrate', () => {
  it('starts empty, without a diagnostic, when nothing is stored', () => {
    expect(migrate(undefined)).toEqual({ store: emptyStore() });
  });

  it('keeps a valid version 2 store as it is', () => {
    let store = increment(increment(increment(emptyStore(), blocked, TODAY), degraded, addDays(TODAY, -2), 4), sentAnyway, TODAY, 2);
    store = { ...store, reportedThrough: addDays(TODAY, -3), lastReport: { sentAt: '2026-11-22T10:00:00.000Z', endpoint: 'https://otel.example.se/v1/metrics', body: '{}' } };
    expect(store.version).toBe(2);
    expect(migrate(JSON.parse(JSON.stringify(store)))).toEqual({ store });
  });

  it('upgrades version 1 (category|action|site|source keys): rule and reason "none", reported days kept', () => {
    const lastReport = { sentAt: '2026-11-22T10:00:00.000Z', endpoint: 'https://otel.example.se/v1/metrics', body: '{"v":1}' };
    const v1 = {
      version: 1,
      days: {
        '2026-11-20': { 'personnummer|blocked|chatgpt.com|built-in': 3, 'none|degraded|other|none': 1 },
        [TODAY]: { 'health|sent-anyway|claude.ai|custom': 2, 'email|warned|other|built-in': 1 },
      },
      reportedThrough: '2026-11-20',
      lastReport,
    };
    const { store, diagnostic } = migrate(v1);
    expect(diagnostic).toBeUndefined();
    expect(store).toEqual({
      version: 2,
      days: {
        '2026-11-20': { 'personnummer|blocked|chatgpt.com|built-in|none|none': 3, 'none|degraded|other|none|none|none': 1 },
        [TODAY]: { 'health|sent-anyway|claude.ai|custom|none|none': 2, 'email|warned|other|built-in|none|none': 1 },
      },
      reportedThrough: '2026-11-20',
      lastReport,
    });
    // The upgraded store is a valid version 2 store, and totals still add up.
    expect(migrate(JSON.parse(JSON.stringify(store)))).toEqual({ store });
    expect(sumAll(store)).toBe(7);
    expect(todayTotals(store, TODAY).byAction['sent-anyway']).toBe(2);
  });

  it('drops invalid version 1 entries, including six-part keys and hostile values, without repeating them', () => {
    const v1 = {
      version: 1,
      days: {
        [TODAY]: {
          'personnummer|blocked|chatgpt.com|built-in': 2,
          'personnummer|blocked|Anna Svensson 640823-4174|built-in': 1,
          'personnummer|blocked|chatgpt.com|built-in|none|none': 1,
          'personnummer|degraded|other|none': 1,
        },
      },
    };
    const { store, diagnostic } = migrate(v1);
    expect(store.days).toEqual({ [TODAY]: { 'personnummer|blocked|chatgpt.com|built-in|none|none': 2 } });
    expect(diagnostic).toMatch(/3 invalid entries dropped/);
    expect(diagnostic).not.toContain('Anna');
    expect(diagnostic).not.toContain('640823');
  });

  it('upgrades version 0 (flat day|category|action|site|source keys) to version 2', () => {
    const v1Key = (event: CounterEvent) => seriesKey(event).split('|').slice(0, 4).join('|');
    const v0 = { counts: { [`${TODAY}|${v1Key(blocked)}`]: 3, [`2026-11-20|${v1Key(warned)}`]: 2, [`2026-11-20|${v1Key(degraded)}`]: 0 } };
    const { store, diagnostic } = migrate(v0);
    expect(diagnostic).toMatch(/upgraded from version 0 to 2/);
    expect(store).toEqual(increment(increment(emptyStore(), { ...blocked, rule: 'none' }, TODAY, 3), warned, '2026-11-20', 2));
  });

  it('drops invalid entries and says how many, without repeating them', () => {
    const raw = {
      version: 2,
      days: {
        [TODAY]: {
          [seriesKey(blocked)]: 2,
          'personnummer|blocked|Anna Svensson 640823-4174|built-in|none|none': 1,
          'personnummer|blocked|other|built-in|anna.svensson|none': 1,
          'personnummer|sent-anyway|other|built-in|none|Jag fick lov av Anna': 1,
          'personnummer|blocked|other|built-in': 1,
          [seriesKey(warned)]: -1,
          [seriesKey(degraded)]: 1.5,
        },
        '2026-13-01': { [seriesKey(blocked)]: 1 },
      },
    };
    const { store, diagnostic } = migrate(raw);
    expect(store).toEqual(increment(emptyStore(), blocked, TODAY, 2));
    expect(diagnostic).toMatch(/7 invalid entries dropped/);
    expect(diagnostic).not.toContain('Anna');
    expect(diagnostic).not.toContain('anna');
  });

  it.each([
    ['a string', 'garbage'],
    ['an array', []],
    ['a number', 42],
    ['an unknown version', { version: 3, days: {} }],
    ['days that are not an object', { version: 2, days: [] }],
    ['version 1 days that are not an object', { version: 1, days: [] }],
    ['an invalid reportedThrough', { version: 2, days: {}, reportedThrough: 'yesterday' }],
    ['an invalid version 1 reportedThrough', { version: 1, days: {}, reportedThrough: 'yesterday' }],
    ['version 0 counts that are not an object', { counts: 'x' }],
  ])('resets %s to empty with a diagnostic', (_what, raw) => {
    const { store, diagnostic } = migrate(raw);
    expect(store).toEqual(emptyStore());
    expect(diagnostic).toMatch(/reset to empty/);
  });

  it('never throws, and what it returns is valid and stable (property)', () => {
    const storeLike = fc.record(
      {
        version: fc.constantFrom(1, 0, 2, 3, '2'),
        days: fc.dictionary(
          fc.oneof(fc.string(), fc.constant(TODAY)),
          fc.dictionary(fc.oneof(fc.string(), fc.constantFrom(seriesKey(blocked), seriesKey(sentAnyway), 'email|warned|other|built-in')), fc.jsonValue()),
        ),
        reportedThrough: fc.string(),
        counts: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), storeLike), (raw) => {
        const { store } = migrate(raw);
        expect(migrate(JSON.parse(JSON.stringify(store)))).toEqual({ store });
      }),
      { numRuns: 500 },
    );
  });

  it('does not let "__proto__" keys reach the prototype', () => {
    const { store } = migrate(JSON.parse(`{"version":2,"days":{"__proto__":{"x":1},"${TODAY}":{"__proto__":{"polluted":1}}}}`));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(store).toEqual(emptyStore());
  });
});

describe('totals for the dashboard', () => {
  const store = [
    [blocked, TODAY, 3],
    [warned, TODAY, 2],
    [degraded, TODAY, 1],
    [blocked, addDays(TODAY, -1), 5],
    [sentAnyway, addDays(TODAY, -1), 2],
  ].reduce<CounterStore>((s, [event, day, n]) => increment(s, event as CounterEvent, day as string, n as number), emptyStore());

  it("gives today's total with every action and category present", () => {
    const totals = todayTotals(store, TODAY);
    expect(totals.total).toBe(6);
    expect(Object.keys(totals.byAction)).toEqual([...COUNTER_ACTIONS]);
    expect(Object.keys(totals.byCategory)).toEqual([...CATEGORIES, 'none']);
    expect(totals.byAction.blocked).toBe(3);
    expect(totals.byCategory.health).toBe(2);
    expect(totals.byCategory.none).toBe(1);
    expect(todayTotals(emptyStore(), TODAY).total).toBe(0);
  });

  it('gives totals per day, oldest first, and per label over a range', () => {
    expect(totalsByDay(store).map((r) => [r.day, r.total, r.byAction.blocked])).toEqual([
      [addDays(TODAY, -1), 7, 5],
      [TODAY, 6, 3],
    ]);
    expect(totalsBy(store, 'site')).toEqual([
      { value: 'chatgpt.com', total: 8 },
      { value: 'claude.ai', total: 4 },
      { value: 'other', total: 1 },
    ]);
    expect(totalsBy(store, 'category', { from: TODAY })[0]).toEqual({ value: 'personnummer', total: 3 });
    expect(totalsBy(store, 'rule')).toEqual([
      { value: 'personnummer.valid', total: 8 },
      { value: 'none', total: 3 },
      { value: 'custom.projekt-nordstjarna', total: 2 },
    ]);
    expect(totalsBy(store, 'reason')).toEqual([
      { value: 'none', total: 11 },
      { value: 'own-data', total: 2 },
    ]);
    expect(LABEL_KEYS).toContain('site');
  });

  it('gives totals per combination of labels, filtered', () => {
    expect(totalsByLabels(store, ['rule', 'category'], { action: 'blocked' })).toEqual([
      { values: { rule: 'personnummer.valid', category: 'personnummer' }, total: 8 },
    ]);
    expect(totalsByLabels(store, ['reason'], { action: 'sent-anyway' }, { to: addDays(TODAY, -1) })).toEqual([{ values: { reason: 'own-data' }, total: 2 }]);
    expect(totalsByLabels(store, ['reason'], { action: 'sent-anyway' }, { from: TODAY })).toEqual([]);
    const all = totalsByLabels(store, ['action']);
    expect(all.reduce((sum, row) => sum + row.total, 0)).toBe(sumAll(store));
  });
});
