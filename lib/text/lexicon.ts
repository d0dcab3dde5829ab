/**
 * A word-list matcher that stays fast whatever the size of the lists: the text
 * is split into words once per scan (tokenize(), shared through the scan's
 * TextIndex), each word's hashes are computed in that same pass, and each word
 * then costs a few probes of small tables. (A regex alternation of hundreds of
 * terms costs V8 time per position; see docs/ARCHITECTURE.md, "Performance".)
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
  /** Where each word starts and ends (one past its last unit), in text order; `starts.length` words. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** foldedHashOf() each word: its hash in lower case, folded unit by unit (foldCode). */
  readonly hashes: Int32Array;
  /** The same hash of each word's first HEAD units (-1 for a shorter word): where its prefix terms are looked up. */
  readonly heads: Int32Array;
  /** The same hash of each word's last SUFFIX_KEY units (-1 for a shorter word): where its suffix terms are looked up. */
  readonly tails: Int32Array;
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
export function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  if (c < 0xc0) return c === 0xaa || c === 0xb5 || c === 0xba;
  if (c < 0x2000) return c !== 0xd7 && c !== 0xf7;
  return (c >= 0x2c00 && c < 0xd800) || (c >= 0xf900 && c < 0xfdff) || (c >= 0xfe70 && c < 0xfeff);
}

/** Minimum stems: a trailing * needs PREFIX_MIN letters, a leading * SUFFIX_KEY. */
const PREFIX_MIN = 3;
const SUFFIX_KEY = 4;
/** Every word of PREFIX_MIN units or more has the hash of its first PREFIX_MIN units computed (Tokens.heads). */
const HEAD = PREFIX_MIN;

const HASH_MASK = 0x3fffffff;
/** One step of a small-integer hash over UTF-16 units: no string and no heap number in the hot path. */
function step(hash: number, c: number): number {
  return (Math.imul(hash, 0x9e3779b1) + c) | 0;
}
function finish(hash: number, length: number): number {
  return (Math.imul(hash ^ length, 0x85ebca6b) ^ (hash >>> 15)) & HASH_MASK;
}

/**
 * The words of a text, in one pass, as offsets into typed arrays with each
 * word's hash: no string per word. A scan tokenises once (ScanContext.text)
 * and every detector that reads words shares the result.
 */
export function tokenize(text: string): Tokens {
  const length = text.length;
  // Prose has a word every six or seven units: one allocation for most texts. The five
  // arrays share one buffer (one allocation, not five): word k's start is at buffer[k],
  // its end at buffer[capacity + k], its hash, head and tail hash further on.
  let capacity = (length >> 2) + 16;
  let buffer = new Int32Array(capacity * FIELDS);
  // Where word 0's end, hash, head and tail hash are in `buffer`.
  let end0 = capacity;
  let hash0 = 2 * capacity;
  let head0 = 3 * capacity;
  let tail0 = 4 * capacity;
  let n = 0;
  let i = 0;
  while (i < length) {
    let f = foldedWordUnit(text.charCodeAt(i));
    if (f < 0) {
      i++;
      continue;
    }
    const start = i;
    let h = 0;
    let head = -1;
    // The last SUFFIX_KEY (4) folded units, the latest in f1.
    let f1 = 0;
    let f2 = 0;
    let f3 = 0;
    let f4 = 0;
    for (;;) {
      f4 = f3;
      f3 = f2;
      f2 = f1;
      f1 = f;
      h = step(h, f);
      if (++i - start === HEAD) head = finish(h, HEAD);
      if (i >= length) break;
      f = foldedWordUnit(text.charCodeAt(i));
      if (f < 0) break;
    }
    if (n === capacity) {
      // A word and its separator take two units: at most half the text's length + 1 words.
      const grown = Math.min((length >> 1) + 1, capacity * 2);
      const copy = new Int32Array(grown * FIELDS);
      for (let field = 0; field < FIELDS; field++) copy.set(buffer.subarray(field * capacity, field * capacity + n), field * grown);
      buffer = copy;
      capacity = grown;
      end0 = capacity;
      hash0 = 2 * capacity;
      head0 = 3 * capacity;
      tail0 = 4 * capacity;
    }
    buffer[n] = start;
    buffer[end0 + n] = i;
    buffer[hash0 + n] = finish(h, i - start);
    buffer[head0 + n] = head;
    buffer[tail0 + n] = i - start >= SUFFIX_KEY ? finish(step(step(step(step(0, f4), f3), f2), f1), SUFFIX_KEY) : -1;
    n++;
  }
  const field = (k: number) => buffer.subarray(k * capacity, k * capacity + n);
  return { text, starts: field(0), ends: field(1), hashes: field(2), heads: field(3), tails: field(4) };
}

/** Arrays of Tokens that tokenize() fills: starts, ends, hashes, heads, tails. */
const FIELDS = 5;

/** foldCode() of each word unit up to Latin Extended-B, -1 for a unit that separates words: one load per unit in tokenize(). */
const LATIN_WORD_UNITS = (() => {
  const table = new Int16Array(0x250);
  for (let c = 0; c < table.length; c++) table[c] = isWordChar(c) ? foldCode(c) : -1;
  return table;
})();

/** foldCode(c) for a word unit, -1 for a separator. */
function foldedWordUnit(c: number): number {
  return c < 0x250 ? LATIN_WORD_UNITS[c]! : isWordChar(c) ? foldCode(c) : -1;
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

/** A term in a Lexicon: its insertion order keeps the order of matches that start at one word. */
interface IndexedTerm<T> extends CompiledTerm<T> {
  /**
   * Where its matches go among those that start at the same word: terms that
   * ignore case before case-sensitive ones, prefix and whole-word terms before
   * suffix terms, then in the order they were added.
   */
  seq: number;
}

export interface LexiconMatch<T> {
  tag: T;
  /** Index of the first and one past the last token. */
  firstToken: number;
  endToken: number;
  start: number;
  end: number;
}

/**
 * Values by a small-integer key. Keys are hashes: collisions only add
 * candidates, which the caller checks. One bit per key in front of the map:
 * most words have no entry, and 4 KB of bits stay in the fastest cache.
 */
class KeyTable<V> {
  private readonly map = new Map<number, V>();
  private readonly filter = new Int32Array(1 << (FILTER_BITS - 5));

  get size(): number {
    return this.map.size;
  }

  /** The value of `key`, made by `make` if there is none yet. */
  upsert(key: number, make: () => V): V {
    let value = this.map.get(key);
    if (value === undefined) {
      this.map.set(key, (value = make()));
      this.filter[(key >>> 5) & FILTER_MASK]! |= 1 << (key & 31);
    }
    return value;
  }

  get(key: number): V | undefined {
    return this.filter[(key >>> 5) & FILTER_MASK]! & (1 << (key & 31)) ? this.map.get(key) : undefined;
  }
}

const FILTER_BITS = 15;
const FILTER_MASK = (1 << (FILTER_BITS - 5)) - 1;

/** The hash of the word pair (a, b) in the pairs table. */
function pairKey(a: number, b: number): number {
  return (Math.imul(a, 0x2c1b3c6d) ^ Math.imul(b, 0x297a2d39) ^ (b >>> 13)) & HASH_MASK;
}

/** The hash tokenize() gives a word, for word lists looked up by Tokens.hashes. */
export function foldedHashOf(word: string): number {
  return foldedHashOfRange(word, 0, word.length);
}

/** Terms that share a key, and more that a longer key may add (phrases, prefixes longer than HEAD). */
interface Bucket<T> {
  readonly terms: IndexedTerm<T>[];
  /** Starts a phrase in the pairs table (exact), or the prefix terms with stems longer than HEAD (heads). */
  more: boolean;
  readonly longer: IndexedTerm<T>[];
  /** Bit (c & 31) for the unit c after the head of each longer stem: a cheap check before trying them. */
  nextUnits: number;
}

const newBucket = <T>(): Bucket<T> => ({ terms: [], more: false, longer: [], nextUnits: 0 });
const newList = <T>(): IndexedTerm<T>[] => [];

/** The hash of s[from, to) folded unit by unit, as tokenize() computes it for words. */
function foldedHashOfRange(s: string, from: number, to: number): number {
  let h = 0;
  for (let i = from; i < to; i++) h = step(h, foldCode(s.charCodeAt(i)));
  return finish(h, to - from);
}

/**
 * The terms by the hashes tokenize() gives each word: a word's candidates
 * cost a few probes of small tables whatever the size of the lists — its
 * whole hash (whole-word terms), its head (prefix terms), its tail (suffix
 * terms); phrases whose first two words are whole words are looked up by both
 * words, only after a word that starts one. Case-sensitive terms are looked up
 * by their lower case too: matchAt() then checks the case.
 */
class Index<T> {
  /** Terms whose first word is a whole word, by its hash; `more`: it starts a phrase in `pairs`. */
  private readonly exact = new KeyTable<Bucket<T>>();
  /** Phrases whose first two words are whole words ("den tilltalade", "min kollega"), by both words' hashes. */
  private readonly pairs = new KeyTable<IndexedTerm<T>[]>();
  /** Prefix terms (stem*), by the hash of the stem's first HEAD units. */
  private readonly heads = new KeyTable<Bucket<T>>();
  /** Suffix terms (*stem), by the hash of the stem's last SUFFIX_KEY units. */
  private readonly tails = new KeyTable<IndexedTerm<T>[]>();

  get isEmpty(): boolean {
    return !this.exact.size && !this.heads.size && !this.tails.size;
  }

  add(term: IndexedTerm<T>): void {
    const { stem, prefix, suffix } = term.words[0]!;
    const second = term.words[1];
    if (suffix) {
      this.tails.upsert(foldedHashOfRange(stem, stem.length - SUFFIX_KEY, stem.length), newList).push(term);
    } else if (prefix) {
      const bucket = this.heads.upsert(foldedHashOfRange(stem, 0, HEAD), newBucket);
      if (stem.length === HEAD) bucket.terms.push(term);
      else {
        bucket.more = true;
        bucket.longer.push(term);
        bucket.nextUnits |= 1 << (foldCode(stem.charCodeAt(HEAD)) & 31);
      }
    } else if (second && !second.prefix && !second.suffix) {
      const first = foldedHashOfRange(stem, 0, stem.length);
      this.exact.upsert(first, newBucket).more = true;
      this.pairs.upsert(pairKey(first, foldedHashOfRange(second.stem, 0, second.stem.length)), newList).push(term);
    } else {
      this.exact.upsert(foldedHashOfRange(stem, 0, stem.length), newBucket).terms.push(term);
    }
  }

  /**
   * Writes the terms whose first word may match word `i` to out[0…], in match
   * order (IndexedTerm.seq), and returns how many. Hot path: no allocation
   * once `out` has grown to the most candidates a word has.
   */
  candidates(tokens: Tokens, i: number, out: IndexedTerm<T>[]): number {
    let n = 0;
    const head = tokens.heads[i]!;
    if (head >= 0) {
      const bucket = this.heads.get(head);
      if (bucket) {
        n = appendAll(out, n, bucket.terms);
        if (bucket.more) {
          const start = tokens.starts[i]!;
          if (tokens.ends[i]! - start > HEAD && bucket.nextUnits & (1 << (foldCode(tokens.text.charCodeAt(start + HEAD)) & 31))) n = appendAll(out, n, bucket.longer);
        }
      }
    }
    const hash = tokens.hashes[i]!;
    const exact = this.exact.get(hash);
    if (exact) {
      n = appendAll(out, n, exact.terms);
      if (exact.more && i + 1 < tokens.hashes.length) {
        const pairs = this.pairs.get(pairKey(hash, tokens.hashes[i + 1]!));
        if (pairs) n = appendAll(out, n, pairs);
      }
    }
    const tail = tokens.tails[i]!;
    if (tail >= 0 && this.tails.size) {
      const suffixes = this.tails.get(tail);
      if (suffixes) n = appendAll(out, n, suffixes);
    }
    if (n > 1) sortBySeq(out, n);
    return n;
  }
}

/** Writes `list` to out[n…]; returns the new count. */
function appendAll<X>(out: X[], n: number, list: readonly X[]): number {
  for (let i = 0; i < list.length; i++) out[n++] = list[i]!;
  return n;
}

/** Insertion sort of out[0, n) by seq: the lists are short and mostly in order already. */
function sortBySeq<T>(out: IndexedTerm<T>[], n: number): void {
  for (let i = 1; i < n; i++) {
    const x = out[i]!;
    let j = i - 1;
    if (out[j]!.seq <= x.seq) continue;
    while (j >= 0 && out[j]!.seq > x.seq) {
      out[j + 1] = out[j]!;
      j--;
    }
    out[j + 1] = x;
  }
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
    if (suffix && (i !== 0 || stem.length < SUFFIX_KEY)) {
      throw new TermSyntaxError(`"${term}": a leading * needs a stem of ${SUFFIX_KEY}+ letters on the first word`);
    }
    if (prefix && stem.length < PREFIX_MIN) {
      throw new TermSyntaxError(`"${term}": a trailing * needs a stem of ${PREFIX_MIN}+ letters`);
    }
    if (!stem) throw new TermSyntaxError(`"${term}": empty word`);
    words.push({ stem, prefix, suffix });
  });
  if (!words.length) throw new TermSyntaxError(`"${term}": no word`);
  return { tag, words, separators, trailing, caseSensitive };
}

/** IndexedTerm.seq: case-sensitive terms after the others, suffix terms after prefix and whole-word terms. */
const CASED_ORDER = 1 << 29;
const SUFFIX_ORDER = 1 << 28;

export class Lexicon<T> {
  private readonly index = new Index<T>();
  private added = 0;
  /** Reused by match(): the candidates of one word (its first entries; the rest is left from earlier words). */
  private readonly candidates: IndexedTerm<T>[] = [];

  add(term: string, tag: T, caseSensitive = false): void {
    const compiled = compileTerm(term, tag, caseSensitive);
    const seq = (caseSensitive ? CASED_ORDER : 0) + (compiled.words[0]!.suffix ? SUFFIX_ORDER : 0) + this.added++;
    this.index.add({ ...compiled, seq });
  }

  /** Every match of every term, in token order (a token may start several matches, in the order of IndexedTerm.seq). */
  match(tokens: Tokens): LexiconMatch<T>[] {
    const out: LexiconMatch<T>[] = [];
    if (this.index.isEmpty) return out;
    const { starts, ends } = tokens;
    const candidates = this.candidates;
    for (let i = 0; i < starts.length; i++) {
      const count = this.index.candidates(tokens, i, candidates);
      for (let k = 0; k < count; k++) {
        const term = candidates[k]!;
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
    if (term.trailing && !text.startsWith(term.trailing, ends[last])) return -1;
    return last + 1;
  }
}
