/**
 * The small term syntax used in rules/sensitive/*.json:
 *   "diagnos*"   → diagnos, diagnosen, diagnoser (letters after the stem)
 *   "*syndrom"   → utmattningssyndrom (a compound in front)
 *   "ekonomiskt bistånd" → the words with any white space between them
 * Everything else is literal. Terms always match whole words.
 */
const LETTERS = '[\\p{L}\\p{N}]*';

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function termToPattern(term: string): string {
  let body = term.trim();
  let lead = '';
  let trail = '';
  if (body.startsWith('*')) {
    lead = LETTERS;
    body = body.slice(1);
  }
  if (body.endsWith('*')) {
    trail = LETTERS;
    body = body.slice(0, -1);
  }
  return lead + body.split(/\s+/).map(escapeRegExp).join('\\s+') + trail;
}

/** Whole-word alternation of terms (longest first, so phrases win over their first word). */
export function alternation(terms: readonly string[]): string {
  return [...terms].sort((a, b) => b.length - a.length).map(termToPattern).join('|');
}

export const WORD_START = '(?<![\\p{L}\\p{N}])';
export const WORD_END = '(?![\\p{L}\\p{N}])';

/** Both spellings a sentence may start with: "patienten" and "Patienten". */
export function withCapitalised(terms: readonly string[]): string[] {
  const out = new Set<string>();
  for (const t of terms) {
    out.add(t);
    out.add(t.charAt(0).toUpperCase() + t.slice(1));
  }
  return [...out];
}
