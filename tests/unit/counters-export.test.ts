import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInSiteHosts, type CounterEvent } from '../../lib/counters/catalogue';
import { CSV_COLUMNS, csvField, toCsv, toJsonExport } from '../../lib/counters/export';
import { addDays, emptyStore, increment, seriesKey, type CounterStore } from '../../lib/counters/store';
import { arbitraryEvent, finding } from './counter-fixtures';

const HOSTS = builtInSiteHosts();
const DAY = '2026-11-23';

const events = fc.sample(
  fc.tuple(
    arbitraryEvent(HOSTS),
    fc.integer({ min: -5, max: 0 }),
    fc.integer({ min: 1, max: 99 }),
  ),
  { numRuns: 80, seed: 5 },
);
const store = events.reduce<CounterStore>((s, [event, offset, n]) => increment(s, event, addDays(DAY, offset), n), emptyStore());

/** A small RFC 4180 reader, enough to read back what toCsv writes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}

describe('exports', () => {
  it('CSV: header, CRLF lines, one row per day and series, sorted', () => {
    const csv = toCsv(store);
    expect(csv.split('\r\n')[0]).toBe('day,category,action,site,source,rule,reason,count');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const [header, ...rows] = parseCsv(csv);
    expect(header).toEqual([...CSV_COLUMNS]);
    const entries = Object.values(store.days).reduce((n, series) => n + Object.keys(series).length, 0);
    expect(rows).toHaveLength(entries);
    for (const [day, category, action, site, source, rule, reason, count] of rows as string[][]) {
      const key = seriesKey({ category, action, site, source, rule, reason } as CounterEvent);
      expect(Number(count)).toBe(store.days[day!]?.[key]);
    }
    const sortKeys = rows.map((r) => r.slice(0, 7).join('\u0000'));
    expect(sortKeys).toEqual([...sortKeys].sort());
  });

  it('CSV quotes fields as RFC 4180 says', () => {
    expect(csvField('chatgpt.com')).toBe('chatgpt.com');
    expect(csvField(12)).toBe('12');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hej"')).toBe('"say ""hej"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(parseCsv(`${csvField('a,"b"')},x\r\n`)).toEqual([['a,"b"', 'x']]);
  });

  it('CSV of an empty store is the header alone', () => {
    expect(toCsv(emptyStore())).toBe('day,category,action,site,source,rule,reason,count\r\n');
  });

  it('CSV carries the rule and reason labels', () => {
    const one = finding({ category: 'health', action: 'sent-anyway', site: 'claude.ai', source: 'custom', rule: 'custom.projekt-nordstjarna', reason: 'own-data' });
    const csv = toCsv(increment(emptyStore(), one, DAY, 1));
    expect(csv.split('\r\n')[1]).toBe(`${DAY},health,sent-anyway,claude.ai,custom,custom.projekt-nordstjarna,own-data,1`);
    expect(toJsonExport(increment(emptyStore(), one, DAY, 1))).toEqual([{ day: DAY, ...one, count: 1 }]);
  });

  it('JSON: the same rows with the same fields, and it rebuilds the store', () => {
    const rows = toJsonExport(store);
    const [, ...csvRows] = parseCsv(toCsv(store));
    expect(rows.map((r) => CSV_COLUMNS.map((c) => String(r[c])))).toEqual(csvRows);
    const rebuilt = rows.reduce<CounterStore>(
      (s, { day, count, ...labels }) => increment(s, labels as CounterEvent, day, count),
      emptyStore(),
    );
    expect(rebuilt.days).toEqual(store.days);
  });
});
