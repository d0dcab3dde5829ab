/**
 * The statistics tab and the popup's "today" line in Debian Chromium with the
 * extension loaded: counters seeded straight into storage.local (as the
 * background would have written them), the tab opened by click and by
 * #stats, a number checked in a chart's table, the CSV export downloaded,
 * false alarms per rule and "sent anyway" per reason, and "What does my
 * organisation see?" saying that nothing is sent. The first store is a
 * version 1 store, as an earlier Promptvakt wrote it: the page migrates it.
 * Needs the built extension (`npm run build` or `npx wxt build`).
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { launchChromium, type LaunchedBrowser } from './launch';

const COUNTERS_KEY = 'promptvakt.counters';

let context: BrowserContext;
let browser: LaunchedBrowser;
let extensionId: string;

test.beforeEach(async () => {
  browser = await launchChromium({ locale: 'sv-SE', acceptDownloads: true });
  context = browser.context;
  extensionId = browser.extensionId!;
});

test.afterEach(async () => {
  await browser?.close();
});

/** UTC day `n` days before now, 'YYYY-MM-DD' (the counters' days are UTC days). */
function utcDayAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

const TODAY = utcDayAgo(0);
const TWO_DAYS_AGO = utcDayAgo(2);

/** A valid CounterStore of version 1 (keys without rule and reason): today and two days ago. */
const STORE = {
  version: 1,
  days: {
    [TWO_DAYS_AGO]: {
      'personnummer|blocked|gemini.google.com|built-in': 4,
      'health|logged|other|built-in': 1,
    },
    [TODAY]: {
      'personnummer|blocked|chatgpt.com|built-in': 3,
      'health|warned|claude.ai|built-in': 2,
      'health|sent-anyway|claude.ai|built-in': 1,
    },
  },
};

async function openOptions(hash = ''): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html${hash}`);
  await expect(page.getByRole('tablist')).toBeVisible();
  return page;
}

/** A version 2 store (category|action|site|source|rule|reason) with false alarms and reasons, today. */
const STORE_V2 = {
  version: 2,
  days: {
    [TODAY]: {
      'health|warned|claude.ai|built-in|health.about-person|none': 4,
      'health|false-alarm|claude.ai|built-in|health.about-person|none': 2,
      'classified|false-alarm|other|custom|custom.projekt-nordstjarna|none': 1,
      'health|sent-anyway|claude.ai|built-in|health.about-person|fictitious': 2,
      'health|sent-anyway|claude.ai|built-in|health.about-person|none': 1,
    },
  },
};

/** Writes the counters as the background would, from an extension page. */
async function seedCounters(page: Page, store: object = STORE): Promise<void> {
  await page.evaluate(
    async ([key, value]) => {
      const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
      await api.storage.local.set({ [key as string]: value });
    },
    [COUNTERS_KEY, store] as const,
  );
}

test('statistics tab: seeded counters in the tables, CSV export downloads, nothing is sent', async () => {
  const page = await openOptions();
  await seedCounters(page);
  await page.reload();

  const tab = page.getByRole('tab', { name: 'Statistik' });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(/#stats$/);
  const panel = page.getByRole('tabpanel', { name: 'Statistik' });
  await expect(panel).toBeVisible();

  // 30 days by default: 11 events in all.
  await expect(panel.getByRole('radio', { name: 'Senaste 30 dygnen' })).toBeChecked();
  await expect(panel.getByRole('status').first()).toContainText('11 händelser');

  // Findings per category: personnummer 3 + 4 = 7, health 2 warned + 1 logged = 3.
  const categories = panel.getByRole('figure', { name: 'Träffar per kategori' });
  await expect(categories.getByRole('img')).toHaveAttribute('aria-label', /Personnummer 7, Hälsa 3/);
  await categories.getByText('Visa som tabell').click();
  await expect(categories.getByRole('row', { name: /Personnummer/ })).toContainText('7');
  await expect(categories.getByRole('row', { name: /Hälsa/ })).toContainText('3');

  // Outcomes per day: today's row.
  const outcomes = panel.getByRole('figure', { name: 'Utfall per dygn' });
  await outcomes.getByText('Visa som tabell').click();
  const todayRow = outcomes.locator(`tr[data-day="${TODAY}"]`);
  await expect(todayRow.locator('td[data-action="blocked"]')).toHaveText('3');
  await expect(todayRow.locator('td[data-action="total"]')).toHaveText('6');

  // The last 7 days still hold both days; the period is a radio group.
  await panel.getByRole('radio', { name: 'Senaste 7 dygnen' }).check();
  await expect(panel.getByRole('status').first()).toContainText('11 händelser');

  // CSV export: a download named by today's date with the seeded rows.
  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Ladda ned CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^promptvakt-counters-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.startsWith('day,category,action,site,source,rule,reason,count\r\n')).toBe(true);
  // The version 1 rows, migrated: rule and reason "none".
  expect(csv).toContain(`${TWO_DAYS_AGO},personnummer,blocked,gemini.google.com,built-in,none,none,4\r\n`);
  expect(csv).toContain(`${TODAY},health,sent-anyway,claude.ai,built-in,none,none,1\r\n`);
  expect(csv.trimEnd().split('\r\n')).toHaveLength(6);

  // No endpoint in the built-in policy: nothing is sent anywhere.
  const org = panel.getByRole('region', { name: 'Vad ser min organisation?' });
  await expect(org).toContainText('Ingenting skickas någonstans');
  await expect(org.getByRole('button', { name: 'Skicka nu' })).toHaveCount(0);
});

test('statistics tab: false alarms per rule and "sent anyway" per reason, as captioned tables', async () => {
  const page = await openOptions();
  await seedCounters(page, STORE_V2);
  await page.goto(`chrome-extension://${extensionId}/options.html#stats`);
  const panel = page.getByRole('tabpanel', { name: 'Statistik' });

  const alarms = panel.getByRole('table', { name: /^Felaktiga varningar per regel/ });
  await expect(alarms).toBeVisible();
  await expect(alarms.getByRole('columnheader')).toHaveText(['Regel', 'Kategori', 'Antal']);
  await expect(alarms.getByRole('row', { name: /Uppgift om hälsa/ })).toContainText('Hälsa2');
  await expect(alarms.getByRole('rowheader', { name: 'projekt-nordstjarna' })).toBeVisible();
  await expect(alarms.locator('tfoot')).toContainText('3');

  const reasons = panel.getByRole('table', { name: /^Skickat ändå, per skäl/ });
  await expect(reasons.getByRole('row', { name: /Påhittade uppgifter eller testdata/ })).toContainText('2');
  await expect(reasons.getByRole('row', { name: /Inget skäl angivet/ })).toContainText('1');
  await expect(reasons.locator('tfoot')).toContainText('3');
});

test('statistics tab: #stats opens it, and an empty store says nothing was counted', async () => {
  const page = await openOptions('#stats');
  await expect(page.getByRole('tab', { name: 'Statistik' })).toHaveAttribute('aria-selected', 'true');
  const panel = page.getByRole('tabpanel', { name: 'Statistik' });
  await expect(panel).toContainText('Inget har räknats under perioden.');
  await expect(panel.getByRole('figure')).toHaveCount(0);
});

test("popup: today's counts on one line, with a link to the statistics tab", async () => {
  const options = await openOptions();
  await seedCounters(options);

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const line = popup.locator('[data-today-counts]');
  await expect(line).toContainText('I dag: 6 händelser (3 stoppade, 2 varningar, 1 skickad ändå)');
  await expect(line.getByRole('link', { name: /Visa statistik/ })).toHaveAttribute(
    'href',
    `chrome-extension://${extensionId}/options.html#stats`,
  );
});
