/**
 * Validates an organisation policy (and the employee's settings, with the same
 * mechanism) and keeps what is valid of one that is not: a mistake in one
 * field never switches protection off. Every invalid
 * part is dropped (so the built-in default applies there) and reported with
 * its JSON path and a plain-English message (diagnostic-text.ts), e.g.
 * `sites[2].mode: "Block" is not an allowed value: values are lower case; did you mean "block"? …`.
 *
 * Salvage works down the schema: an object keeps its valid fields, an array
 * its valid elements; anything else that fails is dropped whole.
 *
 * A custom rule that is valid but cannot work as written (a pattern that can
 * never match, a keyword that does not match itself: rule-warnings.ts) gets a
 * diagnostic of severity "warning". A warning changes nothing: the rule stays.
 */
import { z } from 'zod';
import { describePath } from '../rules/validate';
import { found, issueText, unknownFieldText, type DiagnosticCode, type DiagnosticText } from './diagnostic-text';
import { customRuleWarnings } from './rule-warnings';
import { policySchema, type Policy } from './schema';

export interface PolicyDiagnostic {
  /** JSON path, e.g. `customRules[1] (id "x").pattern`; `(root)` for the policy itself. */
  path: string;
  /** One complete sentence in English, after the path: what is wrong, with the facts (counts, limits, allowed values). */
  message: string;
  /**
   * `error` (the default when absent): the part the path names is dropped and
   * the built-in default applies there. `warning`: nothing is dropped, the
   * part applies as written, but will not work as meant (e.g. a pattern that
   * can never match).
   */
  severity?: 'error' | 'warning';
  /** How to fix it, when there is more to say than the message (e.g. how to rewrite a pattern for RE2). */
  hint?: string;
  /** The kind of problem; `wrong-type` is one Chrome's own schema check also sees. */
  code?: DiagnosticCode;
}

/** Whether a diagnostic is a warning (the part still applies) rather than an error (the part was dropped). */
export function isWarning(d: { severity?: string }): boolean {
  return d.severity === 'warning';
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
  const report: Reporter = (path, text) =>
    diagnostics.push({
      path: describePath(raw, path),
      message: text.message,
      severity: 'error',
      ...(text.hint ? { hint: text.hint } : {}),
      code: text.code,
    });

  if (!isPlainObject(raw)) {
    report([], { code: 'wrong-type', message: `the policy must be a JSON object { … }, found ${found(raw)}` });
    return { policy: policySchema.parse({ version: 1 }), diagnostics };
  }
  // A missing or wrong version is reported; the rest of the policy still applies as version 1.
  if (raw.version !== 1) report(['version'], versionText(raw.version));
  let policy: Policy | undefined;
  try {
    policy = keepValidParts(policySchema, { ...raw, version: 1 }, report);
  } catch (error) {
    // Only values JSON cannot hold get here (managed storage holds JSON): the defaults apply, and say so.
    report([], { code: 'invalid', message: `could not be read (${error instanceof Error ? error.message : 'unknown error'}): the built-in defaults apply` });
  }
  const applied = policy ?? policySchema.parse({ version: 1 });
  for (const w of ruleWarnings(raw, applied)) {
    diagnostics.push({ path: describePath(raw, w.path), message: w.message, severity: 'warning', ...(w.hint ? { hint: w.hint } : {}), code: 'never-matches' });
  }
  return { policy: applied, diagnostics };
}

function versionText(version: unknown): DiagnosticText {
  const message = `must be 1 (the policy format version), found ${found(version)}; the policy is read as version 1`;
  if (version === '1') return { code: 'wrong-type', message: `${message}; write 1 without quotes` };
  return { code: version === undefined ? 'missing' : typeof version === 'number' ? 'not-allowed' : 'wrong-type', message };
}

/**
 * Warnings for the custom rules that apply (rule-warnings.ts), at their path in
 * `raw`: the applied rules are matched to the raw entries by id (ids are unique
 * once checked) and content, so a dropped entry before them does not shift the path.
 */
function ruleWarnings(raw: Record<string, unknown>, policy: Policy): { path: PropertyKey[]; message: string; hint?: string }[] {
  const rawRules = Array.isArray(raw.customRules) ? (raw.customRules as unknown[]) : [];
  const out: { path: PropertyKey[]; message: string; hint?: string }[] = [];
  for (const rule of policy.customRules ?? []) {
    const i = rawRules.findIndex(
      (r) => isPlainObject(r) && r.id === rule.id && r.kind === rule.kind && (rule.kind !== 'regex' || r.pattern === rule.pattern),
    );
    if (i < 0) continue;
    const rawKeywords = (rawRules[i] as Record<string, unknown>).keywords;
    for (const w of customRuleWarnings(rule)) {
      if (w.path[0] === 'pattern') out.push({ path: ['customRules', i, 'pattern'], message: w.message, ...(w.hint ? { hint: w.hint } : {}) });
      else {
        const keyword = rule.keywords?.[w.path[1]];
        const j = Array.isArray(rawKeywords) ? rawKeywords.findIndex((k) => typeof k === 'string' && k.trim() === keyword) : -1;
        out.push({ path: j >= 0 ? ['customRules', i, 'keywords', j] : ['customRules', i, 'keywords'], message: w.message, ...(w.hint ? { hint: w.hint } : {}) });
      }
    }
  }
  return out;
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

/** Receives each dropped part: its path (from the value keepValidParts was given) and what is wrong with it. */
export type Reporter = (path: readonly PropertyKey[], text: DiagnosticText) => void;

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
        report([...path, key], unknownFieldText(key, Object.keys(shape)));
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
    const kept: unknown[] = [];
    const from: number[] = [];
    value.forEach((item, i) => {
      const v = salvage(element, item, [...path, i], report);
      if (v !== DROP) {
        kept.push(v);
        from.push(i);
      }
    });
    if (kept.length !== value.length) origins.set(kept, from);
    return refine(inner, kept, path, report, () => true);
  }
  for (const issue of result.error.issues) report([...path, ...issue.path], describe(schema, value, issue));
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
    if (worthReporting(issue) && !droppedHere.has(issue.path[0]!)) {
      report([...path, ...inputPath(value, issue.path)], withInputIndexes(describe(schema, value, issue), value));
    }
    if (issue.path.length && !Array.isArray(value)) droppedHere.add(issue.path[0]!);
    if (!issue.path.length || !dropAt(value, issue.path)) return DROP;
  }
  return DROP;
}

/**
 * For an array salvage kept only some elements of: the index in the input of
 * each element kept, so that a later issue (a duplicate id) is reported at
 * the index the admin sees in the policy, not at its index among the kept ones.
 */
const origins = new WeakMap<unknown[], number[]>();

/** `path` in salvaged `value` as a path in the input it came from. */
function inputPath(value: unknown, path: readonly PropertyKey[]): PropertyKey[] {
  const out: PropertyKey[] = [];
  let node = value;
  for (const key of path) {
    out.push(Array.isArray(node) && typeof key === 'number' ? (origins.get(node)?.[key] ?? key) : key);
    node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return out;
}

/** "duplicate id (also customRules[0])" with the index in the input. */
function withInputIndexes(text: DiagnosticText, value: unknown): DiagnosticText {
  if (!isPlainObject(value)) return text;
  const message = text.message.replace(/\(also (\w+)\[(\d+)\]\)/g, (whole, field: string, index: string) => {
    const list = Object.hasOwn(value, field) ? value[field] : undefined;
    return Array.isArray(list) ? `(also ${field}[${inputPath(list, [Number(index)])[0]!.toString()}])` : whole;
  });
  return { ...text, message };
}

/** Plain English for an issue about `value` under `schema` (diagnostic-text.ts), with the input it is about. */
function describe(schema: z.ZodType, value: unknown, issue: z.core.$ZodIssue): DiagnosticText {
  let input: unknown = value;
  let node: z.ZodType | undefined = schema;
  let sensitive = isSensitive(schema);
  for (const key of issue.path) {
    input = input !== null && typeof input === 'object' && Object.hasOwn(input, key) ? (input as Record<PropertyKey, unknown>)[key] : undefined;
    node = node && childSchema(node, key);
    if (node && isSensitive(node)) sensitive = true;
  }
  return issueText(issue, { input, sensitive, itemsDropped: Array.isArray(input) && origins.has(input) });
}

/** The schema of a field or element of `schema`, if it has one. */
function childSchema(schema: z.ZodType, key: PropertyKey): z.ZodType | undefined {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject && typeof key === 'string') {
    const shape = inner.shape as Record<string, z.ZodType>;
    return Object.hasOwn(shape, key) ? shape[key] : undefined;
  }
  if (inner instanceof z.ZodArray && typeof key === 'number') return inner.element as z.ZodType;
  return undefined;
}

/** A value the schema marks as never to be shown (`.meta({ sensitiveValue: true })`: counters.headerValue). */
function isSensitive(schema: z.ZodType): boolean {
  for (let s: z.ZodType | undefined = schema; s; s = s instanceof z.ZodOptional || s instanceof z.ZodDefault ? (s.unwrap() as z.ZodType) : undefined) {
    if ((s.meta() as { sensitiveValue?: unknown } | undefined)?.sensitiveValue === true) return true;
  }
  return false;
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
    holder[key] = Array.isArray(child) ? copyArray(child) : isPlainObject(child) ? { ...child } : child;
    parent = holder[key];
  }
  const key = path[cut - 1];
  if (key === undefined) return false;
  if (Array.isArray(parent) && typeof key === 'number') {
    const from = origins.get(parent) ?? parent.map((_, i) => i);
    from.splice(key, 1);
    origins.set(parent, from);
    parent.splice(key, 1);
  }
  else if (parent && typeof parent === 'object' && key in parent) delete (parent as Record<PropertyKey, unknown>)[key];
  else return false;
  return true;
}

function copyArray(list: unknown[]): unknown[] {
  const copy = [...list];
  const from = origins.get(list);
  if (from) origins.set(copy, [...from]);
  return copy;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
