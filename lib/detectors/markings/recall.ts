/**
 * The recall pass over classification and secrecy markings.
 *
 * The anchored scanner (../markings.ts) finds the markings that stand where
 * documents put them, in capitals. This pass looks at every other place a
 * level or a secrecy stamp can stand — in any case, letter-spaced from a PDF
 * ("K O N F I D E N T I E L L"), misread by OCR ("HEMI.IG"), after an emoji, in
 * a subject line, a title, a table column under a classification header, a
 * file name, or a sentence saying that the pasted material carries it — and
 * gives each a verdict with three outcomes:
 *   - marking: the level applies to text in the prompt → the category's action;
 *   - unsure: the signals conflict (a level in capitals in running text, a
 *     statement phrased as a question) → at most a warning, so the employee is
 *     asked instead of the text passing;
 *   - mention: the text only talks about levels (a question about a level, a
 *     rule, a list of levels, a negation, an example, an ordinary adjective)
 *     → no finding.
 * The cue words are data (rules/markings/cues.json). Work is linear: one pass
 * per kind of cue over the text, then bounded work per occurrence.
 */
import cues from '../../../rules/markings/cues.json';
import type { MarkingPlace, RawFinding } from '../../types';
import type { LineIndex } from '../../text/line-index';
import type { Hits } from '../../text/needles';
import { firstAtOrAfter } from '../../text/sorted-positions';
import { BARE_REF, CLASS_KEYS, FIRST_REF, normKey, SECRECY_KEYS } from './terms';

const POSSIBLE_MARKING_RULE = 'classified.possible-marking';

type Verdict = 'marking' | 'unsure' | 'mention';

interface Level {
  rank: number;
  english: boolean;
  family: 'sv' | 'eu' | 'nato' | 'us' | 'osl';
}

const escape = (w: string) =>
  w
    .replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '*' ? '\\p{L}*' : `\\${c}`))
    .replace(/ /g, '[ \\t_-]{1,3}');
/** Whole words (or phrases) from a list, any case. */
function wordsRegex(list: readonly string[], flags = 'iu'): RegExp {
  const alts = [...list].sort((a, b) => b.length - a.length).map(escape);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join('|')})(?![\\p{L}\\p{N}])`, flags);
}

const familyOf = (text: string): Level['family'] =>
  /nato|cosmic/.test(text) ? 'nato' : /\bue\b|\beu\b/.test(text) ? 'eu' : /^(?:top secret|secret|confidential)$/.test(text) ? 'us' : 'sv';
const LEVELS = new Map<string, Level>();
for (const l of cues.levels) LEVELS.set(skeleton(l.text), { rank: l.rank, english: !!l.english, family: familyOf(l.text) });

/** Every level term, any case; Swedish ones with their -t/-a forms (group 2), spaced or with underscores. */
const LEVEL_ANYWHERE = new RegExp(
  `(?<![\\p{L}\\p{N}])(${[...cues.levels]
    .sort((a, b) => b.text.length - a.text.length)
    .map((l) => escape(l.text).replace(/ä/g, '[äa]'))
    .join('|')})(${cues.inflections.join('|')})?(?![\\p{L}\\p{N}])`,
  'giu',
);
/** The same, for one sentence at a time (its own lastIndex). */
const LEVEL_IN_SENTENCE = new RegExp(LEVEL_ANYWHERE.source, 'giu');
/** What may stand before a level in lower case that still marks: "är", "märkt", "Ämne:", "classification=". */
const LOWER_CASE_LEAD = /(?:^|[^\p{L}])(?:är|var|blir|står|is|was|are|were|märkt\p{L}*|stämplad\p{L}*|klassad\p{L}*|klassificerad\p{L}*|klassificeras|marked|stamped|classified|labell?ed|som|as)(?:[ \t]+\p{L}+)?[ \t]+$|[:=]["' \t]{0,3}$|^[\s\p{P}\p{S}]*$/u;
/**
 * Every level term contains one of these (ASCII-only, no unicode flag). This
 * and the other hint regexes below (lists of words only) are searched for in
 * the scan's one search for hint words (lib/detectors/text-needles.ts).
 */
const LEVEL_HINT_ANY = /hemlig|konfidenti|secret|confidenti|restr|cosmic/gi;
/** No look-behind and no unicode flag, so the search is fast; secrecyStatements() checks the word boundaries. */
const SECRECY_ADJECTIVE = new RegExp(`(?:${[...cues.secrecyAdjectives].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'gi');
const DEICTIC = wordsRegex(cues.deictic);
const MARK_VERB = wordsRegex(cues.markVerbs);
const NEGATION = wordsRegex(cues.negations);
const QUESTION_WORD = wordsRegex(cues.questions);
const GENERAL = wordsRegex(cues.general);
const DEFINITION = wordsRegex(cues.definitions);
/** A document word right after a level at the start of a line: "KONFIDENTIELL PM: …", "HEMLIG RAPPORT". */
const DOCUMENT_AFTER = new RegExp(`^[ \\t]{1,3}(?:${cues.documentNouns.map(escape).join('|')})(?![\\p{L}])`, 'iu');
/** "… är (egentligen) hemligt", "det står HEMLIG": a copula, perhaps one adverb, right before the level. */
const COPULA_BEFORE = new RegExp(
  `(?<![\\p{L}])(?:är|var|blir|står|is|was|are|were|says|reads)(?:[ \\t]+(?:${cues.copulaAdverbs.map(escape).join('|')}))?[ \\t]+$`,
  'iu',
);
/** A classification key right before the value: "classification=", "Klassificering: '", `"klass": "`. */
const KEY_BEFORE = /(?:klassificering|classification|klass|klassning|säkerhetsskyddsklass|security[_ ]?class\w{0,10}|sekretessklass|marking|märkning)["']?[ \t]{0,2}[:=][ \t]{0,2}["']?$/iu;
const EXAMPLE = wordsRegex(cues.examples);
const REQUEST = wordsRegex(cues.requests);
/** A sentence that opens with "Om …", "If …": a condition, not a statement about the material. */
const CONDITIONAL_START = new RegExp(`^[\\s"'“«(]*(?:${cues.conditionals.map(escape).join('|')})(?![\\p{L}])`, 'iu');
const SECRECY_WORDS_ALL = wordsRegex(cues.secrecyWords, 'giu');
/** The word right before a level is a preposition or an article: "godkänt för HEMLIG", "en KONFIDENTIELL handling". */
const WORD_BEFORE = new RegExp(`(?<![\\p{L}])(?:${[...cues.prepositionsBefore, ...cues.articlesBefore].map(escape).join('|')})[ \\t]{1,3}$`, 'iu');
/** A marking verb right before a level: "märkt HEMLIG", "stamped SECRET". */
const VERB_BEFORE = /(?:märkt|märkta|stämplad|stämplade|stämplat|klassad|klassade|klassificerad|klassificerade|marked|stamped|classified|labell?ed)(?:[ \t]+(?:som|as))?[ \t]{1,3}$/iu;
const GENERAL_SECRECY = wordsRegex(cues.generalSecrecy);
const SUBJECT_LINE = new RegExp(`^[ \\t>*-]{0,4}(?:(?:${cues.subjectLabels.map(escape).join('|')})[ \\t]{0,2}:[ \\t]{0,3})+`, 'iu');
/** Where an OSL reference may start: "25 kap.", "15:2", "OSL 26:1". */
const REF_START = /(?<![\w\u00C0-\u024F])(?:\d{1,2}[ \t]{0,2}(?:kap|:[ \t]?\d)|[O0]SL[ \t]{0,2}\d)/gi;
const OSL_NAMED = /[O0]SL|SekrL|sekretesslag/i;
const OTHER_ACT = /lagen|förordningen|balken/i;
/** A cell that starts with a level or a secrecy word: "HEMLIG enl. 15 kap. 2 § OSL", "Sekretess 18 kap. 8 § OSL". */
const CELL_STAMP = /^(?:kvalificerat\s+hemlig|begränsat\s+hemlig|hemlig|konfidentiell|sekretess\p{L}*)(?![\p{L}])/iu;
/** A line of source code that names a level as a value: an enum member, a declaration, a case label. */
export const CODE_LINE = /^[ \t]*(?:[A-ZÅÄÖ_]{2,40}[ \t]*=[ \t]*\d{1,3}[ \t]*[,;]?[ \t]*$|(?:export[ \t]+)?(?:const|let|var|enum|case|private|public|static|final)[ \t])/u;

/** Every classification or secrecy header contains one of these. */
const HEADER_HINT = /klass|sekret|classif|m[aä]rk|marking|security|säkerhet/gi;
/**
 * The words the passes after stampLines look for that are not level words
 * (those the anchored scanner has searched for): classification headers and
 * adjectives, secrecy phrases, OSL.
 */
const OTHER_HINT = /klass|classif|m[aä]rk|security|säkerhet|[O0]SL|omfattas|secrecy|SekrL/i;
/** A line where an OSL stamp may stand: it names the act or has a secrecy word. */
const OSL_LINE_HINT = /[O0]SL|sekretess|hemlig|omfattas|secrecy|confidential|SekrL/gi;
const OSL_LEVEL: Level = { rank: 0, english: false, family: 'osl' };

/** A stamp line is short even with decoration, emoji and letter-spacing ("K O N F I D E N T I E L L T" is 27). */
const STAMP_LINE_CHARS = 100;
/** Lines this long or shorter may be a stamp on their own. */
const STAMP_LINE = 60;
/** The most letters a stamp line holds: "KVALIFICERAT HEMLIG/TOP SECRET" has 27, OCR noise adds a few. */
const STAMP_LETTERS = 40;
/** Lines around a level within which three different levels make a list, not a marking. */
const LIST_GAP = 8;
/** A statement needs this much other text in the prompt to be about material that is there. */
const MATERIAL = 100;
const SENTENCE_MAX = 300;
/** A line with more level terms than this is a list or noise, not a stamp: the rest are not judged one by one. */
const MAX_PER_LINE = 12;
/** A line that starts with an unticked box or a bullet. */
const UNTICKED = /^[ \t]*(?:\[ \]|☐|□|◯|○)/u;
const BULLET = /^[ \t]*(?:[-*•–·]|\d{1,2}[.)])[ \t]/u;

/**
 * Letters only, upper case, with what OCR and PDF extraction confuse folded
 * together: L/l/1/I/|/! → I, 0 → O, RN → M, diacritics dropped.
 */
export function skeleton(s: string, max = Number.POSITIVE_INFINITY): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let ch: string;
    if (c >= 97 && c <= 122) ch = c === 108 ? 'I' : String.fromCharCode(c - 32);
    else if (c >= 65 && c <= 90) ch = c === 76 ? 'I' : s[i]!;
    else if (c === 49 || c === 124 || c === 33) ch = 'I'; // 1 | !
    else if (c === 48) ch = 'O'; // 0
    else if (c < 0xc0) continue;
    else {
      const base = s[i]!.normalize('NFD')[0]!;
      const b = base.charCodeAt(0);
      if (b >= 97 && b <= 122) ch = b === 108 ? 'I' : String.fromCharCode(b - 32);
      else if (b >= 65 && b <= 90) ch = b === 76 ? 'I' : base;
      else continue;
    }
    if (ch === 'N' && out.endsWith('R')) out = out.slice(0, -1) + 'M';
    else out += ch;
    // A line with more letters than any stamp is not one: stop early.
    if (out.length > max) return out;
  }
  return out;
}

/** Letters a stamp's skeleton starts with (HEMLIG, KONFIDENTIELL, BEGRÄNSAT, RESTREINT, CONFIDENTIEL, EU, NATO, TRÈS, TOP, SECRET, COSMIC). */
const STAMP_INITIALS = new Set(['H', 'K', 'B', 'R', 'C', 'E', 'N', 'T', 'S']);
const STAMP_INITIAL_CODES = new Set([...STAMP_INITIALS].map((c) => c.charCodeAt(0)));

/**
 * A cheap look before the skeleton: at most STAMP_LINE letters, and the first
 * letter can start a stamp. Most lines of prose fail on the count.
 */
function mayBeStampLine(text: string, start: number, end: number): boolean {
  let letters = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c < 0x2000)) {
      // The first letter decides at once for most lines of prose (ASCII without a string).
      if (letters === 0 && !(c < 0x80 ? STAMP_INITIAL_CODES.has(c & ~0x20) : STAMP_INITIALS.has(text[i]!.toUpperCase()))) return false;
      if (++letters > STAMP_LETTERS) return false;
    }
  }
  return letters >= 5;
}

/** Skeletons of what may stand alone on a stamp line: each level, its -T/-A form, "HEMLIG/SECRET" pairs. */
const STAMP_SKELETONS = (() => {
  const map = new Map<string, Level>();
  for (const l of cues.levels) {
    const level = LEVELS.get(skeleton(l.text))!;
    map.set(skeleton(l.text), level);
    if (!l.english) for (const ending of cues.inflections) map.set(skeleton(l.text + ending), level);
  }
  for (const [sv, en] of [
    ['hemlig', 'secret'],
    ['hemlig', 'top secret'],
    ['konfidentiell', 'confidential'],
    ['begränsat hemlig', 'restricted'],
    ['kvalificerat hemlig', 'top secret'],
  ] as const) {
    map.set(skeleton(sv + en), LEVELS.get(skeleton(sv))!);
    map.set(skeleton(en + sv), LEVELS.get(skeleton(sv))!);
  }
  return map;
})();

/** Where the words the passes look for first stand: the starts of each hint regex's matches (lib/detectors/text-needles.ts). */
export interface RecallHints {
  levelAny: readonly number[];
  header: readonly number[];
  other: readonly number[];
  oslLine: readonly number[];
  /** Where a secrecy adjective starts, and the length of the longest one there (SECRECY_ADJECTIVE's match). */
  secrecyAdjectives: Hits;
}

interface Candidate {
  start: number;
  end: number;
  verdict: Exclude<Verdict, 'mention'>;
  where: MarkingPlace;
  level: Level;
  /** A classification field or column: applied to that record even among other levels. */
  labelled?: boolean;
  line: number;
}

const hasLower = (s: string) => s !== s.toUpperCase();
const isCaps = (s: string) => !hasLower(s) && s !== s.toLowerCase();

export class MarkingRecall {
  /** Lines end at '\n' (a '\r' before it is not part of the line). */
  private readonly lineStarts: Int32Array;
  private readonly lineEnds: Int32Array;
  private readonly lineCount: number;
  private readonly hints: RecallHints;
  private readonly candidates: Candidate[] = [];
  /** Ranks of every level term, by line: three different ranks close together are a list of levels. */
  private readonly ranksByLine = new Map<number, Set<number>>();

  constructor(
    private readonly text: string,
    private readonly taken: readonly { start: number; end: number }[],
    private readonly levelHint: boolean,
    shared: { lines: LineIndex; hints: RecallHints },
  ) {
    // The scan's line index, when its lines are this pass's lines (no '\r', LS or PS in the text).
    const lines = shared.lines.lfOnly ? shared.lines : lfLines(text);
    this.lineStarts = lines.starts;
    this.lineEnds = lines.ends;
    this.lineCount = lines.count;
    this.hints = shared.hints;
    for (const t of taken) this.occupy(t);
  }

  run(): RawFinding[] {
    // Most specific first: a span taken by an earlier pass is not judged again.
    this.stampLines();
    // Every other pass needs one of these words somewhere: most prompts have none, and one search tells.
    // Without a level word (the anchored scanner looked already) only the other words need a search.
    if (this.levelHint || this.hints.other.length > 0) {
      this.tableColumns();
      if (this.levelHint) this.levelTerms();
      this.secrecyStatements();
      this.oslReferences();
    }
    return this.kept().map((c) => ({
      category: 'classified',
      rule: c.verdict === 'unsure' ? POSSIBLE_MARKING_RULE : ruleFor(c.level),
      start: c.start,
      end: c.end,
      where: c.where,
      ...(c.verdict === 'unsure' ? { unsure: true } : {}),
    }));
  }

  // ---------------------------------------------------------------------------

  private lineOf(pos: number): number {
    return Math.max(0, firstAtOrAfter(this.lineStarts, pos + 1) - 1);
  }

  /** The lines that hold a hint (where a hint regex's matches start), in order, each once. */
  private linesWith(hints: readonly number[]): number[] {
    const found: number[] = [];
    for (let k = 0; k < hints.length; k++) {
      const li = this.lineOf(hints[k]!);
      if (found.length === 0 || found[found.length - 1] !== li) found.push(li);
    }
    return found;
  }

  private lineText(li: number): string {
    return this.text.slice(this.lineStarts[li]!, this.lineEnds[li]!);
  }

  /** Spans already reported, by line: an anchored finding or an earlier candidate wins. */
  private readonly spansByLine = new Map<number, { start: number; end: number }[]>();

  private isTaken(start: number, end: number): boolean {
    for (let li = this.lineOf(start), last = this.lineOf(end); li <= last; li++) {
      for (const t of this.spansByLine.get(li) ?? []) if (t.start < end && start < t.end) return true;
    }
    return false;
  }

  private occupy(span: { start: number; end: number }): void {
    for (let li = this.lineOf(span.start), last = this.lineOf(Math.max(span.start, span.end - 1)); li <= last; li++) {
      let list = this.spansByLine.get(li);
      if (!list) this.spansByLine.set(li, (list = []));
      list.push(span);
    }
  }

  private add(c: Omit<Candidate, 'line'>): void {
    if (this.isTaken(c.start, c.end)) return;
    this.candidates.push({ ...c, line: this.lineOf(c.start) });
    this.occupy(c);
  }

  /** The sentence around [start, end): bounded by the line and by ". " before a capital. */
  private sentence(start: number, end: number): { from: number; to: number; text: string } {
    let from = Math.max(this.lineStarts[this.lineOf(start)]!, start - SENTENCE_MAX);
    for (let i = start - 1; i > from; i--) {
      const c = this.text[i]!;
      if ((c === '.' || c === '!' || c === '?') && /\s/.test(this.text[i + 1] ?? '') && /\p{Lu}/u.test(this.text[i + 2] ?? '')) {
        from = i + 1;
        break;
      }
    }
    const lineEnd = this.lineEnds[this.lineOf(end)]!;
    let to = Math.min(lineEnd, end + SENTENCE_MAX);
    for (let i = end; i < to; i++) {
      const c = this.text[i]!;
      if ((c === '.' || c === '!' || c === '?' || c === ':') && (i + 1 >= to || /\s/.test(this.text[i + 1]!))) {
        to = i + 1;
        break;
      }
    }
    return { from, to, text: this.text.slice(from, to) };
  }

  /** Only decoration, symbols, emoji or an opening quote before `pos` on its line, or a separator right before it. */
  private atSegmentStart(pos: number): boolean {
    const lineStart = this.lineStarts[this.lineOf(pos)]!;
    const before = this.text.slice(lineStart, pos);
    if (!/[\p{L}\p{N}]/u.test(before)) return true;
    const quote = /[“"«'‘]\s{0,3}$/u.exec(before);
    // A quote opens a quoted document only where a segment could start: not 'väljer "HEMLIG" i', not "= 'HEMLIG'".
    if (quote) return this.atSegmentStart(lineStart + quote.index) || /:\s{0,3}$/.test(before.slice(0, quote.index));
    return /(?:[([|·:;\t]|\s[–—-])\s{0,3}$/u.test(before) || /[^\d],$/.test(before);
  }

  /** A separator, a closing bracket or the end of the line right after `end`. */
  private separatorAfter(end: number): boolean {
    const rest = this.text.slice(end, end + 4);
    return /^(?:\s*$|\s*\r?\n|\s?[/·–—|:()[\],.-])/.test(rest);
  }

  /** Is a statement about material that is in the prompt, not just a sentence about a document elsewhere? */
  private materialBeyond(from: number, to: number): boolean {
    return this.text.length - (to - from) >= MATERIAL;
  }

  // ---------------------------------------------------------------------------

  /** Short lines that are a level and nothing else, whatever the case, spacing or OCR noise. */
  private stampLines(): void {
    const text = this.text;
    for (let li = 0; li < this.lineCount; li++) {
      const start = this.lineStarts[li]!;
      const end = this.lineEnds[li]!;
      if (end - start > STAMP_LINE_CHARS || end - start < 5 || !mayBeStampLine(text, start, end)) continue;
      const raw = text.slice(start, end);
      const key = skeleton(raw, STAMP_LINE);
      if (key.length < 5 || key.length > STAMP_LINE) continue;
      const level = STAMP_SKELETONS.get(key);
      if (!level) continue;
      if (level.english && hasLower(raw)) continue;
      if (this.followsExample(li)) continue;
      const first = raw.search(/[\p{L}\p{N}]/u);
      let last = raw.length;
      while (last > 0 && !/[\p{L}\p{N}]/u.test(raw[last - 1]!)) last--;
      const spaced = /\p{L} \p{L} \p{L}/u.test(raw);
      if (UNTICKED.test(raw)) continue;
      // "hemlig" or "Hemlig" alone may be a stamp typed by hand, or a heading in a guide: ask, when there is
      // material it could apply to. In capitals, letter-spaced or misread by OCR it is a stamp.
      const caps = spaced || !hasLower(raw.replace(/[^\p{L}]/gu, '').replace(/[l]/g, 'L'));
      if (!caps && !this.materialBeyond(start, end)) continue;
      const verdict = caps ? 'marking' : 'unsure';
      this.add({ start: start + first, end: start + last, verdict, where: spaced ? 'letter-spaced' : 'header', level });
    }
  }

  /** The closest non-blank line above introduces an example ("Exempel på märkning:"). */
  private followsExample(li: number): boolean {
    for (let k = li - 1; k >= 0 && k >= li - 3; k--) {
      const prev = this.lineText(k).trim();
      if (!prev) continue;
      return prev.endsWith(':') && EXAMPLE.test(prev);
    }
    return false;
  }

  /** Level terms anywhere: each gets a verdict from its place and its sentence. */
  private levelTerms(): void {
    // Lines with a hint first (one fast search): the full term pattern runs on those lines only.
    for (const li of this.linesWith(this.hints.levelAny)) this.levelTermsOn(li);
  }

  private levelTermsOn(li: number): void {
    const text = this.text;
    const lineStart = this.lineStarts[li]!;
    const lineEnd = this.lineEnds[li]!;
    const line = text.slice(lineStart, lineEnd);
    LEVEL_ANYWHERE.lastIndex = 0;
    for (let m = LEVEL_ANYWHERE.exec(line); m; m = LEVEL_ANYWHERE.exec(line)) {
      const start = lineStart + m.index;
      const end = start + m[0].length;
      const level = LEVELS.get(skeleton(m[1]!));
      if (!level) continue;
      const inflected = m[2] !== undefined;
      const compound = text[end] === '-' && /\p{L}/u.test(text[end + 1] ?? '');
      if (!inflected && !compound) this.noteRank(li, level.rank);
      const term = m[0];
      const caps = isCaps(term);
      // Lower case in running text ("ett hemligt recept") counts only as a statement, a field or a subject:
      // without a copula, a marking verb or a label just before it, nothing else is worth looking at.
      if (!caps && !/^\p{Lu}/u.test(term) && !LOWER_CASE_LEAD.test(text.slice(Math.max(lineStart, start - 40), start))) continue;
      if (level.english) {
        // "secret", "confidential", "TOP SECRET party": ordinary English words. Banners and stamp lines
        // in capitals are the anchored scanner's and stampLines'; here only a statement makes them a marking.
        this.judgeStatement(start, end, level, 'statement');
        continue;
      }
            if (this.judgedOnLine(li) > MAX_PER_LINE) continue;
      if (this.isTaken(start, end)) continue;
      const verdict = this.verdictFor(start, end, { caps, inflected, compound, level });
      // "hemlig enligt 15 kap 2 § osl": the reference is part of the marking.
      FIRST_REF.lastIndex = end;
      const ref = verdict ? FIRST_REF.exec(text) : null;
      if (verdict) this.add({ start, end: ref ? end + ref[0].length : end, level, ...verdict });
    }
  }

  private readonly judged = new Map<number, number>();
  /** How many level terms of line `li` have been judged, this one included. */
  private judgedOnLine(li: number): number {
    const n = (this.judged.get(li) ?? 0) + 1;
    this.judged.set(li, n);
    return n;
  }

  private readonly chaptersByLine = new Map<number, Set<number>>();
  private noteChapter(li: number, refText: string): void {
    const chapter = Number(/\d{1,2}/.exec(refText)?.[0] ?? -1);
    let set = this.chaptersByLine.get(li);
    if (!set) this.chaptersByLine.set(li, (set = new Set()));
    set.add(chapter);
  }

  private noteRank(li: number, rank: number): void {
    let set = this.ranksByLine.get(li);
    if (!set) this.ranksByLine.set(li, (set = new Set()));
    set.add(rank);
  }

  private verdictFor(
    start: number,
    end: number,
    t: { caps: boolean; inflected: boolean; compound: boolean; level: Level },
  ): { verdict: Candidate['verdict']; where: MarkingPlace } | null {
    const s = this.sentence(start, end);
    if (this.negated(s, start, end)) return null;
    const before = this.text.slice(s.from, start);
    if (EXAMPLE.test(before)) return null;
    if (this.otherLevelIn(s.text, t.level.rank)) return null;
    const askAbout = this.asks(s.text);
    const general = GENERAL.test(s.text);
    const lineNo = this.lineOf(start);
    if (UNTICKED.test(this.lineText(lineNo)) || CODE_LINE.test(this.lineText(lineNo))) return null;
    const line = this.lineText(this.lineOf(start));
    const lead = this.text.slice(Math.max(s.from, start - 40), start);
    if (KEY_BEFORE.test(this.text.slice(Math.max(this.lineStarts[lineNo]!, start - 40), start))) {
      // The value of a classification field, unless the "value" is the start of a sentence ("Klassificering: hemlig information hanteras …").
      const valueEnds = t.caps || this.separatorAfter(end) || /^["']/.test(this.text.slice(end, end + 1));
      if (!t.inflected && valueEnds) return askAbout ? null : { verdict: 'marking', where: 'field' };
      return null;
    }
    const statement = DEICTIC.test(s.text) && (MARK_VERB.test(s.text) || t.compound || this.copulaBefore(start));
    // A level named in prose: "godkänt för HEMLIG", "en KONFIDENTIELL handling" — but not in a statement about the
    // material ("uppgifterna i denna bilaga klassificeras som KONFIDENTIELL").
    if (!statement && !VERB_BEFORE.test(lead) && WORD_BEFORE.test(lead) && !this.copulaBefore(start)) return null;

    if (SUBJECT_LINE.test(line) && !t.inflected && !askAbout && !(t.compound && !statement)) {
      return { verdict: 'marking', where: 'subject' };
    }
    if (statement && (t.caps || !t.inflected || this.copulaBefore(start))) {
      if (!askAbout && !general && this.materialBeyond(s.from, s.to)) return { verdict: 'marking', where: 'statement' };
      // A question about the material in lower case ("Är protokollet hemligt?") asks, it does not mark.
      return t.caps || (this.copulaBefore(start) && !askAbout) ? { verdict: 'unsure', where: 'statement' } : null;
    }
    if (t.compound) return null;
    if (this.isCodeLiteral(start, end)) return null;
    // "Är bilagan verkligen HEMLIG?": a question about the material at hand, in capitals: ask back.
    if (askAbout && t.caps && !general && DEICTIC.test(s.text) && this.materialBeyond(s.from, s.to)) return { verdict: 'unsure', where: 'statement' };
    const segment = this.atSegmentStart(start);
    if (segment && this.followsExample(lineNo)) return null;
    const lineStart = !/[\p{L}\p{N}]/u.test(this.text.slice(this.lineStarts[lineNo]!, start));
    // A quoted name mid-sentence: "the series 'TOP SECRET//ROMEO'", 'väljer "HEMLIG" i listan'.
    if (!segment && /[“"«'‘]\s?$/u.test(this.text.slice(start - 2, start))) return null;
    if (!segment) {
      // Not a statement about this material: "en rapport märkt HEMLIG" (news), "a TOP SECRET party".
      if (VERB_BEFORE.test(lead)) return null;
      if (/^[ \t]\p{Ll}/u.test(this.text.slice(end, end + 2))) return null;
    }
    if (segment && !t.inflected && (t.caps || (lineStart && /^\p{Lu}/u.test(this.text.slice(start, end)) && this.separatorAfter(end)))) {
      const where = this.inBrackets(start, end) ? 'title' : 'header';
      // In capitals it is a stamp; "Hemlig/Secret · FMV" in title case may be one: ask, if there is material.
      // "HEMLIG SÅS – mormors recept": a level before an ordinary noun is an adjective, not a stamp.
      FIRST_REF.lastIndex = end;
      const stampLike = this.separatorAfter(end) || DOCUMENT_AFTER.test(this.text.slice(end, end + 40)) || FIRST_REF.test(this.text);
      if (!stampLike) return null;
      if (!askAbout && t.caps && (lineStart ? !DEFINITION.test(s.text) : !general)) return { verdict: 'marking', where };
      if (!askAbout && !general && this.materialBeyond(start, end)) return { verdict: 'unsure', where };
    }
    if (this.inBrackets(start, end) && t.caps && !askAbout && !general) return { verdict: 'marking', where: 'title' };
    if (t.caps && !t.inflected && !askAbout && !general) return { verdict: 'unsure', where: this.inFileName(start, end) ? 'file-name' : 'in-text' };
    return null;
  }

  /** A negation just before the level ("är inte hemlig", "ej sekretess") or right after it ("HEMLIG – inte längre"). */
  private negated(s: { from: number; to: number }, start: number, end: number): boolean {
    return NEGATION.test(this.text.slice(Math.max(s.from, start - 25), start)) || NEGATION.test(this.text.slice(end, Math.min(s.to, end + 12)));
  }

  /** A question about levels ("Vad betyder HEMLIG?", "What does the marking … mean"), not a request ("Kan du översätta …?"). */
  private asks(sentence: string): boolean {
    if (CONDITIONAL_START.test(sentence)) return true;
    if (REQUEST.test(sentence)) return false;
    if (sentence.includes('?')) return true;
    const first = /^[\s"'“«(]*(\p{L}+)/u.exec(sentence);
    return !!first && QUESTION_WORD.test(first[1]!) && !/^(?:när|when|om|if)$/iu.test(first[1]!);
  }

  /** "… är (egentligen) hemligt": a copula at most two words before the level. */
  private copulaBefore(start: number): boolean {
    return COPULA_BEFORE.test(this.text.slice(Math.max(0, start - 40), start));
  }

  /** `Classification.SECRET`, `== "SECRET"`, `= 'HEMLIG'`: a value in code, not a marking on the text. */
  private isCodeLiteral(start: number, end: number): boolean {
    const before = this.text.slice(Math.max(0, start - 4), start);
    const after = this.text.slice(end, end + 2);
    if (/\.$/.test(before) && /\w/.test(this.text[start - 2] ?? '')) return true;
    if (/^\.\w/.test(after) && !this.inFileName(start, end)) return true;
    return /(?:[=(,[]|==|:)[ \t]{0,2}["'`]$/.test(before);
  }

  private inBrackets(start: number, end: number): boolean {
    return /[([]\s?$/.test(this.text.slice(Math.max(0, start - 2), start)) && /^\s?[)\]]/.test(this.text.slice(end, end + 2));
  }

  private inFileName(start: number, end: number): boolean {
    return /[_-]$/.test(this.text.slice(start - 1, start)) || /^(?:[_-]\w|\.(?:docx?|pdf|xlsx?|pptx?|txt|odt|rtf|msg|eml|zip)\b)/i.test(this.text.slice(end, end + 6));
  }

  /** Another level of a different rank in the same sentence: a comparison or a list. */
  private otherLevelIn(sentence: string, rank: number): boolean {
    const re = LEVEL_IN_SENTENCE;
    re.lastIndex = 0;
    let seen = 0;
    for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
      const l = LEVELS.get(skeleton(m[1]!));
      if (l && l.rank !== rank && (!l.english || isCaps(m[0]))) return true;
      if (++seen > 12) break;
    }
    return false;
  }

  /** A statement with a lower-case word: "the note below is classified secret". */
  private judgeStatement(start: number, end: number, level: Level, where: MarkingPlace): void {
    if (this.isTaken(start, end)) return;
    const s = this.sentence(start, end);
    if (this.negated(s, start, end)) return;
    if (!DEICTIC.test(s.text) || !MARK_VERB.test(s.text)) return;
    if (!/(?:classified|marked|stamped|labell?ed)(?:[ \t]+as)?[ \t]+$/i.test(this.text.slice(Math.max(0, start - 20), start))) return;
    const askAbout = this.asks(s.text);
    if (GENERAL.test(s.text) || askAbout || !this.materialBeyond(s.from, s.to)) return;
    this.add({ start, end, verdict: 'marking', where, level });
  }

  /** "Journalanteckningen nedan är sekretessbelagd", "Den här är sekretessmarkerad i Public 360". */
  private secrecyStatements(): void {
    const text = this.text;
    // SECRECY_ADJECTIVE's matches, one after the other: at each place the longest adjective, none inside another.
    const { positions, lengths } = this.hints.secrecyAdjectives;
    let next = 0;
    for (let k = 0; k < positions.length; k++) {
      const start = positions[k]!;
      if (start < next) continue;
      const end = start + lengths[k]!;
      next = end;
      const word = text.slice(start, end);
      if (/[\p{L}\p{N}]/u.test(text[start - 1] ?? '') || /[\p{L}\p{N}]/u.test(text[end] ?? '')) continue;
      if (this.isTaken(start, end)) continue;
      if (/^classified$/i.test(word) && !isCaps(word)) {
        // English "classified" is the verb of a statement, judged with its level above.
        continue;
      }
      const s = this.sentence(start, end);
      if (this.negated(s, start, end)) continue;
      // Predicated of the material ("… nedan är sekretessbelagd"), not an attribute ("Sekretessbelagda uppgifter ska …").
      if (!DEICTIC.test(s.text) || !this.copulaBefore(start)) continue;
      const askAbout = this.asks(s.text);
      const level: Level = { rank: 0, english: false, family: 'osl' };
      // A rule ("huvudregeln är att uppgifterna är sekretessbelagda") is law text, not a stamp on this material.
      if (GENERAL.test(s.text)) continue;
      const verdict = !askAbout && this.materialBeyond(s.from, s.to) ? 'marking' : 'unsure';
      this.add({ start, end, verdict, where: 'statement', level });
    }
  }

  /** OSL references with a secrecy word before them: stamps in any case, and stamps in sentences. */
  private oslReferences(): void {
    // A stamp names OSL or stands after a secrecy word on its line: other lines ("Norrby 2:14", "kl. 14:30") are passed over.
    for (const li of this.linesWith(this.hints.oslLine)) this.oslReferencesOn(li);
  }

  private oslReferencesOn(li: number): void {
    const text = this.text;
    const lineEnd = this.lineEnds[li]!;
    // Where REF_START's search goes on (its lastIndex).
    let from = this.lineStarts[li]!;
    for (let m = this.nextRefStart(from); m && m.index < lineEnd; m = this.nextRefStart(from)) {
      const refStart = m.index;
      from = refStart + m[0].length;
      BARE_REF.lastIndex = refStart;
      const ref = BARE_REF.exec(text);
      if (!ref) continue;
      const refEnd = refStart + ref[0].length;
      from = refEnd;
      const refText = ref[0];
      if (OTHER_ACT.test(refText) && !OSL_NAMED.test(refText)) continue;
      const windowStart = Math.max(this.lineStarts[this.lineOf(refStart)]!, refStart - 80);
      const before = text.slice(windowStart, refStart);
      const word = lastMatch(SECRECY_WORDS_ALL, before);
      const start = word ? windowStart + word.index : refStart;
      if (!word && !(isCaps(refText) && OSL_NAMED.test(refText) && this.atSegmentStart(refStart - this.enligtBefore(refStart)))) continue;
      if (!word && !OSL_NAMED.test(refText)) continue;
      if (this.isTaken(start, refEnd)) continue;
      const s = this.sentence(start, refEnd);
      if (this.negated(s, start, refEnd)) continue;
      const after = text.slice(refEnd, s.to);
      if (GENERAL_SECRECY.test(text.slice(start, refStart)) || GENERAL_SECRECY.test(after.slice(0, 40))) continue;
      if (EXAMPLE.test(text.slice(s.from, start))) continue;
      const askAbout = this.asks(s.text);
      const level: Level = { rank: 0, english: false, family: 'osl' };
      // "… nås på 070-125 75 56. Sekretess enligt 26 kap. 1 § OSL." — a whole stamp as a sentence of its own.
      const stampStart = this.atSegmentStart(start) || this.stampSentence(start, refStart, refEnd);
      this.noteChapter(this.lineOf(refStart), refText);
      if (!word) {
        this.add({ start: refStart - this.enligtBefore(refStart), end: refEnd, verdict: 'marking', where: 'stamp', level });
      } else if (stampStart && !askAbout) {
        this.add({ start, end: refEnd, verdict: 'marking', where: 'stamp', level });
      } else if (DEICTIC.test(s.text) && !askAbout && !GENERAL.test(s.text)) {
        this.add({ start, end: refEnd, verdict: 'marking', where: 'statement', level });
      }
    }
  }

  /** The last REF_START search: where it started and what it found. */
  private refSearch: { from: number; found: RegExpExecArray | null } | null = null;

  /**
   * REF_START's first match at or after `from`. A search that ran past the end
   * of a line without a reference is not run again from the next line: the
   * match it found (or that there is none) holds for every `from` up to it.
   */
  private nextRefStart(from: number): RegExpExecArray | null {
    const last = this.refSearch;
    if (last && last.from <= from && (last.found === null || last.found.index >= from)) return last.found;
    REF_START.lastIndex = from;
    const found = REF_START.exec(this.text);
    this.refSearch = { from, found };
    return found;
  }

  /** "Sekretess enligt <ref>." standing as a sentence of its own: a capital, the reference, then the sentence ends. */
  private stampSentence(wordStart: number, refStart: number, refEnd: number): boolean {
    const text = this.text;
    if (!/\p{Lu}/u.test(text[wordStart] ?? '')) return false;
    if (!/[.!?]\s+$/.test(text.slice(Math.max(0, wordStart - 3), wordStart))) return false;
    if (!/^[ \t]+(?:enligt|enl\.?)[ \t]+$/i.test(text.slice(text.indexOf(' ', wordStart), refStart))) return false;
    return /^[ \t]*(?:[.!?'"”’)]|$)/.test(text.slice(refEnd, refEnd + 2));
  }

  /** Length of "ENLIGT " (or "enl. ") right before a reference, or 0. */
  private enligtBefore(refStart: number): number {
    const m = /(?:enligt|enl\.?|according to|under)[ \t]{1,2}$/i.exec(this.text.slice(Math.max(0, refStart - 16), refStart));
    return m ? m[0].length : 0;
  }

  /** Cells of a column whose header is a classification label ("Klassificering", "classification"). */
  private tableColumns(): void {
    for (const li of this.linesWith(this.hints.header)) {
      const header = this.lineText(li);
      if (header.length > 400) continue;
      const delimiter = ['|', '\t', ';', ','].find((d) => header.includes(d));
      if (!delimiter) continue;
      const cells = splitCells(header, delimiter);
      const column = cells.findIndex((c) => CLASS_KEYS.has(normKey(c)) || SECRECY_KEYS.has(normKey(c)));
      if (column < 0) continue;
      for (let r = li + 1; r < this.lineCount; r++) {
        const row = this.lineText(r);
        if (!row.trim()) break;
        const rowCells = splitCells(row, delimiter);
        const cell = rowCells[column];
        if (cell === undefined) continue;
        const value = cell.trim().replace(/^["']|["']$/g, '');
        // The whole cell is a level ("Hemlig"), or starts with one or with a secrecy word and cites OSL.
        const level = STAMP_SKELETONS.get(skeleton(value)) ?? (CELL_STAMP.test(value) && OSL_NAMED.test(value) ? OSL_LEVEL : undefined);
        if (!level || value.length < 3) continue;
        const offset = row.indexOf(value, cellOffset(row, delimiter, column));
        if (offset < 0) continue;
        const start = this.lineStarts[r]! + offset;
        this.add({ start, end: start + value.length, verdict: 'marking', where: 'table-cell', level, labelled: true });
      }
    }
  }

  // ---------------------------------------------------------------------------

  /** Drops candidates among three or more different levels close together (a list, a training slide). */
  private kept(): Candidate[] {
    const near = (map: Map<number, Set<number>>, line: number) => {
      const all = new Set<number>();
      for (let li = line - LIST_GAP; li <= line + LIST_GAP; li++) for (const r of map.get(li) ?? []) all.add(r);
      return all;
    };
    const kept = this.candidates.filter((c) => {
      if (c.labelled) return true;
      if (c.level.rank === 0) return near(this.chaptersByLine, c.line).size < 3;
      const ranks = near(this.ranksByLine, c.line);
      if (ranks.size >= 3) return false;
      // "- HEMLIG\n- KONFIDENTIELL": a bulleted list of levels.
      return !(ranks.size >= 2 && BULLET.test(this.lineText(c.line)));
    });
    return kept.sort((a, b) => a.start - b.start);
  }
}


function lastMatch(re: RegExp, s: string): RegExpExecArray | null {
  re.lastIndex = 0;
  let last: RegExpExecArray | null = null;
  for (let m = re.exec(s); m; m = re.exec(s)) last = m;
  return last;
}

function ruleFor(level: Level): string {
  switch (level.family) {
    case 'osl':
      return 'classified.secrecy-osl';
    case 'eu':
      return 'classified.eu';
    case 'nato':
      return 'classified.nato';
    case 'us':
      return 'classified.us';
    default:
      return 'classified.security-class-se';
  }
}

function splitCells(line: string, delimiter: string): string[] {
  return line.split(delimiter);
}

/** Where cell `column` starts in `line`. */
function cellOffset(line: string, delimiter: string, column: number): number {
  let pos = 0;
  for (let k = 0; k < column; k++) {
    const next = line.indexOf(delimiter, pos);
    if (next < 0) return line.length;
    pos = next + 1;
  }
  return pos;
}

/**
 * `levelHint`: whether the anchored scanner saw a level word (LEVEL_HINT in
 * terms.ts: hemlig, secret, konfidenti, restr, sekretess …) anywhere; false
 * lets the recall pass skip the level terms and look only for the other words.
 * `shared`: the scan's lines and hint words (lib/detectors/text-needles.ts).
 */
export function recallMarkings(
  text: string,
  taken: readonly { start: number; end: number }[],
  levelHint: boolean,
  shared: { lines: LineIndex; hints: RecallHints },
): RawFinding[] {
  return new MarkingRecall(text, taken, levelHint, shared).run();
}

/** The text's lines split at '\n' only, a '\r' before the '\n' left out: this pass's lines when the text has '\r', LS or PS. */
function lfLines(text: string): LineIndex {
  const starts: number[] = [];
  const ends: number[] = [];
  let s = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    starts.push(s);
    ends.push(i > s && text[i - 1] === '\r' ? i - 1 : i);
    s = i + 1;
  }
  starts.push(s);
  ends.push(text.length);
  return { starts: Int32Array.from(starts), ends: Int32Array.from(ends), count: starts.length, lfOnly: false };
}

/** For the regex inventory (tests/unit/regex-inventory.ts). */
export const RECALL_PATTERNS = {
  LEVEL_ANYWHERE,
  LEVEL_IN_SENTENCE,
  LEVEL_HINT_ANY,
  HEADER_HINT,
  OSL_LINE_HINT,
  OTHER_HINT,
  LOWER_CASE_LEAD,
  SECRECY_ADJECTIVE,
  DEICTIC,
  MARK_VERB,
  NEGATION,
  QUESTION_WORD,
  GENERAL,
  DEFINITION,
  DOCUMENT_AFTER,
  COPULA_BEFORE,
  KEY_BEFORE,
  EXAMPLE,
  REQUEST,
  CONDITIONAL_START,
  SECRECY_WORDS_ALL,
  GENERAL_SECRECY,
  SUBJECT_LINE,
  CELL_STAMP,
  WORD_BEFORE,
  VERB_BEFORE,
};
