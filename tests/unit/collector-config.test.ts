/**
 * The shipped receiving side of the counters (deploy/otel-collector/, docs/COUNTERS.md):
 * - both Collector configurations admit exactly Promptvakt's extension origins, listen for
 *   OTLP/HTTP on 4318 and route the metrics pipeline from the otlp receiver to exporters that exist;
 * - queries.sql reads the table the ClickHouse exporter writes and every catalogue label;
 * - sum-file-export.mjs, fed a file export built with the extension's own toOtlpRequest from
 *   several browsers' stores, adds every point (same series and timestamps from different
 *   browsers) and applies k to the sums only.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LABEL_KEYS, METRICS, type CounterEvent } from '../../lib/counters/catalogue';
import { toOtlpRequest } from '../../lib/counters/otlp';
import { DEFAULT_MAX_SERIES_PER_DAY, emptyStore, increment, parseSeriesKey, type CounterStore } from '../../lib/counters/store';
import { MAX_DAYS_PER_REPORT } from '../../lib/counters/report-plan';
import { CHROME_EXTENSION_ID, MANIFEST_KEY } from '../../lib/extension-id';


const DIR = fileURLToPath(new URL('../../deploy/otel-collector', import.meta.url));
const SCRIPT = join(DIR, 'sum-file-export.mjs');
const CONFIGS = ['config.yaml', 'config-clickhouse.yaml'] as const;

type Yaml = Record<string, any>;
function config(name: string): Yaml {
  return parseYaml(readFileSync(join(DIR, name), 'utf8')) as Yaml;
}

/** The Chrome origin computed from the manifest key, not copied from the id constant. */
function chromeOrigin(): string {
  const hex = createHash('sha256').update(Buffer.from(MANIFEST_KEY, 'base64')).digest('hex').slice(0, 32);
  return `chrome-extension://${[...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('')}`;
}

describe.each(CONFIGS)('deploy/otel-collector/%s', (name) => {
  const cfg = config(name);
  const http = cfg.receivers?.otlp?.protocols?.http;

  it('receives OTLP/HTTP only, on 0.0.0.0:4318', () => {
    expect(Object.keys(cfg.receivers.otlp.protocols)).toEqual(['http']);
    expect(http.endpoint).toBe('0.0.0.0:4318');
  });

  it('allows exactly the Chrome origin derived from the manifest key and Firefox extension origins', () => {
    expect(chromeOrigin()).toBe(`chrome-extension://${CHROME_EXTENSION_ID}`);
    expect([...http.cors.allowed_origins].sort()).toEqual([chromeOrigin(), 'moz-extension://*'].sort());
  });

  it('takes the largest report the extension can send (31 days of 2,000 series)', () => {
    const labels = { category: 'protected-identity', action: 'sent-anyway', site: 'gemini.google.com', source: 'built-in', rule: 'protected-identity.about-person', reason: 'own-data' };
    const event = Object.fromEntries(LABEL_KEYS.map((key) => [key, labels[key]])) as CounterEvent;
    const store = increment(emptyStore(), event, '2026-11-23', 123_456);
    const point = toOtlpRequest(store, { days: ['2026-11-23'], serviceVersion: '10.20.30' }).request.resourceMetrics[0]!.scopeMetrics[0]!.metrics[0]!.sum.dataPoints[0];
    const worstCase = MAX_DAYS_PER_REPORT * DEFAULT_MAX_SERIES_PER_DAY * (JSON.stringify(point).length + 1);
    expect(http.max_request_body_size).toBeGreaterThan(worstCase);
  });

  it('routes the metrics pipeline from [otlp] to exporters (and processors) that are defined, all of them used', () => {
    const pipeline = cfg.service.pipelines.metrics;
    expect(Object.keys(cfg.service.pipelines)).toEqual(['metrics']);
    expect(pipeline.receivers).toEqual(['otlp']);
    expect(pipeline.exporters.length).toBeGreaterThan(0);
    expect([...pipeline.exporters].sort()).toEqual(Object.keys(cfg.exporters).sort());
    expect([...(pipeline.processors ?? [])].sort()).toEqual(Object.keys(cfg.processors ?? {}).sort());
  });

  it('passes no client metadata (IP address, headers) down the pipeline', () => {
    expect(http.include_metadata ?? false).toBe(false);
  });
});

describe('the file exporter (config.yaml)', () => {
  it('writes OTLP JSON lines that survive a restart: json, rotation (append mode), no compression', () => {
    const file = config('config.yaml').exporters.file;
    expect(file.path).toMatch(/\.jsonl$/);
    expect(file.format).toBe('json');
    expect(file.rotation).toBeTypeOf('object');
    // The exporter refuses append together with rotation, and compression breaks JSON lines.
    expect(file.append).toBeUndefined();
    expect(file.compression).toBeUndefined();
  });
});

describe('the ClickHouse exporter (config-clickhouse.yaml) and queries.sql', () => {
  const clickhouse = config('config-clickhouse.yaml').exporters.clickhouse;
  const sql = readFileSync(join(DIR, 'queries.sql'), 'utf8');

  it('keeps every row: default MergeTree engine, no insert deduplication', () => {
    expect(clickhouse.table_engine?.name ?? 'MergeTree').toBe('MergeTree');
    expect(clickhouse.connection_params.insert_deduplicate).toBe('0');
    expect(clickhouse.connection_params.async_insert_deduplicate).toBe('0');
  });

  it('queries the sum table the exporter writes, every label, by summing', () => {
    expect(clickhouse.metrics_tables.sum.name).toBe('otel_metrics_sum');
    expect(sql).toContain('FROM otel_metrics_sum');
    expect(sql).toContain(`MetricName = '${METRICS.detections.name}'`);
    for (const label of LABEL_KEYS) expect(sql).toContain(`Attributes['${label}']`);
    expect(sql).toMatch(/HAVING count >= k/);
    const code = sql.replace(/--.*$/gm, ''); // the comments explain why these are not used
    expect(code).not.toMatch(/\b(argMax|anyLast|LIMIT 1 BY|FINAL)\b/);
  });
});

// ---------------------------------------------------------------------------------------------
// sum-file-export.mjs

const DAY1 = '2026-11-23';
const DAY2 = '2026-11-24';

/** An event with every catalogue label (only those the catalogue has are kept). */
function event(labels: Record<string, string>): CounterEvent {
  const full: Record<string, string> = { rule: 'none', reason: 'none', ...labels };
  return Object.fromEntries(LABEL_KEYS.map((key) => [key, full[key]!])) as CounterEvent;
}

const BLOCKED_PNR = event({ category: 'personnummer', action: 'blocked', site: 'chatgpt.com', source: 'built-in', rule: 'personnummer.valid' });
const HEALTH_SENT = event({ category: 'health', action: 'sent-anyway', site: 'other', source: 'built-in', rule: 'health.about-person', reason: 'own-data' });
const HEALTH_FALSE_ALARM = event({ category: 'health', action: 'false-alarm', site: 'claude.ai', source: 'built-in', rule: 'health.about-person' });
const CUSTOM_WARNED = event({ category: 'social-services', action: 'warned', site: 'ai.example.se', source: 'custom', rule: 'custom.diarienummer' });
const DEGRADED = event({ category: 'none', action: 'degraded', site: 'gemini.google.com', source: 'none' });

function store(entries: [CounterEvent, string, number][]): CounterStore {
  return entries.reduce((s, [e, day, n]) => increment(s, e, day, n), emptyStore());
}

/** Four browsers. Each has small counts; only their sums reach k = 5. */
const BROWSERS: CounterStore[] = [
  store([[HEALTH_SENT, DAY1, 2], [BLOCKED_PNR, DAY1, 3], [HEALTH_FALSE_ALARM, DAY1, 1], [CUSTOM_WARNED, DAY2, 4]]),
  store([[HEALTH_SENT, DAY1, 2], [BLOCKED_PNR, DAY1, 3], [HEALTH_FALSE_ALARM, DAY2, 1], [DEGRADED, DAY2, 1]]),
  store([[HEALTH_SENT, DAY1, 2], [BLOCKED_PNR, DAY2, 1], [CUSTOM_WARNED, DAY2, 4]]),
  store([[HEALTH_SENT, DAY1, 1], [HEALTH_FALSE_ALARM, DAY1, 3], [CUSTOM_WARNED, DAY1, 1]]),
];

/** The expected organisation totals, from the stores themselves: "day,label...,count" rows. */
function expectedRows(k: number): string[] {
  const sums = new Map<string, number>();
  for (const s of BROWSERS)
    for (const [day, series] of Object.entries(s.days))
      for (const [key, count] of Object.entries(series)) {
        const labels = parseSeriesKey(key) as unknown as Record<string, string>;
        const row = [day, ...LABEL_KEYS.map((label) => labels[label])].join(',');
        sums.set(row, (sums.get(row) ?? 0) + count);
      }
  return [...sums].filter(([, n]) => n >= k).map(([row, n]) => `${row},${n}`).sort();
}

/** The lines a collector's file exporter would write for these reports (one request per line). */
function fileExportLines(): string[] {
  const requests = BROWSERS.map((s) => toOtlpRequest(s, { days: Object.keys(s.days), serviceVersion: '0.1.0' }).request);
  // The batch processor can put several browsers' requests into one line: merge the last two.
  const merged = { resourceMetrics: [...requests[2]!.resourceMetrics, ...requests[3]!.resourceMetrics] };
  return [JSON.stringify(requests[0]), JSON.stringify(requests[1]), JSON.stringify(merged)];
}

const tmp = mkdtempSync(join(tmpdir(), 'promptvakt-collector-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[], lines: string[] = fileExportLines()): { stdout: string; stderr: string; status: number | null } {
  const file = join(tmp, `detections-${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  const result = spawnSync(process.execPath, [SCRIPT, ...args, file], { encoding: 'utf8' });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

function dataRows(stdout: string): string[] {
  return stdout.trim().split('\n').slice(1).sort();
}

describe('deploy/otel-collector/sum-file-export.mjs', () => {
  it('groups by every label of the catalogue by default', () => {
    const header = run(['--k', '1']).stdout.split('\n')[0];
    expect(header).toBe(['day', ...LABEL_KEYS, 'count'].join(','));
  });

  it('adds up every point, also identical series and timestamps from different browsers (k = 1)', () => {
    const { stdout, status } = run(['--k', '1']);
    expect(status).toBe(0);
    expect(dataRows(stdout)).toEqual(expectedRows(1));
    // The case that motivated it: four browsers' "health | sent-anyway" of 2, 2, 2 and 1.
    expect(stdout).toContain(`${DAY1},health,sent-anyway,other,`);
    expect(expectedRows(1).find((row) => row.startsWith(`${DAY1},health,sent-anyway,other,`))).toMatch(/,7$/);
  });

  it('applies k to the sums: a row is kept when the browsers together reach k, even if none does alone', () => {
    const { stdout, stderr } = run(['--k', '5']);
    expect(dataRows(stdout)).toEqual(expectedRows(5));
    expect(expectedRows(5).length).toBeGreaterThan(0);
    expect(expectedRows(5).length).toBeLessThan(expectedRows(1).length);
    // No browser counted 5 of anything, yet rows of at least 5 arrive.
    expect(BROWSERS.every((s) => Object.values(s.days).every((series) => Object.values(series).every((n) => n < 5)))).toBe(true);
    expect(stderr).toMatch(new RegExp(`${expectedRows(1).length - expectedRows(5).length} rows with a total below k=5 were left out`));
  });

  it('defaults to k = 5', () => {
    expect(dataRows(run([]).stdout)).toEqual(expectedRows(5));
  });

  it('groups coarser with --by and --period, applying k after grouping', () => {
    const { stdout } = run(['--by', 'action', '--period', 'all', '--k', '1']);
    const total = (action: string) =>
      BROWSERS.flatMap((s) => Object.values(s.days).flatMap((series) => Object.entries(series)))
        .filter(([key]) => parseSeriesKey(key).action === action)
        .reduce((sum, [, n]) => sum + n, 0);
    expect(stdout.split('\n')[0]).toBe('period,action,count');
    expect(dataRows(stdout)).toEqual(
      ['blocked', 'degraded', 'false-alarm', 'sent-anyway', 'warned'].map((action) => `all,${action},${total(action)}`).sort(),
    );
    const monthly = run(['--by', 'action', '--period', 'month', '--k', '6']).stdout;
    const kept = ['blocked', 'degraded', 'false-alarm', 'sent-anyway', 'warned'].filter((action) => total(action) >= 6);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(5);
    expect(dataRows(monthly)).toEqual(kept.map((action) => `2026-11,${action},${total(action)}`).sort());
  });

  it('limits days with --from (inclusive) and --to (exclusive)', () => {
    const rows = dataRows(run(['--k', '1', '--from', DAY2, '--to', '2026-11-25']).stdout);
    expect(rows).toEqual(expectedRows(1).filter((row) => row.startsWith(DAY2)));
  });

  it('skips lines that are not JSON, other metrics and points that are not one UTC day, saying so without echoing them', () => {
    const foreign = {
      resourceMetrics: [
        {
          resource: { attributes: [] },
          scopeMetrics: [
            {
              scope: { name: 'other' },
              metrics: [
                { name: 'http.server.requests', sum: { aggregationTemporality: 1, isMonotonic: true, dataPoints: [{ attributes: [], startTimeUnixNano: '0', timeUnixNano: '86400000000000', asInt: '99' }] } },
                {
                  name: METRICS.detections.name,
                  sum: { aggregationTemporality: 1, isMonotonic: true, dataPoints: [{ attributes: [], startTimeUnixNano: '1795392000000000000', timeUnixNano: '1795392060000000000', asInt: '99' }] },
                },
              ],
            },
          ],
        },
      ],
    };
    const { stdout, stderr, status } = run(['--k', '1'], [...fileExportLines(), 'personnummer 19811218-9876 {', JSON.stringify(foreign)]);
    expect(status).toBe(0);
    expect(dataRows(stdout)).toEqual(expectedRows(1));
    expect(stderr).toContain('1 of 5 lines were not JSON');
    expect(stderr).toContain('1 points were not exactly one UTC day');
    expect(stderr).not.toContain('19811218');
  });

  it('refuses a bad --k', () => {
    const result = spawnSync(process.execPath, [SCRIPT, '--k', '0'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--k');
  });

  it('runs with Node alone (no dependencies)', () => {
    const source = readFileSync(SCRIPT, 'utf8');
    const imports = [...source.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    expect(imports.every((spec) => spec!.startsWith('node:'))).toBe(true);
    expect(execFileSync(process.execPath, [SCRIPT, '--help'], { encoding: 'utf8' })).toContain('Usage');
  });
});
