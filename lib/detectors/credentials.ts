/**
 * Credentials: API keys and tokens with a known prefix, JWTs, bearer/basic
 * authorization headers, PEM private keys, connection strings with a password,
 * and labelled passwords/secrets ("password=…", "lösenordet är …", "api_key: …").
 * Spans cover the secret itself (the value, not the label) so the dialog can
 * mask exactly that, except for PEM keys where the span covers the key block.
 *
 * Linear time: every regex starts with a literal prefix (so the engine can search
 * for it natively) followed by a look-behind that only lets it begin at the start
 * of a token, then simple greedy character classes; no nested or overlapping
 * quantifiers. Labelled values are found with one regex search for the key words;
 * each key reads a bounded value, and a value after ':' or '=' is skipped so it is
 * never rescanned. The PEM body is read once.
 *
 * Not findings: SHA-256/SHA-1 hex digests, UUIDs and git hashes on their own,
 * placeholders (<password>, ***, xxx, ${ENV}, process.env.X, os.environ["X"],
 * os.getenv(…), your-api-key-here, empty, AWS documentation "EXAMPLE" keys),
 * code that reads secrets from the environment, password policy prose
 * ("lösenordet måste vara minst 12 tecken"), a "BEGIN PRIVATE KEY" line with no key.
 */
import type { Category, RawFinding } from '../types';
import type { Detector } from './detector';
import { isLetterAt } from '../validators/chars';

type Rule =
  | 'credential.api-key'
  | 'credential.token'
  | 'credential.private-key'
  | 'credential.connection-string'
  | 'credential.password'
  | 'credential.secret';

interface Hit {
  start: number;
  end: number;
  rule: Rule;
  /** Lower wins when hits overlap: specific formats beat labelled values. */
  priority: number;
}

const CATEGORY: Category = 'credential';

// ---------------------------------------------------------------------------
// Helpers

function hasDigit(s: string): boolean {
  return /\d/.test(s);
}

/** Mixed letters and digits and not a run of one repeated character. */
function looksRandom(s: string): boolean {
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
function isPlaceholderOrCode(v: string): boolean {
  if (v.length === 0) return true;
  if (PLACEHOLDER_WORDS.has(v.toLowerCase())) return true;
  if (PLACEHOLDER_PATTERN.test(v)) return true;
  return PLACEHOLDER_PREFIX.test(v) && !hasDigit(v);
}

/** A bare identifier in code (DB_PASSWORD, hashedPassword, user_input): a variable, not a literal. */
function looksLikeIdentifier(v: string): boolean {
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
function looksLikePassword(v: string, allowDigitsOnly: boolean): boolean {
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

// ---------------------------------------------------------------------------
// Known token formats

/**
 * A string that every match of a pattern contains at a fixed place: `s` occurs
 * `at` characters after the start of the match. The text is searched for the
 * character `s[pivot]`, chosen rare in prose, so a text without it costs one
 * native search.
 */
interface Needle {
  s: string;
  at: number;
  pivot: number;
}

interface TokenPattern {
  re: RegExp;
  rule: Rule;
  /** Optional extra check of the whole match. */
  check?: (m: string) => boolean;
  /** Capture group holding the secret (default: whole match). */
  group?: number;
  /**
   * Every match contains one of these, so the pattern is tried only where one
   * occurs. Without needles the regex searches the whole text.
   */
  needles?: Needle[];
}

const TOKEN_PATTERNS: TokenPattern[] = [
  // Anthropic (before OpenAI: both start with "sk-").
  {
    re: /sk-ant-(?<![A-Za-z0-9_-]sk-ant-)[A-Za-z0-9_-]{20,}/g,
    rule: 'credential.api-key',
    check: (m) => looksRandom(m.slice(7)),
    needles: [{ s: 'sk-ant-', at: 0, pivot: 2 }],
  },
  // OpenAI: sk-…, sk-proj-…, sk-svcacct-…, sk-admin-…
  {
    re: /sk-(?<![A-Za-z0-9_-]sk-)(?!ant-)[A-Za-z0-9_-]{20,}/g,
    rule: 'credential.api-key',
    check: (m) => looksRandom(m.slice(3).replace(/^(?:proj|svcacct|admin)-/, '')),
    needles: [{ s: 'sk-', at: 0, pivot: 2 }],
  },
  // AWS access key id.
  {
    re: /A(?:KI|SI)A(?<![A-Za-z0-9]A(?:KI|SI)A)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
    rule: 'credential.api-key',
    check: (m) => !m.includes('EXAMPLE'),
    needles: [
      { s: 'AKIA', at: 0, pivot: 0 },
      { s: 'ASIA', at: 0, pivot: 0 },
    ],
  },
  // AWS secret access key, only when labelled.
  {
    re: /secret_?access_?key(?<=(?:^|[^A-Za-z0-9_])(?:aws_?)?secret_?access_?key)["']?[ \t]{0,4}[:=][ \t]{0,4}["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dgi,
    rule: 'credential.api-key',
    group: 1,
    check: (m) => !m.includes('EXAMPLE') && looksRandom(m),
  },
  // GitHub.
  {
    re: /gh[pousr]_(?<![A-Za-z0-9_]gh[pousr]_)[A-Za-z0-9]{36,}(?![A-Za-z0-9_])/g,
    rule: 'credential.api-key',
    check: (m) => m.length <= 260 && looksRandom(m.slice(4)),
    needles: [{ s: '_', at: 3, pivot: 0 }],
  },
  {
    re: /github_pat_(?<![A-Za-z0-9_]github_pat_)[A-Za-z0-9_]{22,}(?![A-Za-z0-9_])/g,
    rule: 'credential.api-key',
    check: (m) => m.length <= 300 && looksRandom(m.slice(11)),
    needles: [{ s: '_pat_', at: 6, pivot: 0 }],
  },
  // Slack.
  {
    re: /x(?:ox[abposre]|app)-(?<![A-Za-z0-9_-]x(?:ox[abposre]|app)-)[A-Za-z0-9-]{10,}/g,
    rule: 'credential.api-key',
    check: (m) => m.length >= 20 && hasDigit(m),
    needles: [{ s: 'x', at: 0, pivot: 0 }],
  },
  // Google API key.
  {
    re: /AIza(?<![A-Za-z0-9_-]AIza)[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g,
    rule: 'credential.api-key',
    needles: [{ s: 'AIza', at: 0, pivot: 2 }],
  },
  // Stripe live keys.
  {
    re: /[sr]k_live_(?<![A-Za-z0-9_][sr]k_live_)[0-9A-Za-z]{16,}/g,
    rule: 'credential.api-key',
    check: (m) => looksRandom(m.slice(8)),
    needles: [{ s: 'k_live_', at: 1, pivot: 1 }],
  },
  // JWT: header.payload.signature, header decodes to JSON with "alg".
  {
    re: /eyJ(?<![A-Za-z0-9_.-]eyJ)[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g,
    rule: 'credential.token',
    check: isJwt,
    needles: [{ s: 'eyJ', at: 0, pivot: 2 }],
  },
  // Authorization: Bearer <opaque token>, also bare "Bearer <token>". ('b' is too common a needle.)
  {
    re: /earer(?<![A-Za-z0-9_-][Bb]earer)(?<=[Bb]earer)[ \t]{1,4}([A-Za-z0-9._~+/-]{20,}=*)/dg,
    rule: 'credential.token',
    group: 1,
    check: (m) => looksRandom(m) && !/^(?:your|my|the|example|insert|token)/i.test(m),
  },
  // Authorization: Basic base64(user:password)
  {
    re: /uthorization(?<![A-Za-z0-9_-][Aa]uthorization)(?<=[Aa]uthorization)["']?[ \t]{0,3}[:=][ \t]{0,3}["']?[Bb]asic[ \t]{1,4}([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/dg,
    rule: 'credential.password',
    group: 1,
    check: isBasicAuth,
    needles: [{ s: 'uthorization', at: 0, pivot: 6 }],
  },
];

function decodeBase64(s: string): string | null {
  try {
    const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
    return atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  } catch {
    return null;
  }
}

function isJwt(m: string): boolean {
  const header = m.slice(0, m.indexOf('.'));
  if (header.length > 2000) return false;
  const json = decodeBase64(header);
  if (json === null) return false;
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null && typeof (parsed as Record<string, unknown>)['alg'] === 'string';
  } catch {
    return false;
  }
}

function isBasicAuth(m: string): boolean {
  if (m.length > 1000) return false;
  const decoded = decodeBase64(m);
  if (decoded === null) return false;
  const colon = decoded.indexOf(':');
  return colon > 0 && colon < decoded.length - 1 && /^[\x20-\x7e\u00a0-\u00ff]+$/.test(decoded);
}

/** URL schemes whose userinfo may carry a password. */
const SCHEMES = new Set([
  'postgres', 'postgresql', 'mysql', 'mariadb', 'mongodb', 'mongodb+srv', 'redis', 'rediss', 'amqp', 'amqps', 'mssql', 'sqlserver',
  'oracle', 'ftp', 'ftps', 'sftp', 'smtp', 'smtps', 'imap', 'imaps', 'ldap', 'ldaps', 'http', 'https', 'ws', 'wss',
]);
/** After "://": user ":" password "@" (the password may itself contain '@' or ':'). */
const USERINFO = /[^\s:/@?#'"]{0,128}:([^\s/?#'"]{1,256})@/dy;

/** Connection strings with a password: scheme://user:password@host (also jdbc:scheme://…). Found via "://", so linear. */
function findConnectionStrings(text: string, hits: Hit[]): void {
  for (let at = text.indexOf('://'); at !== -1; at = text.indexOf('://', at + 3)) {
    let s = at;
    while (s > 0 && at - s <= 12 && /[A-Za-z0-9+]/.test(text[s - 1]!)) s--;
    const scheme = text.slice(s, at).toLowerCase();
    if (!SCHEMES.has(scheme)) continue;
    if (s > 0 && (text[s - 1] === '.' || text[s - 1] === '-')) continue; // part of a longer name
    USERINFO.lastIndex = at + 3;
    const m = USERINFO.exec(text);
    const password = m?.[1];
    const start = m?.indices?.[1]?.[0];
    if (password === undefined || start === undefined || isPlaceholderOrCode(password)) continue;
    hits.push({ start, end: start + password.length, rule: 'credential.connection-string', priority: 1 });
  }
}

/**
 * Jumping between needles pays while they are rare. After DENSE_STEPS native
 * searches, needles closer than DENSE_GAP characters apart on average (code, a
 * dump of keys) hand over to one regex search over the rest of the text.
 */
const DENSE_STEPS = 64;
const DENSE_GAP = 32;
/** indexVia() gave up: the needle is too frequent. */
const DENSE = -2;

/** Native searches made so far for one needle, from the start of the text. */
interface Budget {
  steps: number;
}

/**
 * First index at or after `from` where `s` occurs, -1 if there is none, or
 * DENSE. Found by a native search for the character of `s` at `pivot` (a rare
 * one) and a comparison there.
 */
function indexVia(text: string, s: string, pivot: number, from: number, budget: Budget): number {
  const ch = s[pivot]!;
  for (let i = text.indexOf(ch, from + pivot); i >= 0; i = text.indexOf(ch, i + 1)) {
    if (++budget.steps > DENSE_STEPS && budget.steps * DENSE_GAP > i) return DENSE;
    if (s.length === 1 || text.startsWith(s, i - pivot)) return i - pivot;
  }
  return -1;
}

/** Next occurrence of a needle at or after a position; the positions asked for never decrease. */
class NeedleCursor {
  private pos = Number.NEGATIVE_INFINITY;
  private readonly budget: Budget = { steps: 0 };

  constructor(
    private readonly text: string,
    readonly needle: Needle,
  ) {}

  /** The occurrence, Infinity if there is none, or DENSE. */
  at(from: number): number {
    if (this.pos < from && this.pos !== DENSE) {
      const i = indexVia(this.text, this.needle.s, this.needle.pivot, from, this.budget);
      this.pos = i === -1 ? Number.POSITIVE_INFINITY : i;
    }
    return this.pos;
  }
}

/** Sticky copies of the token patterns with needles: tried at one position each. */
export const STICKY = new Map(
  TOKEN_PATTERNS.filter((p) => p.needles).map((p) => [p, new RegExp(p.re.source, p.re.flags.replace('g', 'y'))]),
);

function findTokens(text: string, hits: Hit[]): void {
  for (const p of TOKEN_PATTERNS) {
    const from = p.needles ? findTokensAtNeedles(text, p, hits) : 0;
    if (from < 0) continue;
    p.re.lastIndex = from;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) addToken(p, m, hits);
  }
}

/**
 * The matches of a global search with `p.re`, found by trying the sticky copy
 * only where a needle allows a match to start: the leftmost match at or after
 * `from`, then on from its end. Returns -1 when done, or where a plain regex
 * search has to take over because the needles are dense.
 */
function findTokensAtNeedles(text: string, p: TokenPattern, hits: Hit[]): number {
  const sticky = STICKY.get(p)!;
  const cursors: NeedleCursor[] = [];
  for (const n of p.needles!) cursors.push(new NeedleCursor(text, n));
  let from = 0;
  for (;;) {
    let start = Number.POSITIVE_INFINITY;
    for (const c of cursors) {
      const at = c.at(from + c.needle.at);
      if (at === DENSE) return from;
      start = Math.min(start, at - c.needle.at);
    }
    if (start === Number.POSITIVE_INFINITY) return -1;
    sticky.lastIndex = start;
    const m = sticky.exec(text);
    if (m) {
      addToken(p, m, hits);
      from = start + m[0].length;
    } else {
      from = start + 1;
    }
  }
}

function addToken(p: TokenPattern, m: RegExpExecArray, hits: Hit[]): void {
  const secret = p.group ? m[p.group] : m[0];
  if (secret === undefined || secret.length === 0) return;
  if (p.check && !p.check(secret)) return;
  const start = p.group ? (m.indices?.[p.group]?.[0] ?? -1) : m.index;
  if (start < 0) return;
  hits.push({ start, end: start + secret.length, rule: p.rule, priority: p.rule === 'credential.password' ? 3 : 1 });
}

// ---------------------------------------------------------------------------
// PEM private keys

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
function findPem(text: string, hits: Hit[]): void {
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

// ---------------------------------------------------------------------------
// Labelled passwords and secrets

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

function findLabelled(text: string, hits: Hit[]): void {
  const n = text.length;
  KEY_SCAN.lastIndex = 0;
  for (let m = KEY_SCAN.exec(text); m; m = KEY_SCAN.exec(text)) {
    const keyStart = m.index;
    const keyEnd = keyStart + m[0].length;
    // The key must end its word ("password", "password." but not "passwords" or "token_count").
    let k = keyEnd;
    while (k < n && (text.charCodeAt(k) === 46 || text.charCodeAt(k) === 45)) k++;
    if (k < n && isKeyChar(text, k)) continue;
    // The word may have a prefix: DB_PASSWORD, dbPassword, x-api-key, spring.datasource.password.
    let wordStart = keyStart;
    while (wordStart > 0 && keyStart - wordStart <= 64 && isKeyChar(text, wordStart - 1)) wordStart--;
    if (keyStart - wordStart > 64) continue;
    if (wordStart < keyStart && !keyBoundary(text, keyStart)) continue;
    const key = m[0].toLowerCase();
    const family = FAMILY.get(key);
    if (!family) continue;
    const read = { end: keyEnd };
    const hit = valueAfterKey(text, wordStart, keyEnd, key, family, read);
    if (hit) hits.push(hit);
    // A value that followed ':' or '=' is consumed, so it is never rescanned for keys (keeps the scan linear).
    if (read.end > KEY_SCAN.lastIndex) KEY_SCAN.lastIndex = read.end;
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

// ---------------------------------------------------------------------------

export const credentialDetector: Detector = {
  id: 'credentials',
  detect(ctx) {
    const text = ctx.norm.text;
    const hits: Hit[] = [];
    findPem(text, hits);
    findTokens(text, hits);
    findConnectionStrings(text, hits);
    findLabelled(text, hits);
    return resolveOverlaps(hits).map((h): RawFinding => ({ category: CATEGORY, rule: h.rule, start: h.start, end: h.end }));
  },
};

/**
 * Removes overlapping hits, preferring the most specific format, then the longest span.
 * Hits are grouped into clusters of transitively overlapping spans (a linear sweep
 * after sorting), and only inside a small cluster are candidates compared with each other.
 */
function resolveOverlaps(hits: Hit[]): Hit[] {
  const sorted = hits.filter((h) => h.end > h.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Hit[] = [];
  let k = 0;
  while (k < sorted.length) {
    let clusterEnd = sorted[k]!.end;
    let m = k + 1;
    while (m < sorted.length && sorted[m]!.start < clusterEnd) {
      clusterEnd = Math.max(clusterEnd, sorted[m]!.end);
      m++;
    }
    const cluster = sorted.slice(k, m);
    if (cluster.length === 1) {
      out.push(cluster[0]!);
    } else if (cluster.length > 64) {
      // Pathological chains of overlaps: keep the earliest of each overlap, in one pass.
      let last: Hit | undefined;
      for (const h of cluster) {
        if (last && h.start < last.end) continue;
        out.push(h);
        last = h;
      }
    } else {
      cluster.sort((a, b) => a.priority - b.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
      const kept: Hit[] = [];
      for (const h of cluster) if (!kept.some((x) => x.start < h.end && h.start < x.end)) kept.push(h);
      out.push(...kept);
    }
    k = m;
  }
  return out.sort((a, b) => a.start - b.start);
}
