/**
 * Payment card numbers (PAN): 13–19 digits, compact or grouped by spaces or
 * dashes (4-4-4-4, 4-4-4-4-3, Amex 4-6-5, Diners 4-6-4), Luhn-valid AND in a
 * known issuer range with a length that issuer uses.
 *
 * Not findings: numbers that fail Luhn (library barcodes), ISBN-13 (978/979),
 * digit runs longer than 19, a card-looking prefix of a longer grouped number,
 * masked PANs ("4111 **** **** 1111": the groups are interrupted), and numbers
 * right after "OCR", "OCR-numret" or "betalningsreferens" (Swedish invoice
 * references also use Luhn).
 *
 * Linear: groups are read once from clean starts, at most 8 groups are kept.
 */
import type { RawFinding } from '../types';
import { DigitRunCursor } from '../text/text-index';
import { textIndexOf, type Detector } from './detector';
import { numberEndsCleanly, numberStartsCleanly, windowBefore } from '../validators/chars';
import { luhnValid } from '../validators/luhn';

interface Issuer {
  /** Inclusive prefix range, compared on the first `digits` digits. */
  from: number;
  to: number;
  digits: number;
  lengths: readonly number[];
}

/** An invoice or payment reference ("OCR-numret", "betalningsreferens"): Swedish references use Luhn too. */
const INVOICE_REFERENCE_BEFORE =
  /(?:^|[^\p{L}])(?:ocr(?:-?(?:nummer|numret|nr|referens\p{L}*|kod\p{L}*))?|referens(?:nummer|numret)?|betalningsreferens\p{L}*|fakturanumr?e?t?|payment reference|invoice (?:number|reference))\W{0,3}$/iu;

const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, k) => a + k);

const ISSUERS: readonly Issuer[] = [
  { from: 4, to: 4, digits: 1, lengths: [13, 16, 19] }, // Visa
  { from: 51, to: 55, digits: 2, lengths: [16] }, // Mastercard
  { from: 2221, to: 2720, digits: 4, lengths: [16] }, // Mastercard 2-series
  { from: 34, to: 34, digits: 2, lengths: [15] }, // Amex
  { from: 37, to: 37, digits: 2, lengths: [15] }, // Amex
  { from: 50, to: 50, digits: 2, lengths: range(13, 19) }, // Maestro
  { from: 56, to: 69, digits: 2, lengths: range(13, 19) }, // Maestro (covers much of 6)
  { from: 6011, to: 6011, digits: 4, lengths: range(16, 19) }, // Discover
  { from: 644, to: 649, digits: 3, lengths: range(16, 19) }, // Discover
  { from: 65, to: 65, digits: 2, lengths: range(16, 19) }, // Discover
  { from: 3528, to: 3589, digits: 4, lengths: range(16, 19) }, // JCB
  { from: 300, to: 305, digits: 3, lengths: range(14, 19) }, // Diners
  { from: 36, to: 36, digits: 2, lengths: range(14, 19) }, // Diners
  { from: 38, to: 39, digits: 2, lengths: range(14, 19) }, // Diners
  { from: 62, to: 62, digits: 2, lengths: range(16, 19) }, // UnionPay
];

export function isPaymentCardNumber(digits: string): boolean {
  const len = digits.length;
  if (len < 13 || len > 19) return false;
  if (len === 13 && (digits.startsWith('978') || digits.startsWith('979'))) return false; // ISBN-13
  if (!luhnValid(digits)) return false;
  return ISSUERS.some((iss) => {
    const prefix = Number(digits.slice(0, iss.digits));
    return prefix >= iss.from && prefix <= iss.to && iss.lengths.includes(len);
  });
}

const MAX_GROUPS = 8;

interface Groups {
  groups: { digits: string; end: number }[];
  seps: string[];
  end: number;
  overflow: boolean;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Digit groups joined by single spaces or dashes. Group strings are built only when 13+ digits are present. */
function readGroups(text: string, start: number): Groups {
  const n = text.length;
  let total = 0;
  let count = 0;
  let longest = 0;
  let i = start;
  let end = start;
  while (i < n && isDigitCode(text.charCodeAt(i))) {
    let j = i + 1;
    while (j < n && isDigitCode(text.charCodeAt(j))) j++;
    total += j - i;
    count++;
    longest = Math.max(longest, j - i);
    end = j;
    const c = text.charCodeAt(j);
    if ((c === 32 || c === 45) && isDigitCode(text.charCodeAt(j + 1))) i = j + 1;
    else break;
  }
  const groups: Groups['groups'] = [];
  const seps: string[] = [];
  const overflow = longest > 19 || count > MAX_GROUPS;
  if (!overflow && total >= 13) {
    let g = start;
    while (g < end) {
      let j = g;
      while (j < end && isDigitCode(text.charCodeAt(j))) j++;
      groups.push({ digits: text.slice(g, j), end: j });
      if (j < end) seps.push(text[j]!);
      g = j + 1;
    }
  }
  return { groups, seps, end, overflow };
}

/** Canonical groupings of a PAN: all fours with a shorter last group, or 4-6-5 / 4-6-4. */
function canonicalShape(sizes: number[]): boolean {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total < 13 || total > 19) return false;
  if (sizes.length === 1) return true;
  if (sizes.length === 3 && sizes[0] === 4 && sizes[1] === 6 && (sizes[2] === 5 || sizes[2] === 4)) return true;
  if (sizes.length < 4) return false;
  for (let k = 0; k < sizes.length - 1; k++) if (sizes[k] !== 4) return false;
  const last = sizes[sizes.length - 1]!;
  return last >= 1 && last <= 4;
}

export const paymentCardDetector: Detector = {
  id: 'payment-card',
  detect(ctx) {
    const text = ctx.norm.text;
    const findings: RawFinding[] = [];
    // The scan's runs of digits, read as a /\d+/g search from a moving lastIndex (`from`).
    const runs = new DigitRunCursor(textIndexOf(ctx).digitRuns);
    for (let from = 0; runs.next(from); ) {
      const i = runs.start;
      from = runs.end;
      if (!numberStartsCleanly(text, i)) continue;
      const g = readGroups(text, i);
      const end = g.overflow || g.groups.length === 0 ? -1 : bestCard(text, g);
      if (end > 0 && !INVOICE_REFERENCE_BEFORE.test(windowBefore(text, i, 32))) {
        findings.push({ category: 'payment-card', rule: 'payment-card.number', start: i, end });
      }
      if (g.end > from) from = g.end;
    }
    return findings;
  },
};

/** End offset of the longest canonical group prefix that is a card number, or -1. */
function bestCard(text: string, g: Groups): number {
  const { groups, seps } = g;
  for (let k = groups.length; k >= 1; k--) {
    const sizes = groups.slice(0, k).map((x) => x.digits.length);
    if (!canonicalShape(sizes)) continue;
    // One separator style within the number ("4111 1111-1111 1111" is not a card).
    if (seps.slice(0, k - 1).some((s) => s !== seps[0])) continue;
    // What is left over may only be a short tail such as an expiry "12/28" or a CVC, not more card-like groups.
    if (k < groups.length && groups[k]!.digits.length >= 4) return -1;
    const digits = groups.slice(0, k).map((x) => x.digits).join('');
    if (!isPaymentCardNumber(digits)) continue;
    const end = groups[k - 1]!.end;
    if (k === groups.length && !numberEndsCleanly(text, end)) return -1;
    return end;
  }
  return -1;
}
