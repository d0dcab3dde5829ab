/**
 * Identity numbers in the written forms that real exports produce (issue:
 * detection where real prompts put it), each with a look-alike that must not
 * count. Numbers are built with a valid check digit from a date and a serial.
 */
import { describe, expect, it } from 'vitest';
import { identityNumberDetector } from '../../lib/detectors/identity-numbers';
import { classifyGap, singleCharGap } from '../../lib/detectors/identity-numbers/digit-chains';
import { identityNumber as make, runDetector } from './helpers';

const ids = (text: string) =>
  runDetector(identityNumberDetector, text)
    .filter((f) => f.category === 'personnummer' || f.category === 'samordningsnummer')
    .map((f) => f.text);

// 640823-417C and 850302-123C: valid dates, check digits computed.
const A = make('640823', '417'); // 10 digits
const A_DATE = A.slice(0, 6);
const A_LAST = A.slice(6);
const A_ISO = '1964-08-23';
const B = make('050115', '123'); // born 2005: starts with 0
const PHONE_LIKE = make('070115', '417'); // born 2007: 070…

describe('separators', () => {
  const forms: [string, string][] = [
    ['two spaces', `${A_DATE}  ${A_LAST}`],
    ['a tab', `${A_DATE}\t${A_LAST}`],
    ['a line break after the dash (PDF wrap)', `${A_DATE}-\n${A_LAST}`],
    ['a CRLF after the dash', `${A_DATE}-\r\n${A_LAST}`],
    ['a spaced dash with several spaces', `${A_DATE}   -  ${A_LAST}`],
    ['a dotted date', `64.08.23-${A_LAST}`],
    ['an ISO date and a dash', `${A_ISO}-${A_LAST}`],
    ['a grouped date', `64 08 23-${A_LAST}`],
    ['4-4-4 groups', `1964 0823 ${A_LAST}`],
    ['one digit per box', `${A_DATE.split('').join(' ')} - ${A_LAST.split('').join(' ')}`],
    ['Excel thousands grouping, spaces', `196 408 23${A_LAST.slice(0, 1)} ${A_LAST.slice(1)}`],
    ['Excel thousands grouping, commas', `196,408,23${A_LAST.slice(0, 1)},${A_LAST.slice(1)}`],
    ['Excel thousands grouping of the 10-digit form', `6,408,23${A_LAST.slice(0, 1)},${A_LAST.slice(1)}`],
  ];
  for (const [name, form] of forms) {
    it(`finds ${name}: ${JSON.stringify(form)}`, () => {
      if (name.startsWith('Excel')) {
        // Amounts are grouped the same way: the grouped forms count under an identity header.
        expect(ids(`Namn;Personnummer\nBerg;${form}`)).toEqual([form]);
        expect(ids(`Post;Belopp (kr)\nHälsovård;${form}`)).toEqual([]);
      } else {
        expect(ids(`Uppgifter: ${form} enligt registret.`)).toEqual([form]);
      }
    });
  }

  it('finds ". " and ", " inside a row of values when the row is about identity numbers', () => {
    expect(ids(`Namn, personnummer, ort\nBerg, ${A_DATE}, ${A_LAST}, Växjö`)).toEqual([`${A_DATE}, ${A_LAST}`]);
    expect(ids(`Pnr ${A_DATE}. ${A_LAST}.`)).toEqual([`${A_DATE}. ${A_LAST}`]);
  });

  it('finds an ISO date and a space: "YYYY-MM-DD NNNN"', () => {
    expect(ids(`Sökande ${A_ISO} ${A_LAST} har ansökt.`)).toEqual([`${A_ISO} ${A_LAST}`]);
  });
});

describe('separators: look-alikes that are not identity numbers', () => {
  it('a date column and a quantity column in an order table', () => {
    expect(ids(`Datum\tAntal\n2024-03-15\t${A_LAST}\n${A_ISO}\t${A_LAST}`)).toEqual([]);
    expect(ids(`Datum | Artikel | Antal\n${A_ISO} | skruv | ${A_LAST}`)).toEqual([]);
  });

  it('an invoice date with an amount, and a recent date with a number after it', () => {
    expect(ids(`Fakturadatum ${A_ISO} ${A_LAST} kr`)).toEqual([]);
    expect(ids(`Fakturadatum ${A_ISO} ${A_LAST}:-`)).toEqual([]);
    const recent = make('250310', '417');
    expect(ids(`Leverans 2025-03-10 ${recent.slice(6)} enheter`)).toEqual([]);
  });

  it('a reference code, a decimal number, a longer digit run, a card-like 4-4-4-4 group', () => {
    expect(ids(`Ref ABC${A}`)).toEqual([]);
    expect(ids(`${A_DATE},${A_LAST}`)).toEqual([]); // a decimal number in Swedish notation
    expect(ids(`${A_DATE}.${A_LAST}`)).toEqual([]);
    expect(ids(`1964 0823 ${A_LAST} 5555`)).toEqual([]);
    expect(ids(`12 196 408 23${A_LAST.slice(0, 1)} ${A_LAST.slice(1)}`.replace(/^12 /, '1 234 '))).toEqual([]);
    expect(ids(`${A_DATE}-${A_LAST}-12`)).toEqual([]);
  });

  it('". " and ", " between values with no identity word around', () => {
    expect(ids(`Värden: ${A_DATE}, ${A_LAST}, 17`)).toEqual([]);
  });
});

describe('glued to identifiers', () => {
  it('an identity word with no space before the number', () => {
    expect(ids(`Pnr${A}`)).toEqual([A]);
    expect(ids(`PNR19${A_DATE}-${A_LAST}`)).toEqual([`19${A_DATE}-${A_LAST}`]);
  });

  it('underscores: file names and keys', () => {
    expect(ids(`Se Beslut_19${A_DATE}-${A_LAST}.pdf`)).toEqual([`19${A_DATE}-${A_LAST}`]);
    expect(ids(`${A}_intyg.pdf`)).toEqual([A]);
    expect(ids(`user_pnr_19${A}`)).toEqual([`19${A}`]);
  });

  it('pandas or Excel float output', () => {
    expect(ids(`0    ${A}.0\n1    19${A}.0`)).toEqual([A, `19${A}`]);
  });

  it('a 9-digit value whose leading zero Excel dropped, under a personnummer header', () => {
    expect(ids(`Namn;Personnummer\nKalle;${B.slice(1)}`)).toEqual([B.slice(1)]);
  });

  it('look-alikes: other words glued to digits, 9 digits without an identity header, 9 digits after a float', () => {
    expect(ids(`Kundnr${A}`)).toEqual([]);
    expect(ids(`Kundnr;Belopp\n${B.slice(1)};200`)).toEqual([]);
    expect(ids(`${A}.5`)).toEqual([]);
  });
});

describe('fixed-width records', () => {
  it('a 12-digit number glued to the next field, under a header that names the identity field', () => {
    const row = `19${A}ANDERSSON KARL      00024500`;
    expect(ids(`Positioner: 1-12 pnr, 13-32 namn, 33-40 belopp.\n\n${row}`)).toEqual([`19${A}`]);
  });

  it('look-alike: the same glue without such a header is a code', () => {
    expect(ids(`Artiklar:\n19${A}ANDERSSON KARL`)).toEqual([]);
  });
});

describe('split across cells', () => {
  it('a date cell and a four-digit cell under headers that name both halves', () => {
    expect(ids(`Födelsedatum | Nr\n${A_ISO} | ${A_LAST}`)).toEqual([`${A_ISO} | ${A_LAST}`]);
    expect(ids(`fodd;sista4\n19${A_DATE};${A_LAST}`)).toEqual([`19${A_DATE};${A_LAST}`]);
    expect(ids(`{"fodelsedatum": "${A_ISO}", "sista_fyra": "${A_LAST}"}`)).toEqual([`${A_ISO}", "sista_fyra": "${A_LAST}`]);
    expect(ids(`Födelsedatum | Namn | Nr\n${A_ISO} | Kalle | ${A_LAST}`)).toEqual([`${A_ISO} | Kalle | ${A_LAST}`]);
  });

  it('in prose: "född …, sista fyra …"', () => {
    expect(ids(`Hon är född ${A_ISO}, sista fyra ${A_LAST}.`)).toEqual([`${A_ISO}, sista fyra ${A_LAST}`]);
  });

  it('look-alikes: a date and a number without words for both halves', () => {
    expect(ids(`Datum | Nr\n${A_ISO} | ${A_LAST}`)).toEqual([]); // "Nr" alone: an order number
    expect(ids(`Hon är född ${A_ISO} och har ${A_LAST} kr kvar.`)).toEqual([]);
    expect(ids(`{"leveransdatum": "${A_ISO}", "antal": "${A_LAST}"}`)).toEqual([]);
  });
});

describe('escapes in pasted source', () => {
  for (const sep of ['&nbsp;', '&ndash;', '&#8209;', '\\u2013', '\\u00a0']) {
    it(`finds ${sep} between date and last four`, () => {
      expect(ids(`<td>${A_DATE}${sep}${A_LAST}</td>`)).toEqual([`${A_DATE}${sep}${A_LAST}`]);
    });
  }

  it('does not read the digits of an escape as part of a number', () => {
    expect(ids(`"\\u2013${A_LAST}"`)).toEqual([]);
    expect(ids(`&#8209;${A}x`)).toEqual([]);
  });
});

describe('070 numbers', () => {
  it('count when an identity word is in the heading or the column header of their table', () => {
    expect(ids(`Elever med personnummer\n\nNamn | Nummer\nAnna | ${PHONE_LIKE}`)).toEqual([PHONE_LIKE]);
    expect(ids(`Namn\tPersonnummer\nAnna\t${PHONE_LIKE}`)).toEqual([PHONE_LIKE]);
  });

  it('stay phone numbers in a contact list', () => {
    expect(ids(`Namn | Mobil\nAnna | ${PHONE_LIKE}`)).toEqual([]);
    expect(ids(`Ring mig på ${PHONE_LIKE}`)).toEqual([]);
  });
});

describe('keeps what was right', () => {
  it('case and diary numbers, organisationsnummer and phone numbers are not identity numbers', () => {
    expect(ids('Dnr 2024/8503021233, org.nr 556834-2918, tel 08-123 456 78, 070-123 45 67')).toEqual([]);
  });
});

describe('digit chains', () => {
  it('read a one-character gap by its char code exactly as classifyGap reads it', () => {
    for (let c = 0; c < 0x3000; c++) expect(singleCharGap(c), `U+${c.toString(16)}`).toBe(classifyGap(String.fromCharCode(c)));
  });
});
