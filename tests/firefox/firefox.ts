/**
 * Starts Debian's Firefox ESR headless over WebDriver BiDi (puppeteer-core),
 * installs the built extension as a temporary add-on, and opens the offline
 * mock chat pages from demo/ under the real sites' origins: every request to
 * a mocked origin is answered from the mock server (demo/server.ts, mapped by
 * demo/route.ts's `mockPath`), moz-extension:/data:/blob: URLs go through,
 * anything else is recorded and aborted. `network.dns.localDomains` keeps
 * Firefox's own DNS look-ups for the mocked hosts on this machine, so nothing
 * leaves it. Playwright cannot install an extension in Firefox; puppeteer-core
 * can (`browser.installExtension`, BiDi webExtension.install, Firefox ≥ 138),
 * and downloads no browser of its own.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type HTTPRequest, type Page } from 'puppeteer-core';
import { mockPath } from '../../demo/route';
import { startMockServer, type MockServer } from '../../demo/server';
import { GECKO_EXTENSION_ID } from '../../lib/extension-id';

/** Debian's Firefox ESR; PROMPTVAKT_FIREFOX points elsewhere. */
export const FIREFOX = process.env.PROMPTVAKT_FIREFOX || '/usr/bin/firefox-esr';

/**
 * PROMPTVAKT_FIREFOX_DEBUG=1 prints Firefox's output, with every console message of
 * pages, content scripts and the background page, to the test's stderr.
 */
const DEBUG = process.env.PROMPTVAKT_FIREFOX_DEBUG === '1';

/** What `npm run build` makes for Firefox and `npm run zip` ships. */
export const PRODUCT_MV2_BUILD = resolve('.output/firefox-mv2');
/** Where global-setup.ts puts the builds under test. */
export const E2E_OUT_DIR = resolve('.output/firefox-e2e');
/**
 * The builds under test (global-setup.ts): a copy of the MV2 product build, taken when the
 * suite starts, and the MV3 variant (`wxt build -b firefox --mv3`).
 */
export const BUILDS = {
  mv2: join(E2E_OUT_DIR, 'firefox-mv2'),
  mv3: join(E2E_OUT_DIR, 'firefox-mv3'),
} as const;

/**
 * Fixed moz-extension:// UUID for the add-on (pref extensions.webextensions.uuids), so
 * the tests know the popup's and options page's URLs before installing.
 */
export const EXTENSION_UUID = '5f0c6f9e-3b1d-4c52-9a47-7d2e8b61c0a4';
export const EXTENSION_BASE = `moz-extension://${EXTENSION_UUID}`;

export interface MockSite {
  /** The real origin the page is served under (a built-in protected site). */
  origin: string;
  /** demo/<mock>.html */
  mock: string;
  /** Path opened on the origin (the content script's match pattern must cover it). */
  path: string;
  editor: string;
  send: string;
}

/** The same pages, origins and selectors as tests/e2e/extension.spec.ts. */
export const SITES = {
  chatgpt: { origin: 'https://chatgpt.com', mock: 'chatgpt', path: '/', editor: 'form #prompt-textarea', send: 'form button[data-testid="send-button"]' },
  claude: { origin: 'https://claude.ai', mock: 'claude', path: '/', editor: 'fieldset div.ProseMirror', send: 'fieldset button[aria-label="Send message"]' },
  gemini: { origin: 'https://gemini.google.com', mock: 'gemini', path: '/', editor: 'rich-textarea .ql-editor', send: 'button.send-button' },
  lexical: { origin: 'https://www.meta.ai', mock: 'lexical', path: '/', editor: '[data-lexical-editor="true"]', send: 'button[aria-label="Submit"]' },
  textarea: { origin: 'https://poe.com', mock: 'textarea', path: '/', editor: 'form textarea#prompt', send: 'form button[type="submit"]' },
  upload: { origin: 'https://huggingface.co', mock: 'upload', path: '/chat/', editor: 'form textarea#prompt', send: 'form button[type="submit"]' },
  /** A protected site whose page has no composer: Promptvakt reports "protection degraded". */
  grok: { origin: 'https://grok.com', mock: 'no-composer', path: '/', editor: 'main h1', send: 'main h1' },
} satisfies Record<string, MockSite>;

const MOCKED_HOSTS = Object.values(SITES).map((s) => new URL(s.origin).hostname);

export interface FirefoxSession {
  browser: Browser;
  /** The installed add-on's id, or null when launched without the extension. */
  extensionId: string | null;
  /** Requests that were neither a mocked origin nor local (aborted). */
  outsideRequests: string[];
  /** Uncaught errors and console errors of the opened pages, prefixed with the page's URL. */
  pageProblems: string[];
  /** A new tab with `site` served offline, its composer ready. */
  open(site: MockSite): Promise<Page>;
  /** A new tab on an extension page (`popup.html`, `options.html`), once `readySelector` is there. */
  openExtensionPage(path: string, readySelector: string): Promise<Page>;
  /**
   * Chooses files in the file input `selector` through the browser's own file picking
   * (WebDriver BiDi input.setFiles), like a user would. The files stay on disk until close().
   */
  chooseFiles(page: Page, selector: string, files: { name: string; text: string }[]): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Absolute path of the unpacked build to install; null launches Firefox without the extension. */
  extension: string | null;
  /**
   * A policies.json for this Firefox only, instead of a system-wide one (tests/firefox/policies.ts).
   * Firefox reads it from pref `browser.policies.alternatePath`, which it honours only in
   * automation mode: pref `security.turn_off_all_security_so_that_viruses_can_take_over_this_computer`
   * plus environment MOZ_DISABLE_NONLOCAL_CONNECTIONS=1 (then any connection to a non-local
   * address crashes Firefox, as it should here), and only while no system-wide policies.json exists.
   */
  policiesFile?: string;
}

export async function launchFirefox(options: LaunchOptions): Promise<FirefoxSession> {
  if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} is missing: apt-get install -y firefox-esr (or set PROMPTVAKT_FIREFOX)`);
  if (options.extension && !existsSync(resolve(options.extension, 'manifest.json'))) {
    throw new Error(`${options.extension}/manifest.json is missing: run \`npm run build\`, then the suite through vitest.firefox.config.ts (its global setup makes the builds under test)`);
  }
  const server = await startMockServer();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: true,
    // Lets the BiDi session drive moz-extension:// pages (the popup and the options page).
    args: ['--remote-allow-system-access'],
    dumpio: DEBUG,
    ...(options.policiesFile ? { env: { ...process.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' } } : {}),
    extraPrefsFirefox: {
      ...(options.policiesFile
        ? {
            'browser.policies.alternatePath': resolve(options.policiesFile),
            'security.turn_off_all_security_so_that_viruses_can_take_over_this_computer': true,
          }
        : {}),
      ...(DEBUG ? { 'devtools.console.stdout.content': true, 'devtools.console.stdout.chrome': true } : {}),
      // Firefox still looks up intercepted hosts; these resolve locally and nothing leaves the machine.
      'network.dns.localDomains': [...MOCKED_HOSTS, 'dummy.test', 'firefox.settings.services.mozilla.com'].join(','),
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_EXTENSION_ID]: EXTENSION_UUID }),
      // The extension's UI language follows the browser's: English, as the assertions expect.
      'intl.locale.requested': 'en-US',
      'intl.accept_languages': 'en-US, en',
    },
  });
  let extensionId: string | null = null;
  try {
    if (options.extension) extensionId = await browser.installExtension(resolve(options.extension));
  } catch (error) {
    await browser.close();
    await server.close();
    throw error;
  }

  const filesDir = mkdtempSync(join(tmpdir(), 'promptvakt-firefox-files-'));
  const outsideRequests: string[] = [];
  const pageProblems: string[] = [];
  const byOrigin = new Map<string, MockSite>(Object.values(SITES).map((s) => [s.origin, s]));

  const answer = async (req: HTTPRequest): Promise<void> => {
    const url = new URL(req.url());
    const site = byOrigin.get(url.origin);
    if (site) {
      const res = await fetch(`${server.url}${mockPath(url.pathname, site.mock)}`);
      await req.respond({
        status: res.status,
        contentType: res.headers.get('content-type') ?? 'application/octet-stream',
        body: Buffer.from(await res.arrayBuffer()),
      });
    } else if (['moz-extension:', 'data:', 'blob:', 'about:'].includes(url.protocol)) {
      await req.continue();
    } else {
      outsideRequests.push(req.url());
      await req.abort();
    }
  };

  const watch = (page: Page) => {
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageProblems.push(`${page.url()}: page error: ${error instanceof Error ? error.message : String(error)}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') pageProblems.push(`${page.url()}: console error: ${msg.text()}`);
    });
  };

  return {
    browser,
    extensionId,
    outsideRequests,
    pageProblems,
    async open(site) {
      const page = await browser.newPage();
      watch(page);
      await page.setRequestInterception(true);
      page.on('request', (req) => {
        answer(req).catch((error: unknown) => pageProblems.push(`${req.url()}: interception failed: ${String(error)}`));
      });
      await page.goto(`${site.origin}${site.path}`);
      await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
      await page.waitForSelector(site.editor);
      return page;
    },
    async openExtensionPage(path, readySelector) {
      const page = await browser.newPage();
      watch(page);
      // A goto to moz-extension:// never resolves over BiDi: start it, then poll for the page's
      // content. Evaluations racing the switch from about:blank fail with protocol errors: retried.
      page.goto(`${EXTENSION_BASE}/${path}`).catch(() => {});
      const deadline = Date.now() + 10_000;
      for (;;) {
        const ready = await page
          .evaluate((selector) => location.protocol === 'moz-extension:' && document.querySelector(selector) !== null, readySelector)
          .catch(() => false);
        if (ready) return page;
        if (Date.now() > deadline) throw new Error(`${path}: ${readySelector} did not appear within 10 s`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async chooseFiles(page, selector, files) {
      const dir = mkdtempSync(join(filesDir, 'pick-'));
      const paths = files.map((f) => {
        const path = join(dir, f.name);
        writeFileSync(path, f.text);
        return path;
      });
      const input = (await page.waitForSelector(selector)) as ElementHandle<HTMLInputElement>;
      await input.uploadFile(...paths);
    },
    async close() {
      await browser.close();
      await server.close();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/** What the mock page "sent" (window.__sent). */
export const sent = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { __sent: string[] }).__sent);

/** Names of the files the mock page took (window.__uploads). */
export const uploads = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { __uploads: { name: string }[] }).__uploads.map((u) => u.name));

/** Promptvakt's dialog lives in an open shadow root: `>>>` pierces it. */
export const DIALOG = '>>> [role="alertdialog"]';

/** The visible dialog's text, waiting for it to appear. */
export async function dialogText(page: Page): Promise<string> {
  const dialog = await page.waitForSelector(DIALOG, { visible: true });
  return dialog!.evaluate((el) => el.textContent ?? '');
}

/** Number of Promptvakt dialogs in the page right now. */
export async function dialogCount(page: Page): Promise<number> {
  return (await page.$$(DIALOG)).length;
}

/** The dialog's button labelled `label` (exact text), waiting for it. */
export async function dialogButton(page: Page, label: string): Promise<ElementHandle<HTMLButtonElement>> {
  const handle = await page.waitForFunction(
    (label) => {
      for (const host of document.querySelectorAll('*')) {
        for (const button of host.shadowRoot?.querySelectorAll<HTMLButtonElement>('[role="alertdialog"] button') ?? []) {
          if (button.textContent?.trim() === label) return button;
        }
      }
      return null;
    },
    {},
    label,
  );
  return handle as ElementHandle<HTMLButtonElement>;
}

/** Polls `read` until it returns a value equal (JSON) to `expected`, or throws with the last value. */
export async function until<T>(read: () => Promise<T>, expected: T, timeout = 5_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last: T = await read();
  while (JSON.stringify(last) !== JSON.stringify(expected)) {
    if (Date.now() > deadline) throw new Error(`expected ${JSON.stringify(expected)}, still ${JSON.stringify(last)} after ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 50));
    last = await read();
  }
}

/** Types into the composer like a user: click, then real key events. */
export async function typeInto(page: Page, site: MockSite, text: string): Promise<void> {
  await page.click(site.editor);
  await page.keyboard.type(text);
}

/**
 * A paste of `text` on the composer, as tests/e2e/extension.spec.ts does it. Firefox
 * ignores `clipboardData` in ClipboardEventInit (the event gets an empty one) and
 * fills it from its own `dataType`/`data` members instead, so both are given.
 */
export function paste(page: Page, site: MockSite, text: string): Promise<void> {
  return page.evaluate(
    (selector, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      const init = { clipboardData: data, dataType: 'text/plain', data: text, bubbles: true, cancelable: true };
      document.querySelector(selector)!.dispatchEvent(new ClipboardEvent('paste', init));
    },
    site.editor,
    text,
  );
}

/** A text file dropped on the composer (as tests/e2e/extension.spec.ts does it). */
export function dropFile(page: Page, site: MockSite, name: string, text: string): Promise<void> {
  return page.evaluate(
    (selector, name, text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], name, { type: 'text/plain' }));
      document.querySelector(selector)!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    site.editor,
    name,
    text,
  );
}
