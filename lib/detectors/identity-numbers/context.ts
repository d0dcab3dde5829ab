/**
 * Where a number stands: does a word near it, in its table's column header or
 * in the heading above say that it is (part of) an identity number?
 *
 * Forms that are also common for other data ("1985-03-02 1234", a 9-digit
 * value, a date cell beside a four-digit cell) count only with such a word.
 * The words are data (rules/identity-context.json). Each kind of word is found
 * once for the whole text; a question is then a binary search, so a CSV export
 * of ten thousand rows costs one pass, not one per row.
 */
import words from '../../../rules/identity-context.json';
import { firstAtOrAfter, hasValueIn } from '../../text/sorted-positions';

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ _-]?');
/**
 * One alternation of all the words, without the unicode flag and without a
 * look-behind, so V8 can search it fast; positions() checks the word
 * boundaries in code.
 */
const wordRegex = (list: readonly string[]) => new RegExp(`(?:${[...list].sort((a, b) => b.length - a.length).map(escape).join('|')})`, 'gi');

const ID_WORDS = wordRegex(words.idWords);
const BIRTH_WORDS = wordRegex(words.birthDateWords);
const LAST_FOUR_WORDS = wordRegex(words.lastFourWords);
const GLUED_PREFIX = new RegExp(`(?:${words.gluedPrefixes.map(escape).join('|')})[:#=]?$`, 'i');
const BLANK_LINE = /\n[ \t\r]*\n/g;
/** For the regex inventory (tests/unit/regex-inventory.ts). */
export const CONTEXT_PATTERNS = { ID_WORDS, BIRTH_WORDS, LAST_FOUR_WORDS, GLUED_PREFIX };

/** How far before a date the word "född" may stand in prose ("född 1985-03-02, sista fyra 1234"). */
const NEAR = 40;

/** Whether the letters right before a number are an identity word written without a space: "Pnr8503021234". */
export function isGluedIdPrefix(textBefore: string): boolean {
  return GLUED_PREFIX.test(textBefore);
}

const LETTER = /\p{L}/u;
const LOWER = /\p{Ll}/u;

function matchStarts(text: string, re: RegExp): number[] {
  const out: number[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index);
  return out;
}

/** Where the words of `re` start as whole words: no letter before, no lower-case letter after. */
function positions(text: string, re: RegExp): number[] {
  const out: number[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (m.index > 0 && LETTER.test(text[m.index - 1]!)) {
      re.lastIndex = m.index + 1;
      continue;
    }
    if (end < text.length && LOWER.test(text[end]!)) {
      re.lastIndex = m.index + 1;
      continue;
    }
    out.push(m.index);
  }
  return out;
}

export class IdentityContext {
  private idWords?: number[];
  private birthWords?: number[];
  private lastFourWords?: number[];
  private blankLines?: number[];

  constructor(private readonly text: string) {}

  /**
   * The region whose words speak for a number at `pos`: its paragraph or
   * table (back to a blank line), the heading paragraph above it, and the rest
   * of its own line.
   */
  private region(pos: number): [number, number] {
    this.blankLines ??= matchStarts(this.text, BLANK_LINE);
    const k = firstAtOrAfter(this.blankLines, pos) - 1;
    const from = k >= 1 ? this.blankLines[k - 1]! : 0;
    const lineEnd = this.text.indexOf('\n', pos);
    return [from, lineEnd < 0 ? this.text.length : lineEnd];
  }

  /**
   * An identity word ("personnummer", "Pnr", …) in the number's line, table
   * header or heading; with `beforeOnly`, not after the number on its line.
   */
  hasIdWord(pos: number, beforeOnly = false): boolean {
    this.idWords ??= positions(this.text, ID_WORDS);
    const [from, to] = this.region(pos);
    return hasValueIn(this.idWords, from, beforeOnly ? pos : to);
  }

  /** Words that name both halves of a split number ("Födelsedatum … Nr", "fodd;sista4"). */
  hasSplitWords(pos: number): boolean {
    this.birthWords ??= positions(this.text, BIRTH_WORDS);
    this.lastFourWords ??= positions(this.text, LAST_FOUR_WORDS);
    const [from, to] = this.region(pos);
    return hasValueIn(this.birthWords, from, to) && hasValueIn(this.lastFourWords, from, to);
  }

  /** Prose: "född 1985-03-02, sista fyra 1234" — a birth word just before the date, a last-four word between. */
  hasSplitProse(dateStart: number, dateEnd: number, serialStart: number): boolean {
    this.birthWords ??= positions(this.text, BIRTH_WORDS);
    this.lastFourWords ??= positions(this.text, LAST_FOUR_WORDS);
    return hasValueIn(this.birthWords, dateStart - NEAR, dateStart) && hasValueIn(this.lastFourWords, dateEnd, serialStart);
  }
}
