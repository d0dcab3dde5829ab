/**
 * "Mask and send": findings replaced by typed placeholders such as
 * [PERSONNUMMER 1]. The same value gets the same placeholder throughout a
 * conversation (one PlaceholderBook per conversation), so the AI's answer
 * still makes sense and the user can map it back.
 */
import { PLACEHOLDER_LABELS } from '../i18n/placeholder-labels';
import type { UiLanguage } from '../i18n/language';
import type { Category, Finding } from '../types';

/** When spans overlap, the placeholder names the category that matters most. */
const PRIORITY: Category[] = [
  'credential',
  'personnummer',
  'samordningsnummer',
  'payment-card',
  'iban',
  'bank-account',
  'classified',
  'protected-identity',
  'email',
  'phone',
];
const priorityOf = (c: Category) => {
  const i = PRIORITY.indexOf(c);
  return i === -1 ? PRIORITY.length : i;
};

/** Values that are the same thing written differently share a placeholder. */
function identityOf(category: Category, value: string): string {
  if (category === 'personnummer' || category === 'samordningsnummer') {
    const digits = value.replace(/\D/g, '');
    return digits.slice(-10);
  }
  if (['phone', 'iban', 'bank-account', 'payment-card'].includes(category)) return value.replace(/[^\dA-Za-z]/g, '').toUpperCase();
  return value.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export class PlaceholderBook {
  private readonly byValue = new Map<string, string>();
  private readonly counters = new Map<Category, number>();

  constructor(private readonly language: UiLanguage = 'sv') {}

  placeholderFor(category: Category, value: string): string {
    const key = `${category}\u0000${identityOf(category, value)}`;
    let placeholder = this.byValue.get(key);
    if (!placeholder) {
      const n = (this.counters.get(category) ?? 0) + 1;
      this.counters.set(category, n);
      placeholder = `[${PLACEHOLDER_LABELS[category][this.language]} ${n}]`;
      this.byValue.set(key, placeholder);
    }
    return placeholder;
  }
}

export interface Replacement {
  start: number;
  end: number;
  placeholder: string;
}

/**
 * Replaces every finding's span in `text` by its placeholder. Overlapping
 * spans are merged into one replacement named after the most important
 * category among them.
 */
export function maskFindings(
  text: string,
  findings: readonly Pick<Finding, 'category' | 'start' | 'end'>[],
  book: PlaceholderBook,
): { text: string; replacements: Replacement[] } {
  const spans = [...findings].filter((f) => f.end > f.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: { start: number; end: number; category: Category }[] = [];
  for (const f of spans) {
    const last = merged[merged.length - 1];
    if (last && f.start < last.end) {
      last.end = Math.max(last.end, f.end);
      if (priorityOf(f.category) < priorityOf(last.category)) last.category = f.category;
    } else {
      merged.push({ start: f.start, end: f.end, category: f.category });
    }
  }
  const replacements: Replacement[] = merged.map((m) => ({
    start: m.start,
    end: m.end,
    placeholder: book.placeholderFor(m.category, text.slice(m.start, m.end)),
  }));
  let out = '';
  let at = 0;
  for (const r of replacements) {
    out += text.slice(at, r.start) + r.placeholder;
    at = r.end;
  }
  return { text: out + text.slice(at), replacements };
}
