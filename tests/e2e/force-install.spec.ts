/**
 * Deploying from the organisation's own server, in real Chromium: the package
 * `npm run package` makes (scripts/package-lib.ts: a CRX3 signed with the
 * organisation's key, updates.xml) is served by a local node:http server, the
 * policy `npm run policy -- export --package` writes goes into
 * /etc/chromium/policies/managed/, and Chromium, started WITHOUT
 * --load-extension, downloads and installs Promptvakt by itself. The test then
 * checks the id is the key's, the installed manifest carries the key and the
 * update URL, and the organisation policy in the same file applies.
 *
 * Found on this machine (Debian's Chromium 156, Linux): off-store force-install
 * from a http://127.0.0.1 update URL works. Three things stand in the way of a
 * test, and are set here: --disable-extensions and --disable-background-networking
 * (Playwright's defaults) each stop policy installs, so launchChromium's
 * `policyInstalls` leaves both out; and Chrome keeps DevTools, so Playwright,
 * away from force-installed extensions unless DeveloperToolsAvailability is 1,
 * which this test's policy file adds. Needs root to write the policy file, and
 * the builds (`npm run build`); skipped otherwise, saying why.
 */
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { generatePrivateKeyPem, readPrivateKey } from '../../scripts/crx';
import { makePackage, type PackageOutput } from '../../scripts/package-lib';
import { routeSiteToMock } from '../../demo/route';
import { startMockServer, type MockServer } from '../../demo/server';
import { POLICY_DIR, policyDirWritable } from './managed-policy';
import { launchChromium, type LaunchedBrowser } from './launch';

declare const chrome: {
  storage: {
    local: { get(key: string): Promise<Record<string, unknown>> };
    managed: { get(key: string | null): Promise<Record<string, unknown>> };
  };
  runtime: { getManifest(): Record<string, unknown> };
};

/** This spec's own file in the shared managed-policy folder (policy.spec.ts uses promptvakt-e2e.json). */
const POLICY_FILE = join(POLICY_DIR, 'promptvakt-e2e-force-install.json');
const BUILDS = { chrome: resolve('.output/chrome-mv3'), firefox: resolve('.output/firefox-mv2') };
const built = existsSync(join(BUILDS.chrome, 'manifest.json')) && existsSync(join(BUILDS.firefox, 'manifest.json'));

test.skip(!policyDirWritable(), `${POLICY_DIR} is not writable (run as root, as CI does): force-install test skipped`);
test.skip(!built, 'no extension build in .output/chrome-mv3 and .output/firefox-mv2 (npm run build): force-install test skipped');

const CONTENT_TYPES: Record<string, string> = {
  '.crx': 'application/x-chrome-extension',
  '.xml': 'text/xml',
  '.xpi': 'application/x-xpinstall',
  '.json': 'application/json',
};

interface Served {
  server: Server;
  origin: string;
  requests: { path: string; query: URLSearchParams }[];
}

/** Serves `dir` under /promptvakt/, as a web server the organisation runs would. */
async function serve(dir: string): Promise<Served> {
  const requests: Served['requests'] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ path: url.pathname, query: url.searchParams });
    const name = url.pathname.replace(/^\/promptvakt\//, '');
    const path = join(dir, name);
    if (!url.pathname.startsWith('/promptvakt/') || name.includes('/') || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(name)] ?? 'application/octet-stream' });
    res.end(readFileSync(path));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

let dir: string;
let served: Served | undefined;
let mock: MockServer | undefined;
let browser: LaunchedBrowser | undefined;

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'promptvakt-force-install-'));
});
test.afterAll(async () => {
  await browser?.close();
  await new Promise((done) => (served ? served.server.close(done) : done(undefined)));
  await mock?.close();
  rmSync(POLICY_FILE, { force: true });
  rmSync(dir, { recursive: true, force: true });
});

test('Chromium force-installs the self-hosted package from its update URL, with the key\'s id, and applies the organisation policy', async () => {
  test.setTimeout(120_000);
  served = await serve(join(dir, 'package'));
  const baseUrl = `${served.origin}/promptvakt`;
  // A throwaway organisation key: the id must follow from it, not from the build's test key.
  const pkg: PackageOutput = makePackage({
    chromeBuild: BUILDS.chrome,
    firefoxBuild: BUILDS.firefox,
    outDir: join(dir, 'package'),
    baseUrl,
    privateKey: readPrivateKey(generatePrivateKeyPem()),
  });
  const id = pkg.descriptor.extensionId;

  // The policy file as an admin makes it: `npm run policy -- export --package`.
  const policy = {
    version: 1,
    organisation: { name: 'Egen server-kommun' },
    customRules: [{ id: 'egen-server', kind: 'keywords', keywords: ['Projekt Egen Server'], category: 'classified', message: { sv: 'Internt projekt.' } }],
  };
  writeFileSync(join(dir, 'policy.json'), JSON.stringify(policy));
  const exported = join(dir, 'chromium.json');
  const cli = spawnSync(
    resolve('node_modules/.bin/tsx'),
    ['cli/policy.ts', 'export', join(dir, 'policy.json'), '--target', 'chromium-linux', '--package', pkg.descriptorPath, '--out', exported],
    { encoding: 'utf8', env: { ...process.env, npm_lifecycle_event: '' } },
  );
  expect(cli.status, cli.stderr).toBe(0);
  expect(cli.stderr).toContain(`extension id ${id}, installed from ${baseUrl}/updates.xml`);
  const file = JSON.parse(readFileSync(exported, 'utf8')) as { ExtensionInstallForcelist: string[]; '3rdparty': { extensions: Record<string, unknown> } };
  expect(file.ExtensionInstallForcelist).toEqual([`${id};${baseUrl}/updates.xml`]);
  expect(Object.keys(file['3rdparty'].extensions)).toEqual([id]);
  // Only for the test: let Playwright attach to a force-installed extension (see the top of this file).
  writeFileSync(POLICY_FILE, JSON.stringify({ ...file, DeveloperToolsAvailability: 1 }));

  mock = await startMockServer();
  browser = await launchChromium({ extension: null, policyInstalls: true, locale: 'sv-SE' });
  const { context } = browser;
  const ours = (url: string) => url.startsWith(`chrome-extension://${id}/`);
  const worker =
    context.serviceWorkers().find((w) => ours(w.url())) ??
    (await context.waitForEvent('serviceworker', { predicate: (w) => ours(w.url()), timeout: 60_000 }).catch(() => null));
  const asked = served.requests.map((r) => r.path);
  expect(worker, `no service worker of ${id} within 60 s; requests to the update server: ${JSON.stringify(asked)}`).not.toBeNull();

  // Chromium asked the update manifest for this id, as a policy install, then fetched the CRX it names.
  const check = served.requests.find((r) => r.path === '/promptvakt/updates.xml');
  expect(check, 'Chromium asks the update URL of the force-install entry').toBeDefined();
  const x = new URLSearchParams(check!.query.get('x') ?? '');
  expect(x.get('id')).toBe(id);
  expect(x.get('installedby')).toBe('policy');
  expect(asked).toContain(`/promptvakt/${pkg.descriptor.crx}`);

  // Installed under the key's id, with the organisation's key and update manifest in its manifest.
  const manifest = await worker!.evaluate(() => chrome.runtime.getManifest());
  expect(manifest.key).toBe(pkg.descriptor.publicKey);
  expect(manifest.update_url).toBe(pkg.descriptor.updateUrl);
  expect(manifest.version).toBe(pkg.descriptor.version);

  // The organisation policy from the same file reaches it (3rdparty.extensions.<id>) and is applied.
  // (Managed storage may read as {} for a moment after an install.)
  await expect
    .poll(async () => ((await worker!.evaluate(() => chrome.storage.managed.get(null))).organisation as { name?: string } | undefined)?.name, { timeout: 20_000 })
    .toBe('Egen server-kommun');
  await expect
    .poll(async () => worker!.evaluate(async () => ((await chrome.storage.local.get('promptvakt.policy'))['promptvakt.policy'] as { source?: string } | undefined)?.source), {
      timeout: 20_000,
    })
    .toBe('organisation');

  // And it guards a chat: the organisation's own keyword is stopped.
  await routeSiteToMock(context, 'https://chatgpt.com', mock.url, 'chatgpt');
  const page = await context.newPage();
  await page.goto('https://chatgpt.com/');
  await page.locator('form #prompt-textarea').click();
  await page.keyboard.type('Sammanfatta Projekt Egen Server');
  await page.keyboard.press('Enter');
  const dialog = page.locator('[role="alertdialog"]');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Internt projekt.');
  expect(await page.evaluate(() => (window as unknown as { __sent: string[] }).__sent)).toEqual([]);
});
