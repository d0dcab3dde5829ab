/**
 * Pure decisions for the reporter (the background does the alarms and the fetch):
 * which days to send, what to record after a send, how long to wait.
 *
 * API
 *   daysToReport(store, today, maxDays = 31): string[]     completed, unreported days with counts, oldest first
 *   markReported(store, throughDay, lastReport?): CounterStore
 *   backoffDelayMs(failures, random): number               after the n-th failure in a row
 *   jitteredDelayMs(intervalMinutes, random): number        the regular interval ±20 %
 *   metricsUrl(endpoint): string                           '<endpoint>/v1/metrics'
 *   responseOutcome(status): 'accepted' | 'rejected' | 'retry'   what an HTTP status means for the days
 *
 * The reporter's loop: days = daysToReport(); if none, wait; else build toOtlpRequest(days), POST
 * it (or skip the POST when the days hold no data point); on 'accepted' (or 'rejected')
 * writer.update(s => markReported(s, last day, …)); on 'retry' or a network error keep the days
 * pending and wait backoffDelayMs(failures). A day is marked only after the receiver accepted it, so a failed send
 * loses nothing; a day is sent twice only if the receiver accepted it and the response was lost.
 */
import { addDays, isUtcDay, type CounterStore, type LastReport } from './store';

/** At most a month per request, so a browser that was offline for long catches up in steps. */
export const MAX_DAYS_PER_REPORT = 31;
/** chrome.alarms does not fire sooner than 30 s; shorter delays would only be rounded up. */
export const MIN_DELAY_MS = 30_000;
export const BACKOFF_BASE_MS = 60_000;
export const BACKOFF_MAX_MS = 6 * 60 * 60_000;
export const JITTER_FRACTION = 0.2;

function assertDay(day: string, what: string): void {
  if (!isUtcDay(day)) throw new Error(`Promptvakt counters: ${what} must be a UTC day 'YYYY-MM-DD'`);
}

/**
 * Completed UTC days (strictly before today) after `reportedThrough` that have counts, oldest
 * first, at most `maxDays`. Today is never reported: it is not over, and a delta must be final.
 * A reportedThrough at or after today (clock was ahead) counts as yesterday, as prune() does.
 */
export function daysToReport(store: CounterStore, today: string, maxDays = MAX_DAYS_PER_REPORT): string[] {
  assertDay(today, 'daysToReport() today');
  const yesterday = addDays(today, -1);
  const through = store.reportedThrough === undefined ? undefined : store.reportedThrough < yesterday ? store.reportedThrough : yesterday;
  return Object.keys(store.days)
    .filter((day) => day < today && (through === undefined || day > through))
    .filter((day) => Object.keys(store.days[day]!).length > 0)
    .sort()
    .slice(0, Math.max(0, maxDays));
}

/**
 * Records an accepted report of every day up to `throughDay` (the last of daysToReport's days).
 * reportedThrough never moves back: a repeated or late call cannot make days be sent again.
 * Without `lastReport` (nothing was sent: the days held no data point) the previous one stays.
 */
export function markReported(store: CounterStore, throughDay: string, lastReport?: LastReport): CounterStore {
  assertDay(throughDay, 'markReported() throughDay');
  const current = store.reportedThrough;
  const next: CounterStore = { ...store, reportedThrough: current !== undefined && current > throughDay ? current : throughDay };
  if (lastReport) next.lastReport = lastReport;
  return next;
}

function assertRandom(value: number): number {
  if (!(value >= 0 && value < 1)) throw new Error('Promptvakt counters: random() must return a number in [0, 1)');
  return value;
}

/**
 * Delay before the next try after `failures` failures in a row (1, 2, …): exponential with full
 * jitter, i.e. a random delay up to 1 min, 2 min, 4 min, … capped at 6 h, and at least 30 s.
 * Full jitter spreads out browsers that failed together (a receiver that was down), so they do
 * not all come back at the same moment.
 */
export function backoffDelayMs(failures: number, random: () => number): number {
  if (!Number.isSafeInteger(failures) || failures < 1) throw new Error('Promptvakt counters: failures must be a positive integer');
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 30));
  return Math.max(MIN_DELAY_MS, Math.floor(assertRandom(random()) * ceiling));
}

/**
 * The regular report interval with up to ±20 % jitter, so browsers started by the same login
 * script do not all report in the same minute. At least 30 s.
 */
export function jitteredDelayMs(intervalMinutes: number, random: () => number): number {
  if (!(Number.isFinite(intervalMinutes) && intervalMinutes > 0)) throw new Error('Promptvakt counters: intervalMinutes must be a positive number');
  const factor = 1 + (assertRandom(random()) * 2 - 1) * JITTER_FRACTION;
  return Math.max(MIN_DELAY_MS, Math.round(intervalMinutes * 60_000 * factor));
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * '<endpoint>/v1/metrics' without a double slash. An endpoint that already ends in /v1/metrics is
 * used as it is (an admin may paste the full address). Only https is allowed, except plain http
 * to localhost/127.0.0.1/[::1] for tests: counts must not cross a network unencrypted. User
 * names, passwords, query strings and fragments are refused: credentials belong in the optional
 * header, not in an address that ends up in logs.
 */
export function metricsUrl(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new Error('Promptvakt counters: the report endpoint is not a valid URL');
  }
  const local = url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !local)
    throw new Error('Promptvakt counters: the report endpoint must use https:// (http:// only for localhost)');
  if (url.username || url.password) throw new Error('Promptvakt counters: the report endpoint must not contain a user name or password');
  if (url.search || url.hash || endpoint.includes('?') || endpoint.includes('#'))
    throw new Error('Promptvakt counters: the report endpoint must not have a query (?…) or fragment (#…)');
  const path = url.pathname.replace(/\/{2,}/g, '/').replace(/\/$/, '');
  const full = path.endsWith('/v1/metrics') ? path : `${path}/v1/metrics`;
  return `${url.origin}${full}`;
}

export type ResponseOutcome = 'accepted' | 'rejected' | 'retry';

/**
 * What an HTTP status from the receiver means for the days in the request (OTLP/HTTP spec):
 * - 2xx 'accepted' (a partial-success body still counts as accepted: OTLP says not to resend);
 * - 400 'rejected': the receiver says this data is invalid and must not be sent again. The days
 *   are marked as reported (dropped) so one bad day cannot block every later day forever; the
 *   dashboard should show it (lastReport / a diagnostic);
 * - anything else 'retry' with backoff: 429/502/503/504 are transient, and 401/403/404/5xx are
 *   usually a wrong endpoint or credential that an admin fixes. Pending days wait meanwhile (up
 *   to the retention). A Retry-After header, if any, can lengthen the delay.
 */
export function responseOutcome(status: number): ResponseOutcome {
  if (status >= 200 && status < 300) return 'accepted';
  if (status === 400) return 'rejected';
  return 'retry';
}
