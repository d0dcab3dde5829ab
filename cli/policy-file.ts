/**
 * Reading a policy file for `npm run policy`: the bytes (Windows editors write
 * byte-order marks and PowerShell writes UTF-16), the JSON (errors with
 * line:column), and the policy inside a Chrome or Firefox policy file.
 */

/** Text of a file, whatever Windows tool wrote it: UTF-8 with or without BOM, or UTF-16LE with BOM. */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  const text = bytes.toString('utf8');
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; message: string; line: number; column: number };

/** JSON.parse with the error's line and column (1-based), which V8 gives only as an offset. */
export function parseJson(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = (error as Error).message;
    const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
    if (lineColumn) return { ok: false, message, line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
    const position = /at position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : text.length;
    const before = text.slice(0, offset).split('\n');
    return { ok: false, message, line: before.length, column: before[before.length - 1]!.length + 1 };
  }
}

export type Wrapper = 'none' | 'chrome' | 'firefox';

export interface Unwrapped {
  /** The Promptvakt policy object (undefined when the file has none). */
  policy: unknown;
  wrapper: Wrapper;
  /** The extension id the policy is filed under (wrapped files only). */
  extensionId?: string;
  /** Why the policy in the file would not reach Promptvakt; null when it would. */
  problem: string | null;
}

/**
 * The policy in a plain policy file, a Chrome/Chromium/Edge policy file
 * (`{"3rdparty": {"extensions": {"<id>": …}}}`) or a Firefox policies.json
 * (`{"policies": {"3rdparty": {"Extensions": {"<id>": …}}}}`). A plain policy
 * never has "3rdparty" or "policies" at the top (the schema is strict), so
 * the forms cannot be confused.
 */
export function unwrapPolicy(raw: unknown, expectedIds: { chrome: readonly string[]; gecko: readonly string[] }): Unwrapped {
  if (!isObject(raw)) return { policy: raw, wrapper: 'none', problem: null };
  if (isObject(raw.policies)) {
    const thirdParty = raw.policies['3rdparty'];
    if (isObject(thirdParty) && !('Extensions' in thirdParty) && 'extensions' in thirdParty)
      return { policy: undefined, wrapper: 'firefox', problem: 'Firefox reads "policies.3rdparty.Extensions" (capital E), not "extensions"' };
    return pick(isObject(thirdParty) ? thirdParty.Extensions : undefined, 'firefox', expectedIds.gecko, 'policies.3rdparty.Extensions');
  }
  if ('3rdparty' in raw) {
    const thirdParty = raw['3rdparty'];
    if (isObject(thirdParty) && !('extensions' in thirdParty) && 'Extensions' in thirdParty)
      return { policy: undefined, wrapper: 'chrome', problem: 'Chrome reads "3rdparty.extensions" (lower-case e) from policy files, not "Extensions"' };
    return pick(isObject(thirdParty) ? thirdParty.extensions : undefined, 'chrome', expectedIds.chrome, '3rdparty.extensions');
  }
  return { policy: raw, wrapper: 'none', problem: null };
}

/** The policy under one of the `expected` ids (Promptvakt's, or the admin's --extension-id). */
function pick(extensions: unknown, wrapper: Wrapper, expectedIds: readonly string[], where: string): Unwrapped {
  if (!isObject(extensions) || !Object.keys(extensions).length)
    return { policy: undefined, wrapper, problem: `the file has no extension policy under "${where}"` };
  const found = expectedIds.find((id) => id in extensions);
  if (found) return { policy: extensions[found], wrapper, extensionId: found, problem: null };
  const expected = expectedIds.join('" or "');
  const ids = Object.keys(extensions);
  if (ids.length === 1) {
    const id = ids[0]!;
    return {
      policy: extensions[id],
      wrapper,
      extensionId: id,
      problem: `the policy is filed under "${id}", not Promptvakt's id "${expected}": the browser will not give it to Promptvakt (pass --extension-id ${id} if your build has that id)`,
    };
  }
  return { policy: undefined, wrapper, problem: `no policy for Promptvakt ("${expected}") under "${where}"; the file has ${ids.map((id) => `"${id}"`).join(', ')}` };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
