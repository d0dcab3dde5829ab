/**
 * The vocabulary of classification and secrecy markings: level terms and OSL
 * references. Every pattern is a sticky regex with bounded quantifiers, so a
 * match attempt at one position costs a bounded amount of work.
 */

export type Family = 'sv' | 'osl' | 'eu' | 'nato' | 'us';

export interface LevelTerm {
  /** Canonical level (several spellings share one id). */
  readonly id: string;
  readonly family: Family;
  /**
   * Equivalence rank across schemes, used to recognise training material that
   * lists several levels: 4 = top secret, 3 = secret, 2 = confidential,
   * 1 = restricted, 0 = an OSL secrecy stamp without a level.
   */
  readonly rank: number;
  /** Regex source, written in capitals, without capture groups. */
  readonly src: string;
  readonly critical?: boolean;
  /** An ordinary English word too (SECRET, TOP SECRET, CONFIDENTIAL): stricter tail rules. */
  readonly english?: boolean;
  /** Only ever a marking in capitals (H/TS, H/S …). */
  readonly capsOnly?: boolean;
  /**
   * 'always': a marking only together with an OSL reference;
   * 'unlessCaps': alone it must be written in capitals.
   */
  readonly needsRef?: 'always' | 'unlessCaps';
  /** Plain HEMLIG: with an OSL reference it is the traditional secrecy stamp. */
  readonly plainHemlig?: boolean;
  /** A sentence-like stamp ("Uppgifterna omfattas av sekretess …"): rejected when negated or a question. */
  readonly phrase?: boolean;
}

const S = '[ \\t]{1,3}';
const O = '[ \\t]{0,2}';
/** Ä, also decomposed (A + U+0308) and the unaccented spelling. */
const AE = '(?:Ä|A\\u0308|A)';
/** È in TRÈS, also decomposed, with an acute accent or unaccented. */
const EG = '(?:È|É|E\\u0300|E\\u0301|E)';

/** Order matters: longer and more specific spellings come first. */
export const LEVEL_TERMS: readonly LevelTerm[] = [
  { id: 'sv-kh', family: 'sv', rank: 4, critical: true, src: `KVALIFICERAT${S}HEMLIG|KVAL\\.?${O}HEMLIG` },
  { id: 'sv-bh', family: 'sv', rank: 1, src: `BEGR${AE}NSAT${S}HEMLIG` },
  // Pre-2019 bilingual Swedish markings.
  { id: 'sv-old-ts', family: 'sv', rank: 4, critical: true, src: `HEMLIG${O}/${O}TOP${S}SECRET` },
  { id: 'sv-old-s', family: 'sv', rank: 3, src: `HEMLIG${O}/${O}SECRET` },
  { id: 'sv-old-c', family: 'sv', rank: 2, src: `HEMLIG${O}/${O}CONFIDENTIAL` },
  { id: 'sv-old-r', family: 'sv', rank: 1, src: `HEMLIG${O}/${O}RESTRICTED` },
  { id: 'sv-old-ts', family: 'sv', rank: 4, critical: true, capsOnly: true, src: 'H/TS' },
  { id: 'sv-old-s', family: 'sv', rank: 3, capsOnly: true, src: 'H/S' },
  { id: 'sv-old-c', family: 'sv', rank: 2, capsOnly: true, src: 'H/C' },
  { id: 'sv-old-r', family: 'sv', rank: 1, capsOnly: true, src: 'H/R' },
  // EU (Council Decision 2013/488/EU art. 2), both halves and either order.
  {
    id: 'eu-ts',
    family: 'eu',
    rank: 4,
    critical: true,
    src: `TR${EG}S${S}SECRET${S}UE(?:${O}/${O}EU${S}TOP${S}SECRET)?|EU${S}TOP${S}SECRET(?:${O}/${O}TR${EG}S${S}SECRET${S}UE)?`,
  },
  { id: 'eu-s', family: 'eu', rank: 3, src: `SECRET${S}UE(?:${O}/${O}EU${S}SECRET)?|EU${S}SECRET(?:${O}/${O}SECRET${S}UE)?` },
  {
    id: 'eu-c',
    family: 'eu',
    rank: 2,
    src: `CONFIDENTIEL${S}UE(?:${O}/${O}EU${S}CONFIDENTIAL)?|EU${S}CONFIDENTIAL(?:${O}/${O}CONFIDENTIEL${S}UE)?`,
  },
  {
    id: 'eu-r',
    family: 'eu',
    rank: 1,
    src: `RESTREINT${S}UE(?:${O}/${O}EU${S}RESTRICTED)?|EU${S}RESTRICTED(?:${O}/${O}RESTREINT${S}UE)?`,
  },
  // NATO. NATO UNCLASSIFIED is deliberately absent.
  { id: 'nato-cts', family: 'nato', rank: 4, critical: true, src: `COSMIC${S}TOP${S}SECRET(?:${S}ATOMAL)?` },
  { id: 'nato-s', family: 'nato', rank: 3, src: `NATO${S}SECRET(?:${S}ATOMAL)?` },
  { id: 'nato-c', family: 'nato', rank: 2, src: `NATO${S}CONFIDENTIAL(?:${S}ATOMAL)?` },
  { id: 'nato-r', family: 'nato', rank: 1, src: `NATO${S}RESTRICTED` },
  // Swedish security classes (säkerhetsskyddslagen 2 kap. 5 §).
  { id: 'sv-h', family: 'sv', rank: 3, plainHemlig: true, src: 'HEMLIG' },
  { id: 'sv-k', family: 'sv', rank: 2, src: 'KONFIDENTIELL' },
  // OSL secrecy stamps and Försvarsmakten's secrecy classes.
  { id: 'osl-fm', family: 'osl', rank: 0, src: 'SEKRETESSKLASSIFICERAD|UTRIKESKLASSIFICERAD' },
  { id: 'osl', family: 'osl', rank: 0, src: 'SEKRETESSBELAG(?:DA|D|T)|SEKRETESSMARKERAD' },
  { id: 'osl', family: 'osl', rank: 0, needsRef: 'always', src: 'SEKRETESSMARKERING' },
  // "Handlingen är sekretessmarkerad", "Uppgifterna i denna handling omfattas av sekretess" (+ reference).
  {
    id: 'osl',
    family: 'osl',
    rank: 0,
    needsRef: 'unlessCaps',
    phrase: true,
    src:
      `(?:[\\p{L}]{1,20}${S}){0,5}(?:OMFATTAS${S}AV${S}SEKRETESS|${AE}R${S}SEKRETESS(?:MARKERAD|BELAGD)[A-Z]{0,2}|` +
      `SEKRETESS${S}G${AE}LLER)`,
  },
  { id: 'osl', family: 'osl', rank: 0, src: 'SEKRETESS' },
  // US / English.
  { id: 'us-ts', family: 'us', rank: 4, critical: true, english: true, src: `TOP${S}SECRET` },
  { id: 'us-s', family: 'us', rank: 3, english: true, src: 'SECRET' },
  { id: 'us-c', family: 'us', rank: 2, english: true, src: 'CONFIDENTIAL' },
  // Abbreviated banners ("TS//SCI", "S//NF"), only when "//" controls follow.
  { id: 'us-ts', family: 'us', rank: 4, critical: true, capsOnly: true, src: 'TS(?=[ \\t]?//)' },
  { id: 'us-s', family: 'us', rank: 3, capsOnly: true, src: 'S(?=[ \\t]?//)' },
  { id: 'us-c', family: 'us', rank: 2, capsOnly: true, src: 'C(?=[ \\t]?//)' },
];

const LEVEL_SRC = LEVEL_TERMS.map((t) => `(${t.src})(?![\\p{L}\\p{N}])`).join('|');
/** Any case: used where a label or the OSL reference tells us it is a marking. */
export const LEVEL_ANY_CASE = new RegExp(LEVEL_SRC, 'iuy');
/** Capitals only: used to spot level terms anywhere on a line. */
export const LEVEL_CAPS = new RegExp(LEVEL_SRC, 'uy');

export interface LevelHit {
  readonly term: LevelTerm;
  readonly end: number;
}

function hitOf(re: RegExp, line: string, pos: number): LevelHit | null {
  re.lastIndex = pos;
  const m = re.exec(line);
  if (!m) return null;
  for (let g = 1; g < m.length; g++) {
    if (m[g] !== undefined) return { term: LEVEL_TERMS[g - 1]!, end: pos + m[0].length };
  }
  return null;
}

/** A level term starting exactly at `pos`, in any case. */
export function matchLevel(line: string, pos: number): LevelHit | null {
  return hitOf(LEVEL_ANY_CASE, line, pos);
}

/** A level term in capitals starting exactly at `pos`. */
export function matchLevelCaps(line: string, pos: number): LevelHit | null {
  return hitOf(LEVEL_CAPS, line, pos);
}

/**
 * Every match of a level term, in any case, contains one of these words (or,
 * for TS/S/C, is followed by "//" on its line): a line without any of them has
 * no level term, so the scanner skips the level matching there. Same `iu`
 * flags as LEVEL_ANY_CASE, so case folding agrees (ſ, K). Keep in step with
 * LEVEL_TERMS and with US_BANNER in markings.ts.
 */
export const LEVEL_HINT = /hemlig|secret|[ck]onfidenti|restr|utrikes|sekretess|h\/|\/\//giu;

/** Cheap prefilter for places where a level term in capitals may start. */
export const CAPS_LEVEL_START =
  /(?<![\p{L}\p{N}])(?:KVAL|BEGR|HEMLIG|H\/|KONFIDENTIELL|SEKRETESS|UTRIKES|TR[ÈÉE]|EU|SECRET|CONFIDENTI|RESTREINT|COSMIC|NATO|TOP)/gu;

// ---------------------------------------------------------------------------
// OSL references: "25 kap. 1 § OSL", "15:2 OSL", "OSL 26:1", "26 kap 1 §
// offentlighets- och sekretesslagen (2009:400)", "18 kap. 8 a §", "21 kap. 7 och 8 §§".

const SP = '[ \\t]';
const NUM = '\\d{1,2}(?!\\d)';
const SEC = `${NUM}(?:${SP}?[a-z](?![\\p{L}\\p{N}]))?`;
/** OSL by any of its names, or another act ("2 kap. 5 § säkerhetsskyddslagen"), optionally with its SFS number. */
const LAW =
  `(?:i${SP}{1,2})?(?:[O0]SL|SekrL|offentlighets-?${SP}{0,2}och${SP}{1,2}sekretesslagen|[\\p{L}-]{0,30}(?:lagen|förordningen))` +
  `(?![\\p{L}\\p{N}])(?:${SP}{0,2}\\(\\d{4}:\\d{1,4}\\))?`;
const STYCKE = `(?:${SP}{1,2}(?:första|andra|tredje|fjärde|femte|sjätte|sjunde|åttonde|${NUM})${SP}{0,2}(?:stycket|st\\.?)(?![\\p{L}]))?`;
const PUNKT = `(?:${SP}{1,2}(?:punkten|punkt|p\\.?)${SP}{0,2}${NUM})?`;
const KAP =
  `${NUM}${SP}{0,2}kap(?:\\.|itlet)?${SP}{0,2}${SEC}(?:${SP}{0,2}(?:-|–|och|,)${SP}{0,2}${SEC})?` +
  `${SP}{0,2}§{1,2}${STYCKE}${PUNKT}(?:${SP}{0,2}${LAW})?`;
const COLON = `${NUM}${SP}?:${SP}?${SEC}${SP}{1,2}(?:[O0]SL|SekrL)(?![\\p{L}\\p{N}])`;
const LAW_FIRST =
  `(?:OSL|SekrL)${SP}{0,2}(?:${NUM}${SP}?:${SP}?${SEC}|${NUM}${SP}{0,2}kap\\.?${SP}{0,2}${SEC}${SP}{0,2}§{1,2})` +
  `(?![\\p{N}])`;
const REF = `(?:${KAP}|${COLON}|${LAW_FIRST})`;
const REF_WORD =
  `(?:enligt|en[lI1]\\.?|jämlikt|jml\\.?|jfr\\.?|jämför|jmf\\.?|se|med${SP}{1,2}stöd${SP}{1,2}av|i${SP}{1,2}enlighet${SP}{1,2}med|` +
  `according${SP}{1,2}to|pursuant${SP}{1,2}to|under)(?![\\p{L}])`;

/** Right after a level: separator, optional "enligt"/"jfr", then a reference. */
export const FIRST_REF = new RegExp(`${SP}{0,3}(?:[,:;(\\-–]${SP}{0,3})?(?:${REF_WORD}${SP}{0,3})?${REF}`, 'iuy');
/** A further reference: "…, 26 kap. 1 § OSL", "… och 25:1 OSL". */
export const MORE_REF = new RegExp(
  `${SP}{0,3}(?:,|;|och|samt|respektive|resp\\.?|eller|and|&)${SP}{0,3}${REF}`,
  'iuy',
);
/** A value that is just a reference ("Sekretess: 25 kap. 1 § OSL", a line "Enligt 15 kap. 2 § OSL"). */
export const BARE_REF = new RegExp(`(?:[(\\[]${SP}{0,2})?(?:${REF_WORD}${SP}{0,3})?${REF}`, 'iuy');

function moreRefs(line: string, end: number): number {
  for (let i = 0; i < 8; i++) {
    MORE_REF.lastIndex = end;
    const m = MORE_REF.exec(line);
    if (!m) break;
    end += m[0].length;
  }
  return end;
}

/** End of the OSL reference(s) that follow a level at `pos`, or -1. */
export function matchRefsAfterLevel(line: string, pos: number): number {
  FIRST_REF.lastIndex = pos;
  const m = FIRST_REF.exec(line);
  return m ? moreRefs(line, pos + m[0].length) : -1;
}

/** End of a bare reference (optionally "Enligt …" or in brackets) starting at `pos`, or -1. */
export function matchBareRefs(line: string, pos: number): number {
  BARE_REF.lastIndex = pos;
  const m = BARE_REF.exec(line);
  return m ? moreRefs(line, pos + m[0].length) : -1;
}

// ---------------------------------------------------------------------------
// Labels whose value is a classification.

/** Lower case, diacritics and non-letters removed: "Säkerhetsskyddsklass" → "sakerhetsskyddsklass". */
export function normKey(raw: string): string {
  // ASCII (most labels): the letters, in lower case, without a Unicode normalisation.
  let ascii = true;
  for (let i = 0; i < raw.length; i++) {
    if (raw.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (!ascii) return raw.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '');
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 97 && c <= 122) out += raw[i];
    else if (c >= 65 && c <= 90) out += String.fromCharCode(c + 32);
  }
  return out;
}

/** Labels of a classification: the value may be written in any case. */
export const CLASS_KEYS: ReadonlySet<string> = new Set([
  'klass',
  'klassificering',
  'klassificeringsniva',
  'klassificeringsmarkning',
  'klassning',
  'informationsklass',
  'informationsklassning',
  'informationsklassificering',
  'informationssakerhetsklass',
  'sakerhetsskyddsklass',
  'sakerhetsskyddsklassificering',
  'sakerhetsskyddsniva',
  'sakerhetsklass',
  'sakerhetsklassning',
  'sakerhetsklassificering',
  'skyddsklass',
  'skyddsniva',
  'sekretessklass',
  'sekretessklassning',
  'sekretessniva',
  'sekretessgrad',
  'markning',
  'sakerhetsmarkning',
  'classification',
  'classificationlevel',
  'classificationmarking',
  'securityclassification',
  'securitylevel',
  'securitymarking',
  'protectivemarking',
  'marking',
]);

/**
 * Labels whose value "Ja" marks the document as secret. Not "Sekretessmarkering:
 * Ja": in a person record that means protected personal data (another category).
 */
export const YES_KEYS: ReadonlySet<string> = new Set(['sekretess', 'secrecy', 'sekretessbelagd']);

/** Labels of secrecy: the value may also be an OSL reference. */
export const SECRECY_KEYS: ReadonlySet<string> = new Set([
  'sekretess',
  'sekretessbelagd',
  'sekretessmarkering',
  'sekretessbedomning',
  'sekretessgrund',
  'sekretessbestammelse',
  'oslparagraf',
  'secrecy',
]);

/** Short line-start labels that introduce an example or a question, not a marking. */
export const NON_MARKING_LABELS: ReadonlySet<string> = new Set([
  'exempel',
  'exempelvis',
  'example',
  'examples',
  'eg',
  'tex',
  'fraga',
  'question',
  'svar',
  'answer',
  'alternativ',
  'option',
  'uppgift',
  'ovning',
  'exercise',
  'quiz',
]);
