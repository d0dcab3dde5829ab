/**
 * `npm run package` (scripts/package-lib.ts, scripts/crx.ts): the CRX is read
 * back here with a protobuf decoder of the test's own, its signature checked
 * with node:crypto and its crx_id and the extension id checked against the key;
 * the archives hold the builds' files; the update manifests parse; and the
 * descriptor feeds `npm run policy -- export`. Small stand-in builds, so that
 * no extension build is needed (tests/e2e/force-install.spec.ts installs a
 * real one in Chromium).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PACKAGE_DESCRIPTOR, chromeIdOf, descriptorProblems, readPackageDescriptor } from '../../cli/package-descriptor';
import { CHROME_EXTENSION_ID, GECKO_EXTENSION_ID, MANIFEST_KEY } from '../../lib/extension-id';
import { generatePrivateKeyPem, readPrivateKey } from '../../scripts/crx';
import { checkBaseUrl, createKeyFile, makePackage, type PackageOutput } from '../../scripts/package-lib';

const SLOW = 60_000;
const dir = mkdtempSync(join(tmpdir(), 'promptvakt-package-'));

function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

const VERSION = '1.2.3';
const chromeManifest = { manifest_version: 3, name: '__MSG_extName__', version: VERSION, key: MANIFEST_KEY, background: { service_worker: 'background.js' } };
const firefoxManifest = { manifest_version: 2, name: '__MSG_extName__', version: VERSION, browser_specific_settings: { gecko: { id: GECKO_EXTENSION_ID, strict_min_version: '142.0' } } };
const chromeFiles: Record<string, string | Buffer> = {
  'manifest.json': JSON.stringify(chromeManifest),
  'background.js': 'console.log("bakgrund");\n',
  'icons/128.png': Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37) % 256)),
  '_locales/sv/messages.json': '{"extName":{"message":"Promptvakt"}}',
};
const firefoxFiles: Record<string, string | Buffer> = { ...chromeFiles, 'manifest.json': JSON.stringify(firefoxManifest) };
const BUILDS = { chrome: join(dir, 'chrome-mv3'), firefox: join(dir, 'firefox-mv2') };
writeTree(BUILDS.chrome, chromeFiles);
writeTree(BUILDS.firefox, firefoxFiles);

const keyPem = generatePrivateKeyPem();
const privateKey = readPrivateKey(keyPem);
const publicDer = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
const BASE = 'https://intranet.exempelkommun.se/promptvakt';

// The package, made once: "/" at the end of the base address is dropped.
const pkg: PackageOutput = makePackage({ chromeBuild: BUILDS.chrome, firefoxBuild: BUILDS.firefox, outDir: join(dir, 'package'), baseUrl: `${BASE}/`, privateKey });
const packaged = (name: string) => readFileSync(join(dir, 'package', name));

// ---------------------------------------------------------------------------
// A reader of the CRX, independent of scripts/crx.ts.

/** Protobuf fields of a message in which every field is length-delimited (all CRX3 needs). */
function protobufFields(bytes: Buffer): { field: number; value: Buffer }[] {
  const fields: { field: number; value: Buffer }[] = [];
  let at = 0;
  const varint = () => {
    let n = 0;
    for (let shift = 0; ; shift += 7) {
      if (at >= bytes.length) throw new Error('varint runs past the end');
      const b = bytes[at++]!;
      n += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return n;
    }
  };
  while (at < bytes.length) {
    const tag = varint();
    if ((tag & 7) !== 2) throw new Error(`field ${tag >>> 3} has wire type ${tag & 7}, not 2`);
    const length = varint();
    if (at + length > bytes.length) throw new Error('field runs past the end');
    fields.push({ field: Math.floor(tag / 8), value: bytes.subarray(at, at + length) });
    at += length;
  }
  return fields;
}

interface ParsedCrx {
  version: number;
  proofs: { publicKey: Buffer; signature: Buffer }[];
  signedHeaderData: Buffer;
  crxId: Buffer;
  archive: Buffer;
}

function parseCrx(crx: Buffer): ParsedCrx {
  expect(crx.subarray(0, 4).toString('ascii')).toBe('Cr24');
  const version = crx.readUInt32LE(4);
  const headerLength = crx.readUInt32LE(8);
  const header = protobufFields(crx.subarray(12, 12 + headerLength));
  const proofs = header
    .filter((f) => f.field === 2)
    .map((f) => {
      const proof = protobufFields(f.value);
      return { publicKey: proof.find((p) => p.field === 1)!.value, signature: proof.find((p) => p.field === 2)!.value };
    });
  const signedHeaderData = header.find((f) => f.field === 10000)!.value;
  const crxId = protobufFields(signedHeaderData).find((f) => f.field === 1)!.value;
  return { version, proofs, signedHeaderData, crxId, archive: crx.subarray(12 + headerLength) };
}

/** What Chrome's verifier checks a sha256_with_rsa proof against (crx3.proto). */
function signedBytes(c: ParsedCrx): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32LE(c.signedHeaderData.length);
  return Buffer.concat([Buffer.from('CRX3 SignedData\0', 'binary'), length, c.signedHeaderData, c.archive]);
}

const idOf = (der: Buffer) => [...createHash('sha256').update(der).digest('hex').slice(0, 32)].map((h) => 'abcdefghijklmnop'[parseInt(h, 16)]).join('');

// ---------------------------------------------------------------------------
// A strict little XML reader: elements, quoted attributes, the XML declaration, whitespace between.

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
}

function parseXml(text: string): XmlElement {
  let at = 0;
  const fail = (why: string): never => {
    throw new Error(`XML at ${at}: ${why}`);
  };
  const skipSpace = () => {
    while (/\s/.test(text[at] ?? '')) at++;
  };
  const entity = (s: string) =>
    s.replace(/&(amp|lt|gt|apos|quot);|&/g, (m, name: string | undefined) => {
      if (!name) fail('a bare & in an attribute');
      return { amp: '&', lt: '<', gt: '>', apos: "'", quot: '"' }[name as 'amp'];
    });
  const attributes = (): Record<string, string> => {
    const out: Record<string, string> = {};
    for (;;) {
      skipSpace();
      const m = /^([A-Za-z_:][\w:.-]*)\s*=\s*(?:'([^'<]*)'|"([^"<]*)")/.exec(text.slice(at));
      if (!m) return out;
      if (m[1]! in out) fail(`attribute ${m[1]} twice`);
      out[m[1]!] = entity(m[2] ?? m[3]!);
      at += m[0].length;
    }
  };
  const element = (): XmlElement => {
    const m = /^<([A-Za-z_][\w:.-]*)/.exec(text.slice(at)) ?? fail('an element expected');
    at += m[0].length;
    const node: XmlElement = { name: m[1]!, attributes: attributes(), children: [] };
    skipSpace();
    if (text.startsWith('/>', at)) {
      at += 2;
      return node;
    }
    if (text[at] !== '>') fail(`">" expected in <${node.name}>`);
    at++;
    for (;;) {
      skipSpace();
      if (text.startsWith(`</${node.name}>`, at)) {
        at += node.name.length + 3;
        return node;
      }
      if (text[at] !== '<' || text[at + 1] === '/') fail(`</${node.name}> expected`);
      node.children.push(element());
    }
  };
  const declaration = /^<\?xml\s+version=(['"])1\.0\1\s+encoding=(['"])UTF-8\2\s*\?>/.exec(text) ?? fail('no XML declaration');
  at = declaration[0].length;
  skipSpace();
  const root = element();
  skipSpace();
  if (at !== text.length) fail('text after the root element');
  return root;
}

// ---------------------------------------------------------------------------

describe('the CRX', () => {
  const crx = parseCrx(packaged(pkg.descriptor.crx));

  it('is CRX3 with one RSA proof by the organisation key, whose signature verifies', () => {
    expect(crx.version).toBe(3);
    expect(crx.proofs).toHaveLength(1);
    expect(crx.proofs[0]!.publicKey.equals(publicDer)).toBe(true);
    const key = createPublicKey({ key: crx.proofs[0]!.publicKey, format: 'der', type: 'spki' });
    expect(verify('sha256', signedBytes(crx), key, crx.proofs[0]!.signature)).toBe(true);
  });

  it('does not verify once a byte of the archive changes', () => {
    const tampered = Buffer.from(packaged(pkg.descriptor.crx));
    const at = tampered.length - 30;
    tampered[at] = tampered[at]! ^ 1;
    const c = parseCrx(tampered);
    const key = createPublicKey({ key: c.proofs[0]!.publicKey, format: 'der', type: 'spki' });
    expect(verify('sha256', signedBytes(c), key, c.proofs[0]!.signature)).toBe(false);
  });

  it("declares the key's crx_id, and the extension id is the key's", () => {
    expect(crx.crxId.equals(createHash('sha256').update(publicDer).digest().subarray(0, 16))).toBe(true);
    const id = idOf(publicDer);
    expect(pkg.descriptor.extensionId).toBe(id);
    expect([...crx.crxId.toString('hex')].map((h) => 'abcdefghijklmnop'[parseInt(h, 16)]).join('')).toBe(id);
    // The same derivation gives the built-in test id from the built-in key.
    expect(chromeIdOf(MANIFEST_KEY)).toBe(CHROME_EXTENSION_ID);
    expect(id).not.toBe(CHROME_EXTENSION_ID);
  });

  it("holds the build's files, the manifest with the organisation's key and update URL", () => {
    const files = unzipSync(new Uint8Array(crx.archive));
    expect(Object.keys(files).sort()).toEqual(Object.keys(chromeFiles).sort());
    for (const [path, content] of Object.entries(chromeFiles))
      if (path !== 'manifest.json') expect(Buffer.from(files[path]!).equals(Buffer.from(content)), path).toBe(true);
    const manifest = JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8'));
    expect(manifest).toEqual({ ...chromeManifest, key: publicDer.toString('base64'), update_url: `${BASE}/updates.xml` });
    expect(idOf(Buffer.from(manifest.key, 'base64'))).toBe(pkg.descriptor.extensionId);
  });

  it('is the same file from the same build and key (a fixed time in the archive)', () => {
    const again = makePackage({ chromeBuild: BUILDS.chrome, firefoxBuild: BUILDS.firefox, outDir: join(dir, 'again'), baseUrl: BASE, privateKey });
    expect(readFileSync(join(dir, 'again', again.descriptor.crx)).equals(packaged(pkg.descriptor.crx))).toBe(true);
  });
});

describe('the update manifests', () => {
  it("updates.xml is Google's gupdate format naming the id, the version and the CRX's address", () => {
    const root = parseXml(packaged('updates.xml').toString('utf8'));
    expect(root.name).toBe('gupdate');
    expect(root.attributes).toEqual({ xmlns: 'http://www.google.com/update2/response', protocol: '2.0' });
    expect(root.children).toHaveLength(1);
    const app = root.children[0]!;
    expect(app).toMatchObject({ name: 'app', attributes: { appid: pkg.descriptor.extensionId } });
    expect(app.children).toEqual([
      { name: 'updatecheck', attributes: { codebase: `${BASE}/promptvakt-${VERSION}.crx`, version: VERSION }, children: [] },
    ]);
  });

  it('the XML reader is strict', () => {
    expect(() => parseXml("<?xml version='1.0' encoding='UTF-8'?><a><b></a>")).toThrow();
    expect(() => parseXml("<?xml version='1.0' encoding='UTF-8'?><a x=1/>")).toThrow();
    expect(() => parseXml("<?xml version='1.0' encoding='UTF-8'?><a x='&'/>")).toThrow();
    expect(() => parseXml("<a/>")).toThrow();
  });

  it("updates.json is Firefox's update manifest for the XPI, and the XPI's manifest points to it", () => {
    const xpi = packaged(pkg.descriptor.xpi);
    expect(JSON.parse(packaged('updates.json').toString('utf8'))).toEqual({
      addons: {
        [GECKO_EXTENSION_ID]: {
          updates: [{ version: VERSION, update_link: `${BASE}/promptvakt-${VERSION}.xpi`, update_hash: `sha256:${createHash('sha256').update(xpi).digest('hex')}` }],
        },
      },
    });
    const files = unzipSync(new Uint8Array(xpi));
    expect(Object.keys(files).sort()).toEqual(Object.keys(firefoxFiles).sort());
    expect(Buffer.from(files['background.js']!).toString('utf8')).toBe(firefoxFiles['background.js']);
    const manifest = JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8'));
    expect(manifest.browser_specific_settings.gecko).toEqual({ ...firefoxManifest.browser_specific_settings.gecko, update_url: `${BASE}/updates.json` });
  });
});

describe('the descriptor', () => {
  it('says what export needs, and is read back', () => {
    expect(pkg.descriptor).toMatchObject({
      format: 1,
      version: VERSION,
      baseUrl: BASE,
      updateUrl: `${BASE}/updates.xml`,
      crx: `promptvakt-${VERSION}.crx`,
      geckoId: GECKO_EXTENSION_ID,
      installUrl: `${BASE}/promptvakt-${VERSION}.xpi`,
      xpiSigned: false,
      firefoxUpdateUrl: `${BASE}/updates.json`,
    });
    expect(pkg.descriptor.crxSha256).toBe(createHash('sha256').update(packaged(pkg.descriptor.crx)).digest('hex'));
    expect(readPackageDescriptor(pkg.descriptorPath)).toEqual({ ok: true, descriptor: pkg.descriptor });
  });

  it('is refused when edited so that the id is not the key\'s, or an address is not https', () => {
    expect(descriptorProblems({ ...pkg.descriptor, extensionId: 'a'.repeat(32) }).join()).toMatch(/not the id of "publicKey"/);
    expect(descriptorProblems({ ...pkg.descriptor, updateUrl: 'http://intranet.exempelkommun.se/u.xml' }).join()).toMatch(/not https/);
    expect(descriptorProblems({ ...pkg.descriptor, format: 2 }).join()).toMatch(/format/);
  });

  it("--gecko-id: the XPI, its update manifest and the descriptor carry the organisation's own Firefox id", () => {
    const own = makePackage({ chromeBuild: BUILDS.chrome, firefoxBuild: BUILDS.firefox, outDir: join(dir, 'own-gecko'), baseUrl: BASE, privateKey, geckoId: 'promptvakt@exempelkommun.se' });
    expect(own.descriptor.geckoId).toBe('promptvakt@exempelkommun.se');
    const manifest = JSON.parse(Buffer.from(unzipSync(new Uint8Array(readFileSync(join(dir, 'own-gecko', own.descriptor.xpi))))['manifest.json']!).toString('utf8'));
    expect(manifest.browser_specific_settings.gecko).toMatchObject({ id: 'promptvakt@exempelkommun.se', update_url: `${BASE}/updates.json`, strict_min_version: '142.0' });
    expect(Object.keys(JSON.parse(readFileSync(join(dir, 'own-gecko', 'updates.json'), 'utf8')).addons)).toEqual(['promptvakt@exempelkommun.se']);
    expect(() => makePackage({ chromeBuild: BUILDS.chrome, firefoxBuild: BUILDS.firefox, outDir: join(dir, 'bad-gecko'), baseUrl: BASE, privateKey, geckoId: 'promptvakt' })).toThrow(/not a Firefox add-on id/);
  });

  it('a package for localhost (tests) has no Firefox update manifest: Firefox wants it on https', () => {
    const local = makePackage({ chromeBuild: BUILDS.chrome, firefoxBuild: BUILDS.firefox, outDir: join(dir, 'local'), baseUrl: 'http://127.0.0.1:8080', privateKey });
    expect(local.descriptor.firefoxUpdateUrl).toBeNull();
    expect(local.files.map(([name]) => name)).not.toContain('updates.json');
    const manifest = JSON.parse(Buffer.from(unzipSync(new Uint8Array(readFileSync(join(dir, 'local', local.descriptor.xpi))))['manifest.json']!).toString('utf8'));
    expect(manifest.browser_specific_settings.gecko.update_url).toBeUndefined();
  });
});

describe('a Mozilla-signed XPI (--signed-xpi)', () => {
  // Stand-ins for what addons.mozilla.org returns: the package's XPI plus META-INF/ signature files.
  const unsigned = unzipSync(new Uint8Array(packaged(pkg.descriptor.xpi)));
  const signed = (files: Record<string, Uint8Array>, name: string) => {
    const path = join(dir, name);
    writeFileSync(path, zipSync(files));
    return path;
  };
  const input = (signedXpi: string, outDir: string) => ({ chromeBuild: BUILDS.chrome, firefoxBuild: BUILDS.firefox, outDir: join(dir, outDir), baseUrl: BASE, privateKey, signedXpi });
  const signature = { 'META-INF/cose.sig': new Uint8Array([1, 2, 3]), 'META-INF/manifest.mf': new Uint8Array([4]) };

  it('is hosted as it is, and the descriptor says it is signed', () => {
    const path = signed({ ...unsigned, ...signature }, 'signed.xpi');
    const out = makePackage(input(path, 'signed'));
    expect(out.descriptor.xpiSigned).toBe(true);
    expect(readFileSync(join(dir, 'signed', out.descriptor.xpi)).equals(readFileSync(path))).toBe(true);
    const update = JSON.parse(readFileSync(join(dir, 'signed', 'updates.json'), 'utf8'));
    expect(update.addons[GECKO_EXTENSION_ID].updates[0].update_hash).toBe(`sha256:${createHash('sha256').update(readFileSync(path)).digest('hex')}`);
  });

  it('is refused without a signature, or when it is not this build', () => {
    expect(() => makePackage(input(signed(unsigned, 'not-signed.xpi'), 'x1'))).toThrow(/no Mozilla signature/);
    const changed = { ...unsigned, ...signature, 'background.js': new TextEncoder().encode('other();') };
    expect(() => makePackage(input(signed(changed, 'changed.xpi'), 'x2'))).toThrow(/background\.js differs/);
    const noUpdateUrl = { ...unsigned, ...signature, 'manifest.json': new TextEncoder().encode(JSON.stringify(firefoxManifest)) };
    expect(() => makePackage(input(signed(noUpdateUrl, 'old-manifest.xpi'), 'x3'))).toThrow(/manifest\.json differs/);
  });
});

describe('base address and key', () => {
  it('the base address must be https (http only for localhost), without query or fragment', () => {
    expect(() => checkBaseUrl(undefined)).toThrow(/--base-url is required/);
    expect(() => checkBaseUrl('http://intranet.exempelkommun.se/promptvakt')).toThrow(/not https/);
    expect(() => checkBaseUrl('ftp://intranet.exempelkommun.se/')).toThrow(/not https/);
    expect(() => checkBaseUrl('intranet.exempelkommun.se/promptvakt')).toThrow(/not an address/);
    expect(() => checkBaseUrl('https://intranet.exempelkommun.se/p?x=1')).toThrow(/query/);
    expect(checkBaseUrl('https://intranet.exempelkommun.se/promptvakt//')).toBe('https://intranet.exempelkommun.se/promptvakt');
    expect(checkBaseUrl('http://localhost:8080/')).toBe('http://localhost:8080');
    expect(checkBaseUrl('http://127.0.0.1:9/x')).toBe('http://127.0.0.1:9/x');
  });

  it('a new key file is PKCS#8 PEM readable by its owner only, and never overwrites one', () => {
    const path = join(dir, 'keys', 'promptvakt.pem');
    const key = createKeyFile(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
    expect(readFileSync(path, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(() => createKeyFile(path)).toThrow(/EEXIST/);
  });

  it('reads only RSA keys of 2048 bits or more', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => readPrivateKey(ec)).toThrow(/RSA key is needed/);
    expect(() => readPrivateKey(small)).toThrow(/1024 bits/);
    expect(() => readPrivateKey('not a key')).toThrow(/not a PEM private key/);
    // Chrome's own "Pack extension" writes PKCS#8; PKCS#1 works too.
    const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    expect(idOf(createPublicKey(readPrivateKey(pkcs1)).export({ type: 'spki', format: 'der' }))).toBe(pkg.descriptor.extensionId);
  });

  it('npm run package: a clear error without --base-url or with http, and never makes a key for a --key that is missing', { timeout: SLOW }, () => {
    const run = (args: string[]) =>
      spawnSync(join('node_modules', '.bin', 'tsx'), ['scripts/package.ts', ...args], { encoding: 'utf8', env: { ...process.env, PROMPTVAKT_KEY: '', npm_lifecycle_event: '' } });
    const none = run([]);
    expect(none.status).toBe(64);
    expect(none.stderr).toMatch(/--base-url is required/);
    const http = run(['--base-url', 'http://intranet.exempelkommun.se/promptvakt']);
    expect(http.status).toBe(64);
    expect(http.stderr).toMatch(/not https/);
    const missing = run(['--base-url', BASE, '--key', join(dir, 'nope.pem'), '--no-build']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no such file.*new extension id/);
  });
});

describe('policy export with the package', () => {
  // The CLI bundled into <dir>/cli/, so that its default package, ../.output/package/, is <dir>/.output/package/.
  const BUNDLE = join(dir, 'cli', 'policy.mjs');
  const policyFile = join(dir, 'policy.json');
  beforeAll(async () => {
    await build({ entryPoints: ['cli/policy.ts'], bundle: true, platform: 'node', format: 'esm', outfile: BUNDLE, logLevel: 'silent' });
    writeFileSync(policyFile, JSON.stringify({ version: 1, organisation: { name: 'Exempelkommun' } }));
  }, SLOW);

  const runPolicy = (args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [BUNDLE, ...args], { env: { ...process.env, npm_lifecycle_event: '' } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });

  it('--package: the Chrome targets force-install the package id from its update URL, and file the policy under that id', { timeout: SLOW }, async () => {
    const r = await runPolicy(['export', policyFile, '--target', 'chrome-linux', '--package', pkg.descriptorPath]);
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.ExtensionInstallForcelist).toEqual([`${pkg.descriptor.extensionId};${BASE}/updates.xml`]);
    expect(Object.keys(json['3rdparty'].extensions)).toEqual([pkg.descriptor.extensionId]);
    expect(r.stderr).toContain(`Using the package ${pkg.descriptorPath} (Promptvakt ${VERSION}): extension id ${pkg.descriptor.extensionId}, installed from ${BASE}/updates.xml.`);
    expect(r.stderr).not.toMatch(/Warning/);
  });

  it('--package: Firefox installs the XPI from the package, with a warning while it is not signed', { timeout: SLOW }, async () => {
    const r = await runPolicy(['export', policyFile, '--target', 'firefox-policies', '--package', pkg.descriptorPath]);
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.policies.ExtensionSettings).toEqual({ [GECKO_EXTENSION_ID]: { installation_mode: 'force_installed', install_url: `${BASE}/promptvakt-${VERSION}.xpi` } });
    expect(r.stderr).toMatch(/Warning: promptvakt-1\.2\.3\.xpi in the package is not signed by Mozilla/);
  });

  it('without options, the package in .output/package/ is used when there is one, and said so', { timeout: SLOW }, async () => {
    const before = await runPolicy(['export', policyFile, '--target', 'chromium-linux']);
    expect(before.status).toBe(0);
    expect(JSON.parse(before.stdout).ExtensionInstallForcelist).toEqual([`${CHROME_EXTENSION_ID};https://clients2.google.com/service/update2/crx`]);
    expect(before.stderr).toMatch(/Warning: no package \(.*promptvakt-package\.json does not exist\) and no --extension-id/);
    expect(before.stderr).toMatch(/not in the Chrome Web Store, so this force-install entry installs nothing/);

    makePackage({ chromeBuild: BUILDS.chrome, firefoxBuild: BUILDS.firefox, outDir: join(dir, '.output', 'package'), baseUrl: BASE, privateKey });
    const after = await runPolicy(['export', policyFile, '--target', 'chromium-linux']);
    expect(after.status, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout).ExtensionInstallForcelist).toEqual([`${pkg.descriptor.extensionId};${BASE}/updates.xml`]);
    expect(after.stderr).toMatch(/^Using the package .*promptvakt-package\.json \(Promptvakt 1\.2\.3\)/m);
    // `check` knows the package's id too: the exported file is Promptvakt's policy, not someone else's.
    const exported = join(dir, 'exported-chromium.json');
    writeFileSync(exported, after.stdout);
    const checked = await runPolicy(['check', exported]);
    expect(checked.stdout).toContain(`checking the policy under 3rdparty.extensions["${pkg.descriptor.extensionId}"]`);
    expect(checked.stdout).not.toMatch(/not Promptvakt's id/);

    // --no-package and --extension-id (a Chrome Web Store listing) leave it aside.
    const listing = 'c'.repeat(32);
    const [noPackage, manual] = await Promise.all([
      runPolicy(['export', policyFile, '--target', 'chromium-linux', '--no-package']),
      runPolicy(['export', policyFile, '--target', 'chromium-linux', '--extension-id', listing]),
    ]);
    expect(JSON.parse(noPackage.stdout).ExtensionInstallForcelist[0]).toMatch(new RegExp(`^${CHROME_EXTENSION_ID};`));
    expect(noPackage.stderr).toMatch(/Warning: no package \(--no-package\)/);
    expect(JSON.parse(manual.stdout).ExtensionInstallForcelist).toEqual([`${listing};https://clients2.google.com/service/update2/crx`]);
    expect(manual.stderr).toContain(`Extension id ${listing} (--extension-id), installed from the Chrome Web Store`);
    expect(manual.stderr).not.toMatch(/Warning/);
  });

  it('the closing line names the file written and where it goes', { timeout: SLOW }, async () => {
    const out = join(dir, 'promptvakt-chrome.reg');
    const [reg, linux] = await Promise.all([
      runPolicy(['export', policyFile, '--target', 'chrome-windows-reg', '--package', pkg.descriptorPath, '--out', out]),
      runPolicy(['export', policyFile, '--target', 'chromium-linux', '--package', pkg.descriptorPath, '--out', join(dir, 'chromium.json')]),
    ]);
    expect(reg.stderr).toMatch(/^wrote .*promptvakt-chrome\.reg \(chrome-windows-reg\); import it on each computer, as administrator: reg import promptvakt-chrome\.reg \(HKLM\)$/m);
    expect(linux.stderr).toMatch(/^wrote .*chromium\.json \(chromium-linux\); install it as \/etc\/chromium\/policies\/managed\/promptvakt\.json$/m);
  });

  it('refuses a broken descriptor and --package with --extension-id', { timeout: SLOW }, async () => {
    const broken = join(dir, 'broken-package.json');
    writeFileSync(broken, JSON.stringify({ ...pkg.descriptor, extensionId: 'a'.repeat(32) }));
    const [bad, both] = await Promise.all([
      runPolicy(['export', policyFile, '--target', 'chromium-linux', '--package', broken]),
      runPolicy(['export', policyFile, '--target', 'chromium-linux', '--package', pkg.descriptorPath, '--extension-id', 'a'.repeat(32)]),
    ]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/not the id of "publicKey"/);
    expect(both.status).toBe(64);
  });

  it('the default package is .output/package/promptvakt-package.json in this checkout', () => {
    expect(DEFAULT_PACKAGE_DESCRIPTOR).toBe(join(process.cwd(), '.output', 'package', 'promptvakt-package.json'));
  });
});
