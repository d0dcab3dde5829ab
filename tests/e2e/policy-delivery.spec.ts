/**
 * A policy field Chrome drops, in real Chromium: Chromium checks the managed
 * policy against public/managed_schema.json and leaves out a whole top-level
 * field when one value in it breaks the schema. With `policyFields` listing
 * the field, the popup says so: one plain sentence for the employee, and
 * behind "Teknisk information för IT" the field by name with the pointer to
 * chrome://policy. Protection stays on with the built-in defaults. Also what
 * Chromium does NOT drop: a value the schema's types allow (the allowed values
 * are Promptvakt's own check, which names the value and keeps the rest).
 *
 * Writes its own file in Debian's Chromium policy folder (needs root, as CI
 * has; skipped otherwise) and removes it after each test.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { routeSiteToMock } from '../../demo/route';
import { startMockServer, type MockServer } from '../../demo/server';
import { expectNoViolations } from './axe';
import type { LaunchedBrowser } from './launch';
import { launchUnderPolicy, POLICY_DIR, policyDirWritable } from './managed-policy';

/** The extension API as the worker scripts below use it (they run in the browser). */
declare const chrome: {
  storage: {
    local: { get(key: string | null): Promise<Record<string, unknown>> };
    managed: { get(key: string | null): Promise<Record<string, unknown>> };
  };
};

/** Not policy.spec.ts's file: each spec cleans up only its own. */
const POLICY_FILE = join(POLICY_DIR, 'promptvakt-e2e-delivery.json');
const PNR = '640823-4174';

const writable = policyDirWritable();
test.skip(!writable, `${POLICY_DIR} is not writable (run as root, as CI does): managed-policy tests skipped`);

let server: MockServer;
let context: BrowserContext | undefined;
let browser: LaunchedBrowser | undefined;
let extensionId: string;

test.beforeAll(async () => {
  server = await startMockServer();
});
test.afterAll(async () => {
  await server?.close();
  rmSync(POLICY_FILE, { force: true });
});
test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
  context = undefined;
  rmSync(POLICY_FILE, { force: true });
});

/** Launches Chromium under `policy` (managed-policy.ts) with the mock chat sites routed. */
async function launchWithPolicy(policy: unknown): Promise<void> {
  browser = await launchUnderPolicy(POLICY_FILE, policy);
  context = browser.context;
  extensionId = browser.extensionId!;
  await routeSiteToMock(context, 'https://chatgpt.com', server.url, 'chatgpt');
}

/** What Chromium delivered to the extension (storage.managed), after its schema check. */
const delivered = () => browser!.worker!.evaluate(async () => chrome.storage.managed.get(null));

async function openPopup(): Promise<Page> {
  const popup = await context!.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  return popup;
}

async function openChat(): Promise<Page> {
  const page = await context!.newPage();
  await page.goto('https://chatgpt.com/');
  await page.locator('form #prompt-textarea').waitFor();
  return page;
}

test('Chromium drops all of `categories` for one value of the wrong type; the popup says so and protection stays on', async () => {
  await launchWithPolicy({
    version: 1,
    organisation: { name: 'Exempelkommun' },
    // Would lower personnummer to a warning, if it arrived; "no" is a string where the schema wants a boolean.
    categories: { personnummer: { action: 'warn' }, health: { allowOverride: 'no' } },
    policyFields: ['version', 'organisation', 'categories'],
  });
  // Chromium's own doing: the field never reached the extension, the rest did.
  const managed = await delivered();
  expect(managed).not.toHaveProperty('categories');
  expect(managed).toMatchObject({ version: 1, organisation: { name: 'Exempelkommun' }, policyFields: ['version', 'organisation', 'categories'] });

  const popup = await openPopup();
  const alert = popup.getByRole('alert');
  await expect(alert).toContainText(
    'Organisationens inställningar för Promptvakt innehåller fel. Skyddet är på; där det är fel gäller standardinställningarna. Kontakta IT-supporten.',
  );
  // The technical list is there for IT, closed: the employee sees no field names.
  const summary = alert.getByText('Teknisk information för IT');
  await expect(summary).toBeVisible();
  const entry = alert.locator('li[data-diagnostic-kind="not-delivered"]');
  await expect(entry).toBeHidden();
  await summary.click();
  await expect(entry).toBeVisible();
  await expect(entry).toContainText('Levererades inte av webbläsaren: categories fanns i policyn, men webbläsaren levererade det inte.');
  await expect(entry).toContainText('chrome://policy');
  await expect(entry.locator('code')).toHaveText('categories');
  for (const colorScheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme });
    await expectNoViolations(popup, `popup with a field the browser did not deliver (${colorScheme})`);
  }

  // The options page shows the same entry behind the same disclosure.
  const options = await context!.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html#policy`);
  await options.getByRole('tab', { name: 'Policy' }).click();
  const optionsAlert = options.getByRole('alert');
  await expect(optionsAlert).toContainText('Kontakta IT-supporten.');
  await optionsAlert.getByText('Teknisk information för IT').click();
  await expect(optionsAlert.locator('li[data-diagnostic-kind="not-delivered"]')).toContainText('chrome://policy');

  // The built-in default, not the dropped "warn": a personnummer is still blocked.
  const page = await openChat();
  await page.locator('form #prompt-textarea').click();
  await page.keyboard.type(`Beslut för ${PNR}`);
  await page.keyboard.press('Enter');
  await expect(page.locator('[role="alertdialog"]')).toHaveAttribute('data-promptvakt-dialog', 'block');
  expect(await page.evaluate(() => (window as unknown as { __sent: string[] }).__sent)).toEqual([]);
});

test('a value of the right type that Promptvakt does not allow ("Block") arrives, and Promptvakt names it by its path', async () => {
  await launchWithPolicy({
    version: 1,
    organisation: { name: 'Exempelkommun', contact: 'it@exempelkommun.se' },
    categories: { email: { action: 'block' }, health: { action: 'Block' } },
    policyFields: ['version', 'organisation', 'categories'],
  });
  // The managed schema carries types only: Chromium delivers the field whole.
  expect((await delivered()).categories).toEqual({ email: { action: 'block' }, health: { action: 'Block' } });
  const popup = await openPopup();
  const alert = popup.getByRole('alert');
  await expect(alert).toContainText('Kontakta it@exempelkommun.se.');
  await alert.getByText('Teknisk information för IT').click();
  await expect(alert.locator('li')).toHaveCount(1);
  await expect(alert.locator('li').first()).toContainText('categories.health.action');
  await expect(alert.locator('li[data-diagnostic-kind="not-delivered"]')).toHaveCount(0);
});
