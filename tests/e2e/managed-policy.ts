/**
 * Where Debian's Chromium reads managed (organisation) policies, for the
 * specs that install one. Writing there needs root, as CI has; elsewhere
 * those specs are skipped with a message saying why.
 */
import { expect } from '@playwright/test';
import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHROME_EXTENSION_ID } from '../../lib/extension-id';
import { POLICY_BUILD } from './global-setup';
import { launchChromium, type LaunchedBrowser } from './launch';

export const POLICY_DIR = '/etc/chromium/policies/managed';

export function policyDirWritable(): boolean {
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    accessSync(POLICY_DIR, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes `policy` as Promptvakt's managed policy into `file` (one of POLICY_DIR's files; each spec
 * keeps its own), launches the policy test build and waits until the background applies it (the
 * effective policy says "organisation"). The id is the one the policy is keyed by.
 */
export async function launchUnderPolicy(file: string, policy: unknown): Promise<LaunchedBrowser> {
  writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [CHROME_EXTENSION_ID]: policy } } }));
  const browser = await launchChromium({ extension: resolve(POLICY_BUILD), locale: 'sv-SE' });
  expect(browser.extensionId, 'the manifest key fixes the id that the policy is keyed by').toBe(CHROME_EXTENSION_ID);
  const worker = browser.worker!;
  await expect
    .poll(
      async () =>
        worker.evaluate(async () => {
          const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
          return ((await api.storage.local.get('promptvakt.policy'))['promptvakt.policy'] as { source?: string } | undefined)?.source;
        }),
      { timeout: 20_000 },
    )
    .toBe('organisation');
  return browser;
}
