/**
 * The ten sensitive categories (GDPR art. 9 and 10, social-services matters,
 * protected identity) — reported ONLY when the text ties the term to an
 * identifiable person. "Vilka symtom har astma hos barn?" is not a finding;
 * "min kollega Lena är sjukskriven för utmattningssyndrom" is.
 *
 * Vocabulary and person anchors are data (rules/sensitive/, rules/names/);
 * this module compiles them into a handful of regular expressions, so a scan
 * is a few linear passes over the text whatever the vocabulary size.
 */
import anchorWordsJson from '../../rules/sensitive/anchors.json';
import vocabularyJson from '../../rules/sensitive/vocabulary.json';
import firstNamesJson from '../../rules/names/first-names.json';
import surnamesJson from '../../rules/names/surnames.json';
import { parseOrThrow } from '../rules/validate';
import { englishSentenceNamesPerson, looksEnglish } from '../sensitive/english-names';
import { createAnchorFinder, hasAnchorIn, type AnchorFinder, type Anchors, type NameLists } from '../sensitive/anchors';
import {
  anchorsSchema,
  namesSchema,
  surnamesSchema,
  vocabularySchema,
  type AnchorWords,
  type Vocabulary,
} from '../sensitive/schema';
import { segment, type Segments } from '../sensitive/segments';
import { WORD_END, WORD_START, alternation } from '../sensitive/term-pattern';
import { SENSITIVE_CATEGORIES, type RawFinding, type SensitiveCategory } from '../types';
import type { Detector, ScanContext } from './detector';

/** How far a sentence or paragraph may reach around a term (long pastes have long "paragraphs"). */
const SENTENCE_REACH = 300;
const PARAGRAPH_REACH = 800;
/** A prompt this short whose subject is a person (see Anchors.subject) is about that person throughout. */
const SHORT_PROMPT = 1500;
/** At most this many English sentences per scan go to the (slower) NLP name finder. */
const NLP_SENTENCE_BUDGET = 8;
const NLP_SENTENCE_MAX_LENGTH = 400;

type TermKind = 'strong' | 'weak' | 'exact' | 'exactWeak';
const GROUP_PREFIX: Record<TermKind, string> = { strong: 's', weak: 'w', exact: 'x', exactWeak: 'y' };

interface CompiledVocabulary {
  caseInsensitive: RegExp | null;
  caseSensitive: RegExp | null;
}

const groupName = (kind: TermKind, category: SensitiveCategory) =>
  `${GROUP_PREFIX[kind]}_${category.replace(/-/g, '_')}`;

function compile(vocabulary: Vocabulary, kinds: TermKind[], flags: string): RegExp | null {
  const groups: string[] = [];
  for (const category of SENSITIVE_CATEGORIES) {
    for (const kind of kinds) {
      const terms = vocabulary.categories[category][kind];
      if (terms.length) groups.push(`(?<${groupName(kind, category)}>${alternation(terms)})`);
    }
  }
  return groups.length ? new RegExp(WORD_START + '(?:' + groups.join('|') + ')' + WORD_END, flags) : null;
}

function parseGroup(groups: Record<string, string | undefined>): { kind: TermKind; category: SensitiveCategory } {
  for (const [name, value] of Object.entries(groups)) {
    if (value === undefined) continue;
    const kind = (Object.keys(GROUP_PREFIX) as TermKind[]).find((k) => GROUP_PREFIX[k] === name[0])!;
    const category = name.slice(2).replace(/_/g, '-') as SensitiveCategory;
    return { kind, category };
  }
  throw new Error('no group matched');
}

export interface SensitiveDetectorData {
  vocabulary: unknown;
  anchors: unknown;
  firstNames: unknown;
  surnames: unknown;
  /** Finds a person's name in an English sentence the name lists missed; omit to skip. */
  englishPersonFinder?: (sentence: string) => boolean;
}

export function createSensitiveDetector(data: SensitiveDetectorData): Detector {
  const vocabulary = parseOrThrow(vocabularySchema, data.vocabulary, 'rules/sensitive/vocabulary.json');
  const anchorWords: AnchorWords = parseOrThrow(anchorsSchema, data.anchors, 'rules/sensitive/anchors.json');
  const first = parseOrThrow(namesSchema, data.firstNames, 'rules/names/first-names.json');
  const last = parseOrThrow(surnamesSchema, data.surnames, 'rules/names/surnames.json');
  const names: NameLists = {
    firstNames: new Set(first.names),
    ambiguousFirstNames: new Set(first.ambiguous),
    surnames: new Set(last.surnames),
    surnameSuffixes: last.suffixes.map((s) => s.toLowerCase()),
  };
  const compiled: CompiledVocabulary = {
    caseInsensitive: compile(vocabulary, ['strong', 'weak'], 'giu'),
    caseSensitive: compile(vocabulary, ['exact', 'exactWeak'], 'gu'),
  };
  const anchorFinder = createAnchorFinder(anchorWords, names);

  return {
    id: 'sensitive',
    detect(ctx: ScanContext): RawFinding[] {
      const text = ctx.norm.text;
      const matches: { start: number; end: number; kind: TermKind; category: SensitiveCategory }[] = [];
      for (const re of [compiled.caseInsensitive, compiled.caseSensitive]) {
        if (!re) continue;
        re.lastIndex = 0;
        for (let m = re.exec(text); m; m = re.exec(text)) {
          matches.push({ start: m.index, end: m.index + m[0].length, ...parseGroup(m.groups ?? {}) });
        }
      }
      if (!matches.length) return [];

      const identityStarts = ctx.earlierFindings
        .filter((f) => f.category === 'personnummer' || f.category === 'samordningsnummer')
        .map((f) => f.start);
      const anchors = anchorFinder.find(text, identityStarts);
      const segments = segment(text);
      const findings: RawFinding[] = [];
      const nameInSentence = englishNameOracle(text, data.englishPersonFinder);
      for (const match of matches) {
        if (isTiedToPerson(match, text, anchors, segments, anchorFinder, nameInSentence)) {
          findings.push({ category: match.category, rule: `${match.category}.about-person`, start: match.start, end: match.end });
        }
      }
      return findings;
    },
  };
}

function isTiedToPerson(
  match: { start: number; end: number; kind: TermKind },
  text: string,
  anchors: Anchors,
  segments: Segments,
  anchorFinder: AnchorFinder,
  nameInSentence: (from: number, to: number) => boolean,
): boolean {
  const { start, end, kind } = match;
  // Anchors inside the term itself ("den tilltalade") do not count.
  const anchorNear = (list: number[], from: number, to: number) =>
    hasAnchorIn(list, from, start) || hasAnchorIn(list, end, to);

  const [s0, s1] = segments.sentenceOf(start);
  const sentenceFrom = Math.max(s0, start - SENTENCE_REACH);
  const sentenceTo = Math.min(s1, end + SENTENCE_REACH);
  if (kind === 'exactWeak' && /(?:^|[.!?]\s+|\n[ \t]*)$/.test(text.slice(sentenceFrom, start))) return false;

  if (anchorNear(anchors.strong, sentenceFrom, sentenceTo)) return true;
  if (anchorNear(anchors.weak, sentenceFrom, sentenceTo) && !anchorFinder.isGeneric(text.slice(sentenceFrom, sentenceTo))) {
    return true;
  }
  if (nameInSentence(sentenceFrom, sentenceTo)) return true;
  if (kind === 'weak' || kind === 'exactWeak') return false;

  const [p0, p1] = segments.paragraphOf(start);
  if (anchorNear(anchors.strong, Math.max(p0, start - PARAGRAPH_REACH), Math.min(p1, end + PARAGRAPH_REACH))) return true;
  return text.length <= SHORT_PROMPT && anchors.subject.length > 0;
}

/** Answers "does this English sentence name a person?" once per sentence, within a budget. */
function englishNameOracle(
  text: string,
  finder: ((sentence: string) => boolean) | undefined,
): (from: number, to: number) => boolean {
  const answers = new Map<number, boolean>();
  let budget = NLP_SENTENCE_BUDGET;
  return (from, to) => {
    if (!finder) return false;
    const known = answers.get(from);
    if (known !== undefined) return known;
    const sentence = text.slice(from, Math.min(to, from + NLP_SENTENCE_MAX_LENGTH));
    let answer = false;
    if (budget > 0 && looksEnglish(sentence)) {
      budget--;
      answer = finder(sentence);
    }
    answers.set(from, answer);
    return answer;
  };
}

export const sensitiveDetector: Detector = createSensitiveDetector({
  vocabulary: vocabularyJson,
  anchors: anchorWordsJson,
  firstNames: firstNamesJson,
  surnames: surnamesJson,
  englishPersonFinder: englishSentenceNamesPerson,
});
