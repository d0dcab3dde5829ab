/**
 * Marking vs mention as a verdict with three outcomes (docs/RULES.md, "Markings:
 * three verdicts"): every position where a marking applies to the prompt's text
 * is blocked and says where it stood; every mention cue gives no finding; a
 * conflict asks the employee (a warning, rule classified.possible-marking).
 */
import { describe, expect, it } from 'vitest';
import { scan } from '../../lib/scan';
import { REFERENCE_DATE } from './helpers';

const BODY =
  'Ledningsplatsen flyttas till bergrummet under vattentornet vecka 12. Reservkraften provas varje tisdag och nycklarna finns hos räddningschefen i beredskap.';

const classified = (text: string) =>
  scan(text, { referenceDate: REFERENCE_DATE }).findings.filter((f) => f.category === 'classified');
const verdict = (text: string) => scan(text, { referenceDate: REFERENCE_DATE }).decision;

function expectMarking(text: string, term: string, where?: string) {
  const found = classified(text);
  expect(
    found.map((f) => f.text),
    JSON.stringify(text),
  ).toContain(term);
  const f = found.find((x) => x.text === term)!;
  expect(f.rule, text).not.toBe('classified.possible-marking');
  if (where) expect(f.where, text).toBe(where);
  expect(verdict(text), text).toBe('block');
}

function expectUnsure(text: string) {
  const found = classified(text);
  expect(found.length, JSON.stringify(text)).toBeGreaterThan(0);
  expect(found.every((f) => f.rule === 'classified.possible-marking'), JSON.stringify(found)).toBe(true);
  expect(found.every((f) => f.action === 'warn')).toBe(true);
  expect(verdict(text), text).toBe('warn');
}

function expectMention(text: string) {
  expect(
    classified(text).map((f) => `${f.rule} ${f.text}`),
    JSON.stringify(text),
  ).toEqual([]);
}

describe('marking → block, wherever it stands', () => {
  it('alone on a line, as a header or a footer', () => {
    expectMarking(`BEGRÄNSAT HEMLIG\n${BODY}`, 'BEGRÄNSAT HEMLIG');
    expectMarking(`${BODY}\n\nKONFIDENTIELL`, 'KONFIDENTIELL');
  });

  it('in a field', () => {
    expectMarking(`Klassificering: HEMLIG\n${BODY}`, 'HEMLIG');
    expectMarking(`Classification: NATO SECRET\n${BODY}`, 'NATO SECRET');
    expectMarking(`2024-04-11 INFO export doc=KBV-1 classification=BEGRÄNSAT_HEMLIG body="${BODY}"`, 'BEGRÄNSAT_HEMLIG', 'field');
  });

  it('in a table cell or a CSV column under a classification header, title case too', () => {
    const table = `Dnr | Titel | Klassificering\nFM-1 | Beredskapsplan | Hemlig\nFM-2 | Förrådslista | Begränsat hemlig\nFM-3 | Sambandsplan | Konfidentiell`;
    expectMarking(table, 'Hemlig', 'table-cell');
    expectMarking(table, 'Begränsat hemlig', 'table-cell');
    expectMarking(`ärende,klassificering,beskrivning\nINC-1,KONFIDENTIELL,"Intrångsförsök mot radarstationen"`, 'KONFIDENTIELL');
  });

  it('in an e-mail subject line, whatever follows it', () => {
    expectMarking(`Ämne: VB: Konfidentiell - utkast säkerhetsskyddsanalys\n\n${BODY}`, 'Konfidentiell', 'subject');
    expectMarking(`Subject: RE: hemlig lägesbild inför mötet\n\n${BODY}`, 'hemlig', 'subject');
  });

  it('in a title', () => {
    expectMarking(`Minnesanteckningar (KONFIDENTIELL)\n${BODY}`, 'KONFIDENTIELL', 'title');
    expectMarking(`KONFIDENTIELL PM: Personalsäkerhetsutredning\n\n${BODY}`, 'KONFIDENTIELL');
  });

  it('on the same line as the instruction', () => {
    expectMarking(`BEGRÄNSAT HEMLIG – gör en sammanfattning av detta: ${BODY}`, 'BEGRÄNSAT HEMLIG');
    expectMarking(`Översätt detta, det är KONFIDENTIELLT: ${BODY}`, 'KONFIDENTIELLT', 'statement');
  });

  it('in a sentence saying that the pasted material carries it', () => {
    expectMarking(`Bilagan är stämplad HEMLIG men jag behöver bara språkgranskning:\n\n${BODY}`, 'HEMLIG', 'statement');
    expectMarking(`Please summarise, the attached memo is classified NATO CONFIDENTIAL.\n\n${BODY}`, 'NATO CONFIDENTIAL');
    expectMarking(`handlingen är hemlig enligt 15 kap 2 § osl men jag behöver hjälp med stavningen:\n\n${BODY}`, 'hemlig enligt 15 kap 2 § osl');
    expectMarking(
      `Uppgifterna omfattas av sekretess enligt 19 kap. 3 § OSL till dess att tilldelningsbeslut har fattats.\n\n${BODY}`,
      'sekretess enligt 19 kap. 3 § OSL',
    );
    expectMarking(`Journalanteckningen nedan är sekretessbelagd, gör den mer strukturerad:\n\n${BODY}`, 'sekretessbelagd', 'statement');
  });

  it('as a whole stamp standing as a sentence of its own at the end of a note', () => {
    expectMarking(`Skriv om: 'Fick samtal från dottern, hon nås på 070-125 75 56. Sekretess enligt 26 kap. 1 § OSL.'`, 'Sekretess enligt 26 kap. 1 § OSL', 'stamp');
  });

  it('in lower-case stamps', () => {
    expectMarking(`sekretess enl. 25 kap 1 § osl\n${BODY}`, 'sekretess enl. 25 kap 1 § osl', 'stamp');
    expectMarking(`Skatteverket – Sekretess enligt 27 kap. 1 § OSL\n${BODY}`, 'Sekretess enligt 27 kap. 1 § OSL', 'stamp');
  });

  it('letter-spaced from a PDF, misread by OCR', () => {
    expectMarking(`K O N F I D E N T I E L L T\n${BODY}`, 'K O N F I D E N T I E L L T', 'letter-spaced');
    expectMarking(`H E M L I G\n\n${BODY}`, 'H E M L I G', 'letter-spaced');
    expectMarking(`HEMI.IG\nFörsvarsrnakten   Exernplar 2 av 4\n${BODY}`, 'HEMI.IG', 'header');
  });

  it('after an emoji or a symbol', () => {
    expectMarking(`🔒 BEGRÄNSAT HEMLIG\n${BODY}`, 'BEGRÄNSAT HEMLIG');
    expectMarking(`🔴 HEMLIG 🔴\n${BODY}`, 'HEMLIG');
    expectMarking(`■ RESTREINT UE\n${BODY}`, 'RESTREINT UE');
  });

  it('in a CSV column headed "Sekretess", as a level with an OSL reference or a secrecy stamp', () => {
    const csv = `Ärende;Rubrik;Sekretess\nKS 2025/0211;Säkerhetsskyddsanalys;HEMLIG enl. 15 kap. 2 § OSL\nKS 2025/0230;Passerplan;Sekretess 18 kap. 8 § OSL\nKS 2025/0233;Hundrastgård;–`;
    expectMarking(csv, 'HEMLIG enl. 15 kap. 2 § OSL');
    expectMarking(csv, 'Sekretess 18 kap. 8 § OSL', 'table-cell');
  });

  it('misread by OCR in the reference too ("enI. 15:2 0SL")', () => {
    expect(classified(`HEMLIG enI. 15:2 0SL\nRapp0rt fran sambandsövning\n${BODY}`).map((f) => f.text)).toEqual(['HEMLIG enI. 15:2 0SL']);
  });

  it('abbreviated in a statement: "pm:et är BH-klassat"', () => {
    expectMarking(`pm:et är BH-klassat så jag klistrar bara in inledningen:\n\n"${BODY}"`, 'BH-klassat', 'statement');
  });

  it('in an English sentence saying where the paragraph comes from', () => {
    expectMarking(`Help me reword this paragraph. For context it's from a document marked BEGRÄNSAT HEMLIG on our side:\n\n"${BODY}"`, 'BEGRÄNSAT HEMLIG');
  });

  it('at the start of a quoted document', () => {
    expectMarking(`Skriv om följande text:\n"BEGRÄNSAT HEMLIG. ${BODY}"`, 'BEGRÄNSAT HEMLIG');
  });
});

describe('unsure → warn: the employee is asked', () => {
  it('a level in capitals in a file name whose content is pasted', () => {
    expectUnsure(`Bifogar Lagesbild_v12_HEMLIG.docx – texten nedan, sammanfatta:\n\n${BODY}`);
  });

  it('a level in title case or lower case alone on the first line', () => {
    expectUnsure(`hemlig\nförsvarsmakten / p 4\n${BODY}`);
    expectUnsure(`Hemlig/Secret · FMV · Projekt 7011\n${BODY}`);
  });

  it('a statement about the material phrased as a question, in capitals', () => {
    expectUnsure(`Är bilagan verkligen HEMLIG?\n\n${BODY}`);
  });
});

describe('mention → allow', () => {
  it('a question about what a level means or how such documents are handled', () => {
    expectMention('Vad innebär säkerhetsskyddsklassen KONFIDENTIELL?');
    expectMention('Hur hanterar man en handling med sekretessmarkering?');
    expectMention('What does the marking RESTREINT UE/EU RESTRICTED mean');
    expectMention('Gäller sekretess enligt 26 kap. 1 § OSL även för uppgifter i en orosanmälan?');
  });

  it('a list of levels: training, a dropdown, a policy', () => {
    expectMention('Nivåerna är:\nKVALIFICERAT HEMLIG\nHEMLIG\nKONFIDENTIELL\nBEGRÄNSAT HEMLIG');
    expectMention('- HEMLIG\n- KONFIDENTIELL');
    expectMention('[ ] HEMLIG\n[ ] KONFIDENTIELL\nÖppen');
    expectMention('Välj klass i rullistan: HEMLIG eller KONFIDENTIELL.');
  });

  it('a negation', () => {
    expectMention(`Handlingen är inte hemlig, så du kan sammanfatta den:\n\n${BODY}`);
    expectMention(`Klassificering: Öppen\n${BODY}`);
    expectMention(`AVKLASSIFICERAD 2019-05-02 (tidigare HEMLIG)\n${BODY}`);
  });

  it('a condition, a rule, a definition', () => {
    expectMention('Om uppgifterna omfattas av sekretess enligt 26 kap. 1 § OSL måste vi pröva det.');
    expectMention('Dokument som är märkta HEMLIG får bara hanteras i godkända system.');
    expectMention('HEMLIG är den näst högsta säkerhetsskyddsklassen.');
    expectMention('Sekretess enligt 25 kap. 1 § OSL gäller inom hälso- och sjukvården för uppgift om en enskilds hälsotillstånd.');
  });

  it('an example', () => {
    expectMention('Exempel på märkning:\n\nHEMLIG\n\nSå här ska rubriken se ut.');
    expectMention('Märk t.ex. "Sekretess enligt 26 kap. 1 § OSL" i sidhuvudet.');
    expectMention('Elevens svar: C) BEGRÄNSAT HEMLIG\nÄr svaret rätt?');
  });

  it('news about a document that does not include its content', () => {
    expectMention('En rapport märkt HEMLIG från FRA har enligt uppgifter läckt till pressen.');
    expectMention('Skriv en novell där en tjänsteman hittar en mapp stämplad KVALIFICERAT HEMLIG på tåget.');
  });

  it('a level named in prose, in code or before an ordinary noun', () => {
    expectMention('Vi har inget IT-system som är godkänt för HEMLIG.');
    expectMention('Hur registrerar jag en KONFIDENTIELL handling som kommit in per post?');
    expectMention('assert render_header(doc) == "SECRET"\ndoc = Document(classification=Classification.SECRET)');
    expectMention('HEMLIG SÅS – mormors recept\nTill personalfesten på fredag vill jag ha en enkel sås.');
    expectMention('class Sakerhetsskyddsklass(Enum):\n    BEGRANSAT_HEMLIG = 1\n    KONFIDENTIELL = 2\n    HEMLIG = 3\n\nHur lägger jag till en nivå?');
    expectMention("export enum Klassificering {\n  OPPEN = 'OPPEN',\n}\nconst niva: Klassificering = 'HEMLIG'; // error TS2322");
    expectMention('Den här är publicerad i Public 360 och är inte sekretessmarkerad.');
  });

  it('ordinary adjectives', () => {
    expectMention('Mormors hemliga recept på kanelbullar, kan du skala upp det till 40 personer?');
    expectMention('We are planning a TOP SECRET surprise party for Kerstin who retires on Friday.');
    expectMention('Secret Santa: ideas for gifts under 200 kronor?');
    expectMention('Det är hemligt vem som vinner tävlingen.');
  });
});
