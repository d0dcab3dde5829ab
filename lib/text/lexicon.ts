/**
 * A word-list matcher that stays fast whatever the size of the lists: the text
 * is split into words once, and each word costs a few hash lookups. (A regex
 * alternation of hundreds of terms costs V8 time per position; see
 * docs/ARCHITECTURE.md, "Performance".)
 *
 * Term syntax (rules/sensitive/*.json):
 *   "diagnos*"            a word starting with "diagnos" (diagnosen, diagnoser)
 *   "*syndrom"            a word ending with "syndrom" (utmattningssyndrom); stem of 4+ letters
 *   "ekonomiskt bistånd"  consecutive words; a space matches any white space
 *   "dna-*", "they/them"  punctuation between words must be there as written
 *   "misstänkt:"          punctuation after the last word must follow it
 * Matching ignores case unless the term is marked case-sensitive.
 */

export interface Tokens {
  readonly text: string;
  readonly starts: number[];
  readonly ends: number[];
}

const foldedBeyondLatin1 = new Map<number, number>();
/**
 * Lower case of one UTF-16 unit, without building a lower-case copy of the
 * text (which costs more than the whole word scan). Case folding that changes
 * length (İ) keeps the first unit.
 */
export function foldCode(c: number): number {
  if (c < 0x80) return c >= 65 && c <= 90 ? c + 32 : c;
  if (c < 0x100) return c >= 0xc0 && c <= 0xde && c !== 0xd7 ? c + 32 : c;
  let folded = foldedBeyondLatin1.get(c);
  if (folded === undefined) {
    folded = String.fromCharCode(c).toLowerCase().charCodeAt(0);
    foldedBeyondLatin1.set(c, folded);
  }
  return folded;
}

/** `source.startsWith(stem, at)` ignoring case; `stem` is lower case. */
function startsWithFolded(source: string, stem: string, at: number): boolean {
  for (let i = 0; i < stem.length; i++) if (foldCode(source.charCodeAt(at + i)) !== stem.charCodeAt(i)) return false;
  return true;
}

export function isCapitalisedAt(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return foldCode(c) !== c;
}

/**
 * Letters and digits of the scripts a prompt uses: ASCII, Latin-1 and later
 * letters up to U+1FFF, CJK and Hangul. Punctuation, symbols and spaces
 * (U+2000–2BFF and most of Latin-1's first half) separate words.
 */
function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  if (c < 0xc0) return c === 0xaa || c === 0xb5 || c === 0xba;
  if (c < 0x2000) return c !== 0xd7 && c !== 0xf7;
  return (c >= 0x2c00 && c < 0xd800) || (c >= 0xf900 && c < 0xfdff) || (c >= 0xfe70 && c < 0xfeff);
}

export function tokenize(text: string): Tokens {
  const starts: number[] = [];
  const ends: number[] = [];
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const word = isWordChar(text.charCodeAt(i));
    if (word && !inWord) starts.push(i);
    else if (!word && inWord) ends.push(i);
    inWord = word;
  }
  if (inWord) ends.push(text.length);
  return { text, starts, ends };
}

interface WordPattern {
  stem: string;
  /** Word starts with stem (trailing *). */
  prefix: boolean;
  /** Word ends with stem (leading *). */
  suffix: boolean;
}

interface CompiledTerm<T> {
  tag: T;
  words: WordPattern[];
  /** separators[i] stands between words[i] and words[i + 1]; ' ' means any white space. */
  separators: string[];
  trailing: string;
  caseSensitive: boolean;
}

export interface LexiconMatch<T> {
  tag: T;
  /** Index of the first and one past the last token. */
  firstToken: number;
  endToken: number;
  start: number;
  end: number;
}

/** Terms are bucketed by their first (or, for *stem, last) KEY_LENGTH characters. */
const KEY_LENGTH = 3;

/**
 * A small-integer hash of up to three UTF-16 units and the length: no string
 * and no heap number is allocated in the hot path. Collisions only add
 * candidates, which wordMatches then rejects.
 */
function keyOf(source: string, from: number, length: number, folded: boolean): number {
  let key = length;
  for (let i = 0; i < length; i++) {
    const c = source.charCodeAt(from + i);
    key = (Math.imul(key, 0x9e3779b1) + (folded ? foldCode(c) : c)) & 0x3fffffff;
  }
  return key;
}

class Index<T> {
  constructor(private readonly folded: boolean) {}

  /** Exact and prefix terms, by the first KEY_LENGTH characters of their stem (whole stem if shorter). */
  private readonly byStart = new Map<number, CompiledTerm<T>[]>();
  /** Suffix terms (*stem), by the last KEY_LENGTH characters. */
  private readonly byEnd = new Map<number, CompiledTerm<T>[]>();

  get isEmpty(): boolean {
    return !this.byStart.size && !this.byEnd.size;
  }

  add(term: CompiledTerm<T>): void {
    const { stem, suffix } = term.words[0]!;
    const map = suffix ? this.byEnd : this.byStart;
    const length = Math.min(KEY_LENGTH, stem.length);
    const key = keyOf(stem, suffix ? stem.length - length : 0, length, false);
    const list = map.get(key);
    if (list) list.push(term);
    else map.set(key, [term]);
  }

  /** Terms whose first word may match the word source[start, end) (hot path: no allocation). */
  candidates(source: string, start: number, end: number, out: CompiledTerm<T>[]): void {
    const length = end - start;
    appendAll(out, this.byStart.get(keyOf(source, start, Math.min(KEY_LENGTH, length), this.folded)));
    if (length > KEY_LENGTH && this.byEnd.size) {
      appendAll(out, this.byEnd.get(keyOf(source, end - KEY_LENGTH, KEY_LENGTH, this.folded)));
    }
  }
}

function appendAll<X>(out: X[], list: X[] | undefined): void {
  if (list) for (let i = 0; i < list.length; i++) out.push(list[i]!);
}

/** Whether text[from, to) is the separator: ' ' stands for any run of white space. */
function separatorMatches(separator: string, text: string, from: number, to: number): boolean {
  if (separator !== ' ') return to - from === separator.length && text.startsWith(separator, from);
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!(c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0x1680 || c === 0x2028 || c === 0x2029 || c === 0xfeff)) return false;
  }
  return true;
}

function wordMatches(pattern: WordPattern, source: string, start: number, end: number, folded: boolean): boolean {
  const { stem } = pattern;
  const length = end - start;
  if (pattern.suffix ? length < stem.length : pattern.prefix ? length < stem.length : length !== stem.length) return false;
  const at = pattern.suffix ? end - stem.length : start;
  return folded ? startsWithFolded(source, stem, at) : source.startsWith(stem, at);
}

export class TermSyntaxError extends Error {}

export function compileTerm<T>(term: string, tag: T, caseSensitive = false): CompiledTerm<T> {
  const trimmed = term.trim();
  const trailing = trimmed.match(/[^\p{L}\p{N}*]+$/u)?.[0] ?? '';
  const body = trimmed.slice(0, trimmed.length - trailing.length);
  const parts = body.split(/([^\p{L}\p{N}*]+)/u);
  const words: WordPattern[] = [];
  const separators: string[] = [];
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      separators.push(/^\s+$/.test(part) ? ' ' : part);
      return;
    }
    if (part === '*') {
      if (i === 0) throw new TermSyntaxError(`"${term}": cannot start with a bare *`);
      words.push({ stem: '', prefix: true, suffix: false });
      return;
    }
    let stem = caseSensitive ? part : part.toLowerCase();
    const suffix = stem.startsWith('*');
    const prefix = stem.endsWith('*');
    stem = stem.replace(/^\*|\*$/g, '');
    if (stem.includes('*')) throw new TermSyntaxError(`"${term}": * may only start or end a word`);
    if (suffix && prefix) throw new TermSyntaxError(`"${term}": a word cannot have * at both ends`);
    if (suffix && (i !== 0 || stem.length < KEY_LENGTH + 1)) {
      throw new TermSyntaxError(`"${term}": a leading * needs a stem of ${KEY_LENGTH + 1}+ letters on the first word`);
    }
    if (prefix && stem.length < KEY_LENGTH) {
      throw new TermSyntaxError(`"${term}": a trailing * needs a stem of ${KEY_LENGTH}+ letters`);
    }
    if (!stem) throw new TermSyntaxError(`"${term}": empty word`);
    words.push({ stem, prefix, suffix });
  });
  if (!words.length) throw new TermSyntaxError(`"${term}": no word`);
  return { tag, words, separators, trailing, caseSensitive };
}

export class Lexicon<T> {
  private readonly folded = new Index<T>(true);
  private readonly cased = new Index<T>(false);
  /** Whether some case-sensitive term starts with a lower-case letter ("mRNA"); if not, lower-case words skip that index. */
  private casedLowerStart = false;

  add(term: string, tag: T, caseSensitive = false): void {
    const compiled = compileTerm(term, tag, caseSensitive);
    (caseSensitive ? this.cased : this.folded).add(compiled);
    if (caseSensitive && !isCapitalisedAt(compiled.words[0]!.stem, 0)) this.casedLowerStart = true;
  }

  /** Every match of every term, in token order (a token may start several matches). */
  match(tokens: Tokens): LexiconMatch<T>[] {
    const out: LexiconMatch<T>[] = [];
    const { starts, ends, text } = tokens;
    const useCased = !this.cased.isEmpty;
    const candidates: CompiledTerm<T>[] = [];
    for (let i = 0; i < starts.length; i++) {
      if (candidates.length) candidates.length = 0;
      this.folded.candidates(text, starts[i]!, ends[i]!, candidates);
      if (useCased && (this.casedLowerStart || isCapitalisedAt(text, starts[i]!))) this.cased.candidates(text, starts[i]!, ends[i]!, candidates);
      for (const term of candidates) {
        const endToken = this.matchAt(term, tokens, i);
        if (endToken > 0) out.push({ tag: term.tag, firstToken: i, endToken, start: starts[i]!, end: ends[endToken - 1]! });
      }
    }
    return out;
  }

  /** One past the last token of the match, or -1. */
  private matchAt(term: CompiledTerm<T>, tokens: Tokens, first: number): number {
    const { starts, ends, text } = tokens;
    const folded = !term.caseSensitive;
    for (let w = 0; w < term.words.length; w++) {
      const t = first + w;
      if (t >= starts.length) return -1;
      // The word first (no allocation), the separator only for a word that matches.
      if (!wordMatches(term.words[w]!, text, starts[t]!, ends[t]!, folded)) return -1;
      if (w > 0 && !separatorMatches(term.separators[w - 1]!, text, ends[t - 1]!, starts[t]!)) return -1;
    }
    const last = first + term.words.length - 1;
    if (term.trailing && !tokens.text.startsWith(term.trailing, ends[last])) return -1;
    return last + 1;
  }
}
