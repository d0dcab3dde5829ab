/**
 * "Mask and send": findings replaced by typed placeholders such as
 * [PERSONNUMMER 1]. The same value gets the same placeholder throughout a
 * conversation (one PlaceholderBook per conversation), so the AI's answer
 * still makes sense and the user can map it back.
 */
import type { Category, Finding } from '../types';

export type PlaceholderLanguage = 'sv' | 'en';

const LABELS: Record<Category, Record<PlaceholderLanguage, string>> = {
  personnummer: { sv: 'PERSONNUMMER', en: 'PERSONAL ID NUMBER' },
  samordningsnummer: { sv: 'SAMORDNINGSNUMMER', en: 'COORDINATION NUMBER' },
  classified: { sv: 'SÄKERHETSMARKERING', en: 'CLASSIFICATION MARKING' },
  health: { sv: 'HÄLSOUPPGIFT', en: 'HEALTH DATA' },
  ethnicity: { sv: 'ETNISKT URSPRUNG', en: 'ETHNIC ORIGIN' },
  politics: { sv: 'POLITISK ÅSIKT', en: 'POLITICAL OPINION' },
  religion: { sv: 'RELIGION', en: 'RELIGION' },
  union: { sv: 'FACKTILLHÖRIGHET', en: 'UNION MEMBERSHIP' },
  sexuality: { sv: 'SEXUALITET', en: 'SEXUALITY' },
  'genetic-biometric': { sv: 'BIOMETRISK UPPGIFT', en: 'BIOMETRIC DATA' },
  criminal: { sv: 'BROTTSUPPGIFT', en: 'CRIMINAL RECORD DATA' },
  'social-services': { sv: 'SOCIALTJÄNSTUPPGIFT', en: 'SOCIAL SERVICES DATA' },
  'protected-identity': { sv: 'SKYDDAD IDENTITET', en: 'PROTECTED IDENTITY' },
  email: { sv: 'E-POST', en: 'EMAIL' },
  phone: { sv: 'TELEFON', en: 'PHONE' },
  iban: { sv: 'IBAN', en: 'IBAN' },
  'bank-account': { sv: 'BANKKONTO', en: 'BANK ACCOUNT' },
  'payment-card': { sv: 'KORTNUMMER', en: 'CARD NUMBER' },
  credential: { sv: 'HEMLIG NYCKEL', en: 'SECRET' },
};

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

  constructor(private readonly language: PlaceholderLanguage = 'sv') {}

  placeholderFor(category: Category, value: string): string {
    const key = `${category}\u0000${identityOf(category, value)}`;
    let placeholder = this.byValue.get(key);
    if (!placeholder) {
      const n = (this.counters.get(category) ?? 0) + 1;
      this.counters.set(category, n);
      placeholder = `[${LABELS[category][this.language]} ${n}]`;
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
