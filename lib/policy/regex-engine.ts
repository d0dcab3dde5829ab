/**
 * Admins' regular expressions run on RE2JS, a linear-time engine: no pattern
 * an admin writes can freeze the page, whatever the prompt (no backtracking,
 * so no ReDoS). RE2 syntax: no look-around, no back-references; when a
 * pattern uses one of those (or another feature RE2 lacks),
 * explainRegexProblem names it and says how to do without it.
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
  return explainRegexProblem(pattern)?.message ?? null;
}

/** A problem with a pattern: what is wrong (one sentence, naming RE2) and, where it helps, how to rewrite it. */
export interface RegexExplanation {
  message: string;
  hint?: string;
}

/** Why a pattern cannot be used, with a hint how to rewrite it; null when it can be used. */
export function explainRegexProblem(pattern: string): RegexExplanation | null {
  let re: RE2JS;
  try {
    re = compile(pattern, true);
  } catch (error) {
    return syntaxProblem(pattern, error);
  }
  if (re.matches('')) {
    return {
      message: 'the pattern matches empty text, so it would match everywhere',
      hint: 'Make sure it needs at least one character: "+" instead of "*", or no "?" on every part.',
    };
  }
  // Case folding does not change the size: the case-sensitive compile stands for both.
  const size = re.programSize();
  if (size > MAX_PROGRAM_SIZE) {
    return {
      message:
        `the pattern is too complex (${size} RE2 instructions, at most ${MAX_PROGRAM_SIZE}), so it would slow down ` +
        'the check of a long prompt: write a simpler one, e.g. with "+" or "{20,}" instead of a large count such as "{1,1000}"',
    };
  }
  return null;
}

/**
 * The compiled RE2 program of a valid pattern, for the analysis of what it can
 * match (rule-warnings.ts); null when the pattern does not compile. RE2JS's
 * program is not part of its typed API: callers check its shape.
 */
export function compiledProgram(pattern: string, caseSensitive: boolean): unknown {
  try {
    return (compile(pattern, caseSensitive).re2() as { prog?: unknown }).prog ?? null;
  } catch {
    return null;
  }
}

/** A feature of other regex dialects that RE2 does not have: its name, its syntax, and how to do without it. */
interface Feature {
  name: string;
  syntax: string;
  hint: string;
}

const LOOK_AHEAD_HINT =
  'RE2 has no look-ahead: match what follows as part of the pattern (the finding then includes it), or leave the condition out.';
const LOOK_BEHIND_HINT =
  'RE2 has no look-behind: match the context as part of the pattern instead, e.g. "KS-[0-9]+" in place of "(?<=KS-)[0-9]+" (the finding then includes the context).';
const BACK_REFERENCE_HINT =
  'RE2 cannot match "the same text again": write out the alternatives, e.g. "(?:aa|bb)" in place of "(a|b)\\1".';
const POSSESSIVE_HINT = 'RE2 never backtracks, so the plain quantifier does the same: drop the extra "+" (write "a+" for "a++").';

/** Feature by the start of the construct RE2 stopped at. */
const GROUP_FEATURES: [string, Feature][] = [
  ['(?<=', { name: 'look-behind', syntax: '(?<=…)', hint: LOOK_BEHIND_HINT }],
  ['(?<!', { name: 'negative look-behind', syntax: '(?<!…)', hint: LOOK_BEHIND_HINT }],
  ['(?=', { name: 'look-ahead', syntax: '(?=…)', hint: LOOK_AHEAD_HINT }],
  ['(?!', { name: 'negative look-ahead', syntax: '(?!…)', hint: LOOK_AHEAD_HINT }],
  ['(?>', { name: 'an atomic group', syntax: '(?>…)', hint: 'RE2 never backtracks, so a plain group does the same: write "(?:…)".' }],
  ['(?(', { name: 'a conditional', syntax: '(?(…)…|…)', hint: 'Write the cases as alternatives, "(?:…|…)", or as two rules.' }],
  ['(?#', { name: 'a comment group', syntax: '(?#…)', hint: 'Leave the comment out of the pattern.' }],
  ['(?|', { name: 'a branch-reset group', syntax: '(?|…)', hint: 'Write a plain group, "(?:…|…)".' }],
  ['(?P=', { name: 'a named back-reference', syntax: '(?P=name)', hint: BACK_REFERENCE_HINT }],
  ['(?P>', { name: 'a subroutine call', syntax: '(?P>name)', hint: 'Write the group out again where it is needed.' }],
  ['(?&', { name: 'a subroutine call', syntax: '(?&name)', hint: 'Write the group out again where it is needed.' }],
  ['(?R', { name: 'recursion', syntax: '(?R)', hint: 'RE2 cannot match nested structures; match a fixed depth, or leave it out.' }],
];

/** Escapes RE2 does not have, by their letter. */
const ESCAPE_FEATURES: Record<string, Feature> = {
  k: { name: 'a named back-reference', syntax: '\\k<name>', hint: BACK_REFERENCE_HINT },
  g: { name: 'a back-reference', syntax: '\\g', hint: BACK_REFERENCE_HINT },
  G: { name: 'the "where the previous match ended" anchor', syntax: '\\G', hint: 'Leave it out: every rule searches the whole prompt.' },
  Z: { name: 'the "end of text or before a final line break" anchor', syntax: '\\Z', hint: 'Write "\\z" (or "$") for the end of the text.' },
  K: { name: 'the "reset the start of the match" escape', syntax: '\\K', hint: 'Leave it out; the finding then includes what came before it.' },
  R: { name: 'the "any line break" escape', syntax: '\\R', hint: 'Write "\\n" (Promptvakt sees every line break as "\\n"), or "\\s" for any space.' },
  X: { name: 'the grapheme-cluster escape', syntax: '\\X', hint: 'Write "\\p{L}\\p{M}*" for a letter with its accents.' },
  h: { name: 'the horizontal-space escape', syntax: '\\h', hint: 'Write "[ \\t]", or "\\s" for any space.' },
  H: { name: 'the "not a horizontal space" escape', syntax: '\\H', hint: 'Write "[^ \\t]", or "\\S".' },
  u: { name: 'a four-digit character escape', syntax: '\\uFFFF', hint: 'Write the character itself, or "\\x{FFFF}" with its hexadecimal code.' },
  c: { name: 'a control-character escape', syntax: '\\cX', hint: 'Write "\\x{01}" with the hexadecimal code instead.' },
  e: { name: 'the escape-character escape', syntax: '\\e', hint: 'Write "\\x{1B}".' },
  o: { name: 'an octal escape', syntax: '\\o{…}', hint: 'Write "\\x{…}" with the hexadecimal code.' },
  N: { name: 'the "not a line break" escape', syntax: '\\N', hint: 'Write "[^\\n]".' },
  C: { name: 'the single-byte escape', syntax: '\\C', hint: 'Write "." for any character.' },
};

/** Plain English for RE2JS's parse errors (RE2JSSyntaxException: `error` and the failing fragment). */
function syntaxProblem(pattern: string, error: unknown): RegexExplanation {
  const code = (error as { error?: unknown }).error;
  const fragment = (error as { input?: unknown }).input;
  const detail = typeof code === 'string' ? code : error instanceof Error ? error.message : 'unknown error';
  const at = typeof fragment === 'string' ? fragment : '';
  const unsupported = (f: Feature): RegexExplanation => ({
    message: `the pattern uses ${f.name} "${f.syntax}", which RE2 (Promptvakt's regex engine) does not support`,
    hint: f.hint,
  });
  const invalid = (what: string, hint?: string): RegexExplanation => ({
    message: `the pattern is not a valid RE2 regular expression: ${what}`,
    ...(hint ? { hint } : {}),
  });
  const shownAt = `"${at.length > 40 ? `${at.slice(0, 40)}…` : at}"`;

  // The construct starts where the fragment does (RE2 shows only "(?P" of "(?P=name)"): the first
  // place the fragment starts a feature RE2 lacks, else where the fragment first appears.
  let rest = at;
  for (let from = at ? pattern.indexOf(at) : -1, first = true; from >= 0; from = pattern.indexOf(at, from + 1), first = false) {
    const here = pattern.slice(from);
    if (first) rest = here;
    const feature = GROUP_FEATURES.find(([open]) => here.startsWith(open));
    if (feature) return unsupported(feature[1]);
  }
  if (/^\(\?[+-]?[0-9]/.test(rest)) return unsupported({ name: 'recursion', syntax: '(?1)', hint: 'RE2 cannot match nested structures; write the group out again where it is needed.' });

  switch (detail) {
    case 'invalid named capture':
      return invalid(`the group name in ${shownAt} may only have letters, digits and "_"`);
    case 'invalid or unsupported Perl syntax': {
      const flags = /^\(\?([A-Za-z-]*)/.exec(rest)?.[1] ?? '';
      const unknown = [...flags].filter((f) => !'imsU-'.includes(f));
      if (flags && !unknown.length) return invalid(`the flag group ${shownAt} is not closed`, 'Write "(?i)" to set a flag for the rest of the pattern, or "(?i:…)" for a group.');
      if (unknown.includes('x')) return unsupported({ name: 'free-spacing mode', syntax: '(?x)', hint: 'Remove the spaces and comments and leave out the "x" flag.' });
      if (unknown.length) {
        return invalid(`RE2 knows only the flags i, m, s and U, not ${unknown.map((f) => `"${f}"`).join(', ')} in ${shownAt}`);
      }
      return invalid(`${shownAt} is not a group RE2 knows (it has "(?:…)", "(?i)" and named groups "(?P<name>…)")`);
    }
    case 'invalid escape sequence': {
      const letter = at.charAt(1);
      if (/^[0-9]$/.test(letter)) return unsupported({ name: 'a back-reference', syntax: at, hint: BACK_REFERENCE_HINT });
      const feature = ESCAPE_FEATURES[letter];
      if (feature) return unsupported(feature);
      return invalid(`${shownAt} is not an escape RE2 knows`, /[A-Za-z]/.test(letter) ? `To match "${letter}" itself, leave out the backslash.` : undefined);
    }
    case 'invalid nested repetition operator':
      if (at.endsWith('+') && at.length >= 2) return unsupported({ name: 'a possessive quantifier', syntax: at, hint: POSSESSIVE_HINT });
      return invalid(`two repetition operators in a row (${shownAt})`, 'Keep one; to match the character itself, escape it: "\\*", "\\+", "\\?".');
    case 'invalid repeat count': {
      const counts = (at.match(/\d+/g) ?? []).map(Number);
      if (counts.length === 2 && counts[0]! > counts[1]!) return invalid(`in ${shownAt} the smallest count is larger than the largest`);
      return invalid(`the count in ${shownAt} is above 1000, the most RE2 allows`, 'Write "+" or "{20,}" instead of a large count.');
    }
    case 'missing closing )':
      return invalid('a "(" is never closed', 'Close every group with ")"; to match "(" itself, write "\\(".');
    case 'unexpected )':
      return invalid('a ")" closes no group', 'To match ")" itself, write "\\)".');
    case 'missing closing ]':
      return invalid('a "[" is never closed', 'Close the character class with "]"; to match "[" itself, write "\\[".');
    case 'trailing backslash at end of expression':
      return invalid('it ends with a single backslash', 'In JSON every backslash is doubled: "\\\\d" in the file is "\\d" in the pattern.');
    case 'missing argument to repetition operator':
      return invalid(`${shownAt} has nothing before it to repeat`, 'To match the character itself, escape it: "\\*", "\\+", "\\?", "\\{".');
    case 'invalid character class range':
      if (at.startsWith('\\p') || at.startsWith('\\P')) return invalid(`${shownAt} is not a Unicode class RE2 knows`, 'For example "\\p{L}" (any letter), "\\p{Lu}" (capital letter), "\\p{N}" (digit), "\\p{Greek}".');
      if (at.startsWith('[:')) return invalid(`${shownAt} is not a character class RE2 knows`, 'For example "[[:alpha:]]", "[[:digit:]]", "[[:space:]]" (ASCII only), or "\\p{L}" for any letter.');
      return invalid(`the range ${shownAt} in a character class runs backwards`, 'Write the smaller character first, e.g. "a-z"; to match "-" itself, put it first or last in the class.');
    case 'duplicate capture group name':
      return invalid(`the group name ${shownAt} is used twice`);
    case 'expression nests too deeply':
      return invalid('it nests groups too deeply');
    case 'expression too large':
      return invalid('it is too large');
    default:
      return invalid(at ? `${detail} at ${shownAt}` : detail.replace(/\s+/g, ' '));
  }
}
