/**
 * The rules/ data the extension ships (lib/rules/packed-data.ts, produced at
 * build time by scripts/rules-data-plugin.ts) is the data of the JSON files,
 * without their $comment notes: every file comes back unchanged, packed or not.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packData, shippedData, unpackData, withoutComments } from '../../lib/rules/packed-data';
import { fromBase64, toBase64 } from '../../lib/text/base64';
import { rulesModuleCode } from '../../scripts/rules-data-plugin';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
  );
}

/** The JSON value without $comment keys, at any depth. */
function stripComments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripComments);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== '$comment').map(([k, v]) => [k, stripComments(v)]));
  }
  return value;
}

const FILES = jsonFiles(join(ROOT, 'rules')).map((path) => [relative(ROOT, path).replaceAll('\\', '/'), path] as const);

describe('rules/ data as shipped', () => {
  it('covers the data files', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(10);
  });

  it.each(FILES)('%s comes back unchanged, without $comment', (_, path) => {
    const text = readFileSync(path, 'utf8');
    const expected = stripComments(JSON.parse(text));
    const shipped = shippedData(text);
    const value = shipped.kind === 'packed' ? unpackData(shipped.packed) : JSON.parse(shipped.json);
    expect(value).toEqual(expected);
    // Same keys in the same order, so nothing that iterates the data sees a difference.
    expect(JSON.stringify(value)).toBe(JSON.stringify(expected));
    expect(JSON.stringify(value)).not.toContain('"$comment"');
  });

  it.each(FILES)('%s: the module the build puts in its place exports that value', (_, path) => {
    const text = readFileSync(path, 'utf8');
    const shipped = shippedData(text);
    const code = rulesModuleCode(text);
    if (shipped.kind === 'packed') {
      expect(code).toContain(`unpackData(${JSON.stringify(shipped.packed)})`);
      expect(code).toMatch(/^import \{ unpackData \} from ".*[\\/]lib[\\/]rules[\\/]packed-data\.ts";$/m);
    } else {
      expect(code).toBe(`export default ${shipped.json};\n`);
    }
  });

  it('packs where that is shorter: the word lists, vocabulary and rule texts', () => {
    const kind = (file: string) => shippedData(readFileSync(join(ROOT, file), 'utf8')).kind;
    for (const file of ['rules/names/first-names.json', 'rules/sensitive/vocabulary.json', 'rules/packs/other-data.json']) expect(kind(file), file).toBe('packed');
    // Compressed already: packing again would make it longer.
    expect(kind('rules/test-personnummer.json')).toBe('literal');
  });

  it('keeps text outside ASCII and JSON escapes intact', () => {
    const value = { a: ['Åsa', 'Özgür', 'Zając', '“quoted”', 'tab\there', 'line\nbreak', '\u2028', '😀'], $comment: 'gone', n: [1, 2.5, null, true] };
    expect(unpackData(packData(withoutComments(JSON.stringify(value))))).toEqual({ a: value.a, n: value.n });
  });
});

describe('base64', () => {
  it('round-trips every length and byte value', () => {
    for (let length = 0; length < 70; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 97 + length * 31) & 0xff);
      const text = toBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(fromBase64(text)).toEqual(bytes);
    }
  });

  it('refuses characters that are not base64', () => {
    expect(() => fromBase64('AB-C')).toThrow('invalid base64 character "-"');
    expect(() => fromBase64('ABÅC')).toThrow('invalid base64 character "Å"');
    expect(() => fromBase64('AB😀C')).toThrow('invalid base64 character "😀"');
  });
});
