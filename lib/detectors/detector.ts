import type { NormalizedText } from '../text/normalize';
import { TextIndex } from '../text/text-index';
import type { RawFinding } from '../types';

/** What every detector gets: the normalised prompt and the date that decides centuries. */
export interface ScanContext {
  readonly norm: NormalizedText;
  /** "Today" for century inference and future-date checks; fixed in tests. */
  readonly referenceDate: Date;
  /** Findings of the detectors that ran before this one (identity numbers anchor sensitive terms). */
  readonly earlierFindings: readonly RawFinding[];
  /**
   * Words, lines and other readings of `norm.text`, shared by the detectors of
   * one scan (each is computed once, when first needed). scan() sets it; use
   * textIndexOf(ctx), which also works without it.
   */
  readonly text?: TextIndex;
}

const fallbackIndexes = new WeakMap<ScanContext, TextIndex>();

/** The shared TextIndex of a scan: ctx.text, or one made for a context that has none. */
export function textIndexOf(ctx: ScanContext): TextIndex {
  if (ctx.text && ctx.text.text === ctx.norm.text) return ctx.text;
  let index = fallbackIndexes.get(ctx);
  if (!index) fallbackIndexes.set(ctx, (index = new TextIndex(ctx.norm.text)));
  return index;
}

/**
 * A detector looks for one kind of data in the normalised text and reports
 * spans in normalised offsets. Detectors are pure and must run in linear time.
 */
export interface Detector {
  readonly id: string;
  detect(ctx: ScanContext): RawFinding[];
}
