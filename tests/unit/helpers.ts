import fc from 'fast-check';
import type { Detector } from '../../lib/detectors/detector';
import { normalize } from '../../lib/text/normalize';
import type { RawFinding } from '../../lib/types';
import { luhnCheckDigit } from '../../lib/validators/luhn';

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

/** Builds a valid 10-digit identity number YYMMDDNNNC (Luhn check digit) for a date and a serial. */
export function identityNumber(yymmdd: string, serial: string): string {
  return yymmdd + serial + luhnCheckDigit(yymmdd + serial);
}

/** Birth dates 1900–2025 (before REFERENCE_DATE); days 1–28 exist in every month. */
export const birthDateArb = fc
  .record({ y: fc.integer({ min: 1900, max: 2025 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
  .map(({ y, m, d }) => ({ y, yymmdd: `${String(y % 100).padStart(2, '0')}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}` }));

/** Födelsenummer 001–999. */
export const serialArb = fc.integer({ min: 1, max: 999 }).map((s) => String(s).padStart(3, '0'));
