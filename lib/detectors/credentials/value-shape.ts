/**
 * What a secret value looks like: mixed characters, not a placeholder, not a
 * word, a code identifier or a number with a unit.
 */
import { isLetterAt } from '../../validators/chars';

export function hasDigit(s: string): boolean {
  return /\d/.test(s);
}

/** Mixed letters and digits and not a run of one repeated character. */
export function looksRandom(s: string): boolean {
  return hasDigit(s) && /[A-Za-z]/.test(s) && !/^(.)\1*$/.test(s);
}

const PLACEHOLDER_WORDS = new Set([
  'password', 'passwd', 'pwd', 'pass', 'pw', 'passphrase', 'lösenord', 'lösenordet', 'losenord', 'secret', 'token', 'apikey',
  'api_key', 'api-key', 'key', 'null', 'none', 'nil', 'undefined', 'true', 'false', 'string', 'str', 'text', 'required',
  'optional', 'redacted', '[redacted]', 'hidden', 'dold', 'dolt', 'masked', 'removed', 'borttaget', 'censored', 'example',
  'sample', 'dummy', 'placeholder', 'fake', 'todo', 'tbd', 'xxx', 'env', 'environ', 'input', 'prompt', 'getpass', 'hash',
  'hashed', 'secure', 'mypassword', 'yourpassword', 'dittlösenord', 'secretkey', 'accesstoken', 'value', 'värde', 'bytes',
  'int', 'number', 'boolean', 'bool', 'object', 'any', 'varchar', 'char', 'blob', 'this', 'self',
  // Prose after "Lösenord:" / "Password:" that says something about the password instead of giving it.
  'saknas', 'okänt', 'okänd', 'finns', 'bifogas', 'bifogat', 'nedan', 'ovan', 'separat', 'skickas', 'ingen', 'inget', 'samma',
  'nytt', 'tomt', 'n/a', 'missing', 'unknown', 'same', 'attached', 'below', 'above', 'separately', 'sent', 'empty', 'blank',
]);

/** Placeholder, template and code shapes, one alternative per line (one regex, tried once per value). */
export const PLACEHOLDER_PATTERN = new RegExp(
  [
    '^[<[{($%!&*@]', // <password>, [x], {{ x }}, ${ENV}, $ENV, %ENV%, YAML tags and aliases
    '^[*•x#.\\-_?]+$', // ***, xxxx, ----, ...
    '^(.)\\1+$', // aaaaaa, 000000
    '[()]', // getpass(), input("…"), ENC(…)
    '^(?:process\\.env|os\\.environ|os\\.getenv|getenv|system\\.getenv|env\\[|env\\.|config\\.|settings\\.|secrets\\.|vault:|import\\.meta\\.env)',
    '^[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)+$', // req.body.password, self.password
    '^(?:your|ditt|din|my|the)[-_ ]?(?:own[-_ ]?)?(?:password|passwd|pass|pwd|lösenord|losenord|secret|token|api[-_ ]?key|key)',
    '[-_](?:here|här)$', // your-api-key-here
    'example', // AWS documentation keys (…EXAMPLE), example values
  ].join('|'),
  'iu',
);
const PLACEHOLDER_PREFIX = /^(?:sample|dummy|placeholder|changeit_?here|insert|enter|ange|fyll)/i;

/** Values that are not secrets: placeholders, masks, template/env references and code expressions. */
export function isPlaceholderOrCode(v: string): boolean {
  if (v.length === 0) return true;
  if (PLACEHOLDER_WORDS.has(v.toLowerCase())) return true;
  if (PLACEHOLDER_PATTERN.test(v)) return true;
  return PLACEHOLDER_PREFIX.test(v) && !hasDigit(v);
}

/** A bare identifier in code (DB_PASSWORD, hashedPassword, user_input): a variable, not a literal. */
export function looksLikeIdentifier(v: string): boolean {
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(v) || hasDigit(v)) return false;
  return v.includes('_') || /[a-z][A-Z]/.test(v) || /^[A-Z]{2,}$/.test(v);
}

const LETTER = 1;
const DIGIT = 2;
const SYMBOL = 4;
const SPACE = 8;

/** Which character classes occur in `v` (one pass, no regex for ASCII). */
function charClasses(v: string): number {
  let mask = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) mask |= DIGIT;
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) mask |= LETTER;
    else if (c === 32 || c === 9 || c === 10 || c === 13) mask |= SPACE;
    else if (c < 128) mask |= SYMBOL;
    else mask |= isLetterAt(v, i) ? LETTER : /\s/.test(v[i]!) ? SPACE : SYMBOL;
  }
  return mask;
}

/** Plausible as a password in running text: no spaces, mixes letters/digits/symbols, not a date, URL, path, address or identifier. */
export function looksLikePassword(v: string, allowDigitsOnly: boolean): boolean {
  if (v.length < 6 || v.length > 128) return false;
  const mask = charClasses(v);
  if (mask & SPACE) return false;
  if (mask === DIGIT) return allowDigitsOnly;
  // Needs a letter (only digits and punctuation: dates, times, amounts, phone numbers)
  // and a digit or a symbol (a plain word is prose).
  if (!(mask & LETTER) || !(mask & (DIGIT | SYMBOL))) return false;
  if (looksLikeIdentifier(v)) return false; // db_password, userInput
  if (/:\/\/|^www\./i.test(v)) return false;
  if (/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(v)) return false; // e-mail address
  if (!(mask & DIGIT) && /\.[a-z]{2,5}$/i.test(v) && /^[\w.-]+$/.test(v)) return false; // config.yaml
  if (/^\d+(?:[:.,]\d+)?-?\p{L}{1,3}$/u.test(v)) return false; // 90:e, 12st
  if (/^\p{L}+-\p{L}+$/u.test(v)) return false; // AD-kontot, e-post
  return true;
}
