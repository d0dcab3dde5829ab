import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identifierSpans, identifiersToMask } from '../../lib/redaction/identifiers';
import { maskPrompt } from '../../lib/redaction/mask-prompt';
import { PlaceholderBook, maskFindings } from '../../lib/redaction/placeholders';
import { scan } from '../../lib/scan';
import type { ScanResult } from '../../lib/types';
import { REFERENCE_DATE } from './helpers';

/** maskPrompt with the names and addresses beside the findings, as the background finds them for the page. */
function maskWithNames(text: string, result: ScanResult, book: PlaceholderBook, rescan: (t: string) => ScanResult): ReturnType<typeof maskPrompt> {
  return maskPrompt(text, result, book, rescan, identifiersToMask(text, result.findings.length > 0, book.personNames()));
}

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

describe('placeholders for names and addresses', () => {
  it('labels PERSON and ADRESS in Swedish, PERSON and ADDRESS in English', () => {
    const sv = new PlaceholderBook('sv');
    const en = new PlaceholderBook('en');
    expect([sv.placeholderFor('person', 'Per Nilsson'), sv.placeholderFor('address', 'Storgatan 12')]).toEqual(['[PERSON 1]', '[ADRESS 1]']);
    expect([en.placeholderFor('person', 'Per Nilsson'), en.placeholderFor('address', 'Storgatan 12')]).toEqual(['[PERSON 1]', '[ADDRESS 1]']);
  });

  it('gives the same person the same placeholder however written, and never reuses a number', () => {
    const book = new PlaceholderBook('sv');
    expect(book.placeholderFor('person', 'Per Nilsson')).toBe('[PERSON 1]');
    expect(book.placeholderFor('person', 'Anna Berg')).toBe('[PERSON 2]');
    expect(book.placeholderFor('person', 'per  NILSSON')).toBe('[PERSON 1]');
    expect(book.placeholderFor('person', 'K. M.')).toBe('[PERSON 3]');
    expect(book.placeholderFor('person', 'K.M.')).toBe('[PERSON 3]');
    expect(book.placeholderFor('address', 'Storgatan 12, 123 45 Malmö')).toBe('[ADRESS 1]');
    expect(book.placeholderFor('address', 'Storgatan 12 123 45 Malmö')).toBe('[ADRESS 1]');
    expect(book.placeholderFor('address', 'Storgatan 14')).toBe('[ADRESS 2]');
    // A person and a number are counted apart: PERSONNUMMER 1 is not taken by PERSON 1.
    expect(book.placeholderFor('personnummer', '640823-4174')).toBe('[PERSONNUMMER 1]');
    expect(book.personNames()).toEqual(['Per Nilsson', 'Anna Berg', 'K. M.']);
  });

  it('a span that stands for a full name ("Per" for "Per Nilsson") gets that name\'s placeholder', () => {
    const text = 'Per Nilsson nekar. Per anser att beslutet är fel.';
    const masked = maskFindings(text, identifierSpans(text), new PlaceholderBook('sv'));
    expect(masked.text).toBe('[PERSON 1] nekar. [PERSON 1] anser att beslutet är fel.');
  });

  it('a finding outranks a name it overlaps', () => {
    const text = 'Per Nilsson 640823-4174';
    const masked = maskFindings(
      text,
      [
        { category: 'person', start: 0, end: 11 },
        { category: 'personnummer', start: 4, end: 23 },
      ],
      new PlaceholderBook('sv'),
    );
    expect(masked.text).toBe('[PERSONNUMMER 1]');
  });

  it('property: after "mask and send", no name, address or number of the prompt is left, and the words between stay', () => {
    const parts = ['Per Nilsson', 'Anna-Lena Larsson', 'Storgatan 12', '640823-4174', 'och', 'har', 'ansökt', 'Lena', 'är', 'hemma', '.', '\n'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...parts), { maxLength: 14 }), (words) => {
        const text = `Pnr 811230-4152: ${words.join(' ')}`;
        const out = maskWithNames(text, scan(text, { referenceDate: REFERENCE_DATE }), new PlaceholderBook('sv'), (t) => scan(t, { referenceDate: REFERENCE_DATE }));
        expect(out.ok).toBe(true);
        for (const value of ['Nilsson', 'Larsson', 'Storgatan 12', '640823', '811230']) expect(out.text).not.toContain(value);
        for (const word of ['och', 'ansökt', 'hemma']) expect(out.text.split(word).length).toBe(text.split(word).length);
      }),
    );
  });
});
