/**
 * What the mock chat pages "answer" (pure, no DOM: tests may import it to
 * know the exact answer text in advance).
 *
 * The answer echoes the placeholders of the sent text — every `[LABEL N]`
 * token such as `[PERSONNUMMER 1]`, `[PERSON 2]`, `[HÄLSOUPPGIFT 1]`,
 * `[PERSONAL ID NUMBER 1]` — in Swedish sentences, the way a language model
 * drafting a letter does. With `alter` each mention is altered the way
 * language models alter such tokens: title case, lower case, brackets
 * dropped, round brackets, bold (`**[…]**`), an English label for a Swedish one.
 * Without placeholders in the sent text the answer is plain advice.
 *
 * The answer is markdown: paragraphs separated by a blank line, `**bold**`.
 */

/** A placeholder found in the sent text. */
export interface Placeholder {
  /** As sent, e.g. `[PERSONNUMMER 1]`. */
  token: string;
  /** `PERSONNUMMER` */
  label: string;
  /** `1` */
  n: string;
}

/** How a mention of a placeholder is written in the answer. */
export type Variant = 'exact' | 'title' | 'lower' | 'bare' | 'round' | 'bold' | 'english';

/** A mention of a placeholder in the answer. */
export interface Mention {
  placeholder: Placeholder;
  variant: Variant;
}

/** A run of answer text; `bold` renders as `<strong>` (markdown `**…**`). */
export interface Inline {
  text: string;
  bold?: boolean;
  /** Set on the run that mentions a placeholder. */
  mention?: Mention;
}

/** Paragraphs, each a list of runs. */
export type AnswerBlocks = Inline[][];

/**
 * `[LABEL N]`: an upper-case label (letters incl. ÅÄÖ, spaces, hyphens as in
 * `E-POST`), one space, a number.
 */
const PLACEHOLDER = /\[(\p{Lu}(?:[\p{Lu} -]*\p{Lu})?) (\d+)\]/gu;

/** The placeholders of `text`, each once, in order of first appearance. */
export function findPlaceholders(text: string): Placeholder[] {
  const seen = new Map<string, Placeholder>();
  for (const m of text.matchAll(PLACEHOLDER)) {
    const [token, label, n] = m as unknown as [string, string, string];
    if (!seen.has(token)) seen.set(token, { token, label, n });
  }
  return [...seen.values()];
}

/**
 * Swedish placeholder labels with their English wording (as Promptvakt's
 * English interface writes them): the "English label" alteration. Kept here,
 * not imported, so the mock pages know nothing of the extension.
 */
export const ENGLISH_LABELS: Readonly<Record<string, string>> = {
  PERSONNUMMER: 'PERSONAL ID NUMBER',
  SAMORDNINGSNUMMER: 'COORDINATION NUMBER',
  SÄKERHETSMARKERING: 'CLASSIFICATION MARKING',
  HÄLSOUPPGIFT: 'HEALTH DATA',
  'ETNISKT URSPRUNG': 'ETHNIC ORIGIN',
  'POLITISK ÅSIKT': 'POLITICAL OPINION',
  FACKTILLHÖRIGHET: 'UNION MEMBERSHIP',
  SEXUALITET: 'SEXUALITY',
  'BIOMETRISK UPPGIFT': 'BIOMETRIC DATA',
  BROTTSUPPGIFT: 'CRIMINAL RECORD DATA',
  SOCIALTJÄNSTUPPGIFT: 'SOCIAL SERVICES DATA',
  'SKYDDAD IDENTITET': 'PROTECTED IDENTITY',
  'E-POST': 'EMAIL',
  TELEFON: 'PHONE',
  BANKKONTO: 'BANK ACCOUNT',
  KORTNUMMER: 'CARD NUMBER',
  'HEMLIG NYCKEL': 'SECRET',
  NAMN: 'NAME',
  ADRESS: 'ADDRESS',
};

const titleWord = (word: string): string =>
  word
    .split('-')
    .map((part) => part.charAt(0) + part.slice(1).toLocaleLowerCase('sv'))
    .join('-');

/** The text of a mention of `p` written as `variant` (bold: the text inside the `<strong>`). */
export function writeMention(p: Placeholder, variant: Variant): string {
  switch (variant) {
    case 'exact':
    case 'bold':
      return `[${p.label} ${p.n}]`;
    case 'title':
      return `[${p.label.split(' ').map(titleWord).join(' ')} ${p.n}]`;
    case 'lower':
      return `[${p.label.toLocaleLowerCase('sv')} ${p.n}]`;
    case 'bare':
      return `${p.label} ${p.n}`;
    case 'round':
      return `(${p.label} ${p.n})`;
    case 'english':
      return `[${ENGLISH_LABELS[p.label] ?? p.label} ${p.n}]`;
  }
}

/** The order in which `alter` applies the alterations, one per mention, round robin. */
export const ALTERATIONS: readonly Variant[] = ['title', 'bare', 'round', 'bold', 'lower', 'english'];

/** Sentence frames, one per mention (round robin); `{}` is the mention. */
const FRAMES: readonly (readonly [string, string])[] = [
  ['Hej ', ', vi har tagit emot din ansökan.'],
  ['Ärendet gäller ', ' och handläggs nu.'],
  ['Vi har antecknat uppgiften ', ' i akten.'],
  ['Observera att ', ' inte får lämnas ut.'],
  ['Kontakta oss om ', ' behöver rättas.'],
  ['Beslutet skickas till ', ' inom två veckor.'],
];

/** The mentions of an answer: which placeholder, written how. */
export function mentions(placeholders: Placeholder[], alter: boolean): Mention[] {
  if (placeholders.length === 0) return [];
  if (!alter) return placeholders.map((placeholder) => ({ placeholder, variant: 'exact' as const }));
  // Every placeholder at least once, every alteration at least once.
  const count = Math.max(placeholders.length, ALTERATIONS.length);
  const translatable = placeholders.find((p) => ENGLISH_LABELS[p.label] !== undefined);
  const out: Mention[] = [];
  for (let i = 0; i < count; i++) {
    const variant = ALTERATIONS[i % ALTERATIONS.length]!;
    let placeholder = placeholders[i % placeholders.length]!;
    if (variant === 'english') {
      // An English label for a Swedish placeholder; with none, title case instead.
      if (translatable) placeholder = translatable;
      else {
        out.push({ placeholder, variant: 'title' });
        continue;
      }
    }
    out.push({ placeholder, variant });
  }
  return out;
}

/**
 * The answer to `sent`, as paragraphs of runs.
 *
 * - no placeholders: two paragraphs of plain advice;
 * - placeholders, exact: "Här är ett utkast:", then one sentence per
 *   placeholder (two sentences a paragraph), then a closing paragraph that
 *   mentions the first placeholder again ("Kontrollera att [PERSON 1] stämmer …");
 * - placeholders, `alter`: as above but every mention altered (see
 *   {@link mentions}), max(placeholders, 6) sentences, and a closing paragraph
 *   without a placeholder.
 */
export function composeAnswer(sent: string, alter: boolean): AnswerBlocks {
  const placeholders = findPlaceholders(sent);
  if (placeholders.length === 0) {
    return [
      [{ text: 'Här är ett förslag på hur du kan gå vidare:' }],
      [
        {
          text: 'Börja med en kort sammanfattning av ärendet, beskriv sedan vad beslutet innebär och avsluta med hur man överklagar det.',
        },
      ],
    ];
  }
  const blocks: AnswerBlocks = [[{ text: 'Här är ett utkast:' }]];
  const list = mentions(placeholders, alter);
  for (let i = 0; i < list.length; i += 2) {
    const paragraph: Inline[] = [];
    list.slice(i, i + 2).forEach((mention, j) => {
      const [before, after] = FRAMES[(i + j) % FRAMES.length]!;
      paragraph.push({ text: (j > 0 ? ' ' : '') + before });
      paragraph.push({ text: writeMention(mention.placeholder, mention.variant), bold: mention.variant === 'bold', mention });
      paragraph.push({ text: after });
    });
    blocks.push(paragraph);
  }
  if (alter) {
    blocks.push([{ text: 'Säg till om du vill att jag ändrar tonen.' }]);
  } else {
    const first = placeholders[0]!;
    blocks.push([
      { text: 'Kontrollera att ' },
      { text: first.token, mention: { placeholder: first, variant: 'exact' } },
      { text: ' stämmer innan du skickar brevet.' },
    ]);
  }
  return blocks;
}

/** The answer as markdown: paragraphs separated by `\n\n`, bold runs in `**`. */
export function answerMarkdown(blocks: AnswerBlocks): string {
  return blocks.map((runs) => runs.map((r) => (r.bold ? `**${r.text}**` : r.text)).join('')).join('\n\n');
}

/**
 * What the answer element's `textContent` is once the answer is complete:
 * the paragraphs' text run together (`<p>`s add no characters), bold as plain
 * text. This is also what the page's Copy button copies.
 */
export function answerTextContent(sent: string, alter: boolean): string {
  return composeAnswer(sent, alter)
    .map((runs) => runs.map((r) => r.text).join(''))
    .join('');
}

/** Chunk sizes in characters of markdown, round robin (≈ 20 on average). */
const CHUNK_SIZES = [14, 23, 9, 27, 18, 21];

/**
 * Splits the answer's markdown into the chunks the page streams. Boundaries
 * fall where the sizes say (so words get split), and one always falls in
 * the middle of the first placeholder mention, so a placeholder arrives in
 * two chunks. Concatenated, the chunks are the markdown.
 */
export function answerChunks(blocks: AnswerBlocks): string[] {
  const markdown = answerMarkdown(blocks);
  const cuts = new Set<number>();
  for (let at = 0, i = 0; at < markdown.length; i++) {
    at += CHUNK_SIZES[i % CHUNK_SIZES.length]!;
    if (at < markdown.length) cuts.add(at);
  }
  // The first mention, split after its first half.
  let offset = 0;
  outer: for (const [b, runs] of blocks.entries()) {
    if (b > 0) offset += 2;
    for (const r of runs) {
      const start = offset + (r.bold ? 2 : 0);
      if (r.mention) {
        cuts.add(start + Math.ceil(r.text.length / 2));
        break outer;
      }
      offset += r.text.length + (r.bold ? 4 : 0);
    }
  }
  const sorted = [...cuts].filter((c) => c > 0 && c < markdown.length).sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const cut of sorted) {
    chunks.push(markdown.slice(from, cut));
    from = cut;
  }
  chunks.push(markdown.slice(from));
  return chunks;
}
