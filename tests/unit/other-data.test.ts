import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { normalize } from '../../lib/text/normalize';
import type { Detector, ScanContext } from '../../lib/detectors/detector';
import type { RawFinding } from '../../lib/types';
import { rulePackSchema, guidelineCatalogueSchema } from '../../lib/rules/schema';
import { emailDetector } from '../../lib/detectors/email';
import { phoneDetector } from '../../lib/detectors/phone';
import { ibanDetector } from '../../lib/detectors/iban';
import { bankAccountDetector } from '../../lib/detectors/bank-account';
import { paymentCardDetector } from '../../lib/detectors/payment-card';
import { credentialDetector } from '../../lib/detectors/credentials';
import { luhnValid } from '../../lib/validators/luhn';
import { isValidIban } from '../../lib/validators/iban';

// ---------------------------------------------------------------------------
// Helpers

const REFERENCE_DATE = new Date('2026-06-01T12:00:00Z');
const DETECTORS: Detector[] = [emailDetector, phoneDetector, ibanDetector, bankAccountDetector, paymentCardDetector, credentialDetector];

interface Hit extends RawFinding {
  text: string;
}

function context(text: string): ScanContext {
  return { norm: normalize(text), referenceDate: REFERENCE_DATE, earlierFindings: [] };
}

function run(detector: Detector, text: string): Hit[] {
  const ctx = context(text);
  return detector.detect(ctx).map((f) => ({ ...f, text: ctx.norm.text.slice(f.start, f.end) }));
}

/** The matched (normalised) texts. */
function found(detector: Detector, text: string): string[] {
  return run(detector, text).map((f) => f.text);
}

/** `rule[text]` for every detector, for whole-prompt assertions. */
function scanAll(text: string): string[] {
  return DETECTORS.flatMap((d) => run(d, text).map((f) => `${f.rule}[${f.text}]`));
}

/** Independent Luhn check-digit computation (not the code under test). */
function luhnCheckDigit(payload: string): string {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    let v = Number(payload[payload.length - 1 - i]);
    if (i % 2 === 0) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
  }
  return String((10 - (sum % 10)) % 10);
}

/** Independent IBAN check digits (BigInt, ISO 7064 MOD 97-10). */
function ibanWithCheck(country: string, bban: string): string {
  const numeric = (bban + country + '00').replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  const check = 98n - (BigInt(numeric) % 97n);
  return country + String(check).padStart(2, '0') + bban;
}

function groupBy4(s: string): string {
  return s.replace(/(.{4})(?=.)/g, '$1 ');
}

const pack = rulePackSchema.parse(JSON.parse(readFileSync(new URL('../../rules/packs/other-data.json', import.meta.url), 'utf8')));
const RULE_IDS = new Set(pack.rules.map((r) => r.id));

// ---------------------------------------------------------------------------

describe('rule pack other-data.json', () => {
  it('validates, and every guideline id exists', () => {
    const guidelines = guidelineCatalogueSchema.parse(JSON.parse(readFileSync(new URL('../../rules/guidelines.json', import.meta.url), 'utf8')));
    const ids = new Set(guidelines.guidelines.map((g) => g.id));
    for (const rule of pack.rules) {
      for (const g of rule.guidelines) expect(ids.has(g), `${rule.id} → ${g}`).toBe(true);
      expect(rule.id.startsWith(rule.category + '.'), rule.id).toBe(true);
      // One sentence each.
      expect(rule.reason.sv.trim().match(/[.!?]/g)?.length, rule.id).toBe(1);
      expect(rule.reason.en.trim().match(/[.!?]/g)?.length, rule.id).toBe(1);
    }
  });

  it('has no duplicate rule ids', () => {
    expect(RULE_IDS.size).toBe(pack.rules.length);
  });
});

describe('validators', () => {
  it('luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('1609908')).toBe(true);
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('12a4')).toBe(false);
  });

  it('iban', () => {
    expect(isValidIban('SE4550000000058398257466')).toBe(true);
    expect(isValidIban('SE4650000000058398257466')).toBe(false); // check digits
    expect(isValidIban('SE455000000005839825746')).toBe(false); // length
    expect(isValidIban('GB82WEST12345698765432')).toBe(true);
    expect(isValidIban('DE89370400440532013000')).toBe(true);
    expect(isValidIban('XX89370400440532013000')).toBe(false); // unknown country
    expect(isValidIban(ibanWithCheck('NO', '86011117947'))).toBe(true);
  });
});

// ---------------------------------------------------------------------------

describe('realistic prompts', () => {
  it('password in a support question', () => {
    expect(
      scanAll('kommer inte in i bibliotekets adminläge, har provat användarnamn bibl_admin2 och lösenordet Hjortron#2026kalmar flera ggr'),
    ).toEqual(['credential.password[Hjortron#2026kalmar]']);
  });

  it('phone and email', () => {
    expect(scanAll('Ring mig på 070-123 45 67 eller mejla anna.lind@kommun.se').sort()).toEqual(
      ['email.address[anna.lind@kommun.se]', 'phone.swedish[070-123 45 67]'].sort(),
    );
  });

  it('references, laws and dates are nothing', () => {
    expect(scanAll('Dnr KS 2025/0412, SFS 2018:222, beslut 2026-10-11')).toEqual([]);
    expect(scanAll('Se Dnr RTM 2026/118 och mål nr 5000-K1234567-26 (Förvaltningsrätten), org.nr 556016-0680.')).toEqual([]);
  });

  it('mobile without separators', () => {
    expect(scanAll('Mobil: 0709183344')).toEqual(['phone.swedish[0709183344]']);
  });

  it('IBAN', () => {
    expect(scanAll('IBAN: SE45 5000 0000 0583 9825 7466')).toEqual(['iban.number[SE45 5000 0000 0583 9825 7466]']);
  });

  it('e-archive prompt with a checksum and a UUID', () => {
    const prompt = [
      'Hjälp mig skriva en beskrivning av leveransen till e-arkivet.',
      'Paketet har SHA-256-checksumman 9f86d081884c7d659a2feaa0c55ad015a2bae3c1e3b0c0b1a1d2c3e4f5a6b7c8',
      'och UUID urn:uuid:550e8400-e29b-41d4-a716-446655440000, skapat 2026-03-14T09:30:00+01:00,',
      'git-commit 3f2a1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c, storlek 1 048 576 byte, version 1.4.2.',
      'MD5 d41d8cd98f00b204e9800998ecf8427e, SHA-1 da39a3ee5e6b4b0d3255bfef95601890afd80709.',
    ].join('\n');
    expect(scanAll(prompt)).toEqual([]);
  });

  it('a meeting note with several kinds of data', () => {
    const prompt =
      'Sammanfatta: Kund Per Svensson (per.svensson+faktura@mail.example.se, tel. 031-123 45 67) vill ha återbetalning till ' +
      'clearing 8327-9, konto 123 456 789-0. Han betalade med kort 5555 5555 5555 4444.';
    expect(scanAll(prompt).sort()).toEqual(
      [
        'email.address[per.svensson+faktura@mail.example.se]',
        'phone.swedish[031-123 45 67]',
        'bank-account.clearing-account[8327-9, konto 123 456 789-0]',
        'payment-card.number[5555 5555 5555 4444]',
      ].sort(),
    );
  });
});

// ---------------------------------------------------------------------------

describe('email', () => {
  it.each([
    ['anna.lind@kommun.se', 'anna.lind@kommun.se'],
    ['Mejla Registrator@Kalmar.se idag', 'Registrator@Kalmar.se'],
    ['skriv till per+ai@förvaltning.regionkalmar.se.', 'per+ai@förvaltning.regionkalmar.se'],
    ['<o\'brien_2@mail.co.uk>', "o'brien_2@mail.co.uk"],
    ['åsa.öberg@räksmörgås.se', 'åsa.öberg@räksmörgås.se'],
    ['mailto:anna@kommun.se', 'anna@kommun.se'],
    ['(kontakt: info@skolverket.se)', 'info@skolverket.se'],
    ['x@xn--rksmrgs-5wao1o.se', 'x@xn--rksmrgs-5wao1o.se'],
  ])('finds %s', (text, expected) => {
    expect(found(emailDetector, text)).toEqual([expected]);
  });

  it.each([
    'tagga @anna i Teams',
    'user@localhost',
    'npm i react@19.3.1 och @types/node',
    'logo@2x.png',
    'git@github.com:org/repo.git',
    'test@example.com och foo@bar.test',
    'postgres://app:S3cr3t!pw@db.kommun.se/app',
    'https://user@intranet.kommun.se/',
    'a@b',
    '@@@',
    'anna@kommun',
  ])('ignores %s', (text) => {
    expect(found(emailDetector, text)).toEqual([]);
  });

  it('rule and category', () => {
    const [f] = run(emailDetector, 'anna@kommun.se');
    expect(f).toMatchObject({ category: 'email', rule: 'email.address', start: 0, end: 14 });
  });
});

// ---------------------------------------------------------------------------

describe('phone', () => {
  it.each([
    ['070-123 45 67'],
    ['0701234567'],
    ['070 123 45 67'],
    ['073-1234567'],
    ['076-123 45 67'],
    ['079 123 45 67'],
    ['072-123-45-67'],
    ['0701-23 45 67'],
    ['08-123 456 78'],
    ['08-123 45 67'],
    ['031-123 45 67'],
    ['0480-123 45'],
    ['010-123 45 67'],
    ['08-12345678'],
    ['(08) 123 45 67'],
    ['(031) 12 34 56'],
    ['08 123 45 67'],
    ['0480 123 45'],
    ['+46 70 123 45 67'],
    ['+46 (0)70-123 45 67'],
    ['+46701234567'],
    ['+46 8 123 456 78'],
    ['+46-8-123 456 78'],
    ['0046 70 123 45 67'],
    ['0046701234567'],
    ['+46 (0)8 123 45 67'],
    ['+46(0)70-123 45 67'],
    ['+46 (0) 70 123 45 67'],
    ['0046-70-1234567'],
    ['(08)123 45 67'],
  ])('finds Swedish %s', (number) => {
    const hits = run(phoneDetector, `Nå mig på ${number}, tack.`);
    expect(hits.map((h) => h.text)).toEqual([number]);
    expect(hits[0]!.rule).toBe('phone.swedish');
    // Also without any context word.
    expect(found(phoneDetector, `Uppgift: ${number}.`)).toEqual([number]);
  });

  it.each([['+1 555 123 4567'], ['+358 40 1234567'], ['+47 22 12 34 56'], ['+44 20 7946 0958'], ['+1 (555) 123-4567']])(
    'finds international %s',
    (number) => {
      const hits = run(phoneDetector, `Kontakt ${number}`);
      expect(hits.map((h) => [h.text, h.rule])).toEqual([[number, 'phone.international']]);
    },
  );

  it('finds numbers after normalisation (non-breaking hyphen, NBSP, full-width digits)', () => {
    expect(found(phoneDetector, 'Ring 070\u2011123\u00a045\u00a067')).toEqual(['070-123 45 67']);
    expect(found(phoneDetector, 'Ring ０７０-１２３ ４５ ６７')).toEqual(['070-123 45 67']);
    // A zero-width space inside the number is dropped by normalisation.
    expect(found(phoneDetector, 'Ring 070-123 4\u200b5 67')).toEqual(['070-123 45 67']);
  });

  it('needs a context word for ambiguous shapes', () => {
    expect(found(phoneDetector, 'referens 0812345678')).toEqual([]);
    expect(found(phoneDetector, 'tel 0812345678')).toEqual(['0812345678']);
    expect(found(phoneDetector, 'Telefonnummer: 0480 12345')).toEqual(['0480 12345']);
    expect(found(phoneDetector, 'värde 0480 12345')).toEqual([]);
    expect(found(phoneDetector, 'kod 0047 22 12 34 56')).toEqual([]);
    expect(found(phoneDetector, 'sms 0047 22 12 34 56')).toEqual(['0047 22 12 34 56']);
  });

  it('a 10-digit run starting 07 that is a valid personnummer needs a phone word', () => {
    const pnr = '070101234' + luhnCheckDigit('070101234');
    expect(found(phoneDetector, `Uppgift ${pnr}`)).toEqual([]);
    expect(found(phoneDetector, `Mobil: ${pnr}`)).toEqual([pnr]);
    // The brief's example is not a valid personnummer, so it is a phone even without context.
    expect(found(phoneDetector, 'Uppgift 0709183344')).toEqual(['0709183344']);
  });

  it.each([
    'beslut 2026-10-11',
    'datum 11-10-2026 och 08-12-2026',
    'klockan 08:30 eller 14.30, öppet 08-17',
    'år 2026 och 1998',
    'ISBN 978-91-7054-940-0 och 0-306-40615-2',
    'SFS 2018:222',
    'Dnr RTM 2026/118',
    'KS 2025/0412',
    'mål 5000-K1234567-26',
    'beloppet 1 250 000 kr, 0,50 kr och +12 345 678 kr',
    '392 34 Kalmar',
    'org.nr 556016-0680 och 212000-1355',
    'pnr 850112-4567, 070101-2345 och 19850112-4567',
    'tidsstämpel 202610111230',
    'IP 192.168.0.10 och 10.0.0.1',
    'koordinater 57.6789, 16.3567',
    'IBAN SE45 5000 0000 0583 9825 7466',
    'kortet 4111 1111 1111 1111',
    'ABC0701234567 och 0701234567X och 10701234567',
    'version 0.8.123.45',
    'tel 070-123 45 67 89',
    'telefon 0000-0000',
  ])('ignores %s', (text) => {
    expect(found(phoneDetector, text)).toEqual([]);
  });

  it('never matches six digits + four digits, even with a phone word', () => {
    expect(found(phoneDetector, 'telefon 070101-2345')).toEqual([]);
  });

  it('span and rule', () => {
    const [f] = run(phoneDetector, 'Tel: 070-123 45 67');
    expect(f).toMatchObject({ category: 'phone', rule: 'phone.swedish', start: 5, end: 18 });
  });
});

// ---------------------------------------------------------------------------

describe('iban', () => {
  const examples = [
    'SE4550000000058398257466',
    'GB82WEST12345698765432',
    'DE89370400440532013000',
    ibanWithCheck('NO', '86011117947'),
    ibanWithCheck('DK', '00400440116243'),
    ibanWithCheck('FI', '21421000012345'),
    ibanWithCheck('NL', 'ABNA0417164300'),
    ibanWithCheck('FR', '20041010050500013M02606'),
    ibanWithCheck('ES', '21000418450200051332'),
    ibanWithCheck('IT', 'X0542811101000000123456'),
    ibanWithCheck('BE', '539007547034'),
    ibanWithCheck('AT', '1904300234573201'),
    ibanWithCheck('CH', '00762011623852957'),
    ibanWithCheck('PL', '109010140000071219812874'),
    ibanWithCheck('EE', '2200221020145685'),
    ibanWithCheck('LV', 'BANK0000435195001'),
    ibanWithCheck('LT', '1000011101001000'),
    ibanWithCheck('IE', 'AIBK93115212345678'),
  ];

  it.each(examples)('finds %s compact and grouped', (iban) => {
    expect(isValidIban(iban)).toBe(true);
    expect(found(ibanDetector, `Betala till ${iban}.`)).toEqual([iban]);
    expect(found(ibanDetector, `IBAN: ${groupBy4(iban)}, tack`)).toEqual([groupBy4(iban)]);
  });

  it('rejects wrong check digits, wrong lengths and unknown countries', () => {
    expect(found(ibanDetector, 'IBAN SE46 5000 0000 0583 9825 7466')).toEqual([]);
    expect(found(ibanDetector, 'IBAN SE45 5000 0000 0583 9825 746')).toEqual([]);
    expect(found(ibanDetector, 'IBAN SE4550000000058398257466123')).toEqual([]);
    expect(found(ibanDetector, 'XSE4550000000058398257466')).toEqual([]);
    expect(found(ibanDetector, 'ZZ4550000000058398257466')).toEqual([]);
    expect(found(ibanDetector, 'SE45 5000 0000 05 83 9825 7466')).toEqual([]);
  });

  it('span and rule', () => {
    const [f] = run(ibanDetector, 'IBAN: SE45 5000 0000 0583 9825 7466');
    expect(f).toMatchObject({ category: 'iban', rule: 'iban.number', start: 6, end: 35 });
  });
});

// ---------------------------------------------------------------------------

describe('bank-account', () => {
  const swedbankAccount = '123456789' + luhnCheckDigit('123456789');

  it.each([
    ['Clearing 3300, konto 850112-4567', '3300, konto 850112-4567'],
    ['6789-123 456 789', '6789-123 456 789'],
    ['Swedbank 8105-9, 123 456 789-0', '8105-9, 123 456 789-0'],
    ['clearingnummer 5000 kontonummer 123 45 67', '5000 kontonummer 123 45 67'],
    ['Lönekonto: 8327-9, 123 456 789-0', '8327-9, 123 456 789-0'],
    ['Handelsbanken 6789 123 456 789', '6789 123 456 789'],
    ['Nordea personkonto 3300 8501124567', '3300 8501124567'],
    ['sätt in på mitt konto 3000-12 345 67', '3000-12 345 67'],
    // A Swedbank clearing whose fifth digit fails its check (copied with a typo): the bank word carries it.
    ['Nytt konto: Swedbank 8319-3, 561 775 872-0', '8319-3, 561 775 872-0'],
  ])('finds %s', (text, expected) => {
    const hits = run(bankAccountDetector, text);
    expect(hits.map((h) => h.text)).toEqual([expected]);
    expect(hits[0]).toMatchObject({ category: 'bank-account', rule: 'bank-account.clearing-account' });
  });

  it('finds a validating clearing/account with comma or dash separation and no context', () => {
    expect(found(bankAccountDetector, `Överför till 8327-9, ${swedbankAccount}`)).toEqual([`8327-9, ${swedbankAccount}`]);
    expect(found(bankAccountDetector, 'Överför till 6789-123 456 789')).toEqual(['6789-123 456 789']);
  });

  it('without context, an account that fails its check digit is not reported', () => {
    expect(found(bankAccountDetector, 'Överför till 6789-123 456 788')).toEqual([]);
    expect(found(bankAccountDetector, 'Överför till 8327-9, 123 456 789-0')).toEqual([]);
    expect(found(bankAccountDetector, 'Artikel 6789 123 456 789')).toEqual([]);
    expect(found(bankAccountDetector, 'Kvitto 8319-3, 561 775 872-0 st')).toEqual([]);
  });

  it.each([
    'beslut 2026-10-11 och 2018-2026',
    'org.nr 556016-0680',
    'tel 070-123 45 67 och 08-123 45 67',
    'mål 5000-K1234567-26',
    'konto 0000 123 4567',
    'kontoret på 5000-1234',
    'IBAN SE45 5000 0000 0583 9825 7466',
    'Bankgiro 5050-1055',
  ])('does not report %s as clearing + account', (text) => {
    expect(run(bankAccountDetector, text).filter((f) => f.rule === 'bank-account.clearing-account')).toEqual([]);
  });

  it.each([
    ['Bankgiro 5050-1055', '5050-1055'],
    ['BG 160-9908', '160-9908'],
    ['bankgironummer: 5050-1055', '5050-1055'],
    ['Bg-nr 50501055.', '50501055'],
  ])('finds bankgiro %s', (text, expected) => {
    const hits = run(bankAccountDetector, text);
    expect(hits.map((h) => [h.text, h.rule])).toEqual([[expected, 'bank-account.bankgiro']]);
  });

  it.each([
    ['PG 90 01 22-3', '90 01 22-3'],
    ['Plusgiro: 4 77 73-7', '4 77 73-7'],
    ['plusgironummer 9001223', '9001223'],
  ])('finds plusgiro %s', (text, expected) => {
    const hits = run(bankAccountDetector, text);
    expect(hits.map((h) => [h.text, h.rule])).toEqual([[expected, 'bank-account.plusgiro']]);
  });

  it('rejects giro numbers that fail Luhn or lack their label', () => {
    expect(found(bankAccountDetector, 'Bankgiro 5050-1056')).toEqual([]);
    expect(found(bankAccountDetector, 'PG 4 77 73-1')).toEqual([]); // Luhn fails (the valid check digit is 7)
    expect(found(bankAccountDetector, 'nummer 5050-1055')).toEqual([]);
    expect(found(bankAccountDetector, 'BGB 160-9908')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------

describe('payment-card', () => {
  it.each([
    ['4111 1111 1111 1111'],
    ['4111-1111-1111-1111'],
    ['4111111111111111'],
    ['5555 5555 5555 4444'],
    ['2223 0031 2200 3222'],
    ['3782 822463 10005'],
    ['378282246310005'],
    ['6011 1111 1111 1117'],
    ['3530 1113 3330 0000'],
    ['3056 930902 5904'],
    ['6200 0000 0000 0005'],
    ['4222222222222'],
    ['6759 6498 2643 8453'],
  ])('finds %s', (card) => {
    const hits = run(paymentCardDetector, `Kortnummer ${card}, giltigt till 12/28, CVC 123.`);
    expect(hits.map((h) => h.text)).toEqual([card]);
    expect(hits[0]).toMatchObject({ category: 'payment-card', rule: 'payment-card.number' });
  });

  it('stops before an expiry or CVC written right after the number', () => {
    expect(found(paymentCardDetector, 'kort 4111 1111 1111 1111 12/28')).toEqual(['4111 1111 1111 1111']);
    expect(found(paymentCardDetector, 'kort 4111 1111 1111 1111 123')).toEqual(['4111 1111 1111 1111']);
    expect(found(paymentCardDetector, 'kort 4111-1111-1111-1111 12/28')).toEqual(['4111-1111-1111-1111']);
  });

  it.each([
    'kort 4111 1111 1111 1112',
    'maskerat 4111 **** **** 1111 och 4111 XXXX XXXX 1111',
    'lånekort 1234567890123456 och streckkod 2000000000008',
    'ISBN 9789127123456 och 978-91-27-12345-6',
    'lång 41111111111111111111111',
    'grupperat 4111 1111 1111 1111 1111 1111',
    'blandat 4111 1111-1111 1111',
    'OCR 6123456789012349',
    'Vad betyder OCR-numret 4419721121191256 på inbetalningskortet?',
    'betalningsreferens: 4419721121191256',
    'IBAN SE45 5000 0000 0583 9825 7466',
    'tel 070-123 45 67',
    'pnr 19850112-4567',
  ])('ignores %s', (text) => {
    expect(found(paymentCardDetector, text)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------

describe('credential', () => {
  const jwtHeader = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
  const jwtPayload = Buffer.from('{"sub":"1234567890","name":"Anna Lind","iat":1516239022}').toString('base64url');
  const jwt = `${jwtHeader}.${jwtPayload}.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`;
  const notJwtHeader = Buffer.from('{"foo":"bar","typ":"x"}').toString('base64url');

  const pemBody = [
    'MIIEowIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi3Gk2yJ9u4T5Wd0eQ8uAq0sFfR',
    'k8b9Vf3pZQ2ZxYvG7yWQp1bR1uG3qTz0PjHcVnB5cXkS4Mw3e2r1cN8o5Yh6jT7a',
    'Qm9vZ2xlRXhhbXBsZUtleURvTm90VXNlMTIzNDU2Nzg5MA==',
  ].join('\n');
  const pem = `-----BEGIN RSA PRIVATE KEY-----\n${pemBody}\n-----END RSA PRIVATE KEY-----`;

  it.each([
    ['OPENAI_API_KEY=sk-proj-Abc123def456GHI789jkl012MNO345pqr678', 'sk-proj-Abc123def456GHI789jkl012MNO345pqr678', 'credential.api-key'],
    ['nyckeln sk-aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5zA7bC9dE1fG3 funkar inte', 'sk-aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5zA7bC9dE1fG3', 'credential.api-key'],
    ['client = Anthropic(api_key="sk-ant-api03-AbCdEf123456GhIjKl789012MnOpQr345678-xyz")', 'sk-ant-api03-AbCdEf123456GhIjKl789012MnOpQr345678-xyz', 'credential.api-key'],
    ['aws_access_key_id = AKIA2E0A8F3B244C9986', 'AKIA2E0A8F3B244C9986', 'credential.api-key'],
    ['ASIAY34FZKBOKMUTVV7A är tillfällig', 'ASIAY34FZKBOKMUTVV7A', 'credential.api-key'],
    ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz23KEYab1', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz23KEYab1', 'credential.api-key'],
    ['token ghp_1234567890abcdefghijABCDEFGHIJ123456 i CI', 'ghp_1234567890abcdefghijABCDEFGHIJ123456', 'credential.api-key'],
    ['github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456', 'credential.api-key'],
    ['SLACK_BOT_TOKEN=xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx', 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx', 'credential.api-key'],
    ['xapp-1-A0123456789-1234567890123-abcdef0123456789abcdef', 'xapp-1-A0123456789-1234567890123-abcdef0123456789abcdef', 'credential.api-key'],
    ['key=AIzaSyA1234567890abcdefghijklmnopqrstu0&q=Kalmar', 'AIzaSyA1234567890abcdefghijklmnopqrstu0', 'credential.api-key'],
    ['stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'credential.api-key'],
    ['rk_live_51H8abcDEF123ghiJKL456', 'rk_live_51H8abcDEF123ghiJKL456', 'credential.api-key'],
    [`curl -H "Authorization: Bearer ${jwt}"`, jwt, 'credential.token'],
    [`jwt: ${jwt}`, jwt, 'credential.token'],
    ['Authorization: Bearer 8f3kd93kd83kd93kd93kdk38dk3kd93', '8f3kd93kd83kd93kd93kdk38dk3kd93', 'credential.token'],
    ['Authorization: Basic YWRtaW46SGVtbGlndDEyMw==', 'YWRtaW46SGVtbGlndDEyMw==', 'credential.password'],
    ['DATABASE_URL=postgres://appuser:S3cr3t!pw@db.kommun.se:5432/app', 'S3cr3t!pw', 'credential.connection-string'],
    ['mongodb+srv://admin:Hemligt123@cluster0.abc.mongodb.net/test', 'Hemligt123', 'credential.connection-string'],
    ['mysql://root:p@ss:w0rd@localhost/db', 'p@ss:w0rd', 'credential.connection-string'],
  ])('finds %s', (text, secret, rule) => {
    const hits = run(credentialDetector, text);
    expect(hits.map((h) => [h.text, h.rule])).toEqual([[secret, rule]]);
  });

  it('covers the whole PEM key block', () => {
    const text = `Här är nyckeln:\n${pem}\nVarför funkar den inte?`;
    const hits = run(credentialDetector, text);
    expect(hits.map((h) => [h.text, h.rule])).toEqual([[pem, 'credential.private-key']]);
  });

  it('PEM variants: OpenSSH, encrypted with headers, JSON-escaped, truncated', () => {
    const openssh = `-----BEGIN OPENSSH PRIVATE KEY-----\n${pemBody}\n-----END OPENSSH PRIVATE KEY-----`;
    expect(found(credentialDetector, openssh)).toEqual([openssh]);
    const encrypted = `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F17F5316E2BAC89\n\n${pemBody}\n-----END RSA PRIVATE KEY-----`;
    expect(found(credentialDetector, encrypted)).toEqual([encrypted]);
    const json = `"private_key": "-----BEGIN PRIVATE KEY-----\\n${pemBody.replace(/\n/g, '\\n')}\\n-----END PRIVATE KEY-----\\n",`;
    const endMarker = '-----END PRIVATE KEY-----';
    expect(found(credentialDetector, json)).toEqual([json.slice(json.indexOf('-----BEGIN'), json.indexOf(endMarker) + endMarker.length)]);
    const truncated = `-----BEGIN EC PRIVATE KEY-----\n${pemBody}\n\nresten saknas`;
    expect(found(credentialDetector, truncated)).toEqual([`-----BEGIN EC PRIVATE KEY-----\n${pemBody}`]);
  });

  it.each([
    ['password=changeme', 'changeme'],
    ['pwd: hunter22', 'hunter22'],
    ['{"username": "anna", "password": "Sommar2026!"}', 'Sommar2026!'],
    ['lösenord: Vinter2025', 'Vinter2025'],
    ['Lösenord: sommar', 'sommar'],
    ['Lösenordet är Sommar2026 men det funkar inte', 'Sommar2026'],
    ['mitt lösenord är 123456', '123456'],
    ['lösenordet till Office365 är Gurka!2026', 'Gurka!2026'],
    ['lösenordet för wifi: Kaffe2026', 'Kaffe2026'],
    ['the password for the VPN is Tr0ub4dor&3 ok', 'Tr0ub4dor&3'],
    ['pass: Hemlis#99', 'Hemlis#99'],
    ['passwd = "abc"', 'abc'],
    ['export DB_PASSWORD=Korv123', 'Korv123'],
    ['--password=Vinter2026', 'Vinter2026'],
    ['<password>Sommar2026</password>', 'Sommar2026'],
    ['Server=db01;Database=hr;User Id=sa;Password=Kalmar2026!;', 'Kalmar2026!'],
    ['dbPassword: "Gurka2026"', 'Gurka2026'],
    ['jag har lösenordet "blåbär" men det fungerar inte', 'blåbär'],
    ['Lösenordet: Hjortron#2026kalmar.', 'Hjortron#2026kalmar'],
    ['LÖSENORD: Abc12345', 'Abc12345'],
    ['spring.datasource.password=Hemligt1', 'Hemligt1'],
    ['jdbc:postgresql://db01:5432/hr?user=app&password=Kalmar2026', 'Kalmar2026'],
    ['https://intranet.kommun.se/login?user=anna&pwd=Sommar2026', 'Sommar2026'],
  ])('finds the password in %s', (text, secret) => {
    const hits = run(credentialDetector, text);
    expect(hits.map((h) => [h.text, h.rule])).toEqual([[secret, 'credential.password']]);
  });

  it.each([
    ['api_key = "a8f5f167f44f4964e6c998dee827110c"', 'a8f5f167f44f4964e6c998dee827110c'],
    ['secret = "Hemligt-värde-2026-xyz!"', 'Hemligt-värde-2026-xyz!'],
    ['client_secret: 9a8b7c6d5e4f3a2b1c0d', '9a8b7c6d5e4f3a2b1c0d'],
    ['X-Api-Key: 3kd9Fj39dk20dk3Kd93k', '3kd9Fj39dk20dk3Kd93k'],
    ["const openaiApiKey = 'Zx81kd93kd83Kd93kd93'", 'Zx81kd93kd83Kd93kd93'],
    ['access_token=ya29a0AfH6SMBx3kd93kd83kd93', 'ya29a0AfH6SMBx3kd93kd83kd93'],
  ])('finds the labelled secret in %s', (text, secret) => {
    const hits = run(credentialDetector, text);
    expect(hits.map((h) => [h.text, h.rule])).toEqual([[secret, 'credential.secret']]);
  });

  it.each([
    // placeholders and templates
    'password: <password>',
    'password: ***',
    'password=xxxxxx',
    'password: ${DB_PASSWORD}',
    'password: "{{ db_password }}"',
    'api_key: your-api-key-here',
    'OPENAI_API_KEY=sk-your-key-here',
    'OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    'password = ""',
    'password: ',
    'password: null',
    'Lösenord: saknas',
    'AKIAIOSFODNN7EXAMPLE',
    'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    // code that reads secrets from the environment
    'const apiKey = process.env.OPENAI_API_KEY;',
    'api_key = os.environ["OPENAI_API_KEY"]',
    'password = os.getenv("DB_PASSWORD")',
    'password = getpass.getpass()',
    'const pw = getPassword(); if (password === "") { return; }',
    'password: z.string().min(12),',
    '"password": req.body.password',
    'password = DB_PASSWORD',
    'password: String,',
    'DATABASE_URL=postgres://${DB_USER}:${DB_PASS}@db:5432/app',
    'postgres://user:password@localhost/db',
    'Authorization: Bearer ${TOKEN}',
    'Authorization: Bearer <token>',
    // password policy prose
    'lösenordet måste vara minst 12 tecken och innehålla en siffra',
    'Lösenord: minst 12 tecken',
    'Lösenordet ska bytas var 90:e dag.',
    'jag glömde lösenordet igen',
    'lösenordet är fel',
    'lösenordet till kontot är utgånget',
    'Password: must be at least 12 characters',
    'Pass: 14-22 och pass: kväll',
    'password_length = 12, max_tokens: 1024, token: abc',
    'Har du bytt lösenordet i AD-kontot?',
    // hashes, ids and other opaque strings
    'sha256: 9f86d081884c7d659a2feaa0c55ad015a2bae3c1e3b0c0b1a1d2c3e4f5a6b7c8',
    'id 550e8400-e29b-41d4-a716-446655440000',
    'commit 3f2a1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c',
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    `not a jwt ${notJwtHeader}.eyJzdWIiOiIxIn0.abc123def456`,
    'Filen ska börja med -----BEGIN PRIVATE KEY----- och sluta med -----END PRIVATE KEY-----',
    'Authorization: Basic understanding',
    'I have a basic understanding of tasks',
    'git push task-1234567890abcdefghij',
  ])('ignores %s', (text) => {
    expect(found(credentialDetector, text)).toEqual([]);
  });

  it('reports one finding when formats overlap (labelled key holding a known token)', () => {
    const hits = run(credentialDetector, 'api_key: "sk-proj-Abc123def456GHI789jkl012MNO345pqr678"');
    expect(hits.map((h) => h.rule)).toEqual(['credential.api-key']);
  });
});

// ---------------------------------------------------------------------------
// Properties

const INTERESTING = [
  '0', '7', '070', '08', '+46', '(0)', '-', ' ', '  ', '+', '(', ')', '@', '.', ',', ':', '/', 'a', 'Å', 'ö', '\n', '=', '"', "'",
  'sk-', 'sk-ant-', 'eyJ', 'AKIA', 'ghp_', 'xoxb-', 'AIza', 'SE', 'SE45', 'GB82', '4111', '5000', '8327-9', '3300', 'konto',
  'clearing', 'Bankgiro', 'PG', 'tel', 'mobil', 'password', 'lösenordet', 'är', 'Bearer ', '-----BEGIN RSA PRIVATE KEY-----',
  '-----END RSA PRIVATE KEY-----', 'postgres://', 'mailto:', '\u00a0', '\u2011', '０', '٣', '\u200b', '😀', 'MIIE',
];

const noisyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.array(fc.constantFrom(...INTERESTING), { maxLength: 60 }).map((parts) => parts.join('')),
  fc.array(fc.oneof(fc.constantFrom(...INTERESTING), fc.string({ maxLength: 6 }), fc.stringMatching(/^\d{1,12}$/)), { maxLength: 40 }).map((p) => p.join('')),
);

const word = fc.stringMatching(/^[a-zåäö]{1,9}$/);
const words = fc.array(word, { minLength: 0, maxLength: 6 }).map((w) => w.join(' '));

describe('properties', () => {
  it('detectors never throw, spans are in bounds, rules exist and categories match', () => {
    const categoryOf: Record<string, string> = {
      email: 'email',
      phone: 'phone',
      iban: 'iban',
      'bank-account': 'bank-account',
      'payment-card': 'payment-card',
      credentials: 'credential',
    };
    fc.assert(
      fc.property(noisyText, (text) => {
        const ctx = context(text);
        for (const d of DETECTORS) {
          const findings = d.detect(ctx);
          for (const f of findings) {
            expect(f.start).toBeGreaterThanOrEqual(0);
            expect(f.start).toBeLessThan(f.end);
            expect(f.end).toBeLessThanOrEqual(ctx.norm.text.length);
            expect(RULE_IDS.has(f.rule)).toBe(true);
            expect(f.category).toBe(categoryOf[d.id]);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('detectors are deterministic', () => {
    fc.assert(
      fc.property(noisyText, (text) => {
        const ctx = context(text);
        for (const d of DETECTORS) expect(d.detect(ctx)).toEqual(d.detect(ctx));
      }),
      { numRuns: 100 },
    );
  });

  const issuerCard = fc
    .constantFrom(
      { prefix: '4', length: 16 },
      { prefix: '4', length: 13 },
      { prefix: '51', length: 16 },
      { prefix: '55', length: 16 },
      { prefix: '2221', length: 16 },
      { prefix: '2720', length: 16 },
      { prefix: '34', length: 15 },
      { prefix: '37', length: 15 },
      { prefix: '6011', length: 16 },
      { prefix: '3528', length: 16 },
      { prefix: '62', length: 19 },
    )
    .chain(({ prefix, length }) =>
      fc.stringMatching(new RegExp(`^\\d{${length - prefix.length - 1}}$`)).map((middle) => {
        const payload = prefix + middle;
        return payload + luhnCheckDigit(payload);
      }),
    );

  function formatCard(pan: string, style: number): string {
    if (style === 0) return pan;
    const sep = style === 1 ? ' ' : '-';
    if (pan.length === 15) return [pan.slice(0, 4), pan.slice(4, 10), pan.slice(10)].join(sep);
    return pan.replace(/(\d{4})(?=\d)/g, `$1${sep}`);
  }

  it('a valid generated card number embedded in word text is found', () => {
    fc.assert(
      fc.property(issuerCard, fc.integer({ min: 0, max: 2 }), words, words, (pan, style, before, after) => {
        const card = formatCard(pan, style);
        const text = `${before} ${card} ${after}`;
        expect(found(paymentCardDetector, text)).toContain(card);
      }),
      { numRuns: 300 },
    );
  });

  it('changing one digit of a valid card number makes it disappear (Luhn)', () => {
    fc.assert(
      fc.property(issuerCard, fc.nat(), (pan, k) => {
        const pos = 1 + (k % (pan.length - 1));
        const digit = String((Number(pan[pos]) + 1 + (k % 9)) % 10);
        const broken = pan.slice(0, pos) + digit + pan.slice(pos + 1);
        fc.pre(broken !== pan);
        expect(found(paymentCardDetector, `kort ${broken} tack`)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  const bbans: Record<string, RegExp> = {
    SE: /^\d{20}$/,
    NO: /^\d{11}$/,
    DK: /^\d{14}$/,
    FI: /^\d{14}$/,
    DE: /^\d{18}$/,
    NL: /^[A-Z]{4}\d{10}$/,
    GB: /^[A-Z]{4}\d{14}$/,
    FR: /^\d{23}$/,
    ES: /^\d{20}$/,
    PL: /^\d{24}$/,
  };
  const generatedIban = fc
    .constantFrom(...Object.keys(bbans))
    .chain((cc) => fc.stringMatching(bbans[cc]!).map((bban) => ibanWithCheck(cc, bban)));

  it('a valid generated IBAN embedded in word text is found, compact or grouped', () => {
    fc.assert(
      fc.property(generatedIban, fc.boolean(), words, words, (iban, grouped, before, after) => {
        const written = grouped ? groupBy4(iban) : iban;
        expect(found(ibanDetector, `${before} ${written} ${after}`)).toEqual([written]);
      }),
      { numRuns: 300 },
    );
  });

  it('an IBAN with any other check digits is rejected', () => {
    fc.assert(
      fc.property(generatedIban, fc.integer({ min: 2, max: 98 }), (iban, check) => {
        const other = String(check).padStart(2, '0');
        fc.pre(other !== iban.slice(2, 4));
        expect(found(ibanDetector, `IBAN ${iban.slice(0, 2)}${other}${iban.slice(4)}`)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('a Swedish mobile number in any common written form is found in word text', () => {
    const mobile = fc.tuple(fc.constantFrom('0', '2', '3', '6', '9'), fc.stringMatching(/^[1-9]\d{6}$/));
    fc.assert(
      fc.property(mobile, fc.integer({ min: 0, max: 5 }), words, words, ([x, sub], style, before, after) => {
        const forms = [
          `07${x}-${sub.slice(0, 3)} ${sub.slice(3, 5)} ${sub.slice(5)}`,
          `07${x} ${sub.slice(0, 3)} ${sub.slice(3, 5)} ${sub.slice(5)}`,
          `07${x}-${sub}`,
          `+46 7${x} ${sub.slice(0, 3)} ${sub.slice(3, 5)} ${sub.slice(5)}`,
          `+46 (0)7${x}-${sub.slice(0, 3)} ${sub.slice(3, 5)} ${sub.slice(5)}`,
          `+467${x}${sub}`,
        ];
        const number = forms[style]!;
        expect(found(phoneDetector, `${before} tel ${number} ${after}`)).toEqual([number]);
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------
// Adversarial inputs: every detector must complete on 200 KB of pathological text.

describe('adversarial 200 KB inputs', () => {
  const SIZE = 200_000;
  const fill = (unit: string): string => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
  const inputs: Record<string, string[]> = {
    email: [fill('a@a.a@'), fill('a.'), 'a'.repeat(SIZE) + '@kommun.se', fill('a@') + 'b.se', fill('x.y-') + '@', fill('@a.')],
    phone: [fill('0000-'), fill('0'), fill('070 '), fill('+46 (0)'), fill('(0'), fill('1 '), fill('0-'), fill('tel 07')],
    iban: [fill('SE45 '), fill('SE'), fill('SE4550000000 '), fill('GB82WEST'), fill('A1')],
    'bank-account': [fill('0000-'), fill('3300, konto '), fill('8327-9, '), fill('Bankgiro '), fill('PG 1 '), fill('konto 1234 ')],
    'payment-card': [fill('4111 '), fill('4111-'), fill('4'), fill('1 '), fill('OCR 4111 ')],
    credentials: [
      fill('sk-'),
      fill('-----BEGIN '),
      fill('-----BEGIN RSA PRIVATE KEY-----\n'),
      fill('-----BEGIN RSA PRIVATE KEY-----\nMIIE'),
      fill('eyJ'),
      fill('eyJhbGciOiJIUzI1NiJ9.'),
      fill('password='),
      fill('password: a'),
      fill('lösenordet '),
      fill('lösenordet till '),
      fill('Bearer '),
      fill('postgres://a:'),
      fill('postgres://'),
      fill('<password>'),
      fill('api_key="'),
      fill('AKIA'),
      fill('a_'),
      'x'.repeat(SIZE),
    ],
  };
  const byId = Object.fromEntries(DETECTORS.map((d) => [d.id, d]));

  for (const [id, texts] of Object.entries(inputs)) {
    it(`${id} completes`, () => {
      const detector = byId[id]!;
      for (const text of texts) {
        const result = detector.detect(context(text));
        expect(Array.isArray(result)).toBe(true);
      }
    });
  }

  it('every detector completes on every adversarial input', () => {
    const all = Object.values(inputs).flat();
    for (const detector of DETECTORS) {
      for (const text of all) expect(Array.isArray(detector.detect(context(text)))).toBe(true);
    }
  });
});

describe('credentials in chat Swedish', () => {
  it('reads "e" as "är" after a password word', () => {
    const found = run(credentialDetector, 'lösen till vikariekontot i verksamhetssystemet e Sommar2026!Solb, skriv ett mejl');
    expect(found.map((f) => f.text)).toEqual(['Sommar2026!Solb']);
    expect(run(credentialDetector, 'lösenordet e Hjortron#2026kalmar')).toHaveLength(1);
    expect(run(credentialDetector, 'lösenordet e för kort, vad gör jag?')).toEqual([]);
  });
});
