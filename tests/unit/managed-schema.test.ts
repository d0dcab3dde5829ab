import { readdirSync, readFileSync } from 'node:fs';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeText, unwrapPolicy } from '../../cli/policy-file';
import { withPolicyFields } from '../../cli/policy-export';
import { CHROME_EXTENSION_ID, GECKO_EXTENSION_ID } from '../../lib/extension-id';
import { checkPolicy } from '../../lib/policy/validate-policy';
import {
  ADMIN_DOC_PATH,
  FIELDS_END,
  FIELDS_START,
  MANAGED_SCHEMA_PATH,
  SAMPLE_EXPORT_DIR,
  SAMPLE_POLICY_PATH,
  policyJsonSchema,
  renderAdminDoc,
  renderManagedSchema,
  renderSampleExports,
  toChromeSchema,
  type JsonSchema,
} from '../../scripts/policy-artifacts';

const REGENERATE = 'run `npm run policy:artifacts`';
const managedSchema = JSON.parse(readFileSync(MANAGED_SCHEMA_PATH, 'utf8')) as JsonSchema;

describe('generated policy artifacts agree with lib/policy/schema.ts', () => {
  it(`public/managed_schema.json is up to date (${REGENERATE})`, () => {
    expect(readFileSync(MANAGED_SCHEMA_PATH, 'utf8')).toBe(renderManagedSchema());
  });

  it(`the field reference in docs/ADMIN.md is up to date (${REGENERATE})`, () => {
    const doc = readFileSync(ADMIN_DOC_PATH, 'utf8');
    const section = (text: string) => text.slice(text.indexOf(FIELDS_START), text.indexOf(FIELDS_END));
    expect(section(doc)).toBe(section(renderAdminDoc(doc)));
  });

  it('the field reference has a row for every field of the schema', () => {
    const doc = readFileSync(ADMIN_DOC_PATH, 'utf8');
    const documented = new Set([...doc.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]));
    for (const path of fieldPaths(policyJsonSchema())) expect(documented, path).toContain(path);
  });

  it(`the sample exports are up to date (${REGENERATE})`, () => {
    const sample = JSON.parse(readFileSync(SAMPLE_POLICY_PATH, 'utf8'));
    const expected = renderSampleExports(sample);
    expect(readdirSync(SAMPLE_EXPORT_DIR).sort()).toEqual([...expected.keys()].map((p) => p.split('/').pop()).sort());
    for (const [path, bytes] of expected) expect(readFileSync(path).equals(bytes), path).toBe(true);
  });

  it('names every property of the zod schema, and only those', () => {
    expect(fieldPaths(managedSchema)).toEqual(fieldPaths(policyJsonSchema()));
  });
});

/** JSON paths of every field: `customRules[].pattern`, `categories.health.action`. */
function fieldPaths(schema: JsonSchema, prefix = ''): string[] {
  const out: string[] = [];
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const keys = Object.keys(properties);
  // The field reference writes the nineteen identical per-category entries once, as <category>.
  const collapsed = keys.length >= 5 && new Set(keys.map((k) => JSON.stringify(properties[k]))).size === 1;
  for (const key of collapsed ? keys.slice(0, 1) : keys) {
    const path = prefix + (collapsed ? '<category>' : key);
    out.push(path);
    out.push(...fieldPaths(properties[key]!, `${path}.`));
    const items = properties[key]!.items as JsonSchema | undefined;
    if (items) out.push(...fieldPaths(items, `${path}[].`));
  }
  return out;
}

// Chrome's rules for a managed schema, as components/policy/core/common/schema.cc applies them:
// the attributes each type may have (a known attribute of the wrong JSON type invalidates the schema).
const CHROME_ATTRIBUTES: Record<string, Record<string, string>> = {
  common: { type: 'string', description: 'string', title: 'string', id: 'string', sensitiveValue: 'boolean' },
  boolean: {},
  number: {},
  integer: { enum: 'array', minimum: 'number', maximum: 'number' },
  string: { enum: 'array', pattern: 'string' },
  array: { items: 'object' },
  object: { properties: 'object', required: 'array', additionalProperties: 'object', patternProperties: 'object' },
};

function checkChromeNode(node: JsonSchema, path: string, problems: string[]): void {
  const where = path || '(root)';
  if ('$ref' in node) {
    if ('type' in node) problems.push(`${where}: both $ref and type`);
    for (const key of Object.keys(node)) if (!['$ref', 'description', 'title'].includes(key)) problems.push(`${where}: "${key}" next to $ref`);
    return;
  }
  const type = node.type;
  if (typeof type !== 'string' || !(type in CHROME_ATTRIBUTES) || type === 'common') {
    problems.push(`${where}: needs exactly one type, has ${JSON.stringify(type)}`);
    return;
  }
  const allowed = { ...CHROME_ATTRIBUTES.common, ...CHROME_ATTRIBUTES[type] };
  for (const [key, value] of Object.entries(node)) {
    const jsonType = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
    if (!(key in allowed)) problems.push(`${where}: "${key}" is not a Chrome schema attribute for ${type}`);
    else if (allowed[key] !== jsonType) problems.push(`${where}: "${key}" must be a JSON ${allowed[key]}, is ${jsonType}`);
  }
  if (Array.isArray(node.enum)) {
    const ok = type === 'string' ? (v: unknown) => typeof v === 'string' : (v: unknown) => Number.isInteger(v);
    if (!node.enum.length || !node.enum.every(ok)) problems.push(`${where}: enum must be a non-empty list of ${type}s`);
  }
  if (typeof node.pattern === 'string') {
    try {
      RE2JS.compile(node.pattern);
    } catch (error) {
      problems.push(`${where}: pattern is not RE2: ${(error as Error).message}`);
    }
  }
  if (type === 'array') {
    if (!node.items) problems.push(`${where}: an array needs items`);
    else checkChromeNode(node.items as JsonSchema, `${path}[]`, problems);
  }
  if (type === 'object') {
    const properties = (node.properties ?? {}) as Record<string, JsonSchema>;
    for (const [key, child] of Object.entries(properties)) checkChromeNode(child, path ? `${path}.${key}` : key, problems);
    for (const key of (node.required as string[] | undefined) ?? []) if (!(key in properties)) problems.push(`${where}: required "${key}" is not a property`);
  }
}

describe("public/managed_schema.json is inside Chrome's schema subset", () => {
  it('has an object at the top with properties and no additionalProperties or patternProperties', () => {
    expect(managedSchema.type).toBe('object');
    expect(Object.keys(managedSchema.properties as object).length).toBeGreaterThan(0);
    expect(managedSchema).not.toHaveProperty('additionalProperties');
    expect(managedSchema).not.toHaveProperty('patternProperties');
  });

  it('gives every node exactly one type (or a $ref) and only the attributes Chrome knows for it', () => {
    const problems: string[] = [];
    checkChromeNode(managedSchema, '', problems);
    expect(problems).toEqual([]);
  });

  it('gives Chrome the shape only: value rules are left to Promptvakt, which keeps the valid parts and names each error', () => {
    const version = (managedSchema.properties as Record<string, JsonSchema>).version!;
    expect(version.type).toBe('integer');
    const valueRules: string[] = [];
    const walk = (node: JsonSchema, path: string) => {
      for (const k of ['enum', 'pattern', 'minimum', 'maximum', 'required']) if (k in node) valueRules.push(`${path}.${k}`);
      for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, JsonSchema>)) walk(child, `${path}.${key}`);
      if (node.items) walk(node.items as JsonSchema, `${path}[]`);
    };
    walk(managedSchema, '');
    expect(valueRules).toEqual([]);
  });

  it('is pretty-printed with a trailing newline', () => {
    const text = readFileSync(MANAGED_SCHEMA_PATH, 'utf8');
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + '\n');
  });

  it('refuses, loudly, what Chrome cannot express', () => {
    const convert = (schema: z.ZodType) => () => toChromeSchema(z.toJSONSchema(schema, { io: 'input' }) as JsonSchema);
    expect(convert(z.object({ a: z.union([z.string(), z.object({ b: z.string() })]) }))).toThrow(/anyOf/);
    expect(convert(z.object({ a: z.union([z.string(), z.number()]) }))).toThrow(/exactly one type/);
    expect(convert(z.object({ a: z.number().min(1) }))).toThrow(/only integers/);
    expect(convert(z.object({ a: z.string().nullable() }))).toThrow(/anyOf|exactly one type/);
    expect(convert(z.object({ a: z.string().regex(/(?<=x)y/) }))).toThrow(/RE2/);
    expect(convert(z.record(z.string(), z.string()))).toThrow();
  });
});

describe('docs/sample-policies', () => {
  const policies = readdirSync('docs/sample-policies').filter((f) => f.endsWith('.json'));

  it('has a sample policy', () => {
    expect(policies).toContain(SAMPLE_POLICY_PATH.split('/').pop());
  });

  it.each(policies)('%s is a valid policy (no diagnostics)', (file) => {
    const { diagnostics } = checkPolicy(JSON.parse(readFileSync(`docs/sample-policies/${file}`, 'utf8')));
    expect(diagnostics).toEqual([]);
  });

  it.each(readdirSync(SAMPLE_EXPORT_DIR).filter((f) => f.endsWith('.json')))('export/%s holds the sample policy, valid', (file) => {
    const sample = JSON.parse(readFileSync(SAMPLE_POLICY_PATH, 'utf8'));
    const raw = JSON.parse(decodeText(readFileSync(`${SAMPLE_EXPORT_DIR}/${file}`)));
    const unwrapped = unwrapPolicy(raw, { chrome: [CHROME_EXTENSION_ID], gecko: [GECKO_EXTENSION_ID] });
    expect(unwrapped.problem).toBeNull();
    expect(unwrapped.wrapper).not.toBe('none');
    // As written, plus policyFields listing its top-level fields (export adds it, cli/policy-export.ts).
    expect(unwrapped.policy).toEqual(withPolicyFields(sample));
    expect(checkPolicy(unwrapped.policy).diagnostics).toEqual([]);
  });

  it('passes the checks Chrome makes against the managed schema (so Chrome drops nothing)', () => {
    for (const file of policies) {
      const policy = JSON.parse(readFileSync(`docs/sample-policies/${file}`, 'utf8'));
      expect(chromeProblems(policy, managedSchema, ''), file).toEqual([]);
    }
  });
});

/** Chrome's value check (Schema::Normalize): types, enums, RE2 patterns (partial match), integer ranges, required and unknown keys. */
function chromeProblems(value: unknown, schema: JsonSchema, path: string): string[] {
  const where = path || '(root)';
  const type = schema.type as string;
  const actual = Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : value === null ? 'null' : typeof value;
  if (actual !== type && !(type === 'number' && actual === 'integer')) return [`${where}: ${actual}, schema says ${type}`];
  if (schema.enum) return (schema.enum as unknown[]).includes(value) ? [] : [`${where}: not in enum`];
  if (typeof schema.pattern === 'string' && !RE2JS.compile(schema.pattern).matcher(value as string).find()) return [`${where}: does not match pattern`];
  if (type === 'integer' && ((schema.minimum as number) > (value as number) || (schema.maximum as number) < (value as number))) return [`${where}: out of range`];
  if (type === 'array') return (value as unknown[]).flatMap((item, i) => chromeProblems(item, schema.items as JsonSchema, `${path}[${i}]`));
  if (type === 'object') {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const entries = Object.entries(value as object);
    return [
      ...entries.flatMap(([k, v]) => (properties[k] ? chromeProblems(v, properties[k], path ? `${path}.${k}` : k) : [`${where}: unknown property ${k}`])),
      ...((schema.required as string[] | undefined) ?? []).filter((k) => !(k in (value as object))).map((k) => `${where}: missing ${k}`),
    ];
  }
  return [];
}
