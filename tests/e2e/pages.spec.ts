/**
 * The extension's own pages in Debian Chromium: the options page's "Try it"
 * stops a personnummer and highlights it, the language setting switches the
 * page to English, the tabs work from the keyboard alone, and the popup shows
 * the policy source and whether the current tab is a protected site.
 * Needs the built extension (`npm run build` or `npx wxt build`).
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { expectNoViolations } from './axe';
import { launchChromium, type LaunchedBrowser } from './launch';

const PROMPT = 'Sökande: Per Nilsson, 640823-4174';

let context: BrowserContext;
let browser: LaunchedBrowser;
let extensionId: string;

test.beforeEach(async () => {
  browser = await launchChromium({ locale: 'sv-SE' });
  context = browser.context;
  extensionId = browser.extensionId!;
});

test.afterEach(async () => {
  await browser?.close();
});

async function openOptions(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.getByRole('tablist')).toBeVisible();
  return page;
}

test('options "Prova": a personnummer is stopped and highlighted, the list shows it masked', async () => {
  const page = await openOptions();
  await expect(page.getByRole('tab', { name: 'Prova' })).toHaveAttribute('aria-selected', 'true');
  const input = page.getByLabel('Text att prova');
  await input.focus();
  // A paste, as the user would do it.
  await page.evaluate((text) => {
    const el = document.activeElement as HTMLTextAreaElement;
    const data = new DataTransfer();
    data.setData('text/plain', text);
    if (el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))) {
      document.execCommand('insertText', false, text);
    }
  }, PROMPT);
  await expect(input).toHaveValue(PROMPT);

  const decision = page.locator('[data-decision]');
  await expect(decision).toHaveAttribute('data-decision', 'block');
  await expect(decision).toContainText('Stoppas');

  const marks = page.getByTestId('highlighted-text').locator('mark');
  await expect(marks.filter({ hasText: '640823-4174' })).toHaveCount(1);
  await expect(marks.filter({ hasText: '640823-4174' })).toHaveText('640823-4174');
  await expect(page.getByTestId('highlighted-text')).toContainText(PROMPT);

  const item = page.locator('li[data-category="personnummer"]');
  await expect(item).toContainText('Personnummer');
  await expect(item).toContainText('64****-****');
  await expect(item).not.toContainText('640823-4174');
  await expect(item.getByRole('link')).toHaveAttribute('href', /^https:\/\/www\.(digg|imy)\.se\//);

  // Clearing the text clears the result.
  await input.fill('');
  await expect(decision).toHaveAttribute('data-decision', 'none');
  await expect(page.locator('mark')).toHaveCount(0);
});

test('options "Inställningar": choosing English switches the page and is remembered', async () => {
  const page = await openOptions();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await page.getByRole('tab', { name: 'Inställningar' }).click();
  await page.getByRole('radio', { name: 'English' }).check();

  await expect(page.getByRole('tab', { name: 'Try it' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('group', { name: 'Language' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.getByRole('tab', { name: 'Try it' }).click();
  await page.getByLabel('Text to try').fill(PROMPT);
  await expect(page.locator('[data-decision]')).toContainText('Blocked');
  await expect(page.locator('li[data-category="personnummer"]')).toContainText('Personal identity number');

  // Stored, so a fresh page and the popup use it too.
  const again = await openOptions();
  await expect(again.getByRole('tab', { name: 'Policy' })).toBeVisible();
  await expect(again.getByRole('tab', { name: 'Try it' })).toBeVisible();
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByText('Built-in defaults')).toBeVisible();
});

test('options tabs work from the keyboard alone', async () => {
  const page = await openOptions();
  await page.keyboard.press('Tab');
  const tryTab = page.getByRole('tab', { name: 'Prova' });
  await expect(tryTab).toBeFocused();

  await page.keyboard.press('ArrowRight');
  const policyTab = page.getByRole('tab', { name: 'Policy' });
  await expect(policyTab).toBeFocused();
  await expect(policyTab).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'Policy' })).toBeVisible();
  await expect(page.getByRole('tabpanel', { name: 'Prova' })).toBeHidden();
  await expect(page.getByRole('table')).toContainText('Personnummer');
  await expect(page.getByRole('row', { name: /Personnummer/ }).first()).toContainText('Stoppas');

  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Statistik' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Inställningar' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight'); // wraps
  await expect(tryTab).toBeFocused();
  await expect(tryTab).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft'); // wraps back
  await expect(page.getByRole('tab', { name: 'Inställningar' })).toBeFocused();
  await page.keyboard.press('Home');
  await expect(tryTab).toBeFocused();

  // Tab leaves the tab list for the panel: one tab stop for the whole list.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('tabpanel', { name: 'Prova' })).toBeFocused();
});

test('popup: built-in policy, guidelines, not protected here, protected on ChatGPT', async () => {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByText('Inbyggd standardpolicy')).toBeVisible();
  await expect(popup.getByText('Inte en skyddad AI-tjänst')).toBeVisible();
  await expect(popup.locator('a[href="https://www.digg.se/ai-for-offentlig-forvaltning/riktlinjer-for-generativ-ai"]')).toBeVisible();
  await expect(popup.locator('a[href="https://www.imy.se/privatperson/ai/att-tanka-pa-nar-du-anvander-ai-tjanster/"]')).toBeVisible();
  // No placeholder renders invented data.
  await expect(popup.locator('main')).not.toContainText(/\d/);

  // With a protected site as the active tab, the popup names it.
  await context.route('https://chatgpt.com/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>ChatGPT</title><p>mock</p>' }),
  );
  const site = await context.newPage();
  await site.goto('https://chatgpt.com/');
  await site.bringToFront();
  await popup.reload();
  await expect(popup.locator('[data-protected="true"]')).toContainText('ChatGPT');
  await expect(popup.getByText('Skyddad AI-tjänst')).toBeVisible();

  // The button opens the options page in a tab.
  const [options] = await Promise.all([
    context.waitForEvent('page'),
    popup.getByRole('button', { name: 'Prova text och inställningar' }).click(),
  ]);
  await expect(options).toHaveURL(new RegExp(`^chrome-extension://${extensionId}/options.html`));
});

test('a protected site whose composer cannot be found shows "protection degraded" on the badge and in the popup', async () => {
  await context.route('https://grok.com/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Grok</title><main><p>Nothing to type in here.</p></main>' }),
  );
  const site = await context.newPage();
  await site.goto('https://grok.com/');
  const worker = context.serviceWorkers()[0]!;
  await expect
    .poll(
      () =>
        worker.evaluate(async () => {
          // Runs in the extension's service worker, where `chrome` is the extension API.
          const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
          const [tab] = await api.tabs.query({ url: 'https://grok.com/*' });
          return tab?.id === undefined ? '' : api.action.getBadgeText({ tabId: tab.id });
        }),
      { timeout: 15_000 },
    )
    .toBe('!');

  const popup = await context.newPage();
  await site.bringToFront();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await site.bringToFront();
  await popup.reload();
  await expect(popup.locator('[data-degraded="true"]')).toContainText('Skyddet är begränsat');
});

test('defaults protect themselves: identity numbers stay at warn or above, lowering asks first, and the popup and badge say "reduced protection"', async () => {
  const page = await openOptions();
  await page.getByRole('tab', { name: 'Policy' }).click();
  const personnummer = page.locator('tr[data-category="personnummer"] select');
  await expect(personnummer.locator('option')).toHaveText(['Stoppas', 'Varning']);
  await expect(page.locator('tr[data-category="personnummer"]')).toContainText('Kan inte sättas lägre än Varning');

  // Lowering health below its default (warn) asks first; Cancel changes nothing.
  const health = page.locator('tr[data-category="health"] select');
  await health.selectOption('off');
  const confirm = page.locator('[data-confirm-lower="health"] [role="alertdialog"]');
  await expect(confirm).toContainText('Sänka skyddet?');
  await expect(confirm.getByRole('button', { name: 'Avbryt' })).toBeFocused();
  await expectNoViolations(page, 'options: confirm lowering a category');
  await confirm.getByRole('button', { name: 'Avbryt' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(health).toHaveValue('warn');
  await expect(health).toBeFocused();
  await expect(page.getByText('Ingen ändring gjordes.')).toBeVisible();
  const syncStore = () =>
    page.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
      return JSON.stringify(await api.storage.sync.get(null));
    });
  expect(await syncStore()).not.toContain('health');

  // Confirmed, it is saved, and every surface says protection is reduced.
  await health.selectOption('off');
  await page.locator('[data-confirm-lower="health"]').getByRole('button', { name: 'Sänk skyddet' }).click();
  await expect(page.locator('tr[data-category="health"]')).toHaveAttribute('data-action', 'off');
  // A stricter choice never asks.
  await page.locator('tr[data-category="email"] select').selectOption('block');
  await expect(page.locator('[data-confirm-lower]')).toHaveCount(0);

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.locator('[data-reduced-protection]')).toContainText('Minskat skydd');
  await expect(popup.locator('[data-reduced-protection]')).toContainText('Hälsa');
  for (const colorScheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme });
    await expectNoViolations(popup, `popup with reduced protection (${colorScheme})`);
  }
  const worker = context.serviceWorkers()[0]!;
  await expect
    .poll(() =>
      worker.evaluate(async () => {
        const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
        return `${await api.action.getBadgeText({})} ${await api.action.getTitle({})}`;
      }),
    )
    .toBe('! Promptvakt: minskat skydd / Promptvakt: reduced protection');

  // Back to the default: the badge clears.
  await page.bringToFront();
  await health.selectOption('warn');
  await expect
    .poll(() =>
      worker.evaluate(async () => (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.action.getBadgeText({})),
    )
    .toBe('');
});
