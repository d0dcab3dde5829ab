/**
 * Accessibility in Debian Chromium, light and dark (prefers-color-scheme):
 * axe-core (WCAG 2.0/2.1 A and AA rules) finds nothing on the popup with a
 * protected mock chat site as the active tab, on each options tab (with a
 * result in "Prova" and seeded counters in "Statistik"), and on the open warn
 * and block dialogs, the indicator and the restore panel in Promptvakt's
 * shadow root on the offline ChatGPT mock. A failure lists each violation
 * (rule, impact, element, what to fix).
 *
 * PROMPTVAKT_SCREENSHOTS=1 also writes docs/screenshots/{popup,options,warn}-dark.png.
 * Needs the built extension (`npm run build` or `npx wxt build`).
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { routeSiteToMock } from '../../demo/route';
import { startMockServer, type MockServer } from '../../demo/server';
import { expectNoViolations } from './axe';
import { launchChromium, type LaunchedBrowser } from './launch';

const SCHEMES = ['light', 'dark'] as const;
type Scheme = (typeof SCHEMES)[number];

const SCREENSHOTS = process.env.PROMPTVAKT_SCREENSHOTS === '1';
const SCREENSHOT_DIR = resolve('docs/screenshots');

const ORIGIN = 'https://chatgpt.com';
const EDITOR = 'form #prompt-textarea';
const BLOCK_PROMPT = 'Skriv ett avslag till Per Nilsson 640823-4174 om parkeringstillstånd';
const WARN_PROMPT = 'min kollega Lena är sjukskriven sedan mars, hjälp mig planera arbetsträning';
const MASK_PROMPT = 'Skriv ett beslut till Per Nilsson, personnummer 640823-4174. Han är sjukskriven sedan mars och ansöker om bostadsanpassning.';
/** "Prova": a block, a warning and a logged finding, so every badge and mark is on the page. */
const TRY_PROMPT = 'Sökande: Per Nilsson, 640823-4174. Han är sjukskriven sedan mars. Svara till per.nilsson@example.se';

const COUNTERS_KEY = 'promptvakt.counters';
const utcDayAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
/** Every outcome on some day, so every chart colour is drawn. */
const COUNTERS = {
  version: 1,
  days: {
    [utcDayAgo(3)]: {
      'personnummer|blocked|gemini.google.com|built-in': 4,
      'health|logged|other|built-in': 1,
      'none|degraded|grok.com|none': 1,
    },
    [utcDayAgo(1)]: {
      'health|edited|chatgpt.com|built-in': 2,
      'personnummer|masked|chatgpt.com|built-in': 2,
    },
    [utcDayAgo(0)]: {
      'personnummer|blocked|chatgpt.com|built-in': 3,
      'health|warned|claude.ai|built-in': 2,
      'health|sent-anyway|claude.ai|built-in': 1,
    },
  },
};

let server: MockServer;

test.beforeAll(async () => {
  server = await startMockServer();
});
test.afterAll(async () => {
  await server?.close();
});

async function screenshot(page: Page, file: string, clip?: { x: number; y: number; width: number; height: number }): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(SCREENSHOT_DIR, file), animations: 'disabled', caret: 'hide', ...(clip ? { clip } : {}) });
}

for (const scheme of SCHEMES) {
  test.describe(`${scheme} mode`, () => {
    test.describe.configure({ mode: 'serial' });
    let browser: LaunchedBrowser;
    let context: BrowserContext;
    let extensionId: string;

    test.beforeAll(async () => {
      browser = await launchChromium({ locale: 'sv-SE' });
      context = browser.context;
      extensionId = browser.extensionId!;
      await routeSiteToMock(context, ORIGIN, server.url, 'chatgpt');
      // Everything else is refused: nothing leaves the machine.
      await context.route(
        (url) => url.origin !== server.url && url.origin !== ORIGIN && url.protocol !== 'chrome-extension:',
        (route) => route.abort(),
      );
    });
    test.afterAll(async () => {
      await browser?.close();
    });

    async function newPage(): Promise<Page> {
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      return page;
    }

    async function openSite(): Promise<Page> {
      const page = await newPage();
      await page.goto(`${ORIGIN}/`);
      await page.locator(EDITOR).waitFor();
      return page;
    }

    async function openDialog(prompt: string, kind: 'warn' | 'block'): Promise<Page> {
      const page = await openSite();
      await page.locator(EDITOR).click();
      await page.keyboard.type(prompt);
      await page.keyboard.press('Enter');
      const dialog = page.locator('[role="alertdialog"]');
      await expect(dialog).toBeVisible();
      await expect(dialog).toHaveAttribute('data-promptvakt-dialog', kind);
      return page;
    }

    async function openOptions(hash = ''): Promise<Page> {
      const page = await newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html${hash}`);
      await expect(page.getByRole('tablist')).toBeVisible();
      return page;
    }

    test('the warn dialog', async () => {
      const page = await openDialog(WARN_PROMPT, 'warn');
      await expectNoViolations(page, `warn dialog (${scheme})`, 'promptvakt-dialog');
      if (SCREENSHOTS && scheme === 'dark') {
        await page.setViewportSize({ width: 900, height: 640 });
        const box = (await page.locator('[role="alertdialog"]').boundingBox())!;
        const margin = 24;
        await screenshot(page, 'warn-dark.png', {
          x: Math.max(0, box.x - margin),
          y: Math.max(0, box.y - margin),
          width: box.width + 2 * margin,
          height: box.height + 2 * margin,
        });
      }
      await page.close();
    });

    test('the block dialog', async () => {
      const page = await openDialog(BLOCK_PROMPT, 'block');
      await expectNoViolations(page, `block dialog (${scheme})`, 'promptvakt-dialog');
      await page.close();
    });

    test("the page's color-scheme and --pv-* properties do not reach the dialog", async () => {
      const page = await openSite();
      // The opposite scheme, and the dialog's own property names, on everything the page can select.
      await page.addStyleTag({
        content: `:root, body, promptvakt-dialog { color-scheme: ${scheme === 'dark' ? 'light' : 'dark'} !important; --pv-bg: #ff00ff; --pv-fg: #ff00ff; --pv-ind-bg: #ff00ff; color: #ff00ff; }`,
      });
      await page.locator(EDITOR).click();
      await page.keyboard.type(WARN_PROMPT);
      await page.keyboard.press('Enter');
      const dialog = page.locator('[role="alertdialog"]');
      await expect(dialog).toHaveAttribute('data-promptvakt-dialog', 'warn');
      const style = await dialog.evaluate((el) => {
        const css = getComputedStyle(el);
        return { background: css.backgroundColor, color: css.color, scheme: css.colorScheme };
      });
      expect(style).toEqual(
        scheme === 'dark'
          ? { background: 'rgb(31, 35, 41)', color: 'rgb(232, 234, 237)', scheme: 'dark' }
          : { background: 'rgb(255, 255, 255)', color: 'rgb(26, 26, 26)', scheme: 'light' },
      );
      await expectNoViolations(page, `warn dialog on a page with the opposite color-scheme (${scheme})`, 'promptvakt-dialog');
      await page.close();
    });

    test('the indicator by the composer', async () => {
      const page = await openSite();
      await page.locator(EDITOR).click();
      await page.keyboard.type(BLOCK_PROMPT);
      await expect(page.locator('[data-promptvakt-indicator]')).toBeVisible();
      await expectNoViolations(page, `indicator (${scheme})`, 'promptvakt-dialog');
      await page.close();
    });

    test('the restore panel after "mask and send"', async () => {
      const page = await newPage();
      await page.goto(`${ORIGIN}/?alter=1&answer-interval=20`);
      await page.locator(EDITOR).click();
      await page.keyboard.type(MASK_PROMPT);
      await page.keyboard.press('Enter');
      await page.locator('[role="alertdialog"] [data-action="mask"]').click();
      await expect(page.locator('[data-promptvakt-restore]')).toHaveAttribute('data-promptvakt-restore', 'restored', { timeout: 15_000 });
      await expectNoViolations(page, `restore panel (${scheme})`, 'promptvakt-dialog');
      await page.close();
    });

    test('the popup on a protected site, with today\'s counts', async () => {
      const seed = await openOptions();
      await seed.evaluate(
        async ([key, store]) => {
          const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
          await api.storage.local.set({ [key as string]: store });
        },
        [COUNTERS_KEY, COUNTERS] as const,
      );
      await seed.close();
      const popup = await newPage();
      await popup.goto(`chrome-extension://${extensionId}/popup.html`);
      const site = await openSite();
      await site.bringToFront();
      await popup.reload();
      await expect(popup.locator('[data-protected="true"]')).toBeVisible();
      await expect(popup.locator('[data-today-counts]')).toBeVisible();
      await expectNoViolations(popup, `popup (${scheme})`);
      if (SCREENSHOTS && scheme === 'dark') {
        await popup.setViewportSize({ width: 400, height: 700 });
        await popup.bringToFront();
        const box = (await popup.locator('main').boundingBox())!;
        await screenshot(popup, 'popup-dark.png', { x: 0, y: 0, width: Math.ceil(box.x + box.width + 16), height: Math.ceil(box.y + box.height + 16) });
      }
      await site.close();
      await popup.close();
    });

    test('each options tab', async () => {
      const page = await openOptions();
      const tabs = page.getByRole('tab');
      const names = await tabs.allTextContents();
      expect(names.length).toBeGreaterThanOrEqual(4);
      for (const [i, name] of names.entries()) {
        await tabs.nth(i).click();
        await expect(tabs.nth(i)).toHaveAttribute('aria-selected', 'true');
        const panel = page.getByRole('tabpanel', { name });
        await expect(panel).toBeVisible();
        if (i === 0) {
          await page.getByRole('textbox').first().fill(TRY_PROMPT);
          await expect(page.locator('[data-decision]')).toHaveAttribute('data-decision', 'block');
        }
        // The tables behind the charts too.
        for (const details of await panel.locator('details').all()) await details.evaluate((d) => ((d as HTMLDetailsElement).open = true));
        await expectNoViolations(page, `options "${name}" (${scheme})`);
      }
      if (SCREENSHOTS && scheme === 'dark') {
        await page.setViewportSize({ width: 1000, height: 900 });
        await tabs.first().click();
        await page.locator('textarea').first().blur();
        await screenshot(page, 'options-dark.png');
      }
      await page.close();
    });
  });
}
