/**
 * "Mask and send" that cannot leak: every written form of a masked number goes,
 * and the masked text is checked again with the full engine.
 */
import { describe, expect, it } from 'vitest';
import { identifiersToMask } from '../../lib/redaction/identifiers';
import { maskPrompt, otherForms } from '../../lib/redaction/mask-prompt';
import { PlaceholderBook } from '../../lib/redaction/placeholders';
import { scan } from '../../lib/scan';
import type { ScanResult } from '../../lib/types';
import { identityNumber as make, REFERENCE_DATE } from './helpers';

/** maskPrompt with the names and addresses beside the findings, as the background finds them for the page. */
function maskWithNames(text: string, result: ScanResult, book: PlaceholderBook, rescan: (t: string) => ScanResult): ReturnType<typeof maskPrompt> {
  return maskPrompt(text, result, book, rescan, identifiersToMask(text, result.findings.length > 0, book.personNames()));
}

const N = make('640823', '417');
const rescan = (t: string) => scan(t, { referenceDate: REFERENCE_DATE });

describe('maskPrompt', () => {
  it('masks a number written in two forms in both', () => {
    const text = `Beslut om ${N.slice(0, 6)}-${N.slice(6)}, se bilagan Beslut_19${N}.pdf`;
    const out = maskWithNames(text, rescan(text), new PlaceholderBook('sv'), rescan);
    expect(out.ok).toBe(true);
    expect(out.text).not.toMatch(new RegExp(N.slice(0, 6)));
    expect(out.text).toBe('Beslut om [PERSONNUMMER 1], se bilagan Beslut_[PERSONNUMMER 1].pdf');
  });

  it('masks a second form the detector would not report on its own (digits glued to letters)', () => {
    const text = `Pnr ${N.slice(0, 6)}-${N.slice(6)}. Fil: arende${N}x.txt`;
    const out = maskWithNames(text, rescan(text), new PlaceholderBook('sv'), rescan);
    expect(out.ok).toBe(true);
    expect(out.text.replace(/\D/g, '')).not.toContain(N);
  });

  it('refuses, sending nothing, when the re-scan still finds something that interrupts', () => {
    const text = `Personnummer ${N.slice(0, 6)}-${N.slice(6)}`;
    const partial: ScanResult = { decision: 'block', findings: [] }; // a result that misses the number
    const out = maskWithNames(text, partial, new PlaceholderBook('sv'), rescan);
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.reason).toBe('finding-left');
      expect(out.left.map((f) => f.category)).toEqual(['personnummer']);
    }
  });

  it('masks a dotted form that the engine cannot see, found by its digits', () => {
    const text = `${N.slice(0, 6)}-${N.slice(6)} och ${N.split('').join('.')}`;
    const result = rescan(text);
    const blind = () => ({ decision: 'allow' as const, findings: [] });
    const out = maskWithNames(text, { ...result, findings: result.findings.slice(0, 1) }, new PlaceholderBook('sv'), blind);
    expect(out.ok).toBe(true);
    expect(out.text).toBe('[PERSONNUMMER 1] och [PERSONNUMMER 1]');
  });

  it('refuses when the digits of a masked number are still there after masking', () => {
    const text = `Pnr ${N.slice(0, 6)}-${N.slice(6)}`;
    // A placeholder source that fails (writes the value back): the digit check is the last line of defence.
    const leaky = { placeholderFor: (_c: string, value: string) => value, personNames: () => [] } as unknown as PlaceholderBook;
    const blind = () => ({ decision: 'allow' as const, findings: [] });
    const out = maskWithNames(text, rescan(text), leaky, blind);
    expect(out).toMatchObject({ ok: false, reason: 'digits-left' });
  });

  it('leaves a clean text unchanged', () => {
    const text = 'Sammanfatta mötet i tre punkter.';
    const out = maskWithNames(text, rescan(text), new PlaceholderBook('sv'), rescan);
    expect(out).toEqual({ ok: true, text, replacements: [] });
  });
});

describe('maskPrompt: the names, initials and addresses of the people in the text', () => {
  const P = `${N.slice(0, 6)}-${N.slice(6)}`;
  const Q = `${make('811230', '415')}`.replace(/^(\d{6})/, '$1-');
  const mask = (text: string, book = new PlaceholderBook('sv')) => {
    const out = maskWithNames(text, rescan(text), book, rescan);
    expect(out.ok, out.text).toBe(true);
    return out.text;
  };

  it('masks the name beside the number (the issue: "Kalle Andersson [PERSONNUMMER 1]")', () => {
    expect(mask(`Skriv ett avslag till Per Nilsson ${P} om parkeringstillstånd`)).toBe(
      'Skriv ett avslag till [PERSON 1] [PERSONNUMMER 1] om parkeringstillstånd',
    );
    expect(mask(`Sammanfatta ärendet:\nSökande: Per Nilsson ${P}\nBeslut: avslag`)).toBe(
      'Sammanfatta ärendet:\nSökande: [PERSON 1] [PERSONNUMMER 1]\nBeslut: avslag',
    );
  });

  it('case note: the client named in full and by given name is one person; address, e-mail and phone go too', () => {
    const text = [
      'Journalanteckning 2024-03-12',
      `Klient: Kalle Andersson, ${P}`,
      'Adress: Storgatan 12, 123 45 Malmö',
      'Kalle har skyddad identitet och bor tillfälligt hos sin syster. Kalle uppger att han mår dåligt.',
      'Kontakt: kalle.andersson@gmail.com, 070-123 45 67',
      'Handläggare: Anna-Karin Lindqvist',
    ].join('\n');
    expect(mask(text)).toBe(
      [
        'Journalanteckning 2024-03-12',
        'Klient: [PERSON 1], [PERSONNUMMER 1]',
        'Adress: [ADRESS 1]',
        '[PERSON 1] har [SKYDDAD IDENTITET 1] och bor tillfälligt hos sin syster. [PERSON 1] uppger att han mår dåligt.',
        'Kontakt: [E-POST 1], [TELEFON 1]',
        'Handläggare: [PERSON 2]',
      ].join('\n'),
    );
  });

  it('e-mail from a school: greeting, initials, guardian and signature', () => {
    const text =
      'Hej Lena!\n\nEleven A.B. i 7B har enligt skolsköterskan diagnosen ADHD och behöver anpassningar. ' +
      'Vårdnadshavare är Maria Svensson, tel 070-987 65 43.\n\nMvh\nJohan';
    const masked = mask(text);
    expect(masked).toMatch(/^Hej \[PERSON 1\]!\n\nEleven \[PERSON 2\] i 7B har enligt skolsköterskan /);
    expect(masked).toMatch(/Vårdnadshavare är \[PERSON 3\], tel \[TELEFON 1\]\.\n\nMvh\n\[PERSON 4\]$/);
    for (const value of ['Lena', 'A.B.', 'Maria', 'Svensson', 'Johan']) expect(masked).not.toContain(value);
  });

  it('decision: hyphenated name, its genitive, a flat number and a post box; the sentence still reads', () => {
    const text =
      `Formulera ett beslut: Anna-Lena Larsson (${Q}) bor på Lilla Nygatan 5, lgh 1102, 211 38 Malmö. ` +
      'Anna-Lenas ansökan om hemtjänst beviljas. Beslutet skickas till Box 123, 201 20 Malmö.';
    expect(mask(text)).toBe(
      'Formulera ett beslut: [PERSON 1] ([PERSONNUMMER 1]) bor på [ADRESS 1]. ' +
        '[PERSON 1]s ansökan om hemtjänst beviljas. Beslutet skickas till [ADRESS 2].',
    );
  });

  it('ambiguous given names: "Bo Ek" and a later "Bo" are one person, "Hans fru" is not Hans', () => {
    expect(mask(`Sammanfatta: Bo Ek, ${P}, är sjukskriven. Bo har varit borta sedan mars.`)).toMatch(
      /^Sammanfatta: \[PERSON 1\], \[PERSONNUMMER 1\], .*\. \[PERSON 1\] har varit borta sedan mars\.$/,
    );
    expect(mask(`Hans Andersson ${P} har diabetes. Hans fru Aila Kuoljok är kontaktperson.`)).toBe(
      '[PERSON 1] [PERSONNUMMER 1] har [HÄLSOUPPGIFT 1]. Hans fru [PERSON 2] är kontaktperson.',
    );
  });

  it('leaves look-alikes: "Per capita", "Malmö stad", an agency, a street without a number', () => {
    const text = `Per capita har kostnaderna ökat i Malmö stad, och Försäkringskassan har frågat om Storgatan. Per Nilsson ${P} ansöker om bostadstillägg.`;
    expect(mask(text)).toBe(
      'Per capita har kostnaderna ökat i Malmö stad, och Försäkringskassan har frågat om Storgatan. [PERSON 1] [PERSONNUMMER 1] ansöker om bostadstillägg.',
    );
  });

  it('an address is an identifier whatever the text is about', () => {
    expect(mask(`Kund ${P} klagar på butiken på Kungsgatan 12.`)).toBe('Kund [PERSONNUMMER 1] klagar på butiken på [ADRESS 1].');
  });

  it('keeps placeholders stable over a conversation: a later "Per" is still Per Nilsson, new people get new numbers', () => {
    const book = new PlaceholderBook('en');
    expect(mask(`Per Nilsson ${P} har ansökt om ekonomiskt bistånd.`, book)).toBe('[PERSON 1] [PERSONAL ID NUMBER 1] har ansökt om [SOCIAL SERVICES DATA 1].');
    expect(mask(`Per har nu kompletterat. Medsökande är Anna Berg ${Q}, Storgatan 12.`, book)).toBe(
      '[PERSON 1] har nu kompletterat. Medsökande är [PERSON 2] [PERSONAL ID NUMBER 2], [ADDRESS 1].',
    );
    expect(mask(`Skriv ett brev till Per och Anna Berg om ${P}.`, book)).toBe('Skriv ett brev till [PERSON 1] och [PERSON 2] om [PERSONAL ID NUMBER 1].');
  });

  it('masks names only when there is a finding to mask', () => {
    const text = 'Per Nilsson bor på Storgatan 12.';
    expect(maskWithNames(text, rescan(text), new PlaceholderBook('sv'), rescan)).toEqual({ ok: true, text, replacements: [] });
  });

  it('a name inside a finding goes with the finding', () => {
    const text = `Anna Berg ${P}`;
    const result = rescan(text);
    const out = maskWithNames(text, { ...result, findings: [{ ...result.findings[0]!, start: 0, end: text.length }] }, new PlaceholderBook('sv'), rescan);
    expect(out.text).toBe('[PERSONNUMMER 1]');
  });
});

describe('otherForms', () => {
  it('finds the 10- and 12-digit forms with any separator, but not digits split by letters', () => {
    const cores = new Set([N]);
    const spans = (t: string) => otherForms(t, cores).map((s) => t.slice(s.start, s.end));
    expect(spans(`a ${N} b 19${N.slice(0, 6)} ${N.slice(6)} c`)).toEqual([N, `19${N.slice(0, 6)} ${N.slice(6)}`]);
    expect(spans(`${N.slice(0, 6)}&ndash;${N.slice(6)}`)).toEqual([`${N.slice(0, 6)}&ndash;${N.slice(6)}`]);
    expect(spans(`${N.slice(0, 5)} kr och ${N.slice(5)} st`)).toEqual([]);
  });
});
