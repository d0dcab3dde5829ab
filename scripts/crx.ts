/**
 * The pieces of a self-hosted Chrome extension package, with node:crypto only:
 * the organisation's RSA key, the crx_id Chrome derives from it, the zip
 * archive and its CRX3 envelope. Used by scripts/package.ts (`npm run package`),
 * tests/unit/package.test.ts and tests/e2e/force-install.spec.ts.
 *
 * Why by hand and not a package from npm (`crx3`, `crx`): a CRX3 file is a
 * magic number, two little-endian integers, a protobuf with three
 * length-delimited fields, and one RSA-SHA256 signature (Chromium's
 * components/crx_file/crx3.proto and crx_verifier.cc). That is ~40 lines here,
 * read in one sitting, against a dependency (and its dependencies) that would
 * be handed the organisation's private key. The unit test reads the file back
 * with its own decoder and verifies the signature; the e2e test has Chromium
 * install it. Zipping uses fflate, already a dependency of the extension.
 */
import { createHash, createPrivateKey, createPublicKey, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { zipSync, type Zippable } from 'fflate';

// ---------------------------------------------------------------------------
// Keys and ids

/** A new 2048-bit RSA private key as PKCS#8 PEM (the form Chrome's own "Pack extension" writes). */
export function generatePrivateKeyPem(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/**
 * Reads a private key (PKCS#8 "BEGIN PRIVATE KEY", also PKCS#1 "BEGIN RSA PRIVATE KEY"
 * and encrypted PKCS#8 with a passphrase). Only RSA of at least 2048 bits: Chrome's
 * CRX3 proofs used here are sha256_with_rsa.
 */
export function readPrivateKey(pem: string, passphrase?: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(passphrase ? { key: pem, format: 'pem', passphrase } : { key: pem, format: 'pem' });
  } catch (error) {
    const message = (error as Error).message;
    if (/passphrase|decrypt|bad decrypt/i.test(message)) throw new Error(`the key is encrypted: set PROMPTVAKT_KEY_PASSPHRASE (${message})`);
    throw new Error(`not a PEM private key (${message})`);
  }
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`an RSA key is needed, this is ${key.asymmetricKeyType}`);
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) throw new Error(`the RSA key has ${bits} bits; use at least 2048`);
  return key;
}

/** The public key as DER SubjectPublicKeyInfo: what Chrome hashes for the id, and what manifest "key" holds in base64. */
export function publicKeyDer(privateKey: KeyObject): Buffer {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
}

/** CRX3's crx_id: the first 16 bytes of SHA-256 of the public key (DER); Chrome's id is them in hex, written a–p (chromeIdOf). */
export function crxIdBytes(publicDer: Buffer): Buffer {
  return createHash('sha256').update(publicDer).digest().subarray(0, 16);
}

// ---------------------------------------------------------------------------
// Zip

/** Every file under `dir`, as forward-slash paths, sorted (so the archive does not depend on the file system's order). */
export function listFiles(dir: string): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : e.isFile() ? [join(d, e.name)] : []));
  return walk(dir)
    .map((f) => relative(dir, f).split(sep).join('/'))
    .sort();
}

/** A fixed time for every entry: the same build gives the same archive, byte for byte. */
const ZIP_TIME = new Date(2000, 0, 1, 0, 0, 0);

/**
 * Zips a build folder. `replace` substitutes whole files by path (the packaged
 * manifest.json); everything else is copied as built.
 */
export function zipFolder(dir: string, replace: Record<string, Uint8Array> = {}): Buffer {
  const files: Zippable = {};
  for (const path of listFiles(dir)) files[path] = [replace[path] ?? readFileSync(join(dir, path)), { mtime: ZIP_TIME }];
  for (const [path, bytes] of Object.entries(replace)) if (!(path in files)) files[path] = [bytes, { mtime: ZIP_TIME }];
  return Buffer.from(zipSync(files, { level: 9 }));
}

// ---------------------------------------------------------------------------
// CRX3

/** Protobuf varint (only lengths and tags are ever encoded here). */
function varint(n: number): Buffer {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
}

/** A length-delimited protobuf field (wire type 2): every field a CRX3 header needs is bytes or a message. */
function bytesField(field: number, value: Buffer): Buffer {
  return Buffer.concat([varint((field << 3) | 2), varint(value.length), value]);
}

const CRX_MAGIC = Buffer.from('Cr24', 'ascii');
const CRX_VERSION = 3;
/** What each proof signs, before the signed header data and the archive (crx3.proto). */
export const CRX3_SIGNATURE_CONTEXT = Buffer.from('CRX3 SignedData\x00', 'binary');

/** The little-endian uint32 CRX3 uses for lengths. */
function le32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

/**
 * A CRX3 file: "Cr24", version 3, the header's length, the header, the zip.
 *
 *   CrxFileHeader { repeated AsymmetricKeyProof sha256_with_rsa = 2; bytes signed_header_data = 10000; }
 *   AsymmetricKeyProof { bytes public_key = 1; bytes signature = 2; }
 *   SignedData { bytes crx_id = 1; }
 *
 * The signature (RSASSA-PKCS1-v1_5, SHA-256) covers "CRX3 SignedData\0", the
 * length of signed_header_data (le32), signed_header_data and the archive.
 * Chrome accepts the file when a sha256_with_rsa proof's key hashes to crx_id
 * and its signature verifies; the extension's id is then derived from that key.
 */
export function crx3(zip: Buffer, privateKey: KeyObject): Buffer {
  const publicKey = publicKeyDer(privateKey);
  const signedHeaderData = bytesField(1, crxIdBytes(publicKey));
  const signer = createSign('sha256');
  signer.update(CRX3_SIGNATURE_CONTEXT);
  signer.update(le32(signedHeaderData.length));
  signer.update(signedHeaderData);
  signer.update(zip);
  const signature = signer.sign(privateKey);
  const proof = Buffer.concat([bytesField(1, publicKey), bytesField(2, signature)]);
  const header = Buffer.concat([bytesField(2, proof), bytesField(10000, signedHeaderData)]);
  return Buffer.concat([CRX_MAGIC, le32(CRX_VERSION), le32(header.length), header, zip]);
}
