import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import guidelinesJson from '../../rules/guidelines.json';
import markingsPack from '../../rules/packs/markings.json';
import { markingsDetector } from '../../lib/detectors/markings';
import { MARKING_RULES } from '../../lib/detectors/markings/rule-ids';
import { rulePackSchema } from '../../lib/rules/schema';
import { normalize } from '../../lib/text/normalize';
import { REFERENCE_DATE, runDetector } from './helpers';

const R = MARKING_RULES;
const found = (text: string) => runDetector(markingsDetector, text);
const texts = (text: string) => found(text).map((f) => f.text);

/** Runs the detector on normalised text and returns the raw findings (normalised offsets). */
function raw(text: string) {
  const norm = normalize(text);
  return { norm, findings: markingsDetector.detect({ norm, referenceDate: REFERENCE_DATE, earlierFindings: [] }) };
}

function expectOne(text: string, marking: string, rule: string, severity?: string) {
  const f = found(text);
  expect(f, JSON.stringify(text)).toHaveLength(1);
  expect(f[0]!.text).toBe(marking);
  expect(f[0]!.rule).toBe(rule);
  expect(f[0]!.category).toBe('classified');
  expect(f[0]!.severity).toBe(severity);
}

function expectNone(text: string) {
  expect(texts(text), JSON.stringify(text)).toEqual([]);
}

describe('markings: the realistic examples from the brief', () => {
  it('1. KVALIFICERAT HEMLIG on its own line with a copy line after it', () => {
    expectOne(
      '...här är första sidan:\n\nKVALIFICERAT HEMLIG\nExemplar 3 av 5\nLedningsplats för ...',
      'KVALIFICERAT HEMLIG',
      R.securityClass,
      'critical',
    );
  });

  it('2. a police secrecy stamp in title case with an OSL reference', () => {
    expectOne(
      'Hemlig enligt 18 kap. 1 § OSL\nFörundersökning 5000-K1234567-26\nMisstänkt: ...',
      'Hemlig enligt 18 kap. 1 § OSL',
      R.secrecyOsl,
    );
  });

  it('3. KONFIDENTIELL above an attachment heading', () => {
    expectOne(
      'Kan du korta ner det här avsnittet? Rubriken ska vara kvar.\n\nKONFIDENTIELL\nBilaga 4 – Säkerhetsskyddsavtal nivå 2\n...',
      'KONFIDENTIELL',
      R.securityClass,
    );
  });

  it('4. a US banner and a portion marking after SUBJECT:', () => {
    const f = found('Summarize it:\n\nTOP SECRET//NOFORN\nSUBJECT: (TS//NF) Reported diversion ...');
    expect(f.map((x) => [x.text, x.rule, x.severity])).toEqual([
      ['TOP SECRET//NOFORN', R.us, 'critical'],
      ['(TS//NF)', R.us, 'critical'],
    ]);
  });

  it('5. NATO RESTRICTED heading notes', () => {
    expectOne(
      'Can you turn these notes into a checklist?\n\nNATO RESTRICTED\nHost Nation Support – exercise notes',
      'NATO RESTRICTED',
      R.nato,
    );
  });

  it('6. an exhibition called TOP SECRET in quotes mid-sentence is not a marking', () => {
    expectNone(
      "Skriv ett pressmeddelande om höstlovsutställningen 'TOP SECRET – spioner, koder och hemliga agenter' på länsmuseet.",
    );
  });

  it('7. an OSL stamp as the value of an XML <Classification> element', () => {
    expectOne(
      '<Record>\n  <Classification>Hemlig enligt 22 kap. 1 § OSL</Classification>\n  <Subject>Amanda Öberg</Subject>',
      'Hemlig enligt 22 kap. 1 § OSL',
      R.secrecyOsl,
    );
  });

  it('8. a question about documents marked HEMLIG or KONFIDENTIELL', () => {
    expectNone(
      'Hur ska vi hantera handlingar som är märkta HEMLIG eller KONFIDENTIELL när vi planerar leveranser till e-arkivet?',
    );
  });

  it('9. a Klassificering: label in an email header', () => {
    expectOne(
      'Från: Säkerhetsenheten\nÄmne: Sårbarhet i utbetalningssystemet\nKlassificering: BEGRÄNSAT HEMLIG\n\nVid penetrationstestet ...',
      'BEGRÄNSAT HEMLIG',
      R.securityClass,
    );
  });

  it('10. a level line followed by a line that is only the OSL reference: one finding', () => {
    expectOne(
      'Sammanfatta dokumentet nedan.\n\nBEGRÄNSAT HEMLIG\nEnligt 15 kap. 2 § OSL\nRäddningstjänsten Mälarbygden',
      'BEGRÄNSAT HEMLIG\nEnligt 15 kap. 2 § OSL',
      R.securityClass,
    );
  });

  it('11. an EU marking kept at the top of a slide', () => {
    expectOne(
      'Please shorten this for a slide, keep the classification line at the top:\n\nCONFIDENTIEL UE/EU CONFIDENTIAL\nJoint Operation debrief',
      'CONFIDENTIEL UE/EU CONFIDENTIAL',
      R.eu,
    );
  });

  it('12. a question comparing two levels', () => {
    expectNone('Vad är skillnaden mellan BEGRÄNSAT HEMLIG och KONFIDENTIELL enligt säkerhetsskyddsförordningen?');
  });

  it('13–14. Secret Santa and a secret ingredient', () => {
    expectNone('Plan a Secret Santa for our 14-person team');
    expectNone('Receptet kommer från mormor och vi vill ha en hemlig ingrediens');
  });

  it('15. a secrecy stamp citing the full name of the law', () => {
    expectOne(
      'Sekretess enligt 26 kap. 1 § offentlighets- och sekretesslagen\n\nUTREDNING ENLIGT 11 KAP. 1 § SOCIALTJÄNSTLAGEN\nBarn: ...',
      'Sekretess enligt 26 kap. 1 § offentlighets- och sekretesslagen',
      R.secrecyOsl,
    );
  });

  it('16. a request for a guide on secrecy marking under 39 kap. 3 § OSL', () => {
    expectNone('Skriv en lathund för registratorer om när en handling ska förses med sekretessmarkering enligt 39 kap. 3 § OSL');
  });

  it('17. zero-width characters and Cyrillic look-alikes inside the marking', () => {
    expectOne('HE\u200BMLIG\nUnderlag till mötet', 'HE\u200BMLIG', R.securityClass);
    expectOne('\u041D\u0415MLIG\nUnderlag till mötet', '\u041D\u0415MLIG', R.securityClass);
    expectOne('ＨＥＭＬＩＧ\nUnderlag', 'ＨＥＭＬＩＧ', R.securityClass);
    expectOne('N\u0410TO SECRET\nnotes', 'N\u0410TO SECRET', R.nato);
  });

  it('18. HEMLIG as the first line of an email body; lower-case hemlig alone is not', () => {
    expectOne('HEMLIG\nHej! Här kommer underlaget inför tisdagens möte.', 'HEMLIG', R.securityClass);
    expectNone('hemlig\nhej, här kommer underlaget');
  });
});

describe('markings: Swedish security classes', () => {
  const cases: [string, string, string?][] = [
    ['KVALIFICERAT HEMLIG', 'KVALIFICERAT HEMLIG', 'critical'],
    ['KVAL. HEMLIG', 'KVAL. HEMLIG', 'critical'],
    ['KVALHEMLIG', 'KVALHEMLIG', 'critical'],
    ['HEMLIG', 'HEMLIG'],
    ['KONFIDENTIELL', 'KONFIDENTIELL'],
    ['BEGRÄNSAT HEMLIG', 'BEGRÄNSAT HEMLIG'],
    ['BEGRANSAT HEMLIG', 'BEGRANSAT HEMLIG'],
    ['HEMLIG/TOP SECRET', 'HEMLIG/TOP SECRET', 'critical'],
    ['HEMLIG/SECRET', 'HEMLIG/SECRET'],
    ['HEMLIG / CONFIDENTIAL', 'HEMLIG / CONFIDENTIAL'],
    ['HEMLIG/RESTRICTED', 'HEMLIG/RESTRICTED'],
    ['H/TS', 'H/TS', 'critical'],
    ['H/S', 'H/S'],
  ];
  for (const [line, marking, severity] of cases) {
    it(`finds ${line} alone on its line`, () => {
      expectOne(`Kan du sammanfatta detta?\n\n${line}\nPromemoria om lokalförsörjning`, marking, R.securityClass, severity);
    });
  }

  it('accepts separator text and stamp details after the level', () => {
    expect(texts('KONFIDENTIELL – får ej spridas\nText')).toEqual(['KONFIDENTIELL']);
    expect(texts('KONFIDENTIELL - Bilaga 4\nText')).toEqual(['KONFIDENTIELL']);
    expect(texts('HEMLIG  Dnr 2024/1234\nText')).toEqual(['HEMLIG']);
    expect(texts('HEMLIG 2024-03-01\nText')).toEqual(['HEMLIG']);
    expect(texts('HEMLIG Exemplar nr 2 av 4\nText')).toEqual(['HEMLIG']);
    expect(texts('HEMLIG EXEMPLAR 2 (4)\nText')).toEqual(['HEMLIG']);
    expect(texts('KONFIDENTIELL (säkerhetsskyddsklass)\nText')).toEqual(['KONFIDENTIELL']);
    expect(texts('HEMLIG.\nText')).toEqual(['HEMLIG']);
  });

  it('accepts Markdown, brackets, ticked boxes and page-header columns', () => {
    expect(texts('**HEMLIG**\nText')).toEqual(['HEMLIG']);
    expect(texts('# KONFIDENTIELL\nText')).toEqual(['KONFIDENTIELL']);
    expect(texts('> HEMLIG\n> citerad text')).toEqual(['HEMLIG']);
    expect(texts('[HEMLIG] Möte om lokaler')).toEqual(['HEMLIG']);
    expect(texts('(HEMLIG)\nText')).toEqual(['HEMLIG']);
    expect(texts('--- HEMLIG ---\nText')).toEqual(['HEMLIG']);
    expect(texts('[x] HEMLIG\nText')).toEqual(['HEMLIG']);
    expect(texts('☒ KONFIDENTIELL\nText')).toEqual(['KONFIDENTIELL']);
    expect(texts('FÖRSVARSMAKTEN\tHEMLIG\t2024-03-01\nText')).toEqual(['HEMLIG']);
    expect(texts('Försvarsmakten          HEMLIG          Sida 1 (4)\nText')).toEqual(['HEMLIG']);
    expect(texts('<p>HEMLIG</p>\n<p>Text</p>')).toEqual(['HEMLIG']);
    expect(texts('Ämne: HEMLIG – Möte om ledningsplatsen')).toEqual(['HEMLIG']);
  });

  it('accepts a marking after a spaced dash and a bracketed marking mid-line', () => {
    expect(texts('Sida 1 av 3 - HEMLIG')).toEqual(['HEMLIG']);
    expect(texts('Rapport - KONFIDENTIELL - Utkast')).toEqual(['KONFIDENTIELL']);
    expect(texts('Ämne: Möte om ledningsplatsen [HEMLIG]')).toEqual(['HEMLIG']);
    expect(texts('Bifogar journalen (Sekretess enligt 25 kap. 1 § OSL) för patienten.')).toEqual([
      'Sekretess enligt 25 kap. 1 § OSL',
    ]);
    expectNone('Välj klass - HEMLIG eller KONFIDENTIELL');
    expectNone('Vad betyder märkningen [HEMLIG] i ett ämnesfält?');
    expectNone('Handlingar som är märkta (HEMLIG) ska förvaras i säkerhetsskåp.');
    expectNone('Dokumentet [Hemlig] nämndes på mötet.');
  });

  it('cites another act: a security class, not an OSL stamp', () => {
    expectOne(
      'HEMLIG enligt 2 kap. 5 § säkerhetsskyddslagen\nText',
      'HEMLIG enligt 2 kap. 5 § säkerhetsskyddslagen',
      R.securityClass,
    );
  });

  it('does not report a level shown under "Exempel på märkning:"', () => {
    expectNone('Exempel på märkning:\n\nHEMLIG\n\nSå här ska rubriken se ut.');
    expectNone('For example, a US banner looks like this:\nTOP SECRET//NOFORN');
    expect(texts('Här är första sidan:\n\nHEMLIG\nPromemoria')).toEqual(['HEMLIG']);
    expect(texts('Här är ett exempel på ett dokument vi fått:\n\nHEMLIG\nPromemoria')).toEqual(['HEMLIG']);
  });

  it('reports a header and a footer marking separately', () => {
    expect(texts('HEMLIG\nPromemoria\nText text text.\nHEMLIG')).toEqual(['HEMLIG', 'HEMLIG']);
  });

  it('handles Windows line endings', () => {
    expect(texts('Sammanfatta:\r\nKONFIDENTIELL\r\nText')).toEqual(['KONFIDENTIELL']);
  });

  it('does not report an unticked box', () => {
    expectNone('[ ] HEMLIG\n[ ] KONFIDENTIELL\nÖppen');
    expectNone('☐ HEMLIG');
  });
});

describe('markings: labels', () => {
  const cases: [string, string, string, string?][] = [
    ['Klassificering: BEGRÄNSAT HEMLIG', 'BEGRÄNSAT HEMLIG', R.securityClass],
    ['Säkerhetsskyddsklass: HEMLIG', 'HEMLIG', R.securityClass],
    ['Säkerhetsskyddsklass: Kvalificerat hemlig', 'Kvalificerat hemlig', R.securityClass, 'critical'],
    ['Sekretessklass: Konfidentiell', 'Konfidentiell', R.securityClass],
    ['Informationsklass: hemlig', 'hemlig', R.securityClass],
    ['Classification: SECRET', 'SECRET', R.us],
    ['Classification: Confidential', 'Confidential', R.us],
    ['Security classification: Top Secret', 'Top Secret', R.us, 'critical'],
    ['CLASSIFICATION: SECRET//NOFORN', 'SECRET//NOFORN', R.us],
    ['Classification: NATO RESTRICTED', 'NATO RESTRICTED', R.nato],
    ['classification: restreint ue', 'restreint ue', R.eu],
    ['Klassificering: Hemlig enligt 15 kap. 2 § OSL', 'Hemlig enligt 15 kap. 2 § OSL', R.secrecyOsl],
    ['Sekretess: 25 kap. 1 § OSL', 'Sekretess: 25 kap. 1 § OSL', R.secrecyOsl],
    ['Sekretessmarkering: 26:1 OSL', 'Sekretessmarkering: 26:1 OSL', R.secrecyOsl],
    ['Sekretess: Ja', 'Sekretess: Ja', R.secrecyOsl],
    ['SEKRETESS: 26 kap. 1 § OSL', 'SEKRETESS: 26 kap. 1 § OSL', R.secrecyOsl],
    ['{"id": 17, "classification": "SECRET", "owner": "x"}', 'SECRET', R.us],
    ['{"arende": "2024/55", "sekretess": true}', '"sekretess": true', R.secrecyOsl],
    ['  klassificering: "begränsat hemlig"', 'begränsat hemlig', R.securityClass],
    ['- sakerhetsskyddsklass: konfidentiell', 'konfidentiell', R.securityClass],
    ['<Document classification="RESTREINT UE/EU RESTRICTED">', 'RESTREINT UE/EU RESTRICTED', R.eu],
    ['<Sekretess>Ja</Sekretess>', '<Sekretess>Ja', R.secrecyOsl],
    ['<ns:Klassificering>hemlig</ns:Klassificering>', 'hemlig', R.securityClass],
    ['| Klassificering | Hemlig |', 'Hemlig', R.securityClass],
    ['| Dnr | 2024/123 | Klassificering | KONFIDENTIELL |', 'KONFIDENTIELL', R.securityClass],
    ['Diarienummer 2024/55  Klassificering: HEMLIG', 'HEMLIG', R.securityClass],
    [
      'Sekretessbedömning: Uppgifterna bedöms omfattas av sekretess enligt 21 kap. 7 § OSL.',
      'Uppgifterna bedöms omfattas av sekretess enligt 21 kap. 7 § OSL',
      R.secrecyOsl,
    ],
    [
      'Sekretessmarkering: 2024-03-01, 25 kap. 1 § OSL, Region Uppsala',
      'Sekretessmarkering: 2024-03-01, 25 kap. 1 § OSL',
      R.secrecyOsl,
    ],
    ['Ämne: SV: VB: HEMLIG - Lägesrapport', 'HEMLIG', R.securityClass],
    ['Classification: S//NF', 'S//NF', R.us],
    ['TS//SCI', 'TS//SCI', R.us, 'critical'],
  ];
  for (const [line, marking, rule, severity] of cases) {
    it(`finds ${line}`, () => expectOne(`Underlag:\n${line}\n`, marking, rule, severity));
  }

  it('ignores open, internal and negative values', () => {
    for (const line of [
      'Klassificering: Öppen',
      'Klassificering: Intern',
      'Informationsklass: Företagsintern',
      'Klassificering: Ej hemlig',
      'Säkerhetsskyddsklass: Ingen',
      'Classification: UNCLASSIFIED',
      'Classification: NATO UNCLASSIFIED',
      'Sekretess: Nej',
      'SEKRETESS: NEJ',
      'Sekretess: ja/nej',
      'Sekretess: ja, om uppgifterna rör hälsa?',
      'Klassificering: hemlig information hanteras i särskild ordning',
      'Klassificering: HEMLIG, KONFIDENTIELL eller BEGRÄNSAT HEMLIG',
      'Klassificering: HEMLIG?',
      'Exempel: HEMLIG',
      '{"classification": "public"}',
      'Sekretessbedömning: Uppgifterna bedöms inte omfattas av sekretess enligt 21 kap. 7 § OSL.',
      'Sekretess: gäller uppgifterna sekretess enligt 21 kap. 7 § OSL?',
    ]) {
      expectNone(line);
    }
  });
});

describe('markings: OSL secrecy stamps', () => {
  const cases: [string, string, string?][] = [
    ['Sekretess enligt 25 kap. 1 § OSL', 'Sekretess enligt 25 kap. 1 § OSL'],
    ['SEKRETESS enligt 21 kap. 7 § OSL', 'SEKRETESS enligt 21 kap. 7 § OSL'],
    ['SEKRETESS 26 kap. 1 § OSL', 'SEKRETESS 26 kap. 1 § OSL'],
    ['Sekretess, jfr 25:1 OSL', 'Sekretess, jfr 25:1 OSL'],
    ['Sekretess enl. OSL 26:1', 'Sekretess enl. OSL 26:1'],
    ['Sekretess (25 kap. 1 § OSL)', 'Sekretess (25 kap. 1 § OSL'],
    ['Sekretess enligt 18 kap. 8 a § OSL', 'Sekretess enligt 18 kap. 8 a § OSL'],
    ['Sekretess enligt 26 kap 1 § OSL', 'Sekretess enligt 26 kap 1 § OSL'],
    ['Sekretess enligt 21 kap. 7 § och 25 kap. 1 § OSL', 'Sekretess enligt 21 kap. 7 § och 25 kap. 1 § OSL'],
    ['Sekretess enligt 26 kap. 1 § första stycket OSL', 'Sekretess enligt 26 kap. 1 § första stycket OSL'],
    ['Sekretess enligt 7 kap. 4 § sekretesslagen', 'Sekretess enligt 7 kap. 4 § sekretesslagen'],
    ['HEMLIG enl. 15:2 OSL', 'HEMLIG enl. 15:2 OSL'],
    [
      'HEMLIG enligt 15 kap. 2 § offentlighets- och sekretesslagen (2009:400)',
      'HEMLIG enligt 15 kap. 2 § offentlighets- och sekretesslagen (2009:400)',
    ],
    ['Omfattas av sekretess enligt 21 kap. 7 § OSL', 'Omfattas av sekretess enligt 21 kap. 7 § OSL'],
    ['Handlingen är sekretessmarkerad enligt 26 kap. 1 § OSL.', 'Handlingen är sekretessmarkerad enligt 26 kap. 1 § OSL'],
    [
      'Uppgifterna omfattas av sekretess enligt 21 kap. 7 § OSL',
      'Uppgifterna omfattas av sekretess enligt 21 kap. 7 § OSL',
    ],
    ['Sekretessbelagd enligt 25 kap. 1 § OSL', 'Sekretessbelagd enligt 25 kap. 1 § OSL'],
    ['SEKRETESS', 'SEKRETESS'],
    ['SEKRETESSBELAGD', 'SEKRETESSBELAGD'],
    ['SEKRETESSKLASSIFICERAD', 'SEKRETESSKLASSIFICERAD'],
    ['UTRIKESKLASSIFICERAD', 'UTRIKESKLASSIFICERAD'],
    ['OMFATTAS AV SEKRETESS', 'OMFATTAS AV SEKRETESS'],
    [
      'Uppgifterna i denna handling omfattas av sekretess enligt 21 kap. 7 § OSL.',
      'Uppgifterna i denna handling omfattas av sekretess enligt 21 kap. 7 § OSL',
    ],
    ['Denna handling är sekretessbelagd enligt 26 kap. 1 § OSL', 'Denna handling är sekretessbelagd enligt 26 kap. 1 § OSL'],
    ['Sekretess gäller enligt 25 kap. 1 § OSL', 'Sekretess gäller enligt 25 kap. 1 § OSL'],
  ];
  for (const [line, marking, severity] of cases) {
    it(`finds ${line}`, () => expectOne(`${line}\nJournalanteckning 2024-03-12`, marking, R.secrecyOsl, severity));
  }

  it('keeps the date and authority after the reference outside the span but accepts them', () => {
    expectOne(
      'Sekretess enligt 25 kap. 1 § OSL, 2024-03-12, Region Uppsala\nText',
      'Sekretess enligt 25 kap. 1 § OSL',
      R.secrecyOsl,
    );
    expectOne(
      'Sekretess enligt 25 kap. 1 § OSL 2024-03-12 REGION UPPSALA\nText',
      'Sekretess enligt 25 kap. 1 § OSL',
      R.secrecyOsl,
    );
  });

  it('joins a level line with a reference on the next line', () => {
    expectOne('SEKRETESS\nenligt 26 kap. 1 § OSL\nUtredning', 'SEKRETESS\nenligt 26 kap. 1 § OSL', R.secrecyOsl);
    expectOne('Hemlig\nEnligt 15 kap. 2 § OSL\nText', 'Hemlig\nEnligt 15 kap. 2 § OSL', R.secrecyOsl);
    expectOne('HEMLIG\n(15:2 OSL)\nText', 'HEMLIG\n(15:2 OSL', R.secrecyOsl);
  });

  it('accepts jämlikt, "i OSL" and other act names', () => {
    expect(texts('Sekretess jml 25 kap 1 § OSL')).toEqual(['Sekretess jml 25 kap 1 § OSL']);
    expect(texts('Sekretess enligt 25 kap. 1 § i offentlighets- och sekretesslagen')).toEqual([
      'Sekretess enligt 25 kap. 1 § i offentlighets- och sekretesslagen',
    ]);
  });

  it('does not treat "Sekretessmarkering: Ja" in a person record as a document marking', () => {
    // That is protected personal data (folkbokföring), reported by another detector.
    expectNone('Namn: Linda Berg\nSekretessmarkering: Ja');
    expectNone('I dokumenthanteringssystemet finns fältet Sekretess: Ja/Nej');
  });

  it('does not report a list of three different OSL stamps (a guide for registrars)', () => {
    expectNone('Sekretess enligt 25 kap. 1 § OSL\nSekretess enligt 26 kap. 1 § OSL\nSekretess enligt 21 kap. 7 § OSL');
  });

  it('does not report explanations and questions about OSL', () => {
    for (const text of [
      'Förklara skillnaden mellan sekretessen enligt 19 kap. 3 § OSL och 31 kap. 16 § OSL',
      'Sekretess enligt 25 kap. 1 § OSL gäller inom hälso- och sjukvården för uppgift om en enskilds hälsotillstånd.',
      'Sekretess enligt 25 kap. 1 § OSL – vad innebär det?',
      'sekretess enligt 26 kap. 1 § OSL gäller också här',
      'Vilken sekretess gäller enligt 21 kap. 7 § OSL?',
      'Sekretess\nSekretess innebär ett förbud att röja en uppgift.',
      'Sekretess',
      'Hemlig',
      'Kvalificerat hemlig',
      'SEKRETESSMARKERING',
      'Sekretessmarkering',
      'Omfattas av sekretess',
      'Handlingen omfattas av sekretess om det kan antas att den enskilde lider men.',
      'SEKRETESS: Alla medarbetare ska känna till reglerna.',
      'SEKRETESS – Så hanterar du sekretess i vardagen',
      'Mötet börjar kl. 15:20 i sal 26:1',
      'Uppgifter om hälsa kan omfattas av sekretess enligt 25 kap. 1 § OSL.',
      'Uppgifterna omfattas inte av sekretess enligt 21 kap. 7 § OSL.',
      'Vilka uppgifter omfattas av sekretess enligt 21 kap. 7 § OSL',
      'Om uppgifterna omfattas av sekretess enligt 26 kap. 1 § OSL måste vi pröva det.',
      'Detta meddelande kan innehålla uppgifter som omfattas av sekretess enligt OSL.',
      'Sekretess gäller enligt 25 kap. 1 § OSL för uppgift om en enskilds hälsotillstånd.',
    ]) {
      expectNone(text);
    }
  });
});

describe('markings: EU, NATO, US and TLP', () => {
  const cases: [string, string, string, string?][] = [
    ['TRÈS SECRET UE/EU TOP SECRET', 'TRÈS SECRET UE/EU TOP SECRET', R.eu, 'critical'],
    ['TRES SECRET UE', 'TRES SECRET UE', R.eu, 'critical'],
    ['EU TOP SECRET', 'EU TOP SECRET', R.eu, 'critical'],
    ['SECRET UE/EU SECRET', 'SECRET UE/EU SECRET', R.eu],
    ['SECRET UE', 'SECRET UE', R.eu],
    ['CONFIDENTIEL UE', 'CONFIDENTIEL UE', R.eu],
    ['RESTREINT UE/EU RESTRICTED', 'RESTREINT UE/EU RESTRICTED', R.eu],
    ['EU RESTRICTED', 'EU RESTRICTED', R.eu],
    ['RESTREINT UE', 'RESTREINT UE', R.eu],
    ['COSMIC TOP SECRET', 'COSMIC TOP SECRET', R.nato, 'critical'],
    ['COSMIC TOP SECRET ATOMAL', 'COSMIC TOP SECRET ATOMAL', R.nato, 'critical'],
    ['NATO SECRET', 'NATO SECRET', R.nato],
    ['NATO CONFIDENTIAL ATOMAL', 'NATO CONFIDENTIAL ATOMAL', R.nato],
    ['NATO RESTRICTED', 'NATO RESTRICTED', R.nato],
    ['TOP SECRET//NOFORN', 'TOP SECRET//NOFORN', R.us, 'critical'],
    ['TOP SECRET//SCI', 'TOP SECRET//SCI', R.us, 'critical'],
    ['SECRET//REL TO USA, FVEY', 'SECRET//REL TO USA, FVEY', R.us],
    ['CONFIDENTIAL//NOFORN', 'CONFIDENTIAL//NOFORN', R.us],
    ['TOP SECRET//SI//NOFORN', 'TOP SECRET//SI//NOFORN', R.us, 'critical'],
    ['TOP SECRET', 'TOP SECRET', R.us, 'critical'],
    ['SECRET', 'SECRET', R.us],
    ['CONFIDENTIAL', 'CONFIDENTIAL', R.us, 'medium'],
    ['TLP:RED', 'TLP:RED', R.tlp],
    ['TLP:AMBER+STRICT', 'TLP:AMBER+STRICT', R.tlp],
  ];
  for (const [line, marking, rule, severity] of cases) {
    it(`finds ${line} on its own line`, () => expectOne(`Summarise this:\n\n${line}\nBriefing notes`, marking, rule, severity));
  }

  it('accepts dissemination controls after a space', () => {
    expectOne('NATO RESTRICTED RELEASABLE TO SWE\nText', 'NATO RESTRICTED', R.nato);
    expectOne('SECRET REL TO USA, GBR\nText', 'SECRET', R.us);
    expectOne('SEKRETESS ENLIGT OSL\nText', 'SEKRETESS', R.secrecyOsl);
  });

  it('finds a US banner anywhere on a line, but not in a question about it', () => {
    expectOne('Page 2 of 7   TOP SECRET//NOFORN', 'TOP SECRET//NOFORN', R.us, 'critical');
    expectOne('The memo is marked SECRET//NOFORN and covers the exercise', 'SECRET//NOFORN', R.us);
    expectNone('What does TOP SECRET//NOFORN mean?');
    expectNone('Förklara vad SECRET//REL TO USA, FVEY betyder');
    expectNone("The series 'TOP SECRET//ROMEO' premieres in May");
    expectNone('UNCLASSIFIED//FOUO\nMeeting notes');
  });

  it('finds TLP:AMBER in a sentence, but not an explanation of TLP', () => {
    expectOne('Rapporten från CERT-SE är TLP:AMBER och gäller vår sektor.', 'TLP:AMBER', R.tlp);
    expectNone('Vad betyder TLP:AMBER?');
    expectNone('TLP:GREEN\nRapport');
    expectNone('TLP:CLEAR');
    expectNone('Skillnaden mellan TLP:RED och TLP:AMBER');
    expectNone('TLP:RED – bara för namngivna mottagare\nTLP:AMBER – inom organisationen\nTLP:GREEN – inom sektorn\nTLP:CLEAR – fritt');
  });

  it('counts portion markings (C)/(S) only with other US markings', () => {
    expect(
      found('SECRET//NOFORN\n\n(S) Paragraph one.\n(C) Paragraph two.\n(U) Paragraph three.\nSECRET//NOFORN').map((f) => f.text),
    ).toEqual(['SECRET//NOFORN', '(S)', '(C)', 'SECRET//NOFORN']);
    expect(texts('(S//NF) The convoy left at dawn.')).toEqual(['(S//NF)']);
    expect(texts('1. (TS) Source reporting indicates')).toEqual(['(TS)']);
    expect(texts('(S) First paragraph.\n(U) Second paragraph.')).toEqual(['(S)']);
    expect(texts('Classified By: J. Smith\nDerived From: X\n(C) Paragraph.')).toEqual(['(C)']);
    expectNone('(C) 2024 Länsstyrelsen i Skåne');
    expectNone('(C) Copyright Acme\n(C) Acme 2023');
    expectNone('(A) Inledning\n(B) Bakgrund\n(C) Förslag\n(S) Sammanfattning');
    expectNone('(U) Unclassified paragraph.\n(U//FOUO) Another.');
  });
});

describe('markings: mentions are not findings', () => {
  const negatives = [
    'förklara skillnaden mellan BEGRÄNSAT HEMLIG och KONFIDENTIELL',
    'What does the marking RESTREINT UE/EU RESTRICTED mean',
    'Den hemliga trädgården är en bok av Frances Hodgson Burnett.',
    'Hemligt uppdrag',
    'Ett hemligt recept på kanelbullar',
    'Konfidentiella samtal med kuratorn',
    'Vi har ett hemligt uppdrag åt dig',
    'Secret Santa',
    'SECRET SANTA 2024',
    'TOP SECRET – spioner, koder och hemliga agenter',
    'HEMLIG är den näst högsta säkerhetsskyddsklassen.',
    'HEMLIG-stämpeln ska vara röd.',
    '**HEMLIG** betyder att röjande kan medföra allvarlig skada.',
    'HEMLIG eller KONFIDENTIELL, vilken klass ska vi välja?',
    'EJ SEKRETESS',
    'Ej säkerhetsskyddsklassificerad',
    'INTE HEMLIG',
    'ICKE SEKRETESSBELAGD',
    'UNCLASSIFIED',
    'NATO UNCLASSIFIED',
    'Öppen',
    'Intern',
    'Företagsintern',
    'This email is confidential and intended only for the addressee.',
    'Our secret weapon is good documentation.',
    'Säkerhetsskyddslagen delar in uppgifter i kvalificerat hemlig, hemlig, konfidentiell och begränsat hemlig.',
    'Nivåerna är KVALIFICERAT HEMLIG, HEMLIG, KONFIDENTIELL och BEGRÄNSAT HEMLIG.',
    'SEKRETESS OCH TYSTNADSPLIKT\nAlla anställda omfattas av tystnadsplikt.',
    'CONFIDENTIAL: This message is intended only for the named recipient.',
    'CONFIDENTIALITY NOTICE: This e-mail may contain privileged information.',
    'KONFIDENTIALITET: Detta meddelande kan innehålla konfidentiell information.',
    'PRIVILEGED & CONFIDENTIAL',
    'Sekretess enligt OSL',
    '3.2 Sekretess enligt 26 kap. 1 § OSL',
    '## Sekretess',
    '["HEMLIG", "KONFIDENTIELL", "BEGRÄNSAT HEMLIG"]',
  ];
  for (const text of negatives) {
    it(`ignores ${JSON.stringify(text)}`, () => expectNone(text));
  }

  it('ignores training slides that list three or more levels', () => {
    expectNone('KVALIFICERAT HEMLIG\nHEMLIG\nKONFIDENTIELL\nBEGRÄNSAT HEMLIG');
    expectNone(
      'Säkerhetsskyddsklasser\n\nKVALIFICERAT HEMLIG – Synnerligen allvarlig skada\nHEMLIG – Allvarlig skada\nKONFIDENTIELL – Inte obetydlig skada\nBEGRÄNSAT HEMLIG – Endast ringa skada',
    );
    expectNone('KVALIFICERAT HEMLIG, HEMLIG, KONFIDENTIELL, BEGRÄNSAT HEMLIG');
    expectNone(
      '| Sverige | EU | NATO |\n|---|---|---|\n| KVALIFICERAT HEMLIG | TRÈS SECRET UE | COSMIC TOP SECRET |\n| HEMLIG | SECRET UE | NATO SECRET |\n| KONFIDENTIELL | CONFIDENTIEL UE | NATO CONFIDENTIAL |\n| BEGRÄNSAT HEMLIG | RESTREINT UE | NATO RESTRICTED |',
    );
    expectNone('HEMLIG/TOP SECRET\nHEMLIG/SECRET\nHEMLIG/CONFIDENTIAL\nHEMLIG/RESTRICTED');
    expectNone('TOP SECRET\nSECRET\nCONFIDENTIAL');
    expectNone(
      'KVALIFICERAT HEMLIG\nSynnerligen allvarlig skada för Sveriges säkerhet.\n\nHEMLIG\nAllvarlig skada.\n\nKONFIDENTIELL\nInte obetydlig skada.',
    );
  });

  it('ignores two different levels on one line', () => {
    expectNone('HEMLIG, KONFIDENTIELL');
    expectNone('KONFIDENTIELL / BEGRÄNSAT HEMLIG');
    expectNone('| HEMLIG | KONFIDENTIELL |');
    expectNone('TOP SECRET//NOFORN vs SECRET//NOFORN');
    expect(texts('BEGRÄNSAT HEMLIG – RESTREINT UE\nText')).toEqual(['BEGRÄNSAT HEMLIG', 'RESTREINT UE']);
  });

  it('ignores a bullet list of two levels', () => {
    expectNone('Vi använder märkningarna:\n- HEMLIG\n- KONFIDENTIELL');
  });

  it('keeps a real marking whose equivalents in other schemes stand next to it', () => {
    expect(texts('NATO RESTRICTED\nBEGRÄNSAT HEMLIG\nSekretess enligt 15 kap. 2 § OSL\nÖvningsanteckningar')).toEqual([
      'NATO RESTRICTED',
      'BEGRÄNSAT HEMLIG',
      'Sekretess enligt 15 kap. 2 § OSL',
    ]);
  });
});

describe('markings: rule pack', () => {
  const pack = rulePackSchema.parse(markingsPack);
  const ruleIds = new Set(pack.rules.map((r) => r.id));
  const guidelineIds = new Set(guidelinesJson.guidelines.map((g) => g.id));

  it('is a valid pack named "markings" with one rule per rule id the detector emits', () => {
    expect(pack.pack).toBe('markings');
    expect([...ruleIds].sort()).toEqual(Object.values(MARKING_RULES).sort());
    for (const rule of pack.rules) {
      expect(rule.category).toBe('classified');
      expect(rule.id.startsWith('classified.')).toBe(true);
      for (const g of rule.guidelines) expect(guidelineIds.has(g), g).toBe(true);
      for (const text of [rule.reason.sv, rule.reason.en]) {
        expect(text.endsWith('.'), text).toBe(true);
        expect(text.slice(0, -1).includes('. '), `one sentence: ${text}`).toBe(false);
      }
    }
  });
});

// ---------------------------------------------------------------------------

const PROSE_WORDS = [
  'vi', 'ska', 'skriva', 'en', 'sammanfattning', 'av', 'mötet', 'om', 'budgeten', 'och', 'planen', 'för', 'hösten',
  'please', 'summarise', 'the', 'notes', 'from', 'meeting', 'with', 'team', 'tack', 'hej', 'kommunen', 'har',
];
const prose = fc.array(fc.constantFrom(...PROSE_WORDS), { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));
const MARKING_LINES: [string, string][] = [
  ['KVALIFICERAT HEMLIG', 'KVALIFICERAT HEMLIG'],
  ['HEMLIG', 'HEMLIG'],
  ['KONFIDENTIELL – får ej spridas', 'KONFIDENTIELL'],
  ['BEGRÄNSAT HEMLIG', 'BEGRÄNSAT HEMLIG'],
  ['HEMLIG/SECRET', 'HEMLIG/SECRET'],
  ['Sekretess enligt 25 kap. 1 § OSL', 'Sekretess enligt 25 kap. 1 § OSL'],
  ['Hemlig enligt 18 kap. 1 § OSL', 'Hemlig enligt 18 kap. 1 § OSL'],
  ['Klassificering: BEGRÄNSAT HEMLIG', 'BEGRÄNSAT HEMLIG'],
  ['RESTREINT UE/EU RESTRICTED', 'RESTREINT UE/EU RESTRICTED'],
  ['NATO SECRET', 'NATO SECRET'],
  ['COSMIC TOP SECRET', 'COSMIC TOP SECRET'],
  ['TOP SECRET//NOFORN', 'TOP SECRET//NOFORN'],
  ['Classification: SECRET', 'SECRET'],
  ['TLP:RED', 'TLP:RED'],
];

describe('markings: properties', () => {
  it('never throws and reports well-formed spans on arbitrary text', () => {
    const noisy = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.constantFrom(
        'HEMLIG', 'hemlig', 'KONFIDENTIELL', 'Sekretess', 'SEKRETESS', ' enligt ', '25 kap. 1 § OSL', '15:2 OSL', 'OSL ',
        '\n', '\r\n', '\t', '  ', '|', ':', '=', '"', '<Classification>', '</Classification>', '<p>', '//', 'NOFORN',
        'TOP SECRET', 'SECRET', 'NATO ', 'UE', 'EU ', '(C) ', '(TS//NF) ', '(S) ', 'TLP:', 'AMBER', '[x] ', '- ',
        'Klassificering: ', '\u200B', 'Н', '？', '?', '–',
      ),
    );
    const ruleIds = new Set(Object.values(MARKING_RULES));
    fc.assert(
      fc.property(fc.array(noisy, { maxLength: 40 }), (parts) => {
        const { norm, findings } = raw(parts.join(''));
        let prevEnd = -1;
        for (const f of findings) {
          expect(f.category).toBe('classified');
          expect(ruleIds.has(f.rule as never)).toBe(true);
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.start).toBeLessThan(f.end);
          expect(f.end).toBeLessThanOrEqual(norm.text.length);
          expect(f.start).toBeGreaterThanOrEqual(prevEnd); // sorted, no overlaps
          prevEnd = f.end;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('finds a marking line inserted between random lower-case prose lines', () => {
    fc.assert(
      fc.property(
        fc.array(prose, { maxLength: 6 }),
        fc.constantFrom(...MARKING_LINES),
        fc.array(prose, { maxLength: 6 }),
        (before, [line, marking], after) => {
          const text = [...before, line, ...after].join('\n');
          const offset = before.reduce((n, l) => n + l.length + 1, 0);
          const f = found(text);
          expect(f.map((x) => x.text)).toEqual([marking]);
          expect(f[0]!.start).toBeGreaterThanOrEqual(offset);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never reports level words embedded in lower-case prose', () => {
    const level = fc.constantFrom('HEMLIG', 'KONFIDENTIELL', 'BEGRÄNSAT HEMLIG', 'NATO SECRET', 'RESTREINT UE', 'SEKRETESS');
    fc.assert(
      fc.property(prose, level, prose, (a, l, b) => {
        expectNone(`${a} ${l} ${b}`);
      }),
      { numRuns: 300 },
    );
  });

  it('completes on 200 KB adversarial inputs', () => {
    const inputs = [
      'HEMLIG '.repeat(30_000),
      '§ OSL kap. '.repeat(20_000),
      '\n'.repeat(200_000),
      'Sekretess enligt 25 kap. 1 '.repeat(8_000),
      '1 kap. 1 kap. 1 kap. '.repeat(10_000),
      ' '.repeat(200_000) + 'HEMLIG',
      '\t|  '.repeat(50_000),
      'HEMLIG\n'.repeat(30_000),
      'Klassificering: '.repeat(13_000),
      '<Classification>'.repeat(13_000),
      '<a '.repeat(70_000),
      'TOP SECRET//'.repeat(17_000),
      '(S) x\n'.repeat(35_000),
      'TLP:AMBER '.repeat(20_000),
      '"classification": "'.repeat(10_000),
      ':'.repeat(200_000),
      '-'.repeat(200_000),
      'a'.repeat(200_000),
      'HEMLIG' + ' '.repeat(200_000) + 'x',
      'Sekretess' + ' '.repeat(100_000) + '25 kap.' + ' '.repeat(100_000),
    ];
    for (const input of inputs) {
      const { norm, findings } = raw(input);
      for (const f of findings) expect(f.end).toBeLessThanOrEqual(norm.text.length);
    }
  });
});

describe('quoted documents and records', () => {
  it('finds a stamp that opens a quoted document after a colon', () => {
    const found = runDetector(markingsDetector, 'Översätt till engelska: "KVALIFICERAT HEMLIG. Underrättelsebedömning 2026-11: Främmande makt …"');
    expect(found.map((f) => f.text)).toEqual(['KVALIFICERAT HEMLIG']);
    expect(runDetector(markingsDetector, "Skriv om utställningen 'TOP SECRET – spioner och koder' på museet.")).toEqual([]);
    expect(runDetector(markingsDetector, 'Fråga: "HEMLIG. Vad betyder det?"')).toEqual([]);
  });

  it('keeps classification fields of records even when records with other levels stand next to them', () => {
    const json = [
      '[',
      '  {"dokid": "D-1", "klassificering": "HEMLIG", "innehall": "Ledningsplats i bergrummet."},',
      '  {"dokid": "D-2", "klassificering": "BEGRÄNSAT HEMLIG", "innehall": "Talgrupper."},',
      '  {"dokid": "D-3", "klassificering": "KONFIDENTIELL", "innehall": "Reservkraft."},',
      '  {"dokid": "D-4", "klassificering": "EJ KLASSIFICERAD", "innehall": "Plogning."}',
      ']',
    ].join('\n');
    const found = runDetector(markingsDetector, json).map((f) => f.text);
    expect(found).toHaveLength(3);
    expect(found[0]).toMatch(/HEMLIG$/);
    expect(found[1]).toMatch(/BEGRÄNSAT HEMLIG$/);
    expect(found[2]).toMatch(/KONFIDENTIELL$/);
  });
});
