/**
 * People's names in running text, recognised from the name lists
 * (rules/names/). Shared by the person anchors of the sensitive-data detector
 * (lib/detectors/sensitive/anchors.ts), where a name ties a sensitive word to
 * someone, and by "mask and send" (lib/redaction/identifiers.ts), where the
 * same name is replaced by a placeholder: a word that anchors a person when
 * scanning is a word that is masked.
 */
import { foldedHashOf, isCapitalisedAt, type Tokens } from './lexicon';

export interface NameLists {
  firstNames: ReadonlySet<string>;
  ambiguousFirstNames: ReadonlySet<string>;
  surnames: ReadonlySet<string>;
  surnameSuffixes: readonly string[];
  /**
   * foldedHashOf() of every first name and surname: a word whose hash
   * (Tokens.hashes) is not here is in neither list, and costs no string.
   */
  listedHashes?: ReadonlySet<number>;
}

/** The name lists as rules/names/first-names.json and surnames.json hold them. */
export function nameLists(first: { names: readonly string[]; ambiguous: readonly string[] }, last: { surnames: readonly string[]; suffixes: readonly string[] }): NameLists {
  return {
    firstNames: new Set(first.names),
    ambiguousFirstNames: new Set(first.ambiguous),
    surnames: new Set(last.surnames),
    surnameSuffixes: last.suffixes.map((s) => s.toLowerCase()),
    listedHashes: new Set([...first.names, ...last.surnames].map(foldedHashOf)),
  };
}

/** Initials that stand for a person the writer does not want to name: "K.M.", "O. A.". */
export const INITIALS = /(?<![\p{L}\p{N}.])\p{Lu}\.[ ]?\p{Lu}\.(?![\p{L}\p{N}])/gu;

const UPPER = /^\p{Lu}$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

const isSurrogatePair = (text: string, at: number) => (text.charCodeAt(at) & 0xfc00) === 0xd800 && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00;
/** The code point that ends at `end` ('' at the start). */
const before = (text: string, end: number) => text.slice(end >= 2 && isSurrogatePair(text, end - 2) ? end - 2 : end - 1, Math.max(end, 0));
/** The code point that starts at `at` ('' at the end). */
const after = (text: string, at: number) => text.slice(at, isSurrogatePair(text, at) ? at + 2 : at + 1);
/** `ch` (one code point) matches `re`; ASCII without a regex call. */
function is(re: RegExp, ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (ch.length !== 1 || c >= 0x80) return ch !== '' && re.test(ch);
  return (c >= 65 && c <= 90) || (re === LETTER_OR_DIGIT && ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)));
}

/**
 * Calls `visit` with the start of every match of INITIALS, in order, as
 * `INITIALS.exec` in a loop finds them, but from the full stops (one native
 * search each) instead of a regex tried at every position.
 */
export function forEachInitials(text: string, visit: (start: number) => void): void {
  for (let dot = text.indexOf('.'); dot >= 0; ) {
    // Most full stops end a word in lower case or a number: passed over without a string.
    const c = text.charCodeAt(dot - 1);
    if (c < 65 || (c > 90 && c < 0x80)) {
      dot = text.indexOf('.', dot + 1);
      continue;
    }
    // "X.Y." with its first full stop at `dot`: X and Y capitals, no letter, digit or '.' before X, no letter or digit after.
    const x = before(text, dot);
    const start = dot - x.length;
    let at = dot + 1;
    if (text.charCodeAt(at) === 32) at++;
    const y = after(text, at);
    const end = at + y.length + 1;
    const prev = before(text, start);
    if (is(UPPER, x) && prev !== '.' && !is(LETTER_OR_DIGIT, prev) && is(UPPER, y) && text.charCodeAt(end - 1) === 46 && !is(LETTER_OR_DIGIT, after(text, end))) {
      visit(start);
      dot = text.indexOf('.', end);
    } else dot = text.indexOf('.', dot + 1);
  }
}

export function isCapitalised(tokens: Tokens, i: number): boolean {
  return isCapitalisedAt(tokens.text, tokens.starts[i]!);
}

/** A word that reads as a surname: listed, or a typical ending ("-sson", "-qvist") after at least three letters. */
export function looksLikeSurname(word: string, names: NameLists): boolean {
  if (names.surnames.has(word)) return true;
  const lower = word.toLowerCase();
  return names.surnameSuffixes.some((s) => word.length > s.length + 2 && lower.endsWith(s));
}

/** A surname that can only be a surname, even on its own: "Eriksson har suttit inne …". */
export function isUnmistakableSurname(word: string, names: NameLists): boolean {
  return word.endsWith('sson') && word.length >= 7 && names.surnames.has(word);
}

/** "lex Maria", "lex Sarah" (statutes), "Freja eID" (a product): a listed given name that names no person. */
export function namesAThing(tokens: Tokens, i: number): boolean {
  const { text, starts, ends } = tokens;
  if (i > 0 && /^lex$/i.test(text.slice(starts[i - 1], ends[i - 1]))) return true;
  return i + 1 < starts.length && /^e-?ID$/i.test(text.slice(starts[i + 1], ends[i + 1]));
}

/** Only spaces or tabs between token i - 1 and token i: the two words can be one name. */
export function spaceBefore(tokens: Tokens, i: number): boolean {
  if (i <= 0) return false;
  const { text } = tokens;
  const from = tokens.ends[i - 1]!;
  const to = tokens.starts[i]!;
  if (to <= from) return false;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/**
 * How a token names a person:
 *   given         — a capitalised given name from the lists ("Lena");
 *   surname       — a surname that stands on its own ("Eriksson");
 *   surname-after — a surname right after another capitalised word ("Aila Kuoljok",
 *                   "Bo Ek": the name starts at the token before).
 */
export type NameMention = 'given' | 'surname' | 'surname-after';

/** Calls `visit` for each token that names a person, in text order (the rules of the person anchors). */
export function forEachNameMention(tokens: Tokens, names: NameLists, visit: (kind: NameMention, i: number) => void): void {
  const { text, starts, ends, hashes } = tokens;
  const listed = names.listedHashes;
  for (let i = 0; i < starts.length; i++) {
    if (!isCapitalised(tokens, i)) continue;
    // A word in neither list (most capitalised words) is told by its hash, without a string.
    let word: string | undefined;
    if (!listed || listed.has(hashes[i]!)) {
      word = text.slice(starts[i], ends[i]);
      if (names.firstNames.has(word)) {
        if (!namesAThing(tokens, i)) visit('given', i);
        continue;
      }
      if (isUnmistakableSurname(word, names)) {
        visit('surname', i);
        continue;
      }
    }
    // The first word may be an ambiguous given name such as "Bo" or "Hans".
    if (!spaceBefore(tokens, i) || !isCapitalised(tokens, i - 1)) continue;
    if (looksLikeSurname(word ?? text.slice(starts[i], ends[i]), names)) visit('surname-after', i);
  }
}
