/** Connection strings with a password in the URL's userinfo. */
import type { Hit } from './hit';
import { isPlaceholderOrCode } from './value-shape';

/** URL schemes whose userinfo may carry a password. */
const SCHEMES = new Set([
  'postgres', 'postgresql', 'mysql', 'mariadb', 'mongodb', 'mongodb+srv', 'redis', 'rediss', 'amqp', 'amqps', 'mssql', 'sqlserver',
  'oracle', 'ftp', 'ftps', 'sftp', 'smtp', 'smtps', 'imap', 'imaps', 'ldap', 'ldaps', 'http', 'https', 'ws', 'wss',
]);
/** After "://": user ":" password "@" (the password may itself contain '@' or ':'). */
const USERINFO = /[^\s:/@?#'"]{0,128}:([^\s/?#'"]{1,256})@/dy;

/** Connection strings with a password: scheme://user:password@host (also jdbc:scheme://…). Found via "://", so linear. */
export function findConnectionStrings(text: string, hits: Hit[]): void {
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
