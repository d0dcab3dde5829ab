/**
 * The package descriptor, promptvakt-package.json: written by `npm run package`
 * (scripts/package.ts) next to the files an organisation hosts, read by
 * `npm run policy -- export` for the extension id and the addresses the
 * force-install entries point to. One small JSON object:
 *
 *   format         1
 *   version        the extension's version ("0.1.0")
 *   baseUrl        where the files are hosted, without a trailing slash
 *   extensionId    Chrome/Edge id, derived from publicKey
 *   publicKey      the organisation's public key, base64 DER (the packaged manifest's "key")
 *   updateUrl      Chrome's update manifest: <baseUrl>/updates.xml
 *   crx            file name of the CRX; crxSha256 its SHA-256 (hex)
 *   geckoId        Firefox id
 *   xpi            file name of the XPI; installUrl its address: <baseUrl>/<xpi>
 *   xpiSigned      whether the XPI carries Mozilla's signature
 *   firefoxUpdateUrl  Firefox's update manifest (<baseUrl>/updates.json), or null (only https has one)
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const PACKAGE_DESCRIPTOR_NAME = 'promptvakt-package.json';

/**
 * The descriptor `npm run package` writes by default: .output/package/ in this
 * checkout, found from this file's place (not the current folder), so that
 * `npm run policy` finds it wherever the admin runs it from.
 */
export const DEFAULT_PACKAGE_DESCRIPTOR = fileURLToPath(new URL(`../.output/package/${PACKAGE_DESCRIPTOR_NAME}`, import.meta.url));

export interface PackageDescriptor {
  format: 1;
  version: string;
  baseUrl: string;
  extensionId: string;
  publicKey: string;
  updateUrl: string;
  crx: string;
  crxSha256: string;
  geckoId: string;
  xpi: string;
  installUrl: string;
  xpiSigned: boolean;
  firefoxUpdateUrl: string | null;
}

/** Chrome's id for a public key (base64 or DER): SHA-256, first 32 hex digits, written a–p. */
export function chromeIdOf(publicKey: string | Buffer): string {
  const der = typeof publicKey === 'string' ? Buffer.from(publicKey, 'base64') : publicKey;
  const hex = createHash('sha256').update(der).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/**
 * An address browsers may install from: https, or plain http only on this
 * machine (localhost, 127.0.0.1), for tests. Returns a problem or null.
 */
export function installAddressProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not an address`;
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1')) return null;
  return `"${value}" is not https: browsers must fetch the extension over https (plain http only for localhost tests)`;
}

const STRING_FIELDS = ['version', 'baseUrl', 'extensionId', 'publicKey', 'updateUrl', 'crx', 'crxSha256', 'geckoId', 'xpi', 'installUrl'] as const;

/** The problems of a parsed descriptor; empty when it can be used. */
export function descriptorProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['not a JSON object'];
  const d = value as Record<string, unknown>;
  const problems: string[] = [];
  if (d.format !== 1) problems.push(`"format" is ${JSON.stringify(d.format)}; this Promptvakt reads format 1 (run npm run package again)`);
  for (const field of STRING_FIELDS) if (typeof d[field] !== 'string' || !d[field]) problems.push(`"${field}" is missing`);
  if (typeof d.xpiSigned !== 'boolean') problems.push('"xpiSigned" is missing');
  if (d.firefoxUpdateUrl !== null && typeof d.firefoxUpdateUrl !== 'string') problems.push('"firefoxUpdateUrl" must be an address or null');
  if (problems.length) return problems;
  if (!/^[a-p]{32}$/.test(d.extensionId as string)) problems.push(`"extensionId" ${JSON.stringify(d.extensionId)} is not a Chrome extension id`);
  else if (chromeIdOf(d.publicKey as string) !== d.extensionId)
    problems.push(`"extensionId" ${d.extensionId} is not the id of "publicKey" (${chromeIdOf(d.publicKey as string)}): the file was edited by hand`);
  for (const field of ['updateUrl', 'installUrl'] as const) {
    const problem = installAddressProblem(d[field] as string);
    if (problem) problems.push(`"${field}": ${problem}`);
  }
  return problems;
}

export type DescriptorRead = { ok: true; descriptor: PackageDescriptor } | { ok: false; error: string; missing: boolean };

/** Reads and checks a descriptor file. */
export function readPackageDescriptor(path: string): DescriptorRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return { ok: false, missing: e.code === 'ENOENT', error: e.code === 'ENOENT' ? 'no such file' : e.message };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, missing: false, error: `not valid JSON: ${(error as Error).message}` };
  }
  const problems = descriptorProblems(value);
  if (problems.length) return { ok: false, missing: false, error: `not a Promptvakt package descriptor: ${problems.join('; ')}` };
  return { ok: true, descriptor: value as PackageDescriptor };
}
