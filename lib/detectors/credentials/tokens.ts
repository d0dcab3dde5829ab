/**
 * Known token formats: API keys and tokens with a fixed prefix, JWTs and
 * authorization headers. Each pattern is tried only where one of its needles
 * (a literal it always contains) occurs, so prose without them costs one
 * native search per needle.
 */
import type { Hit, Rule } from './hit';
import { DENSE, NeedleCursor, type Needle } from './needles';
import { hasDigit, looksRandom } from './value-shape';

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

/** Sticky copies of the token patterns with needles: tried at one position each. */
export const STICKY = new Map(
  TOKEN_PATTERNS.filter((p) => p.needles).map((p) => [p, new RegExp(p.re.source, p.re.flags.replace('g', 'y'))]),
);

export function findTokens(text: string, hits: Hit[]): void {
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
