/**
 * Email addresses.
 *
 * Linear scan anchored on '@': for each '@' the local part is read leftwards
 * and the domain rightwards. Neither set of characters contains '@', so every
 * character is visited at most twice in total, whatever the input.
 *
 * Judgement calls (also pinned down in tests/unit/other-data.test.ts):
 *   - the domain needs at least one dot and an alphabetic TLD, so `user@localhost`,
 *     `@anna` mentions, `react@19.3.1` version pins and `@types/node` are not addresses;
 *   - RFC 2606/6761 reserved names (example.com/.org/.net, *.example, *.test,
 *     *.invalid, *.localhost, *.local) are placeholders, not personal data;
 *   - `user@host` inside a URL (`https://user@host`, `postgres://u:pw@host`) is
 *     userinfo, not an address (the credential detector handles passwords there),
 *     but `mailto:anna@kommun.se` is an address;
 *   - `git@github.com:org/repo` SSH remotes and `logo@2x.png` file names are skipped.
 */
import type { RawFinding } from '../types';
import type { Detector } from './detector';
import { isLetterAt } from '../validators/chars';

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

/** Characters allowed in the local part (dot-atom, plus Unicode letters for åäö names). */
function isLocalChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  // . _ % + - '
  if (c === 46 || c === 95 || c === 37 || c === 43 || c === 45 || c === 39) return true;
  return c >= 128 && isLetterAt(text, i);
}

function isDomainChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  if (c === 46 || c === 45) return true;
  return c >= 128 && isLetterAt(text, i);
}

function isAsciiAlnumCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Letter, digit or underscore (the first character of a local part). */
function isAlnumOrUnderscoreAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return isAsciiAlnumCode(c) || c === 95;
  return isLetterAt(text, i) || /\p{N}/u.test(text[i]!);
}

const FILE_EXTENSIONS = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'bmp', 'ico', 'tif', 'tiff', 'pdf', 'js', 'ts', 'css', 'json', 'html', 'txt', 'md',
]);
const RESERVED_TLDS = new Set(['test', 'example', 'invalid', 'localhost', 'local']);
/** Second-level names reserved for documentation under com/org/net (RFC 2606). */
const RESERVED_TLDS_WITH_EXAMPLE = new Set(['com', 'org', 'net']);

export const emailDetector: Detector = {
  id: 'email',
  detect(ctx) {
    const text = ctx.norm.text;
    const n = text.length;
    const findings: RawFinding[] = [];
    let at = text.indexOf('@');
    while (at !== -1) {
      const span = addressAround(text, n, at);
      if (span) findings.push({ category: 'email', rule: 'email.address', start: span[0], end: span[1] });
      at = text.indexOf('@', at + 1);
    }
    return findings;
  },
};

/** True if the token that ends at `s` contains "://" (bounded look-back, stops at whitespace or '@'). */
function inUrlUserinfo(text: string, s: number): boolean {
  for (let i = s - 1; i >= 2 && s - i <= 256; i--) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13 || c === 64) return false;
    if (c === 47 && text.charCodeAt(i - 1) === 47 && text.charCodeAt(i - 2) === 58) return true; // "://"
  }
  return false;
}

function addressAround(text: string, n: number, at: number): [number, number] | null {
  // Local part, leftwards (bounded).
  let s = at;
  while (s > 0 && at - s <= MAX_LOCAL && isLocalChar(text, s - 1)) s--;
  if (at - s > MAX_LOCAL) return null;
  // Trim characters that cannot start an address in running text (quotes, dots, dashes, plus).
  while (s < at && !isAlnumOrUnderscoreAt(text, s)) s++;
  if (s === at) return null; // "@anna"
  if (text.charCodeAt(at - 1) === 46) return null; // "anna.@"
  for (let i = s + 1; i < at; i++) if (text.charCodeAt(i) === 46 && text.charCodeAt(i - 1) === 46) return null; // ".."
  const before = s > 0 ? text[s - 1]! : '';
  if (before === '@') return null;
  if (before === ':' || before === '/') {
    // userinfo in a URL, unless it is mailto:
    if (!text.slice(Math.max(0, s - 7), s).toLowerCase().endsWith('mailto:')) return null;
  } else if (inUrlUserinfo(text, s)) {
    return null; // postgres://user:pa!ss@host
  }

  // Domain, rightwards (bounded), validating labels on the way:
  // 1–63 letters/digits/hyphens, no hyphen first or last, at least two labels.
  let e = at + 1;
  while (e < n && e - at <= MAX_DOMAIN + 1 && isDomainChar(text, e)) e++;
  if (e - at > MAX_DOMAIN + 1) return null;
  // Trailing sentence punctuation is not part of the domain.
  while (e > at + 1 && (text.charCodeAt(e - 1) === 46 || text.charCodeAt(e - 1) === 45)) e--;
  if (e < n && text.charCodeAt(e) === 64) return null; // "a@b.se@c"
  let labels = 0;
  let labelStart = at + 1;
  let lastLabelStart = labelStart;
  for (let i = at + 1; i <= e; i++) {
    if (i < e && text.charCodeAt(i) !== 46) continue;
    const len = i - labelStart;
    if (len < 1 || len > 63) return null;
    if (text.charCodeAt(labelStart) === 45 || text.charCodeAt(i - 1) === 45) return null;
    labels++;
    lastLabelStart = labelStart;
    labelStart = i + 1;
  }
  if (labels < 2) return null; // user@localhost
  // TLD: two or more letters, or an IDN "xn--" label.
  const tld = text.slice(lastLabelStart, e).toLowerCase();
  if (tld.length < 2) return null;
  if (!tld.startsWith('xn--')) {
    for (let i = lastLabelStart; i < e; i++) if (!isLetterAt(text, i)) return null;
  }
  if (FILE_EXTENSIONS.has(tld)) return null; // logo@2x.png
  if (RESERVED_TLDS.has(tld)) return null;
  if (RESERVED_TLDS_WITH_EXAMPLE.has(tld)) {
    // example.com, mail.example.org …: the label before the TLD is "example".
    const secondEnd = lastLabelStart - 1;
    let secondStart = secondEnd;
    while (secondStart > at + 1 && text.charCodeAt(secondStart - 1) !== 46) secondStart--;
    if (secondEnd - secondStart === 7 && text.slice(secondStart, secondEnd).toLowerCase() === 'example') return null;
  }
  // git@github.com:org/repo.git (SSH remote), not a mailbox.
  if (e < n && text.charCodeAt(e) === 58 && text.slice(s, at) === 'git') return null;
  return [s, e];
}
