/**
 * "Mask and send" as a round trip, on mock sites that answer (demo/src/shared/answer.ts):
 * a prompt with a name, a personnummer and a health fact is masked; neither the
 * name nor the number reaches the page's wire; the answer, streamed in chunks
 * with placeholders as models alter them, shows the real values in the page;
 * the panel's toggle shows the placeholders again and its copy gives the real
 * values; nothing of the mapping is in any extension storage area or in any
 * request.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { routeSiteToMock } from '../../demo/route';
import { startMockServer, type MockServer } from '../../demo/server';
import { launchChromium, type LaunchedBrowser } from './launch';

const PNR = '640823-4174';
const NAME = 'Per Nilsson';
const PROMPT = `Skriv ett beslut till ${NAME}, personnummer ${PNR}. Han är sjukskriven sedan mars och ansöker om bostadsanpassning.`;

interface Site {
  origin: string;
  mock: string;
  editor: string;
  path?: string;
}
const SITES: Record<string, Site> = {
  chatgpt: { origin: 'https://chatgpt.com', mock: 'chatgpt', editor: 'form #prompt-textarea' },
  gemini: { origin: 'https://gemini.google.com', mock: 'gemini', editor: 'rich-textarea .ql-editor' },
  lexical: { origin: 'https://www.meta.ai', mock: 'lexical', editor: '[data-lexical-editor="true"]' },
  textarea: { origin: 'https://poe.com', mock: 'textarea', editor: 'form textarea#prompt' },
};
/** A site whose adapter names its answers (.ds-markdown), on a mock page that never answers. */
const SILENT: Site = { origin: 'https://chat.deepseek.com', mock: 'deepseek', editor: 'textarea#chat-input' };

let server: MockServer;
let browser: LaunchedBrowser;
let context: BrowserContext;
const outside: string[] = [];

test.beforeAll(async () => {
  server = await startMockServer();
  browser = await launchChromium({ locale: 'en-US' });
  context = browser.context;
  for (const site of [...Object.values(SITES), SILENT]) await routeSiteToMock(context, site.origin, server.url, site.mock);
  await context.route(
    (url) => url.origin !== server.url && ![...Object.values(SITES), SILENT].some((s) => url.origin === s.origin) && url.protocol !== 'chrome-extension:',
    (route) => {
      outside.push(route.request().url());
      return route.abort();
    },
  );
});
test.afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const sent = (page: Page) => page.evaluate(() => (window as unknown as { __sent: string[] }).__sent);
const dialog = (page: Page) => page.locator('[role="alertdialog"]');
const panel = (page: Page) => page.locator('[data-promptvakt-restore]');
const answer = (page: Page) => page.locator('[data-mock-answer]').last();

async function maskAndSend(page: Page, site: Site): Promise<string> {
  await page.locator(site.editor).click();
  await page.keyboard.type(PROMPT);
  await page.keyboard.press('Enter');
  await dialog(page).getByRole('button', { name: 'Mask and send' }).click();
  await expect.poll(() => sent(page)).toHaveLength(1);
  return (await sent(page))[0]!;
}

for (const [name, site] of Object.entries(SITES)) {
  test(`${name}: masked on the wire, real values in the streamed answer, the toggle shows the placeholders again`, async () => {
    const page = await context.newPage();
    await page.goto(`${site.origin}/?alter=1&answer-interval=20`);
    await page.locator(site.editor).waitFor();
    const wire = await maskAndSend(page, site);
    // Neither the name nor any part of the number left the page.
    expect(wire).not.toContain('Nilsson');
    expect(wire).not.toMatch(/\d{4}/);
    expect(wire).toContain('[PERSON 1]');
    expect(wire).toContain('[PERSONAL ID NUMBER 1]');

    await expect(answer(page)).toHaveAttribute('data-mock-answer', 'done', { timeout: 15_000 });
    // The page's own record of its answer holds the placeholders (altered as a model would) …
    const pageAnswer = await page.evaluate(() => (window as unknown as { __answers: string[] }).__answers.at(-1)!);
    expect(pageAnswer).not.toContain('Nilsson');
    expect(pageAnswer).toMatch(/person 1/i);
    // … and Promptvakt shows the real values in their place.
    await expect(answer(page)).toContainText(NAME);
    await expect(answer(page)).toContainText(PNR);
    await expect.poll(async () => (await answer(page).innerText()).match(/person(?:al id number)? ?1/i)).toBeNull();
    await expect(panel(page)).toHaveAttribute('data-promptvakt-restore', 'restored');

    await panel(page).getByRole('button', { name: 'Show the placeholders' }).click();
    await expect(answer(page)).not.toContainText('Nilsson');
    await expect(panel(page)).toHaveAttribute('data-promptvakt-restore', 'placeholders');
    await panel(page).getByRole('button', { name: 'Show the placeholders' }).click();
    await expect(answer(page)).toContainText(NAME);
    await page.close();
  });
}

test('the mapping stays in the tab: not in any storage area, not in any request, gone on reload', async () => {
  const site = SITES.chatgpt!;
  const page = await context.newPage();
  await page.goto(`${site.origin}/?answer-interval=20`);
  await page.locator(site.editor).waitFor();
  await maskAndSend(page, site);
  await expect(answer(page)).toHaveAttribute('data-mock-answer', 'done', { timeout: 15_000 });
  await expect(answer(page)).toContainText(NAME);

  const stored = await browser.worker!.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { storage: Record<'local' | 'sync' | 'session', { get(k: null): Promise<unknown> }> } }).chrome;
    return JSON.stringify([await api.storage.local.get(null), await api.storage.sync.get(null), await api.storage.session.get(null)]);
  });
  expect(stored).not.toContain('Nilsson');
  expect(stored).not.toContain('640823');
  expect(outside).toEqual([]);

  // Promptvakt's own copy gives the real values; the page's copy button copies the placeholders.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
  await panel(page).getByRole('button', { name: 'Copy the answer with real values' }).click();
  await expect(panel(page)).toContainText('Copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(NAME);
  await expect(panel(page)).toContainText('The site’s own copy button copies the placeholders.');
  await page.locator('[data-mock-copy]').last().click();
  expect((await page.evaluate(() => (window as unknown as { __copied: string[] }).__copied)).at(-1)).not.toContain('Nilsson');

  // A reload forgets the mapping: the answer the page shows again keeps its placeholders.
  await page.reload();
  await page.locator(site.editor).waitFor();
  await expect(panel(page)).toHaveCount(0);
  await page.close();
});

test('where the answers cannot be found, the panel says so after a masked send', async () => {
  const page = await context.newPage();
  await page.goto(`${SILENT.origin}/`);
  await page.locator(SILENT.editor).waitFor();
  await maskAndSend(page, SILENT);
  await expect(panel(page)).toHaveAttribute('data-promptvakt-restore', 'degraded', { timeout: 20_000 });
  await expect(panel(page)).toContainText('cannot find');
  await page.close();
});
