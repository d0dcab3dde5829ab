/**
 * Normalisation with an offset map back to the original text.
 *
 * Detectors run on a normalised copy of the prompt so that look-alike
 * characters cannot hide a personnummer or a marking:
 *   - every Unicode decimal digit (full-width, Arabic-Indic, …) becomes 0–9;
 *   - every dash (U+2010–2015, U+2212, small/full-width hyphen-minus) becomes '-';
 *   - NBSP, thin, narrow and other fixed-width spaces become ' ';
 *   - zero-width and bidi-control characters and the soft hyphen are dropped;
 *   - full-width ASCII becomes ASCII; common Cyrillic/Greek capitals that look
 *     like Latin letters become Latin (so "НЕМLIG" is still HEMLIG);
 *   - a combining mark (Mn/Me: U+0301, U+20DD …) after a digit, a dash, a space
 *     or anything else that is not a letter is dropped: there it only hides
 *     what it sits between ("850709-980\u03015"). On a letter (or on a mark on
 *     one) it stays, so decomposed Swedish ("a\u030A" for å) is not changed;
 *     so does one at the very start, which sits between nothing.
 * Every normalised character comes from exactly one original code point, so a
 * normalised span maps back to one original span. Case is preserved: markings
 * depend on capitals, and detectors fold case where they need to.
 */

const CONFUSABLES: Record<string, string> = {
  // Cyrillic
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', І: 'I', Ј: 'J', Ѕ: 'S',
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', х: 'x', і: 'i', ј: 'j', ѕ: 's', у: 'y',
  // Greek
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  ο: 'o',
};

/**
 * Code units that may need a change. ASCII and Latin-1/Latin Extended letters
 * (åäö é …) never do, so ordinary Swedish text costs one native search;
 * classify() makes the exact decision.
 */
const MAY_NEED_CHANGE = /[\u00a0\u00ad\u0250-\uffff]/g;

/** classify(): a combining mark, which stays or goes depending on what it sits on. */
const MARK = 1;
/** classify() results by code unit: a prompt repeats its few special characters (’ ” – …) many times. */
const classified = new Map<number, string | null | typeof MARK>();
const CLASSIFIED_MAX = 4096;

/** What a code point may become: MARK, or its replacement ('' drops it; null keeps it). */
function classify(ch: string, code: number): string | null | typeof MARK {
  if (ch.length > 1) return isCombiningMark(ch, code) ? MARK : replacementFor(ch);
  let kind = classified.get(code);
  if (kind === undefined) {
    kind = isCombiningMark(ch, code) ? MARK : replacementFor(ch);
    if (classified.size < CLASSIFIED_MAX) classified.set(code, kind);
  }
  return kind;
}

const DROPPED = /^[\u00AD\u034F\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0]$/u;
const SPACES = /^[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]$/u;
const DASHES = /^[\u2010-\u2015\u2212\uFE58\uFE63]$/u;
const COMBINING_MARK = /^[\p{Mn}\p{Me}]$/u;
const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;

/** A combining mark (Mn/Me) that normalisation may drop; U+034F is always dropped (DROPPED). */
function isCombiningMark(ch: string, code: number): boolean {
  if (code >= 0x300 && code <= 0x36f) return code !== 0x34f; // the common diacritics, all Mn
  return code > 0x36f && COMBINING_MARK.test(ch);
}

/** What a combining mark may stay on: a letter, or a mark already on one. */
function carriesMarks(cp: number): boolean {
  if (cp < 0x80) return (cp | 0x20) >= 0x61 && (cp | 0x20) <= 0x7a;
  if (cp >= 0xc0 && cp <= 0x24f) return cp !== 0xd7 && cp !== 0xf7; // Latin-1 and Latin Extended letters
  return LETTER_OR_MARK.test(String.fromCodePoint(cp));
}

/** Replacement for one code point: '' drops it; null keeps it unchanged. */
function replacementFor(ch: string): string | null {
  if (DROPPED.test(ch)) return '';
  if (SPACES.test(ch)) return ' ';
  if (DASHES.test(ch)) return '-';
  const cp = ch.codePointAt(0)!;
  if (cp >= 0xff01 && cp <= 0xff5e) return String.fromCharCode(cp - 0xfee0);
  const confusable = CONFUSABLES[ch];
  if (confusable) return confusable;
  const digit = unicodeDigitValue(cp);
  if (digit !== null) return String(digit);
  return null;
}

/**
 * Value of a Unicode decimal digit (Nd). Nd digits come in contiguous runs
 * whose length is a multiple of ten, each run starting at a zero (the
 * mathematical digits U+1D7CE–1D7FF are five such runs back to back).
 */
function unicodeDigitValue(cp: number): number | null {
  if (!isDecimalDigit(cp)) return null;
  let runStart = cp;
  while (isDecimalDigit(runStart - 1)) runStart--;
  return (cp - runStart) % 10;
}

/** The code point that ends at `end` in `text` (a whole surrogate pair, if it is one); -1 at the start. */
function codePointBefore(text: string, end: number): number {
  if (end < 1) return -1;
  const start = end >= 2 && isLowSurrogate(text.charCodeAt(end - 1)) && isHighSurrogate(text.charCodeAt(end - 2)) ? end - 2 : end - 1;
  return text.codePointAt(start)!;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function isDecimalDigit(cp: number): boolean {
  return cp > 0 && /\p{Nd}/u.test(String.fromCodePoint(cp));
}

export interface NormalizedText {
  /** The normalised text that detectors scan. */
  readonly text: string;
  /** The text as the user wrote it. */
  readonly original: string;
  /** Maps a normalised span [start, end) to the original span it came from. */
  toOriginal(start: number, end: number): [number, number];
}

/**
 * Anchors record where the difference between original and normalised offsets
 * changes; between anchors offsets move in lock step. A text that needs no
 * change has no anchors and maps to itself.
 */
export function normalize(original: string): NormalizedText {
  const parts: string[] = [];
  const normAt: number[] = [0];
  const origAt: number[] = [0];
  let copiedTo = 0;
  let normLength = 0;
  let changed = false;
  // The last code point of the normalised text before copiedTo (-1 while there is none).
  let lastOut = -1;
  const next = MAY_NEED_CHANGE;
  next.lastIndex = 0;
  for (let m = next.exec(original); m; m = next.exec(original)) {
    const i = m.index;
    const code = original.charCodeAt(i);
    // Astral code points (mathematical digits, emoji) come as a surrogate pair; a lone
    // high surrogate is one unit, so the character after it is still looked at.
    const width = code >= 0xd800 && code <= 0xdbff && isLowSurrogate(original.charCodeAt(i + 1)) ? 2 : 1;
    next.lastIndex = i + width;
    const ch = width === 1 ? m[0] : original.slice(i, i + width);
    const kind = classify(ch, code);
    let replacement: string | null;
    if (kind === MARK) {
      // The base is the normalised character before the mark: a full-width digit has become '5' by now.
      const base = i > copiedTo ? codePointBefore(original, i) : lastOut;
      replacement = base >= 0 && !carriesMarks(base) ? '' : null;
    } else {
      replacement = kind;
    }
    if (replacement !== null) {
      changed = true;
      if (i > copiedTo) lastOut = codePointBefore(original, i);
      if (replacement) lastOut = codePointBefore(replacement, replacement.length);
      parts.push(original.slice(copiedTo, i));
      normLength += i - copiedTo;
      parts.push(replacement);
      normLength += replacement.length;
      copiedTo = i + width;
      if (replacement.length !== width) {
        normAt.push(normLength);
        origAt.push(copiedTo);
      }
    }
  }
  if (!changed) return identity(original);
  parts.push(original.slice(copiedTo));
  const text = parts.join('');

  const originalOf = (normIndex: number): number => {
    // Last anchor at or before normIndex (binary search).
    let lo = 0;
    let hi = normAt.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (normAt[mid]! <= normIndex) lo = mid;
      else hi = mid - 1;
    }
    return origAt[lo]! + (normIndex - normAt[lo]!);
  };

  return {
    text,
    original,
    toOriginal(start, end) {
      if (end <= start) {
        const at = originalOf(start);
        return [at, at];
      }
      const origStart = originalOf(start);
      // The end is just past the original code point of the last normalised character.
      const lastStart = originalOf(end - 1);
      const cp = original.codePointAt(lastStart) ?? 0;
      return [origStart, lastStart + (cp > 0xffff ? 2 : 1)];
    },
  };
}

function identity(text: string): NormalizedText {
  return { text, original: text, toOriginal: (start, end) => [start, end] };
}
