/**
 * `npm run package -- --base-url https://…`: builds Promptvakt and writes the
 * files an organisation hosts on its own server (docs/ADMIN.md, "Deploy from
 * your own server") into .output/package/: a CRX signed with the
 * organisation's key and its update manifest for Chrome and Edge, an XPI and
 * its update manifest for Firefox, and promptvakt-package.json, which
 * `npm run policy -- export` reads for the extension id and addresses.
 *
 *   npm run package -- --base-url URL [--key PATH] [--out DIR] [--no-build] [--signed-xpi PATH] [--gecko-id ID]
 *
 * The key: --key PATH, else PROMPTVAKT_KEY (a path, or the PEM itself, as CI
 * secrets give it), else .keys/promptvakt.pem in this checkout, created (RSA
 * 2048, PKCS#8, mode 0600) when it does not exist. An encrypted key takes its
 * passphrase from PROMPTVAKT_KEY_PASSPHRASE. The extension id follows from the
 * key: keep it, or every browser policy keyed by the id must change.
 * Exit status: 0 done, 1 failed, 64 usage.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KeyObject } from 'node:crypto';
import { readPrivateKey } from './crx';
import { checkBaseUrl, createKeyFile, makePackage } from './package-lib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_KEY_PATH = join(ROOT, '.keys', 'promptvakt.pem');
const DEFAULT_OUT = join(ROOT, '.output', 'package');
const BUILDS = { chrome: join(ROOT, '.output', 'chrome-mv3'), firefox: join(ROOT, '.output', 'firefox-mv2') };

const USAGE = `usage: npm run package -- --base-url URL [--key PATH] [--out DIR] [--no-build] [--signed-xpi PATH] [--gecko-id ID]
  --base-url URL     where you will host the files (https; http only for localhost tests)
  --key PATH         your organisation's RSA private key (PEM); default PROMPTVAKT_KEY,
                     else .keys/promptvakt.pem, created when missing
  --out DIR          where the files go (default .output/package)
  --no-build         use the existing .output/chrome-mv3 and .output/firefox-mv2
  --signed-xpi PATH  host this Mozilla-signed XPI of the package's Firefox build instead of the unsigned one
  --gecko-id ID      your organisation's own Firefox add-on id (name@your-domain), for signing on addons.mozilla.org
See docs/ADMIN.md, "Deploy from your own server".
`;

class UsageError extends Error {}

interface Args {
  baseUrl?: string;
  key?: string;
  out?: string;
  build: boolean;
  signedXpi?: string;
  geckoId?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { build: true };
  const value = (i: number, flag: string) => {
    const v = argv[i];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--base-url') args.baseUrl = value(++i, arg);
    else if (arg === '--key') args.key = value(++i, arg);
    else if (arg === '--out') args.out = value(++i, arg);
    else if (arg === '--signed-xpi') args.signedXpi = value(++i, arg);
    else if (arg === '--gecko-id') args.geckoId = value(++i, arg);
    else if (arg === '--no-build') args.build = false;
    else throw new UsageError(`unknown argument ${arg}`);
  }
  try {
    args.baseUrl = checkBaseUrl(args.baseUrl);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return args;
}

/** npm runs scripts from the package folder; a relative path means the folder the admin ran npm in. */
function userPath(path: string): string {
  const base = process.env.npm_lifecycle_event === 'package' && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();
  return resolve(base, path);
}

const shown = (path: string) => (path.startsWith(ROOT) ? relative(ROOT, path) : path);

interface LoadedKey {
  key: KeyObject;
  /** Where it is, or how it was given. */
  where: string;
  created: boolean;
  warnings: string[];
}

function loadKey(args: Args): LoadedKey {
  const passphrase = process.env.PROMPTVAKT_KEY_PASSPHRASE || undefined;
  const fromFile = (path: string, how: string): LoadedKey => {
    if (!existsSync(path)) throw new Error(`${how} ${path}: no such file. (A new key would give Promptvakt a new extension id; to make one on purpose, leave out --key and PROMPTVAKT_KEY.)`);
    const key = read(readFileSync(path, 'utf8'), `${how} ${path}`);
    return { key, where: path, created: false, warnings: keyFileWarnings(path) };
  };
  const read = (pem: string, where: string) => {
    try {
      return readPrivateKey(pem, passphrase);
    } catch (error) {
      throw new Error(`${where}: ${(error as Error).message}`);
    }
  };
  if (args.key) return fromFile(userPath(args.key), '--key');
  const env = process.env.PROMPTVAKT_KEY;
  if (env) {
    if (env.trimStart().startsWith('-----BEGIN')) return { key: read(env, 'PROMPTVAKT_KEY'), where: 'PROMPTVAKT_KEY (the key itself)', created: false, warnings: [] };
    return fromFile(userPath(env), 'PROMPTVAKT_KEY');
  }
  if (existsSync(DEFAULT_KEY_PATH)) return fromFile(DEFAULT_KEY_PATH, 'the key');
  const key = createKeyFile(DEFAULT_KEY_PATH);
  return { key, where: DEFAULT_KEY_PATH, created: true, warnings: keyFileWarnings(DEFAULT_KEY_PATH) };
}

/** A key others can read, or one git would commit. */
function keyFileWarnings(path: string): string[] {
  const warnings: string[] = [];
  if (process.platform !== 'win32' && statSync(path).mode & 0o077) warnings.push(`${shown(path)} can be read by other users: chmod 600 ${path}`);
  if (path.startsWith(ROOT)) {
    const ignored = spawnSync('git', ['check-ignore', '-q', path], { cwd: ROOT, stdio: 'ignore' });
    // 0: ignored; 1: not ignored; anything else: no git (nothing would commit it).
    if (ignored.status === 1) warnings.push(`${shown(path)} is inside this repository and git does not ignore it: never commit the key; keep it outside or under .keys/`);
  }
  return warnings;
}

function build(): void {
  const env = { ...process.env };
  // Test-only build settings (tests/e2e/global-setup.ts, scripts/content-size.ts) never reach a package.
  for (const name of ['PROMPTVAKT_E2E_HOSTS', 'PROMPTVAKT_OUT_DIR', 'PROMPTVAKT_SOURCEMAP']) delete env[name];
  for (const browserArgs of [[], ['-b', 'firefox']]) {
    process.stderr.write(`== npx wxt build ${browserArgs.join(' ')}\n`);
    execFileSync('npx', ['wxt', 'build', ...browserArgs], { cwd: ROOT, env, stdio: ['ignore', process.stderr, process.stderr] });
  }
}

function main(): number {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`promptvakt package: ${error.message}\n${USAGE}`);
    return 64;
  }
  try {
    const key = loadKey(args);
    if (args.build) build();
    const outDir = args.out ? userPath(args.out) : DEFAULT_OUT;
    const { descriptor, descriptorPath, files } = makePackage({
      chromeBuild: BUILDS.chrome,
      firefoxBuild: BUILDS.firefox,
      outDir,
      baseUrl: args.baseUrl!,
      privateKey: key.key,
      signedXpi: args.signedXpi ? userPath(args.signedXpi) : undefined,
      geckoId: args.geckoId,
    });
    const width = Math.max(...files.map(([name]) => name.length));
    const out = [
      '',
      `Promptvakt ${descriptor.version} packaged in ${shown(outDir)}/, for ${descriptor.baseUrl}/:`,
      ...files.map(([name, what]) => `  ${name.padEnd(width)}  ${what}`),
      '',
      `Extension id (Chrome, Edge, Chromium): ${descriptor.extensionId}`,
      `Firefox add-on id:                      ${descriptor.geckoId}`,
      key.created
        ? `Key: a NEW key was created at ${key.where}. Copy it to your secrets vault and backup now: a new key is a new extension id.`
        : `Key: ${shown(key.where)}. Keep it in your secrets vault and backup: without it you cannot update Promptvakt under this id.`,
      ...key.warnings.map((w) => `WARNING: ${w}`),
      '',
      'Next (docs/ADMIN.md, "Deploy from your own server"):',
      `  1. Put every file above except ${files.at(-1)![0]} at ${descriptor.baseUrl}/`,
      '     (.crx as application/x-chrome-extension, .xml as text/xml, .xpi as application/x-xpinstall, .json as application/json).',
      descriptor.xpiSigned
        ? '  2. Firefox: the XPI is signed by Mozilla.'
        : `  2. Firefox: have ${descriptor.xpi} signed by Mozilla (self-distributed), then run this again with --no-build --signed-xpi FILE.`,
      `  3. npm run policy -- export policy.json --target T --out FILE${outDir === DEFAULT_OUT ? '' : ` --package ${descriptorPath}`}`,
      '     (the extension id and the addresses come from this package)',
      '',
    ];
    process.stdout.write(out.join('\n'));
    return 0;
  } catch (error) {
    process.stderr.write(`promptvakt package: ${(error as Error).message}\n`);
    return 1;
  }
}

process.exitCode = main();
