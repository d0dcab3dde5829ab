/**
 * Every policy diagnostic in plain words (lib/policy/diagnostic-text.ts), RE2
 * features named (regex-engine.ts explainRegexProblem), and warnings for
 * custom rules that cannot fire as written (rule-warnings.ts): the rule stays.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, nearMiss, quoted, SHOWN_LENGTH } from '../../lib/policy/diagnostic-text';
import { re2Engine, regexProblem } from '../../lib/policy/regex-engine';
import { resolvePolicy } from '../../lib/policy/resolve';
import { customRuleWarnings } from '../../lib/policy/rule-warnings';
import { POLICY_LIMITS } from '../../lib/policy/schema';
import { scanOptionsFor } from '../../lib/policy/scan-options';
import { checkPolicy, isWarning, type PolicyDiagnostic } from '../../lib/policy/validate-policy';
import { scan } from '../../lib/scan';

const regexRule = (id: string, pattern: string, extra: object = {}) => ({ id, kind: 'regex', pattern, category: 'classified', message: { sv: 'Internt.' }, ...extra });
const keywordRule = (id: string, keywords: unknown[], extra: object = {}) => ({ id, kind: 'keywords', keywords, category: 'classified', message: { sv: 'Internt.' }, ...extra });

/** The one diagnostic at `path` (fails when there is none or more). */
function at(diagnostics: PolicyDiagnostic[], path: string): PolicyDiagnostic {
  const found = diagnostics.filter((d) => d.path === path);
  expect(found.map((d) => d.path), `diagnostics: ${JSON.stringify(diagnostics, null, 1)}`).toEqual([path]);
  return found[0]!;
}

const ZOD_WORDING = /Too big:|Too small:|Invalid input|Invalid option|Invalid string|Unrecognized key|expected array to have|received (string|number|boolean|object|array|undefined)/;

describe('counts and lengths: the actual number and the limit', () => {
  it('a list with too many items', () => {
    const sites = Array.from({ length: POLICY_LIMITS.sites + 12 }, (_, i) => ({ pattern: `s${i}.example.se` }));
    const keywords = Array.from({ length: POLICY_LIMITS.keywordsPerRule + 1 }, (_, i) => `ord${i}`);
    const { diagnostics } = checkPolicy({ version: 1, sites, customRules: [keywordRule('many', keywords)] });
    expect(at(diagnostics, 'sites')).toMatchObject({ message: 'has 212 items; at most 200 are allowed', severity: 'error', code: 'too-many' });
    expect(at(diagnostics, 'customRules[0] (id "many").keywords').message).toBe('has 501 items; at most 500 are allowed');
  });

  it('a list too short, or left empty once its invalid items are dropped', () => {
    const { diagnostics } = checkPolicy({ version: 1, customRules: [keywordRule('none', []), keywordRule('bad', ['x'])] });
    expect(at(diagnostics, 'customRules[0] (id "none").keywords').message).toBe('is an empty list; at least 1 item is required');
    expect(at(diagnostics, 'customRules[1] (id "bad").keywords[0]').message).toBe('has only 1 character ("x"); at least 2 are required');
    expect(at(diagnostics, 'customRules[1] (id "bad").keywords').message).toBe('has no valid item left; at least 1 is required');
  });

  it('text too long or too short, counted as the schema counts it (without the spaces at the ends)', () => {
    const { diagnostics } = checkPolicy({
      version: 1,
      organisation: { name: 'x'.repeat(201), contact: '   ' },
      customRules: [keywordRule('k', [' b ', 'ok'])],
      counters: { retentionDays: 0, intervalMinutes: 2000 },
    });
    expect(at(diagnostics, 'organisation.name').message).toBe('has 201 characters; at most 200 are allowed');
    expect(at(diagnostics, 'organisation.contact').message).toBe('is only white space; at least 1 character is required');
    expect(at(diagnostics, 'customRules[0] (id "k").keywords[0]').message).toBe('has only 1 character ("b"), not counting spaces at the ends; at least 2 are required');
    expect(at(diagnostics, 'counters.retentionDays').message).toBe('is 0; it must be at least 1');
    expect(at(diagnostics, 'counters.intervalMinutes').message).toBe('is 2000; it must be at most 1440');
  });
});

describe('allowed values: the list, and a hint for case and near misses', () => {
  it('"Block": values are lower case', () => {
    const { diagnostics } = checkPolicy({ version: 1, failureMode: 'Block', categories: { health: { action: 'WARN' } }, sites: [{ pattern: 'a.se', mode: 'Monitor' }] });
    expect(at(diagnostics, 'failureMode').message).toBe('"Block" is not an allowed value: values are lower case; did you mean "block"? (allowed: "block" or "allow")');
    expect(at(diagnostics, 'categories.health.action').message).toMatch(/^"WARN" is not an allowed value: values are lower case; did you mean "warn"\? \(allowed: "off", "log", "warn" or "block"\)$/);
    expect(at(diagnostics, 'sites[0].mode').message).toMatch(/did you mean "monitor"\?/);
  });

  it('case-sensitive values that are not all lower case say so', () => {
    const { diagnostics } = checkPolicy({ version: 1, lockedSettings: ['highlightwhiletyping'] });
    expect(at(diagnostics, 'lockedSettings[0]').message).toMatch(/values are case-sensitive; did you mean "highlightWhileTyping"\?/);
  });

  it('a near miss, and none for a value far from every allowed one', () => {
    const { diagnostics } = checkPolicy({ version: 1, officialTestNumbers: 'blok', customRules: [regexRule('r', 'x', { category: 'helth', severity: 'extreme' })] });
    expect(at(diagnostics, 'officialTestNumbers').message).toBe('"blok" is not an allowed value; did you mean "block"? (allowed: "off", "log", "warn" or "block")');
    expect(at(diagnostics, 'customRules[0] (id "r").category').message).toMatch(/^"helth" is not an allowed value; did you mean "health"\? \(allowed: "personnummer", /);
    expect(at(diagnostics, 'customRules[0] (id "r").severity').message).toBe('"extreme" is not an allowed value (allowed: "low", "medium", "high" or "critical")');
  });

  it('a value of the wrong type among allowed values', () => {
    const { diagnostics } = checkPolicy({ version: 1, failureMode: 1 });
    expect(at(diagnostics, 'failureMode').message).toBe('expected one of "block" or "allow", found the number 1');
  });
});

describe('unknown fields: named, with a near miss', () => {
  it('suggests the field meant, for a typo, a transposition or a different case', () => {
    const { diagnostics } = checkPolicy({
      version: 1,
      counterz: {},
      CustomRules: [],
      categories: { health: { requireJustifcation: true, alowOverride: false }, helth: {} },
      organisation: { name: 'X', contcat: 'x' },
      colour: 'red',
    });
    expect(at(diagnostics, 'categories.health.requireJustifcation')).toMatchObject({
      message: 'unknown field "requireJustifcation": Promptvakt ignores it; did you mean "requireJustification"?',
      code: 'unknown-field',
    });
    expect(at(diagnostics, 'categories.health.alowOverride').message).toMatch(/did you mean "allowOverride"\?$/);
    expect(at(diagnostics, 'categories.helth').message).toMatch(/did you mean "health"\?$/);
    expect(at(diagnostics, 'organisation.contcat').message).toMatch(/did you mean "contact"\?$/);
    expect(at(diagnostics, 'counterz').message).toMatch(/did you mean "counters"\?$/);
    expect(at(diagnostics, 'CustomRules').message).toBe('unknown field "CustomRules": Promptvakt ignores it; did you mean "customRules"? (field names are case-sensitive)');
    expect(at(diagnostics, 'colour').message).toBe('unknown field "colour": Promptvakt ignores it');
  });

  it('edit distance with transpositions; no suggestion when two names are equally near', () => {
    expect(editDistance('reqiure', 'require')).toBe(1);
    expect(editDistance('abc', 'abcdefgh', 2)).toBe(3);
    expect(nearMiss('sx', ['sv', 'en'])).toBe('sv');
    expect(nearMiss('xy', ['sv', 'en'])).toBeUndefined();
    expect(nearMiss('ab', ['ax', 'xb'])).toBeUndefined();
  });
});

describe('wrong types: what was expected and what was found', () => {
  it('in words, with the fix for a quoted value', () => {
    const { diagnostics } = checkPolicy({
      version: 1,
      enabled: 'yes',
      highlightWhileTyping: 'true',
      counters: { retentionDays: '90', intervalMinutes: 60.5 },
      organisation: { name: 42 },
      lockedSettings: 'categories',
      sites: {},
      uploads: null,
    });
    expect(at(diagnostics, 'enabled')).toMatchObject({ message: 'expected true or false, found the string "yes"', code: 'wrong-type' });
    expect(at(diagnostics, 'highlightWhileTyping').message).toBe('expected true or false, found the string "true"; write true without quotes');
    expect(at(diagnostics, 'counters.retentionDays').message).toBe('expected a number, found the string "90"; write 90 without quotes');
    expect(at(diagnostics, 'counters.intervalMinutes').message).toBe('must be a whole number, found 60.5');
    expect(at(diagnostics, 'organisation.name').message).toBe('expected a string (text in quotes), found the number 42; put it in quotes: "42"');
    expect(at(diagnostics, 'lockedSettings').message).toBe('expected a list [ … ], found the string "categories"; a list is written in square brackets, [ … ], even with one entry');
    expect(at(diagnostics, 'sites').message).toMatch(/^expected a list \[ … \], found an empty object \{\}/);
    expect(at(diagnostics, 'uploads').message).toBe('expected an object { … }, found null');
  });

  it('a required field that is missing, a wrong version, a policy that is not an object', () => {
    const missing = checkPolicy({ version: '1', organisation: {} }).diagnostics;
    expect(at(missing, 'organisation.name')).toMatchObject({ message: 'is required but missing; expected a string (text in quotes)', code: 'missing' });
    expect(at(missing, 'version').message).toBe('must be 1 (the policy format version), found the string "1"; the policy is read as version 1; write 1 without quotes');
    expect(checkPolicy([]).diagnostics).toEqual([{ path: '(root)', message: 'the policy must be a JSON object { … }, found an empty list []', severity: 'error', code: 'wrong-type' }]);
  });

  it('a form (a regex in the schema): its own description, what was found, and a fix for common slips', () => {
    const { diagnostics } = checkPolicy({
      version: 1,
      sites: [{ pattern: 'https://AI.Example.se/' }],
      approvedTools: [{ name: 'AI', url: 'http://ai.example.se' }],
      customRules: [keywordRule('Projekt Nordstjärna', ['nordstjärna'])],
      counters: { headerName: 'X Key', headerValue: 'v' },
    });
    expect(at(diagnostics, 'sites[0].pattern').message).toBe(
      'expected a host such as "ai.example.se", "*.example.se" or "example.se/chat" (no https://), found the string "https://AI.Example.se/"; did you mean "ai.example.se"?',
    );
    expect(at(diagnostics, 'approvedTools[0].url').message).toBe('must be an https:// address, found the string "http://ai.example.se"; only https:// addresses are allowed');
    expect(at(diagnostics, 'customRules[0] (id "Projekt Nordstjärna").id').message).toMatch(/; did you mean "projekt-nordstjarna"\?$/);
    expect(at(diagnostics, 'counters.headerName').message).toBe('does not have the required form (it must match /^[A-Za-z0-9-]{1,64}$/), found the string "X Key"');
  });

  it('no message repeats zod\'s own wording, whatever the policy', () => {
    const value = fc.oneof(fc.constantFrom<unknown>('Block', 'yes', '', '  ', 1.5, -1, 0, 10_000, null, true, [], {}, [1], { x: 1 }, 'x'.repeat(300)), fc.string({ maxLength: 8 }));
    const field = fc.constantFrom('enabled', 'failureMode', 'officialTestNumbers', 'language', 'lockedSettings', 'sites', 'customRules', 'organisation', 'counters', 'uploads', 'masking', 'approvedTools', 'categories', 'guidelines');
    const inner = fc.dictionary(fc.constantFrom('name', 'pattern', 'mode', 'id', 'kind', 'keywords', 'category', 'message', 'retentionDays', 'maxFileMB', 'health', 'url', 'action'), value, { maxKeys: 4 });
    fc.assert(
      fc.property(fc.dictionary(field, fc.oneof(value, inner, fc.array(inner, { maxLength: 2 })), { maxKeys: 4 }), (fields) => {
        for (const d of checkPolicy({ version: 1, ...fields }).diagnostics) {
          expect(d.message, d.path).not.toMatch(ZOD_WORDING);
          expect(d.message.length, d.message).toBeLessThan(700);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('values are never repeated in full', () => {
  it('a long value is cut to SHOWN_LENGTH characters, with its length', () => {
    const long = `Block${'x'.repeat(495)}`;
    const { diagnostics } = checkPolicy({ version: 1, failureMode: long, enabled: long, [`k${'e'.repeat(200)}`]: 1, customRules: [regexRule('i'.repeat(300), 'x')] });
    for (const d of diagnostics) {
      expect(d.message).not.toContain('x'.repeat(SHOWN_LENGTH));
      expect(d.path).not.toContain('e'.repeat(SHOWN_LENGTH + 1));
      expect(d.path).not.toContain('i'.repeat(SHOWN_LENGTH + 1));
    }
    expect(at(diagnostics, 'failureMode').message).toContain('…" (500 characters)');
    expect(at(diagnostics, 'enabled').message).toContain('…" (500 characters)');
    expect(quoted('ab'.repeat(40))).toBe(`"${'ab'.repeat(30)}…" (80 characters)`);
    // A surrogate pair is never cut in half.
    expect(quoted(`${'a'.repeat(59)}😀x`)).toBe(`"${'a'.repeat(59)}…" (62 characters)`);
  });

  it('invisible characters are shown as escapes', () => {
    expect(quoted('nord\u200bstjärna')).toBe('"nord\\u200Bstjärna"');
  });

  it('a sensitive value (the collector API key) is never shown', () => {
    const secret = 'SECRET-API-KEY';
    for (const headerValue of [42, 'SECRET-API-KEY'.repeat(100), true]) {
      const { diagnostics } = checkPolicy({ version: 1, counters: { headerName: 'X-Api-Key', headerValue } });
      const text = JSON.stringify(diagnostics);
      expect(text).not.toContain(secret);
      expect(text).not.toContain('42');
      expect(diagnostics.some((d) => d.path === 'counters.headerValue')).toBe(true);
    }
  });
});

describe('RE2: the unsupported feature by name, and how to rewrite it', () => {
  const cases: [string, RegExp][] = [
    ['(?<=KS-)\\d+', /uses look-behind "\(\?<=…\)"/],
    ['(?<!x)y', /uses negative look-behind "\(\?<!…\)"/],
    ['a(?=b)', /uses look-ahead "\(\?=…\)"/],
    ['a(?!b)', /uses negative look-ahead "\(\?!…\)"/],
    ['(a)\\1', /uses a back-reference "\\1"/],
    ['(?<n>a)\\k<n>', /uses a named back-reference "\\k<name>"/],
    ['(?P<n>a)(?P=n)', /uses a named back-reference "\(\?P=name\)"/],
    ['a++', /uses a possessive quantifier "\+\+"/],
    ['a{2}+', /uses a possessive quantifier "\{2\}\+"/],
    ['(?>ab)', /uses an atomic group "\(\?>…\)"/],
    ['(a)?(?(1)b|c)', /uses a conditional/],
    ['\\Gx', /uses the "where the previous match ended" anchor "\\G"/],
    ['x\\Z', /"\\Z"/],
    ['a\\Kb', /"\\K"/],
    ['(?x) a b', /uses free-spacing mode "\(\?x\)"/],
    ['(a(?R)?b)', /uses recursion/],
    ['(a)(?1)', /uses recursion/],
    ['(?#note)a', /uses a comment group/],
    ['\\u00e5', /four-digit character escape "\\uFFFF"/],
  ];
  it.each(cases)('%s', (pattern, expected) => {
    const { diagnostics, policy } = checkPolicy({ version: 1, customRules: [regexRule('r', pattern)] });
    const d = at(diagnostics, 'customRules[0] (id "r").pattern');
    expect(d.message).toMatch(expected);
    expect(d.message).toMatch(/which RE2 \(Promptvakt's regex engine\) does not support$/);
    expect(d.hint, 'a hint how to rewrite it').toBeTruthy();
    expect(d).toMatchObject({ severity: 'error', code: 'regex' });
    expect(policy.customRules ?? []).toEqual([]);
  });

  it('the look-behind hint says to match the context instead', () => {
    const d = checkPolicy({ version: 1, customRules: [regexRule('r', '(?<=a)b')] }).diagnostics[0]!;
    expect(d.hint).toMatch(/^RE2 has no look-behind: match the context as part of the pattern instead/);
  });

  it('plain syntax errors in plain words', () => {
    const cases: [string, RegExp][] = [
      ['(ab', /a "\(" is never closed/],
      ['ab)', /a "\)" closes no group/],
      ['[ab', /a "\[" is never closed/],
      ['*a', /"\*" has nothing before it to repeat/],
      ['a**', /two repetition operators in a row/],
      ['a{1001}', /the count in "\{1001\}" is above 1000/],
      ['a{3,2}', /the smallest count is larger than the largest/],
      ['[z-a]', /the range "z-a" in a character class runs backwards/],
      ['\\p{Nonsense}', /"\\p\{Nonsense\}" is not a Unicode class RE2 knows/],
      ['[[:letters:]]', /is not a character class RE2 knows/],
      ['a\\', /it ends with a single backslash/],
      ['\\q', /"\\q" is not an escape RE2 knows/],
      ['(?i', /the flag group "\(\?i" is not closed/],
      ['(?z)a', /RE2 knows only the flags i, m, s and U, not "z"/],
      ['(?P<a>x)(?P<a>y)', /the group name "a" is used twice/],
    ];
    for (const [pattern, expected] of cases) {
      const message = regexProblem(pattern);
      expect(message, pattern).toMatch(/^the pattern is not a valid RE2 regular expression: /);
      expect(message, pattern).toMatch(expected);
    }
  });
});

describe('warnings: a rule that can never fire as written stays, and says why', () => {
  function warningsFor(rule: object) {
    const raw = { version: 1, customRules: [rule] };
    const { policy, diagnostics } = checkPolicy(raw);
    // Fail-safe: the rule applies as written, nothing is dropped or switched off.
    expect(policy.customRules).toHaveLength(1);
    expect(diagnostics.filter((d) => !isWarning(d))).toEqual([]);
    const effective = resolvePolicy(raw, undefined);
    expect(effective.enabled).toBe(true);
    expect(effective.customRules.map((r) => r.id)).toEqual([(rule as { id: string }).id]);
    expect(() => scan('Test KS 2026/1 – ＡＢＣ', scanOptionsFor(effective, { mode: 'block', regex: re2Engine }))).not.toThrow();
    for (const d of diagnostics) expect(d).toMatchObject({ severity: 'warning', code: 'never-matches' });
    return diagnostics;
  }

  const never: [string, RegExp][] = [
    ['a^b', /^the pattern can never match, so this rule will never fire: its anchors or word boundaries contradict each other: "\^" is the start of the whole text, so nothing can come before it$/],
    ['$x', /contradict each other: "\$" is the end of the whole text, so nothing can come after it$/],
    ['x\\Ay', /contradict each other/],
    ['a\\bb', /contradict each other: "\\b" needs an ASCII letter/],
    ['[^\\s\\S]', /it needs a character that no character is/],
    ['x[^\\x{0}-\\x{10FFFF}]', /it needs a character that no character is/],
    ['\\b', /only ever matches empty text/],
    ['KS–2026', /the normalised text, in which every dash is "-".*; here "–" \(U\+2013\) becomes "-"/],
    ['[０-９]{4}', /here "０" \(U\+FF10\) becomes "0"/],
    ['nord\\x{200B}stjärna', /here U\+200B is removed/],
    ['nord\u00a0stjärna', /here U\+00A0 becomes " "/],
    ['СЕКРЕТ', /here "С" \(U\+0421\) becomes "C"/],
  ];
  it.each(never)('%s can never match', (pattern, expected) => {
    const [d, ...more] = warningsFor(regexRule('r', pattern));
    expect(more).toEqual([]);
    expect(d!.path).toBe('customRules[0] (id "r").pattern');
    expect(d!.message).toMatch(expected);
  });

  it('suggests the normalised pattern when that one works', () => {
    const [d] = warningsFor(regexRule('r', 'KS–[0-9]{4}'));
    expect(d!.hint).toBe('Write "KS-[0-9]{4}" instead: it also matches the variants people type.');
    expect(customRuleWarnings({ kind: 'regex', pattern: 'KS-[0-9]{4}' })).toEqual([]);
  });

  it('case folding counts: a Cyrillic capital that becomes Latin still has a lower case that stays', () => {
    expect(customRuleWarnings({ kind: 'regex', pattern: 'Д', caseSensitive: true })).toEqual([]);
    expect(customRuleWarnings({ kind: 'regex', pattern: 'К', caseSensitive: true })).toHaveLength(1);
    expect(customRuleWarnings({ kind: 'regex', pattern: 'К', caseSensitive: false })).toEqual([]);
  });

  it('\\b next to å, ä, ö: RE2\'s \\b is ASCII only (docs/ADMIN.md)', () => {
    const [before] = warningsFor(regexRule('r', '\\bÖN\\b'));
    expect(before!.message).toMatch(/^"\\b" before "Ö" does not work as a word boundary: RE2's "\\b" knows only ASCII letters, digits and "_"/);
    expect(before!.hint).toMatch(/\(\?:\^\|\[\^\\p\{L\}0-9\]\)/);
    const [after] = warningsFor(regexRule('r', '\\bMalmö\\b', { caseSensitive: true }));
    expect(after!.message).toMatch(/^"\\b" after "ö"/);
    expect(warningsFor(regexRule('r', '\\b[\\p{L}0-9]+kommun\\b'))[0]!.message).toMatch(/^"\\b" before /);
  });

  it('only at the start or end of the whole prompt: ^ and $ are not per line', () => {
    expect(warningsFor(regexRule('r', '^KS \\d+'))[0]!.message).toMatch(/^the pattern only matches at the very start of the prompt/);
    expect(warningsFor(regexRule('r', 'KS \\d+$'))[0]!.message).toMatch(/^the pattern only matches at the very end of the prompt/);
    expect(warningsFor(regexRule('r', '^\\d{6}-\\d{4}$'))[0]!.message).toMatch(/^the pattern only matches when the whole prompt is one match/);
    expect(warningsFor(regexRule('r', '^KS'))[0]!.hint).toMatch(/"\(\?m\)"/);
  });

  it('no warning for patterns that work', () => {
    const fine = [
      '\\b(?:SN|IFN|SOC) ?20[0-9]{2}/[0-9]{1,5}\\b',
      'KS\\s?\\d{4}[-/]\\d{1,5}',
      '(?m)^KS \\d+$',
      '(?:^|\\s)KS-\\d+',
      '\\bpatient\\b.{0,250}\\bpnr\\b',
      '[A-ZÅÄÖ][a-zåäö]+ [0-9]+',
      '(?i)nordstjärna',
      'x\\b\\n',
      '\\Bx\\B',
      'grön',
      '\\p{Lu}{2,4}-\\d+',
      '[–-]\\d',
    ];
    for (const pattern of fine) {
      expect(regexProblem(pattern), pattern).toBeNull();
      expect(customRuleWarnings({ kind: 'regex', pattern }), pattern).toEqual([]);
      expect(customRuleWarnings({ kind: 'regex', pattern, caseSensitive: true }), pattern).toEqual([]);
    }
  });

  it('keywords that do not even match a prompt holding exactly the keyword', () => {
    const keywords = ['Projekt Nordstjärna', 'Projekt–Fyrtornet', 'nord\u200bstjärna', 'СЕКРЕТ', 'm²', 'diagnos*', 'nordstjärna-*', '*syndrom', 'misstänkt:', 'Ö-vik'];
    const diagnostics = warningsFor(keywordRule('k', keywords));
    expect(diagnostics.map((d) => d.path)).toEqual([1, 2, 3, 4].map((i) => `customRules[0] (id "k").keywords[${i}]`));
    expect(diagnostics[0]!.message).toMatch(/^the keyword "Projekt–Fyrtornet" can never match as written: .*; here "–" \(U\+2013\) becomes "-"$/);
    expect(diagnostics[0]!.hint).toBe('Write "Projekt-Fyrtornet" instead: it also matches the variants people type.');
    expect(diagnostics[1]!.message).toMatch(/^the keyword "nord\\u200Bstjärna" can never match as written: .*here U\+200B is removed/);
    expect(diagnostics[3]!.message).toBe('the keyword "m²" can never match as written: Promptvakt does not find it even in a prompt that contains exactly this text');
  });

  it('a warning points at the entry in the policy as written, after entries that were dropped', () => {
    const raw = { version: 1, customRules: [regexRule('bad', '(?<=a)b'), keywordRule('k', ['x', 'ok', 'A–B']), regexRule('never', 'a^b')] };
    const { diagnostics, policy } = checkPolicy(raw);
    expect(policy.customRules?.map((r) => r.id)).toEqual(['k', 'never']);
    expect(diagnostics.filter(isWarning).map((d) => d.path)).toEqual(['customRules[1] (id "k").keywords[2]', 'customRules[2] (id "never").pattern']);
  });

  it('errors are reported at the index in the policy as written, also after dropped entries', () => {
    const raw = { version: 1, customRules: [regexRule('bad', '('), keywordRule('a', ['abc']), keywordRule('a', ['abc'])], sites: [{ pattern: 'x' }, { pattern: 'a.se' }, { pattern: 'a.se' }] };
    const { diagnostics } = checkPolicy(raw);
    expect(at(diagnostics, 'customRules[2] (id "a").id').message).toBe('duplicate id (also customRules[1])');
    expect(at(diagnostics, 'sites[2].pattern').message).toBe('duplicate pattern (also sites[1])');
  });

  it('the sample policy has no warning', () => {
    expect(checkPolicy(JSON.parse(readFileSync('docs/sample-policies/policy.json', 'utf8'))).diagnostics).toEqual([]);
  });

  it('stays fast for a policy at the limits (100 rules of 500 keywords)', () => {
    const rules = Array.from({ length: POLICY_LIMITS.customRules }, (_, r) =>
      keywordRule(`r${r}`, Array.from({ length: POLICY_LIMITS.keywordsPerRule }, (_, k) => `Projekt ${r} nordstjärna ${k}`)),
    );
    const started = performance.now();
    const { diagnostics } = checkPolicy({ version: 1, customRules: rules });
    expect(diagnostics).toEqual([]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
