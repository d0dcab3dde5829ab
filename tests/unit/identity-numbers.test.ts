import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identityNumberDetector } from '../../lib/detectors/identity-numbers';
import { luhnCheckDigit } from '../../lib/validators/luhn';
import { parseIdentityNumber } from '../../lib/validators/personnummer';
import { birthDateArb, identityNumber as make, REFERENCE_DATE, runDetector, serialArb } from './helpers';

const found = (text: string) => runDetector(identityNumberDetector, text);
const one = (text: string) => {
  const f = found(text);
  expect(f, text).toHaveLength(1);
  return f[0]!;
};

describe('personnummer: written forms', () => {
  // 640823-4174: valid and not on Skatteverket's test list (640823-4174, the worked example, is on it).
  const forms = [
    '640823-4174',
    '6408234174',
    '196408234174',
    '19640823-4174',
    '640823 4174',
    '19640823 4174',
    '640823 - 4174',
    '640823–4174', // en dash
    '640823\u22124174', // minus sign
    '６４０８２３－４１７４', // full-width
    '640823\u200B-4174', // zero-width space inside
    '640823\u00A04174', // no-break space
  ];
  for (const form of forms) {
    it(`finds ${JSON.stringify(form)} and reports its original span`, () => {
      const text = `Sökande: Anna Berg, ${form}, bor i Växjö.`;
      const f = one(text);
      expect(f.category).toBe('personnummer');
      expect(f.rule).toBe('personnummer.valid');
      expect(f.text).toBe(form);
    });
  }

  it('finds the number at the very start and end of the text', () => {
    expect(one('640823-4174').text).toBe('640823-4174');
    expect(one('pnr:6408234174').text).toBe('6408234174');
  });

  it('finds every number in tab-separated and comma-separated rows', () => {
    const a = make('850101', '238');
    const b = make('910203', '114');
    expect(found(`${a}\tNilsson\tKarin\n${b},Berg,Per`).map((f) => f.text)).toEqual([a, b]);
    expect(found(`${a},${b}`).map((f) => f.text)).toEqual([a, b]);
  });

  it('finds numbers inside SQL, JSON and XML', () => {
    const pnr = '6408234174';
    expect(one(`WHERE b.pnr = '${pnr}'`).text).toBe(pnr);
    expect(one(`{"personnummer":"19640823-4174"}`).text).toBe('19640823-4174');
    expect(one(`<Pnr>196408234174</Pnr>`).text).toBe('196408234174');
  });
});

describe('personnummer: validation', () => {
  it('rejects a wrong check digit', () => {
    expect(found('640823-4175')).toEqual([]);
    expect(found('19830415-2397')).toEqual([]);
  });

  it('rejects födelsenummer 000', () => {
    const n = '640823000' + luhnCheckDigit('640823000');
    expect(found(n.slice(0, 6) + '-' + n.slice(6))).toEqual([]);
  });

  it('rejects impossible dates even when the check digit fits', () => {
    for (const date of ['870231', '850431', '851301', '850001', '850100', '010229']) {
      expect(found(make(date, '238')), date).toEqual([]);
    }
  });

  it('accepts leap days in leap years only', () => {
    expect(one(make('000229', '168')).category).toBe('personnummer'); // 2000 is a leap year
    expect(one('20' + make('040229', '239')).category).toBe('personnummer');
    expect(found('19' + make('000229', '168'))).toEqual([]); // 1900 was not
  });

  it('infers the century: "-" under 100, "+" 100 or older', () => {
    const p = (s: string, sep: string) =>
      parseIdentityNumber({ century: '', date: s.slice(0, 6), separator: sep, serialAndCheck: s.slice(6) }, REFERENCE_DATE);
    const n = make('230415', '148');
    expect(p(n, '-')?.year).toBe(2023);
    expect(p(n, '+')?.year).toBe(1923);
    const young = make('250101', '238');
    expect(p(young, '-')?.year).toBe(2025);
    expect(p(young, '+')?.year).toBe(1925);
    // Born later this year would be in the future: step back a century.
    const december = make('261224', '238');
    expect(p(december, '-')?.year).toBe(1926);
  });

  it('finds the + form of a centenarian', () => {
    const n = make('230415', '148');
    expect(one(`${n.slice(0, 6)}+${n.slice(6)}`).category).toBe('personnummer');
  });

  it('rejects 12-digit forms with a century other than 18, 19 or 20, and future dates', () => {
    const ten = make('640823', '417');
    expect(found('21' + ten)).toEqual([]);
    expect(found('17' + ten)).toEqual([]);
    expect(found('20' + make('271231', '238'))).toEqual([]);
  });

  it('reads samordningsnummer: day + 60', () => {
    const f = one('Samordningsnummer 701063-2391 (SKVM 2010:3)');
    expect(f.category).toBe('samordningsnummer');
    expect(f.rule).toBe('samordningsnummer.valid');
    expect(one('19' + make('960990', '262')).category).toBe('samordningsnummer');
  });

  it('rejects samordningsnummer whose day minus 60 is not a date', () => {
    expect(found(make('850392', '238'))).toEqual([]); // day 92 → 32
    expect(found(make('850260', '238'))).toEqual([]); // day 60 → 0
  });
});

describe('personnummer: look-alikes that are not identity numbers', () => {
  it('never matches inside longer digit runs (timestamps, card numbers, order numbers)', () => {
    const n = make('640823', '417');
    for (const text of [`1${n}`, `${n}1`, `20${n}99`, '202611211405', '4500123987']) {
      expect(found(text), text).toEqual([]);
    }
  });

  it('never matches next to letters (UUIDs, codes, identifiers)', () => {
    const n = make('640823', '417');
    expect(found(`SE${n}01`)).toEqual([]);
    expect(found(`PO${n}`)).toEqual([]);
    expect(found(`${n}abc`)).toEqual([]);
    expect(found('43710baf-2cb8-4efc-9814-b53f2fec4275')).toEqual([]);
  });

  it('does not take numbers glued to other numbers with dashes, dots, slashes or colons', () => {
    const n = make('640823', '417');
    expect(found(`12-${n}`)).toEqual([]);
    expect(found(`${n}-12`)).toEqual([]);
    expect(found(`1.${n}`)).toEqual([]);
    expect(found(`${n}/2`)).toEqual([]);
  });

  it('does not report organisationsnummer (month group 20 or more)', () => {
    expect(found('Vinnande anbud: Bygg AB, org.nr 556834-2918. Kommunen 212000-0530. 802467-2134')).toEqual([]);
    expect(found('165560160680')).toEqual([]);
  });

  it('treats a bare 070 number as a phone number unless an identity word precedes it', () => {
    const n = make('070115', '238');
    expect(found(`Ring ${n}`)).toEqual([]);
    expect(found(`Mobil ${n}`)).toEqual([]);
    expect(found(`${n}`)).toEqual([]);
    expect(one(`personnummer ${n}`).category).toBe('personnummer');
    expect(one(`${n.slice(0, 6)}-${n.slice(6)}`).category).toBe('personnummer');
  });

  it('does not read a bare number after a phone word as an identity number', () => {
    const n = make('081201', '238');
    expect(found(`tel ${n}`)).toEqual([]);
    expect(one(`pnr ${n}`).category).toBe('personnummer');
  });

  it('ignores placeholders and masked numbers', () => {
    expect(found('ÅÅMMDD-XXXX, YYYYMMDD-NNNN, 640823-****')).toEqual([]);
  });
});

describe('official test personnummer', () => {
  it('reports numbers on Skatteverket\'s list with their own rule', () => {
    const f = one('Testperson 201212121212 i testmiljön');
    expect(f.category).toBe('personnummer');
    expect(f.rule).toBe('personnummer.official-test-number');
    expect(one('189001019802').rule).toBe('personnummer.official-test-number');
    expect(one('121212-1212').rule).toBe('personnummer.official-test-number'); // 10-digit form of 201212121212
  });

  it('does not treat 191212121212, which is not on the list, as a test number', () => {
    expect(one('191212121212').rule).toBe('personnummer.valid');
  });
});

describe('properties', () => {
  const date = birthDateArb;
  const serial = serialArb;
  const words = fc.array(fc.constantFrom('och', 'Anna', 'beslut', 'ärende', '2026-11-03', 'kl.', '14:30', 'nr', '\n'), { maxLength: 8 });

  it('finds any valid number embedded in prose, in every form, with the right span', () => {
    fc.assert(
      fc.property(date, serial, words, words, fc.constantFrom('-', '', ' ', '–', '\u200B-'), fc.boolean(), ({ y, yymmdd }, s, before, after, sep, long) => {
        const ten = make(yymmdd, s);
        if (!long && sep === '' && ten.startsWith('070')) return; // bare 070 reads as a phone number
        const number = (long ? String(y).slice(0, 2) : '') + ten.slice(0, 6) + sep + ten.slice(6);
        const text = [...before, number, ...after].join(' ');
        const f = found(text).filter((x) => x.text === number);
        expect(f).toHaveLength(1);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws and keeps spans inside the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        for (const f of found(text)) {
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.end).toBeLessThanOrEqual(text.length);
          expect(f.start).toBeLessThan(f.end);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a single changed digit never yields a valid number with the same digits (Luhn catches it)', () => {
    fc.assert(
      fc.property(date, serial, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), ({ yymmdd }, s, pos, delta) => {
        const ten = make(yymmdd, s);
        const broken = ten.slice(0, pos) + ((Number(ten[pos]) + delta) % 10) + ten.slice(pos + 1);
        const hits = found(broken.slice(0, 6) + '-' + broken.slice(6));
        expect(hits).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
