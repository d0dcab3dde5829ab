/**
 * Swedish bank accounts (clearing number + account number), bankgiro and plusgiro.
 *
 * Clearing + account ("3300, 850112-4567", "6789-123 456 789",
 * "8327-9, 123 456 789-0", "clearingnummer 5000 kontonummer 123 45 67"):
 *   - a 4-digit clearing number (Swedbank 8xxx optionally with "-C", the fifth
 *     digit) that the `kontonummer` package maps to a bank;
 *   - then a gap: a comma, a dash, a space and/or a label ("konto", "kontonummer",
 *     "kontonr", "nr"), then the account digits in groups;
 *   - the account length must fit the bank (type 1: 7 digits; type 2 per bank).
 *   Accepted when EITHER a bank/konto/clearing word is near (or the gap holds a
 *   label) — then a failing check digit is tolerated, because several banks
 *   issue accounts without a usable check digit and the user has told us what
 *   it is — OR the clearing and account are separated by a comma or dash and
 *   the check digit validates (kontonummer `lax` mode, `.valid`).
 *
 * Bankgiro ("Bankgiro 5050-1055", "BG 160-9908") and plusgiro ("PG 90 01 22-3")
 * need their label right before the number and a valid Luhn check digit.
 *
 * Linear: candidates start at clean 4-digit runs or at labels; each reads a
 * bounded number of characters.
 */
import Kontonummer from 'kontonummer';
import type { RawFinding } from '../types';
import type { Detector } from './detector';
import { isDigitAt, numberEndsCleanly, numberStartsCleanly, windowBefore } from '../validators/chars';
import { luhnValid } from '../validators/luhn';

/** Bank/account words looked for in the 40 characters before a clearing number. "konto" but not "kontor" (office). */
const BANK_CONTEXT =
  /konto(?!r)|clearing|bank|nordea|swedbank|handelsbanken|(?<!\p{L})(?:seb|ica|lunar|ikano)(?!\p{L})|danske|länsförsäkringar|skandia|sparbank|sbab|avanza|nordnet|account|sort code/u;

/** Optional label between clearing and account, e.g. ", konto", " kontonummer:", " och kontonr". */
const GAP_LABEL =
  /(?:(?:och|samt|and) )?(?:bank|löne|person|spar)?(?:konto(?:nummer|nr)?|kontonr|account(?: number| no)?|nr|number)\.?[ \t]{0,3}:?[ \t]{0,3}/iuy;

const MAX_ACCOUNT_DIGITS = 12;

interface DigitGroups {
  digits: string;
  end: number;
  overflow: boolean;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Digit groups joined by single spaces or dashes, starting at a digit. */
function readGroups(text: string, start: number, maxDigits: number): DigitGroups {
  const n = text.length;
  let count = 0;
  let i = start;
  let end = start;
  let overflow = false;
  while (i < n && isDigitCode(text.charCodeAt(i))) {
    let j = i + 1;
    while (j < n && isDigitCode(text.charCodeAt(j))) j++;
    count += j - i;
    end = j;
    const c = text.charCodeAt(j);
    if ((c === 32 || c === 45) && isDigitCode(text.charCodeAt(j + 1))) i = j + 1;
    else break;
  }
  if (count > maxDigits) overflow = true;
  // Build the digit string only for plausible lengths.
  const digits = overflow ? '' : text.slice(start, end).replace(/[ -]/g, '');
  return { digits, end, overflow };
}

type SortingCodeInfo = ReturnType<typeof Kontonummer.getSortingCodeInfo>;
const bankCache = new Map<string, SortingCodeInfo | null>();

/** Bank for a 4-digit clearing number, or null (memoised: the package throws for unknown codes). */
function bankFor(clearing: string): SortingCodeInfo | null {
  let info = bankCache.get(clearing);
  if (info === undefined) {
    try {
      info = Kontonummer.getSortingCodeInfo(clearing);
    } catch {
      info = null;
    }
    bankCache.set(clearing, info);
  }
  return info;
}

function accountLengthOk(info: SortingCodeInfo, sortingCode: string, account: string): boolean {
  const len = account.length;
  if (info.type === 1) return len === 7;
  // Swedbank 8xxx-x: accounts are up to 10 digits and are often written without leading zeros.
  if (info.bankName === 'Swedbank' && sortingCode.startsWith('8')) return len >= 6 && len <= 10;
  return len >= (info.accountMinLength ?? 2) && len <= (info.accountMaxLength ?? 10);
}

/** null: not an account; otherwise whether the check digit validates. */
function checkAccount(sortingCode: string, account: string): { checksumOk: boolean } | null {
  const info = bankFor(sortingCode.slice(0, 4));
  if (!info || !accountLengthOk(info, sortingCode, account)) return null;
  try {
    const k = Kontonummer.parse(sortingCode, account, { mode: 'lax' });
    return { checksumOk: k.valid };
  } catch {
    // Swedbank "8319-3": the package refuses a fifth clearing digit that fails its check, but people copy
    // clearing numbers from statements, typos included. The four-digit clearing still names the bank; the
    // account then counts only with a bank word nearby (checksumOk false).
    if (sortingCode.length !== 5) return null;
    try {
      Kontonummer.parse(sortingCode.slice(0, 4), account, { mode: 'lax' });
      return { checksumOk: false };
    } catch {
      return null;
    }
  }
}

/**
 * Four digits and no digit after them. Written out (not \d{4}) so the regex engine
 * can skip ahead four characters at a time where there is no digit.
 */
const FOUR_DIGITS = /\d\d\d\d(?!\d)/g;

function findClearingAccounts(text: string, findings: RawFinding[]): void {
  // Candidates are clean runs of exactly four digits; a native regex scan finds them.
  const runs = FOUR_DIGITS;
  runs.lastIndex = 0;
  // test() builds no match array: the match is the four characters before lastIndex.
  while (runs.test(text)) {
    const j = runs.lastIndex;
    const i = j - 4;
    // The last four digits of a longer run.
    if (isDigitCode(text.charCodeAt(i - 1))) continue;
    if (!numberStartsCleanly(text, i)) continue;
    const end = clearingAccountAt(text, i, j);
    if (end > 0) {
      findings.push({ category: 'bank-account', rule: 'bank-account.clearing-account', start: i, end });
      runs.lastIndex = end;
    }
  }
}

/** Returns the end of a clearing + account match starting at `i` (clearing digits end at `j`), or -1. */
function clearingAccountAt(text: string, i: number, j: number): number {
  let sortingCode = text.slice(i, j);
  if (!bankFor(sortingCode)) return -1;
  let k = j;
  // Swedbank "8327-9": fifth digit of the clearing number.
  if (sortingCode[0] === '8' && text[k] === '-' && isDigitAt(text, k + 1) && !isDigitAt(text, k + 2)) {
    sortingCode += text[k + 1];
    k += 2;
  }
  // Gap between clearing and account.
  let separated = false;
  let spaces = 0;
  while (text[k] === ' ' && spaces < 3) {
    k++;
    spaces++;
  }
  if (text[k] === ',' || text[k] === ';' || text[k] === ':') {
    separated = true;
    k++;
  } else if (text[k] === '-' && sortingCode.length === 4) {
    separated = true;
    k++;
  }
  spaces = 0;
  while (text[k] === ' ' && spaces < 3) {
    k++;
    spaces++;
  }
  let labelled = false;
  if (!isDigitAt(text, k)) {
    GAP_LABEL.lastIndex = k;
    const label = GAP_LABEL.exec(text);
    // The label must lead straight to the account digits ("konto 850112-4567", "kontonr: 123…").
    if (label && label[0].length > 0 && isDigitAt(text, k + label[0].length)) {
      labelled = true;
      k += label[0].length;
    }
  }
  if (k === j || !isDigitAt(text, k)) return -1;
  const account = readGroups(text, k, MAX_ACCOUNT_DIGITS);
  if (account.overflow || !numberEndsCleanly(text, account.end)) return -1;
  const result = checkAccount(sortingCode, account.digits);
  if (!result) return -1;
  const context = labelled || BANK_CONTEXT.test(windowBefore(text, i, 40));
  if (context || (separated && result.checksumOk)) return account.end;
  return -1;
}

/**
 * Bankgiro / plusgiro labels. The number must follow right after (": ", " ", "-nr ").
 * The label must not continue a word: GIRO_WORD_START is checked at the start of a
 * match (a regex that begins with that look-behind cannot search for 'b'/'p' quickly).
 */
const GIRO_LABEL =
  /(bankgiro(?:nummer|nr|t)?|bg(?:-?nr)?|plusgiro(?:nummer|nr|t)?|postgiro(?:nummer|nr|t)?|pg(?:-?nr)?)(?![\p{L}\p{N}_])\.?[ \t]{0,3}(?:nr\.?[ \t]{0,3})?:?[ \t]{0,3}(?=\d)/giu;
const GIRO_WORD_START = /(?<![\p{L}\p{N}_])/uy;

function findGiro(text: string, findings: RawFinding[]): void {
  GIRO_LABEL.lastIndex = 0;
  for (let m = GIRO_LABEL.exec(text); m; m = GIRO_LABEL.exec(text)) {
    GIRO_WORD_START.lastIndex = m.index;
    if (!GIRO_WORD_START.test(text)) {
      // Inside a word: go on from the next character, as the look-behind in the regex would.
      GIRO_LABEL.lastIndex = m.index + 1;
      continue;
    }
    const start = m.index + m[0].length;
    const word = m[1]!.toLowerCase();
    const bankgiro = word.startsWith('b');
    const end = bankgiro ? bankgiroAt(text, start) : plusgiroAt(text, start);
    if (end > 0) {
      findings.push({
        category: 'bank-account',
        rule: bankgiro ? 'bank-account.bankgiro' : 'bank-account.plusgiro',
        start,
        end,
      });
      GIRO_LABEL.lastIndex = end;
    }
  }
}

/** NNN-NNNN, NNNN-NNNN or 7–8 digits; Luhn over all digits. */
function bankgiroAt(text: string, start: number): number {
  const g = readGroups(text, start, 8);
  if (g.overflow || g.digits.length < 7 || g.digits.length > 8) return -1;
  if (!numberEndsCleanly(text, g.end)) return -1;
  return luhnValid(g.digits) ? g.end : -1;
}

/** 2–8 digits, in groups separated by spaces, check digit optionally after a dash ("90 01 22-3"); Luhn. */
function plusgiroAt(text: string, start: number): number {
  const g = readGroups(text, start, 8);
  if (g.overflow || g.digits.length < 2) return -1;
  if (!numberEndsCleanly(text, g.end)) return -1;
  return luhnValid(g.digits) ? g.end : -1;
}

export const bankAccountDetector: Detector = {
  id: 'bank-account',
  detect(ctx) {
    const text = ctx.norm.text;
    const findings: RawFinding[] = [];
    const giro: RawFinding[] = [];
    findGiro(text, giro);
    const accounts: RawFinding[] = [];
    findClearingAccounts(text, accounts);
    // A giro number wins over an overlapping clearing/account reading. Both lists are
    // sorted by start and free of internal overlaps, so one merge pass suffices.
    let g = 0;
    for (const a of accounts) {
      while (g < giro.length && giro[g]!.end <= a.start) findings.push(giro[g++]!);
      if (g < giro.length && giro[g]!.start < a.end) continue;
      findings.push(a);
    }
    while (g < giro.length) findings.push(giro[g++]!);
    return findings;
  },
};
