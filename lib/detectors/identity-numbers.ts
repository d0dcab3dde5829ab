/**
 * Personnummer and samordningsnummer in every written form a real export
 * produces (docs/RULES.md lists them): 850302-1234, 198503021234, spaced,
 * tabbed or wrapped after the dash, dotted and ISO dates, 4-4-4 groups, one
 * digit per box, Excel's thousands grouping and float output, file names and
 * keys ("Beslut_19850302-1234.pdf", "user_pnr_…", "Pnr8503021234"), HTML
 * entities and JSON escapes as separators, and a date cell beside a
 * four-digit cell when the headers name both halves.
 *
 * A candidate is reported only when date and check digit are valid (in the
 * inferred century), never inside a longer number (a neighbour joined by a
 * dash, a dot or a plus, or letters around it), and — for the forms that are
 * also common for other data — only with an identity word in its line, its
 * table header or the heading above (identity-numbers/context.ts).
 */
import testNumbers from '../../rules/test-personnummer.json';
import { parseIdentityNumber, type IdentityNumber } from '../validators/personnummer';
import { decodeTestNumberKeys, TestNumberRegistry } from '../validators/test-personnummer';
import type { RawFinding } from '../types';
import type { DigitRuns } from '../text/text-index';
import { textIndexOf, type Detector, type ScanContext } from './detector';
import { IdentityContext, isGluedIdPrefix } from './identity-numbers/context';
import { digitChains, isTight, type Chain } from './identity-numbers/digit-chains';
import { dateAt, formAt, type FormMatch } from './identity-numbers/forms';

/** Words that say a number is an identity number, right before it. */
const ID_BEFORE =
  /(?:person|samordnings|födelse|identitets|id)[- ]?(?:nummer|numret|nr)|\b(?:pnr|p-nr|snr|pers\.?\s?nr|ssn)\b|personal identity|coordination number|civic number/i;
/** Words that say a bare number starting with 0 is a telephone number. */
const PHONE_BEFORE = /\b(?:tel|telefon\w*|mobil\w*|ring\w*|sms\w*|phone|call|text)\b[.:]?(?:\s(?:till|på|to|on|at|nr|nummer|no\.?))?\s?$/i;
/** What follows an amount, a quantity or a time: "2024-03-15 1250 kr". */
const AMOUNT_AFTER = /^[ \t]*(?:kr\b|sek\b|:-|€|\$|eur\b|st\b|h\b|min\b|%|ex\b|kg\b|km\b|m\b|tim)/i;
/** Years within which "YYYY-MM-DD NNNN" more likely is a recent date and a number than a birth date. */
const RECENT_YEARS = 2;
/** How far after a birth date its last four may stand when they are in another cell or sentence. */
const SPLIT_WINDOW = 160;
const LETTERS_BEFORE = /[\p{L}_]{1,24}[:#=]?$/u;
const BLANK_LINE = /\n[ \t\r]*\n/;

let registry: TestNumberRegistry | undefined;
/** Decoded on first need: most prompts contain no identity number at all. */
function testNumberRegistry(): TestNumberRegistry {
  registry ??= new TestNumberRegistry(decodeTestNumberKeys(testNumbers.data));
  return registry;
}

export function isOfficialTestNumber(id: IdentityNumber): boolean {
  return testNumberRegistry().has(id.year, id.month, id.day, id.serial);
}

const isLetter = (ch: string | undefined) => ch !== undefined && /\p{L}/u.test(ch);
const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';

function chainDigits(chain: Chain): number {
  let n = 0;
  for (const g of chain.groups) n += g.end - g.start;
  return n;
}

class IdentityScanner {
  private readonly findings: RawFinding[] = [];
  private readonly context: IdentityContext;

  constructor(
    private readonly text: string,
    private readonly referenceDate: Date,
    private readonly runs?: DigitRuns,
  ) {
    this.context = new IdentityContext(text);
  }

  run(): RawFinding[] {
    const chains = digitChains(this.text, this.runs);
    // Which groups a reported number covers, per chain (most chains never get an entry).
    const covered = new Map<number, Set<number>>();
    const cover = (c: number, k: number) => {
      let set = covered.get(c);
      if (!set) covered.set(c, (set = new Set()));
      set.add(k);
    };
    for (let c = 0; c < chains.length; c++) {
      const chain = chains[c]!;
      // Nine digits at the least ("501151237"): most chains in prose ("2024", "12 %") are far shorter.
      if (chainDigits(chain) < 9) continue;
      for (let i = 0; i < chain.groups.length; i++) {
        const form = formAt(this.text, chain, i);
        if (!form || !this.accept(chain, form)) continue;
        for (let k = form.first; k <= form.last; k++) cover(c, k);
        i = form.last;
      }
    }
    for (let c = 0; c < chains.length; c++) this.splitNumbers(chains, c, covered, cover);
    return this.findings.sort((a, b) => a.start - b.start);
  }

  private accept(chain: Chain, form: FormMatch): boolean {
    const { groups, seps } = chain;
    const text = this.text;
    const start = groups[form.first]!.start;
    let end = groups[form.last]!.end;
    const left = seps[form.first - 1];
    const right = seps[form.last];
    if (isTight(left)) return false;
    // pandas and Excel float output "8503021234.0": the ".0" is not part of a longer number.
    const floatZero = right === 'dot' && text.slice(groups[form.last + 1]!.start, groups[form.last + 1]!.end) === '0' && !isTight(seps[form.last + 1]);
    if (isTight(right) && !floatZero) return false;
    if (form.uniform && (left === form.uniform || right === form.uniform)) return false;
    const boundary = this.boundaryOk(start, floatZero ? groups[form.last + 1]!.end : end);
    if (boundary === false) return false;

    const id = parseIdentityNumber(form, this.referenceDate);
    if (!id) return false;
    // A fixed-width record ("198312057790ANDERSSON KARL"): letters right after the digits, under a header that
    // names the identity number field.
    if (boundary === 'letters-after' && !(form.first === form.last && form.separator === '' && this.context.hasIdWord(start))) return false;
    if (!this.evidenceOk(form, start, end)) return false;
    const bare = form.first === form.last && form.century === '' && groups[form.first]!.end - start === 10;
    if (bare && this.looksLikePhoneNumber(start, form.date)) return false;
    this.report(id, start, end);
    return true;
  }

  /**
   * Not glued to letters (a code, a UUID) or to a number by ':' or '/' ("2024/8503021234").
   * 'letters-after' when only letters follow: a fixed-width record, if a header says so.
   */
  private boundaryOk(start: number, end: number): boolean | 'letters-after' {
    const text = this.text;
    const before = text[start - 1];
    if (isLetter(before)) {
      const letters = LETTERS_BEFORE.exec(text.slice(Math.max(0, start - 24), start));
      if (!letters || !isGluedIdPrefix(letters[0])) return false;
    }
    if ((before === ':' || before === '/') && isDigit(text[start - 2])) return false;
    const after = text[end];
    if ((after === ':' || after === '/') && isDigit(text[end + 1])) return false;
    return isLetter(after) ? 'letters-after' : true;
  }

  private evidenceOk(form: FormMatch, start: number, end: number): boolean {
    switch (form.evidence) {
      case 'none':
        return true;
      case 'id':
        return this.context.hasIdWord(start);
      case 'split':
        return this.context.hasIdWord(start) || this.context.hasSplitWords(start);
      case 'iso': {
        if (this.context.hasIdWord(start) || this.context.hasSplitWords(start)) return true;
        if (AMOUNT_AFTER.test(this.text.slice(end, end + 8))) return false;
        // A row keyed by its date ("1985-03-02 1456" first on the line) is a time series, not a person.
        const lineStart = this.text.lastIndexOf('\n', start - 1) + 1;
        if (!/[\p{L}]/u.test(this.text.slice(lineStart, start))) return false;
        const year = Number(form.century + form.date.slice(0, 2));
        return year <= this.referenceDate.getUTCFullYear() - RECENT_YEARS;
      }
    }
  }

  /**
   * A bare 10-digit number starting with 070 is far more often a mobile number
   * than the identity number of someone born in 2007 (DOMAIN.md 1.7.5): report
   * it only with an identity word before it, in its table header or heading.
   * Any bare number starting with 0 right after a phone word ("tel 0812…") is a
   * phone number.
   */
  private looksLikePhoneNumber(start: number, date: string): boolean {
    if (!date.startsWith('0')) return false;
    const before = this.text.slice(Math.max(0, start - 40), start);
    if (ID_BEFORE.test(before)) return false;
    if (PHONE_BEFORE.test(before)) return true;
    return date.startsWith('070') && !this.context.hasIdWord(start, true);
  }

  /**
   * A birth date and its last four in different cells or sentences:
   * "| 1985-03-02 | 1234 |", {"fodelsedatum": "1985-03-02", "sista_fyra": "1234"},
   * "född 1985-03-02, sista fyra 1234". Needs words for both halves.
   */
  private splitNumbers(chains: Chain[], c: number, covered: Map<number, Set<number>>, cover: (c: number, k: number) => void): void {
    const chain = chains[c]!;
    const mine = covered.get(c);
    for (let i = 0; i < chain.groups.length; i++) {
      const len = chain.groups[i]!.end - chain.groups[i]!.start;
      if ((len !== 2 && len !== 4 && len !== 6 && len !== 8) || mine?.has(i) || isTight(chain.seps[i - 1])) continue;
      const date = dateAt(this.text, chain, i);
      if (!date || isTight(chain.seps[date.last]) || mine?.has(date.last)) continue;
      const dateStart = chain.groups[i]!.start;
      const dateEnd = chain.groups[date.last]!.end;
      const serial = this.nextLastFour(chains, c, date.last, dateEnd, covered);
      if (!serial) continue;
      // Date and check digit first: they are cheap, and nine candidates in ten fail them.
      const id = parseIdentityNumber(
        { century: date.century, date: date.date, separator: '-', serialAndCheck: serial.digits },
        this.referenceDate,
      );
      if (!id) continue;
      if (!this.context.hasSplitWords(dateStart) && !this.context.hasSplitProse(dateStart, dateEnd, serial.start)) continue;
      this.report(id, dateStart, serial.end);
      for (let k = i; k <= date.last; k++) cover(c, k);
      cover(serial.chain, serial.index);
      i = date.last;
    }
  }

  /** The first free four-digit value after a date, in the same record (no blank line between). */
  private nextLastFour(chains: Chain[], c: number, last: number, from: number, covered: Map<number, Set<number>>) {
    for (let cc = c, k = last + 1; cc < chains.length; cc++, k = 0) {
      const ch = chains[cc]!;
      for (; k < ch.groups.length; k++) {
        const g = ch.groups[k]!;
        if (g.start - from > SPLIT_WINDOW || BLANK_LINE.test(this.text.slice(from, g.start))) return null;
        if (g.end - g.start !== 4 || covered.get(cc)?.has(k)) continue;
        if (isTight(ch.seps[k - 1]) || isTight(ch.seps[k])) continue;
        if (this.boundaryOk(g.start, g.end) !== true) continue;
        return { chain: cc, index: k, start: g.start, end: g.end, digits: this.text.slice(g.start, g.end) };
      }
    }
    return null;
  }

  private report(id: IdentityNumber, start: number, end: number): void {
    const test = id.kind === 'personnummer' && isOfficialTestNumber(id);
    this.findings.push({ category: id.kind, rule: `${id.kind}.${test ? 'official-test-number' : 'valid'}`, start, end });
  }
}

export const identityNumberDetector: Detector = {
  id: 'identity-numbers',
  detect(ctx: ScanContext): RawFinding[] {
    return new IdentityScanner(ctx.norm.text, ctx.referenceDate, textIndexOf(ctx).digitRuns).run();
  },
};
