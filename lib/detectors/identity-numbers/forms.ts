/**
 * The written forms of an identity number, as shapes of digit groups.
 *
 * A shape names the group lengths and the separators it allows, and how much
 * evidence it needs:
 *   - 'none': the form is an identity number whenever date and check digit
 *     are valid (850302-1234, 198503021234, 85.03.02-1234, 1985 0302 1234);
 *   - 'id': an identity word must stand in the line, the table header or the
 *     heading (a 9-digit value that lost its leading zero, "85 03 02 1234");
 *   - 'split': an identity word, or words for both halves ("Födelsedatum",
 *     "Nr"): a date cell and a four-digit cell side by side;
 *   - 'iso': "1985-03-02 1234" — an identity number unless it reads as a
 *     recent date with an amount or a time after it.
 */
import type { Chain, Sep } from './digit-chains';

export type Evidence = 'none' | 'id' | 'split' | 'iso';

export interface FormMatch {
  /** Index of the first and last group of the chain that the number covers. */
  first: number;
  last: number;
  /** '', '19' or '20' … */
  century: string;
  /** YYMMDD */
  date: string;
  /** '-' (or any non-plus separator) or '+' */
  separator: '-' | '+' | '';
  /** NNNC */
  serialAndCheck: string;
  evidence: Evidence;
  /** Groups joined by one separator throughout (4-4-4, 3-3-3-3, one digit per box): no neighbour may join the same way. */
  uniform?: Sep;
}

// Plain functions, not closures: formAt runs for every long digit chain.
function isOneOf(sep: Sep | undefined, a: Sep, b?: Sep, c?: Sep, d?: Sep): boolean {
  return sep !== undefined && (sep === a || sep === b || sep === c || sep === d);
}
function allSame(seps: readonly Sep[], from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) if (seps[i] !== seps[from]) return false;
  return true;
}
function groupLength(chain: Chain, k: number): number {
  const g = chain.groups[k]!;
  return g.end - g.start;
}
function joinGroups(text: string, chain: Chain, from: number, count: number): string {
  let s = '';
  for (let k = from; k < from + count; k++) s += text.slice(chain.groups[k]!.start, chain.groups[k]!.end);
  return s;
}

/** Evidence for "date, separator, last four": strong separators need none. */
function dateSerialEvidence(sep: Sep): Evidence | null {
  switch (sep) {
    case 'space':
    case 'spaces':
    case 'dash':
    case 'dashBreak':
    case 'plus':
      return 'none';
    case 'underscore':
      return 'none';
    case 'listGap':
    case 'cell':
      return 'split';
    case 'slash':
    case 'lineBreak':
      return 'id';
    default:
      return null;
  }
}

/** Splits 10 or 12 digits into the parts the validator takes. */
function parts(digits: string, plus: boolean): Pick<FormMatch, 'century' | 'date' | 'separator' | 'serialAndCheck'> {
  const century = digits.length === 12 ? digits.slice(0, 2) : '';
  const ten = digits.slice(-10);
  return { century, date: ten.slice(0, 6), separator: plus ? '+' : '-', serialAndCheck: ten.slice(6) };
}

/** The form that starts at group `i` of the chain, or null. Longer forms are tried first. */
export function formAt(text: string, chain: Chain, i: number): FormMatch | null {
  const { groups, seps } = chain;
  const n = groups.length - i;
  const l0 = groupLength(chain, i);

  // One digit per box: "8 5 0 3 0 2 - 1 2 3 4", "|1|9|8|5|…".
  if (l0 === 1) {
    for (const count of [12, 10]) {
      if (n < count) continue;
      let boxes = true;
      for (let k = 0; k < count && boxes; k++) boxes = groupLength(chain, i + k) === 1 && (k === 0 || isOneOf(seps[i + k - 1], 'space', 'spaces', 'dash', 'cell'));
      if (boxes) return { first: i, last: i + count - 1, ...parts(joinGroups(text, chain, i, count), false), evidence: 'none', uniform: seps[i] };
    }
  }
  const l1 = n >= 2 ? groupLength(chain, i + 1) : 0;
  const l2 = n >= 3 ? groupLength(chain, i + 2) : 0;
  const l3 = n >= 4 ? groupLength(chain, i + 3) : 0;

  // Excel's thousands grouping: "198 503 021 234", "8,503,021,234". Amounts are grouped the same way
  // ("196 411 191 890 kr"): only under an identity header.
  if (n >= 4 && l1 === 3 && l2 === 3 && l3 === 3 && (l0 === 3 || l0 === 1)) {
    if (isOneOf(seps[i], 'space', 'comma', 'dot') && allSame(seps, i, i + 3)) {
      return { first: i, last: i + 3, ...parts(joinGroups(text, chain, i, 4), false), evidence: 'id', uniform: seps[i] };
    }
  }

  // ISO and dotted dates: "1985-03-02-1234", "1985-03-02 1234", "85.03.02-1234", "85 03 02-1234".
  if (n >= 4 && l1 === 2 && l2 === 2 && l3 === 4 && (l0 === 4 || l0 === 2)) {
    const dateSep = seps[i]!;
    const last = seps[i + 2]!;
    const century = l0 === 4;
    if (seps[i + 1] === dateSep && (dateSep === 'dash' || dateSep === 'dot' || dateSep === 'space')) {
      let evidence: Evidence | null;
      if (last === 'dash' || last === 'dashBreak' || last === 'plus') evidence = 'none';
      else if (last === 'space') evidence = century && dateSep !== 'space' ? 'iso' : 'id';
      else if (last === 'spaces' || last === 'cell' || last === 'listGap') evidence = 'split';
      else evidence = null;
      if (evidence) return { first: i, last: i + 3, ...parts(joinGroups(text, chain, i, 4), last === 'plus'), evidence };
    }
  }

  // 4-4-4: "1985 0302 1234".
  if (n >= 3 && l0 === 4 && l1 === 4 && l2 === 4 && isOneOf(seps[i], 'space', 'dash') && seps[i + 1] === seps[i]) {
    return { first: i, last: i + 2, ...parts(joinGroups(text, chain, i, 3), false), evidence: 'none', uniform: seps[i] };
  }

  // Date and last four: "850302-1234", "19850302 1234", "850302-\n1234".
  if (n >= 2 && (l0 === 6 || l0 === 8) && l1 === 4) {
    const evidence = dateSerialEvidence(seps[i]!);
    if (evidence) return { first: i, last: i + 1, ...parts(joinGroups(text, chain, i, 2), seps[i] === 'plus'), evidence };
  }

  // Ten or twelve digits in a row; nine when Excel dropped a leading zero.
  if (l0 === 10 || l0 === 12) return { first: i, last: i, ...parts(joinGroups(text, chain, i, 1), false), separator: '', evidence: 'none' };
  if (l0 === 9) return { first: i, last: i, ...parts('0' + joinGroups(text, chain, i, 1), false), separator: '', evidence: 'id' };
  return null;
}

/** A date on its own (the first half of a split number): its YYMMDD and century, or null. */
export function dateAt(text: string, chain: Chain, i: number): { last: number; century: string; date: string } | null {
  const { groups, seps } = chain;
  const n = groups.length - i;
  const l0 = groupLength(chain, i);
  if (n >= 3 && groupLength(chain, i + 1) === 2 && groupLength(chain, i + 2) === 2 && (l0 === 4 || l0 === 2) && isOneOf(seps[i], 'dash', 'dot') && seps[i + 1] === seps[i]) {
    const ymd = joinGroups(text, chain, i, 3);
    return { last: i + 2, century: ymd.length === 8 ? ymd.slice(0, 2) : '', date: ymd.slice(-6) };
  }
  if (l0 === 8 || l0 === 6) {
    const ymd = joinGroups(text, chain, i, 1);
    return { last: i, century: ymd.length === 8 ? ymd.slice(0, 2) : '', date: ymd.slice(-6) };
  }
  return null;
}
