/**
 * Local exports of the counters for the dashboard's download buttons: the same rows as CSV or JSON.
 * They contain everything stored, with the same labels as the report.
 *
 * API
 *   exportRows(store): CounterRow[]   sorted by day, category, action, site, source, rule, reason
 *   toCsv(store): string              header day,category,action,site,source,rule,reason,count; RFC 4180
 *   toJsonExport(store): CounterRow[]
 *   csvField(value): string           one RFC 4180 field
 */
import { LABEL_KEYS, type CounterAction, type CounterCategory, type CounterReason, type CounterSource } from './catalogue';
import { parseSeriesKey, type CounterStore } from './store';

export const CSV_COLUMNS = ['day', ...LABEL_KEYS, 'count'] as const;

export interface CounterRow {
  day: string;
  category: CounterCategory;
  action: CounterAction;
  site: string;
  source: CounterSource;
  rule: string;
  reason: CounterReason;
  count: number;
}

function compareRows(a: CounterRow, b: CounterRow): number {
  for (const column of CSV_COLUMNS) {
    if (column === 'count') continue;
    if (a[column] !== b[column]) return a[column] < b[column] ? -1 : 1;
  }
  return 0;
}

export function exportRows(store: CounterStore): CounterRow[] {
  const rows: CounterRow[] = [];
  for (const [day, series] of Object.entries(store.days)) {
    for (const [key, count] of Object.entries(series)) {
      const { category, action, site, source, rule, reason } = parseSeriesKey(key);
      rows.push({ day, category, action, site, source, rule, reason, count });
    }
  }
  return rows.sort(compareRows);
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV with CRLF line ends (RFC 4180), header first, one line per (day, series). */
export function toCsv(store: CounterStore): string {
  const lines = [CSV_COLUMNS.join(','), ...exportRows(store).map((row) => CSV_COLUMNS.map((c) => csvField(row[c])).join(','))];
  return lines.join('\r\n') + '\r\n';
}

export function toJsonExport(store: CounterStore): CounterRow[] {
  return exportRows(store);
}
