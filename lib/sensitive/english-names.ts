/**
 * A fallback for English sentences: compromise's #Person tag finds names that
 * are not on our name lists ("Mrs Featherstone", "Officer Dlamini"). It is
 * slow next to a regex (≈1 ms a sentence), so the sensitive detector only asks
 * about sentences that hold a sensitive term and no other person anchor, and
 * only a few per scan.
 */
import nlp from 'compromise/two';

const ENGLISH_WORDS = /\b(?:the|and|is|was|has|have|with|of|to|for|her|his|she|he|who|a|an)\b/gi;
const SWEDISH_MARKERS = /[åäöÅÄÖ]|\b(?:och|är|att|har|som|med|för|det|den)\b/gi;

export function looksEnglish(sentence: string): boolean {
  const english = sentence.match(ENGLISH_WORDS)?.length ?? 0;
  const swedish = sentence.match(SWEDISH_MARKERS)?.length ?? 0;
  return english >= 2 && english > swedish;
}

/**
 * compromise also tags some common nouns as #Person ("lesson"): only a
 * capitalised match counts, and at the very start of the sentence only a
 * match of two or more words ("Thaddeus Featherstonehaugh").
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
