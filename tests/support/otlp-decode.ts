/**
 * decodeOtlpJson(body): checks an OTLP/HTTP JSON metrics body against the OFFICIAL OTLP protobuf
 * definitions and returns the decoded ExportMetricsServiceRequest. Node only (unit tests and the
 * Playwright receiver); no test-framework imports.
 *
 * The definitions are the protobufjs code that @opentelemetry/otlp-transformer 0.217.0 generated
 * from opentelemetry-proto (build/src/generated/root.js; later versions no longer ship it).
 * The check is strict, stricter than a receiver:
 *   1. JSON.parse;
 *   2. OTLP JSON writes trace/span ids as hex, protobuf JSON as base64: hex ids are converted;
 *   3. Type.fromObject → verify → encode to the protobuf wire format → decode;
 *   4. toObject (64-bit numbers as strings, enums as numbers) must give back exactly the parsed
 *      JSON. fromObject silently drops unknown fields and coerces types, so this round trip is
 *      what catches a misspelt key, a field at the wrong level, a number where OTLP wants a
 *      string ("asInt": 12) or an enum written as a name.
 * Throws an Error naming the first path that differs.
 */
import { createRequire } from 'node:module';
import type { OtlpExportMetricsServiceRequest } from '../../lib/counters/otlp';

interface ProtoType {
  fromObject(object: Record<string, unknown>): unknown;
  verify(message: unknown): string | null;
  encode(message: unknown): { finish(): Uint8Array };
  decode(bytes: Uint8Array): unknown;
  toObject(message: unknown, options: Record<string, unknown>): Record<string, unknown>;
}

const require = createRequire(import.meta.url);
const root = require('@opentelemetry/otlp-transformer/build/src/generated/root.js') as {
  opentelemetry: { proto: { collector: { metrics: { v1: { ExportMetricsServiceRequest: ProtoType } } } } };
};
const ExportMetricsServiceRequest = root.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;

/**
 * As OTLP JSON writes them: int64 as decimal strings, enums as integers. Repeated fields are
 * always present (an empty list when none) so callers can read e.g. sum.dataPoints directly.
 */
const TO_OBJECT = { longs: String, enums: Number, bytes: String, defaults: false, arrays: true };

const HEX_ID_KEYS = new Set(['traceId', 'spanId']);

/** Applies `convert` to every trace/span id in a parsed body. */
function mapIds(value: unknown, convert: (id: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => mapIds(v, convert));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, HEX_ID_KEYS.has(k) && typeof v === 'string' ? convert(v) : mapIds(v, convert)]),
  );
}

function hexToBase64(hex: string): string {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) throw new Error(`OTLP JSON: trace/span id is not hex`);
  return Buffer.from(hex, 'hex').toString('base64');
}

function base64ToHex(b64: string): string {
  return Buffer.from(b64, 'base64').toString('hex');
}

/**
 * proto3 does not put default values (false, 0, "", empty lists) on the wire, so they are absent
 * after decoding; a body that spells them out is still valid.
 */
function isProtoDefault(value: unknown): boolean {
  return value === false || value === 0 || value === '' || value === '0' || (Array.isArray(value) && value.length === 0);
}

/** The first path at which `actual` differs from `expected`, or null. */
function firstDifference(expected: unknown, actual: unknown, path = '$'): string | null {
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual)) return `${path}: array expected on both sides`;
    if (expected.length !== actual.length) return `${path}: ${expected.length} items in the body, ${actual.length} after decoding`;
    for (let i = 0; i < expected.length; i++) {
      const d = firstDifference(expected[i], actual[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (typeof expected === 'object' && expected !== null && typeof actual === 'object' && actual !== null) {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    for (const key of Object.keys(e)) {
      if (!(key in a)) {
        if (isProtoDefault(e[key])) continue;
        return `${path}.${key}: not a field of the OTLP schema here (or of the wrong type)`;
      }
      const d = firstDifference(e[key], a[key], `${path}.${key}`);
      if (d) return d;
    }
    for (const key of Object.keys(a)) if (!(key in e) && !isProtoDefault(a[key])) return `${path}.${key}: appeared after decoding`;
    return null;
  }
  return Object.is(expected, actual) ? null : `${path}: ${JSON.stringify(expected)} in the body, ${JSON.stringify(actual)} after decoding`;
}

export function decodeOtlpJson(body: string): OtlpExportMetricsServiceRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new Error(`OTLP JSON: not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('OTLP JSON: the body must be a JSON object');

  const protoJson = mapIds(parsed, hexToBase64) as Record<string, unknown>;
  let message: unknown;
  try {
    message = ExportMetricsServiceRequest.fromObject(protoJson);
  } catch (error) {
    throw new Error(`OTLP JSON: does not match ExportMetricsServiceRequest (${(error as Error).message})`);
  }
  const problem = ExportMetricsServiceRequest.verify(message);
  if (problem) throw new Error(`OTLP JSON: does not match ExportMetricsServiceRequest (${problem})`);

  const wire = ExportMetricsServiceRequest.encode(message).finish();
  const decoded = mapIds(ExportMetricsServiceRequest.toObject(ExportMetricsServiceRequest.decode(wire), TO_OBJECT), base64ToHex);
  const difference = firstDifference(parsed, decoded);
  if (difference) throw new Error(`OTLP JSON: ${difference}`);
  return decoded as unknown as OtlpExportMetricsServiceRequest;
}
