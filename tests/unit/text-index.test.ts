/**
 * The readings of a text that one scan shares between detectors
 * (lib/text/text-index.ts) and the faster routes that replaced a regex search
 * or a string per word. Each is checked against what it replaced, on texts
 * built to hit its edge cases: the results must be the same, not just close.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import anchorWords from '../../rules/sensitive/anchors.json';
import vocabulary from '../../rules/sensitive/vocabulary.json';
import { KEY_SCAN } from '../../lib/detectors/credentials/labelled';
import { textIndexOf } from '../../lib/detectors/detector';
import { RECALL_PATTERNS } from '../../lib/detectors/markings/recall';
import { LEVEL_HINT } from '../../lib/detectors/markings/terms';
import { segment } from '../../lib/detectors/sensitive/segments';
import { DETECTOR_HINTS, DETECTOR_NEEDLES } from '../../lib/detectors/text-needles';
import { scan } from '../../lib/scan';
import { compileTerm, foldCode, foldedHashOf, isCapitalisedAt, isWordChar, Lexicon, tokenize, type Tokens } from '../../lib/text/lexicon';
import { lineIndex } from '../../lib/text/line-index';
import { forEachInitials, INITIALS } from '../../lib/text/names';
import { NeedleScan, needlesOf, regexHits } from '../../lib/text/needles';
import { normalize } from '../../lib/text/normalize';
import { DerivedKey, DigitRunCursor, TextIndex } from '../../lib/text/text-index';

const RUNS = { numRuns: 300 };

/** Texts from pieces that matter to these routes: words, case, punctuation, line ends, odd letters. */
function textOf(pieces: readonly string[], maxLength = 40): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...pieces), { maxLength }).map((parts) => parts.join(''));
}

const ODD = ['ſ', '\u212a', '\u212b', 'İ', 'ı', 'ẞ', 'ß', 'Σ', 'ς', 'µ', 'ÿ', '\u1680', '\u00a0', '\u2028', '\u2029', '\ud835\udc00', '\ud835', '\udc00', '\u0301', 'ﬀ'];
const SEPARATORS = [' ', '  ', '\t', '\n', '\r\n', '\r', '\n\n', '\n \n', '.', '. ', '!', '? ', '; ', ':', ',', '-', '/', '//', '_', '(', ')', '"', '’', '–'];

/** The tokenizer this one replaced: one pass, no hashes. */
function referenceWords(text: string): [number, number][] {
  const words: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const word = i < text.length && isWordChar(text.charCodeAt(i));
    if (word && start < 0) start = i;
    else if (!word && start >= 0) {
      words.push([start, i]);
      start = -1;
    }
  }
  return words;
}

const foldedHash = (text: string, from: number, to: number) => foldedHashOf(text.slice(from, to));

describe('tokenize', () => {
  const words = ['Åsa', 'märta', 'ADHD', 'diagnos', '7B', 'kommunal', 'I', 'ab', 'abc', 'abcd', 'abcde', 'ÄRENDE', 'Ǆ', 'ǅ', 'ǆ', '漢字'];

  it('finds the words the one-pass tokenizer found, with each word’s hash, head and tail', () => {
    fc.assert(
      fc.property(textOf([...words, ...SEPARATORS, ...ODD], 60), (text) => {
        const t = tokenize(text);
        expect(Array.from(t.starts, (s, i) => [s, t.ends[i]])).toEqual(referenceWords(text));
        for (let i = 0; i < t.starts.length; i++) {
          const [s, e] = [t.starts[i]!, t.ends[i]!];
          expect(t.hashes[i]).toBe(foldedHash(text, s, e));
          expect(t.heads[i]).toBe(e - s >= 3 ? foldedHash(text, s, s + 3) : -1);
          expect(t.tails[i]).toBe(e - s >= 4 ? foldedHash(text, e - 4, e) : -1);
        }
      }),
      RUNS,
    );
  });

  it('hashes a word as foldedHashOf does, whatever its case', () => {
    const t = tokenize('Vård VÅRD vård İstanbul');
    expect(t.hashes[0]).toBe(foldedHashOf('vård'));
    expect(t.hashes[1]).toBe(foldedHashOf('vård'));
    expect(t.hashes[3]).toBe(foldedHashOf('istanbul'));
    expect(foldCode('İ'.charCodeAt(0))).toBe('i'.charCodeAt(0));
  });

  it('grows past its first guess of the number of words', () => {
    const text = 'a '.repeat(5000);
    expect(tokenize(text).starts.length).toBe(5000);
  });
});

/**
 * The lexicon's matches against every term tried at every word, in the order
 * the earlier lexicon reported them: terms that ignore case, then
 * case-sensitive ones; within each, prefix and whole-word terms in the order
 * they were added, then suffix terms.
 */
describe('Lexicon', () => {
  const terms: [string, string, boolean][] = [];
  for (const [category, kinds] of Object.entries(vocabulary.categories)) {
    for (const [kind, list] of Object.entries(kinds)) for (const term of list as string[]) terms.push([term, `${category}:${kind}`, kind === 'exact' || kind === 'exactWeak']);
  }
  for (const key of ['roles', 'roleTitles', 'possessives', 'pronouns', 'genericCues', 'topicCues'] as const) for (const w of anchorWords[key]) terms.push([w, key, false]);
  for (const d of anchorWords.possessiveDeterminers) for (const n of anchorWords.personNouns.slice(0, 20)) terms.push([`${d} ${n}`, 'possessive', false]);
  terms.push(['mRNA', 'cased-lower', true], ['Kommunal*', 'cased-prefix', true], ['*SYNDROM', 'cased-suffix', true], ['vård och omsorg', 'phrase', false]);

  const lexicon = new Lexicon<string>();
  for (const [term, tag, cased] of terms) lexicon.add(term, tag, cased);
  const compiled = terms.map(([term, tag, cased], seq) => ({ term: compileTerm(term, tag, cased), seq }));
  const order = (c: (typeof compiled)[number]) => (c.term.caseSensitive ? 2 : 0) + (c.term.words[0]!.suffix ? 1 : 0);
  const reference = [...compiled].sort((a, b) => order(a) - order(b) || a.seq - b.seq).map((c) => c.term);

  function everyTermEverywhere(tokens: Tokens): string[] {
    const out: string[] = [];
    const matchAt = (lexicon as unknown as { matchAt(term: unknown, tokens: Tokens, i: number): number }).matchAt.bind(lexicon);
    for (let i = 0; i < tokens.starts.length; i++) {
      for (const term of reference) {
        const end = matchAt(term, tokens, i);
        if (end > 0) out.push(`${term.tag}@${tokens.starts[i]}-${tokens.ends[end - 1]}`);
      }
    }
    return out;
  }

  const pieces = [
    ...terms.slice(0, 400).map(([t]) => t.replace(/\*/g, 'en')),
    ...terms.slice(-60).map(([t]) => t.replace(/\*/g, '')),
    'MRNA', 'mRNA', 'Kommunalarbetare', 'kommunal', 'UTMATTNINGSSYNDROM', 'Utmattningssyndrom', 'vård', 'VÅRD', 'och', 'omsorg',
    ...SEPARATORS,
    ...ODD,
  ];

  it('reports what trying every term at every word reports, in the same order', () => {
    fc.assert(
      fc.property(textOf(pieces, 30), (text) => {
        const tokens = tokenize(text);
        expect(lexicon.match(tokens).map((m) => `${m.tag}@${m.start}-${m.end}`)).toEqual(everyTermEverywhere(tokens));
      }),
      RUNS,
    );
  });

  it('keeps that order for terms that start at the same word', () => {
    const own = new Lexicon<string>();
    own.add('*syndrom', 'suffix');
    own.add('Syndrom', 'cased', true);
    own.add('syndrom*', 'prefix');
    own.add('syndrom', 'exact');
    own.add('syndrom x', 'pair');
    expect(own.match(tokenize('Syndrom x')).map((m) => m.tag)).toEqual(['prefix', 'exact', 'pair', 'suffix', 'cased']);
  });
});

describe('forEachInitials', () => {
  it('finds where INITIALS matches start, in order', () => {
    const pieces = ['K', 'M', 'Å', 'ä', 'x', '7', '.', '. ', ' ', '..', 'O.A.', 'K.M.', 'K. M.', ' O. A. ', 'Ö.Ä', '\ud835\udc00', '\ud835', '\udc00', 'ǅ', 'Σ', '\n'];
    fc.assert(
      fc.property(textOf(pieces, 40), (text) => {
        const found: number[] = [];
        forEachInitials(text, (start) => found.push(start));
        expect(found).toEqual([...text.matchAll(INITIALS)].map((m) => m.index));
      }),
      RUNS,
    );
    const starts = (text: string) => {
      const found: number[] = [];
      forEachInitials(text, (start) => found.push(start));
      return found;
    };
    expect(starts('K.M. och O. A. men inte X.Y.Z. eller .K.M. eller K.Mats')).toEqual([0, 9]);
  });
});

describe('the one search for hint words (lib/detectors/text-needles.ts)', () => {
  const { LEVEL_HINT_ANY, HEADER_HINT, OTHER_HINT, OSL_LINE_HINT, SECRECY_ADJECTIVE } = RECALL_PATTERNS;
  const needles = [LEVEL_HINT, LEVEL_HINT_ANY, HEADER_HINT, OTHER_HINT, OSL_LINE_HINT, SECRECY_ADJECTIVE, KEY_SCAN].flatMap(needlesOf);
  const cased = needles.flatMap((n) => [n, n.toUpperCase(), n[0]!.toUpperCase() + n.slice(1)]);
  const pieces = [...cased, ...needles.map((n) => n.slice(0, -1)), 'x', 'sekretes', 'H', '/', ' ', '\n', 'ä', 'Ä', 'å', 'ö', '-', '_', ...ODD.slice(0, 3)];

  const hintsOf = (text: string) => new TextIndex(text).derived(DETECTOR_HINTS);
  const families: [string, RegExp, (hints: ReturnType<typeof hintsOf>) => readonly number[]][] = [
    ['LEVEL_HINT', LEVEL_HINT, (h) => h.level],
    ['LEVEL_HINT_ANY', RECALL_PATTERNS.LEVEL_HINT_ANY, (h) => h.recall.levelAny],
    ['HEADER_HINT', RECALL_PATTERNS.HEADER_HINT, (h) => h.recall.header],
    ['OTHER_HINT', new RegExp(RECALL_PATTERNS.OTHER_HINT.source, 'gi'), (h) => h.recall.other],
    ['OSL_LINE_HINT', RECALL_PATTERNS.OSL_LINE_HINT, (h) => h.recall.oslLine],
  ];

  it('finds, per family, where that family’s own regex has a match start', () => {
    fc.assert(
      fc.property(textOf(pieces, 30), (text) => {
        const hints = hintsOf(text);
        for (const [name, regex, of] of families) expect([name, [...of(hints)]]).toEqual([name, regexHits(regex, text).positions]);
        // Searched match by match: where SECRECY_ADJECTIVE and KEY_SCAN start, and how long each match is.
        expect(hints.recall.secrecyAdjectives).toEqual(regexHits(RECALL_PATTERNS.SECRECY_ADJECTIVE, text));
        expect(hints.credentialKeys).toEqual(regexHits(KEY_SCAN, text));
      }),
      RUNS,
    );
  });

  it('asks LEVEL_HINT itself when the text has a letter that /iu folds and /i does not', () => {
    for (const text of ['ſekretess', 'Konfidentiell', '\u212aONFIDENTIELL', 'hemlig ſ']) {
      expect(hintsOf(text).level).toEqual(regexHits(LEVEL_HINT, text).positions);
    }
    expect(hintsOf('ſekretess').level).toEqual([0]);
  });

  it('reads the words of a regex of alternated literals, and refuses any other regex', () => {
    expect(needlesOf(/ab|[ck]d\/|e/gi)).toEqual(['ab', 'cd/', 'kd/', 'e']);
    expect(needlesOf(/(?:api\-key|m[aä]rk)/gi)).toEqual(['api-key', 'mark', 'märk']);
    expect(needlesOf(LEVEL_HINT)).toEqual(['hemlig', 'secret', 'confidenti', 'konfidenti', 'restr', 'utrikes', 'sekretess', 'h/', '//']);
    expect(() => needlesOf(/ab?/)).toThrow(/not a list of words/);
    expect(() => needlesOf(/a(b)/)).toThrow(/not a list of words/);
  });

  it('takes Latin-1 needles only', () => {
    expect(() => new NeedleScan([['\u212a']])).toThrow(/Latin-1/);
    expect(DETECTOR_NEEDLES.regex.flags).toBe('gi');
  });
});

/** What segment() gave from two regex searches over the whole text. */
function regexSegments(text: string) {
  const boundaries = (re: RegExp) => [0, ...[...text.matchAll(re)].map((m) => m.index + m[0].length), text.length];
  const enclosing = (bounds: number[], pos: number): [number, number] => {
    let k = 0;
    while (k + 2 < bounds.length && bounds[k + 1]! <= pos) k++;
    return [bounds[k]!, bounds[k + 1]!];
  };
  const sentences = boundaries(/[.!?;](?=\s)|\n/g);
  const paragraphs = boundaries(/\n[ \t]*\n/g);
  return { sentenceOf: (pos: number) => enclosing(sentences, pos), paragraphOf: (pos: number) => enclosing(paragraphs, pos) };
}

describe('segment', () => {
  it('gives the same sentences and paragraphs from the gaps between words as two regex searches', () => {
    const pieces = ['Anna', 'är', 'sjuk', '42', ...SEPARATORS, ' \t', '\t\n', '\n\t \n', '.\u00a0', '.\u1680', '.\u2028', '?\n', ';\r', ...ODD];
    fc.assert(
      fc.property(textOf(pieces, 40), (text) => {
        const slow = regexSegments(text);
        const fast = segment(text, tokenize(text));
        for (let pos = 0; pos <= text.length; pos++) {
          expect(fast.sentenceOf(pos)).toEqual(slow.sentenceOf(pos));
          expect(fast.paragraphOf(pos)).toEqual(slow.paragraphOf(pos));
        }
      }),
      RUNS,
    );
  });
});

describe('TextIndex', () => {
  it('computes each reading once per scan', () => {
    const index = new TextIndex('Hemlig\nAnna 12 34');
    expect(index.tokens).toBe(index.tokens);
    expect(index.lines).toBe(index.lines);
    expect(index.digitRuns).toBe(index.digitRuns);
    let computed = 0;
    const key = new DerivedKey((i) => {
      computed++;
      return i.text.length;
    });
    expect(index.derived(key)).toBe(17);
    expect(index.derived(key)).toBe(17);
    expect(computed).toBe(1);
    expect(index.lines).toEqual(lineIndex(index.text));
  });

  it('is shared by the detectors of one scan, and made for a context that has none', () => {
    const norm = normalize('Sekretess enligt 25 kap. 1 § OSL');
    const ctx = { norm, referenceDate: new Date(), earlierFindings: [] };
    expect(textIndexOf(ctx)).toBe(textIndexOf(ctx));
    const shared = new TextIndex(norm.text);
    expect(textIndexOf({ ...ctx, text: shared })).toBe(shared);
    // An index of another text is never used for this one.
    expect(textIndexOf({ ...ctx, text: new TextIndex('other') }).text).toBe(norm.text);
    expect(scan('Sekretess enligt 25 kap. 1 § OSL').findings.map((f) => f.rule)).toEqual(['classified.secrecy-osl']);
  });

  it('reads digit runs as a /\\d+/g search from a moving lastIndex does', () => {
    fc.assert(
      fc.property(textOf(['1', '23', '456', 'a', ' ', '-', '\n'], 30), fc.array(fc.nat(6), { maxLength: 10 }), (text, jumps) => {
        const cursor = new DigitRunCursor(new TextIndex(text).digitRuns);
        const re = /\d+/g;
        let from = 0;
        for (let k = 0; ; k++) {
          re.lastIndex = from;
          const m = re.exec(text);
          const found = cursor.next(from);
          expect(found).toBe(m !== null);
          if (!m) break;
          expect([cursor.start, cursor.end]).toEqual([m.index, m.index + m[0].length]);
          // The detectors skip on past what they read: sometimes into the next run.
          from = cursor.end + (jumps[k % Math.max(1, jumps.length)] ?? 0) - 1;
          if (from <= m.index) from = cursor.end;
        }
      }),
      RUNS,
    );
  });
});

describe('capitalised words', () => {
  it('isCapitalisedAt agrees with foldCode', () => {
    expect(isCapitalisedAt('Åsa', 0)).toBe(true);
    expect(isCapitalisedAt('åsa', 0)).toBe(false);
  });
});
