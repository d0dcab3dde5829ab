#!/usr/bin/env node
/**
 * Sums Promptvakt's day counters from the OpenTelemetry Collector's file export (config.yaml in
 * this directory) into organisation totals, applies the privacy threshold k and prints CSV.
 * Node 20 or newer, no dependencies. docs/COUNTERS.md, "Receiving it", explains the why.
 *
 *   node sum-file-export.mjs [options] FILE...        (no FILE, or "-": read standard input)
 *
 *   --k N             leave out rows whose total is below N (default 5; 1 shows everything)
 *   --by LABELS       the labels to group by, comma-separated (default: all six,
 *                     category,action,site,source,rule,reason); fewer labels = coarser rows
 *   --period P        day (default), month (YYYY-MM) or all
 *   --from DAY        first UTC day to include, YYYY-MM-DD (inclusive)
 *   --to DAY          UTC day to stop at, YYYY-MM-DD (exclusive)
 *   --catalogue V     only points with this catalogue (OTLP scope) version, e.g. 2
 *
 * Example: false alarms per rule and month, k = 5:
 *   node sum-file-export.mjs --by action,rule --period month detections*.jsonl | grep false-alarm
 *
 * Input: the file exporter's JSON lines (format: json, no compression); each line is an OTLP
 * ExportMetricsServiceRequest. Give the current file and the rotated ones
 * (detections-<time>.jsonl) together; each point is in exactly one of them.
 *
 * Every data point of promptvakt.detections is ADDED: points from different browsers have the
 * same labels and the same timestamps (browsers send no identifier), so keeping one per series
 * and day would drop all the other browsers. The threshold k is applied to those sums, per
 * output row, never to one browser's count.
 *
 * Output: CSV with a header, "day" (or "month"/"period") first, then the labels, then "count",
 * sorted. Warnings (lines that are not JSON, points that are not exactly one UTC day, rows held
 * back by k) go to standard error, as numbers only: no content of the file is echoed.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const METRIC = 'promptvakt.detections';
const LABELS = ['category', 'action', 'site', 'source', 'rule', 'reason'];
const NS_PER_DAY = 86_400_000_000_000n;
const DELTA = new Set([1, '1', 'AGGREGATION_TEMPORALITY_DELTA']);
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

const USAGE = 'Usage: node sum-file-export.mjs [--k N] [--by LABELS] [--period day|month|all] [--from DAY] [--to DAY] [--catalogue V] FILE...\n';

function usage(message) {
  process.stderr.write(`sum-file-export: ${message}\n${USAGE}`);
  process.exit(2);
}

/** A JSON array, or nothing: the file may hold anything anyone POSTed to the collector. */
function list(value) {
  return Array.isArray(value) ? value : [];
}

function parseArgs(argv) {
  const options = { k: 5n, by: LABELS, period: 'day', from: undefined, to: undefined, catalogue: undefined, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${arg} needs a value`);
      return v;
    };
    if (arg === '--k') {
      const v = value();
      if (!/^\d{1,9}$/.test(v) || Number(v) < 1) usage('--k must be a whole number of at least 1');
      options.k = BigInt(v);
    } else if (arg === '--by') {
      const by = value().split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = by.filter((label) => !LABELS.includes(label));
      if (unknown.length || by.length === 0) usage(`--by takes labels from: ${LABELS.join(', ')}`);
      options.by = LABELS.filter((label) => by.includes(label)); // catalogue order, no duplicates
    } else if (arg === '--period') {
      const v = value();
      if (!['day', 'month', 'all'].includes(v)) usage('--period is day, month or all');
      options.period = v;
    } else if (arg === '--from' || arg === '--to') {
      const v = value();
      if (!DAY_RE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) usage(`${arg} takes a day YYYY-MM-DD`);
      options[arg.slice(2)] = v;
    } else if (arg === '--catalogue') {
      options.catalogue = value();
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else if (arg.startsWith('--')) {
      usage(`unknown option ${arg}`);
    } else {
      options.files.push(arg);
    }
  }
  if (options.files.length === 0) options.files.push('-');
  return options;
}

/** An OTLP JSON int64 (a decimal string, or a number from a lenient writer) as a BigInt, else null. */
function int64(value) {
  if (typeof value === 'string' && /^-?\d{1,20}$/.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  return null;
}

function utcDay(nanos) {
  return new Date(Number(nanos / 1_000_000n)).toISOString().slice(0, 10);
}

function stringAttributes(attributes) {
  const labels = {};
  for (const attribute of list(attributes)) {
    const value = attribute?.value?.stringValue;
    if (typeof attribute?.key === 'string' && typeof value === 'string') labels[attribute.key] = value;
  }
  return labels;
}

/** A CSV field: quoted when needed; a leading = + - @ is defused so a spreadsheet does not run it. */
function csv(value) {
  let v = String(value);
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const totals = new Map(); // key (JSON of the row's fields) → BigInt sum
  const stats = { lines: 0, badLines: 0, points: 0, notOneDay: 0, badValue: 0 };

  const addPoint = (point, scopeVersion) => {
    const start = int64(point?.startTimeUnixNano);
    const end = int64(point?.timeUnixNano);
    if (start === null || end === null || start % NS_PER_DAY !== 0n || end - start !== NS_PER_DAY) {
      stats.notOneDay++;
      return;
    }
    const count = int64(point.asInt) ?? (Number.isSafeInteger(point.asDouble) ? BigInt(point.asDouble) : null);
    if (count === null || count < 0n) {
      stats.badValue++;
      return;
    }
    if (options.catalogue !== undefined && scopeVersion !== options.catalogue) return;
    const day = utcDay(start);
    if ((options.from && day < options.from) || (options.to && day >= options.to)) return;
    const period = options.period === 'day' ? day : options.period === 'month' ? day.slice(0, 7) : 'all';
    const labels = stringAttributes(point.attributes);
    const key = JSON.stringify([period, ...options.by.map((label) => labels[label] ?? '')]);
    totals.set(key, (totals.get(key) ?? 0n) + count);
    stats.points++;
  };

  for (const file of options.files) {
    const input = file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
    const lines = createInterface({ input, crlfDelay: Infinity });
    try {
      for await (const line of lines) {
        if (!line.trim()) continue;
        stats.lines++;
        let request;
        try {
          request = JSON.parse(line);
        } catch {
          stats.badLines++;
          continue;
        }
        for (const resourceMetrics of list(request?.resourceMetrics)) {
          for (const scopeMetrics of list(resourceMetrics?.scopeMetrics)) {
            const scopeVersion = scopeMetrics?.scope?.version ?? '';
            for (const metric of list(scopeMetrics?.metrics)) {
              if (metric?.name !== METRIC || !metric.sum || !DELTA.has(metric.sum.aggregationTemporality)) continue;
              for (const point of list(metric.sum.dataPoints)) addPoint(point, scopeVersion);
            }
          }
        }
      }
    } catch (error) {
      process.stderr.write(`sum-file-export: cannot read ${file}: ${error.code ?? error.message}\n`);
      process.exitCode = 1;
    }
  }

  const rows = [...totals].map(([key, count]) => [JSON.parse(key), count]).sort(([a], [b]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
  });
  const periodColumn = options.period === 'day' ? 'day' : options.period === 'month' ? 'month' : 'period';
  const out = [[periodColumn, ...options.by, 'count'].join(',')];
  let heldBack = 0;
  for (const [fields, count] of rows) {
    if (count < options.k) {
      heldBack++;
      continue;
    }
    out.push([...fields, count].map(csv).join(','));
  }
  process.stdout.write(`${out.join('\n')}\n`);

  if (stats.badLines) process.stderr.write(`sum-file-export: ${stats.badLines} of ${stats.lines} lines were not JSON and were skipped\n`);
  if (stats.notOneDay) process.stderr.write(`sum-file-export: ${stats.notOneDay} points were not exactly one UTC day and were skipped (not from Promptvakt)\n`);
  if (stats.badValue) process.stderr.write(`sum-file-export: ${stats.badValue} points had no whole, non-negative count and were skipped\n`);
  if (heldBack) process.stderr.write(`sum-file-export: ${heldBack} rows with a total below k=${options.k} were left out\n`);
}

await main();
