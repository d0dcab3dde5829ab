/**
 * IBAN: country code + 2 check digits + BBAN, compact ("SE4550000000058398257466")
 * or in the print format with single spaces between groups of four
 * ("SE45 5000 0000 0583 9825 7466"). Validated with the per-country length table
 * (lib/validators/iban.ts) and ISO 7064 MOD 97-10 (computed inline on char codes,
 * the same algorithm as `isValidIban`), so a code that only looks like an IBAN is
 * rejected. Only upper-case IBANs are recognised.
 *
 * Linear time: candidates start only at an upper-case letter pair that begins
 * a word, and each candidate reads at most one IBAN length (≤ 34 characters).
 */
import type { RawFinding } from '../types';
import type { Detector } from './detector';
import { isWordAt } from '../validators/chars';
import { IBAN_LENGTHS } from '../validators/iban';

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isAsciiAlnum(c: number): boolean {
  return isDigit(c) || isUpper(c) || (c >= 97 && c <= 122) || c === 95;
}

/** IBAN length by country, indexed by (first letter - 'A') * 26 + (second letter - 'A'); 0 = not an IBAN country. */
const LENGTH_TABLE = new Uint8Array(26 * 26);
for (const [cc, len] of Object.entries(IBAN_LENGTHS)) LENGTH_TABLE[(cc.charCodeAt(0) - 65) * 26 + (cc.charCodeAt(1) - 65)] = len;

/** Countries whose BBAN is digits only (IBAN registry): a letter there ends the candidate early. */
const NUMERIC_BBAN = new Set(['SE', 'NO', 'DK', 'FI', 'DE', 'PL', 'ES', 'BE', 'AT', 'EE', 'LT', 'PT', 'SK', 'CZ', 'HU', 'SI', 'HR', 'IS', 'FO', 'GL']);

export const ibanDetector: Detector = {
  id: 'iban',
  detect(ctx) {
    const text = ctx.norm.text;
    const findings: RawFinding[] = [];
    // Candidates: two capitals and two digits (a native regex scan), at the start of a word.
    const candidates = /[A-Z]{2}\d\d/g;
    for (let m = candidates.exec(text); m; m = candidates.exec(text)) {
      const i = m.index;
      if (i > 0) {
        const p = text.charCodeAt(i - 1);
        if (p < 128 ? isAsciiAlnum(p) : isWordAt(text, i - 1)) continue;
      }
      const a = text.charCodeAt(i);
      const expected = LENGTH_TABLE[(a - 65) * 26 + (text.charCodeAt(i + 1) - 65)]!;
      if (expected === 0) continue;
      const end = readIban(text, i, expected, NUMERIC_BBAN.has(m[0].slice(0, 2)));
      if (end === -1) continue;
      findings.push({ category: 'iban', rule: 'iban.number', start: i, end });
      candidates.lastIndex = end;
    }
    return findings;
  },
};

const scratch = new Uint8Array(34);

/**
 * Reads `length` IBAN characters from `start` into a scratch buffer (single spaces are
 * allowed after every fourth character) and validates them without building strings.
 * Returns the end offset or -1.
 */
function readIban(text: string, start: number, length: number, numeric: boolean): number {
  const n = text.length;
  let count = 0;
  let j = start;
  while (j < n && count < length) {
    const c = text.charCodeAt(j);
    if (isDigit(c) || (isUpper(c) && (count < 2 || !numeric))) {
      scratch[count++] = c;
      j++;
    } else if (c === 32 && count % 4 === 0 && count > 0 && j + 1 < n && (isDigit(text.charCodeAt(j + 1)) || isUpper(text.charCodeAt(j + 1)))) {
      j++;
    } else {
      break;
    }
  }
  if (count !== length) return -1;
  // Must not continue as a longer alphanumeric token.
  if (j < n) {
    const c = text.charCodeAt(j);
    if (c < 128 ? isAsciiAlnum(c) : isWordAt(text, j)) return -1;
  }
  const check = (scratch[2]! - 48) * 10 + (scratch[3]! - 48);
  if (check < 2 || check > 98) return -1;
  // ISO 7064 MOD 97-10 over BBAN + country code + check digits, letters as 10–35.
  let rem = 0;
  for (let k = 4; k < length + 4; k++) {
    const c = scratch[k < length ? k : k - length]!;
    rem = c <= 57 ? (rem * 10 + c - 48) % 97 : (rem * 100 + c - 55) % 97;
  }
  return rem === 1 ? j : -1;
}
