/**
 * The local counter store: day totals per series, as one plain JSON object (what the background
 * keeps in extension storage). All functions are pure and return a new store.
 *
 *   interface CounterStore { version: 2; days: { 'YYYY-MM-DD': { 'category|action|site|source|rule|reason': n } };
 *                            reportedThrough?: 'YYYY-MM-DD'; lastReport?: { sentAt; endpoint; body } }
 *
 * API
 *   emptyStore(): CounterStore
 *   utcDay(date): string, isUtcDay(s): boolean, addDays(day, n): string
 *   seriesKey(event): string, parseSeriesKey(key, knownHosts?, knownRules?): CounterEvent
 *   increment(store, event, day, by = 1, knownHosts?, knownRules?): CounterStore
 *   prune(store, today, retentionDays, maxSeriesPerDay = 2000): CounterStore
 *   migrate(raw): { store; diagnostic? }                      never throws
 *   todayTotals(store, today), totalsByDay(store, range?), totalsBy(store, label, range?)
 *   totalsByLabels(store, labels, where?, range?)           totals per combination of labels, filtered
 *
 * Time is a UTC day and nothing finer, so a count cannot be matched to one person's prompt.
 */
import {
  COUNTER_ACTIONS,
  COUNTER_CATEGORIES,
  LABEL_KEYS,
  NONE,
  OTHER_SITE,
  labelProblem,
  type CounterAction,
  type CounterCategory,
  type CounterEvent,
  type LabelKey,
} from './catalogue';

/** 2: series keys gained rule and reason (catalogue version 2); version 1 stores are migrated on load. */
export const STORE_VERSION = 2;
export const DEFAULT_RETENTION_DAYS = 90;
export const DEFAULT_MAX_SERIES_PER_DAY = 2000;

export interface LastReport {
  /** ISO time the receiver accepted the report. */
  sentAt: string;
  /** The full metrics URL it went to. */
  endpoint: string;
  /** The exact JSON body sent, so an admin or employee can see what left the browser. */
  body: string;
}

export interface CounterStore {
  version: typeof STORE_VERSION;
  /** UTC day → series key → count (a positive safe integer). */
  days: Record<string, Record<string, number>>;
  /** The last UTC day whose counts were sent and accepted; later days are pending. */
  reportedThrough?: string;
  lastReport?: LastReport;
}

export function emptyStore(): CounterStore {
  return { version: STORE_VERSION, days: {} };
}

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' of `date` in UTC. */
export function utcDay(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new Error('Promptvakt counters: utcDay() got an invalid Date');
  return date.toISOString().slice(0, 10);
}

/** A real calendar day written 'YYYY-MM-DD' (2026-02-30 is not one). */
export function isUtcDay(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

function assertDay(day: string, what: string): void {
  if (!isUtcDay(day)) throw new Error(`Promptvakt counters: ${what} must be a UTC day 'YYYY-MM-DD'`);
}

/** The day `n` days after `day` (n may be negative). */
export function addDays(day: string, n: number): string {
  assertDay(day, 'addDays() day');
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS));
}

/** Series key 'category|action|site|source|rule|reason'. '|' never occurs in a catalogue value. */
export function seriesKey(event: CounterEvent): string {
  return LABEL_KEYS.map((key) => event[key]).join('|');
}

function labelsOfKey(key: string): Record<LabelKey, string> | null {
  const parts = key.split('|');
  if (parts.length !== LABEL_KEYS.length) return null;
  return Object.fromEntries(LABEL_KEYS.map((k, i) => [k, parts[i]])) as Record<LabelKey, string>;
}

/** The labels of a version 1 key 'category|action|site|source': that version had no rule or reason. */
const V1_LABEL_KEYS = ['category', 'action', 'site', 'source'] as const;
function labelsOfV1Key(key: string): Record<LabelKey, string> | null {
  const parts = key.split('|');
  if (parts.length !== V1_LABEL_KEYS.length) return null;
  return { ...(Object.fromEntries(V1_LABEL_KEYS.map((k, i) => [k, parts[i]])) as Record<(typeof V1_LABEL_KEYS)[number], string>), rule: NONE, reason: NONE };
}

/** The labels of a series key; throws if the key is outside the catalogue. */
export function parseSeriesKey(key: string, knownHosts?: readonly string[], knownRules?: readonly string[]): CounterEvent {
  const labels = labelsOfKey(key);
  const problem = labels ? labelProblem(labels, knownHosts, knownRules) : `a series key has ${LABEL_KEYS.length} parts joined by '|'`;
  if (problem) throw new Error(`Promptvakt counters: ${problem}`);
  return labels as CounterEvent;
}

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

/**
 * Adds `by` to the event's series on `day`. The event is validated first (against `knownHosts`
 * and `knownRules` when given, else any hostname or 'other' and any rule-label shape); a count
 * saturates at Number.MAX_SAFE_INTEGER.
 */
export function increment(
  store: CounterStore,
  event: CounterEvent,
  day: string,
  by = 1,
  knownHosts?: readonly string[],
  knownRules?: readonly string[],
): CounterStore {
  const problem = labelProblem(event, knownHosts, knownRules);
  if (problem) throw new Error(`Promptvakt counters: ${problem}`);
  assertDay(day, 'increment() day');
  if (!Number.isSafeInteger(by) || by < 1) throw new Error('Promptvakt counters: increment() by must be a positive integer');
  const key = seriesKey(event);
  const series = store.days[day] ?? {};
  const next = Math.min(Number.MAX_SAFE_INTEGER, (series[key] ?? 0) + by);
  return { ...store, days: { ...store.days, [day]: { ...series, [key]: next } } };
}

/**
 * Keeps the last `retentionDays` days up to and including `today` and bounds each day to
 * `maxSeriesPerDay` series, so storage stays small whatever happens:
 * - days older than the retention, and days after today (a clock that was wrong), are dropped;
 * - a day with too many series first folds its smallest per-site series into site 'other',
 *   then the smallest series' rule and reason into 'none' (totals per category and action stay
 *   exact); only if that is not enough are the smallest series dropped;
 * - a `reportedThrough` at or after today (set while the clock was ahead) is pulled back to
 *   yesterday, so reporting resumes. Days up to yesterday are never re-sent, so nothing is
 *   counted twice.
 */
export function prune(store: CounterStore, today: string, retentionDays: number, maxSeriesPerDay = DEFAULT_MAX_SERIES_PER_DAY): CounterStore {
  assertDay(today, 'prune() today');
  if (!Number.isSafeInteger(retentionDays) || retentionDays < 1) throw new Error('Promptvakt counters: retentionDays must be a positive integer');
  if (!Number.isSafeInteger(maxSeriesPerDay) || maxSeriesPerDay < 1) throw new Error('Promptvakt counters: maxSeriesPerDay must be a positive integer');
  const oldest = addDays(today, -(retentionDays - 1));
  const days: CounterStore['days'] = {};
  for (const day of Object.keys(store.days).sort()) {
    if (day < oldest || day > today) continue;
    const series = boundSeries(store.days[day]!, maxSeriesPerDay);
    if (Object.keys(series).length) days[day] = series;
  }
  const yesterday = addDays(today, -1);
  const next: CounterStore = { ...store, days };
  if (next.reportedThrough !== undefined && next.reportedThrough > yesterday) next.reportedThrough = yesterday;
  return next;
}

// Smallest first, then by key, so the result does not depend on insertion order.
const bySize = (a: [string, number], b: [string, number]) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1);

/**
 * Merges the smallest series into coarser ones until at most `max` are left: `coarser` gives
 * the labels a series is merged into, or null if it is coarse already. Counts are added, so
 * every total over the labels `coarser` keeps stays exact.
 */
function fold(out: Map<string, number>, max: number, coarser: (labels: Record<LabelKey, string>) => Record<LabelKey, string> | null): void {
  for (const [key, count] of [...out].sort(bySize)) {
    if (out.size <= max) return;
    const labels = labelsOfKey(key);
    const into = labels && coarser(labels);
    if (!into) continue;
    const intoKey = LABEL_KEYS.map((k) => into[k]).join('|');
    out.delete(key);
    out.set(intoKey, Math.min(Number.MAX_SAFE_INTEGER, (out.get(intoKey) ?? 0) + count));
  }
}

function boundSeries(series: Record<string, number>, max: number): Record<string, number> {
  const out = new Map(Object.entries(series));
  if (out.size <= max) return { ...series };
  fold(out, max, (labels) => (labels.site === OTHER_SITE ? null : { ...labels, site: OTHER_SITE }));
  fold(out, max, (labels) => (labels.rule === NONE && labels.reason === NONE ? null : { ...labels, rule: NONE, reason: NONE }));
  for (const [key] of [...out].sort(bySize)) {
    if (out.size <= max) break;
    out.delete(key);
  }
  return Object.fromEntries(out);
}

export interface MigrateResult {
  store: CounterStore;
  /** What was wrong with the stored value and what was done about it. Never contains stored values. */
  diagnostic?: string;
}

/**
 * Turns whatever was in storage into a valid store. Never throws.
 * - nothing stored → an empty store, no diagnostic;
 * - version 2 → checked entry by entry: an invalid day key, series key or count is dropped;
 * - version 1 (keys 'category|action|site|source', catalogue version 1) → the same checks, and
 *   each key gets rule 'none' and reason 'none' (version 1 did not count them). reportedThrough
 *   and lastReport are kept: days already sent stay sent. A clean upgrade is not a problem, so
 *   it gives no diagnostic;
 * - version 0 (no `version` field; `{ counts: { 'day|category|action|site|source': n } }`, the
 *   flat layout defined so that an upgrade path exists and is tested) → converted the same way;
 *   nothing in it was reported, so all of it is pending;
 * - anything else (not an object, an unknown version, `days` not an object, an invalid
 *   `reportedThrough`) → reset to empty. An invalid reportedThrough cannot be repaired without
 *   risking sending days twice, so the store is reset rather than guessed at.
 * Sites are checked for hostname shape only: the known-host list may have changed since.
 */
export function migrate(raw: unknown): MigrateResult {
  try {
    return migrateUnsafe(raw);
  } catch {
    return { store: emptyStore(), diagnostic: 'counter store could not be read; reset to empty' };
  }
}

function migrateUnsafe(raw: unknown): MigrateResult {
  if (raw === undefined || raw === null) return { store: emptyStore() };
  if (typeof raw !== 'object' || Array.isArray(raw)) return reset('counter store is not an object');
  const obj = raw as Record<string, unknown>;
  if (obj.version === undefined && 'counts' in obj) return fromV0(obj);
  if (obj.version !== STORE_VERSION && obj.version !== 1) return reset(`counter store has unknown version ${describeVersion(obj.version)}`);
  const keyLabels = obj.version === 1 ? labelsOfV1Key : labelsOfKey;
  const problems: string[] = [];
  if (typeof obj.days !== 'object' || obj.days === null || Array.isArray(obj.days)) return reset('counter store "days" is not an object');
  if (obj.reportedThrough !== undefined && !isUtcDay(obj.reportedThrough)) return reset('counter store "reportedThrough" is not a UTC day');
  const store: CounterStore = emptyStore();
  if (obj.reportedThrough !== undefined) store.reportedThrough = obj.reportedThrough as string;
  const lastReport = obj.lastReport;
  if (lastReport !== undefined) {
    const lr = lastReport as Partial<Record<keyof LastReport, unknown>> | null;
    if (lr && typeof lr.sentAt === 'string' && typeof lr.endpoint === 'string' && typeof lr.body === 'string')
      store.lastReport = { sentAt: lr.sentAt, endpoint: lr.endpoint, body: lr.body };
    else problems.push('an invalid lastReport was dropped');
  }
  const unknownKeys = Object.keys(obj).filter((k) => !['version', 'days', 'reportedThrough', 'lastReport'].includes(k));
  if (unknownKeys.length) problems.push(`${unknownKeys.length} unknown top-level field(s) dropped`);
  let dropped = 0;
  for (const [day, series] of Object.entries(obj.days as Record<string, unknown>)) {
    if (!isUtcDay(day) || typeof series !== 'object' || series === null || Array.isArray(series)) {
      dropped++;
      continue;
    }
    for (const [key, count] of Object.entries(series as Record<string, unknown>)) {
      if (!addEntry(store.days, day, keyLabels(key), count)) dropped++;
    }
  }
  if (dropped) problems.push(`${dropped} invalid entr${dropped === 1 ? 'y' : 'ies'} dropped`);
  return problems.length ? { store, diagnostic: `counter store: ${problems.join('; ')}` } : { store };
}

/**
 * Adds one stored entry to `days` (mutated: migrate builds a fresh object, and copying per entry
 * would be quadratic) if day, labels (read from its key) and count are valid; zero counts are
 * valid but not kept.
 */
function addEntry(days: CounterStore['days'], day: string, labels: Record<LabelKey, string> | null, count: unknown): boolean {
  if (!isUtcDay(day) || !isCount(count)) return false;
  if (!labels || labelProblem(labels)) return false;
  if (count === 0) return true;
  const canonical = seriesKey(labels as CounterEvent);
  const series = (days[day] ??= {});
  series[canonical] = Math.min(Number.MAX_SAFE_INTEGER, (series[canonical] ?? 0) + count);
  return true;
}

function fromV0(obj: Record<string, unknown>): MigrateResult {
  const counts = obj.counts;
  if (typeof counts !== 'object' || counts === null || Array.isArray(counts)) return reset('counter store (version 0) "counts" is not an object');
  const store = emptyStore();
  let dropped = 0;
  for (const [flatKey, count] of Object.entries(counts as Record<string, unknown>)) {
    const bar = flatKey.indexOf('|');
    if (bar < 0 || !addEntry(store.days, flatKey.slice(0, bar), labelsOfV1Key(flatKey.slice(bar + 1)), count)) dropped++;
  }
  const note = dropped ? `; ${dropped} invalid entr${dropped === 1 ? 'y' : 'ies'} dropped` : '';
  return { store, diagnostic: `counter store upgraded from version 0 to ${STORE_VERSION}${note}` };
}

function reset(reason: string): MigrateResult {
  return { store: emptyStore(), diagnostic: `${reason}; reset to empty` };
}

function describeVersion(v: unknown): string {
  return typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : `(${typeof v})`;
}

/** An inclusive range of UTC days; either end may be open. */
export interface DayRange {
  from?: string;
  to?: string;
}

function* entries(store: CounterStore, range: DayRange = {}): Generator<{ day: string; labels: Record<LabelKey, string>; count: number }> {
  for (const day of Object.keys(store.days).sort()) {
    if ((range.from && day < range.from) || (range.to && day > range.to)) continue;
    for (const [key, count] of Object.entries(store.days[day]!)) {
      const labels = labelsOfKey(key);
      if (labels) yield { day, labels, count };
    }
  }
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

export interface Totals {
  total: number;
  byAction: Record<CounterAction, number>;
  byCategory: Record<CounterCategory, number>;
}

/** Today's totals for the popup and dashboard; every action and category is present (0 if none). */
export function todayTotals(store: CounterStore, today: string): Totals {
  const totals: Totals = { total: 0, byAction: zeros(COUNTER_ACTIONS), byCategory: zeros(COUNTER_CATEGORIES) };
  for (const { labels, count } of entries(store, { from: today, to: today })) {
    totals.total += count;
    totals.byAction[labels.action as CounterAction] += count;
    totals.byCategory[labels.category as CounterCategory] += count;
  }
  return totals;
}

/** One row per stored day, oldest first: the day's total and its split by action. */
export function totalsByDay(store: CounterStore, range?: DayRange): { day: string; total: number; byAction: Record<CounterAction, number> }[] {
  const rows = new Map<string, { day: string; total: number; byAction: Record<CounterAction, number> }>();
  for (const { day, labels, count } of entries(store, range)) {
    const row = rows.get(day) ?? { day, total: 0, byAction: zeros(COUNTER_ACTIONS) };
    row.total += count;
    row.byAction[labels.action as CounterAction] += count;
    rows.set(day, row);
  }
  return [...rows.values()];
}

/** Totals per value of one label over a day range, largest first (ties by value). */
export function totalsBy(store: CounterStore, label: LabelKey, range?: DayRange): { value: string; total: number }[] {
  const sums = new Map<string, number>();
  for (const { labels, count } of entries(store, range)) sums.set(labels[label], (sums.get(labels[label]) ?? 0) + count);
  return [...sums].map(([value, total]) => ({ value, total })).sort((a, b) => b.total - a.total || (a.value < b.value ? -1 : 1));
}

/**
 * Totals per combination of `labels` over a day range, counting only series whose labels equal
 * `where` (e.g. { action: 'false-alarm' }); largest first, ties by the values in `labels` order.
 */
export function totalsByLabels<K extends LabelKey>(
  store: CounterStore,
  labels: readonly K[],
  where: Partial<Record<LabelKey, string>> = {},
  range?: DayRange,
): { values: Record<K, string>; total: number }[] {
  const sums = new Map<string, { values: Record<K, string>; total: number }>();
  const matches = (entry: Record<LabelKey, string>) => Object.entries(where).every(([k, v]) => entry[k as LabelKey] === v);
  for (const { labels: entry, count } of entries(store, range)) {
    if (!matches(entry)) continue;
    const values = Object.fromEntries(labels.map((k) => [k, entry[k]])) as Record<K, string>;
    const key = labels.map((k) => entry[k]).join('|');
    const row = sums.get(key) ?? { values, total: 0 };
    row.total += count;
    sums.set(key, row);
  }
  const order = (row: { values: Record<K, string> }) => labels.map((k) => row.values[k]).join('|');
  return [...sums.values()].sort((a, b) => b.total - a.total || (order(a) < order(b) ? -1 : 1));
}
