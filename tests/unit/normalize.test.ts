import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scan } from '../../lib/scan';
import { normalize } from '../../lib/text/normalize';
import { REFERENCE_DATE } from './helpers';

describe('normalize', () => {
  it('maps full-width digits and a minus sign to ASCII and back', () => {
    const n = normalize('pnr ８５０７０９−９８０５ tack');
    expect(n.text).toBe('pnr 850709-9805 tack');
    expect(n.toOriginal(4, 15)).toEqual([4, 15]);
  });

  it('drops zero-width characters and maps spans across them', () => {
    const original = 'a 850709\u200B-98\u200D05 b';
    const n = normalize(original);
    expect(n.text).toBe('a 850709-9805 b');
    const [s, e] = n.toOriginal(2, 13);
    expect(original.slice(s, e)).toBe('850709\u200B-98\u200D05');
  });

  it('maps astral mathematical digits (two UTF-16 units) to one digit each', () => {
    const original = 'x 𝟖𝟓𝟎𝟕𝟎𝟗-𝟗𝟖𝟎𝟓 y';
    const n = normalize(original);
    expect(n.text).toBe('x 850709-9805 y');
    const [s, e] = n.toOriginal(2, 13);
    expect(original.slice(s, e)).toBe('𝟖𝟓𝟎𝟕𝟎𝟗-𝟗𝟖𝟎𝟓');
  });

  it('still normalises the character after a lone high surrogate (it is not half of a pair)', () => {
    const original = 'pnr \uD800８５０７０９\u200B−９８０５';
    const n = normalize(original);
    expect(n.text).toBe('pnr \uD800850709-9805');
    const [s, e] = n.toOriginal(5, 16);
    expect(original.slice(s, e)).toBe('８５０７０９\u200B−９８０５');
  });

  it('reads digits of other scripts by their value', () => {
    expect(normalize('٨٥٠٧٠٩-٩٨٠٥').text).toBe('850709-9805');
    expect(normalize('८५०७०९').text).toBe('850709');
  });

  it('turns NBSP, thin and narrow spaces into spaces and every dash into a hyphen', () => {
    expect(normalize('a\u00A0b\u2009c\u202Fd').text).toBe('a b c d');
    for (const dash of ['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212']) {
      expect(normalize(`1${dash}2`).text).toBe('1-2');
    }
  });

  it('turns Cyrillic and Greek look-alike capitals into Latin', () => {
    expect(normalize('НЕМLIG').text).toBe('HEMLIG');
    expect(normalize('ΚΟΝFIDENTIELL').text).toBe('KONFIDENTIELL');
  });

  it('leaves ordinary Swedish text untouched and maps it to itself', () => {
    const text = 'Åsa och Örjan läser ärenden.';
    const n = normalize(text);
    expect(n.text).toBe(text);
    expect(n.toOriginal(4, 7)).toEqual([4, 7]);
  });

  it('drops a combining mark after a digit, so it cannot hide a personnummer; the span covers the mark', () => {
    const original = 'pnr 850709-980\u03015 tack';
    const n = normalize(original);
    expect(n.text).toBe('pnr 850709-9805 tack');
    const [s, e] = n.toOriginal(4, 15);
    expect(original.slice(s, e)).toBe('850709-980\u03015');
    expect(n.toOriginal(15, 20)).toEqual([16, 21]);
    const found = scan(original, { referenceDate: REFERENCE_DATE }).findings.find((f) => f.category === 'personnummer');
    expect(found?.text).toBe('850709-980\u03015');
  });

  it('drops marks after a dash, after a digit or dash that was mapped, stacked, and astral ones', () => {
    expect(normalize('850709-\u20DD9805').text).toBe('850709-9805'); // enclosing circle (Me) after the dash
    expect(normalize('８５０７０９\u0301−\u0308９８０５').text).toBe('850709-9805'); // after full-width digit, after U+2212
    expect(normalize('850709\u0301\u0308\u20DD-9805').text).toBe('850709-9805');
    expect(normalize('𝟖𝟓𝟎𝟕𝟎𝟗\u0301-9805').text).toBe('850709-9805');
    const astral = '850709-98\u{1D167}05'; // MUSICAL SYMBOL COMBINING TREMOLO-1 (Mn, two UTF-16 units)
    const n = normalize(astral);
    expect(n.text).toBe('850709-9805');
    expect(n.toOriginal(0, 11)).toEqual([0, astral.length]);
    expect(normalize('5\u200B\u0301').text).toBe('5'); // the mark's base is the 5 once the zero-width space is gone
  });

  it('drops marks after the other separators of a personnummer and after symbols (keycap digits)', () => {
    expect(normalize('850709+\u03019805').text).toBe('850709+9805');
    expect(normalize('850709 \u03019805').text).toBe('850709 9805');
    expect(normalize('KS 2026/\u03010412').text).toBe('KS 2026/0412');
    expect(normalize('1\uFE0F\u20E3 2\uFE0F\u20E3').text).toBe('1 2');
  });

  it('leaves combining marks on letters alone: decomposed Swedish is not changed', () => {
    for (const text of ['Ha\u030Akan och O\u0308rjan la\u0308ser', 'Ange\u0301lique', 'e\u0301\u0302 5a\u030A', '𝐀\u0301', '\u0301 först']) {
      const n = normalize(text);
      expect(n.text).toBe(text);
      expect(n.toOriginal(1, 3)).toEqual([1, 3]);
    }
    // Mapped letters keep their marks too; only the mark after the digit goes.
    const n = normalize('ＫＳ\u0301 1\u0301');
    expect(n.text).toBe('KS\u0301 1');
  });

  it('property: every normalised span maps to an in-bounds original span that normalises back to it', () => {
    const noisy = fc.oneof(
      fc.string(),
      fc.constantFrom('\u200B', '\u00AD', '\uFEFF', '−', '–', '８', '𝟗', '٣', '\u00A0', 'Н', 'é', '😀', '\u0301', '\u20DD', 'a\u030A', '\u{1D167}', '5', '-', ' '),
    );
    fc.assert(
      fc.property(fc.array(noisy, { maxLength: 40 }), fc.nat(), fc.nat(), (parts, a, b) => {
        const original = parts.join('');
        const n = normalize(original);
        const len = n.text.length;
        // Detector spans never split a surrogate pair: move such a boundary past the pair.
        const onCodePoint = (i: number) => (/[\uDC00-\uDFFF]/.test(n.text[i] ?? '') ? i + 1 : i);
        const start = onCodePoint(len ? a % len : 0);
        const end = Math.max(start, onCodePoint(len ? start + (b % (len - start + 1)) : 0));
        const [os, oe] = n.toOriginal(start, end);
        expect(os).toBeGreaterThanOrEqual(0);
        expect(oe).toBeLessThanOrEqual(original.length);
        expect(os).toBeLessThanOrEqual(oe);
        expect(normalize(original.slice(os, oe)).text).toBe(n.text.slice(start, end));
      }),
      { numRuns: 500 },
    );
  });
});
