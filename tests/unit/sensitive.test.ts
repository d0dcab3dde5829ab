import { describe, expect, it } from 'vitest';
import { identityNumberDetector } from '../../lib/detectors/identity-numbers';
import { createSensitiveDetector, sensitiveDetector } from '../../lib/detectors/sensitive';
import { DataValidationError } from '../../lib/rules/validate';
import { zodCheck } from '../../lib/rules/zod-data-check';
import { runDetector } from './helpers';
import { withEnglishNlp } from '../../lib/detectors/english-nlp';
import { normalize } from '../../lib/text/normalize';
import { REFERENCE_DATE } from './helpers';
import anchorsJson from '../../rules/sensitive/anchors.json';
import vocabularyJson from '../../rules/sensitive/vocabulary.json';
import firstNamesJson from '../../rules/names/first-names.json';
import surnamesJson from '../../rules/names/surnames.json';

/** Categories found, with identity numbers available as anchors like in the engine. */
function categories(text: string): string[] {
  const norm = normalize(text);
  const ids = identityNumberDetector.detect({ norm, referenceDate: REFERENCE_DATE, earlierFindings: [] });
  const found = runDetector(sensitiveDetector, text, ids);
  return [...new Set(found.map((f) => f.category))].sort();
}

describe('sensitive categories tied to a person', () => {
  const cases: [string, string[]][] = [
    ['min kollega Lena på biblioteket är sjukskriven för utmattningssyndrom sen 3 mån', ['health']],
    ['Eleven Noah i 7B har diagnoserna ADHD och autism och blir ofta utåtagerande.', ['health']],
    ['patienten Gösta har demens och kan inte själv ge samtycke till extraktion', ['health']],
    ['Hur skriver jag ett avslag på ansökan om försörjningsstöd för Sara Nilsson?', ['social-services']],
    ['Elias, 16, är placerad i familjehem enligt LVU sedan i våras. Han berättade att han är bisexuell.', ['sexuality', 'social-services']],
    ['Min kollega Daniel är troende katolik och har bett att slippa jobba på långfredagen.', ['religion']],
    ['Röstmottagaren Per-Olof Nyqvist är medlem i Vänsterpartiet och bar en partinål.', ['politics']],
    ['Kristina Holmberg på ekonomienheten är med i Unionen och vill ha en facklig företrädare med.', ['union']],
    ['Kandidaten Rojda Aziz är kurd från norra Syrien och pratar kurmanji.', ['ethnicity']],
    ['Tingsrätten har fått ett DNA-utlåtande: sannolikheten att Mikael Strand är far till barnet är 99,998 %.', ['genetic-biometric']],
    ['Frivårdsklienten Tobias Nyman misstänks nu för olaga hot mot sin före detta sambo.', ['criminal']],
    ['Eleven Elsa Nordin i 3A har skyddade personuppgifter.', ['protected-identity']],
    ['Klient: Robin Eklund, 780412-3573\nPåföljd: Skyddstillsyn\nBrott: Grovt rattfylleri', ['criminal']],
    ['Patient Maria Santos is a Jehovah\'s Witness and has refused blood products. She also has von Willebrand disease.', ['health', 'religion']],
    ['A regular patron, Kevin Olsson, is suspected of several similar thefts at other libraries.', ['criminal']],
    ['Tenant Alex Mårtensson uses they/them pronouns and changed their legal gender last year.', ['sexuality']],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text.slice(0, 60))} → ${expected.join(', ')}`, () => {
      expect(categories(text)).toEqual(expected);
    });
  }

  it('uses an identity number as the person', () => {
    expect(categories('2026-11-20 ERROR Utbetalning försörjningsstöd avvisad: klient=8811063380 belopp=7340.00')).toEqual([
      'social-services',
    ]);
  });
});

describe('general discussion is not a finding', () => {
  const negatives = [
    'Vilka symtom har astma hos barn? Skriv en kort text till förskolans föräldrabrev om när man bör hålla barnet hemma.',
    'Förklara skillnaden mellan LVM och LVU för en nyanställd socialsekreterare.',
    'Skriv en webbtext på lättläst svenska om ekonomiskt bistånd: vem kan söka och hur man ansöker.',
    'Sammanfatta: Kommunfullmäktige beslutar att anta budget 2027. Sverigedemokraterna och Vänsterpartiet reserverar sig.',
    'Gör en lathund för fritidsgårdens personal om när och hur man gör en orosanmälan till socialtjänsten.',
    'How does fingerprinting work when Swedish citizens apply for a passport?',
    'Skriv ett förslag på riktlinje för ett tyst rum/böneutrymme som fungerar för alla religioner.',
    'Frivården hade 1 412 klienter 2024, varav 38 % dömda för trafikbrott.',
    'Skriv ett kort tal när Prideveckan invigs: biblioteket är till för alla, oavsett sexuell läggning eller könsidentitet.',
    'Write an internal FAQ: what are skyddad folkbokföring and sekretessmarkering, and how should we handle library cards?',
    'Vi gör en utställning om samisk slöjd. Skriv en introduktionstext om samernas historia i Sverige.',
    'Min kollega Annika går i pension efter 38 år. Skriv ett tal, hon älskar gamla kartor och surdegsbröd.',
  ];
  for (const text of negatives) {
    it(JSON.stringify(text.slice(0, 70)), () => {
      expect(categories(text)).toEqual([]);
    });
  }
});

describe('vocabulary data is validated', () => {
  it('names the file and field of a broken vocabulary', () => {
    expect(() =>
      createSensitiveDetector({
        vocabulary: { categories: { health: { strong: ['ok*'], weak: [], exact: [] } } },
        anchors: {},
        firstNames: { names: [], ambiguous: [] },
        surnames: { surnames: [], suffixes: [] },
      }, zodCheck),
    ).toThrow(DataValidationError);
    try {
      createSensitiveDetector({
        vocabulary: { categories: { health: { strong: ['a*b'], weak: [], exact: [], exactWeak: [] } } },
        anchors: {},
        firstNames: {},
        surnames: {},
      }, zodCheck);
      expect.unreachable('a broken vocabulary must throw');
    } catch (error) {
      expect(String(error)).toMatch(/rules\/sensitive\/vocabulary\.json/);
      expect(String(error)).toMatch(/categories\.health\.strong\[0\]/);
    }
  });
});

describe('English names the lists do not know', () => {
  it('with the opt-in NLP finder, asks it about English sentences with a sensitive term and no other anchor', () => {
    const nlp = withEnglishNlp().find((d) => d.id === 'sensitive')!;
    const found = (text: string) => runDetector(nlp, text).map((f) => f.category);
    expect(found('Thaddeus Featherstonehaugh was diagnosed with diabetes last year.')).toContain('health');
    expect(found('Diabetes was diagnosed in many patients last year.')).toEqual([]);
    expect(found('Explain how DNA analysis works, for a lesson in a social studies class.')).toEqual([]);
  });

  it('works without the NLP finder (name lists only)', () => {
    const detector = createSensitiveDetector({
      vocabulary: vocabularyJson,
      anchors: anchorsJson,
      firstNames: firstNamesJson,
      surnames: surnamesJson,
    });
    expect(runDetector(detector, 'Thaddeus Featherstonehaugh was diagnosed with diabetes last year.')).toEqual([]);
    expect(runDetector(detector, 'Anna Berg was diagnosed with diabetes last year.').map((f) => f.category)).toContain('health');
  });
});
