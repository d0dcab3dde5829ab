/**
 * Sentence and paragraph boundaries of a text, for "is this term about that
 * person?" checks. A sentence ends at . ! ? or ; followed by white space, or
 * at a line break; a paragraph ends at a blank line.
 */
import { tokenize, type Tokens } from '../../text/lexicon';

export interface Segments {
  sentenceOf(pos: number): [number, number];
  paragraphOf(pos: number): [number, number];
}

/** JavaScript's \s. */
function isSpace(c: number): boolean {
  if (c < 0x80) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Where the matches of /[.!?;](?=\s)|\n/g (sentences) and /\n[ \t]*\n/g
 * (paragraphs) end, read from the gaps between words only: every character
 * either pattern matches (. ! ? ; line break, space, tab) separates words, so
 * no match reaches into a word, and the words (most of the text) need not be
 * read again. tests/unit/text-index.test.ts checks them against the regexes.
 */
function boundariesBetweenWords(text: string, tokens: Tokens): { sentences: number[]; paragraphs: number[] } {
  const sentences: number[] = [0];
  const paragraphs: number[] = [0];
  const { starts, ends } = tokens;
  for (let k = 0; k <= starts.length; k++) {
    const from = k === 0 ? 0 : ends[k - 1]!;
    const to = k === starts.length ? text.length : starts[k]!;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        sentences.push(i + 1);
        // PARAGRAPH_END from here: spaces and tabs, then a second line break (which ends the match).
        let j = i + 1;
        while (j < to && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
        if (j < to && text.charCodeAt(j) === 10) {
          paragraphs.push(j + 1);
          // Spaces and tabs end no sentence; the second line break does, but starts no paragraph match.
          sentences.push(j + 1);
          i = j;
        }
      } else if (isSentenceEnd(text, i)) sentences.push(i + 1);
    }
  }
  sentences.push(text.length);
  paragraphs.push(text.length);
  return { sentences, paragraphs };
}

/** . ! ? or ; before white space at i. */
function isSentenceEnd(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (c === 46 || c === 33 || c === 63 || c === 59) && i + 1 < text.length && isSpace(text.charCodeAt(i + 1));
}

function enclosing(bounds: number[], pos: number): [number, number] {
  let lo = 0;
  let hi = bounds.length - 1;
  while (lo < hi - 1) {
    const mid = (lo + hi) >> 1;
    if (bounds[mid]! <= pos) lo = mid;
    else hi = mid;
  }
  return [bounds[lo]!, bounds[hi]!];
}

/** `tokens`: the words of `text` (the scan's shared ones). */
export function segment(text: string, tokens: Tokens = tokenize(text)): Segments {
  const { sentences, paragraphs } = boundariesBetweenWords(text, tokens);
  return {
    sentenceOf: (pos) => enclosing(sentences, pos),
    paragraphOf: (pos) => enclosing(paragraphs, pos),
  };
}
