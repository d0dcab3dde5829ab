import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInEffectivePolicy } from '../../lib/policy/built-in-effective';
import { catalogueFor, detectionPolicyFor, detectorsFor, matchPatternFor, overrideFor, siteModeFor, type EffectivePolicy } from '../../lib/policy/effective';
import { scanOptionsFor } from '../../lib/policy/scan-options';
import { programSize, re2Engine, regexProblem } from '../../lib/policy/regex-engine';
import { resolvePolicy } from '../../lib/policy/resolve';
import { POLICY_LIMITS, policySchema } from '../../lib/policy/schema';
import { checkPolicy } from '../../lib/policy/validate-policy';
import { scan } from '../../lib/scan';

const PNR = '640823-4174'; // valid date and check digit, not on Skatteverket's test list

function scanWith(policy: EffectivePolicy, text: string, mode: Parameters<typeof detectionPolicyFor>[1] = 'block') {
  return scan(text, scanOptionsFor(policy, { mode, regex: re2Engine }));
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
    expect(monitored.findings.map((f) => f.action)).toEqual(expect.arrayContaining(['log']));
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

  // RE2JS is linear in the prompt, times the size of the compiled program: `\w{1000}` took ~7 s per
  // 100 KB of letters and the background check timed out.
  it('rejects a pattern whose RE2 program is too large, saying so and what to write instead', () => {
    for (const pattern of ['\\w{1000}', '[a-z]{1000}'.repeat(10), '[0-9]{1,1000}', '(?:\\p{L}+ ){600}']) {
      const problem = regexProblem(pattern);
      expect(problem, pattern).toMatch(/^the pattern is too complex \(\d+ RE2 instructions, at most 600\)/);
      expect(problem).toMatch(/write a simpler one/);
    }
    expect(POLICY_LIMITS.patternProgramSize).toBe(600);
    // At the limit: \w{n}! compiles to n + 3 instructions.
    expect(regexProblem(`\\w{${POLICY_LIMITS.patternProgramSize - 3}}!`)).toBeNull();
    expect(regexProblem(`\\w{${POLICY_LIMITS.patternProgramSize - 2}}!`)).toMatch(/\(601 RE2 instructions, at most 600\)/);
  });

  it('accepts the patterns admins write, up to the length limit', () => {
    const fifty = (
      'nordstjärna polstjärna karlavagnen orion kassiopeja andromeda vega altair deneb sirius betelgeuse rigel ' +
      'aldebaran capella arcturus spica antares pollux castor regulus procyon fomalhaut mira algol polaris canopus ' +
      'achernar hadar acrux mimosa shaula bellatrix elnath alnilam alnitak mintaka saiph alhena wezen adhara aludra ' +
      'gienah kochab mizar alioth dubhe merak phecda megrez alkaid'
    ).split(' ');
    expect(fifty).toHaveLength(50);
    let literal = '';
    while (literal.length < POLICY_LIMITS.patternLength) literal += 'Projekt Nordstjärna fas [0-9] ';
    const patterns = [
      'KS\\s?\\d{4}[-/]\\d{1,5}',
      '\\b(?:SN|IFN|SOC) ?20[0-9]{2}/[0-9]{1,5}\\b',
      '\\b[A-Z]{2,4}-\\d{3,6}\\b',
      '\\bprojekt\\s+(?:nordstjärna|polstjärna|karlavagnen)\\b',
      `\\b(?:${fifty.join('|')})\\b`,
      literal.slice(0, POLICY_LIMITS.patternLength),
      'x'.repeat(POLICY_LIMITS.patternLength),
      '\\bpatient\\b.{0,250}\\bpnr\\b',
      '\\b[A-Za-z0-9]{32,64}\\b',
      '[0-9]{1,100}',
    ];
    for (const pattern of patterns) {
      expect(pattern.length).toBeLessThanOrEqual(POLICY_LIMITS.patternLength);
      expect(regexProblem(pattern), pattern).toBeNull();
    }
  });

  it('property: a pattern without counted repetition never is too complex within the length limit', () => {
    const piece = fc.constantFrom('a', 'ö', 'K', '-', '/', ' ', '\\d', '\\w', '\\s', '\\b', '\\p{L}', '[A-ZÅÄÖ]', '[^ ]', '.', '?', '+', '*', '|', '(?:', '(', ')');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 300 }), (pieces) => {
        let pattern = pieces.join('').slice(0, POLICY_LIMITS.patternLength);
        pattern = 'x' + pattern.slice(1); // never empty, and never only empty groups
        expect(regexProblem(pattern) ?? '').not.toMatch(/too complex/);
      }),
      { numRuns: 300 },
    );
  });

  it('drops a rule that is too complex, with the diagnostic at its pattern, and keeps the others', () => {
    const slow = { id: 'slow', kind: 'regex', pattern: '\\w{1000}', category: 'credential', message: { sv: 'Nyckel.' } };
    const { policy, diagnostics } = checkPolicy({ ...orgPolicy, customRules: [...orgPolicy.customRules, slow] });
    expect(policy.customRules?.map((r) => r.id)).toEqual(['nordstjarna', 'diarienummer']);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.path).toBe('customRules[2] (id "slow").pattern');
    expect(diagnostics[0]!.message).toMatch(/too complex \(1002 RE2 instructions, at most 600\)/);
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

describe('values JSON cannot hold (never from storage, but the loader must not throw)', () => {
  // An object whose constructor's name is itself an object without a prototype: zod's message building throws on it.
  const unprintable = () => {
    const value = Object.create(null) as Record<string, unknown>;
    const ctor = Object.create(null) as Record<string, unknown>;
    ctor.name = Object.create(null);
    (value as { constructor: unknown }).constructor = ctor;
    return value;
  };

  it('a policy holding one is reported and the built-in defaults apply', () => {
    const { policy, diagnostics } = checkPolicy({ version: 1, highlightWhileTyping: unprintable(), failureMode: 'allow' });
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(policy.failureMode).toBe('block');
    expect(policy.enabled).toBe(true);
  });

  it('employee settings holding one are ignored, and the policy stands', () => {
    const effective = resolvePolicy({ version: 1, categories: { health: { action: 'block' } } }, { highlightWhileTyping: unprintable() });
    expect(effective.categories.health.action).toBe('block');
    expect(effective.highlightWhileTyping).toBe(resolvePolicy({ version: 1 }, undefined).highlightWhileTyping);
  });
});

describe('the regex rules together have a cost budget', () => {
  // 550 instructions each (under the per-rule limit): eleven fit in 6000, the twelfth does not.
  const heavy = (i: number) => ({ id: `heavy-${i}`, kind: 'regex' as const, pattern: `K${i}-\\w{545}!`, category: 'classified' as const, message: { sv: 'Internt.' } });

  it('rules beyond the budget are refused, naming the first; the first ones still apply', () => {
    const size = programSize(heavy(0).pattern)!;
    expect(size).toBeGreaterThan(500);
    expect(size).toBeLessThanOrEqual(POLICY_LIMITS.patternProgramSize);
    const fit = Math.floor(POLICY_LIMITS.totalProgramSize / size);
    const rules = Array.from({ length: fit + 2 }, (_, i) => heavy(i));
    const { policy, diagnostics } = checkPolicy({ version: 1, customRules: rules });
    expect(policy.customRules?.map((r) => r.id)).toEqual(rules.slice(0, fit).map((r) => r.id));
    const refused = diagnostics.filter((d) => /together are too complex/.test(d.message));
    expect(refused).toHaveLength(1);
    expect(refused[0]!.path).toBe(`customRules[${fit}] (id "heavy-${fit}").pattern`);
    expect(refused[0]!.message).toContain('any later regex rule that does not fit');
  });

  it('ordinary rules are far below it', () => {
    const { diagnostics } = checkPolicy({
      version: 1,
      customRules: Array.from({ length: 100 }, (_, i) => ({ id: `dnr-${i}`, kind: 'regex', pattern: `KS${i}\\s?\\d{4}[-/]\\d{1,5}`, category: 'classified', message: { sv: 'Diarienummer.' } })),
    });
    expect(diagnostics).toEqual([]);
  });
});
