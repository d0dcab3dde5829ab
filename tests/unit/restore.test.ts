/**
 * Restoring the AI's answer (lib/redaction/restore.ts): every placeholder the
 * masked prompt sent is found again however the model wrote it, and nothing
 * else is ever touched.
 *
 *   - property: random maps (categories × numbers × values, one interface
 *     language) and random text around the placeholders, each placeholder
 *     altered by a random combination of what models do to them (case,
 *     brackets, markdown, the other language's label, joiners, `#`, `nr`,
 *     endings, genitive s), is restored to exactly its value;
 *   - property: text without the map's placeholders (label words, numbers the
 *     map does not hold, brackets, near misses, any UTF-16) is never changed;
 *   - property: masking then restoring gives back the prompt;
 *   - examples: each written form, word boundaries, conflicts, streaming, a
 *     value that looks like a placeholder.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLACEHOLDER_LABELS } from '../../lib/i18n/placeholder-labels';
import { PlaceholderBook, maskFindings } from '../../lib/redaction/placeholders';
import { RestoreMap, findPlaceholders, restoreText } from '../../lib/redaction/restore';
import type { Category } from '../../lib/types';

/** Every category with a placeholder label (new categories join the properties by themselves). */
const CATEGORIES = Object.keys(PLACEHOLDER_LABELS) as Category[];
const LANGUAGES = ['sv', 'en'] as const;
type Language = (typeof LANGUAGES)[number];

const placeholderOf = (category: Category, language: Language, n: number) => `[${PLACEHOLDER_LABELS[category][language]} ${n}]`;

// ---------------------------------------------------------------------------
// Arbitraries

/** A map as one conversation builds it: one interface language, numbers unique per category. */
const mapArb = (numbers: { min: number; max: number }) =>
  fc.record({
    language: fc.constantFrom(...LANGUAGES),
    entries: fc.uniqueArray(
      fc.record({
        category: fc.constantFrom(...CATEGORIES),
        n: fc.integer(numbers),
        value: fc.string({ maxLength: 20 }),
      }),
      { minLength: 1, maxLength: 8, selector: (e) => `${e.category} ${e.n}` },
    ),
  });
type MapSpec = { language: Language; entries: { category: Category; n: number; value: string }[] };

function buildMap(spec: MapSpec): RestoreMap {
  const map = new RestoreMap();
  for (const e of spec.entries) expect(map.add(placeholderOf(e.category, spec.language, e.n), e.category, e.value)).toBe(true);
  expect(map.size).toBe(spec.entries.length);
  return map;
}

/** How a model may write one placeholder. */
const alterationArb = fc.record({
  otherLanguage: fc.boolean(),
  letterCase: fc.constantFrom('upper', 'lower', 'title', 'alternating'),
  wordJoin: fc.constantFrom(' ', '_', '-', ''),
  ending: fc.constantFrom('', '', '', 'en', 'et', 'n', 't', 'er', 'ar', 'erna', 'arna', 'na', 's', 'es'),
  numberJoin: fc.constantFrom(' ', ' ', '', '_', '-', ' #', '#', ' # ', ' nr ', ' Nr. ', ' no. ', ' No.', '\u00a0'),
  brackets: fc.constantFrom(
    ['[', ']'],
    ['[', ']'],
    ['', ''],
    ['', ''],
    ['(', ')'],
    ['{', '}'],
    ['{{', '}}'],
    ['<', '>'],
    ['«', '»'],
    ['»', '»'],
    ['【', '】'],
    ['［', '］'],
    ['[ ', ' ]'],
    ['( ', ')'],
    ['\\[', '\\]'],
  ),
  markdown: fc.constantFrom('', '', '**', '*', '`', '__', '_'),
  genitive: fc.constantFrom('', '', 's', ':s'),
});
type Alteration = typeof alterationArb extends fc.Arbitrary<infer A> ? A : never;

function setCase(text: string, letterCase: Alteration['letterCase']): string {
  if (letterCase === 'upper') return text.toUpperCase();
  if (letterCase === 'lower') return text.toLowerCase();
  if (letterCase === 'title') return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
  return [...text].map((c, i) => (i % 2 ? c.toLowerCase() : c.toUpperCase())).join('');
}

/** The placeholder as the model writes it, and what it must be restored to. */
function alter(category: Category, language: Language, n: number, value: string, a: Alteration): { written: string; restored: string } {
  const label = PLACEHOLDER_LABELS[category][a.otherLanguage ? (language === 'sv' ? 'en' : 'sv') : language];
  const core = setCase(label.split(/[ -]/).join(a.wordJoin) + a.ending + a.numberJoin, a.letterCase) + n;
  const [open, close] = a.brackets;
  const genitive = a.genitive === ':s' && /\p{L}$/u.test(value) ? 's' : a.genitive;
  return { written: `${a.markdown}${open}${core}${close}${a.genitive}${a.markdown}`, restored: `${a.markdown}${value}${genitive}${a.markdown}` };
}

/** Words of the labels, in any case and with endings: "person", "Personnummer", "TELEFONEN", "id". */
const labelWordArb = fc
  .tuple(
    fc.constantFrom(...CATEGORIES.flatMap((c) => Object.values(PLACEHOLDER_LABELS[c]).flatMap((l) => [l, ...l.split(/[ -]/)]))),
    fc.constantFrom('', 'en', 's', 'er'),
    fc.constantFrom('upper', 'lower', 'title', 'alternating' as const),
  )
  .map(([word, ending, letterCase]) => setCase(word + ending, letterCase));

/**
 * Numbers no map of the properties holds (those use 1..30), and near misses of
 * ones they do: a longer number, a decimal, a number with a letter after it.
 */
const FOREIGN_NUMBERS = ['0', '01', '007', '31', '42', '100', '2024', '1234567', '1.5', '2,5', '1a', '3B', '7st', '12x', '1_2', '½'];

/** Text that holds no placeholder of a map with numbers 1..30: label words, foreign numbers, brackets, joiners, any UTF-16 without ASCII digits. */
const neutralTextArb = fc
  .array(
    fc.oneof(
      labelWordArb,
      fc.constantFrom(...FOREIGN_NUMBERS),
      fc.constantFrom('[', ']', '(', ')', '{{', '}}', '<', '>', '«', '»', '【', '】', '\\[', '**', '`', '_', '#', 'nr', 'no.', ':s', 's'),
      fc.string({ unit: 'binary', maxLength: 12 }).map((s) => s.replace(/[0-9]/g, '')),
      fc.constantFrom('och', 'the', 'Hej', 'ärende', 'Anna Berg'),
    ),
    { maxLength: 16 },
  )
  .chain((parts) =>
    // Never an empty joiner: "1" + "2" would make 12, a number the map may hold.
    fc.array(fc.constantFrom(' ', '  ', '_', '-', '#', ' #', ' nr ', '\n', ', ', '[', ']', '(', ')'), { minLength: parts.length, maxLength: parts.length }).map((joins) =>
      parts.map((p, i) => p + joins[i]).join(''),
    ),
  );

/** Around a placeholder: ends in no letter, digit, bracket or colon that would join it. */
const beforeArb = fc.constantFrom('. ', ', ', '! ', '\n', '\n\n', ' - ', '"', ' "', ' — ');
const afterArb = fc.constantFrom('. ', ', ', '! ', '\n', ' - ', '" ', ' .', '?\n', ' — ');

// ---------------------------------------------------------------------------

describe('restoring placeholders in the answer: properties', () => {
  it('each placeholder, altered by a random combination of what models do, is restored to exactly its value', () => {
    fc.assert(
      fc.property(
        mapArb({ min: 1, max: 30 }).chain((spec) =>
          fc.record({
            spec: fc.constant(spec as MapSpec),
            head: neutralTextArb,
            mentions: fc.array(
              fc.record({ entry: fc.nat({ max: spec.entries.length - 1 }), alteration: alterationArb, before: beforeArb, after: afterArb, text: neutralTextArb }),
              { minLength: 1, maxLength: 6 },
            ),
          }),
        ),
        ({ spec, head, mentions }) => {
          const map = buildMap(spec);
          let answer = head;
          let expected = head;
          for (const m of mentions) {
            const e = spec.entries[m.entry]!;
            const { written, restored } = alter(e.category, spec.language, e.n, e.value, m.alteration);
            answer += m.before + written + m.after + m.text;
            expected += m.before + restored + m.after + m.text;
          }
          expect(restoreText(answer, map)).toBe(expected);
          const found = findPlaceholders(answer, map);
          expect(found).toHaveLength(mentions.length);
          found.forEach((f, i) => {
            const e = spec.entries[mentions[i]!.entry]!;
            expect(f.value).toBe(e.value);
            expect(f.placeholder).toBe(placeholderOf(e.category, spec.language, e.n));
          });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('text without any placeholder of the map is never changed', () => {
    fc.assert(
      fc.property(mapArb({ min: 1, max: 30 }), neutralTextArb, (spec, text) => {
        const map = buildMap(spec as MapSpec);
        expect(findPlaceholders(text, map)).toEqual([]);
        expect(restoreText(text, map)).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('the same labels with numbers the map does not hold are never changed', () => {
    fc.assert(
      fc.property(
        mapArb({ min: 1, max: 5 }),
        fc.array(fc.record({ category: fc.constantFrom(...CATEGORIES), language: fc.constantFrom(...LANGUAGES), n: fc.integer({ min: 6, max: 99 }), alteration: alterationArb })),
        (spec, mentions) => {
          const map = buildMap(spec as MapSpec);
          // Numbers 6..99 the map never holds; 10..19 start with a number it does.
          const text = mentions.map((m) => alter(m.category, m.language, m.n, '', m.alteration).written).join(' ');
          expect(restoreText(text, map)).toBe(text);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a placeholder of the map glued to a longer word, without brackets, is not one', () => {
    fc.assert(
      fc.property(
        mapArb({ min: 1, max: 30 }).chain((spec) => fc.record({ spec: fc.constant(spec as MapSpec), entry: fc.nat({ max: spec.entries.length - 1 }) })),
        alterationArb,
        fc.constantFrom('x', 'Q', 'ä', 'é', '7', 'x_', '\u0301'),
        fc.constantFrom('x', 'Q', 'ä', 'é', '000000', '_b', '.5', ',5', 'st', '\u0301'),
        fc.boolean(),
        ({ spec, entry }, alteration, before, after, glueBefore) => {
          const map = buildMap(spec);
          const e = spec.entries[entry]!;
          const { written } = alter(e.category, spec.language, e.n, e.value, { ...alteration, brackets: ['', ''], markdown: '', genitive: '' });
          const text = glueBefore ? before + written : written + after;
          expect(restoreText(text, map)).toBe(text);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('masking a prompt and restoring the masked text gives back the prompt', () => {
    const values: { category: Category; value: string }[] = [
      { category: 'personnummer', value: '850709-9805' },
      { category: 'personnummer', value: '19640823-4174' },
      { category: 'phone', value: '070-123 45 67' },
      { category: 'email', value: 'anna.berg@kommun.se' },
      { category: 'health', value: 'diabetes' },
      { category: 'iban', value: 'SE45 5000 0000 0583 9825 7466' },
      { category: 'credential', value: '[TELEFON 1]' },
      { category: 'credential', value: 'PHONE 2' },
    ];
    const words = ['Hej', 'personnummer', 'telefon', 'PERSON', 'E-post', 'nr', '#', '(', ')', '[', ']', '{', '}', '**', '`', 's', 'och', '\n', ' ', '.'];
    fc.assert(
      fc.property(
        fc.constantFrom('sv' as const, 'en' as const),
        fc.array(fc.oneof(fc.constantFrom(...words), fc.nat({ max: values.length - 1 })), { maxLength: 20 }),
        fc.array(fc.constantFrom('', ' ')),
        (language, parts, joins) => {
          let text = '';
          const findings: { category: Category; start: number; end: number }[] = [];
          parts.forEach((p, i) => {
            if (typeof p === 'number') {
              findings.push({ category: values[p]!.category, start: text.length, end: text.length + values[p]!.value.length });
              text += values[p]!.value;
            } else text += p;
            text += joins[i] ?? ' ';
          });
          const masked = maskFindings(text, findings, new PlaceholderBook(language));
          const map = new RestoreMap();
          expect(map.addReplacements(text, masked.replacements)).toBe(true);
          expect(restoreText(masked.text, map)).toBe(text);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('restoring placeholders in the answer: examples', () => {
  const map = new RestoreMap();
  map.add('[PERSONNUMMER 1]', 'personnummer', '850709-9805');
  map.add('[PERSONNUMMER 2]', 'personnummer', '640823-4174');
  // A label the engine may not have yet: read from the placeholder, without a category.
  map.add('[PERSON 1]', undefined, 'Anna Berg');
  map.add('[PERSON 2]', undefined, 'Per Nilsson');
  map.add('[E-POST 1]', 'email', 'anna.berg@kommun.se');

  it.each([
    ['Skicka till [PERSON 1].', 'Skicka till Anna Berg.'],
    ['[personnummer 1]', '850709-9805'],
    ['[Personnummer 1]', '850709-9805'],
    ['PERSONNUMMER 1', '850709-9805'],
    ['(PERSONNUMMER 2)', '640823-4174'],
    ['{PERSON 2}', 'Per Nilsson'],
    ['{{PERSON_2}}', 'Per Nilsson'],
    ['<PERSON 2>', 'Per Nilsson'],
    ['«PERSON 2»', 'Per Nilsson'],
    ['【PERSON 2】', 'Per Nilsson'],
    ['[ PERSON 2 ]', 'Per Nilsson'],
    ['\\[PERSON 2\\]', 'Per Nilsson'],
    ['**[PERSON 1]**', '**Anna Berg**'],
    ['`[PERSON 1]`', '`Anna Berg`'],
    ['`PERSON_1`', '`Anna Berg`'],
    ['[PERSONAL ID NUMBER 1]', '850709-9805'],
    ['personal_id_number_2', '640823-4174'],
    ['Personal-ID-Number #1', '850709-9805'],
    ['[EMAIL 1]', 'anna.berg@kommun.se'],
    ['E-mail 1', 'anna.berg@kommun.se'],
    ['epost nr 1', 'anna.berg@kommun.se'],
    ['PERSON-1', 'Anna Berg'],
    ['PERSON1', 'Anna Berg'],
    ['PERSON #1', 'Anna Berg'],
    ['Person nr 2', 'Per Nilsson'],
    ['Person no. 2', 'Per Nilsson'],
    ['personen 1', 'Anna Berg'],
    ['PERSONNUMRET 1', 'PERSONNUMRET 1'], // nummer → numret is not an ending: left alone
    ['[PERSON 1]s bil', 'Anna Bergs bil'],
    ['PERSON 1s bil', 'Anna Bergs bil'],
    ['[PERSON 1]:s bil', 'Anna Bergs bil'],
    ['[PERSONNUMMER 1]:s kontrollsiffra', '850709-9805:s kontrollsiffra'],
    ["PERSON 1's car", "Anna Berg's car"],
    ['[PERSON 1] och [PERSON 2][PERSON 1]', 'Anna Berg och Per NilssonAnna Berg'],
    ['([PERSON 1])', '(Anna Berg)'],
    ['[[PERSON 1]]', '[Anna Berg]'],
    ['[PERSON 1)', '[Anna Berg)'],
    // Not ours.
    ['PERSON 10', 'PERSON 10'],
    ['PERSON 3 och Person 3', 'PERSON 3 och Person 3'],
    ['[PERSON 1a]', '[PERSON 1a]'],
    ['PERSON 1.5', 'PERSON 1.5'],
    ['PERSON 1234567', 'PERSON 1234567'],
    ['XPERSON 1', 'XPERSON 1'],
    ['MY_PERSON_1', 'MY_PERSON_1'],
    ['PERSON_1_B', 'PERSON_1_B'],
    ['PERSON\n1. Ring', 'PERSON\n1. Ring'],
    ['personer', 'personer'],
    ['person', 'person'],
    ['[PERSON]', '[PERSON]'],
    ['1', '1'],
    ['', ''],
  ])('%j → %j', (answer, restored) => {
    expect(restoreText(answer, map)).toBe(restored);
  });

  it('spans cover the brackets that pair around the placeholder, not the markdown', () => {
    expect(findPlaceholders('Hej **[PERSON 1]**!', map)).toEqual([{ start: 6, end: 16, value: 'Anna Berg', placeholder: '[PERSON 1]' }]);
    expect(map.find('PERSONAL ID NUMBER 2')).toEqual([{ start: 0, end: 20, value: '640823-4174', placeholder: '[PERSONNUMMER 2]' }]);
  });

  it('keeps the first value of a placeholder and reports another', () => {
    const m = new RestoreMap();
    expect(m.add('[PERSONNUMMER 1]', 'personnummer', '850709-9805')).toBe(true);
    expect(m.add('[PERSONNUMMER 1]', 'personnummer', '850709-9805')).toBe(true);
    expect(m.add('[PERSONNUMMER 1]', 'personnummer', '640823-4174')).toBe(false);
    expect(m.add('[Personnummer 1]', 'personnummer', '640823-4174')).toBe(false);
    expect(m.add('[PERSONNUMMER]', 'personnummer', 'x')).toBe(false);
    expect(m.size).toBe(1);
    expect(restoreText('[PERSONNUMMER 1]', m)).toBe('850709-9805');
    m.clear();
    expect(m.size).toBe(0);
    expect(restoreText('[PERSONNUMMER 1]', m)).toBe('[PERSONNUMMER 1]');
  });

  it('reads the category from the label when none is given, and so knows the other language', () => {
    const m = new RestoreMap();
    m.add('[TELEFON 1]', undefined, '070-123 45 67');
    expect(restoreText('Call PHONE 1', m)).toBe('Call 070-123 45 67');
  });

  it('with placeholders sent in both interface languages, each label keeps its own value', () => {
    const m = new RestoreMap();
    m.add('[PERSONNUMMER 1]', 'personnummer', '850709-9805');
    m.add('[PERSONAL ID NUMBER 1]', 'personnummer', '640823-4174');
    m.add('[TELEFON 1]', 'phone', '070-111');
    m.add('[PHONE 2]', 'phone', '070-222');
    expect(restoreText('[PERSONNUMMER 1] [PERSONAL ID NUMBER 1] [PHONE 1] [TELEFON 2]', m)).toBe('850709-9805 640823-4174 070-111 070-222');
  });

  it('a value that looks like a placeholder is inserted once, not searched again', () => {
    const m = new RestoreMap();
    m.add('[PERSON 1]', undefined, '[PERSON 2]');
    m.add('[PERSON 2]', undefined, 'PERSON 1');
    m.add('[PERSON 3]', undefined, '[PERSON 3]');
    expect(restoreText('[PERSON 1] [PERSON 2] [PERSON 3]', m)).toBe('[PERSON 2] PERSON 1 [PERSON 3]');
    expect(restoreText(restoreText('[PERSON 1]', m), m)).toBe('PERSON 1');
  });

  it('streaming: every prefix of an answer restores without throwing, and the whole answer is restored', () => {
    const answer =
      'Hej!\n\nHär är brevet till **[PERSON 1]** (personnummer [PERSONNUMMER 1]). ' +
      'Kopiera PERSONAL_ID_NUMBER_2 till (person 2)s ärende och mejla [e-post 1]. PERSON 10 och Person 3 finns inte.';
    for (let i = 0; i <= answer.length; i++) expect(() => restoreText(answer.slice(0, i), map)).not.toThrow();
    expect(restoreText(answer, map)).toBe(
      'Hej!\n\nHär är brevet till **Anna Berg** (personnummer 850709-9805). ' +
        'Kopiera 640823-4174 till Per Nilssons ärende och mejla anna.berg@kommun.se. PERSON 10 och Person 3 finns inte.',
    );
  });

  // Its speed on hostile text is measured by tests/unit/redos.test.ts (the regex inventory), not timed here.
  it('restores every placeholder of a long answer full of near misses', () => {
    const unit = 'Anna [PERSON 1] och PERSON 9 personnummer 1a [[[((( PERSONNUMMER ';
    const text = unit.repeat(Math.ceil(200_000 / unit.length));
    const restored = restoreText(text, map);
    expect(restored.split('Anna Berg').length - 1).toBe(Math.ceil(200_000 / unit.length));
  });
});
