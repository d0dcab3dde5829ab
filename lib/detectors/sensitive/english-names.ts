/**
 * An optional fallback for English sentences: compromise's #Person tag finds
 * names that are not on our name lists ("Thaddeus Featherstonehaugh"). It is
 * slow next to a word lookup (≈1 ms a sentence) and large (~300 KB), so it is
 * opt-in (lib/detectors/english-nlp.ts) and, when on, only asked about
 * sentences that hold a sensitive term and no other person anchor.
 */
import nlp from 'compromise/two';

/**
 * compromise also tags some common nouns as #Person ("lesson"): only a
 * capitalised match counts, and at the very start of the sentence only a
 * match of two or more words.
 */
export function englishSentenceNamesPerson(sentence: string): boolean {
  const trimmed = sentence.trimStart();
  for (const name of nlp(trimmed).match('#Person+').out('array') as string[]) {
    const clean = name.replace(/[^\p{L}\p{N}' -]+/gu, '').trim();
    if (!/^\p{Lu}/u.test(clean)) continue;
    if (trimmed.startsWith(clean) && !clean.includes(' ')) continue;
    return true;
  }
  return false;
}
