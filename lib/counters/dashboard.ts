/**
 * The numbers behind the statistics tab of the options page, without React or
 * the DOM: the period's totals per category, site, outcome and day, false
 * alarms per rule, "sent anyway" per reason, the export
 * files, what the next report to the organisation would hold, and its body
 * made readable. The page (components/OptionsStats.tsx) only draws them.
 */
import { COUNTER_ACTIONS, NONE, type CounterAction, type CounterCategory, type CounterReason } from './catalogue';
import { toCsv, toJsonExport } from './export';
import { toOtlpRequest } from './otlp';
import { daysToReport, metricsUrl } from './report-plan';
import { addDays, totalsBy, totalsByDay, totalsByLabels, type CounterStore, type DayRange } from './store';

export const PERIODS = [7, 30, 90] as const;
export type PeriodDays = (typeof PERIODS)[number];
export const DEFAULT_PERIOD: PeriodDays = 30;

/**
 * The outcomes that mean "Promptvakt found something": a dialog was shown
 * (warned, blocked) or a finding was recorded without one (logged). What the
 * user chose next (masked, sent anyway, edited) follows a warned or blocked
 * event for the same prompt, so counting it too would count a finding twice.
 */
export const FINDING_ACTIONS: readonly CounterAction[] = ['warned', 'blocked', 'logged'];

export interface StatsData {
  /** The period's first and last UTC day (inclusive). */
  from: string;
  to: string;
  /** Every day of the period, oldest first. */
  days: string[];
  /** All counted events in the period (every outcome). */
  total: number;
  /** Findings (FINDING_ACTIONS) per category, largest first; never 'none'. */
  byCategory: { value: CounterCategory; total: number }[];
  /** Findings per site label, largest first. */
  bySite: { value: string; total: number }[];
  /** Every outcome's total in the period (0 if none). */
  byAction: Record<CounterAction, number>;
  /** One row per day that has counts, oldest first. */
  byDay: { day: string; total: number; byAction: Record<CounterAction, number> }[];
  /**
   * "This is wrong" reports per rule (and the rule's category), largest first; rule 'none' for
   * a rule the policy did not know. Sums to byAction['false-alarm'].
   */
  falseAlarmsByRule: { rule: string; category: CounterCategory; total: number }[];
  /** "Send anyway" per reason chosen, largest first; 'none' if none was given. Sums to byAction['sent-anyway']. */
  sentAnywayByReason: { reason: CounterReason; total: number }[];
}

/** Only the series whose outcome is a finding. */
function findingsOnly(store: CounterStore): CounterStore {
  const days: CounterStore['days'] = {};
  for (const [day, series] of Object.entries(store.days)) {
    const kept = Object.entries(series).filter(([key]) => (FINDING_ACTIONS as readonly string[]).includes(key.split('|')[1] ?? ''));
    if (kept.length) days[day] = Object.fromEntries(kept);
  }
  return { ...store, days };
}

/** The dashboard's numbers for the `periodDays` UTC days up to and including `today`. */
export function statsFor(store: CounterStore, today: string, periodDays: number): StatsData {
  const from = addDays(today, -(periodDays - 1));
  const range: DayRange = { from, to: today };
  const days = Array.from({ length: periodDays }, (_, i) => addDays(from, i));
  const findings = findingsOnly(store);
  const byAction = Object.fromEntries(COUNTER_ACTIONS.map((a) => [a, 0])) as Record<CounterAction, number>;
  let total = 0;
  for (const { value, total: n } of totalsBy(store, 'action', range)) {
    byAction[value as CounterAction] += n;
    total += n;
  }
  return {
    from,
    to: today,
    days,
    total,
    byCategory: totalsBy(findings, 'category', range)
      .filter((row) => row.value !== NONE)
      .map((row) => ({ value: row.value as CounterCategory, total: row.total })),
    bySite: totalsBy(findings, 'site', range),
    byAction,
    byDay: totalsByDay(store, range),
    falseAlarmsByRule: totalsByLabels(store, ['rule', 'category'], { action: 'false-alarm' }, range).map(({ values, total }) => ({
      rule: values.rule,
      category: values.category as CounterCategory,
      total,
    })),
    sentAnywayByReason: totalsByLabels(store, ['reason'], { action: 'sent-anyway' }, range).map(({ values, total }) => ({
      reason: values.reason as CounterReason,
      total,
    })),
  };
}

export type ExportKind = 'csv' | 'json';

export interface ExportFile {
  filename: string;
  /** MIME type of the download. */
  type: string;
  content: string;
}

/** 'YYYY-MM-DD' of `date` in local time (the date the person exporting sees). */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The download for an export button: every stored day (not only the period
 * shown), as CSV (lib/counters/export.ts, RFC 4180) or a JSON array of rows.
 */
export function exportFile(store: CounterStore, kind: ExportKind, now: Date = new Date()): ExportFile {
  const filename = `promptvakt-counters-${localDay(now)}.${kind}`;
  return kind === 'csv'
    ? { filename, type: 'text/csv;charset=utf-8', content: toCsv(store) }
    : { filename, type: 'application/json', content: `${JSON.stringify(toJsonExport(store), null, 2)}\n` };
}

/** End index of the object or array opening at `start` (string-aware), or -1. */
function closingIndex(json: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < json.length; i++) {
    const c = json[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

const INLINE_WIDTH = 80;

/**
 * The report body with line breaks and indentation added, and nothing else
 * changed: strings, numbers and key order are copied character for character
 * (no parse and re-serialise), and an object or array that fits on a line is
 * kept exactly as sent. Text that is not JSON is returned unchanged.
 */
export function prettyJson(body: string): string {
  try {
    JSON.parse(body);
  } catch {
    return body;
  }
  const isSpace = (c: string | undefined) => c === ' ' || c === '\n' || c === '\r' || c === '\t';
  let out = '';
  let depth = 0;
  const newline = () => `\n${'  '.repeat(depth)}`;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (isSpace(c)) continue;
    if (c === '"') {
      const end = closingQuote(body, i);
      out += body.slice(i, end + 1);
      i = end;
    } else if (c === '{' || c === '[') {
      const end = closingIndex(body, i);
      if (end - i + 1 <= INLINE_WIDTH) {
        out += body.slice(i, end + 1);
        i = end;
      } else {
        depth++;
        out += c + newline();
      }
    } else if (c === '}' || c === ']') {
      depth--;
      out += newline() + c;
    } else if (c === ',') out += `,${newline()}`;
    else if (c === ':') out += ': ';
    else out += c;
  }
  return out;
}

function closingQuote(json: string, start: number): number {
  for (let i = start + 1; i < json.length; i++) {
    if (json[i] === '\\') i++;
    else if (json[i] === '"') return i;
  }
  return json.length - 1;
}

export interface PendingReport {
  /** Completed days not yet sent. */
  days: number;
  /** Data points those days will send (every count, however small). */
  dataPoints: number;
}

/** What the next reports would hold (all pending days); null if it cannot be worked out. */
export function pendingReport(store: CounterStore, today: string): PendingReport | null {
  try {
    const days = daysToReport(store, today, Number.MAX_SAFE_INTEGER);
    const { dataPoints } = toOtlpRequest(store, { days, serviceVersion: '0' });
    return { days: days.length, dataPoints };
  } catch {
    return null;
  }
}

/** The report URL, or null if the endpoint is not one Promptvakt would send to. */
export function reportUrl(endpoint: string): string | null {
  try {
    return metricsUrl(endpoint);
  } catch {
    return null;
  }
}
