/**
 * The form in which the extension ships the data in rules/*.json. The JSON
 * files stay the readable source of truth: the CLI and the unit tests read
 * them as they are, and the build validates them (wxt.config.ts). At build
 * time scripts/rules-data-plugin.ts turns the files into one packed string,
 * and each imported file into a module exporting its part of it: the same
 * data without its `$comment` notes (documentation that no code reads; every
 * schema has them optional). The content script that every protected AI page
 * loads has a size limit (tests/e2e/manifest.spec.ts), and this is most of
 * its data, so the packing is as dense as it can be while staying simple:
 *
 * - the files' JSON texts are compressed together (zlib), so one file's words
 *   help with another's, joined by a control character that JSON text never
 *   holds (PART_SEPARATOR); so is the `","` between strings (LIST_SEPARATOR);
 * - long string lists that are sorted, like the name lists, may be front-coded
 *   (frontCoded(): each entry without the start it shares with the entry before);
 * - the compressed bytes are written in 92 printable ASCII characters (base92)
 *   instead of base64's 64: two characters carry 13 or 14 bits, not 12.
 *
 * Data that is compressed already (the test personnummer) gains nothing from
 * this and ships as a plain object literal. tests/unit/packed-data.test.ts
 * checks that every file comes back unchanged.
 */
import { unzlibSync } from 'fflate';

/** The JSON text without `$comment` notes, at any depth. */
export function withoutComments(text: string): string {
  return JSON.stringify(JSON.parse(text, (key, value: unknown) => (key === '$comment' ? undefined : value)));
}

/*
 * Separators in the text that is compressed. JSON text never contains a raw
 * control character (inside strings they are escaped), so these cannot clash.
 */
/** Between the JSON texts of the files. */
export const PART_SEPARATOR = '\x02';
/** Stands for `","`, the separator of a string list, the most common sequence in the data. */
export const LIST_SEPARATOR = '\x01';

/**
 * The first entry of a front-coded list. No list in rules/ starts with it
 * (scripts/rules-data-plugin.ts refuses to pack one that does).
 */
export const FRONT_CODED = '\0';

/**
 * A string list front-coded: FRONT_CODED, then each entry as one character
 * giving how many leading characters it shares with the entry before
 * ('0' + n), followed by the rest of it.
 */
export function frontCoded(list: readonly string[]): string[] {
  let previous = '';
  return [
    FRONT_CODED,
    ...list.map((entry) => {
      let shared = 0;
      while (shared < previous.length && shared < entry.length && previous[shared] === entry[shared]) shared++;
      previous = entry;
      return String.fromCharCode(48 + shared) + entry.slice(shared);
    }),
  ];
}

/** JSON.parse reviver: a front-coded list back as it was. */
function revive(_key: string, value: unknown): unknown {
  if (!Array.isArray(value) || value[0] !== FRONT_CODED) return value;
  let previous = '';
  return value.slice(1).map((entry: string) => (previous = previous.slice(0, entry.charCodeAt(0) - 48) + entry.slice(1)));
}

/*
 * base92: the bytes as a string of the printable ASCII characters except the
 * backslash, the backtick and `$`, so that it needs no escapes in the template
 * literal the minifier writes it as. The bit packing is basE91's (Joachim
 * Henke): each pair of characters is a number below 92² = 8464 that carries
 * the next 13 bits, or the next 14 when their low 13 bits are at most
 * SHORT_MAX (then the number is still below 8464).
 */
const BASE = 92;
const SHORT_MAX = BASE * BASE - 8192 - 1;

/** The character of digit `d` (0–91): ' ' … '~' without '$', '\\' and '`'. */
function digitChar(d: number): string {
  let code = d + 32;
  if (code >= 36) code++;
  if (code >= 92) code++;
  if (code >= 96) code++;
  return String.fromCharCode(code);
}

export function toBase92(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let n = 0;
  for (const byte of bytes) {
    bits |= byte << n;
    n += 8;
    if (n > 13) {
      let value = bits & 8191;
      if (value > SHORT_MAX) {
        bits >>= 13;
        n -= 13;
      } else {
        value = bits & 16383;
        bits >>= 14;
        n -= 14;
      }
      out += digitChar(value % BASE) + digitChar(Math.floor(value / BASE));
    }
  }
  if (n > 0) {
    out += digitChar(bits % BASE);
    if (n > 7 || bits >= BASE) out += digitChar(Math.floor(bits / BASE));
  }
  return out;
}

export function fromBase92(text: string): Uint8Array {
  const out = new Uint8Array(Math.ceil((text.length * 7) / 8) + 1);
  let o = 0;
  let bits = 0;
  let n = 0;
  let value = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Not checked: the text is the build's own, and a damaged one fails to inflate or to parse.
    const d = code - 32 - +(code > 36) - +(code > 92) - +(code > 96);
    if (value < 0) {
      value = d;
      continue;
    }
    value += d * BASE;
    bits |= value << n;
    n += (value & 8191) > SHORT_MAX ? 13 : 14;
    do {
      out[o++] = bits & 255;
      bits >>= 8;
      n -= 8;
    } while (n > 7);
    value = -1;
  }
  if (value >= 0) out[o++] = (bits | (value << n)) & 255;
  return out.subarray(0, o);
}

/**
 * The text that is compressed, from the shipped JSON texts of the files
 * (scripts/rules-data-plugin.ts): the inverse of the split in unpackRules().
 */
export function joinParts(jsonTexts: readonly string[]): string {
  for (const json of jsonTexts) {
    if (/[\0-\x1f]/.test(json)) throw new Error('JSON text with a raw control character cannot be packed');
  }
  return jsonTexts.join(PART_SEPARATOR).replaceAll('","', LIST_SEPARATOR);
}

/** The values of the files packed in `packed`, in their order; used at run time. */
export function unpackRules(packed: string): unknown[] {
  return new TextDecoder()
    .decode(unzlibSync(fromBase92(packed)))
    .replaceAll(LIST_SEPARATOR, '","')
    .split(PART_SEPARATOR)
    .map((json) => JSON.parse(json, revive) as unknown);
}
