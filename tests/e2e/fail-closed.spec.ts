/**
 * Fail closed, and hold long sends: when the check itself fails, the policy's
 * failureMode decides, and by default nothing is sent and the dialog says
 * why. Faults are injected into the real extension, not into a test build:
 *   - in the page, the content script's isolated world (reached through the
 *     DevTools protocol) gets a RegExp.prototype.exec that throws, so the
 *     engine throws at send;
 *   - in the background, the service worker gets the same fault, or is kept
 *     busy past the page's time budget for a background check.
 * Then the 5 MB cases: a send of 5 MB is held while the background checks it
 * and goes through once it is known to be clean; a 5 MB paste with one
 * personnummer at the end is stopped before it lands.
 */
import { expect, test, type Page } from '@playwright/test';
import { breakBackgroundEngine } from './faults';
import { launchChromium, type LaunchedBrowser } from './launch';
import { routeSiteToMock } from '../../demo/route';
import { startMockServer, type MockServer } from '../../demo/server';

const ORIGIN = 'https://poe.com';
const EDITOR = 'form textarea#prompt';
const CLEAN_PROMPT = 'Skriv en inbjudan till julbordet på fredag';
/** Ordinary text, long enough (> 128 K characters) to be checked in the background. */
const LONG_CLEAN = (n: number) => `Protokoll från verksamhetsmöte, punkt för punkt. `.repeat(n);
const ERROR_TITLE = 'Promptvakt could not check the text';

let server: MockServer;
let browser: LaunchedBrowser;

test.beforeAll(async () => {
  server = await startMockServer();
});
test.afterAll(async () => {
  await server?.close();
});
// Each test gets a fresh browser: the faults must not leak into the next test.
test.beforeEach(async () => {
  browser = await launchChromium({ locale: 'en-US' });
  await routeSiteToMock(browser.context, ORIGIN, server.url, 'textarea');
});
test.afterEach(async () => {
  await browser?.close();
});

async function openChat(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${ORIGIN}/`);
  await page.locator(EDITOR).waitFor();
  return page;
}

const dialog = (page: Page) => page.locator('[role="alertdialog"]');
/** What the page's send handler received: lengths and the texts' first characters (the texts can be 5 MB). */
const sentLengths = (page: Page) => page.evaluate(() => (window as unknown as { __sent: string[] }).__sent.map((s) => s.length));

/** Runs `source` in the content script's isolated world of the page's main frame. */
async function inContentScript(page: Page, source: string): Promise<void> {
  const cdp = await browser.context.newCDPSession(page);
  const worlds: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (event) => worlds.push(event.context));
  await cdp.send('Runtime.enable');
  const world = worlds.find((w) => w.auxData?.type === 'isolated' && w.origin.startsWith('chrome-extension://'));
  expect(world, "the content script's isolated world").toBeDefined();
  const { exceptionDetails } = await cdp.send('Runtime.evaluate', { expression: source, contextId: world!.id });
  expect(exceptionDetails).toBeUndefined();
  await cdp.detach();
}

/**
 * The engine's detectors run regular expressions over the prompt: this one
 * throws on a prompt that holds the marker. Only there, so that the dialog
 * (which uses regular expressions too) can still say what happened.
 */
const FAULT_MARKER = 'FELINJICERING';
const THROWING_REGEXP = `{
  const exec = RegExp.prototype.exec;
  RegExp.prototype.exec = function (s) {
    if (String(s).includes('${FAULT_MARKER}')) throw new Error('injected engine fault');
    return exec.call(this, s);
  };
}`;

/** Pastes text into the composer the way a browser does (a paste event with clipboard data). */
async function paste(page: Page, text: { repeat: number; tail?: string }): Promise<void> {
  await page.evaluate(
    ({ selector, repeat, tail }) => {
      const data = new DataTransfer();
      data.setData('text/plain', 'Protokoll från verksamhetsmöte, punkt för punkt. '.repeat(repeat) + (tail ?? ''));
      document.querySelector(selector)!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { selector: EDITOR, ...text },
  );
}

test('the engine throws in the page at send: nothing is sent and the dialog says why', async () => {
  const page = await openChat();
  await inContentScript(page, THROWING_REGEXP);
  await page.locator(EDITOR).click();
  await page.keyboard.type(`${CLEAN_PROMPT} ${FAULT_MARKER}`);
  await page.keyboard.press('Enter');
  await expect(dialog(page)).toContainText(ERROR_TITLE);
  await expect(dialog(page)).toContainText('To be safe, nothing is sent.');
  expect(await sentLengths(page)).toEqual([]);
  // The send button is held the same way.
  await page.keyboard.press('Escape');
  await page.locator('form button[type="submit"]').click();
  await expect(dialog(page)).toContainText(ERROR_TITLE);
  expect(await sentLengths(page)).toEqual([]);
  // The fault is the marker's alone: without it the same prompt goes through.
  await page.keyboard.press('Escape');
  await page.locator(EDITOR).fill(CLEAN_PROMPT);
  await page.keyboard.press('Enter');
  await expect.poll(() => sentLengths(page)).toEqual([CLEAN_PROMPT.length]);
});

test('when even the dialog cannot be drawn, the send stays stopped and the browser alert says so', async () => {
  const page = await openChat();
  // Every regular expression in the content script throws: the engine, and the dialog's rendering with it.
  await inContentScript(page, `RegExp.prototype.exec = function () { throw new Error('injected fault'); }; 'ok'`);
  const alerts: string[] = [];
  page.on('dialog', (alert) => {
    alerts.push(alert.message());
    void alert.accept();
  });
  await page.locator(EDITOR).click();
  await page.keyboard.type(CLEAN_PROMPT);
  await page.keyboard.press('Enter');
  await expect.poll(() => alerts).toEqual([expect.stringContaining('Promptvakt stopped this')]);
  expect(await sentLengths(page)).toEqual([]);
  // The stopped send is over: the next attempt is checked again (and stopped again), not silently held.
  await page.keyboard.press('Enter');
  await expect.poll(() => alerts.length).toBe(2);
  expect(await sentLengths(page)).toEqual([]);
});

test('the background check throws: a long paste does not land', async () => {
  await breakBackgroundEngine(browser.worker!);
  const page = await openChat();
  await page.locator(EDITOR).click();
  await paste(page, { repeat: 4000 });
  await expect(dialog(page)).toContainText(ERROR_TITLE);
  await expect(page.locator(EDITOR)).toHaveValue('');
});

test('the background does not answer within the time budget: the held send is not sent', async () => {
  test.setTimeout(60_000);
  const page = await openChat();
  // A long prompt already in the composer (written past the paste check), then sent.
  await page.locator(EDITOR).evaluate((el: HTMLTextAreaElement, text) => {
    el.value = text;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, LONG_CLEAN(3000));
  // The background is kept busy for longer than the page waits for it (9 s for this length).
  await browser.worker!.evaluate(() => {
    setTimeout(() => {
      const until = Date.now() + 20_000;
      while (Date.now() < until);
    }, 0);
  });
  await page.locator(EDITOR).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-promptvakt-indicator="checking"]')).toBeAttached();
  await expect(dialog(page)).toContainText(ERROR_TITLE, { timeout: 20_000 });
  expect(await sentLengths(page)).toEqual([]);
});

test('a 5 MB send is held while it is checked, then sent unchanged once it is known to be clean', async () => {
  const page = await openChat();
  const length = await page.locator(EDITOR).evaluate((el: HTMLTextAreaElement) => {
    el.value = 'Protokoll från verksamhetsmöte, punkt för punkt. '.repeat(105_000);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    return el.value.length;
  });
  expect(length).toBeGreaterThan(5_000_000);
  await page.locator(EDITOR).focus();
  await page.keyboard.press('Enter');
  // Held: the page has not seen the send while the indicator says "checking".
  await expect(page.locator('[data-promptvakt-indicator="checking"]')).toBeAttached();
  expect(await sentLengths(page)).toEqual([]);
  // Clean: replayed through the site's own send control, exactly once, unchanged.
  await expect.poll(() => sentLengths(page), { timeout: 20_000 }).toEqual([length]);
  await expect(dialog(page)).toHaveCount(0);
});

test('a 5 MB paste with one personnummer at the very end is stopped before it lands', async () => {
  const page = await openChat();
  await page.locator(EDITOR).click();
  await paste(page, { repeat: 105_000, tail: '\nSökande: Per Nilsson 640823-4174' });
  await expect(dialog(page)).toContainText('Promptvakt stopped this paste', { timeout: 20_000 });
  await expect(dialog(page)).toContainText('64****-****');
  await expect(page.locator(EDITOR)).toHaveValue('');
});
