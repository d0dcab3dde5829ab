/**
 * Sentence and paragraph boundaries of a text, for "is this term about that
 * person?" checks. A sentence ends at . ! ? or ; followed by white space, or
 * at a line break; a paragraph ends at a blank line.
 */
export interface Segments {
  sentenceOf(pos: number): [number, number];
  paragraphOf(pos: number): [number, number];
}

const SENTENCE_END = /[.!?;](?=\s)|\n/g;
const PARAGRAPH_END = /\n[ \t]*\n/g;

function boundaries(text: string, re: RegExp): number[] {
  const out: number[] = [0];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index + m[0].length);
  out.push(text.length);
  return out;
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

export function segment(text: string): Segments {
  const sentences = boundaries(text, SENTENCE_END);
  const paragraphs = boundaries(text, PARAGRAPH_END);
  return {
    sentenceOf: (pos) => enclosing(sentences, pos),
    paragraphOf: (pos) => enclosing(paragraphs, pos),
  };
}
