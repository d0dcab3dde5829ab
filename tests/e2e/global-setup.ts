/**
 * Playwright global setup: builds the offline mock chat pages (demo/dist)
 * and the policy test build of the extension (.output/e2e-policy): the product
 * build plus host permission for one "organisation-added" test site, because
 * Playwright cannot click Chrome's permission prompt.
 */
import { execFileSync } from 'node:child_process';
import { buildMockSites } from '../../demo/build';

export const POLICY_TEST_HOST = 'intranet-ai.example.se';
export const POLICY_BUILD = '.output/e2e-policy/chrome-mv3';

export default async function globalSetup(): Promise<void> {
  await buildMockSites();
  execFileSync('npx', ['wxt', 'build'], {
    stdio: 'ignore',
    env: { ...process.env, PROMPTVAKT_OUT_DIR: '.output/e2e-policy', PROMPTVAKT_E2E_HOSTS: `https://${POLICY_TEST_HOST}/*` },
  });
}
