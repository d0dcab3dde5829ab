/**
 * The report as an OTLP/HTTP JSON ExportMetricsServiceRequest (POST <endpoint>/v1/metrics,
 * Content-Type: application/json). See docs/COUNTERS.md for an example.
 *
 * API
 *   toOtlpRequest(store, { days, serviceVersion }): { request, dataPoints }
 *   OTLP_CONTENT_TYPE
 *   types OtlpExportMetricsServiceRequest and its parts
 *
 * Shape, and why:
 * - resource: service.name=promptvakt and service.version only. No host, no service.instance.id:
 *   nothing that tells one browser from another.
 * - one metric, promptvakt.detections, a monotonic `sum` with aggregationTemporality 1 (DELTA).
 *   Without an instance id, thousands of browsers send the same series; cumulative values would
 *   collide (the receiver would see the series jump up and down), while deltas can be added up.
 *   Each completed UTC day is sent once (report-plan.ts), so each delta is counted once.
 *   Caveat (docs/COUNTERS.md, "Receiving it"): points from different browsers have the same
 *   series AND the same timestamps, so the receiver must keep every point and sum at query
 *   time; Prometheus and the Collector's deltatocumulative processor keep one per timestamp.
 * - one data point per (day, series): start = the day 00:00 UTC, time = the next day 00:00 UTC, in
 *   nanoseconds as decimal strings (64-bit numbers are strings in OTLP JSON; BigInt keeps them exact).
 * - every count is sent, however small. An earlier version held back counts below a threshold k
 *   per browser and per day; that made every organisation total too low (a day's 'sent-anyway = 2'
 *   never arrived) and hid nothing, since each request carries the browser's IP address anyway.
 *   A threshold belongs where counts are summed, over many browsers (docs/COUNTERS.md); the
 *   policy field counters.privacyThreshold is still accepted and ignored.
 */
import { CATALOGUE_VERSION, LABEL_KEYS, METRICS } from './catalogue';
import { isUtcDay, parseSeriesKey, type CounterStore } from './store';

export const OTLP_CONTENT_TYPE = 'application/json';
export const AGGREGATION_TEMPORALITY_DELTA = 1;
export const SERVICE_NAME = 'promptvakt';
export const SCOPE_NAME = 'promptvakt.counters';

export interface OtlpKeyValue {
  key: string;
  value: { stringValue: string };
}

export interface OtlpNumberDataPoint {
  attributes: OtlpKeyValue[];
  startTimeUnixNano: string;
  timeUnixNano: string;
  asInt: string;
}

export interface OtlpMetric {
  name: string;
  description?: string;
  unit?: string;
  sum: { aggregationTemporality: number; isMonotonic: boolean; dataPoints: OtlpNumberDataPoint[] };
}

export interface OtlpExportMetricsServiceRequest {
  resourceMetrics: {
    resource: { attributes: OtlpKeyValue[] };
    scopeMetrics: { scope: { name: string; version?: string }; metrics: OtlpMetric[] }[];
  }[];
}

export interface OtlpOptions {
  /** The UTC days to include (normally report-plan's daysToReport); days without counts add nothing. */
  days: readonly string[];
  /** The extension version, e.g. '0.1.0' (digits and dots only, like every extension version). */
  serviceVersion: string;
}

export interface OtlpResult {
  request: OtlpExportMetricsServiceRequest;
  /** Data points in the request: one per stored (day, series) of the days asked for. */
  dataPoints: number;
}

const NS_PER_MS = 1_000_000n;

function dayStartNanos(day: string): bigint {
  return BigInt(Date.parse(`${day}T00:00:00Z`)) * NS_PER_MS;
}

const NS_PER_DAY = 86_400_000n * NS_PER_MS;

function attribute(key: string, value: string): OtlpKeyValue {
  return { key, value: { stringValue: value } };
}

export function toOtlpRequest(store: CounterStore, options: OtlpOptions): OtlpResult {
  const { serviceVersion } = options;
  // The version is the one free-text field in the body; allow only what an extension version can be.
  if (!/^\d{1,9}(\.\d{1,9}){0,3}$/.test(serviceVersion))
    throw new Error("Promptvakt counters: serviceVersion must be an extension version such as '0.1.0'");
  for (const day of options.days) if (!isUtcDay(day)) throw new Error("Promptvakt counters: report days must be UTC days 'YYYY-MM-DD'");

  const dataPoints: OtlpNumberDataPoint[] = [];
  for (const day of [...new Set(options.days)].sort()) {
    const series = store.days[day] ?? {};
    const start = dayStartNanos(day);
    for (const key of Object.keys(series).sort()) {
      const count = series[key]!;
      // Checked again here, the last step before the network: a store built by hand or by a
      // bug must fail loudly rather than send a value outside the catalogue. Checked by shape
      // (any hostname, any built-in or custom rule shape), not against today's policy: a site or
      // rule the organisation removed since must not block the days counted before.
      const labels = parseSeriesKey(key);
      if (!Number.isSafeInteger(count) || count < 1) throw new Error('Promptvakt counters: counts must be positive integers');
      dataPoints.push({
        attributes: LABEL_KEYS.map((label) => attribute(label, labels[label])),
        startTimeUnixNano: start.toString(),
        timeUnixNano: (start + NS_PER_DAY).toString(),
        asInt: String(count),
      });
    }
  }

  const metric = METRICS.detections;
  const request: OtlpExportMetricsServiceRequest = {
    resourceMetrics: [
      {
        resource: { attributes: [attribute('service.name', SERVICE_NAME), attribute('service.version', serviceVersion)] },
        scopeMetrics: [
          {
            scope: { name: SCOPE_NAME, version: String(CATALOGUE_VERSION) },
            metrics: [
              {
                name: metric.name,
                description: metric.description,
                unit: metric.unit,
                sum: { aggregationTemporality: AGGREGATION_TEMPORALITY_DELTA, isMonotonic: true, dataPoints },
              },
            ],
          },
        ],
      },
    ],
  };
  return { request, dataPoints: dataPoints.length };
}
