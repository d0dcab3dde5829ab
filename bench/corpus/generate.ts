/**
 * Writes the realistic bench corpus (bench/corpus/*.txt; README.md there):
 *
 *   npx tsx bench/corpus/generate.ts
 *
 * Long Swedish public-administration documents — reports, guidance, a supervisory decision,
 * minutes, procurement documents, an annual report and one ~1 MB inquiry — put together from the
 * hand-written prose in prose.ts with a seeded generator, so the files are the same on every run.
 * They have what such documents have when an employee pastes them into an AI tool: long
 * paragraphs, numbered headings, footnotes, bullet and numbered lists, pipe and tab tables with
 * amounts and dates, § references, SFS numbers, diarienummer, en dashes, ” ” quotes and
 * abbreviations; and, spread thin, a few things Promptvakt reports: Skatteverket's official test
 * personnummer, a phone number from PTS's range for fiction (070-174 06 05 – 070-174 06 99),
 * functional e-mail addresses under exempel.se, one "Sekretessbelagd enligt …" marking, a
 * fictitious sick-leave example, and party labels beside names in minutes. Every person is
 * fictitious (Skatteverket's example names).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { prng } from '../swedish-text';
import { FOOTNOTES, HEADINGS, LIST_ITEMS, LIST_LEADS, OPENERS, PEOPLE, SENTENCES, SLOTS, TABLE_CAPTIONS, TAILS, type Theme } from './prose';

class Writer {
  private readonly random: () => number;
  /** Shuffle bags: every sentence of a theme is used once before any is used again. */
  private readonly bags = new Map<string, string[]>();
  private footnote = 0;
  readonly pendingNotes: string[] = [];
  chapter = 0;
  section = 0;
  table = 0;

  constructor(seed: number) {
    this.random = prng(seed);
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }

  draw(key: string, list: readonly string[]): string {
    let bag = this.bags.get(key);
    if (!bag || bag.length === 0) {
      bag = [...list];
      for (let i = bag.length - 1; i > 0; i--) {
        const j = Math.floor(this.random() * (i + 1));
        [bag[i], bag[j]] = [bag[j]!, bag[i]!];
      }
      this.bags.set(key, bag);
    }
    return bag.pop()!;
  }

  /** A whole number written the Swedish way: 1 245 300 (a space, sometimes a no-break space as Word writes it). */
  grouped(n: number): string {
    const sep = this.chance(0.2) ? '\u00a0' : ' ';
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  }

  amount(): string {
    switch (this.int(0, 5)) {
      case 0:
        return `${this.grouped(this.int(2, 900) * 100)} kr`;
      case 1:
        return `${this.grouped(this.int(10, 9_000) * 1_000)} kronor`;
      case 2:
        return `${this.int(1, 98)},${this.int(1, 9)} miljoner kronor`;
      case 3:
        return `${this.grouped(this.int(100, 90_000))} tkr`;
      case 4:
        return `${this.int(1, 40)},${this.int(0, 9)} mnkr`;
      default:
        return `${this.grouped(this.int(12, 4_000) * 250)} kr`;
    }
  }

  date(iso = this.chance(0.4)): string {
    const year = this.int(2021, 2026);
    const month = this.int(1, 12);
    const day = this.int(1, 28);
    if (iso) return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    return `${day} ${SLOTS.manad![month - 1]} ${year}`;
  }

  dnr(): string {
    const year = this.int(2022, 2026);
    switch (this.int(0, 5)) {
      case 0:
        return `${year}/${String(this.int(1, 2400)).padStart(4, '0')}`;
      case 1:
        return `IMY-${year}-${this.int(100, 9999)}`;
      case 2:
        return `KS ${year}/${this.int(10, 999)}`;
      case 3:
        return `${this.int(1, 9)}.${this.int(1, 9)}.${this.int(1, 9)}-${year}-${String(this.int(1, 99999)).padStart(5, '0')}`;
      case 4:
        return `${this.int(100, 599)}-${this.int(1000, 9999)}-${year}`;
      default:
        return `SN ${year}/${this.int(10, 400)}`;
    }
  }

  percent(): string {
    return this.chance(0.5) ? `${this.int(1, 95)} procent` : `${this.int(0, 60)},${this.int(0, 9)} %`;
  }

  fill(template: string): string {
    return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
      switch (slot) {
        case 'datum':
        case 'datum2':
          return this.date(false);
        case 'ar':
          return String(this.int(2019, 2026));
        case 'ar2':
          return String(this.int(2027, 2030));
        case 'dagar':
          return String(this.int(2, 30));
        case 'antal':
          return String(this.int(3, 90));
        case 'antal2':
          return String(this.int(100, 400));
        case 'belopp':
        case 'belopp2':
          return this.amount();
        case 'procent':
          return this.percent();
        case 'dnr':
          return this.dnr();
        case 'avsnitt':
          return `${this.int(1, 12)}.${this.int(1, 6)}`;
        case 'tabell':
          return `${this.int(1, 12)}.${this.int(1, 4)}`;
        case 'bilaga':
          return String(this.int(1, 6));
        default: {
          const values = SLOTS[slot];
          if (!values) throw new Error(`no slot {${slot}}`);
          return this.pick(values);
        }
      }
    });
  }

  sentence(themes: readonly Theme[]): string {
    // The first theme is the document's main one: about half of the sentences.
    const theme = this.chance(0.5) ? themes[0]! : this.pick(themes);
    let text = this.fill(this.draw(`s:${theme}`, SENTENCES[theme]));
    if (this.chance(0.22)) text = `${this.fill(this.pick(OPENERS))} ${text}`;
    else text = text[0]!.toUpperCase() + text.slice(1);
    if (this.chance(0.18)) text += this.fill(this.pick(TAILS));
    if (this.chance(0.03)) text = text.replace(/ så kallade (\S+)/, ' så kallade ”$1”').replace(/ (\S+ \S+)$/, ' ”$1”');
    text += '.';
    if (this.chance(0.06)) text += this.note();
    return text;
  }

  /** A footnote reference (plain digits after the full stop, as text copied from a PDF has them). */
  note(): string {
    this.footnote++;
    this.pendingNotes.push(`${this.footnote} ${this.pick(FOOTNOTES)}`);
    return String(this.footnote);
  }

  paragraph(themes: readonly Theme[], min = 3, max = 9): string {
    return Array.from({ length: this.int(min, max) }, () => this.sentence(themes)).join(' ');
  }

  list(themes: readonly Theme[]): string {
    const theme = this.pick(themes);
    const items = Array.from({ length: this.int(3, 7) }, () => this.fill(this.draw(`l:${theme}`, LIST_ITEMS[theme])));
    const style = this.int(0, 3);
    const lines = items.map((item, i) =>
      style === 0 ? `– ${item}` : style === 1 ? `• ${item[0]!.toUpperCase()}${item.slice(1)}.` : style === 2 ? `${i + 1}. ${item[0]!.toUpperCase()}${item.slice(1)}.` : `${String.fromCharCode(97 + i)}) ${item},`,
    );
    if (style === 3) lines[lines.length - 1] = lines[lines.length - 1]!.replace(/,$/, '.');
    return `${this.pick(LIST_LEADS)}\n\n${lines.join('\n')}`;
  }

  tableBlock(): string {
    this.table++;
    const caption = this.pick(TABLE_CAPTIONS);
    const years = this.int(2019, 2023);
    const columns = ['', `${years}`, `${years + 1}`, `${years + 2}`, 'Förändring'];
    const rowLabels = [
      'Inkomna ärenden', 'Avgjorda ärenden', 'Handläggningstid (median, dagar)', 'Kostnad (kr)', 'Andel digitala ansökningar', 'Överklagade beslut',
      'Personalkostnader', 'Lokalkostnader', 'Övriga kostnader', 'Intäkter', 'Begäranden om allmän handling', 'Varav avslag', 'Incidenter', 'Antal anbud',
    ];
    const rows = Array.from({ length: this.int(4, 10) }, () => {
      const label = this.draw('table-rows', rowLabels);
      const values = [0, 1, 2].map(() => (label.includes('kr') || label.includes('kostnader') || label === 'Intäkter' ? this.grouped(this.int(12, 9_999) * 500) : label.startsWith('Andel') ? `${this.int(5, 95)},${this.int(0, 9)} %` : this.grouped(this.int(3, 12_000))));
      const change = `${this.chance(0.5) ? '+' : '–'}${this.int(0, 40)},${this.int(0, 9)} %`;
      return [label, ...values, change];
    });
    const title = `Tabell ${this.chapter || 1}.${this.table} ${caption}`;
    const source = `Källa: ${this.pick(['egen bearbetning av uppgifter ur ' + this.pick(SLOTS.system!), 'Kolada', 'ekonomisystemet, utdrag ' + this.date(true), this.pick(SLOTS.myndighet!)])}.`;
    if (this.chance(0.5)) {
      const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
      return [title, '', line(columns), line(columns.map(() => '---')), ...rows.map(line), '', source].join('\n');
    }
    return [title, '', columns.join('\t'), ...rows.map((r) => r.join('\t')), '', source].join('\n');
  }

  notes(): string {
    if (this.pendingNotes.length === 0) return '';
    const text = this.pendingNotes.join('\n');
    this.pendingNotes.length = 0;
    return text;
  }
}

interface Extra {
  /** Where, as a share of the document (0 = start, 1 = end). */
  at: number;
  text: string;
}

interface DocSpec {
  file: string;
  seed: number;
  /** Target size in UTF-8 bytes. */
  bytes: number;
  themes: Theme[];
  header: string[];
  style: 'report' | 'minutes' | 'decision';
  toc?: boolean;
  extras?: Extra[];
  closing?: string[];
}

function headingFor(w: Writer, themes: readonly Theme[]): string {
  const theme = w.pick(themes);
  return w.draw(`h:${theme}`, HEADINGS[theme]);
}

function reportBody(w: Writer, spec: DocSpec): string[] {
  const blocks: string[] = [];
  let size = 0;
  const push = (b: string) => {
    blocks.push(b);
    size += Buffer.byteLength(b, 'utf8') + 2;
  };
  push('Sammanfattning');
  push(w.paragraph(spec.themes, 5, 10));
  push(w.paragraph(spec.themes, 4, 8));
  while (size < spec.bytes * 0.97) {
    w.chapter++;
    w.table = 0;
    push(`${w.chapter} ${headingFor(w, spec.themes)}`);
    push(w.paragraph(spec.themes, 3, 7));
    const sections = w.int(2, 5);
    for (let s = 1; s <= sections && size < spec.bytes * 0.97; s++) {
      push(`${w.chapter}.${s} ${headingFor(w, spec.themes)}`);
      const paragraphs = w.int(2, 6);
      for (let p = 0; p < paragraphs; p++) {
        push(w.paragraph(spec.themes));
        if (w.chance(0.12)) push(w.list(spec.themes));
        if (w.chance(0.07)) push(w.tableBlock());
      }
    }
    const notes = w.notes();
    if (notes) push(notes);
  }
  return blocks;
}

function minutesBody(w: Writer, spec: DocSpec): string[] {
  const blocks: string[] = [];
  let size = 0;
  const push = (b: string) => {
    blocks.push(b);
    size += Buffer.byteLength(b, 'utf8') + 2;
  };
  let paragraph = 38;
  push(`§ ${paragraph++}\nVal av justerare\n\nNämnden utser Karin Karlsson (C) att jämte ordföranden justera protokollet. Justeringen äger rum på socialförvaltningen den ${w.date(false)}.`);
  push(`§ ${paragraph++}\nGodkännande av dagordning\n\nDagordningen godkänns med tillägget att ärende 14 behandlas efter ärende 9.`);
  while (size < spec.bytes * 0.97) {
    const dnr = w.dnr();
    push(`§ ${paragraph++}\n${headingFor(w, spec.themes)}\nDnr ${dnr}`);
    push(`Ärendebeskrivning\n\n${w.paragraph(spec.themes, 4, 9)}`);
    if (w.chance(0.5)) push(w.paragraph(spec.themes, 3, 7));
    push(`Beslutsunderlag\n\n${Array.from({ length: w.int(1, 4) }, () => `– ${w.pick(['Tjänsteskrivelse', 'Yttrande', 'Protokollsutdrag', 'Rapport', 'Promemoria'])} ${w.date(true)}`).join('\n')}`);
    if (w.chance(0.2)) push(w.tableBlock());
    if (w.chance(0.15)) push(w.list(spec.themes));
    push(`Förvaltningens förslag till beslut\n\n${w.paragraph(spec.themes, 1, 3)}`);
    if (w.chance(0.3)) push(`Yrkanden\n\n${w.pick(PEOPLE)} (${w.pick(['S', 'M', 'C', 'L', 'KD', 'V', 'MP', 'SD'])}) yrkar bifall till förvaltningens förslag. ${w.pick(PEOPLE)} (${w.pick(['S', 'M', 'C', 'V', 'SD'])}) yrkar att ärendet återremitteras för ytterligare beredning.\n\nOrdföranden ställer proposition på yrkandena och finner att nämnden beslutar enligt förvaltningens förslag.`);
    push(`Beslut\n\n${w.paragraph(spec.themes, 1, 2)}\n\nExpedieras: ${w.pick(SLOTS.enhet!)}, ${w.pick(SLOTS.funktion!)}`);
  }
  return blocks;
}

function decisionBody(w: Writer, spec: DocSpec): string[] {
  const blocks: string[] = [];
  let size = 0;
  const push = (b: string) => {
    blocks.push(b);
    size += Buffer.byteLength(b, 'utf8') + 2;
  };
  push('Integritetsskyddsmyndighetens beslut');
  push(`Integritetsskyddsmyndigheten (IMY) konstaterar att ${w.pick(SLOTS.kommun!)} har behandlat personuppgifter i strid med artikel 5.1 f och artikel 32.1 i dataskyddsförordningen genom att under perioden ${w.date(false)} till ${w.date(false)} inte ha vidtagit lämpliga tekniska och organisatoriska åtgärder för att säkerställa en säkerhetsnivå som är lämplig i förhållande till risken.`);
  push(`IMY beslutar med stöd av artiklarna 58.2 och 83 i dataskyddsförordningen att kommunen ska betala en administrativ sanktionsavgift på ${w.grouped(w.int(2, 90) * 50_000)} kronor.`);
  const parts = ['Redogörelse för tillsynsärendet', 'Tillämpliga bestämmelser', 'Motivering av beslutet', 'Val av ingripande', 'Bestämmande av sanktionsavgiftens storlek'];
  let part = 0;
  while (size < spec.bytes * 0.92) {
    w.chapter++;
    w.table = 0;
    push(`${w.chapter} ${parts[part++] ?? headingFor(w, spec.themes)}`);
    const sections = w.int(2, 4);
    for (let s = 1; s <= sections && size < spec.bytes * 0.92; s++) {
      push(`${w.chapter}.${s} ${headingFor(w, spec.themes)}`);
      for (let p = w.int(2, 5); p > 0; p--) push(w.paragraph(spec.themes, 4, 10));
      if (w.chance(0.2)) push(w.list(spec.themes));
    }
    const notes = w.notes();
    if (notes) push(notes);
  }
  push('Hur man överklagar');
  push(`Om ni vill överklaga beslutet ska ni skriva till Integritetsskyddsmyndigheten. Ange i skrivelsen vilket beslut ni överklagar och den ändring som ni begär. Överklagandet ska ha kommit in till IMY senast tre veckor från den dag ni fick del av beslutet. Om överklagandet har kommit in i rätt tid sänder IMY det vidare till Förvaltningsrätten i Stockholm för prövning. Ni kan e-posta överklagandet till IMY om det inte innehåller några integritetskänsliga personuppgifter eller uppgifter som kan omfattas av sekretess.`);
  return blocks;
}

function toc(blocks: string[]): string {
  const entries = blocks.filter((b) => /^\d+(\.\d+)? \S/.test(b) && !b.includes('\n') && b.length < 90);
  let page = 3;
  const lines = entries.slice(0, 40).map((e) => {
    page += 1 + (e.length % 3);
    return `${e} ${'.'.repeat(Math.max(3, 60 - e.length))} ${page}`;
  });
  return `Innehåll\n\n${lines.join('\n')}`;
}

function render(spec: DocSpec): string {
  const w = new Writer(spec.seed);
  const body = spec.style === 'minutes' ? minutesBody(w, spec) : spec.style === 'decision' ? decisionBody(w, spec) : reportBody(w, spec);
  const extras = [...(spec.extras ?? [])].sort((a, b) => b.at - a.at);
  for (const extra of extras) body.splice(Math.max(1, Math.round(body.length * extra.at)), 0, w.fill(extra.text));
  const head = spec.header.map((line) => w.fill(line)).join('\n');
  const blocks = [head, ...(spec.toc ? [toc(body)] : []), ...body, ...(spec.closing ?? []).map((c) => w.fill(c))];
  return blocks.join('\n\n') + '\n';
}

// Skatteverket's official test numbers (rules/test-personnummer.json): reported, but logged, not blocked.
const TOLVAN = 'Tolvan Tolvansson, 20121212-1212';

export const DOCUMENTS: DocSpec[] = [
  {
    file: 'digg-vagledning-generativ-ai.txt',
    seed: 101,
    bytes: 112_000,
    themes: ['ai', 'dataskydd', 'osl', 'styrning'],
    style: 'report',
    toc: true,
    header: ['Myndigheten för digital förvaltning', 'Vägledning', 'Generativ AI i offentlig förvaltning – stöd för ansvarsfull användning', 'Version 2.1, {datum}', 'Dnr 2025/0412'],
    closing: ['Kontakt\n\nFrågor om vägledningen kan ställas till funktionsbrevlådan ai-stod@digg.exempel.se eller till kontaktpersonen för AI-frågor, 070-174 06 52.'],
  },
  {
    file: 'imy-beslut-efter-tillsyn.txt',
    seed: 202,
    bytes: 46_000,
    themes: ['dataskydd', 'osl', 'ai'],
    style: 'decision',
    header: ['Beslut', 'Diarienummer: IMY-2025-1187', 'Datum: 2025-05-21', '', 'Beslut efter tillsyn enligt dataskyddsförordningen – användning av en extern AI-tjänst i kommunens kundtjänst'],
    closing: ['Detta beslut har fattats av generaldirektören efter föredragning av juristen. Vid den slutliga handläggningen har även rättschefen och enhetschefen medverkat.\n\nKopia till: Dataskyddsombudet, dso@alvsakra.exempel.se'],
  },
  {
    file: 'kommun-arsredovisning.txt',
    seed: 303,
    bytes: 115_000,
    themes: ['ekonomi', 'styrning', 'plan'],
    style: 'report',
    toc: true,
    header: ['Älvsåkra kommun', 'Årsredovisning 2025', 'Fastställd av kommunfullmäktige den 22 april 2026, § 58', 'Dnr KS 2026/0118'],
  },
  {
    file: 'socialnamnd-protokoll.txt',
    seed: 404,
    bytes: 62_000,
    themes: ['styrning', 'ekonomi', 'osl'],
    style: 'minutes',
    header: [
      'PROTOKOLL',
      'Socialnämnden, Norrhamra kommun',
      'Sammanträdesdatum 2025-03-18',
      'Plats och tid: Stadshuset, sammanträdesrum Ljungen, kl. 13.00–16.45',
      '',
      'Beslutande: Anna Andersson (S), ordförande; Sven Svensson (M), vice ordförande; Karin Karlsson (C); Per Persson (S); Eva Eriksson (L)',
      'Övriga närvarande: socialchefen, nämndsekreteraren, controllern',
      'Utses att justera: Karin Karlsson',
      'Paragrafer: 38–61',
    ],
    extras: [
      {
        at: 0.55,
        text: '§ 52\nIndividärende\n\nSekretessbelagd enligt 26 kap. 1 § offentlighets- och sekretesslagen (2009:400)\n\nÄrendet redovisas i ett separat protokoll som förvaras hos socialförvaltningen.',
      },
      { at: 0.8, text: `Anmälan om delegationsbeslut\n\nBeslut om förordnande av ställföreträdare, ${TOLVAN}, fattat av enhetschefen den {datum} med stöd av punkt 4.2 i delegationsordningen.` },
    ],
  },
  {
    file: 'fk-vagledning-sjukpenning.txt',
    seed: 505,
    bytes: 92_000,
    themes: ['socialforsakring', 'dataskydd', 'styrning'],
    style: 'report',
    toc: true,
    header: ['Försäkringskassan', 'Vägledning 2025:1', 'Sjukpenning, rehabilitering och rehabiliteringsersättning', 'Version 4', 'Fastställd {datum}'],
    extras: [
      { at: 0.4, text: 'Exempel\n\nTolvan Tolvansson (19410708-6995) arbetar som undersköterska och har varit sjukskriven på heltid i 120 dagar. Försäkringskassan bedömer att hans arbetsförmåga ska prövas mot andra arbetsuppgifter hos arbetsgivaren från och med dag 91. Exemplet bygger på ett fingerat ärende; personnumret är ett av Skatteverkets testpersonnummer.' },
    ],
  },
  {
    file: 'lansstyrelsen-tillsyn-strandskydd.txt',
    seed: 606,
    bytes: 36_000,
    themes: ['plan', 'styrning', 'osl'],
    style: 'report',
    header: ['Länsstyrelsen i Västernorrlands län', 'Rapport 2025:14', 'Tillsyn av kommunernas strandskyddsdispenser 2023–2024', 'Dnr 501-4412-2024', 'Datum {datum}'],
  },
  {
    file: 'upphandling-ai-assistent.txt',
    seed: 707,
    bytes: 56_000,
    themes: ['upphandling', 'ai', 'dataskydd'],
    style: 'report',
    header: ['Sjöstads kommun', 'Upphandlingsdokument', 'Upphandling av AI-assistent för kommunens förvaltningar', 'Upphandlingens referensnummer: KS 2025/331', 'Sista anbudsdag: {datum}'],
    closing: ['Upphandlande myndighet\n\nSjöstads kommun, upphandlingsenheten\nKontaktperson: upphandlaren, upphandling@sjostad.exempel.se\nFrågor ställs endast via upphandlingsverktyget.'],
  },
  {
    file: 'remissvar-ai-forordningen.txt',
    seed: 808,
    bytes: 18_000,
    themes: ['ai', 'dataskydd', 'osl'],
    style: 'report',
    header: ['Remissvar', 'Datum: 2025-02-10', 'Er referens: Fi2024/01777', 'Vår referens: Dnr 2024/1187', '', 'Finansdepartementet', 'Anpassningar av svensk rätt till EU:s AI-förordning (SOU 2025:12)'],
    closing: ['Beslut i detta ärende har fattats av generaldirektören. I den slutliga handläggningen har även chefsjuristen deltagit, den senare föredragande.'],
  },
  {
    file: 'pm-utlamnande-allmanna-handlingar.txt',
    seed: 909,
    bytes: 12_500,
    themes: ['osl', 'styrning'],
    style: 'report',
    header: ['PM', 'Rättsenheten', 'Datum {datum}', 'Rutin för utlämnande av allmänna handlingar'],
  },
  {
    file: 'skatteverket-verksamhetsplan.txt',
    seed: 1010,
    bytes: 72_000,
    themes: ['styrning', 'ekonomi', 'ai', 'dataskydd'],
    style: 'report',
    toc: true,
    header: ['Skatteverket', 'Verksamhetsplan 2026–2028', 'Beslutad av generaldirektören {datum}', 'Dnr 8-2211455'],
  },
  {
    file: 'sou-offentlig-ai-betankande.txt',
    seed: 1111,
    bytes: 1_030_000,
    themes: ['ai', 'osl', 'dataskydd', 'styrning', 'upphandling', 'ekonomi', 'socialforsakring', 'plan'],
    style: 'report',
    toc: true,
    header: ['Statens offentliga utredningar', 'SOU 2026:41', 'Ansvarsfull AI i offentlig förvaltning', 'Betänkande av Utredningen om AI i offentlig förvaltning', 'Stockholm 2026'],
    extras: [
      { at: 0.3, text: 'Utredningens sekretariat kan nås på ai-utredningen@regeringskansliet.exempel.se.' },
      { at: 0.7, text: `I ett av de granskade ärendena hade en handläggare klistrat in ett beslutsutkast i en öppen AI-tjänst. Utkastet innehöll namn och personnummer för den sökande (i utredningens återgivning ersatta med Skatteverkets testperson ${TOLVAN}).` },
    ],
  },
];

const DIR = fileURLToPath(new URL('.', import.meta.url));
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const spec of DOCUMENTS) {
    const text = render(spec);
    writeFileSync(`${DIR}${spec.file}`, text);
    console.log(`${spec.file.padEnd(40)} ${(Buffer.byteLength(text, 'utf8') / 1000).toFixed(1).padStart(7)} KB`);
  }
}
