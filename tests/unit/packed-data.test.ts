/**
 * The rules/ data the extension ships (lib/rules/packed-data.ts, produced at
 * build time by scripts/rules-data-plugin.ts) is the data of the JSON files,
 * without their $comment notes: every file comes back unchanged, packed or not,
 * also through a real minified build.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';
import { FRONT_CODED, frontCoded, fromBase92, joinParts, toBase92, unpackRules, withoutComments } from '../../lib/rules/packed-data';
import { fromBase64, toBase64 } from '../../lib/text/base64';
import { packedModuleCode, packTexts, rulesData, rulesModuleCode, rulesPacking, shippedJson } from '../../scripts/rules-data-plugin';

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
const packing = rulesPacking();
const unpacked = unpackRules(packing.packed);

/** What the extension holds for a file: its part of the packed string, or its literal. */
function shippedValue(name: string): unknown {
  const literal = packing.literals.get(name);
  return literal !== undefined ? JSON.parse(literal) : unpacked[packing.parts.indexOf(name)];
}

/** The file's data as the extension must see it, and the same as text: same keys in the same order. */
function expected(path: string): { value: unknown; text: string } {
  const value = stripComments(JSON.parse(readFileSync(path, 'utf8')));
  return { value, text: JSON.stringify(value) };
}

describe('rules/ data as shipped', () => {
  it('covers the data files: each one packed or a literal', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(10);
    expect([...packing.parts, ...packing.literals.keys()].sort()).toEqual(FILES.map(([name]) => name).sort());
    expect(unpacked).toHaveLength(packing.parts.length);
  });

  it.each(FILES)('%s comes back unchanged, without $comment', (name, path) => {
    const value = shippedValue(name);
    const want = expected(path);
    expect(value).toEqual(want.value);
    // Same keys in the same order, so nothing that iterates the data sees a difference.
    expect(JSON.stringify(value)).toBe(want.text);
    expect(JSON.stringify(value)).not.toContain('"$comment"');
  });

  it.each(FILES)('%s: the module the build puts in its place exports that value', (name) => {
    const code = rulesModuleCode(name, packing);
    const literal = packing.literals.get(name);
    if (literal !== undefined) expect(code).toBe(`export default ${literal};\n`);
    else expect(code).toBe(`import parts from "\\u0000promptvakt-rules:packed.js";\nexport default parts[${packing.parts.indexOf(name)}];\n`);
  });

  it('the packed string is unpacked by a module of its own', () => {
    const code = packedModuleCode(packing);
    expect(code).toContain(`unpackRules(${JSON.stringify(packing.packed)})`);
    expect(code).toMatch(/^import \{ unpackRules \} from ".*[\\/]lib[\\/]rules[\\/]packed-data\.ts";$/m);
  });

  it('packs all files but the test personnummer, which are compressed already and ship as a literal', () => {
    expect([...packing.literals.keys()]).toEqual(['rules/test-personnummer.json']);
    expect(packing.literals.get('rules/test-personnummer.json')).toBe(withoutComments(readFileSync(join(ROOT, 'rules/test-personnummer.json'), 'utf8')));
    for (const file of ['rules/names/first-names.json', 'rules/sensitive/vocabulary.json', 'rules/packs/other-data.json', 'rules/sites.json']) {
      expect(packing.parts, file).toContain(file);
      expect(packing.cost.get(file), file).toBeGreaterThan(0);
    }
    // The name lists, sorted, are front-coded; the vocabulary packs smaller as it is.
    expect(packing.shipped.get('rules/names/first-names.json')).toContain(JSON.stringify(FRONT_CODED));
    expect(packing.shipped.get('rules/sensitive/vocabulary.json')).toBe(withoutComments(readFileSync(join(ROOT, 'rules/sensitive/vocabulary.json'), 'utf8')));
    // Denser than each file on its own in base64, as before (about 38.6 KB for these files).
    expect(packing.packed.length).toBeLessThan(32_000);
  });

  it('the packed string needs no escapes in a template literal or a string', () => {
    expect(packing.packed).toMatch(/^[ -~]*$/);
    expect(packing.packed).not.toMatch(/[\\`$]/);
  });

  it('keeps text outside ASCII, JSON escapes and the separators intact', () => {
    const value = {
      a: ['Åsa', 'Özgür', 'Zając', '“quoted”', 'tab\there', 'line\nbreak', '\u2028', '😀', '","', '"', ',', ''],
      n: [1, 2.5, null, true, -0.5e-7],
      o: { '': 'empty key', 'x","y': ['\u0001', '\u0002', '\u0000'] },
    };
    const text = JSON.stringify({ ...value, $comment: 'gone' });
    const [back] = unpackRules(packTexts([shippedJson(text)]));
    expect(JSON.stringify(back)).toBe(JSON.stringify(value));
  });

  it('front-codes long sorted lists when that is smaller, and brings them back exactly', () => {
    const names = Array.from({ length: 400 }, (_, i) => `Anders${String.fromCharCode(97 + (i % 26))}${i}`).sort();
    const unsorted = ['Örjan', 'Anna', '', 'Anna', 'Annabella', 'Ann', 'A😀b', 'A😀c', ...names.slice(0, 20)];
    const text = JSON.stringify({ names, unsorted, short: ['Bo', 'Bob'], mixed: ['a', 1, 'b'] });
    const shipped = shippedJson(text);
    expect(shipped).toContain(JSON.stringify(FRONT_CODED));
    expect(JSON.stringify(unpackRules(packTexts([shipped]))[0])).toBe(text);
    expect(frontCoded(['Anna', 'Annika', 'Bo'])).toEqual([FRONT_CODED, '0Anna', '3ika', '0Bo']);
  });

  it('several parts come back in their order', () => {
    const texts = ['{"a":["x","y"]}', '[]', '"s"', '{"b":{"c":["x","y"]}}'];
    expect(unpackRules(packTexts(texts)).map((v) => JSON.stringify(v))).toEqual(texts);
  });

  it('refuses data it could not bring back', () => {
    expect(() => joinParts(['"a\u0001b"'])).toThrow('raw control character');
    expect(() => shippedJson(JSON.stringify({ list: [FRONT_CODED, ...Array.from({ length: 20 }, (_, i) => `n${i}`)] }))).toThrow('front-coded');
  });

  it('a minified build of modules that import every rules/ file gets the same values', async () => {
    const entry = '\0all-rules-entry.js';
    const imports = FILES.map(([, path], i) => `import f${i} from ${JSON.stringify(path)};`).join('\n');
    const result = (await build({
      configFile: false,
      logLevel: 'silent',
      root: ROOT,
      plugins: [
        rulesData(),
        {
          name: 'entry',
          resolveId: (id) => (id === entry ? entry : null),
          load: (id) => (id === entry ? `${imports}\nexport default [${FILES.map((_, i) => `f${i}`).join(', ')}];\n` : null),
        },
      ],
      build: { write: false, minify: true, rollupOptions: { input: entry, preserveEntrySignatures: 'strict', output: { format: 'cjs', exports: 'named' } } },
    })) as Rollup.RollupOutput | Rollup.RollupOutput[];
    const output = (Array.isArray(result) ? result[0]! : result).output;
    const chunk = output.find((o): o is Rollup.OutputChunk => o.type === 'chunk' && o.isEntry)!;
    expect(chunk.code).not.toContain('$comment');
    // The packed string went through the minifier unescaped.
    expect(chunk.code).toContain(packing.packed);
    const dir = mkdtempSync(join(tmpdir(), 'promptvakt-rules-'));
    const file = join(dir, 'all-rules.cjs');
    writeFileSync(file, chunk.code);
    const values = (createRequire(import.meta.url)(file) as { default: unknown[] }).default;
    rmSync(dir, { recursive: true });
    FILES.forEach(([name, path], i) => expect(JSON.stringify(values[i]), name).toBe(expected(path).text));
  });
});

describe('base92', () => {
  it('round-trips every length and byte value', () => {
    for (let length = 0; length < 300; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 97 + length * 31) & 0xff);
      expect(fromBase92(toBase92(bytes))).toEqual(bytes);
    }
    for (const fill of [0, 0xff]) {
      for (let length = 0; length < 40; length++) {
        const bytes = new Uint8Array(length).fill(fill);
        expect(fromBase92(toBase92(bytes))).toEqual(bytes);
      }
    }
  });

  it('round-trips random data, in 92 printable ASCII characters, about 1.23 per byte', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    const seen = new Set<string>();
    for (let n = 0; n < 50; n++) {
      const bytes = Uint8Array.from({ length: 1 + random() * 16 + random() }, random);
      const text = toBase92(bytes);
      for (const c of text) seen.add(c);
      expect(fromBase92(text)).toEqual(bytes);
      if (bytes.length > 1000) expect(text.length / bytes.length).toBeLessThan(1.24);
    }
    expect(seen.size).toBe(92);
    expect([...seen].every((c) => c >= ' ' && c <= '~' && !'\\`$'.includes(c))).toBe(true);
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
