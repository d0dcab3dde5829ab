/**
 * The hint words of the markings and credentials detectors, found in ONE
 * case-insensitive search over the text per scan (lib/text/needles.ts) and
 * shared through the scan's TextIndex, instead of one regex search each.
 * Each family is the words of a regex of its detector (needlesOf), and
 * stands for it: tests/unit/text-index.test.ts checks that the family finds
 * exactly where that regex's matches start.
 */
import { KEY_SCAN } from './credentials/labelled';
import { RECALL_PATTERNS, type RecallHints } from './markings/recall';
import { LEVEL_HINT } from './markings/terms';
import { NeedleScan, needlesOf, regexHits, type Hits, type NeedleHits } from '../text/needles';
import { DerivedKey, type TextIndex } from '../text/text-index';

const LEVEL = 0;
const LEVEL_ANY = 1;
const HEADER = 2;
const OTHER = 3;
const OSL_LINE = 4;
const SECRECY_ADJECTIVES = 5;
const CREDENTIAL_KEYS = 6;
const FAMILIES = [
  LEVEL_HINT,
  RECALL_PATTERNS.LEVEL_HINT_ANY,
  RECALL_PATTERNS.HEADER_HINT,
  RECALL_PATTERNS.OTHER_HINT,
  RECALL_PATTERNS.OSL_LINE_HINT,
  RECALL_PATTERNS.SECRECY_ADJECTIVE,
  KEY_SCAN,
].map(needlesOf);

/** The one search (its regex is in tests/unit/regex-inventory.ts). */
export const DETECTOR_NEEDLES = new NeedleScan(FAMILIES);

export interface DetectorHints {
  /** Where LEVEL_HINT matches start (markings/anchored-scanner.ts). */
  readonly level: readonly number[];
  readonly recall: RecallHints;
  /** Where a credential key starts, and the longest key there (KEY_SCAN's match). */
  readonly credentialKeys: Hits;
}

function hintsOf(hits: NeedleHits, text: string): DetectorHints {
  return {
    // LEVEL_HINT (/iu) folds ſ and the Kelvin sign to s and k, the one search (/i) does not: a text with one asks LEVEL_HINT itself.
    level: text.includes('\u017f') || text.includes('\u212a') ? regexHits(LEVEL_HINT, text).positions : hits[LEVEL]!.positions,
    recall: {
      levelAny: hits[LEVEL_ANY]!.positions,
      header: hits[HEADER]!.positions,
      other: hits[OTHER]!.positions,
      oslLine: hits[OSL_LINE]!.positions,
      secrecyAdjectives: hits[SECRECY_ADJECTIVES]!,
    },
    credentialKeys: hits[CREDENTIAL_KEYS]!,
  };
}

/** The hints of a scan's text, searched for once (index.derived). */
export const DETECTOR_HINTS = new DerivedKey((index: TextIndex) => hintsOf(DETECTOR_NEEDLES.find(index.text), index.text));
