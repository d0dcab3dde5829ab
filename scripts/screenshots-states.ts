/**
 * Screenshots of the "way forward" states (docs/screenshots/*.png), taken from
 * the built extension in Debian Chromium on the offline ChatGPT mock, as
 * scripts/screenshots.ts does for the plain dialogs:
 *
 *   dialog-tools-sv.png      a block with the organisation's approved tool and "Det här är fel"
 *   justification-sv.png     "send anyway" asking for a reason, and how long "another reason" must be
 *   popup-tools-sv.png       the popup on a page Promptvakt does not protect: the approved tool, the protected services
 *   popup-reduced-sv.png     the popup after the employee lowered a category: "Minskat skydd"
 *   options-lower-sv.png     the confirmation before a category goes below its default
 *
 * The first three need an organisation policy, which Chromium reads only from
 * /etc/chromium/policies/managed (root, as in CI); the script writes one there
 * for the run and removes it. Builds nothing: run `npx wxt build` and
 * `npx tsx demo/build.ts` first, then
 *
 *   npx tsx scripts/screenshots-states.ts
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { CHROME_EXTENSION_ID } from '../lib/extension-id';
import { CHROMIUM, EXTENSION_BUILD, launchChromium, type LaunchedBrowser } from '../tests/e2e/launch';
import { POLICY_DIR, policyDirWritable } from '../tests/e2e/managed-policy';
import { DIST_DIR } from '../demo/build';
import { routeSiteToMock } from '../demo/route';
import { startMockServer } from '../demo/server';

const OUT_DIR = resolve('docs/screenshots');
const ORIGIN = 'https://chatgpt.com';
const EDITOR = 'form #prompt-textarea';
const VIEWPORT = { width: 1100, height: 820 };
const POPUP_VIEWPORT = { width: 380, height: 640 };
const POLICY_FILE = join(POLICY_DIR, 'promptvakt-screenshots.json');

/** An organisation policy with an approved tool and a reason asked before health data is sent anyway. */
const POLICY = {
  version: 1,
  organisation: { name: 'Exempelkommun', policyUrl: 'https://intranet.exempelkommun.se/ai', contact: 'ai@exempelkommun.se' },
  approvedTools: [
    {
      name: 'Kommunens AI-assistent',
      url: 'https://ai.exempelkommun.se/',
      description: { sv: 'Godkänd för texter med personuppgifter.', en: 'Approved for texts with personal data.' },
    },
  ],
  categories: { health: { action: 'warn', requireJustification: true } },
};

function fail(message: string): never {
  console.error(`screenshots: ${message}`);
  process.exit(1);
}

if (!existsSync(join(EXTENSION_BUILD, 'manifest.json'))) fail(`no extension build in ${relative('.', EXTENSION_BUILD)}/. Run \`npx wxt build\` first.`);
if (!existsSync(join(DIST_DIR, 'chatgpt.js'))) fail('the mock chat pages are not built. Run `npx tsx demo/build.ts` first.');
if (!existsSync(CHROMIUM)) fail(`no Chromium at ${CHROMIUM} (Debian: \`apt-get install chromium\`, or set PROMPTVAKT_CHROMIUM).`);

mkdirSync(OUT_DIR, { recursive: true });
const server = await startMockServer();
const written: string[] = [];

async function launch(): Promise<LaunchedBrowser> {
  const browser = await launchChromium({ locale: 'sv-SE', viewport: VIEWPORT });
  await routeSiteToMock(browser.context, ORIGIN, server.url, 'demo');
  await browser.context.route(
    (url) => url.origin !== server.url && url.origin !== ORIGIN && url.protocol !== 'chrome-extension:',
    (route) => route.abort(),
  );
  return browser;
}

async function shoot(page: Page, name: string, target?: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  const file = join(OUT_DIR, name);
  if (target) await page.locator(target).first().screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  else await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  written.push(relative('.', file));
}

async function dialogFor(browser: LaunchedBrowser, prompt: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${ORIGIN}/`);
  await page.locator(EDITOR).click();
  await page.keyboard.type(prompt);
  await page.keyboard.press('Enter');
  await page.locator('[role="alertdialog"]').waitFor({ state: 'visible', timeout: 10_000 });
  return page;
}

async function popupOn(browser: LaunchedBrowser): Promise<Page> {
  const popup = await browser.context.newPage();
  await popup.setViewportSize(POPUP_VIEWPORT);
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await popup.locator('main').waitFor();
  return popup;
}

/** Waits until the background has applied the managed policy (or gives up with a clear message). */
async function organisationPolicyApplied(browser: LaunchedBrowser): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const source = await browser.worker!.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
      return ((await api.storage.local.get('promptvakt.policy'))['promptvakt.policy'] as { source?: string } | undefined)?.source;
    });
    if (source === 'organisation') return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the organisation policy was not applied within 20 s');
}

try {
  if (policyDirWritable()) {
    writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [CHROME_EXTENSION_ID]: POLICY } } }));
    const browser = await launch();
    try {
      await organisationPolicyApplied(browser);
      const block = await dialogFor(browser, 'Skriv ett avslag till Per Nilsson 640823-4174 om parkeringstillstånd');
      await shoot(block, 'dialog-tools-sv.png');
      await block.close();

      const warn = await dialogFor(browser, 'min kollega Lena är sjukskriven sedan mars, hjälp mig planera arbetsträning');
      await warn.getByRole('radio', { name: 'Annat skäl' }).check();
      await warn.getByLabel(/Med egna ord/).fill('Lena');
      await shoot(warn, 'justification-sv.png');
      await warn.close();

      const popup = await popupOn(browser);
      await shoot(popup, 'popup-tools-sv.png');
    } finally {
      await browser.close();
      rmSync(POLICY_FILE, { force: true });
    }
  } else {
    console.warn(`screenshots: ${POLICY_DIR} is not writable (run as root): the organisation-policy screenshots are skipped`);
  }

  const browser = await launch();
  try {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html#policy`);
    await options.getByRole('tab', { name: 'Policy' }).click();
    await options.locator('tr[data-category="health"] select').selectOption('off');
    await options.locator('[data-confirm-lower="health"]').waitFor();
    await options.locator('[data-confirm-lower="health"]').scrollIntoViewIfNeeded();
    await shoot(options, 'options-lower-sv.png');
    await options.locator('[data-confirm-lower="health"]').getByRole('button', { name: 'Sänk skyddet' }).click();
    await options.locator('tr[data-category="health"][data-action="off"]').waitFor();

    const popup = await popupOn(browser);
    await popup.locator('[data-reduced-protection]').waitFor();
    await shoot(popup, 'popup-reduced-sv.png');
  } finally {
    await browser.close();
  }
} catch (error) {
  await server.close();
  rmSync(POLICY_FILE, { force: true });
  fail(error instanceof Error ? error.message : String(error));
}
await server.close();
console.log(`screenshots written:\n  ${written.join('\n  ')}`);
