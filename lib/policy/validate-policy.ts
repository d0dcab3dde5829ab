/**
 * Validates an organisation policy (and the employee's settings, with the same
 * mechanism) and keeps what is valid of one that is not: a mistake in one
 * field never switches protection off. Every invalid
 * part is dropped (so the built-in default applies there) and reported with
 * its JSON path, e.g. `sites[2].pattern: a host such as "ai.example.se" …`.
 *
 * Salvage works down the schema: an object keeps its valid fields, an array
 * its valid elements; anything else that fails is dropped whole.
 */
import { z } from 'zod';
import { describePath } from '../rules/validate';
import { policySchema, type Policy } from './schema';

export interface PolicyDiagnostic {
  /** JSON path, e.g. `customRules[1] (id "x").pattern`; `(root)` for the policy itself. */
  path: string;
  message: string;
}

export interface CheckedPolicy {
  /** What is applied: the valid parts, with defaults filled in. */
  policy: Policy;
  diagnostics: PolicyDiagnostic[];
}

const DROP = Symbol('drop');

/** Validates `raw` against the policy schema, salvaging the valid parts. Never throws. */
export function checkPolicy(raw: unknown): CheckedPolicy {
  const diagnostics: PolicyDiagnostic[] = [];
  const report = (path: readonly PropertyKey[], message: string) =>
    diagnostics.push({ path: describePath(raw, path), message });

  if (!isPlainObject(raw)) {
    report([], 'the policy must be a JSON object');
    return { policy: policySchema.parse({ version: 1 }), diagnostics };
  }
  // A missing or wrong version is reported; the rest of the policy still applies as version 1.
  if (raw.version !== 1) report(['version'], `must be 1 (the policy format version), found ${show(raw.version)}`);
  let policy: Policy | undefined;
  try {
    policy = keepValidParts(policySchema, { ...raw, version: 1 }, report);
  } catch (error) {
    // Only values JSON cannot hold get here (managed storage holds JSON): the defaults apply, and say so.
    report([], `could not be read (${error instanceof Error ? error.message : 'unknown error'}): the built-in defaults apply`);
  }
  return { policy: policy ?? policySchema.parse({ version: 1 }), diagnostics };
}

/**
 * The valid parts of `raw` under `schema` (defaults filled in), or undefined
 * when nothing of it is valid; each dropped part goes to `report` with its path.
 */
export function keepValidParts<T extends z.ZodType>(
  schema: T,
  raw: unknown,
  report: Reporter = () => {},
): z.output<T> | undefined {
  const salvaged = salvage(schema, raw, [], report);
  if (salvaged === DROP) return undefined;
  const parsed = schema.safeParse(salvaged);
  return parsed.success ? parsed.data : undefined;
}

export type Reporter = (path: readonly PropertyKey[], message: string) => void;

function salvage(schema: z.ZodType, value: unknown, path: PropertyKey[], report: Reporter): unknown {
  const result = schema.safeParse(value);
  if (result.success) return value;
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject && isPlainObject(value)) {
    const shape = inner.shape as Record<string, z.ZodType>;
    const kept: Record<string, unknown> = {};
    const dropped = new Set<PropertyKey>();
    for (const [key, field] of Object.entries(value)) {
      // Own fields only: "constructor" or "toString" in a policy must not find Object.prototype's.
      const fieldSchema = Object.hasOwn(shape, key) ? shape[key] : undefined;
      if (!fieldSchema) {
        report([...path, key], `unknown field "${key}"${suggestion(key, Object.keys(shape))}`);
        continue;
      }
      const v = salvage(fieldSchema, field, [...path, key], report);
      if (v !== DROP) kept[key] = v;
      else dropped.add(key);
    }
    // Refinements across fields of this object (a custom rule's kind and keywords, duplicate ids):
    // drop what they point at, one issue at a time, and report it once.
    return refine(inner, kept, path, report, (issue) => !dropped.has(issue.path[0] as PropertyKey));
  }
  if (inner instanceof z.ZodArray && Array.isArray(value)) {
    const element = inner.element as z.ZodType;
    const kept = value
      .map((item, i) => salvage(element, item, [...path, i], report))
      .filter((item) => item !== DROP);
    return refine(inner, kept, path, report, () => true);
  }
  for (const issue of result.error.issues) report([...path, ...issue.path], issue.message);
  return DROP;
}

/**
 * Parses `value` (already salvaged field by field); while an issue remains,
 * reports it and drops the element or field it points at. An issue about the
 * value as a whole drops the value.
 */
function refine(
  schema: z.ZodType,
  value: Record<string, unknown> | unknown[],
  path: PropertyKey[],
  report: Reporter,
  worthReporting: (issue: z.core.$ZodIssue) => boolean,
): unknown {
  const droppedHere = new Set<PropertyKey>();
  for (let attempt = 0; attempt < 100; attempt++) {
    const result = schema.safeParse(value);
    if (result.success) return value;
    const issue = result.error.issues[0]!;
    // Once a field is dropped for a reason, "it is missing" is not news.
    if (worthReporting(issue) && !droppedHere.has(issue.path[0]!)) report([...path, ...issue.path], issue.message);
    if (issue.path.length && !Array.isArray(value)) droppedHere.add(issue.path[0]!);
    if (!issue.path.length || !dropAt(value, issue.path)) return DROP;
  }
  return DROP;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  return s;
}

/** Removes the array element or field an issue points at (the innermost array element, else the top field). */
function dropAt(root: Record<string, unknown> | unknown[], path: readonly PropertyKey[]): boolean {
  let lastArray = -1;
  let node: unknown = root;
  for (let i = 0; i < path.length; i++) {
    if (Array.isArray(node)) lastArray = i;
    node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[path[i]!] : undefined;
  }
  const cut = lastArray >= 0 ? lastArray + 1 : 1;
  // `root` is salvage's own copy, but a part that was valid on its own is still the caller's
  // object: copy each container on the way down so the caller's policy is never changed.
  let parent: unknown = root;
  for (const key of path.slice(0, cut - 1)) {
    const holder = parent as Record<PropertyKey, unknown>;
    const child = holder[key];
    holder[key] = Array.isArray(child) ? [...child] : isPlainObject(child) ? { ...child } : child;
    parent = holder[key];
  }
  const key = path[cut - 1];
  if (key === undefined) return false;
  if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
  else if (parent && typeof parent === 'object' && key in parent) delete (parent as Record<PropertyKey, unknown>)[key];
  else return false;
  return true;
}

/** A value as JSON for a message; never throws (a BigInt or a cycle is not JSON). */
function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'nothing';
  } catch {
    return String(typeof value);
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** " (did you mean "customRules"?)" for a near miss of a known field. */
function suggestion(key: string, known: string[]): string {
  const lower = key.toLowerCase();
  const hit = known.find((k) => k.toLowerCase() === lower || distance(k.toLowerCase(), lower) <= 2);
  return hit ? ` (did you mean "${hit}"?)` : '';
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
