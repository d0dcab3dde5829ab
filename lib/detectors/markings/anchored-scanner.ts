/**
 * The anchored marking scanner: looks for level terms and stamps only at
 * anchors (line start, label values, tags, cells, brackets), line by line.
 * See ../markings.ts for what counts as a marking and what as a mention.
 */
import type { RawFinding, Severity } from '../../types';
import { firstAtOrAfter } from '../../text/sorted-positions';
import {
  dedupe,
  keyMode,
  toFinding,
  TRAINING_GAP,
  TRAINING_LEVELS,
  type Candidate,
  type Cluster,
  type Group,
  type KeyMode,
  type Mode,
} from './candidates';
import type { LineIndex } from '../../text/line-index';
import { nextHit } from '../../text/needles';
import {
  hasLower,
  isMetaLine,
  isNegated,
  isWordChar,
  isWordCode,
  matchYesValue,
  parseControls,
  refTailOk,
  restIsBlank,
  skipDecoration,
  standaloneTail,
  startsUpper,
} from './line-shape';
import { NONE, nextIndex, nextSpacedDash } from './next-occurrence';
import { CODE_LINE } from './recall';
import { PortionMarkings } from './portion-markings';
import { chapterOf, MARKING_RULES, ruleOf } from './rule-ids';
import {
  CAPS_LEVEL_START,
  NON_MARKING_LABELS,
  matchBareRefs,
  matchLevel,
  matchLevelCaps,
  matchRefsAfterLevel,
  normKey,
} from './terms';


const TAG = /<([\p{L}_][\p{L}\p{N}_.-]{0,60}(?::[\p{L}_][\p{L}\p{N}_.-]{0,60})?)(?:[ \t][^<>]{0,300})?>/uy;
const US_BANNER = /(?<![\p{L}\p{N}])(?:TOP[ \t]SECRET|SECRET|CONFIDENTIAL)(?=[ \t]?\/\/)/gu;
const TLP = /(?<![\p{L}\p{N}])TLP[ \t]?[:-]?[ \t]?(RED|AMBER\+STRICT|AMBER|GREEN|CLEAR|WHITE)(?![\p{L}\p{N}])/gu;
const TLP_RANK: Record<string, number> = { RED: 4, 'AMBER+STRICT': 3, AMBER: 3, GREEN: 2, CLEAR: 1, WHITE: 1 };
/** A character of a label: letter, digit, '_', ' ' or '-'. */
function isKeyCode(c: number): boolean {
  return c === 32 || c === 45 || c === 95 || isWordCode(c);
}
const NON_BLANK = /\S/;
/** A colon, then an opening quote: what follows is a quoted document, as if on its own line. */
const QUOTED_DOCUMENT = /:[ \t]{0,3}["“”«'‘]/g;
/** How far into a secrecy label's value an OSL reference is looked for. */
const VALUE_WINDOW = 120;
const NEGATED_VALUE = /(?:^|[^\p{L}])(?:inte|ej|icke|ingen|inga|nej|not|no|none)(?![\p{L}])/iu;
const isDigitCode = (c: number) => c >= 48 && c <= 57;
/**
 * A line that introduces an example of a marking: "Exempel på märkning:", "For
 * example, a banner looks like this:". It must be about markings: "Här är ett
 * exempel på ett dokument vi fått:" introduces real content.
 */
const EXAMPLE_INTRO = /(?:^|[^\p{L}])(?:exempel|exempelvis|example|examples|t\.\s?ex\.?|e\.\s?g\.?)(?![\p{L}])[^\n]{0,120}:\s*$/iu;
const EXAMPLE_TOPIC = /märk|marker|marking|klass|class|stämp|stamp|banner|rubrik|header|ser ut|look/iu;
/** A sentence-like stamp that is negated, uncertain or a question: "… omfattas inte av …", "Vilka uppgifter omfattas …". */
const PHRASE_NOT_A_STAMP =
  /(?:^|[^\p{L}])(?:inte|ej|icke|not|vilka|vilken|vilket|när|hur|vad|varför|om|kan|kanske|ska|skall|bör|får|måste)(?![\p{L}])/iu;
/** "SV: ", "RE: ", "VB: " before the subject of a forwarded e-mail. */
const REPLY_PREFIX = /(?:(?:re|sv|vb|fw|fwd|aw|tr|vs)[ \t]{0,2}:[ \t]{0,3}){1,4}/iy;
/** Every classification or secrecy label contains one of these stems. */
const KEY_STEM = /klass|sekret|classif|m[aä]rk|skydd|s[aä]kerhet|secur|secrecy|osl|niv[aå]|grad|mark/i;
const GENERIC_LABEL = /^\p{L}[\p{L} ]{0,29}$/u;

/** A reference that names another act than OSL ("2 kap. 5 § säkerhetsskyddslagen"). */
const OTHER_ACT = /lagen|förordningen/i;
const OSL_NAME = /OSL|SekrL|sekretesslagen/i;

class MarkingScanner {
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly lineCount: number;
  private readonly candidates: Candidate[] = [];
  /** The current cluster per group: classification levels ('c') and TLP colours ('t'). */
  private readonly clusters: Record<Group, Cluster | null> = { c: null, t: null };
  private readonly portions = new PortionMarkings();
  /** Anchor positions already tried on the current line. */
  private readonly tried = new Set<number>();
  /** Ranks of the level terms in capitals on the current line. */
  private readonly lineRanks = new Set<number>();
  /** Cached isMetaLine() of the current line. */
  private meta: boolean | undefined;
  /** The current line has a level hint: level terms may occur on it. */
  private level = false;
  /** Some line has a level hint (the recall pass need not look for level terms where none is). */
  levelHintSeen = false;

  /** Where LEVEL_HINT matches start. */
  private readonly levelHints: readonly number[];

  constructor(
    private readonly text: string,
    lines: LineIndex,
    levelHints: readonly number[],
  ) {
    this.levelHints = levelHints;
    this.starts = lines.starts;
    this.ends = lines.ends;
    this.lineCount = lines.count;
  }

  /**
   * Most lines carry no marking. One forward search per hint over the whole
   * text (not several regexes per line; the level words come from the one
   * search for hint words of a scan) shows which lines need a closer look:
   *   - a line with a level hint (LEVEL_HINT) gets the full scan;
   *   - a line without one cannot hold a level term, so only what needs no
   *     level term is looked at: label values (after ':', '=', a tag or a
   *     table cell) that are OSL references or "Ja", portion markings ('(' or
   *     ':') and TLP labels;
   *   - a line with none of these is skipped: nothing on it can become a
   *     finding or a level sighting.
   * The searches only move forward, so the pass stays linear.
   */
  run(): RawFinding[] {
    const text = this.text;
    // The next occurrence of each at or after the current line; searched again only once passed.
    let hint = -1;
    let hintAt = 0;
    let tlp = -1;
    let colon = -1;
    let equals = -1;
    let lt = -1;
    let paren = -1;
    let tab = -1;
    let pipe = -1;
    let dash = -1;
    let spaces = -1;
    for (let li = 0; li < this.lineCount; li++) {
      const s = this.starts[li]!;
      const e = this.ends[li]!;
      if (s === e) continue;
      if (hint < s) {
        hintAt = nextHit(this.levelHints, s, hintAt);
        hint = hintAt < this.levelHints.length ? this.levelHints[hintAt]! : NONE;
      }
      if (hint !== NONE) this.levelHintSeen = true;
      if (tlp < s) tlp = nextIndex(text, 'TLP', s);
      if (colon < s) colon = nextIndex(text, ':', s);
      if (equals < s) equals = nextIndex(text, '=', s);
      if (lt < s) lt = nextIndex(text, '<', s);
      if (paren < s) paren = nextIndex(text, '(', s);
      if (tab < s) tab = nextIndex(text, '\t', s);
      if (pipe < s) pipe = nextIndex(text, '|', s);
      if (dash < s) dash = nextSpacedDash(text, s);
      if (spaces < s) spaces = nextIndex(text, '  ', s);
      const level = hint < e;
      const cells = tab < e || pipe < e || dash < e || spaces < e;
      if (level || cells || tlp < e || colon < e || equals < e || lt < e || paren < e) this.scanLine(li, level, cells);
    }
    const kept = this.dropTrainingMaterial().filter((c) => !this.onCodeLine(c.start));
    this.portions.addTo(kept);
    return dedupe(kept).map(toFinding);
  }

  /** The line holding `pos` declares code: an enum member ("KONFIDENTIELL = 2"), a typed constant, a case label. */
  private onCodeLine(pos: number): boolean {
    return CODE_LINE.test(this.lineText(firstAtOrAfter(this.starts, pos + 1) - 1));
  }

  private lineText(li: number): string {
    return this.text.slice(this.starts[li]!, this.ends[li]!);
  }

  // -------------------------------------------------------------------------

  /**
   * Scans one line. Without a level hint (`level` false) what can only act on
   * a level term is skipped, and tryLevel() does not look for one: there is
   * none. Without a cell delimiter (`cells` false) there are no cells.
   */
  private scanLine(li: number, level: boolean, cells: boolean): void {
    const base = this.starts[li]!;
    const line = this.lineText(li);
    if (!NON_BLANK.test(line)) return;
    const tried = this.tried;
    tried.clear();
    this.meta = undefined;
    this.lineRanks.clear();
    this.level = level;
    if (level) this.scanCapsTerms(li, line);
    const deco = skipDecoration(line);

    if (level && !deco.unticked) this.tryLevel(li, line, base, deco.pos, { kind: 'start', bullet: deco.bullet }, tried);
    // Without a level term only a classification or secrecy label can give a finding, and
    // every such label contains a KEY_STEM: without one, labels and cells give nothing.
    const keyed = level || KEY_STEM.test(line);
    if (keyed) this.scanLabels(li, line, base, deco.pos, tried);
    // A quoted document after a colon starts where the quote opens: 'Översätt: "HEMLIG. …'.
    if (level && line.includes(':')) {
      // Its own "tried" set: a label scan may already have tried this position in another mode.
      const quotedTried = new Set<number>();
      for (const m of line.matchAll(QUOTED_DOCUMENT)) {
        this.tryLevel(li, line, base, m.index + m[0].length, { kind: 'start', bullet: false, quoted: true }, quotedTried);
      }
    }
    if (line.includes('<')) this.scanTags(li, line, base, tried);
    if (cells && keyed) this.scanCells(li, line, base, deco.pos, tried);
    if (level && (line.includes('(') || line.includes('['))) this.scanBrackets(li, line, base, deco.pos, tried);
    this.portions.scanLine(line, base);
    if (level && line.includes('//')) this.scanBanners(li, line, base);
    if (line.includes('TLP')) this.scanTlp(li, line, base);
  }

  /** A level term at an anchor. */
  private tryLevel(li: number, line: string, base: number, pos: number, mode: Mode, tried: Set<number>): void {
    if (pos >= line.length || tried.has(pos)) return;
    tried.add(pos);
    if (pos > 0 && isWordChar(line[pos - 1])) return;
    const hit = this.level ? matchLevel(line, pos) : null;
    if (!hit) {
      if (mode.kind === 'key') this.tryLabelValue(li, line, base, pos, mode);
      return;
    }
    const { term, end } = hit;
    const text = line.slice(pos, end);
    const caps = !hasLower(text);
    const cluster = this.sight(li, term.rank, 'c');
    if (isNegated(line, pos)) return;
    if (term.capsOnly && !caps) return;
    if (term.phrase && PHRASE_NOT_A_STAMP.test(text)) return;
    if (this.otherLevelOnLine(term.rank)) return;
    const anyCase = mode.kind === 'key';
    if (!anyCase && !caps && !((mode.kind === 'start' || mode.kind === 'bracket') && startsUpper(text))) return;
    const titleCase = !anyCase && !caps;

    let spanEnd: number;
    let viaRef = false;
    let controls = false;
    const refEnd = term.family === 'sv' || term.family === 'osl' ? matchRefsAfterLevel(line, end) : -1;
    if (mode.kind === 'bracket') {
      // Only a complete bracketed stamp counts mid-line, and not in a question about markings.
      let close: number;
      if (refEnd >= 0) close = refEnd;
      else if (mode.close === ']' && caps && !term.needsRef) close = end;
      else return;
      if (line[close] === ' ') close++;
      if (line[close] !== mode.close || this.isMeta(line)) return;
      spanEnd = base + (refEnd >= 0 ? refEnd : end);
      viaRef = refEnd >= 0;
    } else if (refEnd >= 0) {
      if (!refTailOk(line, refEnd)) return;
      spanEnd = base + refEnd;
      viaRef = true;
    } else {
      const needsRef = titleCase || term.needsRef === 'always' || (term.needsRef === 'unlessCaps' && !caps);
      if (needsRef) {
        if (!restIsBlank(line, end)) return;
        const next = this.refOnNextLine(li);
        if (next < 0) return;
        spanEnd = next;
        viaRef = true;
      } else {
        const tail = standaloneTail(line, end, {
          english: !!term.english,
          secrecyWord: term.family === 'osl',
          sentenceEnd: mode.kind === 'start' && !!mode.quoted,
        });
        if (!tail.ok) return;
        spanEnd = base + tail.end;
        controls = tail.controls;
        if (tail.blank && (term.family === 'sv' || term.family === 'osl')) {
          const next = this.refOnNextLine(li);
          if (next >= 0) {
            spanEnd = next;
            viaRef = true;
          }
        }
      }
    }
    let citesOsl = false;
    if (viaRef) {
      const refText = this.text.slice(base + end, spanEnd);
      citesOsl = !OTHER_ACT.test(refText) || OSL_NAME.test(refText);
      if (citesOsl) cluster.chapters.add(chapterOf(refText));
    } else if (mode.kind === 'start' && this.followsExampleIntro(li)) {
      return;
    }
    let severity: Severity | undefined;
    if (term.critical) severity = 'critical';
    // A bare English CONFIDENTIAL line is as often a business label as a classification.
    else if (term.id === 'us-c' && !anyCase && !controls) severity = 'medium';
    this.candidates.push({
      start: base + pos,
      end: spanEnd,
      rule: ruleOf(term, citesOsl),
      severity,
      cluster,
      bullet: mode.kind === 'start' && mode.bullet,
      rank: term.rank,
      family: term.family,
      labelled: mode.kind === 'key',
    });
  }

  /** The value of a label that is not a level: an OSL reference, or "Ja" for a secrecy label. */
  private tryLabelValue(li: number, line: string, base: number, pos: number, mode: KeyMode): void {
    const refEnd = matchBareRefs(line, pos);
    let end = -1;
    if (refEnd >= 0 && refTailOk(line, refEnd)) end = refEnd;
    else if (mode.yes) end = matchYesValue(line, pos);
    if (end < 0 && mode.secrecy) end = this.refInValue(line, pos);
    if (end < 0) return;
    const cluster = this.sight(li, 0, 'c');
    cluster.chapters.add(chapterOf(line.slice(pos, end)));
    this.candidates.push({
      start: base + mode.keyStart,
      end: base + end,
      rule: MARKING_RULES.secrecyOsl,
      cluster,
      bullet: false,
      rank: 0,
      family: 'osl',
      labelled: true,
    });
  }

  /**
   * "Sekretessbedömning: Uppgifterna bedöms omfattas av sekretess enligt 21 kap. 7 § OSL":
   * the end of the first OSL reference in the value of a secrecy label, or -1
   * if there is none, the value is a question or it is negated ("… inte …").
   */
  private refInValue(line: string, pos: number): number {
    const limit = Math.min(line.length, pos + VALUE_WINDOW);
    for (let i = pos; i < limit; i++) {
      const c = line.charCodeAt(i);
      const digit = c >= 48 && c <= 57;
      if (!(digit && !isDigitCode(line.charCodeAt(i - 1))) && !(c === 79 || c === 111)) continue; // a number or "OSL"
      if (!digit && isWordChar(line[i - 1])) continue;
      const end = matchBareRefs(line, i);
      if (end < 0) continue;
      const value = line.slice(pos, end);
      if (value.includes('?') || NEGATED_VALUE.test(value) || !refTailOk(line, end)) return -1;
      return end;
    }
    return -1;
  }

  /** The level stands under "Exempel på märkning:" / "For example:" – it illustrates, it does not mark. */
  private followsExampleIntro(li: number): boolean {
    for (let k = li - 1; k >= 0 && k >= li - 3; k--) {
      if (this.starts[k] === this.ends[k]) continue;
      const prev = this.lineText(k);
      if (!NON_BLANK.test(prev)) continue;
      return prev.length <= 200 && EXAMPLE_INTRO.test(prev) && EXAMPLE_TOPIC.test(prev);
    }
    return false;
  }

  /**
   * Two different levels on one line ("HEMLIG, KONFIDENTIELL", "| HEMLIG |
   * KONFIDENTIELL |") compare or list levels; equivalents of the same rank
   * ("BEGRÄNSAT HEMLIG – RESTREINT UE") and OSL stamps do not count.
   */
  private otherLevelOnLine(rank: number): boolean {
    if (rank === 0) return false;
    for (const r of this.lineRanks) if (r !== 0 && r !== rank) return true;
    return false;
  }

  /** Whether the current line asks about or explains markings (computed once per line). */
  private isMeta(line: string): boolean {
    this.meta ??= isMetaLine(line);
    return this.meta;
  }

  /** "[HEMLIG] …" in a subject line, "… (Sekretess enligt 25 kap. 1 § OSL) …": brackets after the line start. */
  private scanBrackets(li: number, line: string, base: number, decoPos: number, tried: Set<number>): void {
    for (let i = decoPos; i < line.length; i++) {
      const c = line[i];
      if (c !== '(' && c !== '[') continue;
      let p = i + 1;
      if (line[p] === ' ') p++;
      if (!/\p{Lu}/u.test(line[p] ?? '')) continue;
      this.tryLevel(li, line, base, p, { kind: 'bracket', close: c === '(' ? ')' : ']' }, tried);
    }
  }

  /** "BEGRÄNSAT HEMLIG\nEnligt 15 kap. 2 § OSL": end (absolute) of a next line that is only a reference, or -1. */
  private refOnNextLine(li: number): number {
    if (li + 1 >= this.lineCount) return -1;
    const line = this.lineText(li + 1);
    const deco = skipDecoration(line, 0, false);
    const end = matchBareRefs(line, deco.pos);
    if (end < 0 || !refTailOk(line, end)) return -1;
    return this.starts[li + 1]! + end;
  }

  /** "Klassificering: HEMLIG", `"classification": "SECRET"`, `sekretess="ja"`, "Ämne: HEMLIG – …". */
  private scanLabels(li: number, line: string, base: number, decoPos: number, tried: Set<number>): void {
    for (let j = line.indexOf(':'), e = line.indexOf('='); j >= 0 || e >= 0; ) {
      let sep: number;
      if (e < 0 || (j >= 0 && j < e)) {
        sep = j;
        j = line.indexOf(':', j + 1);
      } else {
        sep = e;
        e = line.indexOf('=', e + 1);
      }
      const key = this.labelBefore(line, sep, decoPos);
      if (!key) continue;
      let v = sep + 1;
      while (v < line.length && v < sep + 4 && (line[v] === ' ' || line[v] === '\t')) v++;
      REPLY_PREFIX.lastIndex = v;
      if (REPLY_PREFIX.test(line)) v = REPLY_PREFIX.lastIndex;
      if (line[v] === '"' || line[v] === "'") v++;
      if (line[v] === '[' || line[v] === '(') v++;
      if (key.kind === 'generic') {
        // "Ämne: HEMLIG – …" counts, "Exempel: HEMLIG" does not.
        if (!this.level || !matchLevelCaps(line, v) || NON_MARKING_LABELS.has(normKey(line.slice(key.start, sep)))) continue;
        this.tryLevel(li, line, base, v, { kind: 'caps' }, tried);
      } else {
        this.tryLevel(li, line, base, v, key.mode, tried);
      }
    }
  }

  /** The label ending just before a ':' or '=' at `sep`, if it introduces a classification. */
  private labelBefore(
    line: string,
    sep: number,
    decoPos: number,
  ): { start: number; kind: 'label'; mode: KeyMode } | { start: number; kind: 'generic' } | null {
    let k = sep;
    while (k > 0 && sep - k < 3 && (line.charCodeAt(k - 1) === 32 || line.charCodeAt(k - 1) === 9)) k--;
    const quoted = line.charCodeAt(k - 1) === 34 || line.charCodeAt(k - 1) === 39;
    if (quoted) k--;
    const keyEnd = k;
    let s = keyEnd;
    const min = Math.max(0, keyEnd - 48);
    while (s > min && isKeyCode(line.charCodeAt(s - 1))) s--;
    if (s === keyEnd) return null;
    const region = line.slice(s, keyEnd);
    // Try "Security classification", then "classification".
    for (let st = KEY_STEM.test(region) ? s : keyEnd; st < keyEnd; ) {
      while (st < keyEnd && line[st] === ' ') st++;
      if (st >= keyEnd) break;
      const start = quoted ? st - 1 : st;
      const mode = keyMode(normKey(line.slice(st, keyEnd)), start);
      if (mode && this.labelPrefixOk(line, st, quoted, line[sep] === '=', decoPos)) return { start, kind: 'label', mode };
      const space = line.indexOf(' ', st);
      if (space < 0 || space >= keyEnd) break;
      st = space + 1;
    }
    // A short line-start label ("Ämne:", "SUBJECT:"): the value counts in capitals only (so not without a level hint).
    if (this.level && !quoted && line[sep] === ':' && s <= decoPos) {
      const raw = line.slice(decoPos, keyEnd).trim();
      if (GENERIC_LABEL.test(raw) && raw.split(' ').length <= 3) return { start: decoPos, kind: 'generic' };
    }
    return null;
  }

  private labelPrefixOk(line: string, st: number, quoted: boolean, equals: boolean, decoPos: number): boolean {
    if (quoted) return line[st - 1] === '"' || line[st - 1] === "'";
    if (st <= decoPos) return true;
    const before = line[st - 1]!;
    if ('{,;|[(\t'.includes(before)) return true;
    if (before === ' ' && (line[st - 2] === ' ' || equals)) return true;
    return false;
  }

  /** "<Classification>Hemlig enligt 22 kap. 1 § OSL</Classification>", "<p>HEMLIG</p>". */
  private scanTags(li: number, line: string, base: number, tried: Set<number>): void {
    for (let i = line.indexOf('<'); i >= 0; i = line.indexOf('<', i + 1)) {
      TAG.lastIndex = i;
      const m = TAG.exec(line);
      if (!m || m[0].endsWith('/>')) continue;
      const name = m[1]!;
      const nk = normKey(name.slice(name.lastIndexOf(':') + 1));
      let v = i + m[0].length;
      while (v < line.length && v < i + m[0].length + 3 && (line[v] === ' ' || line[v] === '\t')) v++;
      this.tryLevel(li, line, base, v, keyMode(nk, i) ?? { kind: 'caps' }, tried);
    }
  }

  /** Table and column cells: after a tab, '|', two spaces or " - ". A cell after a label cell is a label value. */
  private scanCells(li: number, line: string, base: number, decoPos: number, tried: Set<number>): void {
    const n = line.length;
    let i = decoPos;
    while (i < n) {
      const c = line[i];
      const dash = c === '-' && line[i - 1] === ' ' && line[i + 1] === ' ';
      if (c === '\t' || c === '|' || dash || (c === ' ' && line[i + 1] === ' ')) {
        const delimStart = i;
        let p = i;
        if (dash) p++;
        while (p < n && (line[p] === ' ' || line[p] === '\t' || line[p] === '|')) p++;
        if (p < n && /\p{L}/u.test(line[p]!) && !tried.has(p)) {
          this.tryLevel(li, line, base, p, this.cellMode(line, delimStart), tried);
        }
        i = p;
      } else i++;
    }
  }

  private cellMode(line: string, delimStart: number): Mode {
    let e = delimStart;
    while (e > 0 && (line[e - 1] === ' ' || line[e - 1] === ':')) e--;
    let s = e;
    const min = Math.max(0, e - 48);
    while (s > min) {
      const ch = line[s - 1]!;
      if (ch === '\t' || ch === '|' || (ch === ' ' && line[s - 2] === ' ')) break;
      s--;
    }
    const cell = line.slice(s, e);
    const nk = KEY_STEM.test(cell) ? normKey(cell) : '';
    return keyMode(nk, delimStart) ?? { kind: 'caps' };
  }

  /** Level terms in capitals anywhere on the line: they count for the training-list rule only. */
  private scanCapsTerms(li: number, line: string): void {
    CAPS_LEVEL_START.lastIndex = 0;
    for (let m = CAPS_LEVEL_START.exec(line); m; m = CAPS_LEVEL_START.exec(line)) {
      const hit = matchLevelCaps(line, m.index);
      if (!hit) continue;
      this.sight(li, hit.term.rank, 'c');
      this.lineRanks.add(hit.term.rank);
      CAPS_LEVEL_START.lastIndex = hit.end;
    }
  }

  /** "TOP SECRET//NOFORN" anywhere on a line, unless the line asks about it. */
  private scanBanners(li: number, line: string, base: number): void {
    US_BANNER.lastIndex = 0;
    for (let m = US_BANNER.exec(line); m; m = US_BANNER.exec(line)) {
      const pos = m.index;
      const end = pos + m[0].length;
      const controlsEnd = parseControls(line, end);
      if (controlsEnd < 0) continue;
      US_BANNER.lastIndex = controlsEnd;
      const before = line[pos - 1];
      if (before === '"' || before === "'" || before === '“' || before === '‘' || before === '«') continue;
      if (isNegated(line, pos)) continue;
      const critical = m[0].startsWith('TOP');
      const rank = critical ? 4 : m[0] === 'SECRET' ? 3 : 2;
      if (this.isMeta(line) || this.followsExampleIntro(li) || this.otherLevelOnLine(rank)) continue;
      this.candidates.push({
        start: base + pos,
        end: base + controlsEnd,
        rule: MARKING_RULES.us,
        severity: critical ? 'critical' : undefined,
        cluster: this.clusters.c,
        bullet: false,
        rank,
        family: 'us',
      });
    }
  }

  /** TLP:RED / TLP:AMBER anywhere on a line, unless the line explains TLP. */
  private scanTlp(li: number, line: string, base: number): void {
    const found: { pos: number; end: number; level: string }[] = [];
    TLP.lastIndex = 0;
    for (let m = TLP.exec(line); m; m = TLP.exec(line)) {
      found.push({ pos: m.index, end: m.index + m[0].length, level: m[1]! });
      this.sight(li, TLP_RANK[m[1]!]!, 't');
    }
    const levels = new Set(found.map((f) => TLP_RANK[f.level]));
    if (levels.size !== 1 || isMetaLine(line)) return;
    for (const f of found) {
      if (f.level !== 'RED' && !f.level.startsWith('AMBER')) continue;
      this.candidates.push({
        start: base + f.pos,
        end: base + f.end,
        rule: MARKING_RULES.tlp,
        cluster: this.clusters.t,
        bullet: false,
        rank: TLP_RANK[f.level]!,
        family: 'tlp',
      });
    }
  }

  // -------------------------------------------------------------------------

  /**
   * Groups level terms that stand within TRAINING_GAP lines of each other.
   * A group with three or more different levels (a slide listing KVALIFICERAT
   * HEMLIG / HEMLIG / KONFIDENTIELL / BEGRÄNSAT HEMLIG, an equivalence table)
   * is training material: its candidates are dropped. So are bullet items in
   * a group listing two or more levels ("- HEMLIG\n- KONFIDENTIELL").
   */
  private dropTrainingMaterial(): Candidate[] {
    for (const c of this.candidates) if (c.bullet) c.cluster?.bulletRanks.add(c.rank);
    return this.candidates.filter((c) => {
      if (!c.cluster || c.labelled) return true;
      if (c.cluster.ranks.size >= TRAINING_LEVELS || c.cluster.chapters.size >= TRAINING_LEVELS) return false;
      return !(c.bullet && c.cluster.bulletRanks.size >= 2);
    });
  }

  /** Records a level term on line `li` and returns the cluster it joins. */
  private sight(li: number, rank: number, group: Group): Cluster {
    let cluster = this.clusters[group];
    if (!cluster || li - cluster.lastLine > TRAINING_GAP) {
      cluster = { lastLine: li, ranks: new Set(), chapters: new Set(), bulletRanks: new Set() };
      this.clusters[group] = cluster;
    }
    cluster.lastLine = li;
    cluster.ranks.add(rank);
    return cluster;
  }

}

/**
 * The anchored findings, and whether the text has a level hint anywhere.
 * `lines` and `levelHints` (where LEVEL_HINT matches start) come from the
 * scan's TextIndex (lib/detectors/text-needles.ts).
 */
export function anchoredMarkings(text: string, lines: LineIndex, levelHints: readonly number[]): { findings: RawFinding[]; levelHint: boolean } {
  const scanner = new MarkingScanner(text, lines, levelHints);
  const findings = scanner.run();
  return { findings, levelHint: scanner.levelHintSeen };
}
