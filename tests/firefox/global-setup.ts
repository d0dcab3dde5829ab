/**
 * Vitest global setup of the Firefox suite (vitest.firefox.config.ts): builds
 * the offline mock chat pages (demo/dist), takes a copy of the MV2 product
 * build (`npm run build` → .output/firefox-mv2) and builds the MV3 variant
 * (`wxt build -b firefox --mv3`), both into .output/firefox-e2e/. Firefox
 * reads a temporary add-on's files from disk while it runs, so the suite
 * installs these copies: a rebuild of .output/ during the run cannot change
 * the extension under test halfway.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { buildMockSites } from '../../demo/build';
import { BUILDS, E2E_OUT_DIR, FIREFOX, PRODUCT_MV2_BUILD } from './firefox';

export default async function globalSetup(): Promise<void> {
  if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} is missing: apt-get install -y firefox-esr (or set PROMPTVAKT_FIREFOX)`);
  if (!existsSync(`${PRODUCT_MV2_BUILD}/manifest.json`)) throw new Error(`${PRODUCT_MV2_BUILD} is missing: run \`npm run build\` first`);
  await buildMockSites();
  rmSync(E2E_OUT_DIR, { recursive: true, force: true });
  cpSync(PRODUCT_MV2_BUILD, BUILDS.mv2, { recursive: true });
  try {
    execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], {
      stdio: 'pipe',
      encoding: 'utf8',
      env: { ...process.env, PROMPTVAKT_OUT_DIR: E2E_OUT_DIR },
    });
  } catch (error) {
    const output = `${(error as { stdout?: string }).stdout ?? ''}${(error as { stderr?: string }).stderr ?? ''}`;
    throw new Error(`wxt build -b firefox --mv3 failed:\n${output.split('\n').slice(-40).join('\n')}`);
  }
}
