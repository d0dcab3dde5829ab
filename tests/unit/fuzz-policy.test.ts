/**
 * Property-based fuzzing of the policy loader (lib/policy/validate-policy.ts,
 * lib/policy/resolve.ts). The contract (docs/ADMIN.md "When the policy has
 * mistakes", docs/ARCHITECTURE.md "Policy: one schema, salvaged, never silently
 * off"):
 *   - checkPolicy and resolvePolicy never throw, whatever managed storage holds;
 *   - a valid policy applies as written, without errors (a custom rule that
 *     cannot fire as written gets a warning and stays); an invalid one gets
 *     at least one error, each diagnostic with a JSON path and a message;
 *   - only the valid parts apply: every setting that differs from the
 *     built-in default was asked for, validly, by the input — in particular
 *     protection is never weaker than the defaults by accident and only
 *     `"enabled": false` switches Promptvakt off;
 *   - one broken field or list entry drops only itself;
 *   - an admin's regular expression is refused with a clear diagnostic, or runs
 *     in linear time on RE2JS.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInEffectivePolicy } from '../../lib/policy/built-in-effective';
import { deliveryDiagnostics } from '../../lib/policy/delivery';
import { isDeliveryDiagnostic, type EffectivePolicy } from '../../lib/policy/effective';
import { scanOptionsFor } from '../../lib/policy/scan-options';
import { re2Engine, regexProblem } from '../../lib/policy/regex-engine';
import { hasManagedPolicy, resolvePolicy } from '../../lib/policy/resolve';
import { LOCKABLE_SETTINGS, POLICY_ACTIONS, policySchema } from '../../lib/policy/schema';
import { checkPolicy, isWarning, type PolicyDiagnostic } from '../../lib/policy/validate-policy';
import { scan } from '../../lib/scan';
import { CATEGORIES } from '../../lib/types';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const SAMPLE: Json = JSON.parse(readFileSync('docs/sample-policies/policy.json', 'utf8'));
// The same policy as it sits inside the exported deployment files.
const CHROME_EXPORT = JSON.parse(readFileSync('docs/sample-policies/export/chrome-linux.json', 'utf8'));
const FIREFOX_EXPORT = JSON.parse(readFileSync('docs/sample-policies/export/firefox-policies.json', 'utf8'));
const SAMPLES: Json[] = [
  SAMPLE,
  Object.values(CHROME_EXPORT['3rdparty'].extensions)[0] as Json,
  Object.values(FIREFOX_EXPORT.policies['3rdparty'].Extensions)[0] as Json,
];

const BUILT_IN = builtInEffectivePolicy();

/** The input for an assertion message (fast-check may hand over a BigInt, which JSON cannot show). */
function shown(raw: unknown): string {
  try {
    return (JSON.stringify(raw) ?? String(raw)).slice(0, 500);
  } catch {
    return Object.prototype.toString.call(raw);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** The input's own value at a path (never one inherited from Object.prototype). */
function own(value: unknown, ...path: (string | number)[]): unknown {
  let node = value;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}
const ownList = (value: unknown, key: string): unknown[] => {
  const list = own(value, key);
  return Array.isArray(list) ? list : [];
};

function checkDiagnostics(diagnostics: PolicyDiagnostic[]): void {
  for (const d of diagnostics) {
    expect(typeof d.path === 'string' && d.path.length > 0, JSON.stringify(d)).toBe(true);
    expect(typeof d.message === 'string' && d.message.trim().length > 0, JSON.stringify(d)).toBe(true);
  }
}

/**
 * The whole contract on one input. Every setting of the effective policy that
 * differs from the built-in default must come from a valid value of the input.
 */
function checkContract(raw: unknown): void {
  const checked = checkPolicy(raw);
  checkDiagnostics(checked.diagnostics);
  // What checkPolicy returns is a valid policy.
  expect(policySchema.safeParse(checked.policy).success).toBe(true);
  const valid = policySchema.safeParse(raw);
  // A warning (a rule that will never fire as written) drops nothing: the rule applies as written.
  for (const d of checked.diagnostics.filter(isWarning)) expect(d.path, shown(raw)).toMatch(/^customRules\[\d+\]/);
  if (valid.success) {
    expect(checked.diagnostics.filter((d) => !isWarning(d))).toEqual([]);
    expect(checked.policy).toEqual(valid.data);
  } else {
    expect(checked.diagnostics.filter((d) => !isWarning(d)).length, shown(raw)).toBeGreaterThan(0);
  }

  const effective = resolvePolicy(raw, undefined);
  if (!hasManagedPolicy(raw)) {
    expect(effective).toEqual(BUILT_IN);
    return;
  }
  expect(effective.source).toBe('organisation');
  // Promptvakt's own diagnostics, after one for each field policyFields lists that is missing (delivery.ts).
  expect(effective.diagnostics.filter((d) => !isDeliveryDiagnostic(d))).toEqual(checked.diagnostics);
  expect(effective.diagnostics.filter(isDeliveryDiagnostic)).toEqual(deliveryDiagnostics(raw));
  checkDiagnostics(effective.diagnostics);
  checkNeverSilentlyWeaker(raw, effective);
}

function checkNeverSilentlyWeaker(raw: unknown, effective: EffectivePolicy): void {
  const why = shown(raw);
  // Only "enabled": false switches Promptvakt off.
  if (!effective.enabled) expect(own(raw, 'enabled'), why).toBe(false);
  for (const category of CATEGORIES) {
    const eff = effective.categories[category];
    const def = BUILT_IN.categories[category];
    // Any action other than the default (stronger or weaker) was asked for, with a valid value.
    if (eff.action !== def.action) {
      expect(own(raw, 'categories', category, 'action'), `${category} in ${why}`).toBe(eff.action);
      expect(eff.setBy).toBe('organisation');
    }
    if (eff.allowOverride !== def.allowOverride) expect(own(raw, 'categories', category, 'allowOverride'), why).toBe(eff.allowOverride);
    if (eff.requireJustification !== def.requireJustification) expect(own(raw, 'categories', category, 'requireJustification'), why).toBe(eff.requireJustification);
  }
  if (effective.officialTestNumbers !== BUILT_IN.officialTestNumbers) expect(own(raw, 'officialTestNumbers'), why).toBe(effective.officialTestNumbers);
  if (effective.failureMode !== BUILT_IN.failureMode) expect(own(raw, 'failureMode'), why).toBe(effective.failureMode);
  if (effective.uploads.otherFiles !== BUILT_IN.uploads.otherFiles) expect(own(raw, 'uploads', 'otherFiles'), why).toBe(effective.uploads.otherFiles);
  // A site is only guarded less than "block" where the input says so for exactly that pattern.
  for (const site of effective.sites) {
    const entries = ownList(raw, 'sites').filter((s) => own(s, 'pattern') === site.pattern);
    expect(entries.length, why).toBeGreaterThan(0);
    if (site.mode !== 'block') expect(entries.some((s) => own(s, 'mode') === site.mode), why).toBe(true);
  }
  // Custom rules come from the input, with RE2 patterns that run in linear time.
  for (const rule of effective.customRules) {
    const entries = ownList(raw, 'customRules').filter((r) => own(r, 'id') === rule.id);
    expect(entries.length, why).toBeGreaterThan(0);
    if (rule.action) expect(entries.some((r) => own(r, 'action') === rule.action), why).toBe(true);
    if (rule.kind === 'regex') expect(regexProblem(rule.pattern!)).toBeNull();
  }
  for (const setting of effective.locked) expect(LOCKABLE_SETTINGS).toContain(setting);
}

// ---------------------------------------------------------------------------
// Arbitraries

const FIELD_NAMES = [
  'version', 'enabled', 'organisation', 'name', 'contact', 'policyUrl', 'sites', 'pattern', 'mode', 'categories', 'action',
  'allowOverride', 'requireJustification', 'officialTestNumbers', 'customRules', 'id', 'kind', 'keywords', 'caseSensitive',
  'category', 'severity', 'message', 'sv', 'en', 'guidelineUrl', 'guidelines', 'counters', 'retentionDays', 'endpoint',
  'uploads', 'otherFiles', 'language', 'highlightWhileTyping', 'lockedSettings', 'failureMode', ...CATEGORIES,
];
/** Keys that break naive object handling. */
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '', ' ', 'Version', 'customrules'];
const keyArb = fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 10 }));
/** Values a policy field could plausibly hold, valid for some field and invalid for most. */
const VALUE_WORDS = [...POLICY_ACTIONS, 'off', 'monitor', 'remind', 'confirm', 'allow', 'block', 'auto', 'sv', 'en', 'keywords', 'regex', 'high', 'critical', 'ai.example.se', '*.example.se', 'https://intranet.example.se/x', 'http://x', ...LOCKABLE_SETTINGS, ...CATEGORIES];
const leafArb: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(...VALUE_WORDS, true, false, null, 0, 1, -1, 2, 1.5, 1e308, '', ' ', '(a+)+$', '(?<=a)b', 'a'.repeat(600)),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
);
const policyLikeArb: fc.Arbitrary<Json> = fc.letrec<{ node: Json }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(keyArb, tie('node'), { maxKeys: 6 }),
  ),
})).node;

/** An object with the policy's fields, each set to something plausible (valid or not). */
const policyShapedArb = fc
  .tuple(fc.dictionary(fc.constantFrom(...FIELD_NAMES.slice(0, 35)), policyLikeArb, { maxKeys: 8 }), fc.constantFrom<Json>(1, 1, 1, 2, '1', null))
  .map(([fields, version]) => ({ ...fields, version }) as Json);

/** One random change somewhere in a JSON tree. */
type Mutation = { kind: 'replace' | 'delete' | 'add' | 'wrap' | 'retype' | 'duplicate'; where: number[]; value: Json; key: string };
const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('replace', 'delete', 'add', 'wrap', 'retype', 'duplicate'),
  where: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
  value: policyLikeArb,
  key: keyArb,
});

function mutate(root: Json, m: Mutation): Json {
  const copy = structuredClone(root);
  // Walk down a random path; stop at a leaf or at the end of `where`.
  let parent: Json[] | { [key: string]: Json } | null = null;
  let key: string | number = '';
  let node: Json = copy;
  for (const n of m.where) {
    if (Array.isArray(node) && node.length) {
      parent = node;
      key = n % node.length;
    } else if (isObject(node) && Object.keys(node).length) {
      parent = node as { [key: string]: Json };
      const keys = Object.keys(node);
      key = keys[n % keys.length]!;
    } else break;
    node = (parent as Record<string | number, Json>)[key]!;
  }
  if (!parent) return m.kind === 'replace' ? m.value : copy;
  const set = (v: Json) => ((parent as Record<string | number, Json>)[key] = v);
  switch (m.kind) {
    case 'replace':
      set(m.value);
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      break;
    case 'add':
      if (isObject(node)) Object.defineProperty(node, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
      else if (Array.isArray(node)) node.push(m.value);
      else set(m.value);
      break;
    case 'wrap':
      set([node]);
      break;
    case 'retype':
      set(typeof node === 'string' ? Number(node) || [node] : typeof node === 'number' ? String(node) : typeof node === 'boolean' ? String(node) : node === null ? 0 : JSON.stringify(node));
      break;
    case 'duplicate':
      if (Array.isArray(parent)) parent.push(structuredClone(node));
      else set([node, node]);
      break;
  }
  return copy;
}

// ---------------------------------------------------------------------------

describe('the policy loader never throws and keeps its contract', () => {
  it('on any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 5 }), (raw) => checkContract(raw)), { numRuns: 300 });
  });

  it('on anything a storage API could hand over (Maps, Dates, boxed values, null prototypes, sparse arrays)', () => {
    const anything = fc.anything({
      key: keyArb,
      maxDepth: 4,
      withBoxedValues: true,
      withMap: true,
      withSet: true,
      withDate: true,
      withNullPrototype: true,
      withSparseArray: true,
      withTypedArray: true,
      withBigInt: true,
      withObjectString: true,
    });
    fc.assert(fc.property(anything, (raw) => checkContract(raw)), { numRuns: 300 });
  });

  it('on objects with the policy fields set to plausible, often wrong, values', () => {
    fc.assert(fc.property(policyShapedArb, (raw) => checkContract(raw)), { numRuns: 300 });
  });

  it('on mutated versions of the sample policies', () => {
    for (const sample of SAMPLES) {
      // The samples themselves are valid and apply as written.
      expect(checkPolicy(sample).diagnostics).toEqual([]);
    }
    fc.assert(
      fc.property(fc.constantFrom(...SAMPLES), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (sample, mutations) => {
        checkContract(mutations.reduce(mutate, sample));
      }),
      { numRuns: 300 },
    );
  });

  it('the employee settings never break the effective policy either', () => {
    fc.assert(
      fc.property(fc.oneof(policyShapedArb, fc.constant(SAMPLE)), fc.oneof(policyLikeArb, fc.dictionary(fc.constantFrom('language', 'highlightWhileTyping', 'categories', '__proto__'), policyLikeArb)), (managed, user) => {
        const effective = resolvePolicy(managed, user);
        // What the organisation sets or locks, the employee cannot change.
        const org = resolvePolicy(managed, undefined);
        for (const category of CATEGORIES) {
          if (org.categories[category].setBy === 'organisation' || org.locked.includes('categories')) {
            expect(effective.categories[category]).toEqual(org.categories[category]);
          }
        }
        expect(effective.enabled).toBe(org.enabled);
        expect(effective.sites).toEqual(org.sites);
        expect(effective.customRules).toEqual(org.customRules);
        expect(effective.failureMode).toBe(org.failureMode);
      }),
      { numRuns: 300 },
    );
  });
});

describe('"keep the valid parts": one broken part drops only itself', () => {
  const baseline = checkPolicy(SAMPLE).policy as Record<string, unknown>;
  const fields = Object.keys(SAMPLE as object).filter((k) => k !== 'version');

  it('a broken top-level field leaves every other field as it was', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fields), policyLikeArb, (field, garbage) => {
        const raw = { ...(SAMPLE as object), [field]: garbage };
        const { policy, diagnostics } = checkPolicy(raw);
        if (!policySchema.safeParse(raw).success) expect(diagnostics.length).toBeGreaterThan(0);
        for (const other of fields) if (other !== field) expect((policy as Record<string, unknown>)[other], other).toEqual(baseline[other]);
      }),
      { numRuns: 300 },
    );
  });

  it('a broken site or custom rule leaves the other entries as they were', () => {
    fc.assert(
      fc.property(fc.constantFrom('sites', 'customRules'), fc.nat(), policyLikeArb, (list, n, garbage) => {
        const entries = [...((SAMPLE as Record<string, Json[]>)[list] ?? [])];
        const i = n % entries.length;
        entries[i] = garbage;
        const { policy } = checkPolicy({ ...(SAMPLE as object), [list]: entries });
        const kept = (list === 'sites' ? policy.sites : policy.customRules) ?? [];
        const expected = (baseline[list] as unknown[]).filter((_, j) => j !== i);
        for (const entry of expected) expect(kept).toContainEqual(entry);
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------
// Hostile regular expressions in custom rules

const HOSTILE_PATTERNS = [
  // Nested quantifiers: exponential or polynomial for a backtracking engine.
  '(a+)+$', '(a|a)*b', '(a|aa)+c', '(\\w+\\s?)*x', '(x+x+)+y', '^(([a-z])+.)+[A-Z]([a-z])+$', '((((((((((a*)*)*)*)*)*)*)*)*)*)*b', '(.*a){12}', '\\d+\\d+\\d+y',
  // Back-references and look-around: not RE2.
  '(a)\\1', '(?P<n>a)(?P=n)', '(?<=a)b', '(?<!a)b', '(?=a)a', '(?!b)a', '\\k<n>',
  // Huge counted repetition.
  'a{1001}', 'a{100000}', '(a{1000}){1000}', '((a{100}){100}){100}', '(?:a{0,1000}){0,1000}', '(a{999}|b{999}){999}', '\\w{300}',
  // Long patterns: 10 KB of literal and of alternatives.
  'x'.repeat(10_240),
  `(?:${Array.from({ length: 1500 }, (_, i) => `w${i}`).join('|')})`,
  // Broken or empty-matching.
  '', ' ', '(', ')', '[', 'a**', '*a', '\\', '(?i', 'a*', '^$', '(?:)', 'x|', '\\C', '\\p{Nonsense}',
];

/** A rule around a pattern, valid in every other respect. */
const ruleWith = (pattern: string) => ({ version: 1, customRules: [{ id: 'r', kind: 'regex', pattern, category: 'classified', message: { sv: 'Internt.' } }] });

/** Adversarial texts of `n` characters for `pattern`: a run of its first letter, and of all its letters and digits with spaces. */
function adversarialTexts(pattern: string, n: number): string[] {
  const letters = [...new Set(pattern.replace(/\\./g, '').replace(/[^\p{L}\p{N}]/gu, ''))].join('') || 'a';
  return [letters[0]!.repeat(n), (letters + ' 1').repeat(n).slice(0, n)];
}

/** Best of three runs (timer and GC noise only ever add time) over the slowest adversarial text. */
function timeOn(pattern: string, n: number): number {
  let worst = 0;
  for (const text of adversarialTexts(pattern, n)) {
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const t0 = performance.now();
      re2Engine.findAll(pattern, false, text);
      best = Math.min(best, performance.now() - t0);
    }
    worst = Math.max(worst, best);
  }
  return worst;
}

describe('hostile regular expressions in custom rules', () => {
  it('are refused with a diagnostic at the pattern, or run in linear time on RE2JS', () => {
    for (const pattern of HOSTILE_PATTERNS) {
      const { policy, diagnostics } = checkPolicy(ruleWith(pattern));
      const accepted = policy.customRules?.length === 1;
      if (!accepted) {
        // Refused: the rule is dropped and the diagnostic says where and why.
        expect(diagnostics.map((d) => d.path), pattern.slice(0, 40)).toContain('customRules[0] (id "r").pattern');
        expect(diagnostics[0]!.message).toMatch(/RE2|empty|characters/);
        continue;
      }
      // Accepted (perhaps with a warning: "(a+)+$" only matches at the end of the prompt).
      expect(diagnostics.filter((d) => !isWarning(d))).toEqual([]);
      // Linear: doubling the text at most roughly doubles the time (quadratic would be 4×,
      // exponential far more); the text grows until the time is large enough to measure.
      timeOn(pattern, 1_000); // warm up
      let n = 4_000;
      let t = timeOn(pattern, n);
      while (t < 10 && n < 64_000) t = timeOn(pattern, (n *= 2));
      // A pause of the garbage collector can spoil one pair of timings, not three.
      let ratio = Infinity;
      let seen = '';
      for (let attempt = 0; attempt < 3 && ratio >= 3.5; attempt++) {
        const t1 = attempt ? timeOn(pattern, n) : t;
        const t2 = timeOn(pattern, 2 * n);
        ratio = Math.min(ratio, t2 / Math.max(t1, 1));
        seen += ` ${t1.toFixed(1)} ms for ${n}, ${t2.toFixed(1)} ms for ${2 * n};`;
      }
      expect(ratio, `${pattern}:${seen}`).toBeLessThan(3.5);
    }
  });

  it('random patterns from regex metacharacters: refused with a diagnostic, or scan a 10 KB adversarial prompt', () => {
    const piece = fc.constantFrom('(', ')', '(?:', '(?=', '(?<=', '*', '+', '?', '*?', '{2}', '{2,}', '{0,1000}', '{1001}', '|', '\\1', '\\d', '\\w', '\\s', '\\b', '.', 'a', 'b', '[a-z]', '[^a]', '^', '$', '\\p{L}');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 14 }), (pieces) => {
        const pattern = pieces.join('');
        const raw = ruleWith(pattern);
        const { policy, diagnostics } = checkPolicy(raw);
        if (!policy.customRules?.length) {
          expect(diagnostics.some((d) => d.path.startsWith('customRules[0]'))).toBe(true);
          return;
        }
        const effective = resolvePolicy(raw, undefined);
        const text = 'ab'.repeat(2_500) + ' a1 '.repeat(1_250);
        const result = scan(text, scanOptionsFor(effective, { mode: 'block', regex: re2Engine }));
        for (const f of result.findings) expect(text.slice(f.start, f.end)).toBe(f.text);
      }),
      { numRuns: 50 },
    );
  });
});
