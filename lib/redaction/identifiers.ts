/**
 * The direct identifiers of the people a masked prompt is about: names,
 * initials and postal addresses. They are not findings (a name on its own is
 * no reason to stop a prompt), but once "mask and send" replaces a
 * personnummer or a diagnosis by a placeholder, the name next to it must go
 * too, or the person stays identifiable ("Kalle Andersson [PERSONNUMMER 1]").
 * lib/redaction/mask-prompt.ts masks these spans together with the findings.
 *
 * Names are recognised from the name lists (rules/names/) with the same rules
 * as the person anchors of the sensitive-data detector (lib/text/names.ts):
 *   - a full name: a given name and a capitalised surname ("Per Nilsson",
 *     "Aila Kuoljok", "Anna-Karin Lindqvist"), or a surname from the lists
 *     after a capitalised word ("Ngozi Andersson"), or surname first
 *     ("Johansson, Mikael"); the ambiguous given names ("Bo", "Hans", "Per")
 *     count only with a surname ("Bo Ek");
 *   - a given name on its own when the sentence makes it a person: followed
 *     by a verb ("Lena är sjukskriven"), after a role ("patienten Lena"), a
 *     greeting or a sign-off ("Hej Lena", "Mvh\nLena", "/Lena") or a field
 *     label ("Namn: Lena"), with an age ("Lena, 34 år"), in the genitive
 *     before a noun ("Lenas ansökan"), listed with a masked person ("Lena och
 *     Kalle"), or as the given name of someone named in full ("Per Nilsson …
 *     Per har …", an ambiguous one like "Per" only where it reads as a name);
 *     a given name masked once is masked wherever it stands in the text and
 *     in the rest of the conversation;
 *   - a surname on its own after a title or role ("Dr Lindqvist", "familjen
 *     Nilsson"), or as the surname of someone named in full where it reads as
 *     a name ("Enligt Andersson var han …");
 *   - initials ("A.B.", "K. M."; not "P.S.").
 * Lower-case names ("karin lindqvist") are not recognised: without the
 * capital a given name is too often an ordinary word.
 * Addresses: a street and a number ("Storgatan 12", "Lilla Nygatan 5, lgh
 * 1102", "Karl Johans väg 3 B"), a postcode and a town ("123 45 Malmö"), a
 * post box ("Box 123"); a street and its postcode written together are one
 * address. A street without a number ("Storgatan") and a town on its own
 * ("Malmö stad") identify nobody and stay.
 *
 * Linear in the length of the text: one pass over the words, each costing a
 * few set lookups, and bounded regular expressions for addresses.
 */
import anchorWordsJson from '../../rules/sensitive/anchors.json';
import firstNamesJson from '../../rules/names/first-names.json';
import surnamesJson from '../../rules/names/surnames.json';
import { DESCRIBED_AFTER, labelPattern } from '../detectors/sensitive/anchors';
import type { AnchorWords } from '../detectors/sensitive/schema';
import { tokenize } from '../text/lexicon';
import { INITIALS, isUnmistakableSurname, looksLikeSurname, nameLists, type NameLists } from '../text/names';
import { firstAtOrAfter } from '../text/sorted-positions';
import { insideAddress } from '../text/web-address';
import type { IdentifierCategory } from '../types';

export interface IdentifierSpan {
  start: number;
  end: number;
  category: IdentifierCategory;
  /**
   * The full name that the span stands for, when it is not the span's own
   * text: a given name or surname on its own whose person is named in full in
   * the text or earlier in the conversation ("Per" after "Per Nilsson"), or a
   * name written surname first ("Nilsson, Per"). It gets the same placeholder.
   */
  refersTo?: string;
}

export interface IdentifierOptions {
  /** Names already masked in this conversation (PlaceholderBook.personNames()): full names, given names, initials. */
  knownNames?: Iterable<string>;
}

// ---------------------------------------------------------------------------
// Word lists. Lower case.

const words = (list: string) => new Set(list.split(/\s+/).filter(Boolean));

/**
 * Capitalised words that are no part of a name, though they may stand next to
 * one: sentence openers, prepositions, pronouns, titles, greetings, months and
 * weekdays, imperatives of a prompt ("Skriv", "Sammanfatta").
 */
const NOT_NAMES = words(`
  och eller men att som om när då där här så för med utan till från av på i vid hos enligt efter under över mellan
  inför mot genom kring inom utom trots sedan innan medan eftersom därför dessutom också även bara redan nu idag igår
  imorgon ja nej tack obs ps ang angående gäller ärende beslut jag du han hon hen vi ni de den det detta denna dessa
  min mitt mina din ditt dina vår vårt våra er ert era hans hennes hens deras vem vad vilken vilket vilka hur varför
  var varifrån kan ska skall vill måste har hade är blev bli får fick ge gav gör gjorde skriv skicka ring mejla maila
  kontakta sammanfatta formulera hjälp läs svara översätt fråga boka kalla meddela informera besök träffa påminn tacka
  bjud ta titta kolla lägg ändra rätta granska analysera beskriv förklara lista föreslå utgå herr fru fröken doktor dr
  prof professor kära käre bästa hej hejsan hallå tjena mvh hälsningar god goda ny nya gamla alla ingen inga någon
  några varje samma övrigt övriga enl bil bilaga ref nr tel mobil adress postadress e-post epost mejl namn datum
  januari februari mars april maj juni juli augusti september oktober november december
  måndag tisdag onsdag torsdag fredag lördag söndag
  the and or to from of in on at by for with is was this that dear hi hello hey mr mrs ms miss please regards
  region kommun kommunen stad staden landsting län socialtjänsten polisen skolan förskolan sjukhuset vårdcentralen
  kronor kr sek summa totalt belopp pnr personnr personnummer tfn telefon ålder född klass avd dnr diarienr
  jan feb mar apr jun jul aug sep sept okt oct nov dec mån tis ons tors fre lör sön
`);

/**
 * Lower-case finite verbs that show the capitalised word next to them is the subject: "Lena är", "Lena har",
 * "Igår fick Lena beskedet".
 */
const VERBS = words(`
  är var har hade blir blev får fick ska skall skulle kan kunde vill ville måste bör borde mår bor går gick kom kommer
  sa sade säger tog tar gav ger ser såg vet visste tycker tyckte anser ansåg uppger uppgav berättar berättade verkar
  behöver behövde söker sökte arbetar jobbar studerar läser pratar ringer ringde mejlade skrev skriver önskar
  is was has had will would can could should must said says lives lived works worked called wrote asked needs
  wants wanted got went came does did may might
`);

/** Lower-case words that end like a verb but are not: "Lena eller Per", "Per efter". */
const NOT_VERBS = words(`
  eller efter under över för mer fler per hur där här när der inför inte ute sedan bakom emellan tillsammans igår
  ikväll inatt kvar heller alltför varför därför framför därefter härefter sedermera
`);

/** A name after these is someone being greeted: "Hej Lena", "Dear Anna". */
const GREETINGS = words(`hej hejsan hallå hejhej tjena tja hi hello hey dear kära käre bästa morgon tack grattis`);

/** A name after these (on the same or the next line) signs a mail: "Mvh Lena", "Hälsningar\nAnna". */
const SIGN_OFFS = words(`mvh hälsningar hälsning regards cheers vänligen`);

/** Titles before a surname: "Dr Lindqvist", "herr Nilsson". */
const TITLES = words(`herr fru fröken doktor dr prof professor mr mrs ms miss överläkare läkare advokat`);

/** Lower-case words that join the parts of a name: "Carl von Linné", "Ahmed bin Said". */
const PARTICLES = words(`von af van de der den da di del la le al el bin ibn ben abu`);

/** What may stand between a person-noun and the name: "eleven Noah", "patienten, Gösta". */
const ROLE_GAP = /^,?[ \t]+$/;

/** Upper-case "initials" that are abbreviations. */
const NOT_INITIALS = words(`p.s. u.s. e.u. u.k. a.d. b.c. d.c. n.b. o.k. u.n.`);

/** Word-final letters that mark a Swedish noun in the definite or plural form ("Kommunen", "Skatteverket"), not a given name. */
const NOUN_ENDING = /(?:en|an|et|na|or|ar|er|ning|het|tion|ism)$/;

/** A street: "[prefix] <Name>gatan", "<Name>s väg", "Vägen". Then its number, a letter, a flat or floor. */
const STREET_PREFIX = String.raw`(?:(?:Lilla|Stora|Norra|Södra|Östra|Västra|Gamla|Nya|Övre|Nedre|Yttre|Inre|Norr|Söder|Öster|Väster|Sankt|Sankta|S:t|S:ta)[ \t]{1,2})`;
const STREET_SUFFIX = String.raw`(?:gatan|gata|gränden|gränd|vägen|väg|torget|torg|stigen|stig|allén|allé|alle|backen|backe|leden|kajen|stranden|strand|esplanaden|promenaden|slingan|liden|hagen)`;
/** Roads and common nouns that end like a street: "motorvägen 3 km", "riksväg 40". */
const NOT_STREETS = String.raw`(?!(?:motor|riks|läns|europa|om|gen|halv|bil|cykel|gång)(?:väg|vägen)(?![\p{L}]))`;
const STREET_NAME =
  String.raw`(?:${STREET_PREFIX}?${NOT_STREETS}\p{L}\p{Ll}{0,30}(?:-\p{Lu}?\p{Ll}{1,30})?${STREET_SUFFIX}` +
  String.raw`|${STREET_PREFIX}?(?:\p{Lu}\p{Ll}{1,30}[ \t]{1,2})?\p{Lu}\p{Ll}{0,30}s[ \t]{1,2}(?:gatan|gata|gränd|vägen|väg|torg|allé|backe|stig|plan|plats)` +
  String.raw`|${STREET_PREFIX}?(?:Gatan|Vägen|Gränd|Torget|Stigen|Backen|Allén))`;
const STREET_NUMBER = String.raw`[ \u00a0]{1,2}\d{1,3}(?![\d:])(?:[ \t]?[A-H](?![\p{L}\p{N}-])|[a-h](?![\p{L}\p{N}]))?(?:[ \t]?[-–][ \t]?\d{1,3}(?!\d))?`;
const FLAT_OR_FLOOR = String.raw`(?:[ \t]{0,3}(?:,[ \t]{0,3})?(?:(?:lgh|lägenhet|lägenhetsnr|lgh-nr|lgh\.?[ \t]?nr)\.?[ \t]{0,2}\d{3,4}(?!\d)|\d{1,2}[ \t]?(?:tr|trappor|trappa|vån|våningen)\.?(?![\p{L}\p{N}])|(?:tr|vån|våning)\.?[ \t]?\d{1,2}(?!\d)))`;
/** Not a house number: "Vägen 3,5 km", "Motorvägen 2 timmar". */
const NOT_AFTER_NUMBER = String.raw`(?![.,]\d|[ \t]{0,3}(?:%|(?:kr|kronor|km|mil|m|meter|st|år|timmar|timme|min|minuter|dagar|veckor|procent)(?![\p{L}\p{N}])))`;
/** The postcode and town right after the street, in any case: "storgatan 3 lgh 1102 621 41 visby". */
const STREET_POSTCODE = String.raw`(?:[ \t]{0,3}(?:,[ \t]{0,3})?\d{3}[ \u00a0]?\d{2}[ \u00a0]{1,2}\p{L}\p{Ll}{1,30}(?![\p{L}\p{N}]))?`;
const STREET = new RegExp(String.raw`(?<![\p{L}\p{N}:])${STREET_NAME}${STREET_NUMBER}${NOT_AFTER_NUMBER}${FLAT_OR_FLOOR}{0,2}${STREET_POSTCODE}`, 'gu');
/** "123 45 Malmö", "SE-123 45 Upplands Väsby", "12345 MALMÖ". */
const POSTCODE = new RegExp(
  String.raw`(?<![\p{L}\p{N}\-:/.])(?<!\d[ \t])(?:SE-?[ \t]?)?(?:\d{3}[ \u00a0]\d{2}|(?<=(?:^|[\n,]|SE-?)[ \t]{0,3})\d{5})[ \u00a0]{1,2}` +
    String.raw`(?<town>\p{Lu}\p{Ll}{1,30}s[ \t]\p{Lu}\p{Ll}{1,30}|\p{Lu}\p{Ll}{1,30}(?:-\p{Lu}\p{Ll}{1,30})?|\p{Lu}{2,30})(?![\p{L}\p{N}])`,
  'gu',
);
/** The built addresses patterns, for the ReDoS inventory (tests/unit/regex-inventory.ts). */
export const ADDRESS_PATTERNS = { STREET, POSTCODE };
const POST_BOX = /(?<![\p{L}\p{N}])(?:Box|BOX|Postbox|Postfack)[ \t]+\d{1,6}(?!\d)/gu;
/** Between parts of one address: "Storgatan 12, 123 45 Malmö", "Box 123\n123 45 Malmö". */
const ADDRESS_JOIN = /^[ \t]*(?:(?:,|\r?\n)[ \t]*)?$/;

// ---------------------------------------------------------------------------
// Data, loaded on first use.

interface Data {
  names: NameLists;
  /** Person nouns and roles: "patienten", "eleven", "kollega". */
  roles: ReadonlySet<string>;
  labels: RegExp;
}

let data: Data | undefined;

function load(): Data {
  if (data) return data;
  const anchors = anchorWordsJson as AnchorWords;
  const roles = new Set<string>();
  for (const list of [anchors.roles, anchors.roleTitles, anchors.personNouns]) {
    for (const phrase of list) {
      const last = phrase.toLowerCase().split(/\s+/).pop()!;
      if (/^\p{L}+$/u.test(last)) roles.add(last);
    }
  }
  // "har man Lena…" is no role; "familjen Lindqvist" is.
  for (const w of ['man', 'personal', 'person']) roles.delete(w);
  data = { names: nameLists(firstNamesJson, surnamesJson), roles, labels: labelPattern(anchors.labels) };
  return data;
}

// ---------------------------------------------------------------------------
// Words.

interface Word {
  start: number;
  /** End of the name; a name in the genitive ends before its "s" ("Nilssons" → "Nilsson"). */
  end: number;
  /** End of the written word. */
  after: number;
  text: string;
  cap: boolean;
  /** Only letters and hyphens between capitalised parts. */
  plain: boolean;
  /** The word is the genitive of a name: its "s" is not masked. */
  genitive: boolean;
  given: 'given' | 'ambiguous' | null;
  surname: 'listed' | 'shape' | null;
  /** Inside an address, an e-mail address or a URL: not a name. */
  blocked: boolean;
}

const nfc = (w: string) => (/[\u0300-\u036f]/.test(w) ? w.normalize('NFC') : w);
const lower = (w: string) => w.toLowerCase();

function givenKind(w: string, names: NameLists): 'given' | 'ambiguous' | null {
  if (names.firstNames.has(w)) return 'given';
  if (names.ambiguousFirstNames.has(w)) return 'ambiguous';
  if (!w.includes('-')) return null;
  // "Anna-Maja", "Per-Anders": every part a given name.
  let plain = false;
  for (const part of w.split('-')) {
    if (names.firstNames.has(part)) plain = true;
    else if (!names.ambiguousFirstNames.has(part)) return null;
  }
  return plain ? 'given' : 'ambiguous';
}

function surnameKind(w: string, names: NameLists): 'listed' | 'shape' | null {
  if (names.surnames.has(w)) return 'listed';
  const parts = w.includes('-') ? w.split('-') : [w];
  if (parts.some((p) => names.surnames.has(p))) return 'listed';
  return parts.some((p) => looksLikeSurname(p, names)) ? 'shape' : null;
}

function readWords(text: string, names: NameLists, blockedSpans: readonly { start: number; end: number }[]): Word[] {
  const tokens = tokenize(text);
  const out: Word[] = [];
  const { starts, ends } = tokens;
  let b = 0;
  for (let i = 0; i < starts.length; i++) {
    let end = ends[i]!;
    const start = starts[i]!;
    const cap = /^\p{Lu}\p{Ll}/u.test(text.slice(start, start + 2)) || (end - start === 1 && /^\p{Lu}$/u.test(text[start]!));
    // "Anna-Karin", "Lindqvist-Berg": capitalised parts joined by a hyphen are one word.
    while (cap && i + 1 < starts.length && text[end] === '-' && starts[i + 1] === end + 1 && /^\p{Lu}\p{Ll}/u.test(text.slice(end + 1, end + 3))) {
      i++;
      end = ends[i]!;
    }
    const raw = nfc(text.slice(start, end));
    const plain = /^\p{L}+(?:-\p{L}+)*$/u.test(raw);
    while (b < blockedSpans.length && blockedSpans[b]!.end <= start) b++;
    const inSpan = b < blockedSpans.length && blockedSpans[b]!.start < end;
    const word: Word = { start, end, after: end, text: raw, cap, plain, genitive: false, given: null, surname: null, blocked: inSpan };
    if (cap && plain && !inSpan) {
      // "/Lena" after a space or at the start of a line signs a mail; "…/Lena" in a URL does not.
      word.blocked = insideAddress(text, start, end) && !/(?:^|\s)\/\/?$/.test(text.slice(Math.max(0, start - 3), start));
      word.given = givenKind(raw, names);
      word.surname = surnameKind(raw, names);
      if (!word.given && !word.surname && raw.length > 3 && raw.endsWith('s')) {
        // "Lenas ansökan", "Per Nilssons beslut": the name without its genitive "s".
        const base = raw.slice(0, -1);
        const given = givenKind(base, names);
        const surname = names.surnames.has(base) ? 'listed' : null;
        if (given === 'given' || surname) {
          word.given = given;
          word.surname = surname;
          word.genitive = true;
          word.end = end - 1;
          word.text = base;
        }
      }
    }
    out.push(word);
  }
  return out;
}

/** "/Lena" or "//Anna" alone at the end of a mail: a signature, not a URL. */
function signedWithSlash(text: string, start: number, end: number): boolean {
  if (text[start - 1] !== '/') return false;
  const before = start <= 6 ? `\n${text.slice(0, start)}` : text.slice(start - 6, start);
  return /\n[ \t]{0,3}\/\/?$/.test(before) && /^[ \t]*(?:\r?\n|$)/.test(text.slice(end, end + 3));
}

// ---------------------------------------------------------------------------

export function identifierSpans(text: string, options: IdentifierOptions = {}): IdentifierSpan[] {
  const { names, roles, labels } = load();
  const addresses = addressSpans(text);
  const ws = readWords(text, names, addresses);
  const gap = (a: number, b: number) => text.slice(ws[a]!.after, ws[b]!.start);
  /** Words a and a + 1 stand next to each other in one name: one or two spaces between (a tab separates columns). */
  const adjacent = (a: number) => a + 1 < ws.length && !ws[a]!.genitive && /^[ \u00a0]{1,2}$/.test(gap(a, a + 1));
  /** A name wrapped at the end of a line: "Elev: Hugo\nLindahl, …". */
  const wrapped = (a: number) => a + 1 < ws.length && !ws[a]!.genitive && /^[ \t]*\r?\n[ \t]*$/.test(gap(a, a + 1));
  const lowerAt = (k: number) => (k >= 0 && k < ws.length ? lower(ws[k]!.text) : '');
  const usable = (k: number) => k >= 0 && k < ws.length && ws[k]!.cap && ws[k]!.plain && !ws[k]!.blocked;
  const notAName = (k: number) => NOT_NAMES.has(lowerAt(k));
  /** "lex Maria", "Freja eID", "Sankt Eriks", "S:t Maria": a given name that names a thing or a place. */
  const namesAThing = (k: number) => {
    const before = lowerAt(k - 1);
    return before === 'lex' || before === 'sankt' || before === 'sankta' || /(?:^|\s)(?:S:t|S:ta|St\.)[ \t]+$/.test(text.slice(Math.max(0, ws[k]!.start - 6), ws[k]!.start)) ||
      /^[ \t]+e-?ID(?![\p{L}])/iu.test(text.slice(ws[k]!.after, ws[k]!.after + 6));
  };

  const persons: IdentifierSpan[] = [];
  const inFullName = new Uint8Array(ws.length);
  const fullNames: { start: number; value: string; first: string; last: string }[] = [];

  // Full names.
  for (let k = 0; k < ws.length; k++) {
    // "Maj", "Hans", "Inga" are words and given names: as given names they need a surname (below).
    if (!usable(k) || (notAName(k) && !ws[k]!.given)) continue;
    const w = ws[k]!;
    let j = k;
    let surnameFound = false;
    if (w.given && !namesAThing(k)) {
      let plainGiven = w.given === 'given';
      let givens = 1;
      // Middle names: "Anna Maria Berg", "Per Olof Nilsson".
      while (adjacent(j) && usable(j + 1) && ws[j + 1]!.given && !(ws[j + 1]!.surname && !(adjacent(j + 1) && usable(j + 2) && ws[j + 2]!.surname))) {
        j++;
        givens++;
        if (ws[j]!.given === 'given') plainGiven = true;
      }
      const lastGiven = j;
      j = extendSurnames(j);
      surnameFound = j > lastGiven;
      if (!surnameFound && wrapped(j) && usable(j + 1) && ws[j + 1]!.surname === 'listed' && !ws[j + 1]!.given) {
        j = extendSurnames(j + 1);
        surnameFound = true;
      }
      if (!surnameFound && plainGiven && w.given === 'given' && adjacent(j) && usable(j + 1) && !notAName(j + 1) && !ws[j + 1]!.given) {
        // "Aila Kuoljok", "Lena Xu": any capitalised word after a given name is a surname.
        j = extendSurnames(j + 1);
        surnameFound = true;
      }
      if (!surnameFound && !(givens >= 2 && plainGiven)) {
        // "Per Bo Stig": no name; nor is any part of it (this keeps the scan linear).
        k = lastGiven;
        continue;
      }
    } else if (w.surname === 'listed' && !w.given && usable(k + 1) && ws[k + 1]!.given === 'given' && /^,[ \u00a0]{1,2}$/.test(gap(k, k + 1)) && !ws[k + 1]!.genitive) {
      // "Johansson, Mikael": surname first, as in registers and case files.
      const end = ws[k + 1]!.end;
      const value = `${ws[k + 1]!.text} ${w.text}`;
      persons.push({ start: w.start, end, category: 'person', refersTo: value });
      fullNames.push({ start: w.start, value, first: lower(ws[k + 1]!.text), last: lower(w.text) });
      inFullName[k] = inFullName[k + 1] = 1;
      k++;
      continue;
    } else if (!w.given && !w.surname && !NOUN_ENDING.test(lower(w.text)) && w.text.length <= 12 && adjacent(k) && usable(k + 1) && ws[k + 1]!.surname === 'listed' && !notAName(k + 1)) {
      // "Ngozi Andersson": a listed surname after a capitalised word that may be a given name.
      j = extendSurnames(k);
    } else {
      continue;
    }
    const end = ws[j]!.end;
    const value = partsOf(k, j).join(' ');
    persons.push({ start: w.start, end, category: 'person' });
    fullNames.push({ start: w.start, value, first: lower(w.text), last: lower(ws[j]!.text) });
    for (let m = k; m <= j; m++) inFullName[m] = 1;
    k = j;
  }

  /** Surnames (and particles) after word j: "Berg", "Berg Lindqvist", "von Linné". Returns the last word of the name. */
  function extendSurnames(j: number): number {
    for (;;) {
      if (adjacent(j) && usable(j + 1) && ws[j + 1]!.surname && !notAName(j + 1)) {
        j++;
        continue;
      }
      // A particle between two parts: "Carl von Linné".
      if (adjacent(j) && j + 2 < ws.length && PARTICLES.has(ws[j + 1]!.text) && adjacent(j + 1) && usable(j + 2) && !notAName(j + 2)) {
        j += 2;
        continue;
      }
      return j;
    }
  }

  function partsOf(k: number, j: number): string[] {
    const parts: string[] = [];
    for (let m = k; m <= j; m++) parts.push(ws[m]!.text);
    return parts;
  }

  // Full names by their first and last word, for a given name or surname that stands alone.
  const byFirst = new Map<string, { start: number; value: string }[]>();
  const byLast = new Map<string, { start: number; value: string }[]>();
  const index = (map: Map<string, { start: number; value: string }[]>, key: string, entry: { start: number; value: string }) => {
    const list = map.get(key);
    if (list) list.push(entry);
    else map.set(key, [entry]);
  };
  /** Given names masked on their own earlier in the conversation: masked wherever they stand. */
  const maskedGiven = new Set<string>();
  for (const known of options.knownNames ?? []) {
    const parts = known.trim().split(/\s+/);
    if (parts.length < 2) {
      maskedGiven.add(lower(known.trim()));
      continue;
    }
    index(byFirst, lower(parts[0]!), { start: -1, value: known });
    index(byLast, lower(parts[parts.length - 1]!), { start: -1, value: known });
  }
  for (const f of fullNames) {
    index(byFirst, f.first, { start: f.start, value: f.value });
    index(byLast, f.last, { start: f.start, value: f.value });
  }
  const startsOf = new Map<object, number[]>();
  /** The full name nearest before `at` (known names count as before the text), else the first one after. */
  const aliasOf = (map: Map<string, { start: number; value: string }[]>, key: string, at: number): string | undefined => {
    const list = map.get(key);
    if (!list) return undefined;
    let i = 0;
    if (list.length > 1) {
      let starts = startsOf.get(list);
      if (!starts) startsOf.set(list, (starts = list.map((e) => e.start)));
      i = firstAtOrAfter(starts, at);
    }
    return (list[i - 1] ?? list[i])?.value;
  };

  const labelStarts = new Set<number>();
  labels.lastIndex = 0;
  for (let m = labels.exec(text); m; m = labels.exec(text)) labelStarts.add(m.index + m[0].length);

  const verbAfter = (k: number) => {
    if (k + 1 >= ws.length || !/^[ \t]{1,3}$/.test(gap(k, k + 1))) return false;
    const next = ws[k + 1]!.text;
    if (!/^\p{Ll}+$/u.test(next)) return false;
    if (VERBS.has(next)) return true;
    return next.length >= 3 && !NOT_VERBS.has(next) && /(?:ar|er|ir|or|är|år|ör|ade|de|te)$/.test(next);
  };
  const wordBefore = (k: number, set: ReadonlySet<string>, gapPattern: RegExp) => k > 0 && set.has(lowerAt(k - 1)) && gapPattern.test(gap(k - 1, k));
  /** The sentence makes word k a person. */
  const personContext = (k: number): boolean => {
    const w = ws[k]!;
    if (w.genitive) return k + 1 < ws.length && /^\p{Ll}/u.test(ws[k + 1]!.text) && /^[ \t]{1,3}$/.test(gap(k, k + 1));
    if (verbAfter(k)) return true;
    if (wordBefore(k, VERBS, /^[ \t]{1,3}$/) && k + 1 < ws.length && /^[ \t]{1,3}$/.test(gap(k, k + 1)) && /^\p{Ll}/u.test(ws[k + 1]!.text)) return true;
    if (wordBefore(k, roles, ROLE_GAP)) return true;
    if (wordBefore(k, GREETINGS, /^(?:[ \t]*,)?[ \t]+$|^[ \t]*,$/)) return true;
    if (wordBefore(k, SIGN_OFFS, /^[ \t]*(?:[,!][ \t]*)?(?:\r?\n[ \t]*)?$/) || signedWithSlash(text, w.start, w.after)) return true;
    if (labelStarts.has(w.start)) return true;
    return DESCRIBED_AFTER.test(text.slice(w.after, w.after + 40));
  };
  const titleBefore = (k: number) => k > 0 && (TITLES.has(lowerAt(k - 1)) || roles.has(lowerAt(k - 1))) && /^\.?[ \t]+$/.test(gap(k - 1, k));
  const endsClause = (k: number) => /^[ \t]*(?:[,.!?;:)]|\r?\n|$)/.test(text.slice(ws[k]!.after, ws[k]!.after + 3));

  const loneGiven = (k: number): IdentifierSpan => {
    const alias = aliasOf(byFirst, lower(ws[k]!.text), ws[k]!.start);
    return { start: ws[k]!.start, end: ws[k]!.end, category: 'person', ...(alias ? { refersTo: alias } : {}) };
  };
  // Given names and surnames on their own.
  const lone: (IdentifierSpan | undefined)[] = new Array(ws.length);
  for (let k = 0; k < ws.length; k++) {
    if (inFullName[k] || !usable(k)) continue;
    const w = ws[k]!;
    const key = lower(w.text);
    if (w.given && !namesAThing(k)) {
      const alias = aliasOf(byFirst, key, w.start);
      const context = personContext(k);
      const masked = w.given === 'given' ? alias !== undefined || context : alias !== undefined && (context || endsClause(k));
      if (masked) lone[k] = loneGiven(k);
      continue;
    }
    if (w.surname === 'listed') {
      const alias = aliasOf(byLast, key, w.start);
      const unmistakable = isUnmistakableSurname(w.text, names);
      const context = titleBefore(k) || verbAfter(k) || (w.genitive && personContext(k));
      if ((alias !== undefined && (unmistakable || context)) || (unmistakable && context) || titleBefore(k)) {
        lone[k] = { start: w.start, end: w.end, category: 'person', ...(alias ? { refersTo: alias } : {}) };
      }
    }
  }
  // "Lena och Kalle är …", "Deltagare: Anna, Lena och Noah": given names listed with a masked one are people too.
  const joined = (a: number, b: number) => /^(?:[ \t]*,[ \t]*|[ \t]+(?:och|samt|and|eller|or)[ \t]+|[ \t]*,[ \t]*(?:och|samt|and)[ \t]+)$/.test(gap(a, b));
  const unmasked = (k: number) => lone[k] === undefined && !inFullName[k] && usable(k) && ws[k]!.given !== null && !namesAThing(k);
  const listedWith = (k: number, other: number) =>
    unmasked(k) &&
    (ws[k]!.given === 'given' || aliasOf(byFirst, lower(ws[k]!.text), ws[k]!.start) !== undefined) &&
    (lone[other] !== undefined || inFullName[other] === 1) &&
    joined(Math.min(k, other), Math.max(k, other));
  for (let k = 1; k < ws.length; k++) if (listedWith(k, k - 1) || listedWith(k, k - 2)) lone[k] = loneGiven(k);
  for (let k = ws.length - 2; k >= 0; k--) if (listedWith(k, k + 1) || listedWith(k, k + 2)) lone[k] = loneGiven(k);
  // "Lena är sjukskriven. … jag pratade med Lena igår": a given name masked once is masked wherever it stands.
  for (let k = 0; k < ws.length; k++) if (lone[k] && ws[k]!.given === 'given') maskedGiven.add(lower(ws[k]!.text));
  for (let k = 0; k < ws.length; k++) if (unmasked(k) && ws[k]!.given === 'given' && maskedGiven.has(lower(ws[k]!.text))) lone[k] = loneGiven(k);
  for (const s of lone) if (s) persons.push(s);

  // Initials.
  INITIALS.lastIndex = 0;
  for (let m = INITIALS.exec(text); m; m = INITIALS.exec(text)) {
    if (NOT_INITIALS.has(m[0].replace(/\s/g, '').toLowerCase())) continue;
    persons.push({ start: m.index, end: m.index + m[0].length, category: 'person' });
  }

  return [...addresses.map((a) => ({ ...a, category: 'address' as const })), ...persons].sort((a, b) => a.start - b.start);
}

/** Street addresses, postcodes with their town and post boxes; a street or box and the postcode after it are one span. */
export function addressSpans(text: string): { start: number; end: number }[] {
  const found: { start: number; end: number; postcode: boolean }[] = [];
  for (const pattern of [STREET, POSTCODE, POST_BOX]) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const town = m.groups?.['town'];
      if (town && NOT_NAMES.has(town.toLowerCase())) continue;
      found.push({ start: m.index, end: m.index + m[0].length, postcode: pattern === POSTCODE });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: { start: number; end: number }[] = [];
  let lastWasPostcode = true;
  for (const f of found) {
    const last = merged[merged.length - 1];
    if (last && (f.start < last.end || (f.postcode && !lastWasPostcode && ADDRESS_JOIN.test(text.slice(last.end, f.start))))) {
      last.end = Math.max(last.end, f.end);
    } else {
      merged.push({ start: f.start, end: f.end });
    }
    lastWasPostcode = f.postcode;
  }
  return merged;
}

/** The names and addresses to mask beside a masking's findings, for a text with at least one finding. */
export function identifiersToMask(text: string, hasFindings: boolean, knownNames: readonly string[]): IdentifierSpan[] {
  return hasFindings ? identifierSpans(text, { knownNames }) : [];
}
