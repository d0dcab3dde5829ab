import type { NormalizedText } from '../text/normalize';
import type { RawFinding } from '../types';

/** What every detector gets: the normalised prompt and the date that decides centuries. */
export interface ScanContext {
  readonly norm: NormalizedText;
  /** "Today" for century inference and future-date checks; fixed in tests. */
  readonly referenceDate: Date;
  /** Findings of the detectors that ran before this one (identity numbers anchor sensitive terms). */
  readonly earlierFindings: readonly RawFinding[];
}

/**
 * A detector looks for one kind of data in the normalised text and reports
 * spans in normalised offsets. Detectors are pure and must run in linear time.
 */
export interface Detector {
  readonly id: string;
  detect(ctx: ScanContext): RawFinding[];
}
