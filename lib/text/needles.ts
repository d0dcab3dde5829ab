/**
 * Families of literal words ("needles") looked for anywhere in a text, case
 * insensitively, by ONE regex search for all of them instead of one search
 * per family. Each family gets the ascending start offsets of its needles —
 * overlapping ones included — and the length of its longest needle at each,
 * which is all the per-family searches were asked: is there one on this line,
 * where is the next one, and (for a family searched match by match) what the
 * family's own alternation, longest first, would have matched there.
 *
 * Matching is that of the families' own /gi regexes (not /iu): a letter
 * matches its ASCII or Latin-1 case partner only (/iu also folds ſ to s, the
 * Kelvin sign to k and the Ångström sign to å). Needles are Latin-1 (but µ and ÿ).
 */

/** Where a family's needles start, ascending (every occurrence, also overlapping ones), and the longest one at each. */
export interface Hits {
  readonly positions: readonly number[];
  readonly lengths: readonly number[];
}

export type NeedleHits = readonly Hits[];

/**
 * Plain arrays, not typed arrays: hits are few, and making a typed array
 * costs as much as tokenising a short prompt.
 */
const newHits = (): { positions: number[]; lengths: number[] } => ({ positions: [], lengths: [] });
const NO_HITS: Hits = { positions: [], lengths: [] };

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** The needle a /gi match of Latin-1 needles stands for: its lower case (/i pairs A–Z and À–Þ with their lower case only). */
const needleKey = (s: string): string => s.toLowerCase();

/** Needles of several families, searched for at once. */
export class NeedleScan {
  /** All needles of all families, longest first: at each position the first alternative that matches is the longest. */
  readonly regex: RegExp;
  /** For each needle (lower case): per family, the length of the family's longest needle that is a prefix of it (0: none). */
  private readonly prefixLengths = new Map<string, Int32Array>();

  constructor(private readonly families: readonly (readonly string[])[]) {
    const needles = new Set<string>();
    for (const family of families) {
      for (const needle of family) {
        // Latin-1 without µ and ÿ, whose /i partners (μ, Ÿ) are not: then a match's lower case is its needle.
        if (!/^[\u0000-\u00b4\u00b6-\u00fe]+$/.test(needle)) throw new Error(`needle ${JSON.stringify(needle)}: Latin-1 only`);
        needles.add(needleKey(needle));
      }
    }
    for (const needle of needles) {
      const lengths = new Int32Array(families.length);
      families.forEach((family, f) => {
        for (const other of family) {
          const o = needleKey(other);
          if (needle.startsWith(o) && o.length > lengths[f]!) lengths[f] = o.length;
        }
      });
      this.prefixLengths.set(needle, lengths);
    }
    const alternatives = [...needles].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map(escapeRegex);
    this.regex = new RegExp(alternatives.join('|'), 'gi');
  }

  /** Every needle of every family in `text`, in one search (families without a hit share one empty Hits). */
  find(text: string): NeedleHits {
    const found: ({ positions: number[]; lengths: number[] } | undefined)[] = this.families.map(() => undefined);
    const re = this.regex;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const lengths = this.prefixLengths.get(needleKey(m[0]))!;
      for (let f = 0; f < lengths.length; f++) {
        if (lengths[f]! === 0) continue;
        const hits = (found[f] ??= newHits());
        hits.positions.push(m.index);
        hits.lengths.push(lengths[f]!);
      }
      // The next search starts one unit on: needles that start inside this one are found too.
      re.lastIndex = m.index + 1;
    }
    return found.map((hits) => hits ?? NO_HITS);
  }
}

/**
 * The words a regex of alternated literals stands for: /ab|[ck]d\/|e/ →
 * ab, cd/, kd/, e (an outer (?:…) group, escapes and one-character classes
 * allowed; anything else throws). A family is made from the very regex it
 * replaces, so the two cannot drift apart.
 */
export function needlesOf(re: RegExp): string[] {
  const source = /^\(\?:(.*)\)$/.exec(re.source)?.[1] ?? re.source;
  return source.split('|').flatMap((alternative) => {
    let words = [''];
    for (let i = 0; i < alternative.length; i++) {
      let options = alternative[i]!;
      if (options === '\\') options = alternative[++i]!;
      else if (options === '[') {
        const close = alternative.indexOf(']', i);
        options = alternative.slice(i + 1, close);
        i = close;
      } else if ('()?*+{}.^$'.includes(options)) throw new Error(`${re}: not a list of words`);
      words = words.flatMap((w) => [...options].map((c) => w + c));
    }
    return words;
  });
}

/** First index i with positions[i] ≥ from, searching on from `hint` (positions ascending). */
export function nextHit(positions: readonly number[], from: number, hint = 0): number {
  let i = hint;
  while (i < positions.length && positions[i]! < from) i++;
  return i;
}

/**
 * Every offset where a match of the global regex `re` starts (also matches
 * that start inside an earlier one), with the length of the match there:
 * what the one search gives a family, from the family's own regex.
 */
export function regexHits(re: RegExp, text: string): Hits {
  const hits = newHits();
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    hits.positions.push(m.index);
    hits.lengths.push(m[0].length);
    re.lastIndex = m.index + 1;
  }
  return hits;
}
