/**
 * What the anchored scanner collects: candidates, the clusters of level terms
 * that tell training material from a marked document, and the anchor modes.
 */
import type { RawFinding, Severity } from '../../types';
import type { MarkingRuleId } from './rule-ids';
import { CLASS_KEYS, SECRECY_KEYS, YES_KEYS, type Family } from './terms';

/** Lines between level terms that still count as "together" for the training-list rule. */
export const TRAINING_GAP = 8;
/** Different levels together that make a text training material rather than a marked document. */
export const TRAINING_LEVELS = 3;

export type Group = 'c' | 't';

/** Level terms that stand within TRAINING_GAP lines of each other. */
export interface Cluster {
  lastLine: number;
  ranks: Set<number>;
  /** OSL chapters cited by stamps: three different ones together are a list of examples. */
  chapters: Set<number>;
  bulletRanks: Set<number>;
}

export interface Candidate {
  start: number;
  end: number;
  rule: MarkingRuleId;
  severity?: Severity;
  /** The cluster of level terms the candidate belongs to (null for portion markings). */
  cluster: Cluster | null;
  /**
   * The value of a classification field ("klassificering": "HEMLIG",
   * <Classification>…): applied to that record even when records with other
   * levels stand nearby, so never dropped as training material.
   */
  labelled?: boolean;
  bullet: boolean;
  rank: number;
  family: Family | 'tlp';
}

export interface Portion {
  start: number;
  end: number;
  kind: 'TS' | 'S' | 'C' | 'U';
  strong: boolean;
}

export type Mode =
  /** First thing on the line: capitals, or title case with an OSL reference. */
  | { kind: 'start'; bullet: boolean; quoted?: boolean }
  /** Tag content, table cell, short label value: capitals only. */
  | { kind: 'caps' }
  /** Inside brackets mid-line: "[HEMLIG]" or "(Sekretess enligt 25 kap. 1 § OSL)". */
  | { kind: 'bracket'; close: ')' | ']' }
  /** Value of a classification or secrecy label: any case. */
  | KeyMode;

export interface KeyMode {
  kind: 'key';
  /** Where the label starts: secrecy-label findings span the label too ("Sekretess: 25 kap. 1 § OSL"). */
  keyStart: number;
  /** A secrecy label: the value may be an OSL reference. */
  secrecy: boolean;
  /** The value may be "Ja" ("Sekretess: Ja"). */
  yes: boolean;
}

/** The kind of label a normalised key is, or null. */
export function keyMode(nk: string, keyStart: number): KeyMode | null {
  if (CLASS_KEYS.has(nk)) return { kind: 'key', keyStart, secrecy: false, yes: false };
  if (SECRECY_KEYS.has(nk)) return { kind: 'key', keyStart, secrecy: true, yes: YES_KEYS.has(nk) };
  return null;
}

export function toFinding(c: Candidate): RawFinding {
  const f: RawFinding = { category: 'classified', rule: c.rule, start: c.start, end: c.end };
  if (c.severity) f.severity = c.severity;
  return f;
}

/** One finding per marking: of overlapping candidates the longest wins. */
export function dedupe(candidates: Candidate[]): Candidate[] {
  const sorted = [...candidates].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Candidate[] = [];
  for (const c of sorted) {
    const prev = out[out.length - 1];
    if (prev && c.start < prev.end) {
      if (c.end - c.start > prev.end - prev.start) out[out.length - 1] = c;
      continue;
    }
    out.push(c);
  }
  return out;
}
