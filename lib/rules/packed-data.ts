/**
 * The form in which the extension ships the data in rules/*.json. The JSON
 * files stay the readable source of truth: the CLI and the unit tests read
 * them as they are, and the build validates them (wxt.config.ts). At build
 * time scripts/rules-data-plugin.ts turns each imported file into a module
 * holding the same data without its `$comment` notes (documentation that no
 * code reads; every schema has them optional) and, where that is shorter, as
 * one zlib-compressed base64 string that unpackData() turns back into the same
 * value when the module is loaded. The word lists, vocabulary and rule texts
 * shrink to about half, which keeps the content script that every protected AI
 * page loads under its size limit (tests/e2e/manifest.spec.ts);
 * tests/unit/packed-data.test.ts checks that every file comes back unchanged.
 */
import { strFromU8, strToU8, unzlibSync, zlibSync } from 'fflate';
import { fromBase64, toBase64 } from '../text/base64';

/** A data file as the extension ships it: packed, or as a plain object literal. */
export type ShippedData = { kind: 'packed'; packed: string } | { kind: 'literal'; json: string };

/** The JSON text without `$comment` notes, at any depth. */
export function withoutComments(text: string): string {
  return JSON.stringify(JSON.parse(text, (key, value: unknown) => (key === '$comment' ? undefined : value)));
}

export function packData(json: string): string {
  return toBase64(zlibSync(strToU8(json), { level: 9 }));
}

/** The value packData() packed; used at run time. */
export function unpackData(packed: string): unknown {
  return JSON.parse(strFromU8(unzlibSync(fromBase64(packed))));
}

/**
 * The shipped form of a rules/ file: packed when the packed string is shorter
 * than the JSON (word lists, vocabulary, rule texts), a literal when it is not
 * (data that is compressed already, like the test personnummer).
 */
export function shippedData(text: string): ShippedData {
  const json = withoutComments(text);
  const packed = packData(json);
  return packed.length < json.length ? { kind: 'packed', packed } : { kind: 'literal', json };
}
