/**
 * Admins' regular expressions run on RE2JS, a linear-time engine: no pattern
 * an admin writes can freeze the page, whatever the prompt (no backtracking,
 * so no ReDoS). RE2 syntax: no look-around, no back-references.
 *
 * This module is not bundled into the content script (RE2JS is ~150 KB
 * minified): prompts that need admin regexes are checked by the background
 * (see docs/ARCHITECTURE.md, "Where a prompt is checked").
 */
import { RE2JS } from 're2js';

export interface RegexEngine {
  /** Every non-overlapping match of `pattern` in `text`, as UTF-16 [start, end) spans. */
  findAll(pattern: string, caseSensitive: boolean, text: string): [number, number][];
}

const compiled = new Map<string, RE2JS>();

function compile(pattern: string, caseSensitive: boolean): RE2JS {
  const key = `${caseSensitive ? 'c' : 'i'}:${pattern}`;
  let re = compiled.get(key);
  if (!re) {
    re = RE2JS.compile(pattern, caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
    if (compiled.size > 500) compiled.clear();
    compiled.set(key, re);
  }
  return re;
}

export const re2Engine: RegexEngine = {
  findAll(pattern, caseSensitive, text) {
    const matcher = compile(pattern, caseSensitive).matcher(text);
    const spans: [number, number][] = [];
    while (matcher.find()) {
      const start = matcher.start();
      const end = matcher.end();
      if (end > start) spans.push([start, end]);
    }
    return spans;
  },
};

/**
 * The largest RE2 program (RE2JS `programSize()`, in instructions) a policy
 * pattern may compile to. RE2JS is linear in the prompt, but the factor is the
 * program: on a prompt that keeps every instruction busy (100 KB of one letter,
 * case-insensitive as rules run by default) it costs ~65 ns per instruction per
 * character, so `\w{1000}!` takes ~7 s per 100 KB and the background check
 * times out. Without counted repetition a pattern compiles to at most its
 * length + 3 instructions (a 50-word alternation: ~380; 500 characters of
 * literal: 502; only runs of empty groups `()()` do worse), so within
 * POLICY_LIMITS.patternLength this limit refuses only large counts such as
 * `{1000}` or `{1,1000}`. It caps one rule's worst case at ~4–5 s per 100 KB
 * (bench/engine.bench.ts prints it), little above the ~3.5 s that a
 * 500-character literal already may cost.
 */
export const MAX_PROGRAM_SIZE = 600;

/**
 * The RE2 instructions all of a policy's regex rules may compile to together.
 * Every rule runs over the whole prompt, so their costs add up: ten rules at
 * the per-rule limit already take ~40 s on 100 KB of adversarial text (a few
 * seconds on ordinary prose), past the background check's time budget. A rule
 * that does not fit is left out (the first such rule is named in a diagnostic),
 * so the rules before it still apply.
 */
export const MAX_TOTAL_PROGRAM_SIZE = 6000;

/** The RE2 program size of a valid pattern (instructions); null when it does not compile. */
export function programSize(pattern: string): number | null {
  try {
    return compile(pattern, true).programSize();
  } catch {
    return null;
  }
}

/** Why a pattern cannot be used, in one line; null when it can. */
export function regexProblem(pattern: string): string | null {
  let re: RE2JS;
  try {
    re = compile(pattern, true);
  } catch (error) {
    const detail = (error as Error).message.replace(/\s+/g, ' ');
    return `not a valid RE2 regular expression (no look-around or back-references): ${detail}`;
  }
  if (re.matches('')) return 'the pattern matches empty text, so it would match everywhere';
  // Case folding does not change the size: the case-sensitive compile stands for both.
  const size = re.programSize();
  if (size > MAX_PROGRAM_SIZE) {
    return (
      `the pattern is too complex (${size} RE2 instructions, at most ${MAX_PROGRAM_SIZE}), so it would slow down ` +
      'the check of a long prompt: write a simpler one, e.g. with "+" or "{20,}" instead of a large count such as "{1,1000}"'
    );
  }
  return null;
}
