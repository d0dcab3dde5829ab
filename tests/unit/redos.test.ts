/**
 * ReDoS: every built-in regular expression (tests/unit/regex-inventory.ts
 * collects them from lib/) is checked two ways.
 *
 *   (a) Statically with recheck (its automaton checker, run by checkSync in
 *       pure JavaScript — no JVM, no native binary, no network): no exponential
 *       or polynomial backtracking, except where the input is short by
 *       construction (listed below, with the reason). recheck cannot decide
 *       regexes with look-around or back-references; (b) covers those.
 *   (b) Empirically on adversarial input built from each regex's own alphabet,
 *       searched at every position (the most a detector can ask of a regex):
 *       a catastrophic-only bound (100 KB within 2 s, where catastrophic
 *       backtracking takes minutes) and a growth ratio (200 KB / 100 KB < 6;
 *       linear is 2, quadratic 4). No speed targets: `npm run bench` prints the
 *       slowest regex's time.
 */
import recheck from 'recheck';
import { describe, expect, it } from 'vitest';
import {
  adversarialUnits,
  BUILT_REGEXES,
  fillTo,
  builtInRegexes,
  newRegExpSites,
  regexLiterals,
  slowestTexts,
  timeAllMatches,
  type RegexTiming,
} from './regex-inventory';

const REGEXES = builtInRegexes();

describe('the inventory of built-in regular expressions', () => {
  it('reads regex literals and tells them from divisions, comments, strings and templates', () => {
    const source = [
      'const a = x / 2 / y; // not /a regex/',
      "const b = /[/\\]]+/gu; const s = '/not/' + \"/either/\";",
      '/* /nor this/ */ const t = `a/${/in[}]side/i.test(q) ? `/n/` : 1}/b`;',
      'if (/^x$/.test(v)) return /y/;',
      'const c = (n) => n / 2;',
    ].join('\n');
    expect(regexLiterals(source).map((r) => [r.line, r.body, r.flags])).toEqual([
      [2, '[/\\]]+', 'gu'],
      [3, 'in[}]side', 'i'],
      [4, '^x$', ''],
      [4, 'y', ''],
    ]);
  });

  it('accounts for every `new RegExp(` in lib/ and finds the known regexes', () => {
    expect(newRegExpSites()).toEqual(Object.fromEntries(Object.entries(BUILT_REGEXES).map(([file, { count }]) => [file, count])));
    expect(REGEXES.length).toBeGreaterThan(150);
    const sources = new Set(REGEXES.map((r) => r.regex.source));
    // The digit groups of identity numbers (a literal) and the marking levels (built from LEVEL_TERMS).
    expect([...sources].some((s) => s.endsWith('|\\d+') && s.startsWith('\\\\u[0-9a-fA-F]{4}'))).toBe(true);
    expect([...sources].some((s) => s.includes('KVALIFICERAT[ \\t]{1,3}HEMLIG'))).toBe(true);
  });
});

/**
 * Regexes recheck calls polynomial, and why that cannot bite: their input is
 * short by construction. Keyed by source, so moving a line does not matter.
 */
const SHORT_INPUT_ONLY: Record<string, string> = {
  '[^\\p{L}\\p{N}*]+$':
    'lib/text/lexicon.ts compileTerm: trailing punctuation of one vocabulary term or policy keyword (at most 100 characters, POLICY_LIMITS.keywordLength)',
};

describe('(a) static check with recheck', () => {
  const check = (regex: RegExp) =>
    recheck.checkSync(regex.source, regex.flags.replace(/[gyd]/g, ''), { checker: 'automaton', timeout: 300 });

  it('the checker works here, in pure JavaScript: it finds the classic catastrophic patterns', () => {
    const exponential = check(/^(a+)+$/);
    expect(exponential.status).toBe('vulnerable');
    expect(exponential.status === 'vulnerable' && exponential.complexity.type).toBe('exponential');
    expect(check(/^\s*\d+\s*\d+\s*$/).status).toBe('vulnerable');
    expect(check(/^\d{6}[-+]?\d{4}$/).status).toBe('safe');
  });

  it('finds no exponential or polynomial backtracking in the built-in regexes (short inputs excepted, above)', () => {
    const vulnerable: string[] = [];
    const undecided: string[] = [];
    for (const { where, regex } of REGEXES) {
      const result = check(regex);
      if (result.status === 'vulnerable') {
        const summary = `${where} /${regex.source.slice(0, 80)}/: ${result.complexity.summary}, attack ${result.attack.pattern.slice(0, 60)}`;
        if (result.complexity.type === 'exponential' || !SHORT_INPUT_ONLY[regex.source]) vulnerable.push(summary);
      } else if (result.status === 'unknown') {
        undecided.push(where);
      }
    }
    expect(vulnerable).toEqual([]);
    // Look-around and back-references are beyond the automaton checker; (b) times those too.
    expect(undecided.length).toBeLessThan(REGEXES.length / 4);
  });

  it('the exceptions still exist (a stale entry would hide nothing, but mislead)', () => {
    const sources = new Set(REGEXES.map((r) => r.regex.source));
    for (const source of Object.keys(SHORT_INPUT_ONLY)) expect(sources.has(source), source).toBe(true);
  });
});

/** Lengths at which exponential backtracking (2^n or 1.5^n steps) turns slow before it takes forever. */
const LADDER = [8, 12, 16, 20, 24, 28, 32, 40, 48, 64, 96, 128, 256, 1_000];

/** Where a regex takes over 50 ms on a short adversarial text, or null. */
function catastrophicAt(regex: RegExp): string | null {
  for (const unit of adversarialUnits(regex)) {
    for (const n of LADDER) {
      const ms = timeAllMatches(regex, fillTo(unit, n));
      if (ms > 50) return `${ms.toFixed(0)} ms on ${n} characters of ${JSON.stringify(unit)} repeated`;
    }
  }
  return null;
}

describe('(b) empirically, on adversarial input from each regex\u2019s own alphabet', () => {
  it('the timing finds catastrophic backtracking when there is some (the method works)', () => {
    // Exponential: caught on a short text, long before it would hang.
    expect(catastrophicAt(/(?:\d+)+x/)).toMatch(/ms on \d+ characters of "1" repeated/);
    expect(catastrophicAt(/(\w+\s?)*#/)).not.toBeNull();
    expect(catastrophicAt(/\d{6}-\d{4}/)).toBeNull();
    // Quadratic: doubling the text quadruples the time.
    const quadratic = { where: 'test', regex: /\d+x/ };
    const t1 = slowestTexts(quadratic, 5_000, 1_000, 1);
    const t2 = slowestTexts(quadratic, 10_000, 1_000, 1);
    expect(t1.unit).toBe('1');
    expect(t2.ms / t1.ms).toBeGreaterThan(3);
  });

  it('every built-in regex searches 100 KB within 2 s, and 200 KB takes less than 6 times as long', () => {
    const problems: string[] = [];
    const timings: RegexTiming[] = [];
    for (const entry of REGEXES) {
      // Catastrophic backtracking shows on a few dozen characters already: grow the text in small
      // steps and stop at the first slow one, rather than hang on 100 KB.
      const blowUp = catastrophicAt(entry.regex);
      if (blowUp) {
        problems.push(`${entry.where}: ${blowUp}`);
        continue;
      }
      const t100 = slowestTexts(entry, 100_000, 10_000, 1);
      timings.push(t100);
      const on = `of ${JSON.stringify(t100.unit)} repeated`;
      if (t100.ms > 2_000) problems.push(`${entry.where}: ${t100.ms.toFixed(0)} ms on 100 KB ${on}`);
      // The ratio only means something above timer noise.
      if (t100.ms > 10) {
        const t200 = timeAllMatches(entry.regex, fillTo(t100.unit, 200_000), 2);
        if (t200 / t100.ms >= 6) problems.push(`${entry.where}: ${t100.ms.toFixed(1)} ms on 100 KB, ${t200.toFixed(1)} ms on 200 KB ${on}`);
      }
    }
    expect(problems).toEqual([]);
    expect(timings.length).toBe(REGEXES.length);
  });
});
