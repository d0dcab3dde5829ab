/**
 * Readers for the policy export formats, written apart from the writers
 * (cli/policy-export.ts) so the tests check the files as a browser reads them:
 *   - readRegFile + chromeRegistryPolicy: a .reg file, then Chrome's
 *     conversion of a registry key into a policy with the extension's schema
 *     (components/policy/core/common/registry_dict.cc);
 *   - readPlist: a strict reader for the XML property-list subset.
 */

export interface RegKey {
  values: Map<string, RegValue>;
  keys: Map<string, RegKey>;
}
export type RegValue = { type: 'REG_SZ'; data: string } | { type: 'REG_DWORD'; data: number };

export interface RegFile {
  /** Keys in the order their [sections] appear (full paths). */
  sections: string[];
  /** Keys deleted with [-…]. */
  deleted: string[];
  /** Registry tree from the hive down. */
  root: RegKey;
}

const newKey = (): RegKey => ({ values: new Map(), keys: new Map() });

export function readRegFile(bytes: Buffer): RegFile {
  if (bytes[0] !== 0xff || bytes[1] !== 0xfe) throw new Error('a .reg file must be UTF-16LE with a byte-order mark');
  const text = bytes.subarray(2).toString('utf16le');
  const lines = text.split('\r\n');
  if (lines[0] !== 'Windows Registry Editor Version 5.00') throw new Error(`bad header ${JSON.stringify(lines[0])}`);
  if (lines.some((l) => l.includes('\n'))) throw new Error('a bare \\n line break');
  const file: RegFile = { sections: [], deleted: [], root: newKey() };
  let current: RegKey | null = null;
  for (const line of lines.slice(1)) {
    if (!line || line.startsWith(';')) continue;
    const deletion = /^\[-(.+)\]$/.exec(line);
    if (deletion) {
      file.deleted.push(deletion[1]!);
      current = null;
      continue;
    }
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      file.sections.push(section[1]!);
      current = section[1]!.split('\\').reduce((key, part) => {
        const existing = subkey(key, part);
        if (existing) return existing;
        const created = newKey();
        key.keys.set(part, created);
        return created;
      }, file.root);
      continue;
    }
    if (!current) throw new Error(`value outside a key: ${line}`);
    const value = /^"((?:[^"\\]|\\.)*)"=(.*)$/.exec(line);
    if (!value) throw new Error(`cannot read line: ${line}`);
    current.values.set(unescape(value[1]!), parseData(value[2]!));
  }
  return file;
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

function parseData(data: string): RegValue {
  const dword = /^dword:([0-9a-f]{8})$/.exec(data);
  if (dword) return { type: 'REG_DWORD', data: parseInt(dword[1]!, 16) | 0 };
  const quoted = /^"((?:[^"\\]|\\.)*)"$/.exec(data);
  if (quoted) return { type: 'REG_SZ', data: unescape(quoted[1]!) };
  const hex = /^hex\(1\):([0-9a-f]{2}(?:,[0-9a-f]{2})*)$/.exec(data);
  if (hex) {
    const text = Buffer.from(hex[1]!.split(',').map((b) => parseInt(b, 16))).toString('utf16le');
    if (!text.endsWith('\u0000')) throw new Error('hex(1) data must end with a NUL character');
    return { type: 'REG_SZ', data: text.slice(0, -1) };
  }
  throw new Error(`unknown value data ${data}`);
}

/** Windows finds keys whatever their case; the first spelling is kept (Chrome's schema lookup is case-sensitive). */
function subkey(key: RegKey, name: string): RegKey | undefined {
  for (const [k, v] of key.keys) if (k.toLowerCase() === name.toLowerCase()) return v;
  return undefined;
}

export function regKeyAt(file: RegFile, path: string): RegKey | undefined {
  let key: RegKey | undefined = file.root;
  for (const part of path.split('\\')) key = key && subkey(key, part);
  return key;
}

type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema };

/**
 * A registry key as Chrome turns it into a policy value: guided by the
 * extension's schema, DWORDs become booleans or integers, subkeys objects or
 * (numbered) lists. Chrome keeps a key's entries in a map ordered by name as
 * case-insensitive text and appends list subkeys before list values; so does this.
 */
export function chromeRegistryPolicy(key: RegKey, schema: Schema): unknown {
  const byName = <T>(m: Map<string, T>) => [...m].sort(([a], [b]) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
  if (schema.type === 'array') {
    const numeric = ([name]: [string, unknown]) => /^\d+$/.test(name);
    return [
      ...byName(key.keys).filter(numeric).map(([, k]) => chromeRegistryPolicy(k, schema.items ?? {})),
      ...byName(key.values).filter(numeric).map(([, v]) => convertValue(v, schema.items ?? {})),
    ];
  }
  const out: Record<string, unknown> = {};
  for (const [name, value] of key.values) out[name] = convertValue(value, schema.properties?.[name] ?? {});
  for (const [name, sub] of key.keys) out[name] = chromeRegistryPolicy(sub, schema.properties?.[name] ?? {});
  return out;
}

function convertValue(value: RegValue, schema: Schema): unknown {
  if (schema.type === 'boolean' && value.type === 'REG_DWORD') return value.data !== 0;
  if (schema.type === 'integer' && value.type === 'REG_SZ') return Number.parseInt(value.data, 10);
  return value.data;
}

// ---------------------------------------------------------------------------

/** Reads an Apple XML property list; throws on anything malformed or outside plist's tags. */
export function readPlist(xml: string): unknown {
  const header = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n';
  if (!xml.startsWith(header)) throw new Error('missing XML declaration or plist DOCTYPE');
  const tokens = [...xml.slice(header.length).matchAll(/<(\/?)([a-z]+)(?: version="1\.0")?(\/?)>|([^<]+)/g)];
  const consumed = tokens.map((t) => t[0]).join('');
  if (consumed !== xml.slice(header.length)) throw new Error('stray "<" in the document');
  let i = 0;
  const next = () => {
    const t = tokens[i++];
    if (!t) throw new Error('unexpected end of document');
    return t;
  };
  const skipSpace = () => {
    while (tokens[i]?.[4] !== undefined && !tokens[i]![4]!.trim()) i++;
  };
  const text = (tag: string) => {
    let content = '';
    if (tokens[i]?.[4] !== undefined) content = next()[4]!;
    const close = next();
    if (close[1] !== '/' || close[2] !== tag) throw new Error(`<${tag}> not closed`);
    if (/&(?!amp;|lt;|gt;|quot;|apos;)/.test(content)) throw new Error(`bare & in <${tag}>`);
    return content.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  };
  const value = (): unknown => {
    skipSpace();
    const open = next();
    const [, closing, tag, selfClosing] = open;
    if (closing || open[4] !== undefined) throw new Error(`expected a value, got ${open[0]}`);
    if (selfClosing) {
      if (tag === 'true') return true;
      if (tag === 'false') return false;
      if (tag === 'array') return [];
      if (tag === 'dict') return {};
      throw new Error(`<${tag}/> is not a plist value`);
    }
    if (tag === 'string') return text('string');
    if (tag === 'integer') {
      const n = text('integer');
      if (!/^-?\d+$/.test(n)) throw new Error(`bad integer ${n}`);
      return Number(n);
    }
    if (tag === 'array') {
      const items: unknown[] = [];
      for (skipSpace(); !(tokens[i]?.[1] === '/' && tokens[i]?.[2] === 'array'); skipSpace()) items.push(value());
      next();
      return items;
    }
    if (tag === 'dict') {
      const dict: Record<string, unknown> = {};
      for (skipSpace(); !(tokens[i]?.[1] === '/' && tokens[i]?.[2] === 'dict'); skipSpace()) {
        const key = next();
        if (key[2] !== 'key' || key[1]) throw new Error(`expected <key> in <dict>, got ${key[0]}`);
        const name = text('key');
        if (name in dict) throw new Error(`duplicate key ${name}`);
        dict[name] = value();
      }
      next();
      return dict;
    }
    throw new Error(`<${tag}> is not a plist value`);
  };
  const plist = next();
  if (plist[2] !== 'plist' || plist[1] || plist[3]) throw new Error('expected <plist version="1.0">');
  const result = value();
  skipSpace();
  const end = next();
  if (end[1] !== '/' || end[2] !== 'plist') throw new Error('expected </plist>');
  skipSpace();
  if (i !== tokens.length) throw new Error('content after </plist>');
  return result;
}
