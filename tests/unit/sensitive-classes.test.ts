/**
 * Classes of false alarms and misses found on corpora written by people who
 * never saw the rules (issue: detection where real prompts put it). Each class
 * has a case that must be found and a look-alike that must not.
 */
import { describe, expect, it } from 'vitest';
import { scan } from '../../lib/scan';
import { SENSITIVE_CATEGORIES } from '../../lib/types';
import { REFERENCE_DATE } from './helpers';

const sensitive = new Set<string>(SENSITIVE_CATEGORIES);
const found = (text: string) =>
  [...new Set(scan(text, { referenceDate: REFERENCE_DATE }).findings.filter((f) => sensitive.has(f.category)).map((f) => f.category))].sort();

const REPORT_FILLER =
  'Inspektionen granskade 41 verksamheter under året. Granskningen omfattade dokumentation, bemanning och rutiner för avvikelser. ' +
  'Resultaten redovisas per län och jämförs med föregående år. Myndigheten bedömer att utvecklingen i stort är positiv. ';

describe('general questions with a role word or a category word', () => {
  it('have no person anchor', () => {
    expect(found('Kan en kommun neka försörjningsstöd om den sökande äger en bil värd ca 40 000 kr?')).toEqual([]);
    expect(found('Får vi som arbetsgivare fråga den sökande om hen är med i facket under en intervju?')).toEqual([]);
    expect(found('Vilka är kriterierna för tvångsvård enligt LVM? Vad händer om klienten avviker från LVM-hemmet?')).toEqual([]);
  });

  it('while a specific person is still found', () => {
    expect(found('Kan vi neka Sara Nilsson försörjningsstöd när hon äger en bil?')).toEqual(['social-services']);
  });
});

describe('a short question that asks for a general answer', () => {
  it('makes its role words generic', () => {
    expect(found('hur räknas försörjningsstöd ut om barnen bor växelvis? ska hela riksnormen för barnet räknas hos båda föräldrarna? behöver ett generellt svar')).toEqual([]);
  });

  it('while a question about a named person is not general', () => {
    expect(found('Brukaren i ärendet har sekretessmarkering hos Skatteverket. Hur ska vi skicka kallelsen?')).toEqual(['protected-identity']);
  });
});

describe('"Sekretessmarkering" followed by an OSL reference', () => {
  it('is a secrecy stamp on a document, not protected identity', () => {
    const text = 'Sekretessmarkering: 25 kap. 1 § OSL\n\nJournalanteckning, avd 14\nPatient: Ove Lindahl, 79 år, känd demens.';
    expect(found(text)).toEqual(['health']);
    expect(scan(text, { referenceDate: REFERENCE_DATE }).findings.some((f) => f.category === 'classified')).toBe(true);
  });
});

describe('long pasted public documents', () => {
  const report = (paragraph: string) => `Sammanfatta rapporten:\n\n${REPORT_FILLER.repeat(12)}\n\n${paragraph}\n\n${REPORT_FILLER.repeat(4)}`;

  it('produce no finding when they discuss groups, even with a role word or an author named nearby', () => {
    expect(found(report('Följ upp vården genom enskilda samtal med barnet utan att personal från HVB är närvarande.'))).toEqual([]);
    expect(found(report('Under perioden anmäldes 11 händelser enligt lex Maria. De vanligaste orsakerna var fördröjd diagnos.'))).toEqual([]);
    expect(
      found(report('Utredaren Johan Lindqvist konstaterar att anmälda misshandelsbrott har minskat med 12 procent.')),
    ).toEqual([]);
    expect(found(report('4 § Uppgifter om en patients etniska ursprung får endast dokumenteras om uppgiften är nödvändig för vården av patienten. Av journalen ska det framgå varför.'))).toEqual([]);
  });

  it('still report a named person tied to a sensitive term inside them', () => {
    expect(found(report('I ett av ärendena hade Gunnel Åberg fått fel dos insulin mot sin diabetes tre dagar i rad.'))).toEqual(['health']);
  });
});

describe('things that look like people but are not', () => {
  it('template fields, mail subjects, statutes and products', () => {
    expect(found('BESLUT\nSökande: [Namn]\nPersonnummer: [ÅÅÅÅMMDD-XXXX]\n\nSocialnämnden beviljar [Namn] ekonomiskt bistånd enligt 4 kap. 1 § SoL.')).toEqual([]);
    expect(found('From: Presidency\nSubject: Draft Council conclusions on critical medicines stockpiling\n\nDelegations will find the text below.')).toEqual([]);
    expect(found('Kan personer med samordningsnummer logga in med Freja eID? Vilken tillitsnivå behövs för ansökan om ekonomiskt bistånd?')).toEqual([]);
  });

  it('words inside e-mail addresses and URLs', () => {
    expect(found('Frågor besvaras av överläkare Sven Hellberg via medicinska.programgrupper@region.se')).toEqual([]);
  });

  it('a policy about a topic, asked for by a named person', () => {
    expect(found('Min chef vill att jag sammanfattar vår policy om religiösa symboler och klädsel i tjänsten.')).toEqual([]);
  });

  it('while a person named in a template field is still found', () => {
    expect(found('Sökande: Anna Berg\nBeslut: ekonomiskt bistånd beviljas för mars.')).toEqual(['social-services']);
  });
});

describe('colloquial terms and anchors that were missed', () => {
  it('offences, medicines and relationships in everyday words', () => {
    expect(found('Mats som blev tagen för rattfylla i julas ska köra minibussen.')).toEqual(['criminal']);
    expect(found('Erik på tekniska fick böter för fortkörning i tjänstebilen.')).toEqual(['criminal']);
    expect(found('Jessica tar sertralin sedan i höstas och är trött på morgnarna.')).toEqual(['health']);
    expect(found('Kan du skriva ett grattiskort till Johan och hans man Erik som gifter sig?')).toEqual(['sexuality']);
    expect(found('Eriksson har suttit inne för rån. Ska vi anställa honom?')).toEqual(['criminal']);
    expect(found('Lena i receptionen röstar på SD och säger det högt i fikarummet.')).toEqual(['politics']);
  });

  it('a possessive with an adjective: "vår nya praktikant"', () => {
    expect(found('Vår nya praktikant Saga är samisk och vill ha ledigt under kalvmärkningen.')).toEqual(['ethnicity']);
  });

  it('look-alikes: the same words about nobody', () => {
    expect(found('Hur mycket är böterna för fortkörning i 50-zon?')).toEqual([]);
    expect(found('Vilka biverkningar har sertralin?')).toEqual([]);
    expect(found('2024-04-02 ERROR batch 7731 aborted: 1 of 214 records failed')).toEqual([]);
  });
});

describe('classes from the second held-out corpus', () => {
  it('a named person as the author, speaker or expert on a topic is not the subject of it', () => {
    expect(found('Erik Nyström på juridiska enheten har skrivit ett PM om när orosanmälan ska göras av skolan.')).toEqual([]);
    expect(found('Dr. Amanda Rehn är ny verksamhetschef för vuxenpsykiatrin och har forskat om ätstörningar.')).toEqual([]);
    expect(found('Kriminologen Maria Pettersson kommer till vår konferens och pratar om återfall efter fängelsestraff.')).toEqual([]);
    expect(found('Min kollega Sofia har skrivit en rapport om hatbrott mot hbtqi-personer i länet.')).toEqual([]);
    expect(found('Ahmed Yilmaz är vår nya expert på diagnoskodning (ICD-10 och KVÅ).')).toEqual([]);
  });

  it('a role with an age or a birth year is one person', () => {
    expect(found('Patienten född 1962 på avd 14 fick dubbel dos Waran i natt.')).toEqual(['health']);
    expect(found('Klienten på Hessleby (man, 54) har avvikit igen från LVM-vården.')).toEqual(['social-services']);
    expect(found('Vad gäller när en patient har fått fel dos?')).toEqual([]);
  });

  it('everyday words for ethnicity, religion, politics and health', () => {
    expect(found('Kollegan Hodan i receptionen, som är somalier, har fått rasistiska kommentarer.')).toEqual(['ethnicity']);
    expect(found('Eleven Yusuf i 8C vill gå ut och be under lektionstid på fredagar.')).toEqual(['religion']);
    expect(found('Skriv om protokollet så att det inte framgår att Gunnel är moderat.')).toEqual(['politics']);
    expect(found('Fatima började i måndags och hon har en hörselnedsättning, så vi pratar en i taget.')).toEqual(['health']);
  });

  it('general questions about the law', () => {
    expect(found('Vad innebär det att en dom har vunnit laga kraft? Kan den dömde överklaga efter tre veckor?')).toEqual([]);
    expect(found('När får Polisen ta DNA-prov från en misstänkt? Vad händer med proverna om den misstänkte frikänns?')).toEqual([]);
  });

  it('home care is a social-services matter of the person who gets it, not of the people who work there', () => {
    expect(found('Astrid Holm, 103 år, behöver utökad hemtjänst efter fallet.')).toEqual(['social-services']);
    expect(found('Min chef på hemtjänsten norr vill ha ett nytt schema för helgerna.')).toEqual([]);
  });
});
