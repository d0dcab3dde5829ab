/**
 * Words that belong to an e-mail address, a URL or a dotted identifier
 * ("medicinska.programgrupper@…", "…/anna-berg/…"): the sensitive-data
 * detector does not read them as words of a sentence (lib/detectors/sensitive.ts),
 * and "mask and send" does not read them as names (lib/redaction/identifiers.ts);
 * e-mail addresses are findings of their own.
 */

/** The word text[start, end) is part of an e-mail address, a URL or a dotted identifier. */
export function insideAddress(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  if (before === '@' || before === '/' || (before === '.' && /[\p{L}\p{N}]/u.test(text[start - 2] ?? ''))) return true;
  const after = text[end];
  return after === '@' || ((after === '.' || after === '_') && /[\p{L}\p{N}]/u.test(text[end + 1] ?? ''));
}
