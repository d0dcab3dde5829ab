/**
 * Counters that add up: 50 simulated browsers, each with its own store (seeded random counts over
 * several days, every kind of label, many counts of 1–3), each turned into the OTLP request it
 * would send. A receiver that keeps every data point and sums them at query time (group by all
 * labels and day) must get exactly the sum of the 50 stores: nothing dropped, nothing doubled.
 */
import { describe, expect, it } from 'vitest';
import { LABEL_KEYS, builtInSiteHosts } from '../../lib/counters/catalogue';
import { toOtlpRequest } from '../../lib/counters/otlp';
import { daysToReport } from '../../lib/counters/report-plan';
import { addDays, emptyStore, increment, type CounterStore } from '../../lib/counters/store';
import { decodeOtlpJson } from '../support/otlp-decode';
import { seeded, simulatedBrowserEvents } from './counter-fixtures';

const BROWSERS = 50;
const TODAY = '2026-11-24';
const DAYS = [-6, -5, -4, -3, -2, -1].map((offset) => addDays(TODAY, offset));
const HOSTS = [...builtInSiteHosts().slice(0, 6), 'ai.example.se'];

/** day#category|action|site|source|rule|reason → count */
type Totals = Map<string, number>;

function add(totals: Totals, key: string, count: number): void {
  totals.set(key, (totals.get(key) ?? 0) + count);
}

function storeOfBrowser(index: number): CounterStore {
  const random = seeded(1000 + index);
  const events = simulatedBrowserEvents(random, { days: DAYS, hosts: HOSTS, events: 20 + Math.floor(random() * 60) });
  return events.reduce((store, [day, event, count]) => increment(store, event, day, count), emptyStore());
}

/** What the browsers counted: every store's every (day, series). */
function storeTotals(stores: readonly CounterStore[]): Totals {
  const totals: Totals = new Map();
  for (const store of stores)
    for (const [day, series] of Object.entries(store.days)) for (const [key, count] of Object.entries(series)) add(totals, `${day}#${key}`, count);
  return totals;
}

/** The receiver at query time: every data point of every request, grouped by day and all labels. */
function queryTimeTotals(bodies: readonly string[]): { totals: Totals; points: number; ones: number } {
  const totals: Totals = new Map();
  let points = 0;
  let ones = 0;
  for (const body of bodies) {
    for (const resource of decodeOtlpJson(body).resourceMetrics)
      for (const scope of resource.scopeMetrics)
        for (const metric of scope.metrics) {
          for (const point of metric.sum.dataPoints) {
            const day = new Date(Number(BigInt(point.startTimeUnixNano) / 1_000_000n)).toISOString().slice(0, 10);
            const labels = Object.fromEntries(point.attributes.map((a) => [a.key, a.value.stringValue]));
            add(totals, `${day}#${LABEL_KEYS.map((k) => labels[k]).join('|')}`, Number(point.asInt));
            points++;
            if (point.asInt === '1') ones++;
          }
        }
  }
  return { totals, points, ones };
}

describe(`${BROWSERS} browsers reporting to one receiver`, () => {
  const stores = Array.from({ length: BROWSERS }, (_, i) => storeOfBrowser(i));
  const bodies = stores.map((store) => JSON.stringify(toOtlpRequest(store, { days: daysToReport(store, TODAY), serviceVersion: '0.1.0' }).request));

  it('sum, at query time, to exactly the sum of their stores', () => {
    const expected = storeTotals(stores);
    const { totals, points } = queryTimeTotals(bodies);
    expect(totals).toEqual(expected);
    // One data point per browser, day and series: points repeat across browsers and are added up.
    expect(points).toBe(stores.reduce((n, s) => n + Object.values(s.days).reduce((m, series) => m + Object.keys(series).length, 0), 0));
    expect(points).toBeGreaterThan(expected.size);
  });

  it('deliver the small counts: 1s and 2s arrive', () => {
    const { ones } = queryTimeTotals(bodies);
    const storedOnes = stores.reduce((n, s) => n + Object.values(s.days).flatMap((series) => Object.values(series)).filter((c) => c === 1).length, 0);
    expect(storedOnes).toBeGreaterThan(100);
    expect(ones).toBe(storedOnes);
  });

  it('cover every kind of label the simulation produces', () => {
    const keys = [...storeTotals(stores).keys()].map((k) => k.split('#')[1]!.split('|'));
    const values = (i: number) => new Set(keys.map((parts) => parts[i]!));
    expect(values(1).has('false-alarm')).toBe(true);
    expect(values(1).has('degraded')).toBe(true);
    expect([...values(4)].some((rule) => rule.startsWith('custom.'))).toBe(true);
    expect(values(4).has('none')).toBe(true);
    expect(values(5).size).toBeGreaterThan(3);
    expect(new Set([...storeTotals(stores).keys()].map((k) => k.split('#')[0]))).toEqual(new Set(DAYS));
  });
});
