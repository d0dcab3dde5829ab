/**
 * Plain English for policy diagnostics: every zod issue the policy schema can
 * raise becomes one sentence with the facts an admin needs to fix the policy
 * (the count and the limit, the allowed values, what was found instead, a
 * "did you mean" for near misses).
 *
 * The messages are shown in the options page and the popup of every employee,
 * so a value is never repeated in full: strings are cut to SHOWN_LENGTH
 * characters, and a value the schema marks as sensitive (counters.headerValue,
 * masked on chrome://policy too) is never shown at all.
 */
import type { z } from 'zod';
import { explainRegexProblem, regexProblem } from './regex-engine';

/** What kind of problem a diagnostic is; `wrong-type` is also what Chrome's own schema check sees. */
export type DiagnosticCode =
  | 'wrong-type'
  | 'missing'
  | 'not-allowed'
  | 'too-many'
  | 'too-few'
  | 'too-long'
  | 'too-short'
  | 'out-of-range'
  | 'bad-form'
  | 'unknown-field'
  | 'regex'
  | 'invalid'
  | 'never-matches';

export interface DiagnosticText {
  /** One complete sentence (after the path): what is wrong, with the facts. */
  message: string;
  /** How to fix it, when there is more to say than the message says. */
  hint?: string;
  code: DiagnosticCode;
}

/** The most characters of a value a message repeats. */
export const SHOWN_LENGTH = 60;

/** `s` cut to `max` UTF-16 units without splitting a surrogate pair, with "…" when cut. */
export function cut(s: string, max = SHOWN_LENGTH): string {
  if (s.length <= max) return s;
  let end = max;
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${s.slice(0, end)}…`;
}

/** JSON quotes, with invisible characters (zero-width, bidi controls, unusual spaces) as \u escapes. */
function json(s: string): string {
  return JSON.stringify(s).replace(/[\p{Cf}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** A string in JSON quotes, cut to `max` characters (the length is added when cut). */
export function quoted(s: string, max = SHOWN_LENGTH): string {
  if (s.length <= max) return json(s);
  return `${json(cut(s, max).slice(0, -1)).slice(0, -1)}…" (${s.length} characters)`;
}

/** A value as JSON for a message, cut to `max` characters; never throws. */
export function shown(value: unknown, max = SHOWN_LENGTH): string {
  if (typeof value === 'string') return quoted(value, max);
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    return 'a value that is not JSON';
  }
  if (json === undefined) return 'nothing';
  return cut(json, max);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** What was found, for "expected X, found Y": `the string "yes"`, `the number 5`, `a list of 3 items`. */
export function found(value: unknown, sensitive = false): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return sensitive ? 'a number (not shown)' : `the number ${String(value)}`;
  if (typeof value === 'string') {
    if (sensitive) return `a string of ${plural(value.length, 'character')} (not shown)`;
    return value === '' ? 'an empty string ""' : `the string ${quoted(value)}`;
  }
  if (Array.isArray(value)) return value.length ? `a list of ${plural(value.length, 'item')}` : 'an empty list []';
  if (isPlainObject(value)) return Object.keys(value).length ? 'an object' : 'an empty object {}';
  return 'a value that is not JSON';
}

const EXPECTED: Record<string, string> = {
  boolean: 'true or false',
  string: 'a string (text in quotes)',
  number: 'a number',
  int: 'a whole number',
  object: 'an object { … }',
  array: 'a list [ … ]',
};

/**
 * The edit distance of `a` and `b` with adjacent transpositions (optimal
 * string alignment), or `limit + 1` as soon as it is certainly above `limit`.
 */
export function editDistance(a: string, b: string, limit = 3): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row[j] = d;
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/**
 * The known name `word` most likely stands for: the same ignoring case, else
 * the nearest within a small edit distance (1 for short names, 2 from 5
 * characters, 3 from 12). Undefined when nothing is near enough, or when two
 * names are equally near.
 */
export function nearMiss(word: string, known: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const same = known.find((k) => k.toLowerCase() === lower);
  if (same !== undefined) return same;
  if (word.length > 100) return undefined;
  const limit = lower.length < 5 ? 1 : lower.length < 12 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tie = false;
  for (const k of known) {
    const d = editDistance(lower, k.toLowerCase(), limit);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) tie = true;
  }
  return best !== undefined && !tie ? best : undefined;
}

/** `"off", "log", "warn" or "block"`. */
function listOf(values: readonly unknown[]): string {
  const shownValues = values.map((v) => shown(v));
  if (shownValues.length <= 1) return shownValues.join('');
  return `${shownValues.slice(0, -1).join(', ')} or ${shownValues.at(-1)}`;
}

/** An unknown field: ignored, with a near miss if there is one. */
export function unknownFieldText(key: string, known: readonly string[]): DiagnosticText {
  const hit = nearMiss(key, known);
  const base = `unknown field ${quoted(key)}: Promptvakt ignores it`;
  if (hit === undefined) return { code: 'unknown-field', message: base };
  const why = hit.toLowerCase() === key.toLowerCase() ? ' (field names are case-sensitive)' : '';
  return { code: 'unknown-field', message: `${base}; did you mean ${JSON.stringify(hit)}?${why}` };
}

/** What the issue is about, besides the issue itself. */
export interface IssueContext {
  /** The value the issue is about (the input at the issue's path). */
  input: unknown;
  /** The field's value must never be repeated (schema meta `sensitiveValue`). */
  sensitive?: boolean;
  /** The input is a list some invalid items were already dropped from (each reported on its own). */
  itemsDropped?: boolean;
}

/** Plain English for one zod issue of the policy schema. */
export function issueText(issue: z.core.$ZodIssue, context: IssueContext): DiagnosticText {
  const { input, sensitive = false, itemsDropped = false } = context;
  switch (issue.code) {
    case 'invalid_type':
      return typeText(issue.expected, input, sensitive);
    case 'invalid_value':
      return valueText(issue.values, input, sensitive);
    case 'too_big':
    case 'too_small':
      return sizeText(issue, input, sensitive, itemsDropped);
    case 'invalid_format':
      return formatText(issue, input, sensitive);
    case 'unrecognized_keys':
      return {
        code: 'unknown-field',
        message: `unknown ${issue.keys.length === 1 ? 'field' : 'fields'} ${issue.keys.map((k) => quoted(k)).join(', ')}: Promptvakt ignores ${issue.keys.length === 1 ? 'it' : 'them'}`,
      };
    case 'custom':
      return customText(issue.message, input);
    default:
      return { code: 'invalid', message: `is not valid here (${cut(issue.message, 200)})` };
  }
}

function typeText(expected: string, input: unknown, sensitive: boolean): DiagnosticText {
  const noun = EXPECTED[expected] ?? expected;
  if (input === undefined) return { code: 'missing', message: `is required but missing; expected ${noun}` };
  if (expected === 'int' && typeof input === 'number') {
    return {
      code: 'wrong-type',
      message: Number.isInteger(input)
        ? `must be a whole number of a sensible size, found ${input}`
        : `must be a whole number, found ${input}`,
    };
  }
  let message = `expected ${noun}, found ${found(input, sensitive)}`;
  const word = typeof input === 'string' ? input.trim().toLowerCase() : '';
  if (sensitive) {
    // Nothing more: a fix would repeat the value.
  } else if (expected === 'boolean' && (word === 'true' || word === 'false')) message += `; write ${word} without quotes`;
  else if ((expected === 'number' || expected === 'int') && typeof input === 'string' && /^-?\d+(\.\d+)?$/.test(word)) message += `; write ${word} without quotes`;
  else if (expected === 'string' && (typeof input === 'number' || typeof input === 'boolean')) message += `; put it in quotes: "${String(input)}"`;
  else if (expected === 'array' && input !== null && !Array.isArray(input)) message += '; a list is written in square brackets, [ … ], even with one entry';
  return { code: 'wrong-type', message };
}

function valueText(values: readonly unknown[], input: unknown, sensitive: boolean): DiagnosticText {
  if (values.length === 1) return { code: 'not-allowed', message: `must be ${shown(values[0])}, found ${found(input, sensitive)}` };
  const allowed = `allowed: ${listOf(values)}`;
  if (typeof input !== 'string' || sensitive) return { code: 'not-allowed', message: `expected one of ${listOf(values)}, found ${found(input, sensitive)}` };
  const strings = values.filter((v): v is string => typeof v === 'string');
  const hit = nearMiss(input.trim(), strings);
  let message = `${quoted(input)} is not an allowed value`;
  if (hit !== undefined && hit.toLowerCase() === input.trim().toLowerCase()) {
    const lowerCase = strings.every((v) => v === v.toLowerCase());
    message += hit === input.trim() ? `; did you mean ${JSON.stringify(hit)} (without the spaces)?` : `: values are ${lowerCase ? 'lower case' : 'case-sensitive'}; did you mean ${JSON.stringify(hit)}?`;
  } else if (hit !== undefined) message += `; did you mean ${JSON.stringify(hit)}?`;
  return { code: 'not-allowed', message: `${message} (${allowed})` };
}

type SizeIssue = z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall;

function sizeText(issue: SizeIssue, input: unknown, sensitive: boolean, itemsDropped: boolean): DiagnosticText {
  const big = issue.code === 'too_big';
  const limit = Number(big ? (issue as z.core.$ZodIssueTooBig).maximum : (issue as z.core.$ZodIssueTooSmall).minimum);
  const inclusive = issue.inclusive !== false;
  if (issue.origin === 'array' && Array.isArray(input)) {
    const n = input.length;
    if (big) return { code: 'too-many', message: `has ${plural(n, 'item')}; at most ${limit} ${limit === 1 ? 'is' : 'are'} allowed` };
    if (itemsDropped) {
      return { code: 'too-few', message: `has ${n ? `only ${plural(n, 'valid item')}` : 'no valid item'} left; at least ${limit} ${limit === 1 ? 'is' : 'are'} required` };
    }
    return { code: 'too-few', message: n ? `has ${plural(n, 'item')}; at least ${limit} ${limit === 1 ? 'is' : 'are'} required` : `is an empty list; at least ${plural(limit, 'item')} ${limit === 1 ? 'is' : 'are'} required` };
  }
  if (issue.origin === 'string' && typeof input === 'string') {
    if (big) return { code: 'too-long', message: `has ${plural(input.length, 'character')}; at most ${limit} ${limit === 1 ? 'is' : 'are'} allowed` };
    const trimmed = input.trim();
    if (!trimmed) return { code: 'too-short', message: input ? `is only white space; at least ${plural(limit, 'character')} ${limit === 1 ? 'is' : 'are'} required` : `is empty; at least ${plural(limit, 'character')} ${limit === 1 ? 'is' : 'are'} required` };
    // Text fields are measured without the spaces at their ends (the schema trims them).
    const length = input.length >= limit ? trimmed.length : input.length;
    const what = sensitive ? '' : ` (${quoted(trimmed)})`;
    const spaces = length !== input.length ? ', not counting spaces at the ends' : '';
    return { code: 'too-short', message: `has only ${plural(length, 'character')}${what}${spaces}; at least ${limit} ${limit === 1 ? 'is' : 'are'} required` };
  }
  if (issue.origin === 'number' && typeof input === 'number') {
    const bound = big ? (inclusive ? `at most ${limit}` : `below ${limit}`) : inclusive ? `at least ${limit}` : `above ${limit}`;
    return { code: 'out-of-range', message: `is ${input}; it must be ${bound}` };
  }
  const bound = big ? `at most ${limit}` : `at least ${limit}`;
  return { code: big ? 'too-long' : 'too-short', message: `is too ${big ? 'large' : 'small'} (${bound}), found ${found(input, sensitive)}` };
}

/** The regex's own message (`.regex(re, message)`) if it has one, rather than zod's "Invalid string: …". */
function ownMessage(issue: z.core.$ZodIssueInvalidStringFormat): string | null {
  return issue.message && !/^Invalid (string|input)\b/.test(issue.message) ? issue.message : null;
}

function formatText(issue: z.core.$ZodIssueInvalidStringFormat, input: unknown, sensitive: boolean): DiagnosticText {
  const own = ownMessage(issue);
  const what = found(input, sensitive);
  let message: string;
  if (own === null) {
    const pattern = issue.format === 'regex' && 'pattern' in issue ? String(issue.pattern) : issue.format;
    message = `does not have the required form (it must match ${cut(pattern, 120)}), found ${what}`;
  } else if (/^must\b/.test(own)) message = `${own}, found ${what}`;
  else message = `expected ${own}, found ${what}`;
  if (typeof input === 'string' && !sensitive) {
    const fix = formatFix(own ?? '', input);
    if (fix) message += `; ${fix}`;
  }
  return { code: 'bad-form', message };
}

/** A short fix for a common slip in a host, address or id; null when there is none to offer. */
function formatFix(own: string, input: string): string | null {
  const value = input.trim();
  if (/\bno https:\/\//.test(own)) {
    // A site pattern: a host, *.domain or host/path, without a scheme.
    const host = value.replace(/^[a-z]+:\/\//i, '').replace(/\/$/, '');
    if (host !== value || host.toLowerCase() !== host) return `did you mean ${quoted(host.toLowerCase())}?`;
    return null;
  }
  if (/https:\/\//.test(own) && /^http:\/\//i.test(value)) return 'only https:// addresses are allowed';
  if (/lower-case letters, digits/.test(own)) {
    const id = value
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-');
    let from = 0;
    let to = id.length;
    while (from < to && id[from] === '-') from++;
    while (to > from && id[to - 1] === '-') to--;
    const slug = id.slice(from, Math.min(to, from + 63));
    return slug && slug !== value ? `did you mean ${quoted(slug)}?` : null;
  }
  return null;
}

/**
 * The schema's own messages (superRefine) are already plain; two get more:
 * a pattern RE2 rejects gets its hint (which feature, how to rewrite it), and
 * a keyword the lexicon rejects is cut to SHOWN_LENGTH where the message
 * repeats it.
 */
function customText(message: string, input: unknown): DiagnosticText {
  if (typeof input === 'string') {
    if (message === regexProblem(input)) {
      const explained = explainRegexProblem(input);
      if (explained) return { code: 'regex', message: explained.message, ...(explained.hint ? { hint: explained.hint } : {}) };
    }
    const prefix = `${JSON.stringify(input)}: `;
    const head = `"${input}": `;
    if (message.startsWith(head) || message.startsWith(prefix)) {
      const rest = message.slice(message.startsWith(head) ? head.length : prefix.length);
      return { code: 'invalid', message: `keyword ${quoted(input)}: ${rest}` };
    }
  }
  return { code: 'invalid', message };
}
