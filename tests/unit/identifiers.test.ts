/**
 * Names, initials and addresses that "mask and send" masks next to the
 * findings (lib/redaction/identifiers.ts).
 */
import { describe, expect, it } from 'vitest';
import { addressSpans, identifierSpans } from '../../lib/redaction/identifiers';

/** The masked values of `text`, as "person:Per Nilsson", "address:Storgatan 12". */
const spans = (text: string, knownNames?: string[]) =>
  identifierSpans(text, knownNames ? { knownNames } : {}).map((s) => `${s.category}:${text.slice(s.start, s.end)}${s.refersTo ? ` → ${s.refersTo}` : ''}`);
const people = (text: string) => spans(text).filter((s) => s.startsWith('person:')).map((s) => s.slice(7));
const addresses = (text: string) => addressSpans(text).map((s) => text.slice(s.start, s.end));

describe('identifierSpans: full names', () => {
  it('finds a given name with a surname, hyphenated names and ambiguous given names with a surname', () => {
    expect(people('Skriv ett avslag till Per Nilsson om parkeringstillstånd')).toEqual(['Per Nilsson']);
    expect(people('Aila Kuoljok har ansökt om bostadsanpassning.')).toEqual(['Aila Kuoljok']);
    expect(people('Handläggare: Anna-Karin Lindqvist, enheten för försörjningsstöd')).toEqual(['Anna-Karin Lindqvist']);
    expect(people('Mötet leddes av Bo Ek och Hans Andersson.')).toEqual(['Bo Ek', 'Hans Andersson']);
    expect(people('Anna-Lena Larsson är inskriven sedan mars.')).toEqual(['Anna-Lena Larsson']);
    expect(people('Beslutet gäller Anna Maria Berg Lindqvist.')).toEqual(['Anna Maria Berg Lindqvist']);
    expect(people('Sökande Ngozi Andersson har inkommit med intyg.')).toEqual(['Ngozi Andersson']);
  });

  it('keeps the genitive "s" outside the name', () => {
    expect(spans('Per Nilssons ansökan om bostadstillägg')).toEqual(['person:Per Nilsson']);
    expect(spans('Lenas mamma ringde i morse.')).toEqual(['person:Lena']);
  });

  it('leaves words that only look like names', () => {
    for (const text of [
      'Per capita räknat har kostnaderna ökat.',
      'Malmö stad och Försäkringskassan har samverkat sedan maj.',
      'Per Capita Och Andra Mått',
      'Anmälan enligt lex Maria och lex Sarah ska göras skyndsamt.',
      'Logga in med Freja eID eller BankID.',
      'Hans bil stod parkerad på Storgatan hela dagen.',
      'I juni och juli är kontoret stängt på fredagar.',
      'Sankt Eriks ögonsjukhus ligger nära S:t Görans sjukhus.',
    ]) {
      expect(people(text), text).toEqual([]);
    }
  });
});

describe('identifierSpans: given names on their own', () => {
  it('masks a given name that the sentence makes a person', () => {
    expect(people('Lena är sjukskriven sedan två veckor.')).toEqual(['Lena']);
    expect(people('Underlag från patienten Gösta och hans dotter.')).toEqual(['Gösta']);
    expect(people('Hej Lena!\nTack för senast.')).toEqual(['Lena']);
    expect(people('Mvh\nKarin')).toEqual(['Karin']);
    expect(people('Elev: Noah\nKlass: 7B')).toEqual(['Noah']);
    expect(people('Vi har fått en anmälan om Elsa, 7 år, i förskolan.')).toEqual(['Elsa']);
    expect(people('Igår fick Ahmed beskedet om avslag.')).toEqual(['Ahmed']);
    expect(people('Lena och Kalle har båda fått avslag.')).toEqual(['Lena', 'Kalle']);
  });

  it('leaves a given name with no person context, and ambiguous names without a surname', () => {
    expect(people('Tema Linnea – en utställning om blommor.')).toEqual([]);
    expect(people('Per telefon eller brev.')).toEqual([]);
    expect(people('Bo kvar i lägenheten under utredningen.')).toEqual([]);
  });

  it('gives a lone given name or surname the full name it stands for', () => {
    expect(spans('Per Nilsson har överklagat. Per anser att beslutet är fel.')).toEqual(['person:Per Nilsson', 'person:Per → Per Nilsson']);
    expect(spans('Kalle Andersson nekar. Enligt Andersson var han hemma.')).toEqual(['person:Kalle Andersson', 'person:Andersson → Kalle Andersson']);
    // Named in an earlier message of the conversation.
    expect(spans('Per har nu kompletterat.', ['Per Nilsson'])).toEqual(['person:Per → Per Nilsson']);
    // An ambiguous word is not a name just because a person has it as a given name.
    expect(spans('Per Nilsson betalar 300 kr per capita.')).toEqual(['person:Per Nilsson']);
  });

  it('masks a given name everywhere once the text makes it a person, and names listed with a person', () => {
    expect(people('Lena är sjukskriven. Jag pratade med Lena igår.')).toEqual(['Lena', 'Lena']);
    expect(people('Deltagare: Anna, Lena och Noah')).toEqual(['Anna', 'Lena', 'Noah']);
    expect(spans('Skriv till Per och Anna Berg.', ['Per Nilsson'])).toEqual(['person:Per → Per Nilsson', 'person:Anna Berg']);
    // Masked on its own in an earlier message of the conversation.
    expect(people('Jag pratade med Lena igår.')).toEqual([]);
    expect(spans('Jag pratade med Lena igår.', ['Lena'])).toEqual(['person:Lena']);
  });

  it('reads registers and wrapped text: "Johansson, Mikael", a name broken over two lines, a signature "/Lena"', () => {
    expect(spans('Klient: Johansson, Mikael   Pnr 870108')).toEqual(['person:Johansson, Mikael → Mikael Johansson']);
    expect(people('Elev: Hugo\nLindahl, personnummer saknas')).toEqual(['Hugo\nLindahl']);
    expect(people('Tack för hjälpen!\n/Lena')).toEqual(['Lena']);
    expect(people('Se https://example.se/Lena/bilder')).toEqual([]);
  });

  it('masks a surname after a title', () => {
    expect(people('Remiss från Dr Lindqvist och överläkare Berg.')).toEqual(['Lindqvist', 'Berg']);
  });
});

describe('identifierSpans: initials', () => {
  it('masks initials, not abbreviations', () => {
    expect(people('A.B. har enligt K. M. uteblivit från tre möten.')).toEqual(['A.B.', 'K. M.']);
    expect(people('P.S. Glöm inte t.ex. bilagan.')).toEqual([]);
  });
});

describe('addressSpans', () => {
  it('finds streets with a number, postcodes with a town and post boxes', () => {
    expect(addresses('Hon bor på Storgatan 12 i Lund.')).toEqual(['Storgatan 12']);
    expect(addresses('Adress: Lilla Nygatan 5, lgh 1102, 123 45 Malmö')).toEqual(['Lilla Nygatan 5, lgh 1102, 123 45 Malmö']);
    expect(addresses('Vägen 3 B är rivningshotad.')).toEqual(['Vägen 3 B']);
    expect(addresses('Skicka till Box 123\n851 02 Sundsvall')).toEqual(['Box 123\n851 02 Sundsvall']);
    expect(addresses('Karl Johans väg 3, Upplands Väsby')).toEqual(['Karl Johans väg 3']);
    expect(addresses('Besöksadress S:t Eriksgatan 117, 2 tr')).toEqual(['S:t Eriksgatan 117, 2 tr']);
    expect(addresses('Post till 194 33 Upplands Väsby')).toEqual(['194 33 Upplands Väsby']);
  });

  it('leaves streets without a number, towns on their own and distances', () => {
    expect(addresses('Storgatan är avstängd, och Malmö stad informerar.')).toEqual([]);
    expect(addresses('Motorvägen 3 km norr om Lund är avstängd.')).toEqual([]);
    expect(addresses('Summa 123 45 Kronor')).toEqual([]);
  });

  it('is linear: a long text of near-misses is read quickly', () => {
    const text = ['Storgatan Per Anna Lena A. B 123 ', 'Per '.repeat(5000), 'Berg '.repeat(5000), 'Lena och '.repeat(5000), 'Aa'.repeat(5000)].join('').repeat(4);
    const t0 = performance.now();
    identifierSpans(text);
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});
