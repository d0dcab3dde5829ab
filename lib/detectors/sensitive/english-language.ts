/** A cheap guess whether a sentence is English rather than Swedish. */
const ENGLISH_WORDS = /\b(?:the|and|is|was|has|have|with|of|to|for|her|his|she|he|who|a|an)\b/gi;
const SWEDISH_MARKERS = /[åäöÅÄÖ]|\b(?:och|är|att|har|som|med|för|det|den)\b/gi;

export function looksEnglish(sentence: string): boolean {
  const english = sentence.match(ENGLISH_WORDS)?.length ?? 0;
  const swedish = sentence.match(SWEDISH_MARKERS)?.length ?? 0;
  return english >= 2 && english > swedish;
}
