/**
 * Vite plugin (wxt.config.ts): every import of a rules/ JSON file becomes a
 * module exporting the same data in its shipped form (lib/rules/packed-data.ts):
 * without `$comment` notes, and, for all files but those that are compressed
 * already, as its part of one packed string that a shared module unpacks when
 * it is loaded. Every bundle that imports rules/ data holds all of the packed
 * files (the content script, the background and the pages use all of them).
 * Only default imports (`import data from '…/rules/x.json'`) are supported,
 * which is how lib/ imports them; a named import fails the build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, deflateSync } from 'node:zlib';
import { zlibSync } from 'fflate';
import type { Plugin } from 'vite';
import { FRONT_CODED, frontCoded, joinParts, toBase92, withoutComments } from '../lib/rules/packed-data';

const PREFIX = '\0promptvakt-rules:';
const PACKED_ID = `${PREFIX}packed.js`;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RULES_DIR = resolve(ROOT, 'rules') + sep;
const UNPACK_MODULE = resolve(ROOT, 'lib/rules/packed-data.ts');

/** How the rules/ files ship. */
export interface RulesPacking {
  /** The packed string (lib/rules/packed-data.ts: unpackRules()). */
  packed: string;
  /** The packed files (paths relative to the repository, `/`-separated), in the order of their parts. */
  parts: string[];
  /** The files that ship as an object literal, with their JSON text (without `$comment`). */
  literals: Map<string, string>;
  /** Each packed file's JSON text as packed (without `$comment`, maybe with front-coded lists). */
  shipped: Map<string, string>;
  /** What each packed file adds to the packed string, in characters (scripts/content-size.ts). */
  cost: Map<string, number>;
}

/**
 * The smallest zlib stream of the ones node's zlib and fflate make; any of them
 * inflates to the same text. Node's zlib packs this data 4 % smaller, but its
 * output may vary with the Node version and the processor, so the choices
 * below are made with fflate's alone (quickCompress), and only the size of
 * the packed string may vary from machine to machine, never its content.
 */
export function compress(text: string): Uint8Array {
  const input = Buffer.from(text, 'utf8');
  let best = quickCompress(text);
  for (const memLevel of [8, 9]) {
    for (const strategy of [constants.Z_DEFAULT_STRATEGY, constants.Z_FILTERED]) {
      const out = deflateSync(input, { level: 9, memLevel, strategy });
      if (out.length < best.length) best = out;
    }
  }
  return best;
}

/** fflate's zlib stream: the same on every machine. */
function quickCompress(text: string): Uint8Array {
  return zlibSync(Buffer.from(text, 'utf8'), { level: 9 });
}

/** The packed string of the shipped JSON texts. */
export function packTexts(jsonTexts: readonly string[]): string {
  return toBase92(compress(joinParts(jsonTexts)));
}

/** Lists worth front-coding: long lists of strings. */
const FRONT_CODING_MIN = 16;

/**
 * The JSON text of a rules/ file as it is packed: without `$comment`, and
 * with its long string lists front-coded when that compresses to less.
 */
export function shippedJson(text: string): string {
  const plain = withoutComments(text);
  let lists = 0;
  const coded = JSON.stringify(JSON.parse(plain), (_key, value: unknown) => {
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return value;
    if (value[0] === FRONT_CODED) throw new Error(`a string list starts with ${JSON.stringify(FRONT_CODED)}, which marks front-coded lists`);
    if (value.length < FRONT_CODING_MIN) return value;
    lists++;
    return frontCoded(value);
  });
  if (lists === 0) return plain;
  return quickCompress(joinParts([coded])).length < quickCompress(joinParts([plain])).length ? coded : plain;
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : []))
    .sort();
}

const cache = new Map<string, RulesPacking>();

/**
 * A file whose JSON text compresses to more than this share of its length on
 * its own holds data that is compressed already (the test personnummer: 76 %;
 * the word lists and rule texts: 41 % or less). It ships as a literal, which
 * is about as long as its share of the packed string would be.
 */
const COMPRESSED_ALREADY = 0.6;

/** How the files in `dir` (default rules/) ship: packed together, or as literals (COMPRESSED_ALREADY). */
export function rulesPacking(dir = RULES_DIR): RulesPacking {
  const files = jsonFiles(dir).map((path) => ({ name: relative(ROOT, path).replaceAll('\\', '/'), text: readFileSync(path, 'utf8') }));
  const key = JSON.stringify(files);
  const cached = cache.get(key);
  if (cached) return cached;

  const literals = new Map<string, string>();
  const shipped = new Map<string, string>();
  for (const { name, text } of files) {
    const json = withoutComments(text);
    if (quickCompress(json).length > json.length * COMPRESSED_ALREADY) literals.set(name, json);
    else shipped.set(name, shippedJson(text));
  }
  const parts = [...shipped.keys()];
  const packed = packTexts(parts.map((p) => shipped.get(p)!));
  // For scripts/content-size.ts: how much shorter the packed string would be without each file.
  const cost = new Map(parts.map((name) => [name, packed.length - packTexts(parts.filter((p) => p !== name).map((p) => shipped.get(p)!)).length] as const));
  const packing: RulesPacking = { packed, parts, literals, shipped, cost };
  cache.set(key, packing);
  return packing;
}

/** The code of the module that unpacks the packed string. */
export function packedModuleCode(packing: RulesPacking): string {
  return `import { unpackRules } from ${JSON.stringify(UNPACK_MODULE)};\nexport default /* @__PURE__ */ unpackRules(${JSON.stringify(packing.packed)});\n`;
}

/** The module code that stands in for a rules/ file (`name` relative to the repository, `/`-separated). */
export function rulesModuleCode(name: string, packing: RulesPacking): string {
  const literal = packing.literals.get(name);
  if (literal !== undefined) return `export default ${literal};\n`;
  const index = packing.parts.indexOf(name);
  if (index < 0) throw new Error(`${name} is not a rules/ data file`);
  return `import parts from ${JSON.stringify(PACKED_ID)};\nexport default parts[${index}];\n`;
}

export function rulesData(): Plugin {
  return {
    name: 'promptvakt:rules-data',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (source === PACKED_ID) return PACKED_ID;
      if (!source.endsWith('.json') || !importer || importer.startsWith(PREFIX)) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      if (!resolved || !resolve(resolved.id).startsWith(RULES_DIR)) return null;
      // Not ending in .json, so Vite's own JSON plugin leaves the module alone.
      return `${PREFIX}${resolved.id}.js`;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const packing = rulesPacking();
      if (id === PACKED_ID) {
        for (const name of packing.parts) this.addWatchFile(resolve(ROOT, name));
        return packedModuleCode(packing);
      }
      const file = id.slice(PREFIX.length, -'.js'.length);
      this.addWatchFile(file);
      return rulesModuleCode(relative(ROOT, file).replaceAll('\\', '/'), packing);
    },
  };
}
