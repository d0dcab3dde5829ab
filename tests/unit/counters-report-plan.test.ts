import { describe, expect, it } from 'vitest';
import { LABEL_KEYS, builtInSiteHosts } from '../../lib/counters/catalogue';
import { toOtlpRequest } from '../../lib/counters/otlp';
import {
  BACKOFF_BASE_MS,
  BACKOFF_MAX_MS,
  JITTER_FRACTION,
  MAX_DAYS_PER_REPORT,
  MIN_DELAY_MS,
  backoffDelayMs,
  daysToReport,
  jitteredDelayMs,
  markReported,
  metricsUrl,
  responseOutcome,
} from '../../lib/counters/report-plan';
import { addDays, emptyStore, increment, prune, seriesKey, type CounterStore, type LastReport } from '../../lib/counters/store';
import { decodeOtlpJson } from '../support/otlp-decode';
import { finding, seeded, simulatedBrowserEvents } from './counter-fixtures';

const HOSTS = builtInSiteHosts();
const TODAY = '2026-11-24';
const event = finding({ category: 'personnummer', action: 'blocked', site: 'chatgpt.com', source: 'built-in', rule: 'personnummer.valid' });
const report = (day: string): LastReport => ({ sentAt: `${day}T01:00:00.000Z`, endpoint: 'https://otel.example.se/v1/metrics', body: '{}' });

function storeWithDays(offsets: number[]): CounterStore {
  return offsets.reduce((s, offset) => increment(s, event, addDays(TODAY, offset)), emptyStore());
}

describe('daysToReport', () => {
  it('gives completed days only, oldest first, after reportedThrough', () => {
    const store = storeWithDays([0, -1, -5, -3, 2]);
    expect(daysToReport(store, TODAY)).toEqual([addDays(TODAY, -5), addDays(TODAY, -3), addDays(TODAY, -1)]);
    expect(daysToReport({ ...store, reportedThrough: addDays(TODAY, -3) }, TODAY)).toEqual([addDays(TODAY, -1)]);
    expect(daysToReport({ ...store, reportedThrough: addDays(TODAY, -1) }, TODAY)).toEqual([]);
    expect(daysToReport(emptyStore(), TODAY)).toEqual([]);
  });

  it('caps a request at a month of days', () => {
    const store = storeWithDays(Array.from({ length: 80 }, (_, i) => -80 + i));
    const days = daysToReport(store, TODAY);
    expect(days).toHaveLength(MAX_DAYS_PER_REPORT);
    expect(days[0]).toBe(addDays(TODAY, -80));
  });

  it('goes on reporting after the clock was ahead', () => {
    const store = { ...storeWithDays([-1, 0]), reportedThrough: '2031-05-01' };
    expect(daysToReport(store, TODAY)).toEqual([]);
    const tomorrow = addDays(TODAY, 1);
    // prune() on the next write pulls reportedThrough back to yesterday; today's counts follow.
    expect(daysToReport(prune(store, TODAY, 90), tomorrow)).toEqual([TODAY]);
  });
});

describe('a failed send', () => {
  it('keeps its days pending; an accepted one is not sent again', () => {
    const store = storeWithDays([-3, -2, -1]);
    const pending = daysToReport(store, TODAY);
    // A failed POST changes nothing in the store, so the next run plans the same days.
    expect(daysToReport(store, TODAY)).toEqual(pending);
    const sent = markReported(store, pending.at(-1)!, report(TODAY));
    expect(daysToReport(sent, TODAY)).toEqual([]);
    expect(daysToReport(increment(sent, event, TODAY), addDays(TODAY, 1))).toEqual([TODAY]);
  });
});

describe('markReported', () => {
  it('moves reportedThrough forward only, and keeps the last report', () => {
    const store = markReported(storeWithDays([-2, -1]), addDays(TODAY, -1), report(TODAY));
    expect(store.reportedThrough).toBe(addDays(TODAY, -1));
    expect(store.lastReport).toEqual(report(TODAY));
    expect(markReported(store, addDays(TODAY, -2)).reportedThrough).toBe(addDays(TODAY, -1));
    expect(markReported(store, addDays(TODAY, -2)).lastReport).toEqual(report(TODAY));
    expect(() => markReported(store, 'today', report(TODAY))).toThrow(/UTC day/);
  });
});

describe('a reporter over 60 days', () => {
  it('delivers every completed day exactly once, with failed sends kept pending', () => {
    const random = seeded(99);
    let store = emptyStore();
    const counted = new Map<string, number>(); // day#series → count, as the browser counted it
    const received = new Map<string, number>(); // the same, summed from accepted OTLP bodies
    const start = '2026-09-01';
    let failures = 0;
    /** One accepted report: the receiver sums the deltas, the browser marks the days. */
    const deliver = (today: string) => {
      const days = daysToReport(store, today);
      if (!days.length) return;
      expect(days.every((day) => day < today)).toBe(true);
      const body = JSON.stringify(toOtlpRequest(store, { days, serviceVersion: '0.1.0' }).request);
      for (const point of decodeOtlpJson(body).resourceMetrics[0]!.scopeMetrics[0]!.metrics[0]!.sum.dataPoints) {
        const day = new Date(Number(BigInt(point.startTimeUnixNano) / 1_000_000n)).toISOString().slice(0, 10);
        const labels = Object.fromEntries(point.attributes.map((a) => [a.key, a.value.stringValue]));
        const key = `${day}#${LABEL_KEYS.map((k) => labels[k]).join('|')}`;
        received.set(key, (received.get(key) ?? 0) + Number(point.asInt));
      }
      store = markReported(store, days.at(-1)!, report(today));
    };
    for (let d = 0; d < 60; d++) {
      const today = addDays(start, d);
      for (const [, e, n] of simulatedBrowserEvents(random, { days: [today], hosts: HOSTS, events: Math.floor(random() * 30) })) {
        store = increment(store, e, today, n);
        const key = `${today}#${seriesKey(e)}`;
        counted.set(key, (counted.get(key) ?? 0) + n);
      }
      // Some days the reporter runs several times; a third of the sends fail.
      for (let run = 0; run < 1 + Math.floor(random() * 3); run++) {
        if (random() < 0.33) {
          if (daysToReport(store, today).length) failures++;
          continue; // nothing marked: the days stay pending
        }
        deliver(today);
      }
    }
    // The day after: one last run that succeeds, so every counted day is complete and sent.
    const end = addDays(start, 60);
    while (daysToReport(store, end).length) deliver(end);
    expect(failures).toBeGreaterThan(0);
    expect(received).toEqual(counted);
    expect(daysToReport(store, end)).toEqual([]);
  });
});

describe('delays', () => {
  it('back off exponentially with full jitter, between 30 s and 6 h', () => {
    for (let failures = 1; failures <= 40; failures++) {
      const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (failures - 1));
      expect(backoffDelayMs(failures, () => 0)).toBe(MIN_DELAY_MS);
      expect(backoffDelayMs(failures, () => 0.999999)).toBe(Math.max(MIN_DELAY_MS, Math.floor(0.999999 * ceiling)));
      expect(backoffDelayMs(failures, () => 0.5)).toBeLessThanOrEqual(BACKOFF_MAX_MS);
    }
    expect(backoffDelayMs(3, () => 0.5)).toBe(2 * backoffDelayMs(2, () => 0.5));
    expect(() => backoffDelayMs(0, Math.random)).toThrow(/failures/);
    expect(() => backoffDelayMs(1, () => 1)).toThrow(/random/);
  });

  it('jitter the regular interval by at most ±20 %', () => {
    const minutes = 60;
    const base = minutes * 60_000;
    expect(jitteredDelayMs(minutes, () => 0)).toBe(Math.round(base * (1 - JITTER_FRACTION)));
    expect(jitteredDelayMs(minutes, () => 0.5)).toBe(base);
    const random = seeded(1);
    for (let i = 0; i < 200; i++) {
      const delay = jitteredDelayMs(minutes, random);
      expect(delay).toBeGreaterThanOrEqual(base * (1 - JITTER_FRACTION));
      expect(delay).toBeLessThanOrEqual(base * (1 + JITTER_FRACTION));
    }
    expect(jitteredDelayMs(0.1, () => 0)).toBe(MIN_DELAY_MS);
    expect(() => jitteredDelayMs(0, Math.random)).toThrow(/intervalMinutes/);
  });
});

describe('metricsUrl', () => {
  it.each([
    ['https://otel.example.se', 'https://otel.example.se/v1/metrics'],
    ['https://otel.example.se/', 'https://otel.example.se/v1/metrics'],
    ['https://otel.example.se:4318/otlp/', 'https://otel.example.se:4318/otlp/v1/metrics'],
    ['https://otel.example.se//otlp//', 'https://otel.example.se/otlp/v1/metrics'],
    ['https://otel.example.se/v1/metrics', 'https://otel.example.se/v1/metrics'],
    ['http://localhost:4318', 'http://localhost:4318/v1/metrics'],
    ['http://127.0.0.1:9090/api/v1/otlp', 'http://127.0.0.1:9090/api/v1/otlp/v1/metrics'],
  ])('%s → %s', (endpoint, url) => {
    expect(metricsUrl(endpoint)).toBe(url);
  });

  it.each([
    ['plain http to another host', 'http://otel.example.se', /https/],
    ['another scheme', 'ftp://otel.example.se', /https/],
    ['credentials in the address', 'https://user:secret@otel.example.se', /user name or password/],
    ['a query', 'https://otel.example.se/?token=x', /query/],
    ['a fragment', 'https://otel.example.se/#x', /fragment/],
    ['not a URL', 'otel.example.se', /not a valid URL/],
  ])('refuses %s', (_what, endpoint, message) => {
    expect(() => metricsUrl(endpoint)).toThrow(message);
  });
});

describe('responseOutcome', () => {
  it('accepts 2xx, drops what the receiver calls invalid (400), retries the rest', () => {
    expect([200, 202, 204].map(responseOutcome)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(responseOutcome(400)).toBe('rejected');
    expect([401, 403, 404, 429, 500, 502, 503, 504].map(responseOutcome).every((o) => o === 'retry')).toBe(true);
  });
});
