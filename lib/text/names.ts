/**
 * People's names in running text, recognised from the name lists
 * (rules/names/). Shared by the person anchors of the sensitive-data detector
 * (lib/detectors/sensitive/anchors.ts), where a name ties a sensitive word to
 * someone, and by "mask and send" (lib/redaction/identifiers.ts), where the
 * same name is replaced by a placeholder: a word that anchors a person when
 * scanning is a word that is masked.
 */
import { isCapitalisedAt, type Tokens } from './lexicon';

export interface NameLists {
  firstNames: ReadonlySet<string>;
  ambiguousFirstNames: ReadonlySet<string>;
  surnames: ReadonlySet<string>;
  surnameSuffixes: readonly string[];
}

/** The name lists as rules/names/first-names.json and surnames.json hold them. */
export function nameLists(first: { names: readonly string[]; ambiguous: readonly string[] }, last: { surnames: readonly string[]; suffixes: readonly string[] }): NameLists {
  return {
    firstNames: new Set(first.names),
    ambiguousFirstNames: new Set(first.ambiguous),
    surnames: new Set(last.surnames),
    surnameSuffixes: last.suffixes.map((s) => s.toLowerCase()),
  };
}

/** Initials that stand for a person the writer does not want to name: "K.M.", "O. A.". */
export const INITIALS = /(?<![\p{L}\p{N}.])\p{Lu}\.[ ]?\p{Lu}\.(?![\p{L}\p{N}])/gu;

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
  return i > 0 && /^[ \t]+$/.test(tokens.text.slice(tokens.ends[i - 1], tokens.starts[i]));
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
  const { text, starts, ends } = tokens;
  for (let i = 0; i < starts.length; i++) {
    if (!isCapitalised(tokens, i)) continue;
    const word = text.slice(starts[i], ends[i]);
    if (names.firstNames.has(word)) {
      if (!namesAThing(tokens, i)) visit('given', i);
      continue;
    }
    if (isUnmistakableSurname(word, names)) {
      visit('surname', i);
      continue;
    }
    // The first word may be an ambiguous given name such as "Bo" or "Hans".
    if (!spaceBefore(tokens, i) || !isCapitalised(tokens, i - 1)) continue;
    if (looksLikeSurname(word, names)) visit('surname-after', i);
  }
}
