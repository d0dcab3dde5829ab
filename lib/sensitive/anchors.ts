/**
 * Person anchors: places in a text that point at an identifiable person.
 *   strong — a name, an identity number, "min kollega", a "Patient: …" field,
 *            a role followed by a name ("eleven Noah");
 *   weak   — a definite role ("patienten") or a personal pronoun ("hon").
 * A sensitive term only becomes a finding when an anchor is close enough
 * (see sensitive detector).
 */
import type { AnchorWords } from './schema';
import { WORD_END, WORD_START, alternation, escapeRegExp, withCapitalised } from './term-pattern';

export interface NameLists {
  firstNames: ReadonlySet<string>;
  ambiguousFirstNames: ReadonlySet<string>;
  surnames: ReadonlySet<string>;
  surnameSuffixes: readonly string[];
}

export interface Anchors {
  /** Sorted start offsets. */
  strong: number[];
  weak: number[];
  /**
   * The strong anchors that make a person the subject of the text: an identity
   * number, a "Patient: …" field, "min kollega", "eleven Noah" — not a bare
   * name, which may just be the sender of a pasted e-mail.
   */
  subject: number[];
}

export interface AnchorFinder {
  find(text: string, identityNumberStarts: readonly number[]): Anchors;
  /** True when the sentence reads as a general question rather than a case. */
  isGeneric(sentence: string): boolean;
}

const CAPITALISED_WORD = /(?<![\p{L}\p{N}])\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}\p{Ll}+)?(?![\p{L}\p{N}])/gu;

export function createAnchorFinder(words: AnchorWords, names: NameLists): AnchorFinder {
  const roles = new RegExp(WORD_START + '(?:' + alternation(words.roles) + ')' + WORD_END, 'giu');
  const possessives = new RegExp(WORD_START + '(?:' + alternation(words.possessives) + ')' + WORD_END, 'giu');
  const pronouns = new RegExp(WORD_START + '(?:' + alternation(words.pronouns) + ')' + WORD_END, 'giu');
  // Case-sensitive so that \p{Lu} really means a capital: list both spellings.
  const roleThenName = new RegExp(
    WORD_START + '(?:' + alternation(withCapitalised(words.roleTitles)) + ')\\.?,?[ \\t]+(?=\\p{Lu}\\p{Ll})',
    'gu',
  );
  const labelList = [...withCapitalised(words.labels), ...words.labels.map((l) => l.toUpperCase())];
  const labels = new RegExp('(?:^|\\n)[ \\t]*(?:' + labelList.map(escapeRegExp).join('|') + ')[ \\t]*:[ \\t]*(?=\\S)', 'gu');
  const generic = new RegExp(WORD_START + '(?:' + alternation(words.genericCues) + ')' + WORD_END, 'iu');

  const isSurname = (word: string): boolean =>
    names.surnames.has(word) ||
    names.surnameSuffixes.some((s) => word.length > s.length + 2 && word.toLowerCase().endsWith(s));

  function findNames(text: string, out: number[]): void {
    CAPITALISED_WORD.lastIndex = 0;
    let previous: { word: string; end: number; start: number } | undefined;
    for (let m = CAPITALISED_WORD.exec(text); m; m = CAPITALISED_WORD.exec(text)) {
      const word = m[0];
      const start = m.index;
      const end = start + word.length;
      const followsPrevious = previous !== undefined && /^[ \t]+$/.test(text.slice(previous.end, start));
      if (names.firstNames.has(word)) {
        out.push(start);
      } else if (followsPrevious && isSurname(word)) {
        // "Kuoljok" after "Aila", or an ambiguous first name followed by a surname ("Bo Lindqvist").
        out.push(previous!.start);
      } else if (followsPrevious && names.ambiguousFirstNames.has(previous!.word) && names.surnames.has(word)) {
        out.push(previous!.start);
      }
      previous = { word, start, end };
    }
  }

  function collect(re: RegExp, text: string, out: number[]): void {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      out.push(m.index + (m[0].length - m[0].trimStart().length));
      if (m[0].length === 0) re.lastIndex++;
    }
  }

  return {
    find(text, identityNumberStarts) {
      const subject: number[] = [...identityNumberStarts];
      collect(possessives, text, subject);
      collect(roleThenName, text, subject);
      collect(labels, text, subject);
      const strong: number[] = [...subject];
      findNames(text, strong);
      const weak: number[] = [];
      collect(roles, text, weak);
      collect(pronouns, text, weak);
      for (const list of [strong, weak, subject]) list.sort((a, b) => a - b);
      return { strong, weak, subject };
    },
    isGeneric: (sentence) => generic.test(sentence),
  };
}

/** True when a sorted list has a value in [from, to). */
export function hasAnchorIn(sorted: readonly number[], from: number, to: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo]! < to;
}
