import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CATALOGUE_VERSION,
  COUNTER_ACTIONS,
  COUNTER_CATEGORIES,
  COUNTER_REASONS,
  COUNTER_SOURCES,
  LABEL_KEYS,
  METRICS,
  OTHER_SITE,
  builtInSiteHosts,
} from '../../lib/counters/catalogue';
import { toOtlpRequest } from '../../lib/counters/otlp';
import { addDays, emptyStore, increment, parseSeriesKey, type CounterStore } from '../../lib/counters/store';
import { decodeOtlpJson } from '../support/otlp-decode';
import { KNOWN_RULES, arbitraryEvent, finding } from './counter-fixtures';

const HOSTS = [...builtInSiteHosts(), 'ai.example.se'];
const DAY = '2026-11-23';
const VERSION = '0.1.0';
const NS_PER_DAY = 86_400_000_000_000n;

/** A store with counts from 1 to 50 on a few days around DAY. */
const arbitraryStore: fc.Arbitrary<CounterStore> = fc
  .array(fc.tuple(arbitraryEvent(HOSTS), fc.integer({ min: -3, max: 3 }), fc.integer({ min: 1, max: 50 })), { maxLength: 60 })
  .map((entries) => entries.reduce((store, [event, offset, n]) => increment(store, event, addDays(DAY, offset), n), emptyStore()));

function sampleStore(): CounterStore {
  return fc.sample(arbitraryStore.filter((s) => Object.keys(s.days).length > 2), { numRuns: 1, seed: 11 })[0]!;
}

function decode(store: CounterStore, days: string[]) {
  const { request, dataPoints } = toOtlpRequest(store, { days, serviceVersion: VERSION });
  const decoded = decodeOtlpJson(JSON.stringify(request));
  const metric = decoded.resourceMetrics[0]!.scopeMetrics[0]!.metrics[0]!;
  return { decoded, metric, dataPoints };
}

function attributesOf(point: { attributes: { key: string; value: { stringValue: string } }[] }): Record<string, string> {
  return Object.fromEntries(point.attributes.map((a) => [a.key, a.value.stringValue]));
}

describe('toOtlpRequest', () => {
  it('is a valid ExportMetricsServiceRequest with one delta sum and no identifying resource attributes', () => {
    const store = sampleStore();
    const { decoded, metric } = decode(store, Object.keys(store.days));
    expect(decoded.resourceMetrics).toHaveLength(1);
    expect(decoded.resourceMetrics[0]!.resource.attributes).toEqual([
      { key: 'service.name', value: { stringValue: 'promptvakt' } },
      { key: 'service.version', value: { stringValue: VERSION } },
    ]);
    expect(decoded.resourceMetrics[0]!.scopeMetrics[0]!.scope).toMatchObject({ name: 'promptvakt.counters', version: String(CATALOGUE_VERSION) });
    expect(metric).toMatchObject({ name: METRICS.detections.name, unit: METRICS.detections.unit });
    expect(metric.sum.aggregationTemporality).toBe(1);
    expect(metric.sum.isMonotonic).toBe(true);
  });

  it('has one data point per day and series, spanning exactly that UTC day', () => {
    const store = sampleStore();
    const days = Object.keys(store.days);
    const { metric, dataPoints } = decode(store, days);
    const expected = days.flatMap((day) => Object.entries(store.days[day]!).map(([key, count]) => ({ day, key, count })));
    expect(dataPoints).toBe(expected.length);
    expect(metric.sum.dataPoints).toHaveLength(expected.length);
    for (const point of metric.sum.dataPoints) {
      const start = BigInt(point.startTimeUnixNano);
      expect(BigInt(point.timeUnixNano) - start).toBe(NS_PER_DAY);
      expect(start % NS_PER_DAY).toBe(0n); // midnight UTC
      const day = new Date(Number(start / 1_000_000n)).toISOString().slice(0, 10);
      const labels = attributesOf(point);
      expect(Object.keys(labels)).toEqual([...LABEL_KEYS]);
      const key = LABEL_KEYS.map((k) => labels[k]).join('|');
      expect(Number(point.asInt)).toBe(store.days[day]?.[key]);
    }
    const sentTotal = metric.sum.dataPoints.reduce((sum, p) => sum + Number(p.asInt), 0);
    expect(sentTotal).toBe(expected.reduce((sum, e) => sum + e.count, 0));
  });

  it('sends every count, however small: nothing is held back below any threshold', () => {
    const one = finding({ category: 'health', action: 'sent-anyway', site: 'other', source: 'built-in', rule: 'health.about-person', reason: 'own-data' });
    const two = finding({ category: 'email', action: 'false-alarm', site: 'chatgpt.com', source: 'built-in', rule: 'email.address' });
    const store = increment(increment(emptyStore(), one, DAY, 1), two, DAY, 2);
    const { metric, dataPoints } = decode(store, [DAY]);
    expect(dataPoints).toBe(2);
    expect(metric.sum.dataPoints.map((p) => [attributesOf(p), p.asInt])).toEqual([
      [{ category: 'email', action: 'false-alarm', site: 'chatgpt.com', source: 'built-in', rule: 'email.address', reason: 'none' }, '2'],
      [{ category: 'health', action: 'sent-anyway', site: 'other', source: 'built-in', rule: 'health.about-person', reason: 'own-data' }, '1'],
    ]);
    // Whatever the store, the request holds exactly its points and its total.
    const sample = sampleStore();
    const days = Object.keys(sample.days);
    const all = days.flatMap((day) => Object.values(sample.days[day]!));
    const sent = decode(sample, days);
    expect(sent.dataPoints).toBe(all.length);
    expect(sent.metric.sum.dataPoints.reduce((sum, p) => sum + Number(p.asInt), 0)).toBe(all.reduce((a, b) => a + b, 0));
  });

  it('ignores a privacyThreshold passed the old way (the option no longer exists)', () => {
    const store = increment(emptyStore(), finding({ category: 'email', action: 'warned', site: 'other', source: 'built-in' }), DAY, 2);
    const options = { days: [DAY], serviceVersion: VERSION, privacyThreshold: 5 } as Parameters<typeof toOtlpRequest>[1];
    expect(toOtlpRequest(store, options).dataPoints).toBe(1);
  });

  it('includes only the days asked for', () => {
    const store = sampleStore();
    const [first] = Object.keys(store.days).sort();
    const { metric } = decode(store, [first!, '2020-01-01']);
    const start = (BigInt(Date.parse(`${first}T00:00:00Z`)) * 1_000_000n).toString();
    expect(metric.sum.dataPoints.length).toBe(Object.keys(store.days[first!]!).length);
    expect(metric.sum.dataPoints.every((p) => p.startTimeUnixNano === start)).toBe(true);
  });

  it('is still valid OTLP when the days asked for have no counts', () => {
    const store = increment(emptyStore(), finding({ category: 'email', action: 'warned', site: 'other', source: 'built-in' }), DAY, 2);
    const { metric, dataPoints } = decode(store, [addDays(DAY, -1)]);
    expect([dataPoints, metric.sum.dataPoints.length]).toEqual([0, 0]);
  });

  it('refuses bad options and a store with values outside the catalogue', () => {
    const store = sampleStore();
    const days = Object.keys(store.days);
    expect(() => toOtlpRequest(store, { days, serviceVersion: '0.1.0 (Anna)' })).toThrow(/serviceVersion/);
    expect(() => toOtlpRequest(store, { days: ['yesterday'], serviceVersion: VERSION })).toThrow(/UTC days/);
    const tampered = (key: string): CounterStore => ({ version: 2, days: { [DAY]: { [key]: 9 } } });
    const send = (key: string) => () => toOtlpRequest(tampered(key), { days: [DAY], serviceVersion: VERSION });
    expect(send('personnummer|blocked|640823-4174|built-in|none|none')).toThrow(/site/);
    expect(send('personnummer|blocked|other|built-in|640823-4174|none')).toThrow(/rule/);
    expect(send('personnummer|blocked|other|custom|custom.19640823-4174|none')).toThrow(/rule/);
    expect(send('personnummer|sent-anyway|other|built-in|none|Anna Svensson')).toThrow(/reason/);
    expect(send('personnummer|blocked|other|built-in')).toThrow(/6 parts/);
    const error = (() => {
      try {
        send('personnummer|sent-anyway|other|built-in|none|Anna Svensson 640823-4174')();
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(error).not.toMatch(/Anna|640823/);
  });

  it('never sends anything but catalogue values, count and time digits, and fixed keys (property)', () => {
    const metric = METRICS.detections;
    const fixedKeys = new Set([
      'resourceMetrics', 'resource', 'attributes', 'key', 'value', 'stringValue', 'scopeMetrics', 'scope', 'name', 'version',
      'metrics', 'description', 'unit', 'sum', 'aggregationTemporality', 'isMonotonic', 'dataPoints', 'startTimeUnixNano',
      'timeUnixNano', 'asInt',
    ]);
    const fixedStrings = new Set<string>([
      'service.name', 'promptvakt', 'service.version', VERSION, 'promptvakt.counters', String(CATALOGUE_VERSION),
      metric.name, metric.description, metric.unit, ...LABEL_KEYS,
      ...COUNTER_CATEGORIES, ...COUNTER_ACTIONS, ...COUNTER_SOURCES, ...COUNTER_REASONS, ...KNOWN_RULES, OTHER_SITE, ...HOSTS,
    ]);
    const check = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(check);
      if (typeof value === 'object' && value !== null) {
        for (const [key, child] of Object.entries(value)) {
          expect(fixedKeys.has(key), `key ${key}`).toBe(true);
          check(child);
        }
        return;
      }
      if (typeof value === 'string') expect(fixedStrings.has(value) || /^\d+$/.test(value), `value ${value}`).toBe(true);
      else expect([1, true]).toContain(value); // aggregationTemporality and isMonotonic
    };
    fc.assert(
      fc.property(arbitraryStore, (store) => {
        const days = [...Object.keys(store.days), DAY];
        const body = JSON.stringify(toOtlpRequest(store, { days, serviceVersion: VERSION }).request);
        check(JSON.parse(body));
        // Every data point's labels form a series key inside the catalogue.
        for (const point of decodeOtlpJson(body).resourceMetrics[0]!.scopeMetrics[0]!.metrics[0]!.sum.dataPoints) {
          const labels = attributesOf(point);
          expect(() => parseSeriesKey(LABEL_KEYS.map((key) => labels[key]).join('|'), HOSTS, KNOWN_RULES)).not.toThrow();
        }
      }),
      { numRuns: 150 },
    );
  });
});
