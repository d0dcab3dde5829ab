/**
 * Character-class helpers shared by the "other data" detectors. All work on
 * single UTF-16 code units of NORMALISED text (digits are ASCII already).
 */

const LETTER = /\p{L}/u;

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isDigitAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && isDigitCode(text.charCodeAt(i));
}

/** ASCII letter or any Unicode letter (å, ä, ö, é …). */
export function isLetterAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  if (c < 128) return false;
  // Latin-1 letters (å, ä, ö, é, ü …) without a regex call.
  if (c >= 0xc0 && c <= 0xff) return c !== 0xd7 && c !== 0xf7;
  return LETTER.test(text[i]!);
}

/** Letter, digit or underscore: a character that glues tokens together. */
export function isWordAt(text: string, i: number): boolean {
  return isDigitAt(text, i) || isLetterAt(text, i) || text[i] === '_';
}

/**
 * A number may start at `i` only if it is not the continuation of something
 * else: not after a letter/digit, not after "digit + separator" (which would
 * make it the tail of a longer grouped number such as "2026-10-11" or an IBAN
 * group), and not after a slash or an @ (diarienummer, paths, handles).
 */
export function numberStartsCleanly(text: string, i: number): boolean {
  if (i === 0) return true;
  const p = text[i - 1]!;
  if (isWordAt(text, i - 1)) return false;
  if (p === '/' || p === '\\' || p === '@' || p === '#' || p === '+' || p === '$' || p === '€') return false;
  // A CSV field after a date or an amount ("2025-11-03,5486…"): a comma or
  // semicolon followed by a long digit run starts a new value, not decimals.
  if ((p === ',' || p === ';') && digitRunLength(text, i) >= 7) return true;
  if ((p === ' ' || p === '-' || p === '.' || p === ',' || p === ':') && isDigitAt(text, i - 2)) return false;
  return true;
}

function digitRunLength(text: string, i: number): number {
  let j = i;
  while (j < text.length && isDigitAt(text, j)) j++;
  return j - i;
}

/**
 * A number may end at `e` (exclusive) only if nothing that continues it follows:
 * no letter/digit, no "separator + digit" (decimal part, time, longer group).
 */
export function numberEndsCleanly(text: string, e: number): boolean {
  if (e >= text.length) return true;
  if (isWordAt(text, e)) return false;
  const c = text[e]!;
  if ((c === '.' || c === ',' || c === ':' || c === '-' || c === '/' || c === '+') && isDigitAt(text, e + 1)) return false;
  if (c === '@' || c === '%') return false;
  return true;
}

/** Lower-cased slice of at most `width` characters before `start` (for context words). */
export function windowBefore(text: string, start: number, width: number): string {
  return text.slice(Math.max(0, start - width), start).toLowerCase();
}
