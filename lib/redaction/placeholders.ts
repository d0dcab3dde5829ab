/**
 * "Mask and send": findings replaced by typed placeholders such as
 * [PERSONNUMMER 1], and the people's names and addresses beside them by
 * [PERSON 1] and [ADRESS 1] (lib/redaction/identifiers.ts). The same value
 * gets the same placeholder throughout a conversation (one PlaceholderBook per
 * conversation), so the AI's answer still makes sense and the user can map it
 * back; a number once given is never given to another value.
 */
import { PLACEHOLDER_LABELS } from '../i18n/placeholder-labels';
import type { UiLanguage } from '../i18n/language';
import type { PlaceholderCategory } from '../types';

/** When spans overlap, the placeholder names the category that matters most. */
const PRIORITY: PlaceholderCategory[] = [
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
  'address',
  'person',
];
const priorityOf = (c: PlaceholderCategory) => {
  const i = PRIORITY.indexOf(c);
  return i === -1 ? PRIORITY.length : i;
};

/** Values that are the same thing written differently share a placeholder. */
function identityOf(category: PlaceholderCategory, value: string): string {
  if (category === 'personnummer' || category === 'samordningsnummer') {
    const digits = value.replace(/\D/g, '');
    return digits.slice(-10);
  }
  if (['phone', 'iban', 'bank-account', 'payment-card'].includes(category)) return value.replace(/[^\dA-Za-z]/g, '').toUpperCase();
  const text = value.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
  // "K. M." and "K.M." are the same initials; "Storgatan 12, 123 45 Malmö" and "Storgatan 12 123 45 Malmö" the same address.
  if (category === 'person') return text.replace(/\.\s/g, '.');
  if (category === 'address') return text.replace(/ ?, ?/g, ' ');
  return text;
}

export class PlaceholderBook {
  private readonly byValue = new Map<string, string>();
  private readonly counters = new Map<PlaceholderCategory, number>();
  /** Names masked so far, oldest first (the values of PERSON placeholders). */
  private readonly names: string[] = [];

  constructor(private readonly language: UiLanguage = 'sv') {}

  placeholderFor(category: PlaceholderCategory, value: string): string {
    const identity = identityOf(category, value);
    const key = `${category}\u0000${identity}`;
    let placeholder = this.byValue.get(key);
    if (!placeholder) {
      const n = (this.counters.get(category) ?? 0) + 1;
      this.counters.set(category, n);
      placeholder = `[${PLACEHOLDER_LABELS[category][this.language]} ${n}]`;
      this.byValue.set(key, placeholder);
      if (category === 'person') this.names.push(value.trim().replace(/\s+/g, ' '));
    }
    return placeholder;
  }

  /**
   * The names masked so far in this conversation, oldest first
   * (identifierSpans' knownNames): a later "Per" on its own is given the
   * placeholder of "Per Nilsson", and a later "Lena" is masked wherever it
   * stands once "Lena" was.
   */
  personNames(): readonly string[] {
    return this.names;
  }
}

export interface Replacement {
  start: number;
  end: number;
  placeholder: string;
}

/** A span to mask: a finding, or a name or address beside one (lib/redaction/identifiers.ts). */
export interface MaskSpan {
  category: PlaceholderCategory;
  start: number;
  end: number;
  /** The value the placeholder stands for when it is not the span's text: "Per" standing for "Per Nilsson". */
  refersTo?: string;
}

/**
 * Replaces every span in `text` by its placeholder. Overlapping spans are
 * merged into one replacement named after the most important category among
 * them.
 */
export function maskFindings(text: string, findings: readonly MaskSpan[], book: PlaceholderBook): { text: string; replacements: Replacement[] } {
  const spans = [...findings].filter((f) => f.end > f.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: MaskSpan[] = [];
  for (const f of spans) {
    const last = merged[merged.length - 1];
    if (last && f.start < last.end) {
      last.end = Math.max(last.end, f.end);
      if (priorityOf(f.category) < priorityOf(last.category)) last.category = f.category;
      // The merged span is no longer the value the name stood for.
      delete last.refersTo;
    } else {
      merged.push({ start: f.start, end: f.end, category: f.category, ...(f.refersTo ? { refersTo: f.refersTo } : {}) });
    }
  }
  const replacements: Replacement[] = merged.map((m) => ({
    start: m.start,
    end: m.end,
    placeholder: book.placeholderFor(m.category, m.refersTo ?? text.slice(m.start, m.end)),
  }));
  let out = '';
  let at = 0;
  for (const r of replacements) {
    out += text.slice(at, r.start) + r.placeholder;
    at = r.end;
  }
  return { text: out + text.slice(at), replacements };
}
