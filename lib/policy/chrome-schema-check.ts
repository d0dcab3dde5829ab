/**
 * What Chrome and Edge would deliver of a policy: a simulation of Chromium's
 * managed-policy schema check, run against public/managed_schema.json by
 * `npm run policy -- check`. Pure (no file system, no browser).
 *
 * Confirmed in Chromium's source (components/policy/core/common/, read through
 * the search tool's copy of chromium/chromium, 2025):
 *   - schema_map.cc SchemaMap::FilterBundle: an extension's policy is checked
 *     one TOP-LEVEL field at a time, `policy_schema.Normalize(value,
 *     SCHEMA_ALLOW_UNKNOWN, …)`; when that fails the field is erased
 *     (AsyncPolicyLoader, which reads the Linux JSON files, the Windows
 *     registry and macOS preferences, passes drop_invalid_component_policies =
 *     true). A top-level name the schema does not know has no schema
 *     (GetProperty falls back to additionalProperties, which the top level may
 *     not have) and is erased the same way.
 *   - schema.cc Schema::Normalize / Validate: a value whose type differs from
 *     the schema's fails (an integer is accepted where the schema says
 *     "number"); a dictionary key that matches no `properties`,
 *     `patternProperties` (RE2, partial match) or `additionalProperties` is
 *     removed with an "Unknown property" warning and the rest stays
 *     (StrategyAllowUnknown is true for everything but SCHEMA_STRICT); a key
 *     that matches must pass every schema it matches, and a missing
 *     `required` key fails the dictionary; one failing list item fails the
 *     list (StrategyAllowInvalidListEntry is true only for
 *     SCHEMA_ALLOW_UNKNOWN_AND_INVALID_LIST_ENTRY); strings are checked
 *     against `enum`, or when there is none against `pattern` (RE2, partial
 *     match); integers against `enum`, or `minimum`/`maximum`.
 * A failure anywhere inside a field therefore fails the field, and Chrome
 * leaves the whole field out: the extension never sees it.
 *
 * Not simulated: Chrome's JSON reader keeps `5.0` a double (JSON.parse cannot
 * tell it from `5`), and the Windows registry reader converts REG_SZ/REG_DWORD
 * values to the schema's types first (registry_dict.cc).
 */
import { RE2JS } from 're2js';
import { describePath } from '../rules/validate';

export type ChromeSchema = { readonly [keyword: string]: unknown };

/** One reason a value fails the schema, by its JSON path. */
export interface ChromeProblem {
  /** E.g. `categories.health.action`, `customRules[0] (id "x").keywords`. */
  path: string;
  /** E.g. `"Block" is not one of "off", "log", "warn", "block"`. */
  reason: string;
}

/** A top-level field Chrome would leave out whole. */
export interface ChromeDroppedField {
  field: string;
  /** Every value in the field that fails (Chrome itself names the first it meets). */
  problems: ChromeProblem[];
}

/** A key Chrome would remove as unknown, delivering the rest of its field. */
export interface ChromeRemovedKey {
  field: string;
  path: string;
}

export interface ChromeSimulation {
  /** What the extension would read from storage.managed. */
  delivered: Record<string, unknown>;
  dropped: ChromeDroppedField[];
  removed: ChromeRemovedKey[];
}

type Path = (string | number)[];

/** Chromium's value types (base::Value::Type), as JSON from a policy file parses. */
type ValueType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

function valueType(value: unknown): ValueType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  // Chrome's JSON reader makes an integer that fits 32 bits an int, anything else a double.
  if (typeof value === 'number') return Number.isInteger(value) && value >= INT32.min && value <= INT32.max ? 'integer' : 'number';
  if (typeof value === 'boolean' || typeof value === 'string' || typeof value === 'object') return typeof value as ValueType;
  return 'null';
}

const A: Record<string, string> = {
  null: 'null',
  boolean: 'a boolean (true or false)',
  integer: 'a whole number',
  number: 'a number',
  string: 'a string',
  array: 'a list',
  object: 'an object',
};

/** A value for a message: JSON, cut short. */
export function shown(value: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    s = String(value);
  }
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

const regexCache = new Map<string, RE2JS | null>();
function partialMatch(pattern: string, text: string): boolean {
  if (!regexCache.has(pattern)) {
    try {
      regexCache.set(pattern, RE2JS.compile(pattern));
    } catch {
      // Chrome refuses a schema with a pattern RE2 cannot compile; policy-artifacts.ts never writes one.
      regexCache.set(pattern, null);
    }
  }
  const re = regexCache.get(pattern);
  return re ? re.matcher(text).find() : false;
}

interface Walk {
  problems: { path: Path; reason: string }[];
  removed: Path[];
}

/**
 * Schema::Normalize for one value: the value with unknown keys removed, or
 * undefined when it fails. Problems and removals go to `walk`; a failing
 * value is walked to the end, so that every problem in it is named.
 */
function normalize(schema: ChromeSchema, value: unknown, path: Path, walk: Walk): { ok: boolean; value: unknown } {
  const want = schema.type as string;
  const have = valueType(value);
  if (have !== want && !(want === 'number' && have === 'integer')) {
    const whole = want === 'integer' && typeof value === 'number' ? ' (Chrome reads it as a decimal number)' : '';
    walk.problems.push({ path, reason: `${shown(value)} is ${A[have]}${whole}; the schema wants ${A[want] ?? want}` });
    return { ok: false, value };
  }
  if (want === 'object') return normalizeObject(schema, value as Record<string, unknown>, path, walk);
  if (want === 'array') {
    const items = schema.items as ChromeSchema | undefined;
    let ok = true;
    const out = (value as unknown[]).map((item, i) => {
      if (!items) return item;
      const r = normalize(items, item, [...path, i], walk);
      ok &&= r.ok;
      return r.value;
    });
    return { ok, value: out };
  }
  const reason = restriction(schema, value);
  if (reason) {
    walk.problems.push({ path, reason });
    return { ok: false, value };
  }
  return { ok: true, value };
}

function normalizeObject(schema: ChromeSchema, value: Record<string, unknown>, path: Path, walk: Walk): { ok: boolean; value: unknown } {
  const properties = (schema.properties ?? {}) as Record<string, ChromeSchema>;
  const patterns = Object.entries((schema.patternProperties ?? {}) as Record<string, ChromeSchema>);
  const additional = schema.additionalProperties as ChromeSchema | undefined;
  const out: Record<string, unknown> = {};
  let ok = true;
  for (const [key, child] of Object.entries(value)) {
    const matching = [
      ...(Object.hasOwn(properties, key) ? [properties[key]!] : []),
      ...patterns.filter(([pattern]) => partialMatch(pattern, key)).map(([, s]) => s),
    ];
    if (!matching.length && additional && typeof additional === 'object') matching.push(additional);
    if (!matching.length) {
      walk.removed.push([...path, key]);
      continue;
    }
    let v = child;
    for (const sub of matching) {
      const r = normalize(sub, v, [...path, key], walk);
      ok &&= r.ok;
      v = r.value;
    }
    out[key] = v;
  }
  for (const key of (schema.required as string[] | undefined) ?? []) {
    if (!Object.hasOwn(value, key)) {
      walk.problems.push({ path, reason: `the required field "${key}" is missing` });
      ok = false;
    }
  }
  return { ok, value: out };
}

/** Schema::ValidateStringRestriction / ValidateIntegerRestriction: why `value` fails, or null. */
function restriction(schema: ChromeSchema, value: unknown): string | null {
  const values = schema.enum as unknown[] | undefined;
  if (typeof value === 'string') {
    if (values?.length) return values.includes(value) ? null : `${shown(value)} is not one of ${values.map(shown).join(', ')}`;
    if (typeof schema.pattern === 'string' && !partialMatch(schema.pattern, value)) return `${shown(value)} does not match the pattern ${schema.pattern}`;
    return null;
  }
  if (typeof value === 'number' && schema.type === 'integer') {
    const min = typeof schema.minimum === 'number' ? schema.minimum : null;
    const max = typeof schema.maximum === 'number' ? schema.maximum : null;
    // Chrome: a range when minimum or maximum is given, else the enum.
    if (min !== null || max !== null) {
      if ((min !== null && value < min) || (max !== null && value > max))
        return `${value} is outside ${min ?? '…'}–${max ?? '…'}`;
      return null;
    }
    if (values?.length) return values.includes(value) ? null : `${value} is not one of ${values.map(shown).join(', ')}`;
  }
  return null;
}

/**
 * What Chrome would do with `policy` under `schema` (the extension's
 * managed_schema.json): the policy as the extension would read it, the
 * top-level fields left out whole and why, and the unknown keys removed.
 * A policy that is not a JSON object delivers nothing and reports nothing
 * here (Promptvakt's own check says what is wrong with it).
 */
export function simulateChromeDelivery(schema: ChromeSchema, policy: unknown): ChromeSimulation {
  const result: ChromeSimulation = { delivered: {}, dropped: [], removed: [] };
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) return result;
  const properties = (schema.properties ?? {}) as Record<string, ChromeSchema>;
  for (const [field, value] of Object.entries(policy)) {
    if (!Object.hasOwn(properties, field)) {
      result.dropped.push({ field, problems: [{ path: field, reason: 'the extension\'s schema has no such field' }] });
      continue;
    }
    const walk: Walk = { problems: [], removed: [] };
    const r = normalize(properties[field]!, value, [field], walk);
    if (!r.ok) {
      result.dropped.push({ field, problems: walk.problems.map((p) => ({ path: describePath(policy, p.path), reason: p.reason })) });
      continue;
    }
    result.delivered[field] = r.value;
    for (const p of walk.removed) result.removed.push({ field, path: describePath(policy, p) });
  }
  return result;
}

/** "Chrome would drop the whole field `categories` because categories.health.action "Block" is not one of …". */
export function describeDrop(drop: ChromeDroppedField): string {
  const [first, ...rest] = drop.problems;
  const because = first ? ` because ${first.path === drop.field ? '' : `${first.path} `}${first.reason}` : '';
  const more = rest.length ? ` (and ${rest.map((p) => `${p.path}: ${p.reason}`).join('; ')})` : '';
  return `Chrome would drop the whole field \`${drop.field}\`${because}${more}.`;
}
