/** PEM private keys: the BEGIN line, a base64 body and the END line, read once. */
import type { Hit } from './hit';
import { DENSE, indexVia } from './needles';

const PEM_BEGIN = /-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----/g;
const PEM_END = /^-----END [A-Z0-9 ]{0,40}-----/y;

function isBase64Code(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61;
}

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

/**
 * Finds "-----BEGIN … PRIVATE KEY-----" and reads the key body after it: base64 lines,
 * header lines ("Proc-Type: …", "DEK-Info: …", "Version: …"), literal "\n" escapes
 * (keys inside JSON strings) and spaces (keys pasted on one line), up to and including
 * the END line. The body ends early at a blank line (except right after header lines)
 * or at something that is not base64, so prose after a truncated key is not included.
 * A BEGIN line with (almost) no key material is a mention, not a finding.
 */
export function findPem(text: string, hits: Hit[]): void {
  const n = text.length;
  // No match starts before the first "-----BEGIN ".
  const first = indexVia(text, '-----BEGIN ', 7, 0, { steps: 0 });
  if (first === -1) return;
  PEM_BEGIN.lastIndex = first === DENSE ? 0 : first;
  for (let m = PEM_BEGIN.exec(text); m; m = PEM_BEGIN.exec(text)) {
    let i = m.index + m[0].length;
    let body = 0;
    let end = i;
    let newlines = 0;
    let afterHeader = false;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        newlines++;
        i++;
        continue;
      }
      if (isSpaceCode(c)) {
        i++;
        continue;
      }
      if (c === 92 && (text[i + 1] === 'n' || text[i + 1] === 'r')) {
        if (text[i + 1] === 'n') newlines++;
        i += 2; // literal "\n" inside JSON strings
        continue;
      }
      if (newlines >= 2 && !afterHeader && body > 0) break; // blank line: the block has ended
      newlines = 0;
      if (text.startsWith('-----END ', i)) {
        PEM_END.lastIndex = 0;
        const tail = PEM_END.exec(text.slice(i, i + 60));
        if (tail) end = i + tail[0].length;
        break;
      }
      // Header lines inside the block.
      const header = /^[A-Za-z][A-Za-z-]{1,30}: /.exec(text.slice(i, i + 33));
      if (header) {
        while (i < n && text.charCodeAt(i) !== 10) i++;
        afterHeader = true;
        continue;
      }
      const runStart = i;
      while (i < n && isBase64Code(text.charCodeAt(i))) i++;
      const len = i - runStart;
      if (len === 0) break;
      // A base64 chunk ends at whitespace, an escape, the END marker or the end of the text …
      const next = text.charCodeAt(i);
      if (!(i >= n || next === 10 || isSpaceCode(next) || next === 92 || text.startsWith('-----', i))) break;
      // … and a short chunk followed by more words on the same line is prose ("resten saknas").
      if (len < 16) {
        let k = i;
        while (k < n && isSpaceCode(text.charCodeAt(k))) k++;
        const after = text.charCodeAt(k);
        if (k < n && after !== 10 && after !== 92 && !text.startsWith('-----', k)) break;
      }
      body += len;
      end = i;
      afterHeader = false;
    }
    if (body >= 40) hits.push({ start: m.index, end, rule: 'credential.private-key', priority: 0 });
    PEM_BEGIN.lastIndex = Math.max(PEM_BEGIN.lastIndex, i);
  }
}
