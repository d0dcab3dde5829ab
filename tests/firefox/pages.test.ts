/**
 * The extension's own pages in Debian's Firefox ESR (MV2 build): the options
 * page renders its tabs and "Try it" stops a personnummer; the popup shows
 * the policy source and whether the active tab is a protected site; a
 * protected site without a composer is reported as "protection degraded".
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { BUILDS, launchFirefox, SITES, type FirefoxSession } from './firefox';
import { degradedBadge, popupStatus, waitForDegradedPopup } from './pages';

describe('extension pages in Firefox ESR (MV2 build)', () => {
  let ff: FirefoxSession;
  /** Opened first: the content script reports the missing composer 4 s after load, while the other tests run. */
  let noComposer: Page;
  const pages: Page[] = [];
  beforeAll(async () => {
    ff = await launchFirefox({ extension: BUILDS.mv2 });
    noComposer = await ff.open(SITES.grok);
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
  });
  afterAll(async () => {
    await ff?.close();
  });

  test('options: heading and tabs render; "Try it" stops a personnummer and shows it masked', async () => {
    const page = await ff.openExtensionPage('options.html', '[role="tablist"]');
    pages.push(page);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Promptvakt – try it and settings');
    expect(await page.$$eval('[role="tab"]', (tabs) => tabs.map((t) => t.textContent))).toEqual(['Try it', 'Policy', 'Statistics', 'Settings']);
    const input = await page.waitForSelector('textarea');
    await input!.click();
    await page.keyboard.type('Sökande: Per Nilsson, 640823-4174');
    await page.waitForSelector('[data-decision="block"]');
    const item = await page.waitForSelector('li[data-category="personnummer"]');
    const text = await item!.evaluate((li) => li.textContent ?? '');
    expect(text).toContain('64****-****');
    expect(text).not.toContain('640823-4174');
  });

  test('popup: built-in policy, not a protected site, then protected on ChatGPT', async () => {
    const popup = await ff.openExtensionPage('popup.html', '[data-protected]');
    pages.push(popup);
    expect(await popupStatus(popup)).toEqual({ protected: 'false', state: 'Not a protected AI site', name: null, policy: 'Built-in defaults' });

    // With a protected site as the active tab, the popup names it.
    const site = await ff.open(SITES.chatgpt);
    pages.push(site);
    await site.bringToFront();
    await popup.evaluate(() => location.reload());
    await popup.waitForSelector('[data-protected="true"]');
    expect(await popupStatus(popup)).toMatchObject({ protected: 'true', state: 'Protected AI site', name: 'ChatGPT' });
  });

  test('a protected site without a composer: the popup says protection is degraded', async () => {
    const popup = await ff.openExtensionPage('popup.html', '[data-protected]');
    pages.push(popup);
    await noComposer.bringToFront();
    expect(await waitForDegradedPopup(popup)).toContain('Protection is limited on this page');
  });

  test('a protected site without a composer gets "!" on the toolbar badge', async () => {
    const popup = await ff.openExtensionPage('popup.html', '[data-protected]');
    pages.push(popup);
    expect(await degradedBadge(popup, SITES.grok.origin)).toBe('!');
  });

  test('no page request left the mocked origins, and no page logged an error', () => {
    expect(ff.outsideRequests).toEqual([]);
    expect(ff.pageProblems).toEqual([]);
  });
});
