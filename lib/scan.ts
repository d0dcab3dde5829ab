/**
 * The detection engine's entry point: scan(text, options) → { findings, decision }.
 * Pure, synchronous and deterministic for a given reference date; no browser APIs.
 */
import type { Detector, ScanContext } from './detectors/detector';
import { BUILT_IN_DETECTORS } from './detectors/registry';
import { DEFAULT_POLICY, type DetectionPolicy } from './policy/default-policy';
import { builtInCatalogue, type RuleCatalogue } from './rules/catalogue';
import { normalize } from './text/normalize';
import { TextIndex } from './text/text-index';
import { ACTION_RANK, cappedAction, type Action, type Decision, type Finding, type RawFinding, type ScanResult } from './types';

export interface ScanOptions {
  policy?: DetectionPolicy;
  /** "Today" for century inference; defaults to now. */
  referenceDate?: Date;
  detectors?: readonly Detector[];
  catalogue?: RuleCatalogue;
}

export function scan(text: string, options: ScanOptions = {}): ScanResult {
  if (typeof text !== 'string') throw new TypeError('scan() needs a string');
  const policy = options.policy ?? DEFAULT_POLICY;
  const catalogue = options.catalogue ?? builtInCatalogue();
  const detectors = options.detectors ?? BUILT_IN_DETECTORS;
  const norm = normalize(text);
  const raw: RawFinding[] = [];
  // Words, lines and the like are read once and shared by the detectors.
  const ctx: ScanContext = { norm, referenceDate: options.referenceDate ?? new Date(), earlierFindings: raw, text: new TextIndex(norm.text) };
  for (const detector of detectors) {
    // A loop, not push(...found): a huge paste can yield more findings than a call may take arguments.
    for (const found of detector.detect(ctx)) raw.push(found);
  }

  const findings: Finding[] = [];
  for (const r of resolveOverlaps(raw)) {
    const action = cappedAction(actionFor(r, policy), r.unsure ? 'warn' : 'block');
    if (action === 'off') continue;
    const rule = catalogue.rules.get(r.rule);
    const [start, end] = norm.toOriginal(r.start, r.end);
    findings.push({
      category: r.category,
      rule: r.rule,
      start,
      end,
      text: text.slice(start, end),
      // A rule missing from the catalogue is a packaging bug; report it anyway
      // so protection never silently switches off.
      severity: r.severity ?? rule?.severity ?? 'high',
      action,
      guidelines: (rule?.guidelines ?? ['digg-index']).flatMap((id) => {
        const url = catalogue.guidelines.get(id)?.url;
        return url ? [url] : [];
      }),
      ...(r.where ? { where: r.where } : {}),
    });
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.category.localeCompare(b.category));
  return { findings, decision: decide(findings) };
}

function actionFor(finding: RawFinding, policy: DetectionPolicy): Action {
  if (finding.rule.endsWith('.official-test-number')) return policy.officialTestNumbers;
  const own = policy.rules?.[finding.rule];
  if (own) return own;
  return policy.categories[finding.category];
}

export function decide(findings: readonly Pick<Finding, 'action'>[]): Decision {
  let rank = 0;
  for (const f of findings) rank = Math.max(rank, ACTION_RANK[f.action]);
  return rank >= ACTION_RANK.block ? 'block' : rank >= ACTION_RANK.warn ? 'warn' : 'allow';
}

/**
 * Drops exact duplicates and phone-number findings that overlap an identity
 * number (the digits are the identity number, not a phone number).
 */
function resolveOverlaps(raw: RawFinding[]): RawFinding[] {
  // Identity-number spans, sorted; detectors report them in text order and they never overlap.
  const ids = raw.filter((f) => f.category === 'personnummer' || f.category === 'samordningsnummer');
  const overlapsId = (f: RawFinding): boolean => {
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ids[mid]!.end <= f.start) lo = mid + 1;
      else hi = mid;
    }
    return lo < ids.length && ids[lo]!.start < f.end;
  };
  const seen = new Set<string>();
  return raw.filter((f) => {
    const key = `${f.category}:${f.start}:${f.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return !(f.category === 'phone' && overlapsId(f));
  });
}
