/**
 * Labelled passwords and secrets: "password=…", "lösenordet är …", "api_key: …".
 * One regex search finds the key words; each key reads a bounded value after it.
 */
import type { Hits } from '../../text/needles';
import { isLetterAt } from '../../validators/chars';
import type { Hit, Rule } from './hit';
import { isPlaceholderOrCode, looksLikeIdentifier, looksLikePassword, looksRandom } from './value-shape';

type Family = 'password' | 'secret';

/** Keys (lower case) and what they label. A key may end a longer word (DB_PASSWORD, client_secret). */
const KEYS: readonly [string, Family][] = [
  ['passphrase', 'password'],
  ['lösenordet', 'password'],
  ['losenordet', 'password'],
  ['lösenord', 'password'],
  ['losenord', 'password'],
  ['password', 'password'],
  ['passwort', 'password'],
  ['passcode', 'password'],
  ['passwd', 'password'],
  ['passord', 'password'],
  ['lösen', 'password'],
  ['pass', 'password'],
  ['pwd', 'password'],
  ['pw', 'password'],
  ['client_secret', 'secret'],
  ['secret_key', 'secret'],
  ['secretkey', 'secret'],
  ['secret', 'secret'],
  ['api_key', 'secret'],
  ['api-key', 'secret'],
  ['apikey', 'secret'],
  ['access_key', 'secret'],
  ['private_key', 'secret'],
  ['access_token', 'secret'],
  ['auth_token', 'secret'],
  ['refresh_token', 'secret'],
  ['api_token', 'secret'],
  ['apitoken', 'secret'],
  ['token', 'secret'],
];

/** Keys that are too ambiguous in prose to be used without ':' or '=' ("pass" is also a work shift). */
const NEEDS_SEPARATOR = new Set(['pass', 'pw', 'lösen']);
/** Short keys that still work with "är"/"till … är" (chat Swedish "lösen till kontot e X"), never bare. */
const SEPARATOR_OR_IS = new Set(['lösen']);

function isKeyChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45 || c === 46) return true;
  return c >= 128 && isLetterAt(text, i);
}

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '`': '`', '“': '”', '”': '”', '„': '”', '«': '»', '»': '«', '‘': '’', '’': '’' };
const MAX_VALUE = 256;
/** . , ; : ) ] } */
const TRAILING_PUNCT = new Set([46, 44, 59, 58, 41, 93, 125]);
// 'e' is chat Swedish for 'är' ("lösen till vikariekontot e Sommar2026!").
const IS_WORDS = new Set(['är', 'e', 'is', 'was', 'var', 'blir', 'blev', 'became']);
const FOR_WORDS = new Set(['till', 'för', 'på', 'i', 'to', 'for', 'on']);

/** All keys, longest first, as one case-insensitive scan (a native regex search finds the candidates). */
export const KEY_SCAN = new RegExp(
  [...KEYS]
    .map(([key]) => key)
    .sort((a, b) => b.length - a.length)
    .map((key) => key.replace(/[-]/g, '\\-'))
    .join('|'),
  'gi',
);
const FAMILY = new Map(KEYS);

/**
 * `keys`: where KEY_SCAN matches start and how long each is (the scan's one
 * search for hint words gives them, lib/detectors/text-needles.ts); KEY_SCAN's
 * matches are read from them one after the other, as its own search would find them.
 */
export function findLabelled(text: string, hits: Hit[], keys: Hits): void {
  const n = text.length;
  const { positions, lengths } = keys;
  // Where KEY_SCAN's search would go on (its lastIndex).
  let from = 0;
  for (let h = 0; h < positions.length; h++) {
    const keyStart = positions[h]!;
    if (keyStart < from) continue;
    const keyEnd = keyStart + lengths[h]!;
    from = keyEnd;
    // The key must end its word ("password", "password." but not "passwords" or "token_count").
    let k = keyEnd;
    while (k < n && (text.charCodeAt(k) === 46 || text.charCodeAt(k) === 45)) k++;
    if (k < n && isKeyChar(text, k)) continue;
    // The word may have a prefix: DB_PASSWORD, dbPassword, x-api-key, spring.datasource.password.
    let wordStart = keyStart;
    while (wordStart > 0 && keyStart - wordStart <= 64 && isKeyChar(text, wordStart - 1)) wordStart--;
    if (keyStart - wordStart > 64) continue;
    if (wordStart < keyStart && !keyBoundary(text, keyStart)) continue;
    const key = text.slice(keyStart, keyEnd).toLowerCase();
    const family = FAMILY.get(key);
    if (!family) continue;
    const read = { end: keyEnd };
    const hit = valueAfterKey(text, wordStart, keyEnd, key, family, read);
    if (hit) hits.push(hit);
    // A value that followed ':' or '=' is consumed, so it is never rescanned for keys (keeps the scan linear).
    if (read.end > from) from = read.end;
  }
}

/** A key inside a longer word must start after '_', '-' or '.', or at a camelCase capital. */
function keyBoundary(text: string, keyAt: number): boolean {
  const before = text[keyAt - 1]!;
  const first = text[keyAt]!;
  if (before === '_' || before === '-' || before === '.') return true;
  return first !== first.toLowerCase() && before === before.toLowerCase(); // dbPassword, openaiApiKey
}

/**
 * Reads the value after a key and decides whether it is a secret. `read.end` is set past
 * the value when it followed a separator (':', '=', XML tag), so the caller can skip it.
 */
function valueAfterKey(text: string, keyStart: number, keyEnd: number, key: string, family: Family, read: { end: number }): Hit | null {
  const n = text.length;
  let k = keyEnd;
  // XML: <password>value</password>
  if (keyStart > 0 && text.charCodeAt(keyStart - 1) === 60 && text.charCodeAt(k) === 62) {
    const window = text.slice(k + 1, Math.min(n, k + 1 + MAX_VALUE));
    const rel = window.indexOf('<');
    if (rel === -1) return null;
    const close = k + 1 + rel;
    read.end = close;
    return accept(text.slice(k + 1, close), k + 1, 'quoted', family, key, text, close);
  }
  const q0 = text.charCodeAt(k);
  if (q0 === 34 || q0 === 39 || q0 === 96) k++; // "password": …
  let spaces = 0;
  while (spaces < 4 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) {
    k++;
    spaces++;
  }
  let mode: 'colon' | 'equals' | 'is' | 'bare';
  const sep = text.charCodeAt(k);
  if (sep === 58 && text.charCodeAt(k + 1) === 61) {
    mode = 'equals'; // :=
    k += 2;
  } else if (sep === 58) {
    mode = 'colon';
    k++;
  } else if (sep === 61) {
    mode = 'equals';
    k++;
    while (text.charCodeAt(k) === 61 || text.charCodeAt(k) === 62) k++; // ==, ===, =>
  } else if (spaces > 0 && (!NEEDS_SEPARATOR.has(key) || SEPARATOR_OR_IS.has(key))) {
    // "lösenordet är X", "password is X", or "lösenordet X".
    let w = k;
    while (w < n && w - k <= 6 && isLetterAt(text, w)) w++;
    const word = w - k <= 6 ? text.slice(k, w).toLowerCase() : '';
    const after = text.charCodeAt(w);
    if (IS_WORDS.has(word) && (after === 32 || after === 58)) {
      mode = 'is';
      k = after === 58 ? w + 1 : w;
    } else if (FOR_WORDS.has(word) && after === 32) {
      // "lösenordet till Office365 är X", "the password for the VPN is X", "lösenordet för wifi: X".
      const ahead = /^[^\n:=]{1,40}?(?: (?:är|e|is):?|:) /u.exec(text.slice(w, w + 48));
      if (!ahead) return null;
      mode = 'is';
      k = w + ahead[0].length - 1;
    } else {
      if (family === 'secret' || NEEDS_SEPARATOR.has(key)) return null;
      mode = 'bare';
    }
  } else {
    return null;
  }
  spaces = 0;
  while (spaces < 4 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) {
    k++;
    spaces++;
  }
  const consumes = mode === 'colon' || mode === 'equals';
  const q = text[k];
  const closeQuote = q !== undefined ? QUOTES[q] : undefined;
  if (closeQuote !== undefined) {
    let e = k + 1;
    while (e < n && e - k <= MAX_VALUE && text[e] !== closeQuote && text.charCodeAt(e) !== 10) e++;
    if (consumes) read.end = e;
    if (text[e] !== closeQuote) return null;
    return accept(text.slice(k + 1, e), k + 1, 'quoted', family, key, text, e + 1);
  }
  let e = k;
  while (e < n && e - k <= MAX_VALUE) {
    const c = text.charCodeAt(e);
    // whitespace, quotes and '<' end an unquoted value; after '=' also ';', '&' and ',' (code, URLs, connection strings)
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 34 || c === 39 || c === 96 || c === 60) break;
    if (mode === 'equals' && (c === 59 || c === 38 || c === 44)) break;
    e++;
  }
  if (consumes) read.end = e;
  // Trailing sentence punctuation is not part of the value.
  while (e > k && TRAILING_PUNCT.has(text.charCodeAt(e - 1))) e--;
  if (e === k) return null;
  return accept(text.slice(k, e), k, mode, family, key, text, e);
}

function accept(
  value: string,
  start: number,
  mode: 'quoted' | 'colon' | 'equals' | 'is' | 'bare',
  family: Family,
  key: string,
  text: string,
  after: number,
): Hit | null {
  const rule: Rule = family === 'password' ? 'credential.password' : 'credential.secret';
  const hit: Hit = { start, end: start + value.length, rule, priority: 2 };
  // Cheap shape checks first, the placeholder/code check last.
  if (!shapeOk(value, mode, family, key, text, after)) return null;
  if (isPlaceholderOrCode(value) || value.toLowerCase() === key) return null;
  return hit;
}

function shapeOk(value: string, mode: 'quoted' | 'colon' | 'equals' | 'is' | 'bare', family: Family, key: string, text: string, after: number): boolean {
  if (family === 'secret') {
    // Tokens and keys are long and opaque; short or wordy values are not.
    return value.length >= 12 && !/\s/.test(value) && looksRandom(value);
  }
  switch (mode) {
    case 'quoted':
      return value.length >= 3 && !/^\s|\s$/.test(value);
    case 'equals':
      return value.length >= 4 && !looksLikeIdentifier(value);
    case 'colon': {
      if (value.length < 4 || looksLikeIdentifier(value)) return false;
      // Times, dates and ranges ("Pass: 14-22", "pass: 07:00-16:00") are not passwords.
      if (/^[\d:.,/-]+$/.test(value) && /\D/.test(value)) return false;
      // Prose after a colon ("Lösenord: minst 12 tecken") and ambiguous keys ("pass: kväll") need a password-like value.
      const continues = /^ [\p{L}\p{N}]/u.test(text.slice(after, after + 2));
      return continues || NEEDS_SEPARATOR.has(key) ? looksLikePassword(value, false) : true;
    }
    case 'is':
      return looksLikePassword(value, true);
    case 'bare':
      return looksLikePassword(value, false);
  }
}
