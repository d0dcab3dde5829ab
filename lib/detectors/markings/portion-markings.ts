/**
 * US portion markings: "(TS//NF) …", "1. (S) …", "SUBJECT: (C) …" at the start
 * of a paragraph. Collected line by line, and decided once the whole text is
 * seen: a bare "(C)" or "(S)" counts only with other US evidence.
 */
import { MARKING_RULES } from './rule-ids';
import { skipDecoration } from './line-shape';
import type { Candidate, Portion } from './candidates';

const PORTION = /\((TS|S|C|U)(?:(\/\/?)([A-Z0-9][A-Z0-9 ,/-]{0,80}))?\)(?=[ \t]|$)/y;
const LETTERED_ITEM = /\(([A-Z])\)(?=[ \t])/y;
const NUMBERING = /(?:\d{1,3}|[a-z])[.)][ \t]{1,3}/y;
const PORTION_LABEL = /[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{1,20}(?: [A-Za-zÅÄÖåäö]{1,20})?:[ \t]{0,3}/y;
const US_AUTHORITY = /(?:classified[ \t]+by|derived[ \t]+from|declassify[ \t]+on|classification[ \t]+authority)[ \t]*:/iy;

export class PortionMarkings {
  private readonly found: Portion[] = [];
  /** A "Classified By:" / "Derived From:" line: the text is a US classified document. */
  private usAuthorityLine = false;
  /** An "(A) … (B) …" list: bare (C)/(S) are list items. */
  private letteredList = false;

  /** US portion markings at paragraph start: "(TS//NF) …", "1. (S) …", "SUBJECT: (C) …". */
  scanLine(line: string, base: number): void {
    const paren = line.indexOf('(');
    const colon = line.indexOf(':');
    if ((paren < 0 || paren > 48) && (colon < 0 || colon > 48)) return;
    let p = skipDecoration(line, 0, false).pos;
    if (colon >= 0) {
      US_AUTHORITY.lastIndex = p;
      if (US_AUTHORITY.test(line)) this.usAuthorityLine = true;
    }
    if (paren < 0 || paren > 48) return;
    NUMBERING.lastIndex = p;
    const num = NUMBERING.exec(line);
    if (num) p += num[0].length;
    if (line[p] !== '(') {
      PORTION_LABEL.lastIndex = p;
      const label = PORTION_LABEL.exec(line);
      if (label) p += label[0].length;
    }
    if (line[p] !== '(') return;
    PORTION.lastIndex = p;
    const m = PORTION.exec(line);
    if (!m) {
      LETTERED_ITEM.lastIndex = p;
      if (LETTERED_ITEM.test(line)) this.letteredList = true;
      return;
    }
    const kind = m[1] as Portion['kind'];
    const hasControls = m[3] !== undefined;
    this.found.push({
      start: base + p,
      end: base + p + m[0].length,
      kind,
      strong: kind !== 'U' && (kind === 'TS' || hasControls),
    });
  }

  /**
   * Portion markings. "(TS)" and "(X//Y)" count on their own; a bare "(C)" or
   * "(S)" is a copyright sign or a list item unless the text also carries a US
   * banner, a strong portion marking, a "Classified By:" line, or portion
   * markings of two different kinds (and is not an (A), (B), (C) … list).
   */
  addTo(kept: Candidate[]): void {
    if (this.found.length === 0) return;
    const usEvidence =
      this.usAuthorityLine || kept.some((c) => c.family === 'us') || this.found.some((p) => p.strong);
    const kinds = new Set(this.found.map((p) => p.kind));
    const weakOk = usEvidence || (kinds.size >= 2 && !this.letteredList);
    for (const p of this.found) {
      if (p.kind === 'U' || !(p.strong || weakOk)) continue;
      kept.push({
        start: p.start,
        end: p.end,
        rule: MARKING_RULES.us,
        severity: p.kind === 'TS' ? 'critical' : undefined,
        cluster: null,
        bullet: false,
        rank: 0,
        family: 'us',
      });
    }
  }
}
