/**
 * Property-based fuzzing of the whole engine, scan() with the built-in policy:
 *   - on arbitrary text (any UTF-16, lone surrogates, combining marks, bidi
 *     controls, NUL, very long lines) it never throws and every finding keeps
 *     the promises of `Finding` (lib/types.ts);
 *   - identity numbers and markings are still found, with a span that maps back
 *     to the obfuscated original, when zero-width characters are inserted, the
 *     hyphen is another dash, digits are full-width and combining marks sit on
 *     digits and dashes;
 *   - a 5 MB prompt is scanned to the end.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { swedishText } from '../../bench/swedish-text';
import { decide, scan } from '../../lib/scan';
import { normalize } from '../../lib/text/normalize';
import { ACTIONS, CATEGORIES, SEVERITIES, type Finding } from '../../lib/types';
import { birthDateArb, identityNumber, REFERENCE_DATE, serialArb } from './helpers';

const at = { referenceDate: REFERENCE_DATE };

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
/** `i` lies between the two halves of a surrogate pair. */
const splitsPair = (text: string, i: number) => i > 0 && i < text.length && isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i));

const ID_FORM = /^(?:\d{2})?\d{6}(?: ?[-+] ?| )?\d{4}$/;

/** Everything `Finding` and `ScanResult` promise, checked on one scan; returns what is broken. */
function problemsOf(text: string, findings: Finding[], decision: string): string[] {
  const problems: string[] = [];
  const fail = (f: Finding, what: string) => problems.push(`${what}: ${JSON.stringify(f)}`);
  findings.forEach((f, i) => {
    if (!Number.isInteger(f.start) || !Number.isInteger(f.end)) fail(f, 'offsets are not integers');
    if (!(f.start >= 0 && f.start < f.end && f.end <= text.length)) fail(f, 'span outside the text or empty');
    if (f.text !== text.slice(f.start, f.end)) fail(f, 'text is not original.slice(start, end)');
    // Offsets are on code-point boundaries: a span never cuts an emoji or a mathematical digit in two.
    if (splitsPair(text, f.start) || splitsPair(text, f.end)) fail(f, 'span splits a surrogate pair');
    if (!CATEGORIES.includes(f.category) || !SEVERITIES.includes(f.severity) || !ACTIONS.includes(f.action)) fail(f, 'unknown category, severity or action');
    if (f.action === 'off') fail(f, 'a finding the policy switches off');
    if (typeof f.rule !== 'string' || !f.rule) fail(f, 'no rule id');
    if (!f.guidelines.length || !f.guidelines.every((url) => url.startsWith('https://'))) fail(f, 'guidelines are not https URLs');
    // The span, normalised, is an identity number in one of its written forms.
    if ((f.category === 'personnummer' || f.category === 'samordningsnummer') && !ID_FORM.test(normalize(f.text).text)) fail(f, 'not an identity number');
    if (i > 0 && f.start < findings[i - 1]!.start) fail(f, 'not in text order');
  });
  if (decision !== decide(findings)) problems.push(`decision ${decision} is not the strongest action`);
  return problems;
}

function scanAndCheck(text: string): Finding[] {
  const result = scan(text, at);
  expect(problemsOf(text, result.findings, result.decision), JSON.stringify(text.slice(0, 2000))).toEqual([]);
  return result.findings;
}

// ---------------------------------------------------------------------------
// Arbitrary text

/** Single UTF-16 code units, lone surrogates included. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
/** Characters that have broken text engines before, and pieces that wake the detectors up. */
const nasty = fc.constantFrom(
  '\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D\uDE00', '\uD835\uDFD6', // NUL, lone surrogates, emoji, 𝟖
  '\u0301', '\u0308', '\u20E3', '\uFE0F', '\u034F', // combining marks, keycap, variation selector, CGJ
  '\u200E', '\u200F', '\u202A', '\u202E', '\u2066', '\u2069', '\u061C', // bidi controls
  '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', // zero-width, soft hyphen
  '\u2010', '\u2011', '\u2013', '\u2212', '\uFE63', '\uFF0D', // dashes
  '\uFF10', '\uFF19', '\u0660', '\u0969', // other digits
  '\r', '\n', '\r\n', '\u2028', '\u2029', '\t', '\u00A0', '\u202F', '  ',
  'Н', 'Е', 'К', 'ο', // look-alike capitals
  '640823-4174', '850709', '9805', '19850709', '+', '070', '2026-11-03', '14:30',
  'HEMLIG', 'KONFIDENTIELL', 'BEGRÄNSAT HEMLIG', 'Sekretess enligt 26 kap. 1 § OSL', 'OSL', 'kap.', '§', '//', 'TOP SECRET', 'NOFORN',
  'TLP:RED', 'Klassificering:', '<p>', '</p>', '[', ']', '(', ')', '|', '"', ':', '?', '-', '*', '#', '> ',
  'min kollega', 'Anna', 'patienten', 'sjukskriven', 'LVU', 'hon', 'Pnr', 'tel', '@', 'anna@exempel.se', 'SE45 5000 0000 0583 9825 7466',
  'ghp_', 'password=', '-----BEGIN RSA PRIVATE KEY-----', '4111 1111 1111 1111',
);
const fuzzText = fc.array(fc.oneof({ weight: 3, arbitrary: nasty }, { weight: 2, arbitrary: fc.string({ unit: anyCodeUnit, maxLength: 8 }) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) }, { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) }), { maxLength: 60 }).map((parts) => parts.join(''));

describe('scan() on arbitrary text', () => {
  it('never throws and keeps every promise of Finding (full Unicode, lone surrogates, marks, bidi, NUL)', () => {
    fc.assert(
      fc.property(fuzzText, (text) => {
        scanAndCheck(text);
      }),
      { numRuns: 600 },
    );
  });

  it('is deterministic: the same text gives the same result', () => {
    fc.assert(
      fc.property(fuzzText, (text) => {
        expect(scan(text, at)).toEqual(scan(text, at));
      }),
      { numRuns: 100 },
    );
  });

  it('copes with very long lines and runs of one character', () => {
    fc.assert(
      fc.property(nasty, fc.integer({ min: 10_000, max: 60_000 }), fuzzText, (unit, times, tail) => {
        const line = unit.repeat(Math.ceil(times / unit.length));
        scanAndCheck(line + tail);
        scanAndCheck(tail + ' ' + line + ' Pnr 640823-4174');
      }),
      { numRuns: 25 },
    );
  });
});

// ---------------------------------------------------------------------------
// Obfuscation

const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD'];
/** Combining marks (Mn/Me): acute, diaeresis, low line, enclosing circle, keycap, variation selector, an astral one. */
const MARKS = ['\u0301', '\u0308', '\u0332', '\u20DD', '\u20E3', '\uFE0F', '\u{1D167}'];
const DASHES = ['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212', '\uFE63', '\uFF0D'];
const SPACES = ['\u00A0', '\u2009', '\u202F'];
const LOOK_ALIKE: Record<string, string> = { A: 'А', B: 'В', E: 'Е', K: 'К', M: 'М', H: 'Н', O: 'О', P: 'Р', C: 'С', T: 'Т', X: 'Х' };

interface Obfuscation {
  /** Per character: replace a digit with its full-width form, a '-' with another dash, a ' ' with another space. */
  swap: boolean[];
  dash: string;
  space: string;
  /** Per character: a Cyrillic look-alike for a Latin capital (markings only). */
  lookAlike: boolean[];
  /** Zero-width characters to insert: [position (mod length + 1), character]. */
  inserts: [number, string][];
  /** Combining marks to put on a digit or dash: [which digit or dash (mod their number), marks]. */
  marks: [number, string][];
}

const obfuscationArb: fc.Arbitrary<Obfuscation> = fc.record({
  swap: fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
  dash: fc.constantFrom(...DASHES),
  space: fc.constantFrom(' ', ...SPACES),
  lookAlike: fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
  inserts: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...ZERO_WIDTH)), { maxLength: 6 }),
  marks: fc.array(fc.tuple(fc.nat(), fc.array(fc.constantFrom(...MARKS), { minLength: 1, maxLength: 2 }).map((m) => m.join(''))), { maxLength: 4 }),
});

function obfuscate(token: string, o: Obfuscation, lookAlikes: boolean): string {
  const chars = [...token].map((ch, i) => {
    const swap = o.swap[i % o.swap.length]!;
    if (swap && ch >= '0' && ch <= '9') return String.fromCharCode(0xff10 + Number(ch));
    if (swap && ch === '-') return o.dash;
    if (swap && ch === ' ') return o.space;
    if (lookAlikes && o.lookAlike[i % o.lookAlike.length] && LOOK_ALIKE[ch]) return LOOK_ALIKE[ch]!;
    return ch;
  });
  // Marks go on a digit or dash as it now stands (full-width, another dash): after mapping.
  const bases = chars.flatMap((ch, i) => (/^[\p{Nd}\p{Pd}\u2212]$/u.test(ch) ? [i] : []));
  for (const [which, marks] of o.marks) if (bases.length) chars[bases[which % bases.length]!] += marks;
  // Insert from the back so earlier positions stay where they were.
  const inserts = [...o.inserts].map(([p, zw]) => [p % (chars.length + 1), zw] as const).sort((a, b) => b[0] - a[0]);
  for (const [p, zw] of inserts) chars.splice(p, 0, zw);
  return chars.join('');
}

/** Swedish office prose that mentions nothing to flag (no levels, no questions, no identity words). */
const WORDS = ['och', 'beslut', 'ärendet', 'gäller', 'underlaget', 'till', 'nämnden', 'inför', 'mötet', 'på', 'torsdag', 'Anna', 'skickas', 'i', 'dag', 'kl.', '14:30', 'nr', 'Storgatan', '8B', 'tack', 'för', 'hjälpen', 'Dnr', 'KS', '2026/0412', 'Sammanfatta', 'texten', 'nedan.', 'Hej!'];
const proseArb = fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 10 }).map((w) => w.join(' '));

/** The span that was found, normalised, is the token, and it lies inside the obfuscated token. */
function expectFoundAt(findings: Finding[], categories: readonly string[], text: string, tokenStart: number, obfuscated: string, canonical: string) {
  const tokenEnd = tokenStart + obfuscated.length;
  const hit = findings.find(
    (f) => categories.includes(f.category) && f.start >= tokenStart && f.end <= tokenEnd && normalize(f.text).text === normalize(canonical).text,
  );
  expect(hit, `${JSON.stringify(canonical)} as ${JSON.stringify(obfuscated)} in ${JSON.stringify(text)}: ${JSON.stringify(findings)}`).toBeDefined();
}

describe('identity numbers survive obfuscation', () => {
  const formArb = fc.record({ date: birthDateArb, serial: serialArb, samordning: fc.boolean(), long: fc.boolean(), sep: fc.constantFrom('-', '', ' ', '+') });

  it('full-width digits, other dashes and zero-width characters: same category, span maps back', () => {
    fc.assert(
      fc.property(formArb, obfuscationArb, proseArb, proseArb, ({ date, serial, samordning, long, sep }, o, before, after) => {
        const yymmdd = samordning ? date.yymmdd.slice(0, 4) + String(Number(date.yymmdd.slice(4)) + 60) : date.yymmdd;
        const ten = identityNumber(yymmdd, serial);
        const separator = long && sep === '+' ? '-' : sep; // '+' (100 years or older) exists only in the 10-digit form
        if (!long && separator === '' && ten.startsWith('0')) return; // a bare number starting with 0 may be a phone number
        const canonical = (long ? String(date.y).slice(0, 2) : '') + ten.slice(0, 6) + separator + ten.slice(6);
        const obfuscated = obfuscate(canonical, o, false);
        const head = before ? before + ' ' : '';
        const text = head + obfuscated + (after ? ' ' + after : '');
        const findings = scanAndCheck(text);
        expectFoundAt(findings, [samordning ? 'samordningsnummer' : 'personnummer'], text, head.length, obfuscated, canonical);
      }),
      { numRuns: 500 },
    );
  });

  it('after a lone surrogate, a combining mark or a bidi control', () => {
    fc.assert(
      fc.property(formArb, obfuscationArb, fc.constantFrom('\uD800', '\uDC00', '\u0301', '\u202E', '\u200F', '\u0000'), ({ date, serial }, o, odd) => {
        const canonical = identityNumber(date.yymmdd, serial).replace(/^(\d{6})/, '$1-');
        const obfuscated = obfuscate(canonical, o, false);
        const text = `Pnr ${odd}${obfuscated}${odd} tack`;
        expectFoundAt(scanAndCheck(text), ['personnummer'], text, 4 + odd.length, obfuscated, canonical);
      }),
      { numRuns: 200 },
    );
  });
});

/**
 * Markings as they stand on a document, from rules/packs/markings.json's rules:
 * the line as written and the part the engine reports.
 */
const MARKINGS: { line: string; found: string }[] = [
  { line: 'KVALIFICERAT HEMLIG', found: 'KVALIFICERAT HEMLIG' }, // classified.security-class-se
  { line: 'HEMLIG', found: 'HEMLIG' },
  { line: 'KONFIDENTIELL', found: 'KONFIDENTIELL' },
  { line: 'BEGRÄNSAT HEMLIG', found: 'BEGRÄNSAT HEMLIG' },
  { line: 'KONFIDENTIELL - får ej spridas', found: 'KONFIDENTIELL' },
  { line: 'HEMLIG/SECRET', found: 'HEMLIG/SECRET' },
  { line: 'Klassificering: BEGRÄNSAT HEMLIG', found: 'BEGRÄNSAT HEMLIG' },
  { line: 'Sekretess enligt 26 kap. 1 § OSL', found: 'Sekretess enligt 26 kap. 1 § OSL' }, // classified.secrecy-osl
  { line: 'HEMLIG enl. 15:2 OSL', found: 'HEMLIG enl. 15:2 OSL' },
  { line: 'SEKRETESS enligt 21 kap. 7 § OSL', found: 'SEKRETESS enligt 21 kap. 7 § OSL' },
  { line: 'Sekretess: 25 kap. 1 § OSL', found: 'Sekretess: 25 kap. 1 § OSL' },
  { line: 'RESTREINT UE/EU RESTRICTED', found: 'RESTREINT UE/EU RESTRICTED' }, // classified.eu
  { line: 'CONFIDENTIEL UE/EU CONFIDENTIAL', found: 'CONFIDENTIEL UE/EU CONFIDENTIAL' },
  { line: 'SECRET UE/EU SECRET', found: 'SECRET UE/EU SECRET' },
  { line: 'TRÈS SECRET UE/EU TOP SECRET', found: 'TRÈS SECRET UE/EU TOP SECRET' },
  { line: 'NATO SECRET', found: 'NATO SECRET' }, // classified.nato
  { line: 'NATO RESTRICTED', found: 'NATO RESTRICTED' },
  { line: 'COSMIC TOP SECRET', found: 'COSMIC TOP SECRET' },
  { line: 'TOP SECRET//NOFORN', found: 'TOP SECRET//NOFORN' }, // classified.us
  { line: 'SECRET//REL TO USA, FVEY', found: 'SECRET//REL TO USA, FVEY' },
  { line: 'TLP:RED', found: 'TLP:RED' }, // classified.tlp
  { line: 'TLP:AMBER', found: 'TLP:AMBER' },
];

const BODY = ['Underlag inför mötet om lokalerna.', 'Beredskapsplan för vattenverket', 'Anna skickar protokollet i dag.', 'Ledningsplatsen flyttas till bergrummet.'];
const markingDocArb = fc.record({
  marking: fc.constantFrom(...MARKINGS),
  intro: fc.constantFrom('', 'Sammanfatta dokumentet nedan.\n\n', 'Här är första sidan:\n\n', 'Hej!\n'),
  body: fc.constantFrom(...BODY),
  rest: proseArb,
});

describe('markings survive obfuscation', () => {
  it('as written, every marking on a document is found (the baseline for the obfuscated runs)', () => {
    for (const { line, found } of MARKINGS) {
      const text = `${line}\n${BODY[0]}`;
      expectFoundAt(scanAndCheck(text), ['classified'], text, 0, line, found);
    }
  });

  it('zero-width characters, other dashes and spaces, full-width digits and look-alike capitals: still found, span maps back', () => {
    fc.assert(
      fc.property(markingDocArb, obfuscationArb, ({ marking, intro, body, rest }, o) => {
        const obfuscated = obfuscate(marking.line, o, true);
        const text = `${intro}${obfuscated}\n${body}${rest ? ' ' + rest : ''}`;
        expectFoundAt(scanAndCheck(text), ['classified'], text, intro.length, obfuscated, marking.found);
      }),
      { numRuns: 600 },
    );
  });
});

// ---------------------------------------------------------------------------
// Size

describe('a 5 MB prompt', () => {
  it('is scanned to the end: findings near its end are reported with their offsets', () => {
    const noise = ['\u200B', 'ｘ', '😀', '\u202E', '\u00AD', 'Ｈ', '\uD800', '٣'];
    const blocks: string[] = [];
    let length = 0;
    for (let i = 0; length < 5_000_000; i++) {
      const block = swedishText(4_000 + (i % 7) * 100) + noise[i % noise.length]!.repeat(i % 5) + '\n';
      blocks.push(block);
      length += block.length;
    }
    const tail = '\nHEMLIG\nBeredskapsplan\nPnr ８５０７０９\u2013９８０５';
    const text = blocks.join('') + tail;
    expect(text.length).toBeGreaterThan(5_000_000);
    const findings = scanAndCheck(text);
    expect(findings.length).toBeGreaterThan(100);
    const last = findings.filter((f) => f.start >= text.length - tail.length);
    expect(last.map((f) => [f.category, f.text])).toEqual([
      ['classified', 'HEMLIG'],
      ['personnummer', '８５０７０９\u2013９８０５'],
    ]);
  });
});
