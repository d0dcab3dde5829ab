/**
 * Network audit: nothing a user types leaves the browser. Every built-in
 * protected site is served offline (a mock page under the real origin), and
 * on each one a personnummer is typed and sent, a clean prompt is sent and a
 * long text is pasted (checked in the background); every other mock page
 * (frames, single-page app, web component, demo) is visited and a
 * personnummer sent there too; then the popup and the
 * options page (with its "Try it" sandbox) are used. Every request made in
 * the browser — by pages, by the extension's pages and by its service worker
 * (Playwright reports those with PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS;
 * a probe from the worker proves the audit sees them) — is recorded, and
 * everything except the mock pages' own files and the extension's files is
 * refused and reported.
 *
 * With no counter endpoint configured (the built-in defaults) the extension
 * makes no request at all. The one request it may make, the counter report
 * to the organisation's endpoint, is audited in policy.spec.ts ("… and
 * nothing else leaves").
 */
import { expect, test, type Request } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_IN_SITE_MATCHES } from './built-in-sites';
import { launchChromium, type LaunchedBrowser } from './launch';
import { MOCK_SITES_DIR, mockSiteNames } from '../../demo/build';
import { routeSiteToMock } from '../../demo/route';
import { startMockServer, type MockServer } from '../../demo/server';

// Read by Playwright when it attaches to a service worker: set before the browser starts.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

/** Each built-in site's origin, and the mock page that stands in for it. */
const SITES: { url: string; mock: string; guarded: boolean }[] = [
  { url: 'https://chatgpt.com/', mock: 'chatgpt', guarded: true },
  { url: 'https://chat.openai.com/', mock: 'chatgpt', guarded: true },
  { url: 'https://claude.ai/', mock: 'claude', guarded: true },
  { url: 'https://gemini.google.com/', mock: 'gemini', guarded: true },
  { url: 'https://copilot.microsoft.com/', mock: 'textarea', guarded: false },
  { url: 'https://m365.cloud.microsoft/', mock: 'textarea', guarded: false },
  { url: 'https://chat.mistral.ai/', mock: 'lexical', guarded: false },
  { url: 'https://www.perplexity.ai/', mock: 'textarea', guarded: false },
  { url: 'https://perplexity.ai/', mock: 'textarea', guarded: false },
  { url: 'https://chat.deepseek.com/', mock: 'deepseek', guarded: true },
  { url: 'https://poe.com/', mock: 'textarea', guarded: true },
  { url: 'https://grok.com/', mock: 'textarea', guarded: false },
  { url: 'https://www.meta.ai/', mock: 'lexical', guarded: true },
  { url: 'https://huggingface.co/chat/', mock: 'upload', guarded: true },
];
/** Each mock page's composer. */
const EDITORS: Record<string, string> = {
  chatgpt: 'form #prompt-textarea',
  claude: 'fieldset div.ProseMirror',
  gemini: 'rich-textarea .ql-editor',
  lexical: '[data-lexical-editor="true"]',
  textarea: 'form textarea#prompt',
  upload: 'form textarea#prompt',
  deepseek: 'textarea#chat-input',
};
const PNR_PROMPT = 'Skriv ett avslag till Per Nilsson 640823-4174 om parkeringstillstånd';
const CLEAN_PROMPT = 'Skriv en inbjudan till julbordet på fredag';

let server: MockServer;
let browser: LaunchedBrowser;
const requests: { url: string; from: string }[] = [];
const refused: { url: string; from: string }[] = [];

function origin(url: string): string {
  return new URL(url).origin;
}

/** Who made a request: a page (its URL), or a service worker. */
function source(request: Request): string {
  const worker = request.serviceWorker();
  if (worker) return `service worker ${worker.url()}`;
  try {
    return `page ${request.frame().url()}`;
  } catch {
    return 'unknown';
  }
}

test.beforeAll(async () => {
  server = await startMockServer();
  browser = await launchChromium({ locale: 'en-US' });
  const { context } = browser;
  const mocked = new Set(SITES.map((s) => origin(s.url)));
  context.on('request', (r) => requests.push({ url: r.url(), from: source(r) }));
  // Everything that is not a mock page or the extension is refused, and reported below.
  await context.route(
    (url) => !mocked.has(url.origin) && url.origin !== server.url && url.protocol !== 'chrome-extension:',
    (route) => {
      refused.push({ url: route.request().url(), from: source(route.request()) });
      return route.abort();
    },
  );
  for (const site of SITES) await routeSiteToMock(context, origin(site.url), server.url, site.mock);
});

test.afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('the audit covers every built-in protected site', () => {
  // The match patterns are plain "https://host/path/*" (checked by lib/sites/schema.ts).
  expect(BUILT_IN_SITE_MATCHES.length).toBeGreaterThan(10);
  for (const pattern of BUILT_IN_SITE_MATCHES) expect(SITES.some((s) => s.url.startsWith(pattern.replace(/\*$/, ''))), pattern).toBe(true);
});

test('the audit sees requests made by the extension service worker', async () => {
  // The probe: if the service worker's own requests were invisible, the audit below would prove nothing.
  await browser.worker!.evaluate(() => fetch('https://audit-probe.invalid/worker').catch(() => undefined));
  await expect.poll(() => refused.some((r) => r.url === 'https://audit-probe.invalid/worker' && r.from.startsWith('service worker'))).toBe(true);
  refused.length = 0;
  requests.length = 0;
});

test('no request leaves the browser while prompts are checked on every protected site', async () => {
  test.setTimeout(180_000);
  for (const site of SITES) {
    await test.step(site.url, async () => {
      const page = await browser.context.newPage();
      await page.goto(site.url);
      const editor = page.locator(EDITORS[site.mock]!);
      await editor.click();
      await page.keyboard.type(PNR_PROMPT);
      await page.keyboard.press('Enter');
      if (site.guarded) {
        await expect(page.locator('[role="alertdialog"]')).toBeVisible();
        await page.keyboard.press('Escape');
        await expect(page.locator('[role="alertdialog"]')).toHaveCount(0);
      }
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Delete');
      await page.keyboard.type(CLEAN_PROMPT);
      await page.keyboard.press('Enter');
      // A long paste goes to the background in parts.
      await editor.evaluate((el) => {
        const data = new DataTransfer();
        data.setData('text/plain', 'Protokoll från verksamhetsmöte, punkt för punkt. '.repeat(4000) + '\nSökande: Per Nilsson 640823-4174');
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      });
      if (site.guarded) await expect(page.locator('[role="alertdialog"]')).toBeVisible({ timeout: 15_000 });
      await page.close();
    });
  }
  await test.step('every other mock page (served under poe.com)', async () => {
    // Mock pages are the bundles with a page of their own (robust-hostile is a script robust-spa loads).
    const pages = (await mockSiteNames()).filter((name) => existsSync(join(MOCK_SITES_DIR, `${name}.html`)));
    const visited = new Set(SITES.map((s) => s.mock));
    for (const mock of pages.filter((name) => !visited.has(name))) {
      const page = await browser.context.newPage();
      // A page route wins over the context's: poe.com serves this mock for this page only.
      await routeSiteToMock(page, 'https://poe.com', server.url, mock);
      await page.goto('https://poe.com/');
      await page.waitForFunction(() => document.documentElement.dataset.mockReady === 'true');
      const editor = page.locator('textarea, [contenteditable="true"]').first();
      if (await editor.count()) {
        await editor.click();
        await page.keyboard.type(PNR_PROMPT);
        await page.keyboard.press('Enter');
      }
      visited.add(mock);
      await page.close();
    }
    expect([...visited].sort()).toEqual(pages);
  });
  await test.step('popup and options page', async () => {
    const id = browser.extensionId!;
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${id}/popup.html`);
    await expect(popup.locator('body')).toContainText('Promptvakt');
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${id}/options.html`);
    const sandbox = options.locator('textarea').first();
    await sandbox.fill(PNR_PROMPT);
    await expect(options.locator('body')).toContainText('64****-****');
    for (const page of [popup, options]) await page.close();
  });
  await expectNothingLeft();
});

async function expectNothingLeft(): Promise<void> {
  const fromExtensionWorker = requests.filter((r) => r.from.startsWith('service worker'));
  expect(fromExtensionWorker, 'requests made by the extension service worker').toEqual([]);
  expect(refused, 'requests to anything but the mock pages and the extension').toEqual([]);
  // And every request that was let through went to a mock page's origin or the extension itself.
  const allowed = new Set([...SITES.map((s) => origin(s.url)), server.url]);
  const outside = requests.filter((r) => !r.url.startsWith('chrome-extension://') && !r.url.startsWith('data:') && !allowed.has(origin(r.url)));
  expect(outside).toEqual([]);
}
