/**
 * Telephone numbers: Swedish national forms (mobile 07X, landlines with area
 * codes), +46 / 0046 forms and other international +<country code> forms.
 *
 * How it works (linear time): the text is scanned once (jumping between digit
 * runs with a native regex scan) for "phrases" — runs of
 * digit groups joined by a single space or dash, optionally led by '+' and
 * optionally containing a parenthesised group such as "(08)" or "+46 (0)70".
 * A phrase may only start where a number starts cleanly (not after a letter,
 * a digit, "digit + separator" or a slash) and is classified as a whole, so a
 * phone number is never found inside a longer number such as a date, an IBAN
 * or a bank account. Phrase length is capped, so each phrase costs O(1).
 *
 * Classification, strongest first:
 *   - '+' forms: +46 with a valid Swedish national number, or any other country
 *     code with 8–15 digits in total. No context needed.
 *   - 0046 forms: like +46. Other 00-prefixed forms need a phone context word.
 *   - national mobile 07[02369] + 7 digits, grouped (070-123 45 67, 070 123 45 67,
 *     070-1234567): no context needed. Unseparated 07XXXXXXXX: no context needed
 *     unless it is also a valid personnummer/samordningsnummer (same rules as the
 *     identity-number detector, lib/validators/personnummer.ts), then a phone word
 *     (tel, mobil, ring …) is required.
 *   - landlines: area code 08 / 0[1-69]X(X) / 07[457]X followed by '-' or in
 *     parentheses, subscriber 5–8 digits not starting with 0, total 8–10 digits,
 *     no further dashes (08-123 45 67, 0480-123 45, (031) 12 34 56). With a space
 *     after the area code the subscriber must be in Swedish groups (031 123 45 67).
 *     Everything else that is 0-led and 8–10 digits needs a context word.
 *   - never: six digits + four digits (personnummer/organisationsnummer shape),
 *     numbers followed by a currency or a percent sign.
 */
import type { RawFinding } from '../types';
import { DigitRunCursor } from '../text/text-index';
import { textIndexOf, type Detector } from './detector';
import { numberEndsCleanly, numberStartsCleanly, windowBefore } from '../validators/chars';
import { parseIdentityNumber } from '../validators/personnummer';

interface Group {
  digits: string;
  /** Separator before this group: '' for the first group or directly after ")". */
  sep: '' | ' ' | '-';
  paren: boolean;
}

interface Phrase {
  start: number;
  end: number;
  plus: boolean;
  groups: Group[];
}

const MAX_GROUPS = 8;
const MAX_DIGITS = 17;
/** Fewer digits than this can never be a phone number (+46 needs 2 + 7, national numbers 8). */
const MIN_DIGITS = 8;

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** What the last walkGroups() call found: end offset, digits and groups (module scratch: no allocation per number). */
const walk = { end: 0, total: 0, count: 0 };

/**
 * Reads the phrase starting at `start` (after the '+' if there is one), or null
 * when it cannot be a phone number: too many or too few digits, or (without '+')
 * a first digit other than 0, which classify() rejects. walk.end is set either
 * way. The first pass only counts digits and groups and finds the end; group
 * strings are built only for a plausible phrase, so text full of numbers that
 * are not phone numbers costs no allocation.
 */
function parsePhrase(text: string, start: number, plus: boolean): Phrase | null {
  const first = plus ? start + 1 : start;
  walkGroups(text, first, null);
  const end = walk.end;
  if (walk.total > MAX_DIGITS || walk.count > MAX_GROUPS || walk.total < MIN_DIGITS) return null;
  // The first digit: after the '(' of a leading "(08)" group.
  if (!plus && text.charCodeAt(text.charCodeAt(first) === 40 ? first + 1 : first) !== 48) return null;
  const groups: Group[] = [];
  walkGroups(text, first, groups);
  return { start, end, plus, groups };
}

/**
 * Walks digit groups joined by a single space or dash, with "(digits)" groups allowed
 * (directly before or after a group: "+46(0)70", "(08)123"). Sets `walk`; pushes the
 * groups onto `groups` if given.
 */
function walkGroups(text: string, start: number, groups: Group[] | null): void {
  const n = text.length;
  let i = start;
  let sep: Group['sep'] = '';
  let end = start;
  let total = 0;
  let count = 0;
  while (i < n) {
    let paren = false;
    let next: number;
    let digits: number;
    if (text.charCodeAt(i) === 40) {
      // "(" digits{1,4} ")"
      let j = i + 1;
      while (j < n && j - i <= 5 && isDigitCode(text.charCodeAt(j))) j++;
      if (j === i + 1 || j - i > 5 || text.charCodeAt(j) !== 41) break;
      paren = true;
      digits = j - i - 1;
      next = j + 1;
    } else if (isDigitCode(text.charCodeAt(i))) {
      let j = i + 1;
      while (j < n && isDigitCode(text.charCodeAt(j))) j++;
      digits = j - i;
      next = j;
    } else {
      break;
    }
    total += digits;
    count++;
    if (groups) groups.push({ digits: paren ? text.slice(i + 1, next - 1) : text.slice(i, next), sep, paren });
    end = next;
    const c = text.charCodeAt(next);
    const d = text.charCodeAt(next + 1);
    if ((c === 32 || c === 45) && (isDigitCode(d) || (d === 40 && isDigitCode(text.charCodeAt(next + 2))))) {
      sep = c === 32 ? ' ' : '-';
      i = next + 1;
    } else if ((paren && isDigitCode(c)) || (!paren && c === 40 && isDigitCode(d))) {
      sep = ''; // "(08)123 45 67", "+46(0)70-123 45 67"
      i = next;
    } else {
      break;
    }
  }
  walk.end = end;
  walk.total = total;
  walk.count = count;
}

type Strength = 'strong' | 'weak' | 'phone-word';
interface Verdict {
  rule: 'phone.swedish' | 'phone.international';
  /** strong: no context needed; weak: any phone context word; phone-word: a phone word other than "nr". */
  need: Strength;
}

const MOBILE = /^07[02369]\d{7}$/;

/** Valid Swedish national significant number (without the leading 0). */
function swedishNsnOk(nsn: string): boolean {
  if (/^7[02369]\d{7}$/.test(nsn)) return true;
  if (/^7[457]\d{5,7}$/.test(nsn)) return true;
  return /^[1-689]\d{6,8}$/.test(nsn);
}

/** A valid personnummer/samordningsnummer in the 10-digit form (the identity-number detector's own rules). */
function isIdentityNumber(d: string, referenceDate: Date): boolean {
  return parseIdentityNumber({ century: '', date: d.slice(0, 6), separator: '', serialAndCheck: d.slice(6) }, referenceDate) !== null;
}

function classify(p: Phrase, referenceDate: Date): Verdict | null {
  const g = p.groups;
  if (g.length === 0) return null;
  const all = g.map((x) => x.digits).join('');

  if (p.plus) return international(g, false);
  if (!g[0]!.paren && g[0]!.digits.startsWith('00')) {
    const rest = [{ ...g[0]!, digits: g[0]!.digits.slice(2) }, ...g.slice(1)];
    if (rest[0]!.digits === '') rest.shift();
    if (rest.length === 0) return null;
    return international(rest, true);
  }
  if (all.length < 8 || all.length > 10) return null;
  if (all[0] !== '0' || all[1] === '0') return null;
  const first = g[0]!;
  if (!first.paren && first.digits.length < 2) return null; // "0 306 40615 2" (ISBN-10)

  if (g.length === 1) {
    if (MOBILE.test(all)) return { rule: 'phone.swedish', need: isIdentityNumber(all, referenceDate) ? 'phone-word' : 'strong' };
    return { rule: 'phone.swedish', need: 'weak' };
  }
  // YYMMDD-NNNN: a personnummer/organisationsnummer shape, never a phone.
  if (g.length === 2 && !first.paren && first.digits.length === 6 && g[1]!.digits.length === 4) return null;
  if (g.slice(1).some((x) => x.paren)) return null;

  if (MOBILE.test(all) && !first.paren && (first.digits.length === 3 || first.digits.length === 4)) {
    return { rule: 'phone.swedish', need: 'strong' };
  }

  const area = first.digits;
  const areaOk = area === '08' || /^0[1-69]\d{1,2}$/.test(area) || /^07[457]\d?$/.test(area);
  if (!areaOk) return { rule: 'phone.swedish', need: 'weak' };
  const sub = g.slice(1);
  const subscriber = all.slice(area.length);
  if (subscriber.length < 5 || subscriber.length > 8 || subscriber[0] === '0') return null;
  const dashInSubscriber = sub.slice(1).some((x) => x.sep === '-');
  if (dashInSubscriber) return { rule: 'phone.swedish', need: 'weak' };
  const afterArea = first.paren ? 'paren' : sub[0]!.sep;
  if (afterArea === ' ') {
    const swedishGroups =
      sub.length >= 2 && sub.every((x) => x.digits.length >= 2 && x.digits.length <= 3) && sub[sub.length - 1]!.digits.length === 2;
    return { rule: 'phone.swedish', need: swedishGroups ? 'strong' : 'weak' };
  }
  return { rule: 'phone.swedish', need: 'strong' };
}

/** After '+' or '00': country code and subscriber digits. "(0)" trunk groups are ignored. */
function international(groups: Group[], viaZeroZero: boolean): Verdict | null {
  const kept = groups.filter((x) => !(x.paren && /^0+$/.test(x.digits)));
  const digits = kept.map((x) => x.digits).join('');
  if (digits.length === 0 || digits[0] === '0') return null;
  if (digits.startsWith('46')) {
    let nsn = digits.slice(2);
    if (nsn.startsWith('0')) nsn = nsn.slice(1); // "+46 070 …" (common mistake)
    return swedishNsnOk(nsn) ? { rule: 'phone.swedish', need: 'strong' } : null;
  }
  if (digits.length < 8 || digits.length > 15) return null;
  // "+2026-10-11" and similar date shapes.
  if (kept.length === 3 && kept[0]!.digits.length === 4 && kept[1]!.digits.length === 2 && kept[2]!.digits.length === 2) return null;
  return { rule: 'phone.international', need: viaZeroZero ? 'weak' : 'strong' };
}

/** Phone words, checked in the 30 characters before the number. "nr"/"nummer" count only as weak context. */
const PHONE_WORD =
  /(?:^|[^\p{L}\p{N}])(?:tel|tfn|tlf|telefon\p{L}*|tel\.?nr|telnr|mobil\p{L}*|mob|ring|ringa|ringer|ringde|sms|sms:a|smsa|smsar|phone|call|fax|växel|växeln|direkt|direktnummer|cell|mobile|nås|nå)(?![\p{L}])/u;
const NUMBER_WORD = /(?:^|[^\p{L}\p{N}])(?:nr|nummer|number|no)(?![\p{L}])/u;

/** A currency or percent sign right after the number makes it an amount. */
const UNIT_AFTER = /^ ?(?:(?:kr|kronor|sek|eur|usd|tkr|mkr|miljoner)(?!\p{L})|:-|%|€|\$)/iu;


/** After a digit group ending at `next`, walkGroups() reads another group (the same test as there, for a digit group). */
function continuesAfter(text: string, next: number): boolean {
  const c = text.charCodeAt(next);
  const d = text.charCodeAt(next + 1);
  if ((c === 32 || c === 45) && (isDigitCode(d) || (d === 40 && isDigitCode(text.charCodeAt(next + 2))))) return true;
  return c === 40 && isDigitCode(d);
}

export const phoneDetector: Detector = {
  id: 'phone',
  detect(ctx) {
    const text = ctx.norm.text;
    const findings: RawFinding[] = [];
    // Jump from digit run to digit run (the scan's runs of digits), not character by character.
    const runs = new DigitRunCursor(textIndexOf(ctx).digitRuns);
    for (let from = 0; runs.next(from); ) {
      const runStart = runs.start;
      const runEnd = runs.end;
      from = runEnd;
      const lead = text.charCodeAt(runStart - 1);
      // Most numbers are short and stand alone ("den 12 oktober"): fewer digits than any
      // phone number and no group after them, so nothing to read.
      if (runEnd - runStart < MIN_DIGITS && lead !== 43 && lead !== 40 && !continuesAfter(text, runEnd)) continue;
      const start = lead === 43 || lead === 40 ? runStart - 1 : runStart; // "+46 …", "(08) …"
      if (!numberStartsCleanly(text, start)) continue;
      const p = parsePhrase(text, start, text.charCodeAt(start) === 43);
      const end = walk.end;
      const verdict = p ? classify(p, ctx.referenceDate) : null;
      if (verdict && numberEndsCleanly(text, end) && !UNIT_AFTER.test(text.slice(end, end + 10)) && contextOk(text, start, verdict.need)) {
        findings.push({ category: 'phone', rule: verdict.rule, start, end });
      }
      // The rest of the phrase never starts a number of its own.
      if (end > from) from = end;
    }
    return findings;
  },
};

function contextOk(text: string, start: number, need: Strength): boolean {
  if (need === 'strong') return true;
  const before = windowBefore(text, start, 30);
  if (PHONE_WORD.test(before)) return true;
  return need === 'weak' && NUMBER_WORD.test(before);
}
