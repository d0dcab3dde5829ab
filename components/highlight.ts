/**
 * Splits a text into plain and highlighted runs for display. Overlapping or
 * touching-inside findings are merged into one run, so marks never nest; the
 * run keeps every finding it covers.
 */
import type { Action, Finding } from '../lib/types';

export interface TextRun<F extends Pick<Finding, 'start' | 'end' | 'action'> = Finding> {
  text: string;
  start: number;
  /** Empty for plain text. */
  findings: F[];
}

const RANK: Record<Action, number> = { off: 0, log: 1, warn: 2, block: 3 };

export function highlightRuns<F extends Pick<Finding, 'start' | 'end' | 'action'>>(text: string, findings: readonly F[]): TextRun<F>[] {
  const sorted = findings
    .filter((f) => f.end > f.start && f.start >= 0 && f.end <= text.length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const runs: TextRun<F>[] = [];
  let pos = 0;
  let i = 0;
  while (i < sorted.length) {
    const first = sorted[i]!;
    const start = first.start;
    let end = first.end;
    const group = [first];
    for (i++; i < sorted.length && sorted[i]!.start < end; i++) {
      end = Math.max(end, sorted[i]!.end);
      group.push(sorted[i]!);
    }
    if (start > pos) runs.push({ text: text.slice(pos, start), start: pos, findings: [] });
    runs.push({ text: text.slice(start, end), start, findings: group });
    pos = end;
  }
  if (pos < text.length) runs.push({ text: text.slice(pos), start: pos, findings: [] });
  return runs;
}

/** The strongest action among findings (for the mark's style). */
export function strongestAction(findings: readonly Pick<Finding, 'action'>[]): Action {
  let best: Action = 'off';
  for (const f of findings) if (RANK[f.action] > RANK[best]) best = f.action;
  return best;
}
