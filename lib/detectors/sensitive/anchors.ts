/**
 * Person anchors: places in a text that point at an identifiable person.
 *   strong  — a name, or any subject anchor;
 *   subject — an identity number, a "Patient: …" field, "min kollega", a role
 *             followed by a name ("eleven Noah"): the text is about someone;
 *   weak    — a definite role ("patienten") or a personal pronoun ("hon").
 * Generic cues ("vilka", "i allmänhet") mark sentences that read as general
 * questions, where weak anchors do not count.
 */
import { hasValueIn } from '../../text/sorted-positions';
import { foldedHashOf, type Lexicon, type LexiconMatch, type Tokens } from '../../text/lexicon';
import { forEachInitials, forEachNameMention, isCapitalised, type NameLists } from '../../text/names';
import type { AnchorWords } from './schema';

export type { NameLists } from '../../text/names';

export interface Anchors {
  /** Sorted start offsets. */
  strong: number[];
  subject: number[];
  weak: number[];
  generic: number[];
  /** Proceedings of an assembly, office holders: party names there describe a public role. */
  publicRole: number[];
  /** A seminar, a course, a novel: sensitive words there are the topic, not facts about a person. */
  topic: number[];
  /** Per cent, numbers of, statistics: the sentence is about a group. */
  aggregate: number[];
  /** "ett generellt svar", "in general": a short prompt is a general question throughout. */
  wholePromptGeneric: number[];
}

export type AnchorTag = 'role' | 'roleTitle' | 'possessive' | 'pronoun' | 'generic' | 'publicRole' | 'topic' | 'aggregate' | 'wholePromptGeneric';

/** "vår nya praktikant", "min förra chef": read from the tokens (as lexicon phrases they would multiply the lexicon). */
const POSSESSIVE_ADJECTIVES = new Set(['nya', 'gamla', 'förra', 'tidigare', 'nuvarande', 'new', 'old', 'former']);

export function addAnchorWords<T>(lexicon: Lexicon<T>, words: AnchorWords, tag: (a: AnchorTag) => T): void {
  for (const w of words.roles) lexicon.add(w, tag('role'));
  for (const w of words.roleTitles) lexicon.add(w, tag('roleTitle'));
  for (const w of words.possessives) lexicon.add(w, tag('possessive'));
  // "vår receptionist", "my neighbour": a possessive before a person noun points at one person.
  for (const determiner of words.possessiveDeterminers) {
    for (const noun of words.personNouns) lexicon.add(`${determiner} ${noun}`, tag('possessive'));
  }
  for (const w of words.publicRoleCues) lexicon.add(w, tag('publicRole'));
  for (const w of words.topicCues) lexicon.add(w, tag('topic'));
  for (const w of words.aggregateCues) lexicon.add(w, tag('aggregate'));
  for (const w of words.wholePromptGenericCues) lexicon.add(w, tag('wholePromptGeneric'));
  for (const w of words.pronouns) lexicon.add(w, tag('pronoun'));
  for (const w of words.genericCues) lexicon.add(w, tag('generic'));
}

/** "Patient: …", "Klient: …", "Ärende 1: …" at the start of a line. */
export function labelPattern(labels: readonly string[]): RegExp {
  const spellings = new Set<string>();
  for (const l of labels) {
    spellings.add(l);
    spellings.add(l.charAt(0).toUpperCase() + l.slice(1));
    spellings.add(l.toUpperCase());
  }
  const alternatives = [...spellings].map((l) => l.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');
  return new RegExp('(?:^|\\n)[ \\t]*(?:' + alternatives + ')(?:[ \\t]+\\d{1,3})?[ \\t]*:[ \\t]*(?=\\S)', 'g');
}

/** A placeholder where a value should go: [Namn], <namn>, {name}, XXX, NN, ÅÅÅÅMMDD, "Förnamn Efternamn". */
const PLACEHOLDER_VALUE = /^(?:[[<{][^\]>}\n]{1,30}[\]>}]|(?:X{2,}|N\.?\s?N\.?|Å{2,}|Y{2,})(?![\p{L}])|förnamn|efternamn|first name|name here)/iu;

/** What follows a role (or a name) that points at one person: a birth year, an age, "(man, 54)". */
export const DESCRIBED_AFTER =
  /^(?:[ \t]{1,3}på[ \t]{1,3}\p{L}{1,30}(?:[ \t]{1,3}\d{1,3})?)?[ \t]{0,3},?[ \t]{0,3}(?:född[ \t]{1,3}(?:19|20)\d\d|\((?:[ \t]{0,3}(?:man|kvinna|pojke|flicka|kille|tjej|male|female)[ \t]{0,3},)?[ \t]{0,3}\d{1,3}(?:[ \t]{0,3}år)?[ \t]{0,3}\)|\d{1,3}[ \t]{1,3}år(?![\p{L}]))/iu;

/** "Ärende 1:" → "ärende": the label's word, without its number and colon (no regex: a label is short). */
function labelWord(match: string): string {
  let end = match.length;
  while (end > 0 && (match[end - 1] === ':' || /\s/.test(match[end - 1]!) || (match[end - 1]! >= '0' && match[end - 1]! <= '9'))) end--;
  return match.slice(0, end).trim().toLowerCase();
}

/** Labels that name a case or a mail as often as a person. */
const CASE_LABELS = new Set(['subject', 're', 'ärende', 'angående', 'gäller', 'case']);
const NAME_VALUE = /^(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)[ \t]+(\p{Lu}\p{Ll}+)/u;

/** A value that starts with a person's name: a given name from the lists and a capitalised word, or a known surname. */
function namesSomeone(value: string, names: NameLists): boolean {
  const m = NAME_VALUE.exec(value);
  if (!m) return false;
  const [, given, family] = m;
  return names.firstNames.has(given!) || names.ambiguousFirstNames.has(given!) || names.surnames.has(family!);
}

export interface PossessiveWords {
  determiners: ReadonlySet<string>;
  nouns: ReadonlySet<string>;
  /** foldedHashOf() of each determiner: most words are passed over by comparing numbers. */
  determinerHashes: readonly number[];
  /** Bit (hash & 31) of each of determinerHashes: a first look. */
  determinerBits: number;
}

export function possessiveWords(words: AnchorWords): PossessiveWords {
  const determiners = new Set(words.possessiveDeterminers.map((w) => w.toLowerCase()));
  const determinerHashes = [...determiners].map(foldedHashOf);
  return {
    determiners,
    nouns: new Set(words.personNouns.map((w) => w.toLowerCase())),
    determinerHashes,
    determinerBits: determinerHashes.reduce((bits, h) => bits | (1 << (h & 31)), 0),
  };
}

/**
 * Whether toLowerCase() of text[start, end) is the word folded unit by unit
 * (as tokenize() hashes it): true for every unit up to Latin Extended-B
 * except İ, whose lower case is two units.
 */
function foldsByUnit(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x24f || c === 0x130) return false;
  }
  return true;
}

/** Whether `hash` may be a determiner's: false when it certainly is not. */
function mayBeDeterminer(possessive: PossessiveWords, hash: number): boolean {
  return (possessive.determinerBits & (1 << (hash & 31))) !== 0 && possessive.determinerHashes.includes(hash);
}

export function collectAnchors(
  tokens: Tokens,
  anchorMatches: readonly LexiconMatch<AnchorTag>[],
  names: NameLists,
  labels: RegExp,
  identityNumberStarts: readonly number[],
  possessive?: PossessiveWords,
): Anchors {
  const { text, starts, ends } = tokens;
  const subject: number[] = [...identityNumberStarts];
  const strong: number[] = [];
  const weak: number[] = [];
  const generic: number[] = [];
  const publicRole: number[] = [];
  const topic: number[] = [];
  const aggregate: number[] = [];
  const wholePromptGeneric: number[] = [];

  for (const m of anchorMatches) {
    if (m.tag === 'possessive') subject.push(m.start);
    else if (m.tag === 'role' && DESCRIBED_AFTER.test(text.slice(m.end, m.end + 40))) {
      // "Patienten född 1962 på avd 14", "Klienten på Hessleby (man, 54)": a role with an age or a birth year is one person.
      subject.push(m.start);
    } else if (m.tag === 'role' || m.tag === 'pronoun') weak.push(m.start);
    else if (m.tag === 'generic') generic.push(m.start);
    else if (m.tag === 'publicRole') publicRole.push(m.start);
    else if (m.tag === 'topic') topic.push(m.start);
    else if (m.tag === 'aggregate') aggregate.push(m.start);
    else if (m.tag === 'wholePromptGeneric') {
      wholePromptGeneric.push(m.start);
      generic.push(m.start);
    }
    else if (m.tag === 'roleTitle' && m.endToken < starts.length && isCapitalised(tokens, m.endToken)) {
      // "eleven Noah", "Mr. Andersson", "patienten, Gösta": a name follows the role.
      // Not across a sentence end ("… vården av patienten. Av journalen …"): a full stop only after an
      // abbreviated title ("Mr. Andersson").
      const gap = text.slice(ends[m.endToken - 1], starts[m.endToken]);
      const abbreviation = ends[m.endToken - 1]! - m.start <= 3;
      if (/^,?[ \t]+$/.test(gap) || (abbreviation && /^\.[ \t]+$/.test(gap))) subject.push(m.start);
    }
  }

  if (possessive) {
    const { hashes } = tokens;
    for (let i = 0; i + 2 < starts.length; i++) {
      // Determiners are two to four letters long, and their hashes are known: most tokens are passed over without a slice.
      const length = ends[i]! - starts[i]!;
      if (length < 2 || length > 4) continue;
      if (!mayBeDeterminer(possessive, hashes[i]!) && foldsByUnit(text, starts[i]!, ends[i]!)) continue;
      if (!possessive.determiners.has(text.slice(starts[i], ends[i]).toLowerCase())) continue;
      if (!POSSESSIVE_ADJECTIVES.has(text.slice(starts[i + 1], ends[i + 1]).toLowerCase())) continue;
      if (possessive.nouns.has(text.slice(starts[i + 2], ends[i + 2]).toLowerCase())) subject.push(starts[i]!);
    }
  }

  // Initials stand for a person the writer does not want to name: "K.M.", "O.A.".
  forEachInitials(text, (start) => strong.push(start));

  labels.lastIndex = 0;
  for (let m = labels.exec(text); m; m = labels.exec(text)) {
    // A template's field ("Sökande: [Namn]", "Patient: <namn>", "Elev: NN") names nobody.
    const value = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
    if (PLACEHOLDER_VALUE.test(value)) continue;
    // "Subject: Draft Council conclusions …", "Ärende: Bygglov": the label of a mail or a case, not a person,
    // unless a name follows ("Ärende: Anna Berg").
    const label = labelWord(m[0]);
    if (CASE_LABELS.has(label) && !namesSomeone(value, names)) continue;
    subject.push(m.index + (m[0].length - m[0].trimStart().length));
  }

  // A given name ("Lena"), a surname that can only be a surname ("Eriksson har suttit inne …"), or a
  // surname right after another capitalised word ("Aila Kuoljok", "Bo Lindqvist"): the name starts there.
  forEachNameMention(tokens, names, (kind, i) => strong.push(starts[kind === 'surname-after' ? i - 1 : i]!));

  strong.push(...subject);
  for (const list of [strong, subject, weak, generic, publicRole, topic, aggregate, wholePromptGeneric]) list.sort((a, b) => a - b);
  return { strong, subject, weak, generic, publicRole, topic, aggregate, wholePromptGeneric };
}

/** True when a sorted list has a value in [from, to). */
export const hasAnchorIn = hasValueIn;
