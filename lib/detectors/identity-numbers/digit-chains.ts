/**
 * Digit groups and the separators between them.
 *
 * Real exports write an identity number in many ways: "850302-1234",
 * "850302  1234", "1985-03-02-1234", "85.03.02-1234", "1985 0302 1234",
 * "198 503 021 234", "8 5 0 3 0 2 - 1 2 3 4", "850302&ndash;1234",
 * "850302\u2013 1234" in JSON source, a dash at the end of a PDF line … The
 * detector first splits the text into maximal runs of digits (groups) and
 * classifies what stands between two neighbouring groups; the shapes in
 * shapes.ts then decide which runs of groups can be one number.
 *
 * One forward pass over the text; each gap is looked at once and is short.
 */
import type { DigitRuns } from '../../text/text-index';

/** What stands between two digit groups. */
export type Sep =
  /** One space (or an encoded no-break space). */
  | 'space'
  /** Two or more spaces, or a tab: a column gap. */
  | 'spaces'
  /** A dash (any kind, also &ndash; or \u2013), with or without spaces around it. */
  | 'dash'
  /** A dash at the end of a line, the number going on on the next one (PDF wrap, CRLF too). */
  | 'dashBreak'
  | 'plus'
  | 'dot'
  | 'comma'
  /** ". " or ", " between two values of a row. */
  | 'listGap'
  /** A table or CSV cell boundary: '|', ';', a quoted CSV comma. */
  | 'cell'
  /** An underscore: file names and keys ("Lonespec_710615_6636.pdf"). */
  | 'underscore'
  /** A slash, as in old mainframe prints ("430430/1510"). */
  | 'slash'
  /** A line break with no dash: a PDF table whose cells came out on two lines. */
  | 'lineBreak';

export interface DigitGroup {
  start: number;
  end: number;
}

/**
 * Maximal runs of ASCII digits (the text is normalised, so every Unicode digit
 * is one by now). JSON escapes and numeric HTML entities are matched too, so
 * that their hex or decimal digits are never read as part of a number
 * ("850302\u20131234" is 850302, a dash, 1234).
 */
const DIGITS = /\\u[0-9a-fA-F]{4}|&#(?:[xX][0-9a-fA-F]{1,6}|\d{1,7});|\d+/g;
const PLAIN_DIGITS = /\d+/g;
/** Gaps longer than this are never a separator. */
const MAX_GAP = 24;

const ENCODED_DASH = String.raw`(?:-|&(?:ndash|mdash|minus|hyphen|dash);|&#(?:45|8208|8209|8210|8211|8212|8722);|&#x(?:2d|201[0-4]|2212);|\\u(?:002[dD]|201[0-4]|2212))`;
const ENCODED_SPACE = String.raw`(?:&nbsp;|&#160;|&#x[aA]0;|\\u00[aA]0|\\u0020|\\u202[fF]|\\u2009)`;

/** The gap without its outer spaces and tabs, matched whole: one or two encoded spaces. */
const CORE_SPACE = new RegExp(`^${ENCODED_SPACE}{1,2}$`, 'i');
/** A dash, perhaps encoded and with encoded spaces around it. */
const CORE_DASH = new RegExp(`^${ENCODED_SPACE}{0,2}${ENCODED_DASH}${ENCODED_SPACE}{0,2}$`, 'i');
/** A dash at the end of a line. */
const CORE_DASH_BREAK = new RegExp(`^${ENCODED_DASH}[ \\t]{0,6}\\r?\\n$`, 'i');
/** For the regex inventory (tests/unit/regex-inventory.ts). */
export const GAP_PATTERNS = { CORE_SPACE, CORE_DASH, CORE_DASH_BREAK };

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

/**
 * What a gap between two digit groups is, or null when it is not a separator.
 * Written as code around three small anchored patterns: a gap is at most
 * MAX_GAP characters, and no pattern here can backtrack over runs of spaces.
 */
export function classifyGap(gap: string): Sep | null {
  if (gap.length === 0 || gap.length > MAX_GAP) return null;
  let s = 0;
  let e = gap.length;
  while (s < e && isBlank(gap[s])) s++;
  while (e > s && isBlank(gap[e - 1])) e--;
  const core = gap.slice(s, e);
  const padded = s > 0 || e < gap.length;
  if (core === '') return gap.length >= 2 || gap.includes('\t') ? 'spaces' : 'space';
  if (core === '+') return 'plus';
  if (core === '_') return padded ? null : 'underscore';
  if (core === '/') return padded ? null : 'slash';
  if (core === '\n' || core === '\r\n') return 'lineBreak';
  // Boxes of a form read by OCR: "|9|-|5|", "| - |".
  if (/^\|?[ \t]{0,2}-[ \t]{0,2}\|?$/.test(core) && core.includes('|')) return 'dash';
  if ((core === '.' || core === ',') && s === 0) return e === gap.length ? (core === '.' ? 'dot' : 'comma') : gap.length === 2 ? 'listGap' : null;
  if (core === '|' || core === ';') return 'cell';
  // A quoted CSV or JSON boundary: '","', '";"', '", "'.
  if (core.length <= 8 && (core.startsWith('"') || core.endsWith('"'))) {
    let inner = core;
    if (inner.startsWith('"')) inner = inner.slice(1);
    if (inner.endsWith('"')) inner = inner.slice(0, -1);
    let a = 0;
    let b = inner.length;
    while (a < b && isBlank(inner[a])) a++;
    while (b > a && isBlank(inner[b - 1])) b--;
    const mark = inner.slice(a, b);
    return mark === ',' || mark === ';' || mark === '|' ? 'cell' : null;
  }
  if (CORE_DASH.test(core)) return 'dash';
  if (CORE_DASH_BREAK.test(core)) return 'dashBreak';
  if (!padded && CORE_SPACE.test(core)) return 'space';
  if (CORE_SPACE.test(core)) return 'spaces';
  return null;
}

/**
 * A chain: groups joined by separators. `seps[i]` stands between `groups[i]`
 * and `groups[i + 1]`.
 */
export interface Chain {
  groups: DigitGroup[];
  seps: Sep[];
}

/** classifyGap for a gap of one character, read as a char code (tests/unit/identity-forms.test.ts checks they agree). */
export function singleCharGap(c: number): Sep | null {
  switch (c) {
    case 32:
      return 'space';
    case 9:
      return 'spaces';
    case 45:
      return 'dash';
    case 43:
      return 'plus';
    case 46:
      return 'dot';
    case 44:
      return 'comma';
    case 124:
    case 59:
      return 'cell';
    case 95:
      return 'underscore';
    case 47:
      return 'slash';
    case 10:
      return 'lineBreak';
    default:
      return null;
  }
}

/**
 * Splits the text into chains of digit groups, in text order. `runs`: the
 * text's runs of digits (/\d+/g), when the scan has them already.
 */
export function digitChains(text: string, runs?: DigitRuns): Chain[] {
  const chains: Chain[] = [];
  let current: Chain | null = null;
  // Most texts hold no escape and no numeric entity: then a plain run of digits is all there is to find.
  const escapes = text.includes('\\u') || text.includes('&#');
  const groups = !escapes && runs ? runs : digitGroups(text, escapes ? DIGITS : PLAIN_DIGITS);
  for (let k = 0; k < groups.starts.length; k++) {
    const group = { start: groups.starts[k]!, end: groups.ends[k]! };
    const prev = current?.groups[current.groups.length - 1];
    const gap = prev ? group.start - prev.end : MAX_GAP + 1;
    // One character between two groups is the common case ("68 400", "08-123"): no slice for it.
    const sep = gap === 1 ? singleCharGap(text.charCodeAt(prev!.end)) : gap <= MAX_GAP ? classifyGap(text.slice(prev!.end, group.start)) : null;
    if (current && sep) {
      current.groups.push(group);
      current.seps.push(sep);
    } else {
      current = { groups: [group], seps: [] };
      chains.push(current);
    }
  }
  return chains;
}

/** The digit groups DIGITS or PLAIN_DIGITS finds (escapes and entities are matched, and left out). */
function digitGroups(text: string, re: RegExp): DigitRuns {
  const starts: number[] = [];
  const ends: number[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const first = m[0].charCodeAt(0);
    if (first < 48 || first > 57) continue; // an escape or an entity
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  return { starts, ends };
}

/** Separators that join parts of ONE number: a neighbour joined this way makes the number longer. */
export function isTight(sep: Sep | undefined): boolean {
  return sep === 'dash' || sep === 'dashBreak' || sep === 'plus' || sep === 'dot';
}
