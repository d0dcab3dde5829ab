/**
 * What several detectors read from the same normalised text, computed once
 * per scan and only when first asked for: the words (with their hashes), the
 * lines, the runs of digits, and values that detectors derive from the text
 * themselves (a DerivedKey each). scan() puts one on the ScanContext; a detector called
 * without one (a unit test) gets a fresh one from textIndexOf().
 */
import { tokenize, type Tokens } from './lexicon';
import { lineIndex, type LineIndex } from './line-index';

/** Maximal runs of ASCII digits: run k is [starts[k], ends[k]). */
export interface DigitRuns {
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

const DIGIT_RUN = /\d+/g;

function digitRunsOf(text: string): DigitRuns {
  const starts: number[] = [];
  const ends: number[] = [];
  DIGIT_RUN.lastIndex = 0;
  for (let m = DIGIT_RUN.exec(text); m; m = DIGIT_RUN.exec(text)) {
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  return { starts, ends };
}

/**
 * Reads digit runs as a /\d+/g search from a moving lastIndex would find
 * them: the first digits at or after `from`, to the end of their run (a run
 * that `from` falls inside starts at `from`).
 */
export class DigitRunCursor {
  private k = 0;
  /** The run found by next(). */
  start = -1;
  end = -1;

  constructor(private readonly runs: DigitRuns) {}

  /** Finds the next digits at or after `from` (never less than an earlier `from`); false when there are none. */
  next(from: number): boolean {
    const { starts, ends } = this.runs;
    while (this.k < ends.length && ends[this.k]! <= from) this.k++;
    if (this.k >= ends.length) return false;
    this.start = Math.max(starts[this.k]!, from);
    this.end = ends[this.k]!;
    return true;
  }
}

/** Names a value derived from a text, and how to compute it. */
export class DerivedKey<T> {
  constructor(readonly compute: (index: TextIndex) => T) {}
}

export class TextIndex {
  private tokenStream?: Tokens;
  private lineIdx?: LineIndex;
  private digits?: DigitRuns;
  private readonly derivedValues = new Map<DerivedKey<unknown>, unknown>();

  constructor(readonly text: string) {}

  /** The words, in one pass (lexicon.ts: tokenize). */
  get tokens(): Tokens {
    return (this.tokenStream ??= tokenize(this.text));
  }

  /** The lines ('\n', '\r\n', '\r', LS and PS end a line). */
  get lines(): LineIndex {
    return (this.lineIdx ??= lineIndex(this.text));
  }

  /** The runs of digits (/\d+/g), for the detectors that look at numbers. */
  get digitRuns(): DigitRuns {
    return (this.digits ??= digitRunsOf(this.text));
  }

  /** The value of `key` for this text, computed on first use. */
  derived<T>(key: DerivedKey<T>): T {
    if (this.derivedValues.has(key)) return this.derivedValues.get(key) as T;
    const value = key.compute(this);
    this.derivedValues.set(key, value);
    return value;
  }
}
