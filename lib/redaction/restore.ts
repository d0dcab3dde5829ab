/**
 * The other half of "mask and send": the real values back in the AI's answer,
 * in place of the placeholders the masked prompt sent ("[PERSONNUMMER 1]" →
 * "850709-9805"). Pure and browser-free; the content script keeps the map in
 * memory and applies it to the answer's text.
 *
 * Language models rarely echo a placeholder exactly as sent. Recognised, in
 * any combination:
 *   - any case: `[personnummer 1]`, `[Personnummer 1]`;
 *   - other brackets or none: `PERSON 1`, `(PERSON 1)`, `{PERSON 1}`,
 *     `<PERSON 1>`, `«PERSON 1»`, `»PERSON 1»`, `【PERSON 1】`, full-width
 *     `［PERSON 1］`, doubled `{{PERSON 1}}` (but `[[PERSON 1]]` keeps its outer
 *     pair: a prompt's own `[value]` masks to that), markdown-escaped
 *     `\[PERSON 1\]`, one space inside the brackets. Brackets are removed with
 *     the placeholder only when they pair up around it;
 *   - markdown around it is kept: `**[PERSON 1]**` → `**Anna Berg**`, and
 *     backticks and underscores the same way;
 *   - the label in the other interface language (`[PERSONAL ID NUMBER 1]` for
 *     `[PERSONNUMMER 1]` and back), its words joined by `_`, `-` or nothing
 *     (`PERSONAL_ID_NUMBER_1`, `E-mail 1`), the number joined by `_`, `-`,
 *     nothing, `#`, `nr`, `no.` (`PERSON-1`, `PERSON1`, `PERSON #1`,
 *     `Person nr 1`);
 *   - an ending on the label: Swedish definite and plural (-en, -et, -n, -t,
 *     -er, -ar, -erna, -arna, -na), English plural (-s, -es);
 *   - a Swedish genitive after it: `[PERSON 1]s` → `Anna Bergs`, also
 *     `PERSON 1s`; `[PERSON 1]:s` → `Anna Bergs` when the value ends in a
 *     letter (after digits the colon is right: `850709-9805:s`).
 * A match needs a label of the map and a number the map holds for it, standing
 * as a word of its own: `PERSON 3` is left alone when only PERSON 1 and 2 were
 * sent, `PERSON 10` is not `PERSON 1`, `XPERSON 1` and `PERSON 1a` are not
 * placeholders. Text without the map's placeholders is never changed.
 *
 * Not recognised, on purpose: a label and number on two lines ("person\n1."
 * is a list), a number written otherwise (`PERSON 01`, `PERSON ONE`, full-width
 * digits), "number"/"nummer" between label and number (`PERSON NUMMER 1` could
 * be PERSONNUMMER 1), irregular forms (`personnumret`), labels without their
 * diacritics (`HALSOUPPGIFT`). A bare lower-case mention is restored like any
 * other ("till person 1"), so "en person 1 gång" is too when PERSON 1 was sent.
 *
 * One pass over the text: one regular expression built from the map's labels
 * (bounded quantifiers only, registered in tests/unit/regex-inventory.ts),
 * constant work per match, and after a rejected candidate the search goes on
 * from its next character (a candidate is at most a few dozen characters). Values are inserted, never searched again, so a
 * value that looks like a placeholder cannot loop.
 */
import { PLACEHOLDER_LABELS } from '../i18n/placeholder-labels';
import type { Category } from '../types';

/** Between the words of a label and between the label and its number: never a line break. */
const JOIN = '[ \\t\\u00a0_\\-\\u2010\\u2011]';
/** Swedish definite and plural endings, English plural. */
const ENDING = '(?:erna|arna|en|et|er|ar|es|na|n|t|s)?';
/** `PERSON 1`, `PERSON1`, `PERSON_1`, `PERSON #1`, `PERSON nr 1`, `PERSON no. 1`. */
const NUMBER_JOIN = `(?:${JOIN}{1,2}(?:nr|no)\\.?${JOIN}{0,2}|${JOIN}{0,2}[#\\u2116]${JOIN}{0,2}|${JOIN}{0,2})`;
/** Placeholder numbers are small; seven digits are not a placeholder number. */
const MAX_DIGITS = 6;

/** Other spellings of a label, by its squashed form: `E-mail 1` for `EMAIL 1`. */
const SPELLINGS: Readonly<Record<string, readonly string[]>> = { EMAIL: ['E-MAIL'] };

/** Opening bracket → the closing brackets that pair with it. */
const CLOSERS: Readonly<Record<string, string>> = {
  '[': ']',
  '(': ')',
  '{': '}',
  '<': '>',
  '«': '»',
  '»': '»«', // Swedish »…», Danish »…«
  '‹': '›',
  '【': '】',
  '［': '］',
  '（': '）',
  '｛': '｝',
  '＜': '＞',
  '〔': '〕',
  '〈': '〉',
  '⟨': '⟩',
  '⟦': '⟧',
  '「': '」',
  '『': '』',
  '《': '》',
};

/** A label as a lookup key: upper case, without spaces, underscores and hyphens ("E-POST" → "EPOST"). */
function squash(label: string): string {
  return label.toUpperCase().replace(/[\s_\-\u2010\u2011]+/g, '');
}

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The regular expression that finds placeholders written with `labels`: group
 * 1 the label (without its ending), group 2 the number. Flags `giu`. Exported
 * for the ReDoS inventory (tests/unit/regex-inventory.ts).
 */
export function placeholderPattern(labels: Iterable<string>): RegExp {
  const forms = new Set<string>();
  for (const label of [...labels].flatMap((l) => [l, ...(SPELLINGS[squash(l)] ?? [])])) {
    const words = label.split(/[\s_\-\u2010\u2011]+/).filter(Boolean);
    if (words.length) forms.add(words.map(escape).join(`${JOIN}?`));
  }
  // Longest first: of two labels that both fit, the longer one is meant.
  const alternatives = [...forms].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return new RegExp(`(${alternatives.join('|')})${ENDING}${NUMBER_JOIN}(\\d{1,${MAX_DIGITS}})`, 'giu');
}

/** The label and number of a placeholder as sent, `[PERSONNUMMER 1]`; null if it has no number. */
function parsePlaceholder(placeholder: string): { label: string; number: string } | null {
  let inner = placeholder.trim();
  if (inner.startsWith('[') && inner.endsWith(']')) inner = inner.slice(1, -1).trim();
  let i = inner.length;
  while (i > 0 && isDigit(inner.charCodeAt(i - 1))) i--;
  const number = inner.slice(i);
  let j = i;
  while (j > 0 && ' \t\u00a0_-#'.includes(inner[j - 1]!)) j--;
  const label = inner.slice(0, j);
  if (!number || number.length > MAX_DIGITS || !squash(label)) return null;
  return { label, number };
}

/** The categories whose label (in any interface language) is `label`. */
function categoriesOfLabel(label: string): Category[] {
  const key = squash(label);
  return (Object.keys(PLACEHOLDER_LABELS) as Category[]).filter((c) => Object.values(PLACEHOLDER_LABELS[c]).some((l) => squash(l) === key));
}

interface Entry {
  /** As sent: `[PERSONNUMMER 1]`. */
  placeholder: string;
  value: string;
}

/** One placeholder found in a text. */
export interface FoundPlaceholder {
  /** The span of `text` to replace: the placeholder as written, with the brackets that pair around it. */
  start: number;
  end: number;
  /** The real value. */
  value: string;
  /** The placeholder as sent (`[PERSONNUMMER 1]`); `text.slice(start, end)` is how the answer wrote it. */
  placeholder: string;
}

/**
 * What the placeholders of one conversation stand for. Keep one per
 * conversation, next to its PlaceholderBook, and add every replacement the
 * masking made.
 */
export class RestoreMap {
  /** `squash(label) number` of the placeholder as sent → entry. */
  private readonly sent = new Map<string, Entry>();
  /** The same with the category's label in the other interface languages; null when two values claim it. */
  private readonly translated = new Map<string, Entry | null>();
  private readonly labels = new Set<string>();
  private pattern: RegExp | null = null;

  /** How many placeholders the map holds. */
  get size(): number {
    return this.sent.size;
  }

  /**
   * Records that `placeholder` (exactly as sent, `[PERSONNUMMER 1]`) stands
   * for `value`. A placeholder keeps its first value: adding it again with
   * another value changes nothing and returns false (also for another written
   * form of the same identity number). False too for a placeholder without a
   * number. `category` gives the label in the other interface language; when
   * omitted it is read from the label.
   */
  add(placeholder: string, category: Category | undefined, value: string): boolean {
    const parsed = parsePlaceholder(placeholder);
    if (!parsed) return false;
    const key = `${squash(parsed.label)} ${parsed.number}`;
    const held = this.sent.get(key);
    if (held) return held.value === value;
    const entry: Entry = { placeholder, value };
    this.sent.set(key, entry);
    const categories = category ? [category] : categoriesOfLabel(parsed.label);
    const labels = [parsed.label, ...categories.flatMap((c) => Object.values(PLACEHOLDER_LABELS[c] ?? {}))];
    for (const label of labels) {
      if (!this.labels.has(label)) {
        this.labels.add(label);
        this.pattern = null;
      }
      const other = `${squash(label)} ${parsed.number}`;
      if (other === key) continue;
      const claimed = this.translated.get(other);
      if (claimed === undefined) this.translated.set(other, entry);
      else if (claimed && claimed.value !== value) this.translated.set(other, null);
    }
    return true;
  }

  /**
   * Adds the replacements of one masking (maskFindings / maskPrompt):
   * `original` is the text before masking, the spans are in it. Returns false
   * if any placeholder already stood for another text (see add).
   */
  addReplacements(original: string, replacements: readonly { start: number; end: number; placeholder: string }[]): boolean {
    let consistent = true;
    for (const r of replacements) consistent = this.add(r.placeholder, undefined, original.slice(r.start, r.end)) && consistent;
    return consistent;
  }

  clear(): void {
    this.sent.clear();
    this.translated.clear();
    this.labels.clear();
    this.pattern = null;
  }

  /** The value of a placeholder written with `label` (any case and spacing) and `number`. */
  lookup(label: string, number: string): Entry | undefined {
    const key = `${squash(label)} ${number}`;
    return this.sent.get(key) ?? this.translated.get(key) ?? undefined;
  }

  /** The placeholders in `text` (so a RestoreMap is what the answer restorer asks for). */
  find(text: string): FoundPlaceholder[] {
    return findPlaceholders(text, this);
  }

  /** @internal The pattern for the labels held, with `lastIndex` at 0; null when empty. */
  regex(): RegExp | null {
    if (this.labels.size === 0) return null;
    this.pattern ??= placeholderPattern(this.labels);
    this.pattern.lastIndex = 0;
    return this.pattern;
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A letter, digit or combining mark: a placeholder next to one is part of a longer word. */
function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}\p{M}]/u.test(ch);
}

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\u00a0';
}

/** The placeholder at `start` is not the end of a longer word (`XPERSON 1`, `MY_PERSON_1`). */
function standsAlone(text: string, start: number): boolean {
  const before = text[start - 1];
  if (isWordChar(before)) return false;
  return !(before === '_' && isWordChar(text[start - 2]));
}

/** A word goes on at `i`: a letter, digit or mark, or `_` before one. */
function wordGoesOn(text: string, i: number): boolean {
  return isWordChar(text[i]) || (text[i] === '_' && isWordChar(text[i + 1]));
}

/**
 * Without brackets, what may follow the number at `end`: not a letter or more
 * digits (`PERSON 1a`, `PERSON 1.5`, `PERSON_1_B`), except a genitive s.
 */
function endsWord(text: string, end: number): boolean {
  const next = text[end];
  if (next === 's' || next === 'S') return !wordGoesOn(text, end + 1);
  if (wordGoesOn(text, end)) return false;
  if (next === '.' || next === ',') return !isDigit(text.charCodeAt(end + 1));
  return true;
}

/** `ch` is one of the characters of `set`. */
const oneOf = (ch: string | undefined, set: string) => ch !== undefined && ch.length === 1 && set.includes(ch);

/**
 * The brackets that pair around the placeholder at [start, end), with one
 * space inside on either side, a markdown escape (`\[…\]`), and once doubled
 * (`[[…]]`); null if none pair up or they reach before `notBefore`.
 */
function bracketsAround(text: string, start: number, end: number, notBefore: number): { start: number; end: number } | null {
  // The opening bracket: right before the label, or one space before it.
  let at = isSpace(text[start - 1]) && CLOSERS[text[start - 2] ?? ''] !== undefined ? start - 2 : start - 1;
  const opener = text[at];
  const closers = opener === undefined ? undefined : CLOSERS[opener];
  if (closers === undefined) return null;
  // The closing bracket: right after the number or one space after it, perhaps escaped.
  const closerAt = (i: number) => (oneOf(text[i], closers) ? i : text[i] === '\\' && oneOf(text[i + 1], closers) ? i + 1 : -1);
  let close = closerAt(end);
  if (close < 0 && isSpace(text[end])) close = closerAt(end + 1);
  if (close < 0) return null;
  const closer = text[close]!;
  const escaped = text[close - 1] === '\\' || text[at - 1] === '\\';
  let to = close + 1;
  if (text[at - 1] === '\\') at--;
  else if (!escaped && opener !== '[' && text[at - 1] === opener && text[to] === closer) {
    // Doubled, as in templates: {{PERSON 1}}, <<PERSON 1>>. Not [[…]]: that is a prompt's own "[850709-9805]" masked.
    at--;
    to++;
  }
  return at >= notBefore ? { start: at, end: to } : null;
}

/**
 * The placeholders of `map` in `text`, in text order, not overlapping. Each
 * span covers the placeholder as written with the brackets that pair around
 * it; markdown (`**`, backticks) stays outside.
 */
export function findPlaceholders(text: string, map: RestoreMap): FoundPlaceholder[] {
  const re = map.regex();
  if (!re) return [];
  const found: FoundPlaceholder[] = [];
  let done = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index;
    const coreEnd = start + m[0].length;
    const entry = map.lookup(m[1]!, m[2]!);
    if (!entry || !standsAlone(text, start) || isDigit(text.charCodeAt(coreEnd))) {
      // Not ours: a placeholder may still start inside it ("XPERSON 1" holds no other, but labels may nest).
      re.lastIndex = start + 1;
      continue;
    }
    const brackets = bracketsAround(text, start, coreEnd, done);
    if (!brackets && !endsWord(text, coreEnd)) {
      re.lastIndex = start + 1;
      continue;
    }
    const from = brackets?.start ?? start;
    let to = brackets?.end ?? coreEnd;
    // "[PERSON 1]:s" → "Anna Bergs"; after digits the colon belongs ("850709-9805:s").
    if (text[to] === ':' && (text[to + 1] === 's' || text[to + 1] === 'S') && !isWordChar(text[to + 2]) && /\p{L}$/u.test(entry.value)) to++;
    found.push({ start: from, end: to, value: entry.value, placeholder: entry.placeholder });
    done = to;
    re.lastIndex = to;
  }
  return found;
}

/** `text` with every placeholder of `map` replaced by its value (one pass: values are never searched again). */
export function restoreText(text: string, map: RestoreMap): string {
  return replaceSpans(text, findPlaceholders(text, map));
}

/** `text` with each span (in order, not overlapping) replaced by its value. */
export function replaceSpans(text: string, spans: readonly { start: number; end: number; value: string }[]): string {
  if (!spans.length) return text;
  let out = '';
  let at = 0;
  for (const f of spans) {
    out += text.slice(at, f.start) + f.value;
    at = f.end;
  }
  return out + text.slice(at);
}
