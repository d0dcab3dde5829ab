/** Forward searches over the whole text: the next occurrence of a hint at or after a position. */

/** No further occurrence. */
export const NONE = Number.POSITIVE_INFINITY;

/** First index of `needle` at or after `from`, or NONE. */
export function nextIndex(text: string, needle: string, from: number): number {
  const i = text.indexOf(needle, from);
  return i < 0 ? NONE : i;
}

/** Index of the dash of the first " - " cell delimiter at or after `from`, or NONE. */
export function nextSpacedDash(text: string, from: number): number {
  let i = text.indexOf('-', from);
  while (i >= 0 && !(text.charCodeAt(i - 1) === 32 && text.charCodeAt(i + 1) === 32)) i = text.indexOf('-', i + 1);
  return i < 0 ? NONE : i;
}
