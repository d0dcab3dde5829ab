/**
 * Warnings for custom rules that are valid but cannot work as written: a
 * pattern that can never match (`a^b`, `[^\s\S]`, `$x`, a character
 * Promptvakt's normalisation never leaves in the text), a pattern that only
 * matches at the very start or end of the whole prompt, a `\b` next to å, ä or
 * ö (RE2's `\b` is ASCII only: docs/ADMIN.md, "Your own rules"), and a keyword
 * that does not match even a prompt holding exactly that keyword.
 *
 * A warning never changes the policy: the rule stays and runs as written (a
 * pattern that cannot match costs nothing), the warning only says why it will
 * not fire. Anything unexpected here (RE2JS's program is not part of its typed
 * API) gives no warning rather than an error.
 *
 * Patterns are analysed on their compiled RE2 program: an NFA whose
 * instructions consume one character from a set, or assert something about
 * the characters on either side (^, $, \b, \B). A search over (instruction,
 * kind of character before, kind after) finds whether any non-empty match
 * exists in text Promptvakt can produce. Kinds: start/end of text, an ASCII
 * word character (what \b knows), a line break, anything else.
 */
import { Lexicon, tokenize } from '../text/lexicon';
import { normalize } from '../text/normalize';
import { quoted } from './diagnostic-text';
import { compiledProgram, regexProblem } from './regex-engine';

export interface RuleWarning {
  /** Where in the rule: `['pattern']` or `['keywords', index in the rule's keywords]`. */
  path: ['pattern'] | ['keywords', number];
  message: string;
  hint?: string;
}

/** What the analysis needs of a custom rule. */
export interface RuleToWarnAbout {
  kind: 'keywords' | 'regex';
  keywords?: readonly string[];
  pattern?: string;
  caseSensitive?: boolean;
}

/** Warnings by rule content: the background resolves the same policy every minute. */
const remembered = new Map<string, RuleWarning[]>();

/** The warnings for one (valid) custom rule; empty when it can work as written. Never throws. */
export function customRuleWarnings(rule: RuleToWarnAbout): RuleWarning[] {
  const key = JSON.stringify([rule.kind, rule.pattern, rule.keywords, rule.caseSensitive ?? false]);
  let warnings = remembered.get(key);
  if (!warnings) {
    warnings = analyse(rule);
    if (remembered.size >= 500) remembered.clear();
    remembered.set(key, warnings);
  }
  return warnings.map((w) => ({ ...w, path: [...w.path] as RuleWarning['path'] }));
}

function analyse(rule: RuleToWarnAbout): RuleWarning[] {
  try {
    if (rule.kind === 'regex' && rule.pattern !== undefined) {
      return regexWarnings(rule.pattern, rule.caseSensitive ?? false).map((w) => ({ path: ['pattern'], ...w }));
    }
    if (rule.kind === 'keywords' && rule.keywords) return keywordWarnings(rule.keywords, rule.caseSensitive ?? false);
  } catch {
    // A warning is advice: an analysis that fails gives none.
  }
  return [];
}

// ---------------------------------------------------------------------------
// Characters

/** A character as a message shows it: `"–" (U+2013)`, or only the code for an invisible one. */
export function describeChar(cp: number): string {
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  const ch = String.fromCodePoint(cp);
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(ch) ? `"${ch}" (${code})` : code;
}

const changes = new Map<number, string | null>();

/**
 * What normalisation makes of a character on its own: null when it stays,
 * else what it becomes ('' when removed). A combining mark stays here: it
 * stays in the text when it sits on a letter.
 */
function normalised(cp: number): string | null {
  let change = changes.get(cp);
  if (change === undefined) {
    const ch = String.fromCodePoint(cp);
    const text = normalize(ch).text;
    change = text === ch ? null : text;
    if (changes.size > 10_000) changes.clear();
    changes.set(cp, change);
  }
  return change;
}

/** `"–" (U+2013) becomes "-"`, `U+200B is removed`. */
function describeChange(cp: number): string {
  const to = normalised(cp);
  return `${describeChar(cp)} ${to ? `becomes ${JSON.stringify(to)}` : 'is removed'}`;
}

/** The characters of `s` that normalisation changes, at most `max` different ones. */
function changedChars(s: string, max = 3): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (normalised(cp) !== null && !out.includes(cp)) out.push(cp);
    if (out.length >= max) break;
  }
  return out;
}

const NORMALISATION =
  'Promptvakt checks the normalised text, in which every dash is "-", every digit 0–9, every space an ordinary space, and invisible characters are removed';

// ---------------------------------------------------------------------------
// Keywords

/** A text the keyword must match: its wildcards filled in ("nordstjärna-*" → "nordstjärna-x", "diagnos*" → "diagnos"). */
function sampleFor(keyword: string): string {
  const words = keyword.trim().split(/([^\p{L}\p{N}*]+)/u);
  return words.map((w, i) => (i % 2 === 1 ? w : w === '*' ? 'x' : w.replaceAll('*', ''))).join('');
}

/**
 * Whether the lexicon finds `keyword` in the normalised text of the keyword
 * itself (wildcards filled in); null when the keyword does not compile (the
 * schema reports that as an error). One lexicon per keyword: in a shared one,
 * 500 keywords starting with the same word would each be tried 500 times.
 */
function matchesItself(keyword: string, caseSensitive: boolean): boolean | null {
  const lexicon = new Lexicon<number>();
  try {
    lexicon.add(keyword, 0, caseSensitive);
  } catch {
    return null;
  }
  return lexicon.match(tokenize(normalize(sampleFor(keyword)).text)).length > 0;
}

/**
 * Printable ASCII but "*", and the Latin-1 and Latin Extended letters but "İ"
 * (whose lower case is two characters): normalisation leaves them as they
 * are, and words and separators split the same way in the keyword and in the
 * text, so a keyword of only these always matches itself (the common case,
 * checked without building a lexicon).
 */
const PLAIN_KEYWORD = /^[\x20-\x29\x2B-\x7E\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u012F\u0131-\u024F]*$/;

function keywordWarnings(keywords: readonly string[], caseSensitive: boolean): RuleWarning[] {
  const warnings: RuleWarning[] = [];
  keywords.forEach((keyword, i) => {
    if (PLAIN_KEYWORD.test(keyword) || matchesItself(keyword, caseSensitive) !== false) return;
    const changed = changedChars(keyword);
    const rewritten = normalize(keyword.trim()).text;
    let hint: string | undefined;
    if (changed.length && rewritten !== keyword.trim() && matchesItself(rewritten, caseSensitive)) {
      hint = `Write ${quoted(rewritten)} instead: it also matches the variants people type.`;
    }
    warnings.push({
      path: ['keywords', i],
      message: changed.length
        ? `the keyword ${quoted(keyword)} can never match as written: ${NORMALISATION}; here ${changed.map(describeChange).join(', ')}`
        : `the keyword ${quoted(keyword)} can never match as written: Promptvakt does not find it even in a prompt that contains exactly this text`,
      hint: hint ?? (changed.length ? undefined : 'Keywords match whole words of letters and digits; write the keyword as the words appear in a text, or use a regex rule.'),
    });
  });
  return warnings;
}

// ---------------------------------------------------------------------------
// Patterns: the RE2 program

/** RE2JS's instruction codes (re2js Inst) and empty-width flags (Utils.EMPTY_*). */
const OP = { ALT: 1, ALT_MATCH: 2, CAPTURE: 3, EMPTY_WIDTH: 4, FAIL: 5, MATCH: 6, NOP: 7, RUNE: 8, RUNE1: 9, RUNE_ANY: 10, RUNE_ANY_NOT_NL: 11 } as const;
const EMPTY = { BEGIN_LINE: 1, END_LINE: 2, BEGIN_TEXT: 4, END_TEXT: 8, WORD_BOUNDARY: 16, NO_WORD_BOUNDARY: 32 } as const;
const FOLD_CASE = 1;

interface Inst {
  op: number;
  out: number;
  arg: number;
  runes: ArrayLike<number>;
  matchRune(r: number): boolean;
}

interface Prog {
  inst: Inst[];
  start: number;
}

function programOf(pattern: string, caseSensitive: boolean): Prog | null {
  const prog = compiledProgram(pattern, caseSensitive) as Partial<Prog> | null;
  if (!prog || !Array.isArray(prog.inst) || typeof prog.start !== 'number') return null;
  for (const inst of prog.inst) {
    if (typeof inst?.op !== 'number' || typeof inst.out !== 'number' || typeof inst.matchRune !== 'function' || !inst.runes) return null;
    if (inst.op < OP.ALT || inst.op > OP.RUNE_ANY_NOT_NL) return null; // look-behind instructions or something new: no analysis
  }
  return prog as Prog;
}

/**
 * The kind of character on one side of a position: 0 the start (before) or
 * end (after) of the text, 1 an ASCII word character [0-9A-Za-z_] (RE2's \b),
 * 2 a line break "\n", 3 any other character.
 */
type Side = 0 | 1 | 2 | 3;
const EDGE = 0;
const WORD = 1;
const NEWLINE = 2;
const OTHER = 3;

function isAsciiWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 95 || (c >= 97 && c <= 122);
}

function sideOf(c: number): Side {
  return isAsciiWord(c) ? WORD : c === 10 ? NEWLINE : OTHER;
}

/** Whether an empty-width instruction holds between a character of kind `before` and one of kind `after`. */
function holds(flags: number, before: Side, after: Side): boolean {
  if (flags & EMPTY.BEGIN_LINE && before !== EDGE && before !== NEWLINE) return false;
  if (flags & EMPTY.END_LINE && after !== EDGE && after !== NEWLINE) return false;
  if (flags & EMPTY.BEGIN_TEXT && before !== EDGE) return false;
  if (flags & EMPTY.END_TEXT && after !== EDGE) return false;
  const boundary = (before === WORD) !== (after === WORD);
  if (flags & EMPTY.WORD_BOUNDARY && !boundary) return false;
  if (flags & EMPTY.NO_WORD_BOUNDARY && boundary) return false;
  return true;
}

/** The most characters of one range looked at for one that is not ASCII-word, not "\n" and kept; beyond it, assume there is one. */
const SCAN_LIMIT = 4096;

/** The characters a one-rune instruction matches when it folds case: the rune and its case variants. */
function foldVariants(r: number): number[] {
  const out = new Set<number>([r]);
  const ch = String.fromCodePoint(r);
  for (const v of [ch.toLowerCase(), ch.toUpperCase(), ch.toLowerCase().toUpperCase(), ch.toUpperCase().toLowerCase()]) {
    if ([...v].length === 1) out.add(v.codePointAt(0)!);
  }
  // The folds String case mapping does not give: k, s and å have a sign each (Kelvin, long s, Ångström).
  for (const group of [[0x4b, 0x6b, 0x212a], [0x53, 0x73, 0x17f], [0xc5, 0xe5, 0x212b], [0xb5, 0x39c, 0x3bc]]) {
    if (group.some((c) => out.has(c))) for (const c of group) out.add(c);
  }
  return [...out];
}

/**
 * Whether an instruction can consume a character of kind `side` that may be
 * in the normalised text (`kept`), or any character of that kind (`kept` null).
 */
function canConsume(inst: Inst, side: Side, kept: ((c: number) => boolean) | null): boolean {
  const ok = (c: number) => sideOf(c) === side && (kept === null || kept(c));
  if (inst.op === OP.RUNE_ANY) return true;
  if (inst.op === OP.RUNE_ANY_NOT_NL) return side !== NEWLINE;
  const runes = inst.runes;
  if (runes.length === 1) {
    const r = runes[0]!;
    const candidates = inst.arg & FOLD_CASE ? foldVariants(r) : [r];
    return candidates.some((c) => ok(c) && inst.matchRune(c));
  }
  for (let i = 0; i + 1 < runes.length; i += 2) {
    const lo = runes[i]!;
    const hi = runes[i + 1]!;
    if (side === WORD) {
      if ((lo <= 57 && hi >= 48) || (lo <= 90 && hi >= 65) || (lo <= 95 && hi >= 95) || (lo <= 122 && hi >= 97)) return true;
    } else if (side === NEWLINE) {
      if (lo <= 10 && hi >= 10) return true;
    } else {
      let looked = 0;
      for (let c = lo; c <= hi; c++) {
        if (isAsciiWord(c) || c === 10) continue;
        if (kept === null || kept(c)) return true;
        if (++looked > SCAN_LIMIT) return true;
      }
    }
  }
  return false;
}

interface SearchOptions {
  /** Only characters normalisation keeps (else any character). */
  normalisedText: boolean;
  /** Check ^, $, \b and \B (else treat them as always true). */
  assertions: boolean;
  /** The match may not start at the start of the text. */
  notAtStart?: boolean;
  /** The match may not end at the end of the text. */
  notAtEnd?: boolean;
  /** An empty match counts too. */
  empty?: boolean;
}

const kept = (c: number) => normalised(c) === null;

/** Whether the program has a non-empty match in some text. */
function canMatch(prog: Prog, options: SearchOptions): boolean {
  const n = prog.inst.length;
  const seen = new Uint8Array(n * 32);
  const consumable = new Int8Array(n * 4).fill(-1);
  const stack: number[] = [];
  const push = (pc: number, before: Side, after: Side, consumed: number) => {
    const key = ((pc * 4 + before) * 4 + after) * 2 + consumed;
    if (!seen[key]) {
      seen[key] = 1;
      stack.push(key);
    }
  };
  const afters: Side[] = options.notAtEnd ? [WORD, NEWLINE, OTHER] : [EDGE, WORD, NEWLINE, OTHER];
  for (const before of (options.notAtStart ? [WORD, NEWLINE, OTHER] : [EDGE, WORD, NEWLINE, OTHER]) as Side[]) {
    for (const after of afters) push(prog.start, before, after, 0);
  }
  while (stack.length) {
    const key = stack.pop()!;
    const consumed = key & 1;
    const after = ((key >> 1) & 3) as Side;
    const before = ((key >> 3) & 3) as Side;
    const pc = key >> 5;
    const inst = prog.inst[pc]!;
    switch (inst.op) {
      case OP.MATCH:
        if (consumed || options.empty) return true;
        break;
      case OP.FAIL:
        break;
      case OP.ALT:
      case OP.ALT_MATCH:
        push(inst.out, before, after, consumed);
        push(inst.arg, before, after, consumed);
        break;
      case OP.NOP:
      case OP.CAPTURE:
        push(inst.out, before, after, consumed);
        break;
      case OP.EMPTY_WIDTH:
        if (!options.assertions || holds(inst.arg, before, after)) push(inst.out, before, after, consumed);
        break;
      default: {
        if (after === EDGE) break;
        const at = pc * 4 + after;
        if (consumable[at] === -1) consumable[at] = canConsume(inst, after, options.normalisedText ? kept : null) ? 1 : 0;
        if (consumable[at]) for (const next of afters) push(inst.out, after, next, 1);
      }
    }
  }
  return false;
}

/** Every instruction reachable from `pc` without consuming a character (through groups, alternatives and assertions). */
function emptyClosure(prog: Prog, pc: number): Set<number> {
  const out = new Set<number>();
  const stack = [pc];
  while (stack.length) {
    const at = stack.pop()!;
    if (out.has(at)) continue;
    out.add(at);
    const inst = prog.inst[at]!;
    if (inst.op === OP.ALT || inst.op === OP.ALT_MATCH) stack.push(inst.out, inst.arg);
    else if (inst.op === OP.NOP || inst.op === OP.CAPTURE || inst.op === OP.EMPTY_WIDTH) stack.push(inst.out);
  }
  return out;
}

const isRune = (inst: Inst) => inst.op >= OP.RUNE && inst.op <= OP.RUNE_ANY_NOT_NL;

/** A character of the instruction's set that normalisation never leaves in the text, if all of them are such; else null. */
function onlyRemovedChars(inst: Inst): number | null {
  if (inst.op !== OP.RUNE && inst.op !== OP.RUNE1) return null;
  const runes = inst.runes;
  if (runes.length === 1) {
    const candidates = inst.arg & FOLD_CASE ? foldVariants(runes[0]!).filter((c) => inst.matchRune(c)) : [runes[0]!];
    return candidates.every((c) => !kept(c)) ? candidates[0]! : null;
  }
  let size = 0;
  for (let i = 0; i + 1 < runes.length; i += 2) {
    size += runes[i + 1]! - runes[i]! + 1;
    if (size > SCAN_LIMIT) return null;
  }
  for (let i = 0; i + 1 < runes.length; i += 2) for (let c = runes[i]!; c <= runes[i + 1]!; c++) if (kept(c)) return null;
  return runes.length ? runes[0]! : null;
}

/** A letter beyond ASCII in the instruction's set, when its set is "letter-like" (no space, no punctuation); else null. */
function nonAsciiLetterIn(inst: Inst): number | null {
  if (inst.op !== OP.RUNE && inst.op !== OP.RUNE1) return null;
  for (const separator of [0x20, 0x0a, 0x2c, 0x2e, 0x2d, 0x2f, 0x3a, 0x28]) if (inst.matchRune(separator)) return null;
  const runes = inst.runes;
  for (let i = 0; i + 1 < runes.length || (runes.length === 1 && i === 0); i += 2) {
    const lo = Math.max(runes[i]!, 0x80);
    const hi = runes.length === 1 ? runes[0]! : runes[i + 1]!;
    for (let c = lo, looked = 0; c <= hi && looked < SCAN_LIMIT; c++, looked++) {
      if (/^\p{L}$/u.test(String.fromCodePoint(c))) return c;
    }
  }
  return null;
}

interface RegexWarning {
  message: string;
  hint?: string;
}

const NEVER = 'the pattern can never match, so this rule will never fire';

/** The warnings for a valid pattern; empty when it can work as written. */
export function regexWarnings(pattern: string, caseSensitive: boolean): RegexWarning[] {
  const prog = programOf(pattern, caseSensitive);
  if (!prog) return [];
  const hasFlag = (flags: number) => prog.inst.some((i) => i.op === OP.EMPTY_WIDTH && i.arg & flags);

  if (!canMatch(prog, { normalisedText: true, assertions: true })) return [neverMatches(pattern, caseSensitive, prog, hasFlag)];

  const warnings: RegexWarning[] = [];
  const anywhereAfterStart = canMatch(prog, { normalisedText: true, assertions: true, notAtStart: true });
  const anywhereBeforeEnd = canMatch(prog, { normalisedText: true, assertions: true, notAtEnd: true });
  if (!anywhereAfterStart || !anywhereBeforeEnd) {
    const where = !anywhereAfterStart && !anywhereBeforeEnd ? 'when the whole prompt is one match' : !anywhereAfterStart ? 'at the very start of the prompt' : 'at the very end of the prompt';
    warnings.push({
      message: `the pattern only matches ${where}: "^" and "$" (and "\\A", "\\z") mean the start and end of the whole text, not of a line or a word`,
      hint: 'Leave out "^" and "$" to find it anywhere, use "\\b" for the edges of a word, or start the pattern with "(?m)" to make "^" and "$" the start and end of each line.',
    });
  }
  const letter = boundaryNextToNonAscii(pattern);
  if (letter) warnings.push(letter);
  return warnings;
}

function neverMatches(pattern: string, caseSensitive: boolean, prog: Prog, hasFlag: (flags: number) => boolean): RegexWarning {
  // Why: a character normalisation never leaves, assertions that contradict each other, or an empty class.
  if (canMatch(prog, { normalisedText: false, assertions: true })) {
    const chars = changedChars(pattern);
    for (const inst of prog.inst) {
      const c = onlyRemovedChars(inst);
      if (c !== null && !chars.includes(c) && chars.length < 3) chars.push(c);
    }
    let hint = 'Write "-" for a dash, [0-9] for a digit and a plain space, and the rule also catches the variants people type.';
    const rewritten = normalize(pattern).text;
    if (rewritten !== pattern && regexProblem(rewritten) === null && regexWarnings(rewritten, caseSensitive).length === 0) {
      hint = `Write ${quoted(rewritten, 120)} instead: it also matches the variants people type.`;
    }
    return {
      message: `${NEVER}: ${NORMALISATION}${chars.length ? `; here ${chars.map(describeChange).join(', ')}` : ''}`,
      hint,
    };
  }
  if (canMatch(prog, { normalisedText: false, assertions: false })) {
    const why: string[] = [];
    if (hasFlag(EMPTY.BEGIN_TEXT)) why.push('"^" is the start of the whole text, so nothing can come before it');
    if (hasFlag(EMPTY.END_TEXT)) why.push('"$" is the end of the whole text, so nothing can come after it');
    if (hasFlag(EMPTY.BEGIN_LINE | EMPTY.END_LINE)) why.push('with "(?m)", "^" needs a line break or the start of the text before it, "$" one or the end after it');
    if (hasFlag(EMPTY.WORD_BOUNDARY | EMPTY.NO_WORD_BOUNDARY)) why.push('"\\b" needs an ASCII letter, digit or "_" on exactly one side of it, "\\B" on both sides or neither');
    return { message: `${NEVER}: its anchors or word boundaries contradict each other: ${why.join('; ')}` };
  }
  if (canMatch(prog, { normalisedText: false, assertions: false, empty: true })) {
    return { message: 'the pattern only ever matches empty text (a position such as "\\b"), and an empty match is not a finding, so this rule will never fire' };
  }
  return { message: `${NEVER}: it needs a character that no character is (a class such as "[^\\s\\S]" matches nothing)` };
}

/**
 * RE2's \b knows only ASCII letters, digits and "_": next to å, ä, ö (or
 * \p{L}) it does not see the edge of a word, so `\bÖN` never matches after a
 * space. Found on the case-sensitive program (case folding adds the Kelvin
 * sign to [a-z]).
 */
function boundaryNextToNonAscii(pattern: string): RegexWarning | null {
  const prog = programOf(pattern, true);
  if (!prog) return null;
  const closures = new Map<number, Set<number>>();
  const closure = (pc: number) => {
    let c = closures.get(pc);
    if (!c) closures.set(pc, (c = emptyClosure(prog, pc)));
    return c;
  };
  for (let pc = 0; pc < prog.inst.length; pc++) {
    const inst = prog.inst[pc]!;
    if (inst.op !== OP.EMPTY_WIDTH || !(inst.arg & EMPTY.WORD_BOUNDARY)) continue;
    // After \b: the characters the pattern may consume next.
    for (const next of closure(inst.out)) {
      const letter = nonAsciiLetterIn(prog.inst[next]!);
      if (letter !== null && isRune(prog.inst[next]!)) return boundaryWarning(letter, 'before');
    }
    // Before \b: the instructions whose next step reaches it.
    for (let prev = 0; prev < prog.inst.length; prev++) {
      const before = prog.inst[prev]!;
      if (!isRune(before) || !closure(before.out).has(pc)) continue;
      const letter = nonAsciiLetterIn(before);
      if (letter !== null) return boundaryWarning(letter, 'after');
    }
  }
  return null;
}

function boundaryWarning(letter: number, side: 'before' | 'after'): RegexWarning {
  const ch = JSON.stringify(String.fromCodePoint(letter));
  return {
    message:
      side === 'before'
        ? `"\\b" before ${ch} does not work as a word boundary: RE2's "\\b" knows only ASCII letters, digits and "_", so the pattern never matches where ${ch} starts a word after a space, a punctuation mark or the start of the text`
        : `"\\b" after ${ch} does not work as a word boundary: RE2's "\\b" knows only ASCII letters, digits and "_", so the pattern never matches where ${ch} ends a word before a space, a punctuation mark or the end of the text`,
    hint: 'Leave out that "\\b", or write "(?:^|[^\\p{L}0-9])" before the word and "(?:[^\\p{L}0-9]|$)" after it (the finding then includes that character).',
  };
}
