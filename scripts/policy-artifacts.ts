/**
 * Everything derived from the policy schema (lib/policy/schema.ts, the one
 * source of truth):
 *   public/managed_schema.json          Chrome's storage.managed_schema
 *   docs/ADMIN.md                       the field reference between the policy-fields markers
 *   docs/sample-policies/export/*       docs/sample-policies/policy.json for every export target
 *
 *   npx tsx scripts/policy-artifacts.ts           rewrite them   (npm run policy:artifacts)
 *   npx tsx scripts/policy-artifacts.ts --check   exit 1 if any is out of date
 *
 * tests/unit/managed-schema.test.ts fails when they are out of date.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RE2JS } from 're2js';
import { z } from 'zod';
import { EXPORT_TARGETS, TARGET_INFO, exportPolicy, type PolicyObject } from '../cli/policy-export';
import { policySchema } from '../lib/policy/schema';
import { checkPolicy } from '../lib/policy/validate-policy';
import { CATEGORIES } from '../lib/types';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const MANAGED_SCHEMA_PATH = 'public/managed_schema.json';
export const ADMIN_DOC_PATH = 'docs/ADMIN.md';
export const SAMPLE_POLICY_PATH = 'docs/sample-policies/policy.json';
export const SAMPLE_EXPORT_DIR = 'docs/sample-policies/export';
export const FIELDS_START = '<!-- policy-fields:start -->';
export const FIELDS_END = '<!-- policy-fields:end -->';

export type JsonSchema = { [keyword: string]: unknown };

/** zod's JSON Schema for what an admin writes (`io: 'input'`: fields with defaults are optional). */
export function policyJsonSchema(): JsonSchema {
  return z.toJSONSchema(policySchema, { io: 'input', unrepresentable: 'throw' }) as JsonSchema;
}

// ---------------------------------------------------------------------------
// Chrome's managed schema
//
// Chrome (components/policy/core/common/schema.cc) accepts a subset of JSON
// Schema: every node has exactly one `type` or a `$ref`; per type only these
// attributes mean something:
//   all types  description, title, id, sensitiveValue
//   string     enum, pattern (RE2; enum wins when both are given)
//   integer    enum, minimum, maximum (only integers may have a range)
//   array      items (required)
//   object     properties, required, patternProperties, additionalProperties
// A known attribute of the wrong JSON type makes the whole schema invalid and
// Chrome refuses to load the extension. That is why `additionalProperties:
// false` is left out: Chrome wants a schema there, not `false`. It loses
// nothing: a key that is not in `properties` (and has no additionalProperties
// schema) is already "unknown" to Chrome, dropped and flagged on chrome://policy.
// Attributes Chrome does not know (default, minLength, maxLength, minItems,
// maxItems, format, $schema) are ignored for extensions; they are left out so
// the file does not promise checks Chrome never makes. checkPolicy() in the
// extension enforces all of them, and docs/ADMIN.md lists them.

export const CHROME_TYPES = ['boolean', 'integer', 'number', 'string', 'array', 'object'] as const;

/** Keywords zod emits that Chrome ignores; dropped (see above). */
const IGNORED_BY_CHROME = new Set(['$schema', 'default', 'format', 'minLength', 'maxLength', 'minItems', 'maxItems']);
const CONVERTED = new Set([
  'type', 'const', 'enum', 'pattern', 'minimum', 'maximum', 'items', 'properties', 'required',
  'additionalProperties', 'description', 'title', 'sensitiveValue',
]);
/** Key order in the output, so the file is stable and reads top-down. */
const KEY_ORDER = ['type', 'title', 'description', 'sensitiveValue', 'enum', 'pattern', 'minimum', 'maximum', 'items', 'properties', 'required'];

class SchemaSubsetError extends Error {}

function fail(path: string, message: string): never {
  throw new SchemaSubsetError(
    `${path || '(root)'}: ${message}. public/managed_schema.json must stay inside Chrome's schema subset; change lib/policy/schema.ts.`,
  );
}

export function chromeManagedSchema(): JsonSchema {
  return toChromeSchema(policyJsonSchema());
}

/**
 * Chrome's form of a JSON Schema from zod; throws on anything outside Chrome's subset.
 *
 * Only the SHAPE goes to Chrome (types, properties, items), not the value rules
 * (enum, pattern, minimum/maximum, required): Chrome drops a whole top-level
 * field when anything inside it breaks a value rule, silently as far as the
 * extension can tell (one mistyped enum in one custom rule would remove every
 * custom rule). Promptvakt validates the values itself with the zod schema,
 * keeps every valid rule and site, and shows each error by its path in the
 * popup and options page. The value rules are still checked here, so the zod
 * schema stays inside what Chrome could express.
 */
export function toChromeSchema(schema: JsonSchema): JsonSchema {
  const root = toChromeNode(schema, '');
  if (root.type !== 'object') fail('', 'the top level must be an object');
  return root;
}

function toChromeNode(node: JsonSchema, path: string): JsonSchema {
  for (const keyword of Object.keys(node)) {
    if (!IGNORED_BY_CHROME.has(keyword) && !CONVERTED.has(keyword))
      fail(path, `"${keyword}" has no equivalent in Chrome's schema (no unions, $ref/$defs, records or exclusive bounds)`);
  }
  const out: JsonSchema = {};
  const values = node.const !== undefined ? [node.const] : (node.enum as unknown[] | undefined);
  let type = node.type;
  // z.literal(1) comes out as {type: "number", const: 1}; Chrome has enums for integers only.
  if (type === 'number' && values?.every((v) => Number.isInteger(v))) type = 'integer';
  if (typeof type !== 'string' || !(CHROME_TYPES as readonly string[]).includes(type)) fail(path, `needs exactly one type, got ${JSON.stringify(type)}`);
  out.type = type;
  if (typeof node.title === 'string') out.title = node.title;
  if (typeof node.description === 'string') out.description = node.description;
  if (node.sensitiveValue === true) out.sensitiveValue = true;
  if (values) {
    if (type !== 'string' && type !== 'integer') fail(path, `enum/const on a ${type}`);
    const expected = type === 'string' ? (v: unknown) => typeof v === 'string' : (v: unknown) => Number.isInteger(v);
    if (!values.length || !values.every(expected)) fail(path, `enum values must be ${type}s`);
  } else if (typeof node.pattern === 'string') {
    try {
      RE2JS.compile(node.pattern);
    } catch (error) {
      fail(path, `pattern is not RE2 (Chrome would reject the whole schema): ${(error as Error).message}`);
    }
  }
  if (!values && (node.minimum !== undefined || node.maximum !== undefined)) {
    if (type !== 'integer') fail(path, 'only integers may have minimum/maximum in Chrome');
  }
  if (type === 'array') {
    if (typeof node.items !== 'object' || node.items === null || Array.isArray(node.items)) fail(path, 'an array needs one items schema');
    out.items = toChromeNode(node.items as JsonSchema, `${path}[]`);
  }
  if (type === 'object') {
    if (node.additionalProperties !== undefined && node.additionalProperties !== false) fail(path, 'additionalProperties other than false');
    const properties = (node.properties ?? {}) as Record<string, JsonSchema>;
    out.properties = Object.fromEntries(Object.entries(properties).map(([key, child]) => [key, toChromeNode(child, path ? `${path}.${key}` : key)]));
    // "required" is left to Promptvakt too: Chrome would drop the object without saying which field.
  }
  return Object.fromEntries(KEY_ORDER.filter((k) => k in out).map((k) => [k, out[k]]));
}

export function renderManagedSchema(): string {
  return JSON.stringify(chromeManagedSchema(), null, 2) + '\n';
}

// ---------------------------------------------------------------------------
// docs/ADMIN.md field reference

interface Row {
  path: string;
  type: string;
  limits: string;
  defaultValue: string;
  description: string;
}

/** The Markdown between the policy-fields markers. */
export function renderFieldTable(): string {
  const schema = policyJsonSchema();
  const rows: Row[] = [];
  const required = new Set((schema.required as string[] | undefined) ?? []);
  for (const [key, child] of Object.entries(schema.properties as Record<string, JsonSchema>)) visit(child, key, required.has(key), rows);
  const lines = [
    '<!-- Generated by scripts/policy-artifacts.ts from lib/policy/schema.ts. Do not edit by hand. -->',
    '',
    '| field | type | allowed values and limits | default | description |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| \`${r.path}\` | ${r.type} | ${r.limits} | ${r.defaultValue} | ${r.description} |`),
    '',
    `\`<category>\` is one of: ${CATEGORIES.map((c) => `\`${c}\``).join(', ')}.`,
    '',
  ];
  return lines.join('\n');
}

function visit(node: JsonSchema, path: string, isRequired: boolean, rows: Row[]): void {
  const properties = node.properties as Record<string, JsonSchema> | undefined;
  const same = properties ? sameSchemaForEveryKey(properties) : null;
  rows.push({
    path,
    type: typeName(node),
    limits: [isRequired ? 'required' : '', ...limits(node), same ? `keys: ${code(same)}` : ''].filter(Boolean).join('; '),
    defaultValue: node.default === undefined ? '' : code(JSON.stringify(node.default)),
    description: cell(typeof node.description === 'string' ? node.description : ''),
  });
  if (properties && same) {
    visit(Object.values(properties)[0]!, `${path}.${same}`, false, rows);
  } else if (properties) {
    const required = new Set((node.required as string[] | undefined) ?? []);
    for (const [key, child] of Object.entries(properties)) visit(child, `${path}.${key}`, required.has(key), rows);
  }
  const items = node.items as JsonSchema | undefined;
  if (items?.properties) {
    const required = new Set((items.required as string[] | undefined) ?? []);
    for (const [key, child] of Object.entries(items.properties as Record<string, JsonSchema>)) visit(child, `${path}[].${key}`, required.has(key), rows);
  }
}

/** `<category>` when an object has the same schema for every category (categories, guidelines): one row, not nineteen. */
function sameSchemaForEveryKey(properties: Record<string, JsonSchema>): string | null {
  const keys = Object.keys(properties);
  const first = JSON.stringify(Object.values(properties)[0]);
  if (keys.length < 5 || !Object.values(properties).every((p) => JSON.stringify(p) === first)) return null;
  return isCategoryList(keys) ? '<category>' : null;
}

function isCategoryList(values: unknown[]): boolean {
  return values.length === CATEGORIES.length && CATEGORIES.every((c) => values.includes(c));
}

function typeName(node: JsonSchema): string {
  if (node.type === 'number' && Number.isInteger(node.const)) return 'integer';
  if (node.type !== 'array') return String(node.type);
  const items = node.items as JsonSchema;
  return `array of ${items.type === 'object' ? 'objects' : `${typeName(items)}s`}`;
}

function limits(node: JsonSchema): string[] {
  const out: string[] = [];
  if (node.const !== undefined) out.push(`always ${code(JSON.stringify(node.const))}`);
  if (Array.isArray(node.enum)) out.push(isCategoryList(node.enum) ? `a ${code('<category>')}` : node.enum.map((v) => code(String(v))).join(', '));
  if (typeof node.pattern === 'string') out.push(`matches ${code(node.pattern.replace(/\\\//g, '/'))}`);
  const range = between(node.minimum, node.maximum, '');
  if (range) out.push(range);
  const length = between(node.minLength, node.maxLength, ' characters');
  if (length) out.push(length);
  const count = between(node.minItems, node.maxItems, ' items');
  if (count) out.push(count);
  const items = node.items as JsonSchema | undefined;
  if (items && items.type !== 'object') {
    const each = limits(items);
    if (each.length) out.push(`each: ${each.join(', ')}`);
  }
  return out;
}

function between(min: unknown, max: unknown, unit: string): string {
  if (typeof min === 'number' && typeof max === 'number') return `${min}–${max}${unit}`;
  if (typeof max === 'number') return `at most ${max}${unit}`;
  if (typeof min === 'number') return `at least ${min}${unit}`;
  return '';
}

/** A code span in a table cell: `|` must be escaped even inside backticks. */
function code(s: string): string {
  return `\`${s.replace(/\|/g, '\\|')}\``;
}

/** Plain text in a table cell: no accidental HTML tags, emphasis or column breaks. */
function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '\\<').replace(/\*/g, '\\*');
}

/** docs/ADMIN.md with the field reference regenerated. */
export function renderAdminDoc(current: string): string {
  const start = current.indexOf(FIELDS_START);
  const end = current.indexOf(FIELDS_END);
  if (start < 0 || end < start) throw new Error(`${ADMIN_DOC_PATH} needs the markers ${FIELDS_START} and ${FIELDS_END}`);
  return `${current.slice(0, start + FIELDS_START.length)}\n${renderFieldTable()}${current.slice(end)}`;
}

// ---------------------------------------------------------------------------
// Sample exports

export function renderSampleExports(samplePolicy: unknown): Map<string, Buffer> {
  const { diagnostics } = checkPolicy(samplePolicy);
  if (diagnostics.length)
    throw new Error(`${SAMPLE_POLICY_PATH} is invalid:\n  ${diagnostics.map((d) => `${d.path}: ${d.message}`).join('\n  ')}`);
  const out = new Map<string, Buffer>();
  for (const target of EXPORT_TARGETS) {
    out.set(`${SAMPLE_EXPORT_DIR}/${TARGET_INFO[target].fileName}`, exportPolicy(samplePolicy as PolicyObject, target).bytes);
  }
  return out;
}

// ---------------------------------------------------------------------------

function read(path: string): Buffer | null {
  try {
    return readFileSync(resolve(ROOT, path));
  } catch {
    return null;
  }
}

/** Every artifact as it should be, by path relative to the repository. */
export function renderArtifacts(): Map<string, Buffer> {
  const admin = read(ADMIN_DOC_PATH);
  if (!admin) throw new Error(`${ADMIN_DOC_PATH} is missing`);
  const sample = read(SAMPLE_POLICY_PATH);
  if (!sample) throw new Error(`${SAMPLE_POLICY_PATH} is missing`);
  return new Map([
    [MANAGED_SCHEMA_PATH, Buffer.from(renderManagedSchema())],
    [ADMIN_DOC_PATH, Buffer.from(renderAdminDoc(admin.toString('utf8')))],
    ...renderSampleExports(JSON.parse(sample.toString('utf8'))),
  ]);
}

function main(): number {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const [path, bytes] of renderArtifacts()) {
    const current = read(path);
    if (current?.equals(bytes)) continue;
    stale.push(path);
    if (!check) {
      mkdirSync(dirname(resolve(ROOT, path)), { recursive: true });
      writeFileSync(resolve(ROOT, path), bytes);
    }
  }
  if (check && stale.length) {
    process.stderr.write(
      `Out of date with lib/policy/schema.ts or ${SAMPLE_POLICY_PATH}:\n  ${stale.join('\n  ')}\nRun: npm run policy:artifacts\n`,
    );
    return 1;
  }
  process.stdout.write(stale.length ? `${check ? '' : 'wrote '}${stale.join(', ')}\n` : 'policy artifacts are up to date\n');
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) process.exitCode = main();
