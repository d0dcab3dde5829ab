/**
 * Admins' regular expressions run on RE2JS, a linear-time engine: no pattern
 * an admin writes can freeze the page, whatever the prompt (no backtracking,
 * so no ReDoS). RE2 syntax: no look-around, no back-references.
 *
 * This module is not bundled into the content script (RE2JS is ~150 KB
 * minified): prompts that need admin regexes are checked by the background
 * (see docs/ARCHITECTURE.md, "Where a prompt is checked").
 */
import { RE2JS } from 're2js';

export interface RegexEngine {
  /** Every non-overlapping match of `pattern` in `text`, as UTF-16 [start, end) spans. */
  findAll(pattern: string, caseSensitive: boolean, text: string): [number, number][];
}

const compiled = new Map<string, RE2JS>();

function compile(pattern: string, caseSensitive: boolean): RE2JS {
  const key = `${caseSensitive ? 'c' : 'i'}:${pattern}`;
  let re = compiled.get(key);
  if (!re) {
    re = RE2JS.compile(pattern, caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
    if (compiled.size > 500) compiled.clear();
    compiled.set(key, re);
  }
  return re;
}

export const re2Engine: RegexEngine = {
  findAll(pattern, caseSensitive, text) {
    const matcher = compile(pattern, caseSensitive).matcher(text);
    const spans: [number, number][] = [];
    while (matcher.find()) {
      const start = matcher.start();
      const end = matcher.end();
      if (end > start) spans.push([start, end]);
    }
    return spans;
  },
};

/** Why a pattern cannot be used, in one line; null when it can. */
export function regexProblem(pattern: string): string | null {
  let re: RE2JS;
  try {
    re = compile(pattern, true);
  } catch (error) {
    const detail = (error as Error).message.replace(/\s+/g, ' ');
    return `not a valid RE2 regular expression (no look-around or back-references): ${detail}`;
  }
  if (re.matches('')) return 'the pattern matches empty text, so it would match everywhere';
  return null;
}
