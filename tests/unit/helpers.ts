import type { Detector } from '../../lib/detectors/detector';
import { normalize } from '../../lib/text/normalize';
import type { RawFinding } from '../../lib/types';

/** A fixed "today" so century inference is reproducible. */
export const REFERENCE_DATE = new Date('2026-11-24T12:00:00Z');

/** Runs one detector the way the engine does and returns findings with their ORIGINAL text. */
export function runDetector(detector: Detector, text: string, earlierFindings: RawFinding[] = []) {
  const norm = normalize(text);
  return detector.detect({ norm, referenceDate: REFERENCE_DATE, earlierFindings }).map((f) => {
    const [start, end] = norm.toOriginal(f.start, f.end);
    return { ...f, start, end, text: text.slice(start, end) };
  });
}
