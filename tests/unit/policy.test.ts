import { describe, expect, it } from 'vitest';
import { builtInEffectivePolicy } from '../../lib/policy/built-in-effective';
import { catalogueFor, detectionPolicyFor, detectorsFor, matchPatternFor, overrideFor, siteModeFor, type EffectivePolicy } from '../../lib/policy/effective';
import { re2Engine, regexProblem } from '../../lib/policy/regex-engine';
import { resolvePolicy } from '../../lib/policy/resolve';
import { policySchema } from '../../lib/policy/schema';
import { checkPolicy } from '../../lib/policy/validate-policy';
import { scan } from '../../lib/scan';

const PNR = '640823-4174'; // valid date and check digit, not on Skatteverket's test list

function scanWith(policy: EffectivePolicy, text: string, mode: Parameters<typeof detectionPolicyFor>[1] = 'block') {
  return scan(text, { policy: detectionPolicyFor(policy, mode), detectors: detectorsFor(policy, re2Engine), catalogue: catalogueFor(policy) });
}

const orgPolicy = {
  version: 1,
  organisation: { name: 'Exempelkommun', policyUrl: 'https://intranet.exempelkommun.se/ai' },
  categories: { health: { action: 'block' }, email: { action: 'warn', allowOverride: false }, iban: { action: 'warn', requireJustification: true } },
  customRules: [
    { id: 'nordstjarna', kind: 'keywords', keywords: ['Projekt Nordstjärna', 'nordstjärna-*'], category: 'classified', message: { sv: 'Projektet är internt.' } },
    { id: 'diarienummer', kind: 'regex', pattern: 'KS \\d{4}/\\d{1,5}', category: 'classified', action: 'warn', message: { en: 'Case numbers stay internal.' }, guidelineUrl: 'https://intranet.exempelkommun.se/diarium' },
  ],
  sites: [{ pattern: 'ai.exempelkommun.se', mode: 'warn' }, { pattern: 'grok.com', mode: 'off' }],
  lockedSettings: ['categories'],
};

describe('the policy schema', () => {
  it('accepts a complete organisation policy and fills in defaults', () => {
    const { policy, diagnostics } = checkPolicy(orgPolicy);
    expect(diagnostics).toEqual([]);
    expect(policy.failureMode).toBe('block');
    expect(policy.customRules?.[0]?.severity).toBe('high');
    expect(policy.sites?.[0]?.mode).toBe('warn');
  });

  it('keeps the valid parts of a partly invalid policy and names every error by its JSON path', () => {
    const { policy, diagnostics } = checkPolicy({
      ...orgPolicy,
      sites: [{ pattern: 'ai.exempelkommun.se' }, { pattern: 'https://bad.example/' }, { pattern: 'ok.example.se', mode: 'sometimes' }],
      categories: { personnummer: { action: 'blok' }, health: { action: 'block' } },
      failureMode: 'maybe',
      counterz: {},
    });
    const paths = diagnostics.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['sites[1].pattern', 'sites[2].mode', 'categories.personnummer.action', 'failureMode', 'counterz']));
    expect(diagnostics.find((d) => d.path === 'counterz')?.message).toMatch(/did you mean "counters"/);
    // Valid parts apply; the broken ones fall back to defaults (never weaker than the built-in policy).
    expect(policy.sites?.map((s) => s.pattern)).toEqual(['ai.exempelkommun.se', 'ok.example.se']);
    expect(policy.sites?.[1]?.mode).toBe('block');
    expect(policy.categories?.health?.action).toBe('block');
    expect(policy.failureMode).toBe('block');
    const effective = resolvePolicy({ ...orgPolicy, categories: { personnummer: { action: 'blok' } } }, {});
    expect(effective.categories.personnummer.action).toBe('block');
    expect(effective.diagnostics).toHaveLength(1);
  });

  it('names a custom rule by its id in the path', () => {
    const { diagnostics } = checkPolicy({ version: 1, customRules: [{ id: 'x1', kind: 'regex', pattern: '(?<=a)b', category: 'classified', message: { sv: 'x' } }] });
    expect(diagnostics[0]?.path).toBe('customRules[0] (id "x1").pattern');
    expect(diagnostics[0]?.message).toMatch(/RE2/);
  });

  it('rejects duplicate rule ids and site patterns', () => {
    const rule = orgPolicy.customRules[0]!;
    const { policy, diagnostics } = checkPolicy({ version: 1, customRules: [rule, rule], sites: [{ pattern: 'a.se' }, { pattern: 'a.se' }] });
    expect(diagnostics.map((d) => d.message).join('\n')).toMatch(/duplicate id[\s\S]*duplicate pattern|duplicate pattern[\s\S]*duplicate id/);
    expect(policy.customRules).toHaveLength(1);
    expect(policy.sites).toHaveLength(1);
  });

  it('never throws, whatever it is given', () => {
    for (const raw of [null, 42, 'x', [], { version: 2 }, { version: 1, sites: 'all' }, { version: 1, customRules: [null, 1, 'a'] }]) {
      const { policy, diagnostics } = checkPolicy(raw);
      expect(policy.enabled).toBe(true);
      expect(diagnostics.length).toBeGreaterThan(0);
    }
  });

  it('treats field names of Object.prototype ("constructor", "__proto__") as unknown fields, not as schemas', () => {
    const raw = JSON.parse('{"version":1,"constructor":1,"__proto__":{"enabled":false},"categories":{"toString":"x","health":{"action":"block"}}}');
    const { policy, diagnostics } = checkPolicy(raw);
    expect(diagnostics.map((d) => d.path)).toEqual(['constructor', '__proto__', 'categories.toString']);
    expect(policy.enabled).toBe(true);
    expect(policy.categories?.health?.action).toBe('block');
    expect(resolvePolicy(raw, { hasOwnProperty: 'x', categories: { valueOf: 'off' } }).categories.health.action).toBe('block');
  });

  it('never changes the policy it is given, so checking it again gives the same diagnostics', () => {
    const rule = orgPolicy.customRules[0]!;
    const raw = { version: 1, customRules: [rule, { ...rule }], sites: [{ pattern: 'a.se' }, { pattern: 'a.se' }] };
    const before = structuredClone(raw);
    const first = checkPolicy(raw);
    expect(raw).toEqual(before);
    expect(checkPolicy(raw)).toEqual(first);
    expect(first.diagnostics).toHaveLength(2);
  });

  it('reports a version that is not JSON instead of throwing', () => {
    expect(checkPolicy({ version: 1n }).diagnostics[0]).toMatchObject({ path: 'version' });
  });

  it('a missing managed policy is the built-in policy, without diagnostics', () => {
    expect(resolvePolicy({}, undefined)).toEqual(builtInEffectivePolicy());
    expect(resolvePolicy(undefined, undefined)).toEqual(builtInEffectivePolicy());
    expect(policySchema.safeParse({ version: 1 }).success).toBe(true);
  });
});

describe('precedence: organisation > employee (unlocked fields) > built-in', () => {
  it('an organisation setting wins over the employee', () => {
    const p = resolvePolicy({ version: 1, categories: { health: { action: 'block' } } }, { categories: { health: 'off', email: 'warn' } });
    expect(p.categories.health).toMatchObject({ action: 'block', setBy: 'organisation' });
    expect(p.categories.email).toMatchObject({ action: 'warn', setBy: 'user' });
    expect(p.categories.personnummer).toMatchObject({ action: 'block', setBy: 'built-in' });
  });

  it('locked settings ignore the employee even where the organisation sets nothing', () => {
    const p = resolvePolicy({ version: 1, lockedSettings: ['categories', 'language'] }, { categories: { personnummer: 'off' }, language: 'en' });
    expect(p.categories.personnummer.action).toBe('block');
    expect(p.language).toBe('auto');
    expect(p.locked).toEqual(expect.arrayContaining(['categories', 'language']));
  });

  it('an organisation language or highlight setting locks it', () => {
    const p = resolvePolicy({ version: 1, language: 'sv', highlightWhileTyping: false }, { language: 'en', highlightWhileTyping: true });
    expect(p.language).toBe('sv');
    expect(p.highlightWhileTyping).toBe(false);
    expect(p.locked).toEqual(expect.arrayContaining(['language', 'highlightWhileTyping']));
  });

  it('ignores employee settings that are not valid', () => {
    const p = resolvePolicy(undefined, { categories: { personnummer: 'nothing', health: 7 }, language: 'de', highlightWhileTyping: 'yes' });
    expect(p).toEqual(builtInEffectivePolicy());
    // One bad entry drops only itself.
    const mixed = resolvePolicy(undefined, { categories: { personnummer: 'nothing', email: 'warn', nonsense: 'off' }, language: 'en' });
    expect(mixed.categories.email).toMatchObject({ action: 'warn', setBy: 'user' });
    expect(mixed.categories.personnummer).toMatchObject({ action: 'block', setBy: 'built-in' });
    expect(mixed.language).toBe('en');
  });
});

describe('the effective policy at work', () => {
  const policy = resolvePolicy(orgPolicy, {});

  it('custom keywords and RE2 patterns are found, with the organisation message and link', () => {
    const result = scanWith(policy, 'Status för projekt NORDSTJÄRNA, se ärende KS 2026/123.');
    const rules = result.findings.map((f) => [f.rule, f.action, f.text]);
    expect(rules).toEqual([
      ['custom.nordstjarna', 'block', 'projekt NORDSTJÄRNA'],
      ['custom.diarienummer', 'warn', 'KS 2026/123'],
    ]);
    const rule = catalogueFor(policy).rules.get('custom.diarienummer');
    expect(rule?.reason.en).toBe('Case numbers stay internal.');
    expect(rule?.reason.sv).toBe('Case numbers stay internal.');
    expect(result.findings[1]?.guidelines[0]).toBe('https://intranet.exempelkommun.se/diarium');
  });

  it('keywords match whole words only, and on the normalised text', () => {
    expect(scanWith(policy, 'nordstjärnan lyser').findings).toEqual([]);
    expect(scanWith(policy, 'Projekt\u00a0Nord\u200bstjärna').findings.map((f) => f.rule)).toEqual(['custom.nordstjarna']);
    expect(scanWith(policy, 'KS 2026\u2215123 och KS 2026/12').findings.map((f) => f.text)).toEqual(['KS 2026/12']);
  });

  it('without the regex engine a policy with regex rules refuses to scan rather than skip them', () => {
    expect(() => scan('x', { detectors: detectorsFor(policy, null) })).toThrow(/regex engine/);
  });

  it('site modes cap the actions: warn never blocks, monitor never interrupts, off reports nothing', () => {
    const text = `Patienten ${PNR} har diabetes.`;
    expect(scanWith(policy, text, 'block').decision).toBe('block');
    expect(scanWith(policy, text, 'warn').decision).toBe('warn');
    const monitored = scanWith(policy, text, 'monitor');
    expect(monitored.decision).toBe('allow');
    expect(monitored.findings.map((f) => f.action)).toEqual(expect.arrayContaining(['inform']));
    expect(scanWith(policy, text, 'off').findings).toEqual([]);
    expect(scanWith({ ...policy, enabled: false }, text).findings).toEqual([]);
  });

  it('sends anyway only where every warning allows it, with a justification where one is required', () => {
    const emailWarn = scanWith(policy, 'Skriv till anna.berg@exempelkommun.se').findings;
    expect(overrideFor(policy, emailWarn)).toEqual({ allowed: false, justification: false });
    const ibanWarn = scanWith(policy, 'IBAN SE45 5000 0000 0583 9825 7466').findings;
    expect(overrideFor(policy, ibanWarn)).toEqual({ allowed: true, justification: true });
    expect(overrideFor(policy, scanWith(policy, PNR).findings).allowed).toBe(false);
  });

  it('finds the mode of a page: the most specific organisation entry, else built-in sites are guarded', () => {
    expect(siteModeFor(policy, new URL('https://ai.exempelkommun.se/chat'), false)).toBe('warn');
    expect(siteModeFor(policy, new URL('https://grok.com/'), true)).toBe('off');
    expect(siteModeFor(policy, new URL('https://chatgpt.com/'), true)).toBe('block');
    expect(siteModeFor(policy, new URL('https://example.org/'), false)).toBe('off');
    expect(matchPatternFor('*.example.se')).toBe('https://*.example.se/*');
    expect(matchPatternFor('example.se/chat')).toBe('https://example.se/chat*');
  });

  it('links the organisation guideline first for a category it covers', () => {
    const p = resolvePolicy({ version: 1, guidelines: { personnummer: 'https://intranet.example.se/pnr' } }, {});
    expect(scanWith(p, PNR).findings[0]?.guidelines[0]).toBe('https://intranet.example.se/pnr');
  });
});

describe('admin regular expressions run in linear time', () => {
  it('rejects what RE2 cannot run in linear time, and patterns that match empty text', () => {
    expect(regexProblem('(a)\\1')).toMatch(/RE2/);
    expect(regexProblem('(?=a)b')).toMatch(/RE2/);
    expect(regexProblem('a*')).toMatch(/empty/);
    expect(regexProblem('KS \\d+/\\d+')).toBeNull();
  });

  it('classic catastrophic patterns finish quickly on 100 KB adversarial input', () => {
    // Backtracking engines need exponential or quadratic time here; RE2 is linear.
    // The bound is generous (a slow CI machine), far below what backtracking would take.
    const cases: [string, string][] = [
      ['(a+)+$', 'a'.repeat(100_000) + '!'],
      ['(a|a)*b', 'a'.repeat(100_000)],
      ['(\\w+\\s?)*x', 'word '.repeat(20_000)],
      ['\\d+\\d+\\d+y', '1'.repeat(100_000)],
    ];
    for (const [pattern, text] of cases) {
      const started = performance.now();
      re2Engine.findAll(pattern, true, text);
      expect(performance.now() - started, pattern).toBeLessThan(5000);
    }
  });
});
