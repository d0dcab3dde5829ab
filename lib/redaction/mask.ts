/**
 * Masked excerpts for reports and dialogs: enough to recognise what was found,
 * never the whole value. Sensitive words and markings are shown as they are
 * (they are the reason, not the secret); numbers, addresses and secrets are
 * masked.
 */
import { SENSITIVE_CATEGORIES, type Category } from '../types';

const SHOWN_AS_IS: ReadonlySet<Category> = new Set<Category>(['classified', ...SENSITIVE_CATEGORIES]);

export function maskForDisplay(category: Category, value: string): string {
  if (SHOWN_AS_IS.has(category)) return value;
  if (category === 'credential') return value.length <= 4 ? '****' : `${value.slice(0, 4)}…(${value.length})`;
  if (category === 'email') {
    const at = value.indexOf('@');
    if (at > 0) return `${value.slice(0, 1)}***@${value.slice(at + 1)}`;
  }
  // Numbers: keep the first two digits and the layout, hide the rest.
  let digitsSeen = 0;
  let out = '';
  for (const ch of value) {
    if (/\p{N}/u.test(ch)) {
      digitsSeen++;
      out += digitsSeen <= 2 ? ch : '*';
    } else if (/\p{L}/u.test(ch) && category !== 'iban') {
      out += '*';
    } else {
      out += ch;
    }
  }
  return out;
}
