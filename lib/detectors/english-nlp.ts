/**
 * The built-in detectors with the NLP name finder for English sentences
 * switched on (CLI: --english-nlp). Kept out of the default engine because it
 * is large and, on our corpora, changed no result.
 */
import { englishSentenceNamesPerson } from './sensitive/english-names';
import type { Detector } from './detector';
import { BUILT_IN_DETECTORS } from './registry';
import { BUILT_IN_SENSITIVE_DATA, createSensitiveDetector, sensitiveDetector } from './sensitive';

export function withEnglishNlp(detectors: readonly Detector[] = BUILT_IN_DETECTORS): Detector[] {
  const nlpDetector = createSensitiveDetector({ ...BUILT_IN_SENSITIVE_DATA, englishPersonFinder: englishSentenceNamesPerson });
  return detectors.map((d) => (d === sensitiveDetector ? nlpDetector : d));
}
