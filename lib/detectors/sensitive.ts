/**
 * The ten sensitive categories (GDPR art. 9 and 10, social-services matters,
 * protected identity) — reported ONLY when the text ties the term to an
 * identifiable person. "Vilka symtom har astma hos barn?" is not a finding;
 * "min kollega Lena är sjukskriven för utmattningssyndrom" is.
 *
 * Vocabulary and person anchors are data (rules/sensitive/, rules/names/);
 * the text is split into words once and matched against them by hash lookups
 * (lib/text/lexicon.ts), so a scan is linear whatever the vocabulary size.
 */
import anchorWordsJson from '../../rules/sensitive/anchors.json';
import vocabularyJson from '../../rules/sensitive/vocabulary.json';
import firstNamesJson from '../../rules/names/first-names.json';
import surnamesJson from '../../rules/names/surnames.json';
import { trustData, type DataCheck } from '../rules/data-check';
import { addAnchorWords, collectAnchors, hasAnchorIn, labelPattern, possessiveWords, type AnchorTag, type Anchors } from './sensitive/anchors';
import { looksEnglish } from './sensitive/english-language';
import { Lexicon, TermSyntaxError, type LexiconMatch } from '../text/lexicon';
import type { AnchorWords, Vocabulary } from './sensitive/schema';
import { segment, type Segments } from './sensitive/segments';
import { nameLists } from '../text/names';
import { firstAtOrAfter } from '../text/sorted-positions';
import { insideAddress } from '../text/web-address';
import { DataValidationError } from '../rules/validate';
import { SENSITIVE_CATEGORIES, type RawFinding, type SensitiveCategory } from '../types';
import { textIndexOf, type Detector, type ScanContext } from './detector';

/** How far a sentence or paragraph may reach around a term (long pastes have long "paragraphs"). */
const SENTENCE_REACH = 300;
const PARAGRAPH_REACH = 800;
/** A prompt this short whose subject is a person (see Anchors.subject) is about that person throughout. */
const SHORT_PROMPT = 4000;
/** Longer than this, a prompt is a pasted document: only anchors in the term's own sentence count. */
const LONG_DOCUMENT = 3000;
/** A prompt this short is one question: a generic cue anywhere in it holds for all of it. */
const SHORT_QUESTION = 600;
/** At most this many English sentences per scan go to the (slower) NLP name finder. */
const NLP_SENTENCE_BUDGET = 8;
const NLP_SENTENCE_MAX_LENGTH = 400;

type TermKind = 'strong' | 'weak' | 'exact' | 'exactWeak';
const TERM_KINDS: readonly TermKind[] = ['strong', 'weak', 'exact', 'exactWeak'];

type TermTag = { term: TermKind; category: SensitiveCategory };
/** Anchor tags are plain strings, terms are objects: telling them apart allocates nothing. */
type Tag = TermTag | AnchorTag;

export interface SensitiveDetectorData {
  vocabulary: unknown;
  anchors: unknown;
  firstNames: unknown;
  surnames: unknown;
  /** Finds a person's name in an English sentence the name lists missed; omit to skip. */
  englishPersonFinder?: (sentence: string) => boolean;
}

export function createSensitiveDetector(data: SensitiveDetectorData, check: DataCheck = trustData): Detector {
  const vocabulary = check<Vocabulary>('vocabulary', data.vocabulary, 'rules/sensitive/vocabulary.json');
  const anchorWords = check<AnchorWords>('anchors', data.anchors, 'rules/sensitive/anchors.json');
  const first = check<{ names: string[]; ambiguous: string[] }>('first-names', data.firstNames, 'rules/names/first-names.json');
  const last = check<{ surnames: string[]; suffixes: string[] }>('surnames', data.surnames, 'rules/names/surnames.json');
  const names = nameLists(first, last);

  const lexicon = new Lexicon<Tag>();
  for (const category of SENSITIVE_CATEGORIES) {
    for (const kind of TERM_KINDS) {
      vocabulary.categories[category][kind].forEach((term, i) => {
        try {
          lexicon.add(term, { term: kind, category }, kind === 'exact' || kind === 'exactWeak');
        } catch (error) {
          if (!(error instanceof TermSyntaxError)) throw error;
          throw new DataValidationError('rules/sensitive/vocabulary.json', [
            `categories.${category}.${kind}[${i}]: ${error.message}`,
          ]);
        }
      });
    }
  }
  addAnchorWords(lexicon, anchorWords, (anchor) => anchor);
  const labels = labelPattern(anchorWords.labels);
  const possessive = possessiveWords(anchorWords);

  return {
    id: 'sensitive',
    detect(ctx: ScanContext): RawFinding[] {
      const text = ctx.norm.text;
      const tokens = textIndexOf(ctx).tokens;
      const terms: LexiconMatch<TermTag>[] = [];
      const anchorMatches: LexiconMatch<AnchorTag>[] = [];
      for (const m of lexicon.match(tokens)) {
        if (typeof m.tag === 'string') anchorMatches.push(m as LexiconMatch<AnchorTag>);
        else terms.push(m as LexiconMatch<TermTag>);
      }
      if (!terms.length) return [];

      const identityStarts = ctx.earlierFindings
        .filter((f) => f.category === 'personnummer' || f.category === 'samordningsnummer')
        .map((f) => f.start);
      const anchors = collectAnchors(tokens, anchorMatches, names, labels, identityStarts, possessive);
      const segments = segment(text, tokens);
      const nameInSentence = englishNameOracle(text, data.englishPersonFinder);
      const findings: RawFinding[] = [];
      for (const m of terms) {
        if (insideAddress(text, m.start, m.end)) continue;
        // "Sekretessmarkering: 25 kap. 1 § OSL" is a secrecy stamp on a document (category classified), not protected identity.
        if (m.tag.category === 'protected-identity' && OSL_REFERENCE_AFTER.test(text.slice(m.end, m.end + 40))) continue;
        const match = { start: m.start, end: m.end, kind: m.tag.term, category: m.tag.category };
        if (isTiedToPerson(match, text, anchors, segments, nameInSentence)) {
          findings.push({ category: m.tag.category, rule: `${m.tag.category}.about-person`, start: m.start, end: m.end });
        }
      }
      return findings;
    },
  };
}

function isTiedToPerson(
  match: { start: number; end: number; kind: TermKind; category: SensitiveCategory },
  text: string,
  anchors: Anchors,
  segments: Segments,
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
  // Party names in council proceedings or next to an office describe a public role.
  if (match.category === 'politics' && hasAnchorIn(anchors.publicRole, sentenceFrom, sentenceTo)) return false;

  // The topic of a seminar, a course or a novel, unless the sentence names the case subject.
  const [p0, p1] = segments.paragraphOf(start);
  const paragraphFrom = Math.max(p0, start - PARAGRAPH_REACH);
  const paragraphTo = Math.min(p1, end + PARAGRAPH_REACH);
  if (hasAnchorIn(anchors.topic, paragraphFrom, paragraphTo) && !anchorNear(anchors.subject, sentenceFrom, sentenceTo)) return false;
  // "Min chef vill att jag sammanfattar vår policy om religiösa symboler": the topic stands between the person and the term.
  if (hasAnchorIn(anchors.topic, lastBefore(anchors.subject, start, sentenceFrom), start)) return false;
  // "… konstaterar utredaren Johan Lindqvist att anmälda misshandelsbrott har minskat med 12 procent": statistics
  // about a group; a name there is an author, so only a subject anchor (an identity number, "min kollega") counts.
  if (hasAnchorIn(anchors.aggregate, sentenceFrom, sentenceTo)) return anchorNear(anchors.subject, sentenceFrom, sentenceTo);

  if (anchorNear(anchors.strong, sentenceFrom, sentenceTo)) return true;
  // A long pasted document (a report, an inquiry) talks about groups: "barnet", "patienten" and "hon" there
  // are generic unless someone is named in the same paragraph, and a name elsewhere in the paragraph (an
  // author, an inquiry chair) is not tied to a term in another sentence.
  const longDocument = text.length > LONG_DOCUMENT;
  const weakCounts = !longDocument || anchorNear(anchors.strong, paragraphFrom, paragraphTo);
  // In a short question, "ett generellt svar" anywhere makes every role word in it generic.
  const generalQuestion = text.length <= SHORT_QUESTION && anchors.wholePromptGeneric.length > 0;
  if (weakCounts && anchorNear(anchors.weak, sentenceFrom, sentenceTo) && !hasAnchorIn(anchors.generic, sentenceFrom, sentenceTo) && !generalQuestion) {
    return true;
  }
  if (nameInSentence(sentenceFrom, sentenceTo)) return true;
  if (kind === 'weak' || kind === 'exactWeak' || longDocument) return false;

  if (anchorNear(anchors.strong, paragraphFrom, paragraphTo)) return true;
  return text.length <= SHORT_PROMPT && anchors.subject.length > 0;
}

/** The last anchor in [from, before), or `from` when there is none. */
function lastBefore(sorted: readonly number[], before: number, from: number): number {
  const last = sorted[firstAtOrAfter(sorted, before) - 1];
  return last !== undefined && last >= from ? last : from;
}

const OSL_REFERENCE_AFTER = /^[\s:–-]{0,4}(?:enligt\s|enl\.\s?)?\d{1,2}\s?(?:kap|:\d)/i;

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

export const BUILT_IN_SENSITIVE_DATA: SensitiveDetectorData = {
  vocabulary: vocabularyJson,
  anchors: anchorWordsJson,
  firstNames: firstNamesJson,
  surnames: surnamesJson,
};

/**
 * The built-in detector relies on the name lists. The NLP fallback for
 * English names (lib/detectors/english-nlp.ts) is opt-in: on our three
 * labelled corpora (430 prompts) it changed no result, and it would add
 * ~300 KB to the content script.
 */
export const sensitiveDetector: Detector = createSensitiveDetector(BUILT_IN_SENSITIVE_DATA);
