/**
 * The text of an RTF document, for scanning: paragraphs and cells as line
 * breaks, \'hh escapes (Windows-1252) and \uN characters decoded, control
 * words dropped, and groups that hold no document text (font and colour
 * tables, style sheets, pictures, {\* …} destinations) skipped. One pass,
 * linear in the length of the input; never throws.
 */

/** Destinations whose content is not document text. */
const SKIPPED = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'listtable', 'listoverridetable', 'revtbl', 'rsidtbl', 'generator',
  'pict', 'object', 'themedata', 'colorschememapping', 'datastore', 'latentstyles', 'xmlnstbl', 'filetbl', 'info',
]);
/** Control words that end a line or a cell. */
const BREAKS: Record<string, string> = { par: '\n', line: '\n', row: '\n', sect: '\n', page: '\n', cell: '\t', tab: '\t' };
/** Windows-1252 characters at 0x80–0x9F (where Latin-1 has control codes). */
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function cp1252(byte: number): string {
  return byte >= 0x80 && byte <= 0x9f ? CP1252[byte - 0x80]! : String.fromCharCode(byte);
}

export function rtfToText(rtf: string): string {
  let out = '';
  // Per open group: whether its text is skipped, and how many fallback characters follow a \uN.
  const skip: boolean[] = [false];
  const uc: number[] = [1];
  let pendingFallback = 0;
  const n = rtf.length;
  let i = 0;
  const emit = (s: string) => {
    if (skip[skip.length - 1]) return;
    if (pendingFallback > 0) {
      pendingFallback--;
      return;
    }
    out += s;
  };
  while (i < n) {
    const c = rtf.charCodeAt(i);
    if (c === 123) {
      // '{': a new group inherits skipping; "{\*" opens an ignorable destination.
      skip.push(skip[skip.length - 1]! || rtf.startsWith('\\*', i + 1));
      uc.push(uc[uc.length - 1]!);
      i++;
    } else if (c === 125) {
      // '}'
      if (skip.length > 1) {
        skip.pop();
        uc.pop();
      }
      i++;
    } else if (c === 92) {
      // '\'
      const next = rtf.charCodeAt(i + 1);
      if (isLetter(next)) {
        let j = i + 1;
        while (j < n && j - i <= 32 && isLetter(rtf.charCodeAt(j))) j++;
        const word = rtf.slice(i + 1, j);
        let k = j;
        if (rtf[k] === '-') k++;
        while (k < n && k - j <= 10 && rtf.charCodeAt(k) >= 48 && rtf.charCodeAt(k) <= 57) k++;
        const param = k > j ? Number(rtf.slice(j, k)) : undefined;
        if (rtf[k] === ' ') k++;
        i = k;
        if (SKIPPED.has(word)) skip[skip.length - 1] = true;
        else if (word === 'uc' && param !== undefined) uc[uc.length - 1] = Math.max(0, param);
        else if (word === 'u' && param !== undefined) {
          emit(String.fromCharCode(param < 0 ? param + 65536 : param));
          pendingFallback = uc[uc.length - 1]!;
        } else if (BREAKS[word]) emit(BREAKS[word]!);
      } else if (next === 39) {
        // \'hh
        const byte = parseInt(rtf.slice(i + 2, i + 4), 16);
        if (!Number.isNaN(byte)) emit(cp1252(byte));
        i += 4;
      } else if (next === 92 || next === 123 || next === 125) {
        emit(rtf[i + 1]!);
        i += 2;
      } else if (next === 126) {
        emit('\u00a0'); // \~ non-breaking space
        i += 2;
      } else if (next === 45 || next === 95) {
        if (next === 95) emit('-'); // \_ non-breaking hyphen; \- optional hyphen
        i += 2;
      } else if (next === 10 || next === 13) {
        emit('\n');
        i += 2;
      } else {
        i += 2; // \* and other control symbols
      }
    } else if (c === 10 || c === 13) {
      i++; // line breaks in the source are not text
    } else {
      emit(rtf[i]!);
      i++;
    }
  }
  return out;
}
