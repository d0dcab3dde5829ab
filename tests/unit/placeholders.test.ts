import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlaceholderBook, maskFindings } from '../../lib/redaction/placeholders';
import { scan } from '../../lib/scan';
import { REFERENCE_DATE } from './helpers';

describe('mask and send placeholders', () => {
  it('replaces findings with typed, numbered placeholders', () => {
    const text = 'Per Nilsson 640823-4174 och Anna Berg 811230-4152, mejl anna.berg@kommun.se';
    const { findings } = scan(text, { referenceDate: REFERENCE_DATE });
    const masked = maskFindings(text, findings, new PlaceholderBook('sv'));
    expect(masked.text).toBe('Per Nilsson [PERSONNUMMER 1] och Anna Berg [PERSONNUMMER 2], mejl [E-POST 1]');
  });

  it('gives the same value the same placeholder throughout a conversation, whatever its form', () => {
    const book = new PlaceholderBook('en');
    const first = 'Pnr 640823-4174';
    const second = 'Again: 196408234174 and 811230-4152';
    const a = maskFindings(first, scan(first, { referenceDate: REFERENCE_DATE }).findings, book);
    const b = maskFindings(second, scan(second, { referenceDate: REFERENCE_DATE }).findings, book);
    expect(a.text).toBe('Pnr [PERSONAL ID NUMBER 1]');
    expect(b.text).toBe('Again: [PERSONAL ID NUMBER 1] and [PERSONAL ID NUMBER 2]');
  });

  it('merges overlapping findings and names the most important category', () => {
    const text = 'Konto 3300, 850112-4567 (Nordea personkonto)';
    const masked = maskFindings(
      text,
      [
        { category: 'bank-account', start: 6, end: 23 },
        { category: 'personnummer', start: 12, end: 23 },
      ],
      new PlaceholderBook('sv'),
    );
    expect(masked.text).toBe('Konto [PERSONNUMMER 1] (Nordea personkonto)');
    expect(masked.replacements).toHaveLength(1);
  });

  it('property: masked text contains no digit of any masked identity number span', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('Anna', 'och', '640823-4174', '811230-4152', 'ärende', '\n'), { maxLength: 12 }), (words) => {
        const text = words.join(' ');
        const { findings } = scan(text, { referenceDate: REFERENCE_DATE });
        const masked = maskFindings(text, findings, new PlaceholderBook()).text;
        expect(masked).not.toMatch(/\d{6}-\d{4}/);
      }),
    );
  });
});
