/**
 * Makes the package an organisation hosts itself (docs/ADMIN.md, "Deploy from
 * your own server"), from the two builds and the organisation's key:
 *
 *   promptvakt-<version>.crx   Chrome, Edge, Chromium: CRX3 signed with the key
 *   updates.xml                Chrome's update manifest (gupdate), pointing to the CRX
 *   promptvakt-<version>.xpi   Firefox (to be signed by Mozilla, see ADMIN.md)
 *   updates.json               Firefox's update manifest (https base addresses only)
 *   promptvakt-package.json    the descriptor `npm run policy -- export` reads
 *
 * Two manifest fields change from the build, and only in the package:
 *   - Chrome: "key" becomes the organisation's public key (the build carries the
 *     fixed test key of lib/extension-id.ts) and "update_url" its update manifest.
 *     Chrome derives an installed CRX's id from the key in the CRX header (tried
 *     with Chromium 156: a CRX whose manifest kept the test key installed under
 *     the CRX key's id), so the id is the key's either way; the same key in the
 *     manifest keeps an unpacked copy of the package on that id too, and the
 *     installed manifest then shows the key the id comes from. "update_url" is what Chrome checks for updates after the first
 *     install: ExtensionInstallForcelist's address is used only for the install.
 *   - Firefox: browser_specific_settings.gecko.update_url, Firefox's update
 *     manifest for an add-on not hosted on addons.mozilla.org. Firefox wants that
 *     manifest on https, so a http://localhost package (tests) has none. With
 *     --gecko-id, also gecko.id (nothing in the extension reads its own id).
 * Called by scripts/package.ts and the tests; no build and no printing here.
 */
import { createHash, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { PACKAGE_DESCRIPTOR_NAME, chromeIdOf, installAddressProblem, type PackageDescriptor } from '../cli/package-descriptor';
import { crx3, generatePrivateKeyPem, listFiles, publicKeyDer, readPrivateKey, zipFolder } from './crx';

export const CHROME_UPDATE_MANIFEST = 'updates.xml';
export const FIREFOX_UPDATE_MANIFEST = 'updates.json';

export interface PackageInput {
  /** The Chrome MV3 build (.output/chrome-mv3). */
  chromeBuild: string;
  /** The Firefox MV2 build (.output/firefox-mv2). */
  firefoxBuild: string;
  /** Where the files go (.output/package). */
  outDir: string;
  /** Where they will be hosted: https (http only for localhost). */
  baseUrl: string;
  privateKey: KeyObject;
  /** A Mozilla-signed XPI of this package's Firefox build, hosted instead of the unsigned one. */
  signedXpi?: string;
  /**
   * The organisation's own Firefox add-on id instead of the build's: addons.mozilla.org
   * signs an id for one add-on only, so a second organisation cannot sign the build's id.
   */
  geckoId?: string;
}

export interface PackageOutput {
  descriptor: PackageDescriptor;
  descriptorPath: string;
  /** What was written, file name → what it is. */
  files: [name: string, what: string][];
}

/**
 * The base address without a trailing slash; throws with a message for the
 * admin when it is missing, not an address, not https (except localhost), or
 * has a query or fragment.
 */
export function checkBaseUrl(value: string | undefined): string {
  if (!value) throw new Error('--base-url is required: the https address the files will be hosted at, e.g. https://intranet.example.se/promptvakt');
  const problem = installAddressProblem(value);
  if (problem) throw new Error(`--base-url ${problem}`);
  const url = new URL(value);
  if (url.search || url.hash) throw new Error(`--base-url "${value}" has a query or fragment; give the folder's address only`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

type Json = Record<string, unknown>;

function readManifest(build: string, browser: string): Json {
  const path = join(build, 'manifest.json');
  if (!existsSync(path)) throw new Error(`no ${browser} build at ${build} (manifest.json missing): build first`);
  return JSON.parse(readFileSync(path, 'utf8')) as Json;
}

/** The Chrome manifest as packaged: the organisation's public key and update manifest. */
export function packagedChromeManifest(built: Json, publicKeyBase64: string, updateUrl: string): Json {
  return { ...built, key: publicKeyBase64, update_url: updateUrl };
}

/** The Firefox manifest as packaged: gecko.update_url when there is an update manifest, and the organisation's id if it has one. */
export function packagedFirefoxManifest(built: Json, updateUrl: string | null, geckoId?: string): Json {
  if (!updateUrl && !geckoId) return built;
  const settings = (built.browser_specific_settings ?? {}) as Json;
  const gecko = { ...((settings.gecko ?? {}) as Json), ...(geckoId ? { id: geckoId } : {}), ...(updateUrl ? { update_url: updateUrl } : {}) };
  return { ...built, browser_specific_settings: { ...settings, gecko } };
}

/** A Firefox add-on id: name@domain or a {GUID}. */
export const GECKO_ID = /^(\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}|[A-Za-z0-9._+-]*@[A-Za-z0-9.-]+)$/;

function xmlAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;').replace(/"/g, '&quot;');
}

/**
 * Chrome's update manifest (Google's gupdate format, protocol 2.0): the
 * current version and where its CRX is. No hash: Chromium 156 installed a CRX
 * whose hash_sha256 here was wrong (tried), so it would only look like a check;
 * the CRX's own signature is what Chrome verifies.
 */
export function chromeUpdateManifest(appId: string, version: string, codebase: string): string {
  return [
    "<?xml version='1.0' encoding='UTF-8'?>",
    "<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>",
    `  <app appid='${xmlAttribute(appId)}'>`,
    `    <updatecheck codebase='${xmlAttribute(codebase)}' version='${xmlAttribute(version)}'/>`,
    '  </app>',
    '</gupdate>',
    '',
  ].join('\n');
}

/** Firefox's update manifest (Extension Workshop, "Updating your extension"). */
export function firefoxUpdateManifest(geckoId: string, version: string, updateLink: string, sha256: string): string {
  const manifest = { addons: { [geckoId]: { updates: [{ version, update_link: updateLink, update_hash: `sha256:${sha256}` }] } } };
  return JSON.stringify(manifest, null, 2) + '\n';
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * A signed XPI to host instead of the unsigned one: it must carry Mozilla's
 * signature files (META-INF/cose.sig or mozilla.rsa; checked for presence, not
 * verified: only Firefox holds Mozilla's roots) and, apart from META-INF/, be
 * exactly this package's Firefox build with its packaged manifest.
 */
function checkSignedXpi(path: string, build: string, manifest: Json): Buffer {
  const bytes = readFileSync(path);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (error) {
    throw new Error(`--signed-xpi ${path} is not a zip file (${(error as Error).message})`);
  }
  if (!files['META-INF/cose.sig'] && !files['META-INF/mozilla.rsa'])
    throw new Error(`--signed-xpi ${path} has no Mozilla signature (META-INF/cose.sig or mozilla.rsa): sign it first (docs/ADMIN.md)`);
  const content = Object.keys(files).filter((name) => !name.startsWith('META-INF/') && !name.endsWith('/'));
  const expected = listFiles(build);
  const differ = [
    ...expected.filter((name) => !content.includes(name)).map((name) => `${name} missing`),
    ...content.filter((name) => !expected.includes(name)).map((name) => `${name} not in the build`),
    ...expected.filter((name) => {
      const file = files[name];
      if (!file) return false;
      if (name === 'manifest.json') return JSON.stringify(JSON.parse(Buffer.from(file).toString('utf8'))) !== JSON.stringify(manifest);
      return !Buffer.from(file).equals(readFileSync(join(build, name)));
    }).map((name) => `${name} differs`),
  ];
  if (differ.length)
    throw new Error(`--signed-xpi ${path} is not this package's Firefox build (${differ.slice(0, 5).join(', ')}${differ.length > 5 ? ', …' : ''}): sign the XPI this package wrote, and package again with --no-build`);
  return bytes;
}

/**
 * Creates a new organisation key at `path` (RSA 2048, PKCS#8 PEM), readable by
 * its owner only, in a folder only its owner can enter; never overwrites one.
 */
export function createKeyFile(path: string): KeyObject {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const pem = generatePrivateKeyPem();
  writeFileSync(path, pem, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return readPrivateKey(pem);
}

/** Writes the package; returns the descriptor and what was written. */
export function makePackage(input: PackageInput): PackageOutput {
  const baseUrl = checkBaseUrl(input.baseUrl);
  const chrome = readManifest(input.chromeBuild, 'Chrome');
  const firefox = readManifest(input.firefoxBuild, 'Firefox');
  const version = chrome.version;
  if (typeof version !== 'string') throw new Error(`${input.chromeBuild}/manifest.json has no version`);
  if (firefox.version !== version) throw new Error(`the Chrome build is version ${version}, the Firefox build ${String(firefox.version)}: build both again`);
  if (input.geckoId !== undefined && !GECKO_ID.test(input.geckoId)) throw new Error(`--gecko-id "${input.geckoId}" is not a Firefox add-on id (name@domain or {GUID})`);
  const geckoId = input.geckoId ?? ((firefox.browser_specific_settings as Json | undefined)?.gecko as Json | undefined)?.id;
  if (typeof geckoId !== 'string') throw new Error(`${input.firefoxBuild}/manifest.json has no browser_specific_settings.gecko.id`);

  const publicKey = publicKeyDer(input.privateKey);
  const publicKeyBase64 = publicKey.toString('base64');
  const extensionId = chromeIdOf(publicKey);
  const updateUrl = `${baseUrl}/${CHROME_UPDATE_MANIFEST}`;
  const crxName = `promptvakt-${version}.crx`;
  const xpiName = `promptvakt-${version}.xpi`;
  const firefoxUpdateUrl = baseUrl.startsWith('https://') ? `${baseUrl}/${FIREFOX_UPDATE_MANIFEST}` : null;

  const chromeManifest = packagedChromeManifest(chrome, publicKeyBase64, updateUrl);
  const crx = crx3(zipFolder(input.chromeBuild, { 'manifest.json': Buffer.from(JSON.stringify(chromeManifest, null, 2) + '\n') }), input.privateKey);
  const firefoxManifest = packagedFirefoxManifest(firefox, firefoxUpdateUrl, input.geckoId);
  const xpi = input.signedXpi
    ? checkSignedXpi(input.signedXpi, input.firefoxBuild, firefoxManifest)
    : zipFolder(input.firefoxBuild, { 'manifest.json': Buffer.from(JSON.stringify(firefoxManifest, null, 2) + '\n') });

  mkdirSync(input.outDir, { recursive: true });
  // Earlier versions' files would be hosted by mistake along with the rest of the folder.
  for (const name of readdirSync(input.outDir)) if (/^promptvakt-.+\.(crx|xpi)$/.test(name)) rmSync(join(input.outDir, name));
  rmSync(join(input.outDir, FIREFOX_UPDATE_MANIFEST), { force: true });

  const files: PackageOutput['files'] = [];
  const write = (name: string, bytes: Buffer | string, what: string) => {
    writeFileSync(join(input.outDir, name), bytes);
    files.push([name, what]);
  };
  const crxSha256 = sha256(crx);
  write(crxName, crx, 'Chrome, Edge, Chromium: the extension, signed with your key');
  write(CHROME_UPDATE_MANIFEST, chromeUpdateManifest(extensionId, version, `${baseUrl}/${crxName}`), "Chrome's update manifest");
  write(xpiName, xpi, input.signedXpi ? 'Firefox: the add-on, signed by Mozilla' : 'Firefox: the add-on, NOT yet signed by Mozilla');
  if (firefoxUpdateUrl) write(FIREFOX_UPDATE_MANIFEST, firefoxUpdateManifest(geckoId, version, `${baseUrl}/${xpiName}`, sha256(xpi)), "Firefox's update manifest");

  const descriptor: PackageDescriptor = {
    format: 1,
    version,
    baseUrl,
    extensionId,
    publicKey: publicKeyBase64,
    updateUrl,
    crx: crxName,
    crxSha256,
    geckoId,
    xpi: xpiName,
    installUrl: `${baseUrl}/${xpiName}`,
    xpiSigned: Boolean(input.signedXpi),
    firefoxUpdateUrl,
  };
  write(PACKAGE_DESCRIPTOR_NAME, JSON.stringify(descriptor, null, 2) + '\n', 'for `npm run policy -- export` (need not be hosted)');
  return { descriptor, descriptorPath: join(input.outDir, PACKAGE_DESCRIPTOR_NAME), files };
}
