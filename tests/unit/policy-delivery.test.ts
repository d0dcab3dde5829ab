/**
 * Fields the browser did not deliver (lib/policy/delivery.ts, carried by
 * resolvePolicy), the simulation of Chrome's managed-schema check
 * (lib/policy/chrome-schema-check.ts) that `npm run policy -- check` runs, and
 * the policyFields list `npm run policy -- export` writes (cli/policy-export.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportPolicy, withPolicyFields } from '../../cli/policy-export';
import { CHROME_EXTENSION_ID } from '../../lib/extension-id';
import { describeDrop, simulateChromeDelivery, type ChromeSchema } from '../../lib/policy/chrome-schema-check';
import { deliveryDiagnostics, undeliveredFields } from '../../lib/policy/delivery';
import { isDeliveryDiagnostic } from '../../lib/policy/effective';
import { resolvePolicy } from '../../lib/policy/resolve';
import { POLICY_FIELDS } from '../../lib/policy/schema';
import { checkPolicy } from '../../lib/policy/validate-policy';

const managedSchema = JSON.parse(readFileSync('public/managed_schema.json', 'utf8')) as ChromeSchema;

describe('fields the browser did not deliver', () => {
  it('names every field policyFields lists that did not arrive, in the order listed', () => {
    const delivered = { version: 1, organisation: { name: 'Kommunen' }, policyFields: ['version', 'customRules', 'organisation', 'categories'] };
    expect(undeliveredFields(delivered)).toEqual(['customRules', 'categories']);
    expect(deliveryDiagnostics(delivered)).toEqual([
      expect.objectContaining({ kind: 'not-delivered', field: 'customRules', path: 'customRules' }),
      expect.objectContaining({ kind: 'not-delivered', field: 'categories', path: 'categories' }),
    ]);
    expect(deliveryDiagnostics(delivered)[0]!.message).toMatch(/did not deliver it: Chrome drops a whole field .*chrome:\/\/policy \(Firefox: about:policies\)/);
  });

  it('reports nothing when every listed field arrived', () => {
    expect(undeliveredFields({ version: 1, categories: {}, policyFields: ['version', 'categories'] })).toEqual([]);
  });

  it('reports nothing without policyFields, or with one that is not a list (nothing to compare with)', () => {
    expect(undeliveredFields({ version: 1 })).toEqual([]);
    expect(undeliveredFields({ version: 1, policyFields: 'categories' })).toEqual([]);
    expect(undeliveredFields(undefined)).toEqual([]);
    expect(undeliveredFields(['categories'])).toEqual([]);
  });

  it('skips entries that are not policy fields (checkPolicy names those), and counts each field once', () => {
    const delivered = { version: 1, policyFields: ['categoriess', 7, 'toString', 'sites', 'sites'] };
    expect(undeliveredFields(delivered)).toEqual(['sites']);
    expect(checkPolicy(delivered).diagnostics.map((d) => d.path)).toEqual(['policyFields[0]', 'policyFields[1]', 'policyFields[2]']);
  });

  it('travels with the effective policy, first, beside Promptvakt\'s own diagnostics; protection keeps the defaults', () => {
    const effective = resolvePolicy({ version: 1, failureMode: 'sometimes', policyFields: ['version', 'categories', 'failureMode'] }, undefined);
    expect(effective.source).toBe('organisation');
    expect(effective.diagnostics.map((d) => [isDeliveryDiagnostic(d), d.path])).toEqual([
      [true, 'categories'],
      [false, 'failureMode'],
    ]);
    expect(effective.categories.personnummer.action).toBe('block');
    // The built-in policy (no managed policy) has nothing to compare.
    expect(resolvePolicy(undefined, undefined).diagnostics).toEqual([]);
    expect(resolvePolicy({}, undefined).diagnostics).toEqual([]);
  });

  it('policyFields may list every top-level field, and only those', () => {
    expect(checkPolicy({ version: 1, policyFields: [...POLICY_FIELDS] }).diagnostics).toEqual([]);
    expect(POLICY_FIELDS).not.toContain('policyFields');
    expect(Object.keys((managedSchema.properties as object))).toEqual([...POLICY_FIELDS, 'policyFields']);
  });
});

const schema: ChromeSchema = {
  type: 'object',
  properties: {
    mode: { type: 'string', enum: ['off', 'block'] },
    host: { type: 'string', pattern: '^[a-z.]+$' },
    minutes: { type: 'integer', minimum: 1, maximum: 60 },
    level: { type: 'integer', enum: [1, 2] },
    ratio: { type: 'number' },
    on: { type: 'boolean' },
    rules: {
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'string' }, words: { type: 'array', items: { type: 'string' } } }, required: ['id'] },
    },
    labels: { type: 'object', patternProperties: { '^x-': { type: 'string' } }, additionalProperties: { type: 'integer' } },
    nested: { type: 'object', properties: { inner: { type: 'object', properties: { flag: { type: 'boolean' } } } } },
  },
};

describe("Chrome's managed-schema check, simulated", () => {
  const drops = (policy: unknown) => simulateChromeDelivery(schema, policy).dropped;

  it('delivers a policy that fits the schema as it is', () => {
    const policy = { mode: 'off', host: 'a.se', minutes: 60, level: 2, ratio: 3, on: false, rules: [{ id: 'a', words: ['x'] }], labels: { 'x-a': 'b', other: 4 } };
    expect(simulateChromeDelivery(schema, policy)).toEqual({ delivered: policy, dropped: [], removed: [] });
  });

  it('drops the whole top-level field for a wrong type, and says what the schema wants', () => {
    const result = simulateChromeDelivery(schema, { on: 'yes', mode: 'off' });
    expect(result.delivered).toEqual({ mode: 'off' });
    expect(result.dropped).toEqual([{ field: 'on', problems: [{ path: 'on', reason: '"yes" is a string; the schema wants a boolean (true or false)' }] }]);
  });

  it('checks enums (strings and integers), RE2 patterns (partial match) and integer ranges', () => {
    expect(drops({ mode: 'Block' })[0]!.problems[0]!.reason).toBe('"Block" is not one of "off", "block"');
    expect(drops({ host: 'A.se' })[0]!.problems[0]!.reason).toMatch(/does not match the pattern/);
    expect(drops({ minutes: 0 })[0]!.problems[0]!.reason).toBe('0 is outside 1–60');
    expect(drops({ minutes: 61 })).toHaveLength(1);
    expect(drops({ level: 3 })[0]!.problems[0]!.reason).toBe('3 is not one of 1, 2');
    expect(drops({ mode: 'block', host: 'a.se', minutes: 1, level: 1 })).toEqual([]);
    // Chrome's JSON reader makes a fraction, or a whole number past 32 bits, a double: not an integer.
    expect(drops({ minutes: 1.5 })[0]!.problems[0]!.reason).toMatch(/is a number \(Chrome reads it as a decimal number\); the schema wants a whole number/);
    expect(drops({ minutes: 2 ** 31 })).toHaveLength(1);
    // An integer is fine where the schema says number.
    expect(drops({ ratio: 2 })).toEqual([]);
    expect(drops({ ratio: null })[0]!.problems[0]!.reason).toMatch(/^null is null;/);
  });

  it('removes an unknown key inside a field with a note, and delivers the rest of the field', () => {
    const result = simulateChromeDelivery(schema, { nested: { inner: { flag: true, flagg: true } }, rules: [{ id: 'a', colour: 'red' }] });
    expect(result.dropped).toEqual([]);
    expect(result.delivered).toEqual({ nested: { inner: { flag: true } }, rules: [{ id: 'a' }] });
    expect(result.removed).toEqual([
      { field: 'nested', path: 'nested.inner.flagg' },
      { field: 'rules', path: 'rules[0] (id "a").colour' },
    ]);
  });

  it('drops a top-level field the schema does not know', () => {
    expect(drops({ colour: 'red' })).toEqual([{ field: 'colour', problems: [{ path: 'colour', reason: "the extension's schema has no such field" }] }]);
  });

  it('drops the whole list for one bad item deep inside it, naming the item by its id', () => {
    const result = simulateChromeDelivery(schema, { rules: [{ id: 'ok', words: ['a'] }, { id: 'bad', words: ['a', 7] }, { words: [] }] });
    expect(result.delivered).toEqual({});
    expect(result.dropped).toEqual([
      {
        field: 'rules',
        problems: [
          { path: 'rules[1] (id "bad").words[1]', reason: '7 is a whole number; the schema wants a string' },
          { path: 'rules[2]', reason: 'the required field "id" is missing' },
        ],
      },
    ]);
    expect(describeDrop(result.dropped[0]!)).toBe(
      'Chrome would drop the whole field `rules` because rules[1] (id "bad").words[1] 7 is a whole number; the schema wants a string (and rules[2]: the required field "id" is missing).',
    );
  });

  it('matches patternProperties, then additionalProperties for keys nothing else matches', () => {
    expect(drops({ labels: { 'x-a': 1 } })[0]!.problems[0]).toEqual({ path: 'labels.x-a', reason: '1 is a whole number; the schema wants a string' });
    expect(drops({ labels: { other: 'a' } })[0]!.problems[0]!.path).toBe('labels.other');
  });

  it('says nothing about a policy that is not an object (Promptvakt\'s own check does)', () => {
    expect(simulateChromeDelivery(schema, 'x')).toEqual({ delivered: {}, dropped: [], removed: [] });
    expect(simulateChromeDelivery(schema, [1])).toEqual({ delivered: {}, dropped: [], removed: [] });
  });

  describe('against public/managed_schema.json', () => {
    it('delivers the sample policy whole', () => {
      const sample = JSON.parse(readFileSync('docs/sample-policies/policy.json', 'utf8'));
      const result = simulateChromeDelivery(managedSchema, withPolicyFields(sample));
      expect(result.dropped).toEqual([]);
      expect(result.removed).toEqual([]);
      expect(result.delivered).toEqual(withPolicyFields(sample));
    });

    it('drops all of categories for one value of the wrong type; the extension then names it from policyFields', () => {
      const policy = withPolicyFields({ version: 1, categories: { email: { action: 'warn' }, health: { allowOverride: 'no' } } });
      const result = simulateChromeDelivery(managedSchema, policy);
      expect(describeDrop(result.dropped[0]!)).toBe(
        'Chrome would drop the whole field `categories` because categories.health.allowOverride "no" is a string; the schema wants a boolean (true or false).',
      );
      expect(result.delivered).toEqual({ version: 1, policyFields: ['version', 'categories'] });
      const effective = resolvePolicy(result.delivered, undefined);
      expect(effective.diagnostics).toMatchObject([{ kind: 'not-delivered', field: 'categories' }]);
      // The built-in defaults apply to the categories Chrome dropped.
      expect(effective.categories.email.action).not.toBe('warn');
      expect(effective.categories.personnummer.action).toBe('block');
    });

    it('passes values Chrome does not check (the schema carries types only; Promptvakt checks the values)', () => {
      const policy = { version: 1, categories: { health: { action: 'Block' } } };
      expect(simulateChromeDelivery(managedSchema, policy).dropped).toEqual([]);
      expect(checkPolicy(policy).diagnostics.map((d) => d.path)).toEqual(['categories.health.action']);
    });
  });
});

describe('policyFields in the export', () => {
  it('lists the top-level policy fields the policy sets, in its order, and replaces a list the admin wrote', () => {
    expect(withPolicyFields({ version: 1, customRules: [], organisation: { name: 'x' } }).policyFields).toEqual(['version', 'customRules', 'organisation']);
    expect(withPolicyFields({ version: 1, policyFields: ['sites'], sites: [] })).toEqual({ version: 1, policyFields: ['version', 'sites'], sites: [] });
    // Unknown keys are not policy fields: Chrome drops them anyway, and checkPolicy names them.
    expect(withPolicyFields({ version: 1, colour: 'red' }).policyFields).toEqual(['version']);
  });

  it('writes it into every target', () => {
    const policy = { version: 1, categories: { email: { action: 'block' } } };
    const file = JSON.parse(exportPolicy(policy, 'chrome-linux').text);
    expect(file['3rdparty'].extensions[CHROME_EXTENSION_ID].policyFields).toEqual(['version', 'categories']);
    const firefox = JSON.parse(exportPolicy(policy, 'firefox-policies').text);
    expect(Object.values(firefox.policies['3rdparty'].Extensions)[0]).toMatchObject({ policyFields: ['version', 'categories'] });
    expect(exportPolicy(policy, 'chrome-windows-reg').text).toMatch(/\\policy\\policyFields\]\r\n"1"="version"\r\n"2"="categories"/);
    expect(exportPolicy(policy, 'chrome-macos-mobileconfig').text).toMatch(/<key>policyFields<\/key>\s*<array>\s*<string>version<\/string>\s*<string>categories<\/string>/);
    // The policy the admin passed is not changed.
    expect(policy).not.toHaveProperty('policyFields');
  });
});
