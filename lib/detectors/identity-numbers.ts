/**
 * Personnummer and samordningsnummer in every written form:
 * YYMMDD-NNNC, YYMMDD+NNNC, YYMMDDNNNC, YYMMDD NNNC, YYYYMMDDNNNC,
 * YYYYMMDD-NNNC and YYYYMMDD NNNC (dashes and spaces already normalised).
 * A candidate is reported only when date and check digit are valid, and never
 * inside a longer run of digits or letters (timestamps, card numbers, UUIDs).
 */
import testNumbers from '../../rules/test-personnummer.json';
import { parseIdentityNumber, type IdentityNumber } from '../validators/personnummer';
import { decodeTestNumberKeys, TestNumberRegistry } from '../validators/test-personnummer';
import type { RawFinding } from '../types';
import type { Detector, ScanContext } from './detector';

/**
 * Left: not after a letter/digit/underscore, nor after "digit + [-.:/+]" (part
 * of a longer number). Right: the mirror image. The separator allows one space
 * around a dash or plus ("850709 - 9805").
 */
const CANDIDATE =
  /(?<![\p{L}\p{N}_]|\p{N}[-.:/+])(\d{2})?(\d{6})( ?[-+] ?| )?(\d{4})(?![\p{L}\p{N}_]|[-.:/+]\p{N})/gu;

/** Words that say a number is an identity number. */
const ID_CONTEXT =
  /(?:person|samordnings|födelse|identitets|id)[- ]?(?:nummer|numret|nr)|\b(?:pnr|p-nr|snr|pers\.?\s?nr|ssn)\b|personal identity|coordination number|civic number/i;
/** Words that say a bare number starting with 0 is a telephone number. */
const PHONE_CONTEXT = /\b(?:tel|telefon\w*|mobil\w*|ring\w*|sms\w*|phone|call)\b[.:]?\s*$/i;

let registry: TestNumberRegistry | undefined;
/** Decoded on first need: most prompts contain no identity number at all. */
function testNumberRegistry(): TestNumberRegistry {
  registry ??= new TestNumberRegistry(decodeTestNumberKeys(testNumbers.data));
  return registry;
}

export function isOfficialTestNumber(id: IdentityNumber): boolean {
  return testNumberRegistry().has(id.year, id.month, id.day, id.serial);
}

export const identityNumberDetector: Detector = {
  id: 'identity-numbers',
  detect(ctx: ScanContext): RawFinding[] {
    const text = ctx.norm.text;
    const findings: RawFinding[] = [];
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
      const [whole, century = '', date = '', rawSeparator = '', serialAndCheck = ''] = m;
      const separator = rawSeparator.trim() || rawSeparator;
      const id = parseIdentityNumber({ century, date, separator, serialAndCheck }, ctx.referenceDate);
      if (!id) continue;
      const start = m.index;
      const end = start + whole.length;
      if (!century && !separator && looksLikePhoneNumber(text, start, date)) continue;
      if (id.kind === 'personnummer' && isOfficialTestNumber(id)) {
        findings.push({ category: id.kind, rule: `${id.kind}.official-test-number`, start, end });
      } else {
        findings.push({ category: id.kind, rule: `${id.kind}.valid`, start, end });
      }
    }
    return findings;
  },
};

/**
 * A bare 10-digit number starting with 070 is far more often a mobile number
 * than the identity number of someone born in 2007 (DOMAIN.md 1.7.5): report
 * it only with an identity word before it. Any bare number starting with 0
 * right after a phone word ("tel 0812…") is a phone number.
 */
function looksLikePhoneNumber(text: string, start: number, date: string): boolean {
  if (!date.startsWith('0')) return false;
  const before = text.slice(Math.max(0, start - 40), start);
  if (ID_CONTEXT.test(before)) return false;
  return date.startsWith('070') || PHONE_CONTEXT.test(before);
}
