/** Where each line of a text starts and ends ('\n', '\r\n', '\r', LS and PS end a line). */
export interface LineIndex {
  starts: Int32Array;
  /** Index of the line's terminator (or the text's length for the last line). */
  ends: Int32Array;
  count: number;
  /** No '\r', LS or PS: the lines are exactly the text split at '\n'. */
  lfOnly: boolean;
}

/** The lines of `text`, in two passes into typed arrays. */
export function lineIndex(text: string): LineIndex {
  // Two passes into typed arrays: growing plain arrays line by line is slow on huge inputs.
  // Without CR, LS or PS every line ends at a '\n', and a native search finds those.
  const lfOnly = text.indexOf('\r') < 0 && text.indexOf('\u2028') < 0 && text.indexOf('\u2029') < 0;
  let count = 1;
  if (lfOnly) {
    // Blank lines are common and short: check the next character before searching.
    for (let i = text.indexOf('\n'); i >= 0; i = text.charCodeAt(i + 1) === 10 ? i + 1 : text.indexOf('\n', i + 1)) count++;
  } else {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 0x2028 || c === 0x2029 || (c === 13 && text.charCodeAt(i + 1) !== 10)) count++;
    }
  }
  const starts = new Int32Array(count);
  const ends = new Int32Array(count);
  let n = 0;
  let start = 0;
  if (lfOnly) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.charCodeAt(i + 1) === 10 ? i + 1 : text.indexOf('\n', i + 1)) {
      starts[n] = start;
      ends[n++] = i;
      start = i + 1;
    }
  } else {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) {
        starts[n] = start;
        ends[n++] = i;
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        start = i + 1;
      }
    }
  }
  starts[n] = start;
  ends[n] = text.length;
  return { starts, ends, count, lfOnly };
}
