/**
 * Helpers that look at the shape of a line around a level term: leading
 * decoration, what follows the term, US banner control markings. Every
 * function looks at a bounded window, so the cost per call is constant.
 */

/** How far after a term the tail rules look. */
const WINDOW = 160;

const WORD_CHAR = /[\p{L}\p{N}]/u;
const LOWER = /\p{Ll}/u;
const UPPER_START = /^\p{Lu}/u;

/** A letter or digit (one UTF-16 code unit), without a regex call for ASCII and Latin-1 letters. */
export function isWordCode(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  if (c >= 0xc0 && c <= 0xff) return c !== 0xd7 && c !== 0xf7;
  return WORD_CHAR.test(String.fromCharCode(c));
}

export function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && isWordCode(ch.charCodeAt(0));
}

export function hasLower(s: string): boolean {
  return LOWER.test(s);
}

export function startsUpper(s: string): boolean {
  return UPPER_START.test(s);
}

export interface Decoration {
  /** First position after the decoration. */
  readonly pos: number;
  /** The line is a bullet item ("- HEMLIG", "• HEMLIG"). */
  readonly bullet: boolean;
  /** An unticked box precedes the term ("[ ] HEMLIG", "☐ HEMLIG"): not applied. */
  readonly unticked: boolean;
}

const TICKED_BOX = /[[(][xX✓✔][\])]/y;
const UNTICKED_BOX = /[[(] ?[\])]/y;

/**
 * Skips what may stand before a marking at the start of a line: spaces,
 * Markdown (#, >, *, **, |), bullets, rules (---, ===), opening brackets and
 * ticked boxes. Quotes are not decoration: a quoted level is a title or a mention.
 */
export function skipDecoration(line: string, from = 0, brackets = true): Decoration {
  let i = from;
  let bullet = false;
  let unticked = false;
  const limit = Math.min(line.length, from + 40);
  while (i < limit) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '#' || c === '>' || c === '*' || c === '_' || c === '=' || c === '~' || c === '|' || c === '`') {
      if (c === '*' && line[i + 1] === ' ' && line[i - 1] !== '*') bullet = true;
      i++;
    } else if (c === '-' || c === '–' || c === '•' || c === '·' || c === '▪' || c === '◦') {
      if (line[i + 1] === ' ' && line[i - 1] !== '-') bullet = true;
      i++;
    } else if (c === '☐' || c === '□') {
      unticked = true;
      i++;
    } else if (c === '☒' || c === '☑' || c === '✓' || c === '✔') {
      i++;
    } else if (brackets && (c === '[' || c === '(')) {
      TICKED_BOX.lastIndex = i;
      if (TICKED_BOX.test(line)) {
        i += 3;
        continue;
      }
      UNTICKED_BOX.lastIndex = i;
      const m = UNTICKED_BOX.exec(line);
      if (m) {
        unticked = true;
        i += m[0].length;
        continue;
      }
      i++;
    } else break;
  }
  return { pos: i, bullet, unticked };
}

/** Words that negate a following level: "EJ SEKRETESS", "NOT CLASSIFIED", "INTE HEMLIG". */
const NEGATIONS = new Set(['ej', 'inte', 'icke', 'ingen', 'inga', 'not', 'non', 'no', 'un', 'nicht']);

export function isNegated(line: string, pos: number): boolean {
  let i = pos;
  let skipped = 0;
  while (i > 0 && skipped < 3 && (line[i - 1] === ' ' || line[i - 1] === '\t' || line[i - 1] === '-')) {
    i--;
    skipped++;
  }
  let j = i;
  while (j > 0 && i - j < 6 && /\p{L}/u.test(line[j - 1]!)) j--;
  if (j === i || (j > 0 && /\p{L}/u.test(line[j - 1]!))) return false;
  return NEGATIONS.has(line.slice(j, i).toLowerCase());
}

/** Emphasis around a term: **HEMLIG**, _HEMLIG_, `HEMLIG`. */
const EMPHASIS = /[*_~`]{1,3}/y;
/** What closes a quoted, bracketed or tagged value. */
const CLOSER = /[ \t]{0,2}(?:<\/[^<>]{0,60}>|["'”’»)\]}]|\/>)/y;

/** Skips emphasis and closers after a term; reports whether a closer was seen. */
function skipClosers(line: string, pos: number): { pos: number; closed: boolean } {
  let i = pos;
  let closed = false;
  for (let n = 0; n < 8; n++) {
    EMPHASIS.lastIndex = i;
    const e = EMPHASIS.exec(line);
    if (e) {
      i += e[0].length;
      continue;
    }
    CLOSER.lastIndex = i;
    const c = CLOSER.exec(line);
    if (c) {
      i += c[0].length;
      closed = true;
      continue;
    }
    break;
  }
  return { pos: i, closed };
}

/** Nothing but emphasis, closers and spaces until the end of the line. */
export function restIsBlank(line: string, pos: number): boolean {
  const { pos: i } = skipClosers(line, pos);
  return line.slice(i, i + WINDOW).trim() === '' && line.length - i <= WINDOW;
}

/**
 * Parses US banner control markings after a level: "//NOFORN",
 * "//REL TO USA, FVEY", " // SI // NF". Returns the end of the last control
 * token, or -1 when there is no "//" with a token after it.
 */
export function parseControls(line: string, pos: number): number {
  let i = pos;
  if (line[i] === ' ' || line[i] === '\t') i++;
  if (line[i] !== '/' || line[i + 1] !== '/') return -1;
  i += 2;
  if (line[i] === ' ') i++;
  const limit = Math.min(line.length, pos + WINDOW);
  let last = -1;
  while (i < limit) {
    let k = i;
    while (k < limit && /[A-Z0-9-]/.test(line[k]!)) k++;
    if (k === i || isWordChar(line[k])) break;
    last = k;
    if (line[k] === '/' && line[k + 1] === '/') i = k + 2 + (line[k + 2] === ' ' ? 1 : 0);
    else if (line[k] === ' ' && line[k + 1] === '/' && line[k + 2] === '/') i = k + 3 + (line[k + 3] === ' ' ? 1 : 0);
    else if (line[k] === '/') i = k + 1;
    else if (line[k] === ',') i = k + 1 + (line[k + 1] === ' ' ? 1 : 0);
    else if (line[k] === ' ' && line[k + 1] !== ' ') i = k + 1;
    else break;
  }
  return last;
}

/** Words after a separator that show a handling instruction or stamp detail. */
const HANDLING =
  /sprid|kopier|får\s+(?:ej|inte)|ej\s+för|endast|utlämn|lämnas\s+(?:ej|inte|ut)|röj|exemplar|(?:^|[^\p{L}])ex(?:\.|\s|$)|(?:^|[^\p{L}])nr(?:[^\p{L}]|$)|sida|(?:^|[^\p{L}])sid\.|bilaga|(?:^|[^\p{L}])dnr|diarie|datum|säkerhetsskydd|enligt|(?:^|[^\p{L}])only|distribution|releas|not\s+for|(?:^|[^\p{L}])copy|(?:^|[^\p{L}])page|noforn|orcon|eyes|utkast|draft/iu;
/** Words right after a term (no separator) that belong to a stamp. */
const STAMP_WORD =
  /^(?:exemplar|ex\.?|nr|kopia|sida|sid\.?|bilaga|dnr|diarienr|datum|enl(?:igt|\.)|jfr|copy|page|rel(?:\s+to)?|releasable|noforn|orcon|eyes|only|utkast|draft|\d)(?![\p{L}])/iu;
/** A negative answer after "SEKRETESS:". */
const NEGATIVE_VALUE = /^(?:nej|ej|inte|ingen|inga|no|none|false|n\/a|0|-)(?![\p{L}\p{N}])/iu;
const SEPARATOR = /[ \t]{0,3}([-–:|/,;.([])[ \t]{0,3}/y;
/** US dissemination controls: the only lower-case-free-text evidence accepted after an English level word. */
const US_CONTROLS = /noforn|orcon|propin|imcon|relido|fvey|rel(?:easable)?\s+to/i;
/** A capitalised continuation that starts with a function word is a heading, not a stamp ("SEKRETESS OCH TYSTNADSPLIKT"). */
const FUNCTION_WORD = /^(?:OCH|ELLER|SAMT|I|OM|FÖR|AV|PÅ|MED|SOM|ÄR|INOM|VID|AND|OR|OF|FOR|IS|THE|IN|ON|AT)(?![\p{L}\p{N}])/u;

export interface TailOptions {
  /** SECRET, TOP SECRET, CONFIDENTIAL: ordinary English words, so a capitalised title after a dash is not enough. */
  readonly english: boolean;
  /** SEKRETESS is a common heading word: a capitalised text after a dash is not enough. */
  readonly secrecyWord: boolean;
  /** The level opens a quoted document: a full stop and a new sentence may follow it. */
  readonly sentenceEnd?: boolean;
}

export interface Tail {
  readonly ok: boolean;
  /** End of the marking: past banner controls ("//NOFORN") if there are any. */
  readonly end: number;
  /** Nothing follows on the line. */
  readonly blank: boolean;
  readonly controls: boolean;
}

const FAIL: Tail = { ok: false, end: -1, blank: false, controls: false };

/**
 * Decides whether what follows a level term on its line is consistent with a
 * marking ("HEMLIG", "KONFIDENTIELL – får ej spridas", "TOP SECRET//NOFORN",
 * "HEMLIG  Exemplar 2", "[HEMLIG] Möte") rather than a sentence that mentions
 * the level ("HEMLIG är den näst högsta klassen", "TOP SECRET – spioner och
 * koder").
 */
export function standaloneTail(line: string, pos: number, opts: TailOptions): Tail {
  // A compound ("HEMLIG-stämpeln") is a mention.
  if (line[pos] === '-' && /\p{L}/u.test(line[pos + 1] ?? '')) return FAIL;
  let end = pos;
  let controls = false;
  const c = parseControls(line, pos);
  if (c > 0) {
    end = c;
    controls = true;
  }
  const { pos: i, closed } = skipClosers(line, end);
  const rest = line.slice(i, i + WINDOW);
  if (rest.includes('?')) return FAIL;
  if (rest.trim() === '') {
    const blank = line.length - i <= WINDOW;
    return { ok: true, end, blank, controls };
  }
  if (closed || controls) return { ok: true, end, blank: false, controls };
  // A quoted document's stamp may end like a sentence: '"KVALIFICERAT HEMLIG. Underrättelsebedömning …'.
  if (opts.sentenceEnd && /^\.[ \t]+\p{Lu}/u.test(rest)) return { ok: true, end, blank: false, controls };
  // Columns: "HEMLIG<tab>Dnr 123", "HEMLIG    2024-03-01".
  if (rest[0] === '\t' || (rest[0] === ' ' && rest[1] === ' ')) return { ok: true, end, blank: false, controls };
  SEPARATOR.lastIndex = 0;
  const sep = SEPARATOR.exec(rest);
  if (sep) {
    const s = sep[1]!;
    const after = rest.slice(sep[0].length);
    if (s === ':' && NEGATIVE_VALUE.test(after)) return FAIL;
    if (!hasLower(after)) return { ok: true, end, blank: false, controls };
    // "CONFIDENTIAL: This message is intended only for …" is a business e-mail footer.
    if ((opts.english ? US_CONTROLS : HANDLING).test(after)) return { ok: true, end, blank: false, controls };
    const titleSeparator = s === '-' || s === '–' || s === '|' || s === '/' || s === '(' || s === '[';
    if (titleSeparator && !opts.english && !opts.secrecyWord && startsUpper(after)) {
      return { ok: true, end, blank: false, controls };
    }
    return FAIL;
  }
  if (rest[0] === ' ' || rest[0] === '\t') {
    const after = rest.trimStart();
    if (STAMP_WORD.test(after)) return { ok: true, end, blank: false, controls };
    if (hasLower(after)) return FAIL;
    if (US_CONTROLS.test(after) || (!opts.english && HANDLING.test(after))) return { ok: true, end, blank: false, controls };
    if (!opts.english && !opts.secrecyWord && !FUNCTION_WORD.test(after)) return { ok: true, end, blank: false, controls };
  }
  return FAIL;
}

const REF_TAIL_WORD =
  /^[ \t]{1,3}(?:\d|\(|datum|dnr|diarie|beslut|markerad|antecknad|anteckning|myndighet|exemplar|sida|ex\.)/iu;

/**
 * After an OSL reference: the line must end, or continue with punctuation,
 * a date, an authority in capitals … — not with prose ("… § OSL gäller för …").
 */
export function refTailOk(line: string, pos: number): boolean {
  const { pos: i, closed } = skipClosers(line, pos);
  const rest = line.slice(i, i + WINDOW);
  if (rest.includes('?')) return false;
  if (closed || rest.trim() === '') return true;
  if (/^[ \t]{0,2}[,;:.\-–|/)\]]/.test(rest)) return true;
  if (rest[0] === '\t' || (rest[0] === ' ' && rest[1] === ' ')) return true;
  if (REF_TAIL_WORD.test(rest)) return true;
  return (rest[0] === ' ' || rest[0] === '\t') && !hasLower(rest);
}

const YES = /(?:ja|yes|true|j)(?![\p{L}\p{N}])/iuy;

/** "Sekretess: Ja" / `"sekretess": true` / `<Sekretess>Ja</Sekretess>`; returns the end of the value or -1. */
export function matchYesValue(line: string, pos: number): number {
  YES.lastIndex = pos;
  const m = YES.exec(line);
  if (!m) return -1;
  const end = pos + m[0].length;
  const { pos: i, closed } = skipClosers(line, end);
  const rest = line.slice(i, i + WINDOW);
  if (rest.includes('?') || /^[ \t]{0,2}\//.test(rest)) return -1; // "ja/nej" is a form, not an answer
  if (closed || rest.trim() === '' || /^[ \t]{0,2}[,;.)\]}]/.test(rest)) return end;
  return -1;
}

/** The line talks about markings rather than carrying one. */
const META_WORDS =
  /(?:^|[^\p{L}])(?:vad|hur|varför|förklara|beskriv|skillnad(?:en)?|betyder|innebär|exempel|what|how|why|explain|describe|difference|meaning|means|mean|example)(?![\p{L}])/iu;

export function isMetaLine(line: string): boolean {
  return line.includes('?') || META_WORDS.test(line);
}
