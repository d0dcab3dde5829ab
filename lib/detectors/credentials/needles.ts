/**
 * Needles: literals a pattern's every match contains. Searching natively for a
 * rare character of the needle is far cheaper than running the regex everywhere;
 * when needles turn out dense the caller falls back to one regex search.
 */

/**
 * A string that every match of a pattern contains at a fixed place: `s` occurs
 * `at` characters after the start of the match. The text is searched for the
 * character `s[pivot]`, chosen rare in prose, so a text without it costs one
 * native search.
 */
export interface Needle {
  s: string;
  at: number;
  pivot: number;
}

/**
 * Jumping between needles pays while they are rare. After DENSE_STEPS native
 * searches, needles closer than DENSE_GAP characters apart on average (code, a
 * dump of keys) hand over to one regex search over the rest of the text.
 */
const DENSE_STEPS = 64;
const DENSE_GAP = 32;
/** indexVia() gave up: the needle is too frequent. */
export const DENSE = -2;

/** Native searches made so far for one needle, from the start of the text. */
interface Budget {
  steps: number;
}

/**
 * First index at or after `from` where `s` occurs, -1 if there is none, or
 * DENSE. Found by a native search for the character of `s` at `pivot` (a rare
 * one) and a comparison there.
 */
export function indexVia(text: string, s: string, pivot: number, from: number, budget: Budget): number {
  const ch = s[pivot]!;
  for (let i = text.indexOf(ch, from + pivot); i >= 0; i = text.indexOf(ch, i + 1)) {
    if (++budget.steps > DENSE_STEPS && budget.steps * DENSE_GAP > i) return DENSE;
    if (s.length === 1 || text.startsWith(s, i - pivot)) return i - pivot;
  }
  return -1;
}

/** Next occurrence of a needle at or after a position; the positions asked for never decrease. */
export class NeedleCursor {
  private pos = Number.NEGATIVE_INFINITY;
  private readonly budget: Budget = { steps: 0 };

  constructor(
    private readonly text: string,
    readonly needle: Needle,
  ) {}

  /** The occurrence, Infinity if there is none, or DENSE. */
  at(from: number): number {
    if (this.pos < from && this.pos !== DENSE) {
      const i = indexVia(this.text, this.needle.s, this.needle.pivot, from, this.budget);
      this.pos = i === -1 ? Number.POSITIVE_INFINITY : i;
    }
    return this.pos;
  }
}

