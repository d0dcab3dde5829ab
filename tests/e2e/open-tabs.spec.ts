/**
 * Tabs that were open before Promptvakt's current version ran: after an update
 * (here: runtime.reload(), which the browser reports as an update) the copy in
 * an open tab loses its extension and stops, and the browser does not inject
 * the new one. The background injects it (background/open-tabs.ts), so the
 * tab stays protected without a reload, by exactly one copy.
 */
import { expect, test } from '@playwright/test';
import { useOneSite } from './one-site';

const EDITOR = 'form textarea#prompt';
const PNR_PROMPT = 'Skriv ett avslag till Per Nilsson 640823-4174';
const CLEAN_PROMPT = 'Skriv en inbjudan till julbordet på fredag';

const site = useOneSite('https://poe.com', 'textarea');

test('a tab open during an update stays protected without a reload, by one copy of Promptvakt', async () => {
  const page = await site.browser().context.newPage();
  await page.goto('https://poe.com/');
  await page.locator(EDITOR).waitFor();
  const sent = () => page.evaluate(() => (window as unknown as { __sent: string[] }).__sent);

  const restarted = site.browser().context.waitForEvent('serviceworker');
  await site.browser().worker!.evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload()).catch(() => undefined);
  site.browser().worker = await restarted;
  // The new copy is in the page when the indicator comes back on focus.
  await expect
    .poll(
      async () => {
        await page.locator(EDITOR).blur();
        await page.locator(EDITOR).focus();
        return page.locator('[data-promptvakt-indicator]').count();
      },
      { timeout: 10_000 },
    )
    .toBeGreaterThan(0);

  await page.locator(EDITOR).fill('');
  await page.locator(EDITOR).click();
  await page.keyboard.type(PNR_PROMPT);
  await page.keyboard.press('Enter');
  await expect(page.locator('[role="alertdialog"]')).toHaveCount(1);
  expect(await sent()).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.locator('[role="alertdialog"]')).toHaveCount(0);
  // One copy: one shadow host, and a clean prompt is sent exactly once.
  expect(await page.evaluate(() => document.querySelectorAll('promptvakt-dialog').length)).toBe(1);
  await page.locator(EDITOR).fill(CLEAN_PROMPT);
  await page.locator(EDITOR).press('Enter');
  await expect.poll(sent).toHaveLength(1);
  await page.waitForTimeout(300);
  expect(await sent()).toEqual([CLEAN_PROMPT]);
});
