/**
 * "Mask and send" that cannot leak: every finding becomes a placeholder, every
 * other written form of a masked identity number goes too ("8503021234" in a
 * file name beside "850302-1234" in the text), the names, initials and
 * addresses of the people in the text go with them ("Kalle Andersson
 * [PERSONNUMMER 1]" would still name the person; lib/redaction/identifiers.ts),
 * and the masked text is scanned again with the full engine. If anything that
 * interrupts is still found, or the digits of a masked number are still there
 * in any form, masking is refused and nothing is sent.
 */
import type { Finding, ScanResult } from '../types';
import type { IdentifierSpan } from './identifiers';
import { maskFindings, type MaskSpan, type PlaceholderBook, type Replacement } from './placeholders';

export type MaskOutcome =
  | { ok: true; text: string; replacements: Replacement[] }
  | { ok: false; reason: 'finding-left' | 'digits-left'; text: string; left: Finding[] };

const IDENTITY = new Set(['personnummer', 'samordningsnummer']);
/** Between two digits of one written form: separators, spaces, encoded dashes; never a letter. */
const MAX_GAP = 12;

/** The digits of `text`, with the index of each in the text. */
function digitStream(text: string): { digits: string; at: number[] } {
  let digits = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits += text[i];
      at.push(i);
    }
  }
  return { digits, at };
}

/**
 * Spans of `text` whose digits spell one of `cores` (10 digits, YYMMDDNNNC) or
 * its 12-digit form, written with separators of at most MAX_GAP characters
 * that hold no letter ("850302-1234", "19850302 1234", "8 5 0 3 0 2 - …").
 */
export function otherForms(text: string, cores: ReadonlySet<string>): { start: number; end: number }[] {
  if (cores.size === 0) return [];
  const { digits, at } = digitStream(text);
  const spans: { start: number; end: number }[] = [];
  for (const core of cores) {
    for (let i = digits.indexOf(core); i >= 0; i = digits.indexOf(core, i + 1)) {
      let first = i;
      // "19" or "20" in front of the ten digits, written together with them: the 12-digit form.
      if (i >= 2 && /^(?:18|19|20)$/.test(digits.slice(i - 2, i)) && tight(text, at, i - 2, i)) first = i - 2;
      const last = i + core.length - 1;
      if (!tight(text, at, first, last)) continue;
      spans.push({ start: at[first]!, end: at[last]! + 1 });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** Digits first..last of the stream stand close together, with no letter between them. */
function tight(text: string, at: number[], first: number, last: number): boolean {
  for (let k = first; k < last; k++) {
    const gap = text.slice(at[k]! + 1, at[k + 1]!);
    if (gap.length > MAX_GAP || /\p{L}/u.test(gap.replace(/&#?\w{1,8};|\\u[0-9a-fA-F]{4}/g, ''))) return false;
  }
  return true;
}

/**
 * Masks `result`'s findings in `text`, and with them the names, initials and
 * addresses in the text (only when there is a finding to mask: a name alone is
 * no reason to mask), and checks the outcome with `rescan` (the same engine
 * and policy). Only findings that interrupt (warn or block) are checked again:
 * a notice-only finding (an e-mail address under the built-in policy) is
 * masked too, but would not stop the send anyway.
 */
export function maskPrompt(
  text: string,
  result: ScanResult,
  book: PlaceholderBook,
  rescan: (text: string) => ScanResult,
  /** The names and addresses in `text` (identifierSpans(text, { knownNames: book.personNames() })): found by the caller, so the page can ask the background for them. */
  identifiers: readonly IdentifierSpan[] = [],
): MaskOutcome {
  const cores = new Set(
    result.findings.filter((f) => IDENTITY.has(f.category)).map((f) => f.text.replace(/\D/g, '').slice(-10)).filter((d) => d.length === 10),
  );
  const extra = otherForms(text, cores)
    .filter((s) => !result.findings.some((f) => f.start <= s.start && s.end <= f.end))
    .map((s) => {
      const owner = result.findings.find((f) => IDENTITY.has(f.category) && text.slice(s.start, s.end).replace(/\D/g, '').endsWith(f.text.replace(/\D/g, '').slice(-10)));
      return { category: owner?.category ?? ('personnummer' as const), start: s.start, end: s.end };
    });
  const findings: MaskSpan[] = [...result.findings, ...extra];
  // A name inside a finding's span goes with the finding.
  const beside = identifiers.filter((s) => !findings.some((f) => f.start < s.end && s.start < f.end));
  const masked = maskFindings(text, [...findings, ...beside], book);
  const again = rescan(masked.text);
  const left = again.findings.filter((f) => f.action === 'warn' || f.action === 'block');
  if (left.length > 0) return { ok: false, reason: 'finding-left', text: masked.text, left };
  if (otherForms(masked.text, cores).length > 0) return { ok: false, reason: 'digits-left', text: masked.text, left: [] };
  return { ok: true, text: masked.text, replacements: masked.replacements };
}
