/**
 * The Firefox MV3 variant (`wxt build -b firefox --mv3`, built by
 * global-setup.ts into .output/firefox-mv3) in Debian's Firefox ESR: the core
 * send, paste and mask paths and the extension pages, to catch what differs
 * from the MV2 build (event-page background, `action` instead of
 * `browserAction`, host permissions). The full set runs on MV2 (guard.test.ts).
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { BUILDS, DIALOG, dialogButton, dialogCount, dialogText, launchFirefox, paste, sent, SITES, typeInto, until, type FirefoxSession } from './firefox';
import { degradedBadge, popupStatus, waitForDegradedPopup } from './pages';

const PNR = '640823-4174';
const PNR_PROMPT = `Skriv ett avslag till Per Nilsson ${PNR} om parkeringstillstånd`;
const CLEAN_PROMPT = 'Skriv en inbjudan till julbordet på fredag';

describe('Promptvakt in Firefox ESR (MV3 build)', () => {
  let ff: FirefoxSession;
  /** Opened first: the content script reports the missing composer 4 s after load, while the other tests run. */
  let noComposer: Page;
  const pages: Page[] = [];
  beforeAll(async () => {
    ff = await launchFirefox({ extension: BUILDS.mv3 });
    noComposer = await ff.open(SITES.grok);
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
  });
  afterAll(async () => {
    await ff?.close();
  });

  test('chatgpt: a typed personnummer is stopped on Enter and on the send button', async () => {
    const site = SITES.chatgpt;
    const page = await ff.open(site);
    pages.push(page);
    await typeInto(page, site, PNR_PROMPT);
    await page.keyboard.press('Enter');
    expect(await dialogText(page)).toContain('Promptvakt stopped this message');
    await page.keyboard.press('Escape');
    await page.waitForSelector(DIALOG, { hidden: true });
    await page.click(site.send);
    expect(await dialogText(page)).toContain('Promptvakt stopped this message');
    expect(await sent(page)).toEqual([]);
  });

  test('claude: a pasted personnummer is stopped; "Mask and send" sends placeholders', async () => {
    const site = SITES.claude;
    const page = await ff.open(site);
    pages.push(page);
    await page.click(site.editor);
    await paste(page, site, `Sökande: Per Nilsson ${PNR}`);
    expect(await dialogText(page)).toContain('Promptvakt stopped this paste');
    await page.keyboard.press('Escape');
    await page.waitForSelector(DIALOG, { hidden: true });
    await typeInto(page, site, PNR_PROMPT);
    await page.keyboard.press('Enter');
    await (await dialogButton(page, 'Mask and send')).click();
    await until(() => sent(page), ['Skriv ett avslag till [PERSON 1] [PERSONAL ID NUMBER 1] om parkeringstillstånd']);
  });

  test('textarea: a clean prompt is sent unchanged without a dialog', async () => {
    const site = SITES.textarea;
    const page = await ff.open(site);
    pages.push(page);
    await typeInto(page, site, CLEAN_PROMPT);
    await page.keyboard.press('Enter');
    await until(() => sent(page), [CLEAN_PROMPT]);
    expect(await dialogCount(page)).toBe(0);
  });

  test('options and popup render', async () => {
    const options = await ff.openExtensionPage('options.html', '[role="tablist"]');
    pages.push(options);
    expect(await options.$eval('h1', (h) => h.textContent)).toBe('Promptvakt – try it and settings');
    const popup = await ff.openExtensionPage('popup.html', '[data-protected]');
    pages.push(popup);
    expect(await popupStatus(popup)).toMatchObject({ protected: 'false', policy: 'Built-in defaults' });
  });

  test('a protected site without a composer: "protection degraded" in the popup and "!" on the badge', async () => {
    const popup = await ff.openExtensionPage('popup.html', '[data-protected]');
    pages.push(popup);
    await noComposer.bringToFront();
    expect(await waitForDegradedPopup(popup)).toContain('Protection is limited on this page');
    expect(await degradedBadge(popup, SITES.grok.origin)).toBe('!');
  });

  test('no page request left the mocked origins, and no page logged an error', () => {
    expect(ff.outsideRequests).toEqual([]);
    expect(ff.pageProblems).toEqual([]);
  });
});
