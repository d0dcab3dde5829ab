/**
 * Vite plugin (wxt.config.ts): every import of a rules/ JSON file becomes a
 * module exporting the same data in its shipped form (lib/rules/packed-data.ts):
 * without `$comment` notes, and packed where that is smaller. Only default
 * imports (`import data from '…/rules/x.json'`) are supported, which is how
 * lib/ imports them; a named import fails the build.
 */
import { readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { shippedData } from '../lib/rules/packed-data';

const PREFIX = '\0promptvakt-rules:';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RULES_DIR = resolve(ROOT, 'rules') + sep;
const UNPACK_MODULE = resolve(ROOT, 'lib/rules/packed-data.ts');

/** The module code that stands in for a rules/ file. */
export function rulesModuleCode(text: string): string {
  const shipped = shippedData(text);
  return shipped.kind === 'packed'
    ? `import { unpackData } from ${JSON.stringify(UNPACK_MODULE)};\nexport default /* @__PURE__ */ unpackData(${JSON.stringify(shipped.packed)});\n`
    : `export default ${shipped.json};\n`;
}

export function rulesData(): Plugin {
  return {
    name: 'promptvakt:rules-data',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith('.json') || !importer || importer.startsWith(PREFIX)) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      if (!resolved || !resolve(resolved.id).startsWith(RULES_DIR)) return null;
      // Not ending in .json, so Vite's own JSON plugin leaves the module alone.
      return `${PREFIX}${resolved.id}.js`;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -'.js'.length);
      this.addWatchFile(file);
      return rulesModuleCode(readFileSync(file, 'utf8'));
    },
  };
}
