/**
 * The organisation policy in real Chromium: Debian's Chromium reads
 * /etc/chromium/policies/managed/*.json; each test writes a policy there for
 * Promptvakt's fixed extension id (manifest key), launches the policy test
 * build and checks enforcement. Then the counters: a blocked prompt is
 * reported as OTLP/HTTP JSON to a local receiver, decoded with the official
 * OTLP protobuf definitions, and the wire payload is checked for privacy.
 * Needs root to write the policy file (CI runs as root); skipped otherwise,
 * with a message saying so.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { decodeOtlpJson } from '../support/otlp-decode';
import { POLICY_TEST_HOST } from './global-setup';
import { breakBackgroundEngine } from './faults';
import { launchUnderPolicy, POLICY_DIR, policyDirWritable } from './managed-policy';
import { expectNoViolations } from './axe';
import type { LaunchedBrowser } from './launch';
import { routeSiteToMock } from '../../demo/route';
import { startMockServer, type MockServer } from '../../demo/server';

/** The extension API as the page and worker scripts below use it (they run in the browser). */
declare const chrome: {
  storage: {
    /** `null`: every key of the area. */
    local: { get(key: string | null): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> };
    sync: { get(key: string | null): Promise<Record<string, unknown>> };
    session: { get(key: string | null): Promise<Record<string, unknown>> };
  };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

const POLICY_FILE = join(POLICY_DIR, 'promptvakt-e2e.json');
const PNR = '640823-4174';

const writable = policyDirWritable();
test.skip(!writable, `${POLICY_DIR} is not writable (run as root, as CI does): managed-policy tests skipped`);

let server: MockServer;
let context: BrowserContext | undefined;
let browser: LaunchedBrowser | undefined;
let extensionId: string;

test.beforeAll(async () => {
  server = await startMockServer();
});
test.afterAll(async () => {
  await server?.close();
  rmSync(POLICY_FILE, { force: true });
});
test.afterEach(async () => {
  await browser?.close();
  context = undefined;
  rmSync(POLICY_FILE, { force: true });
});

/** Launches Chromium under `policy` (managed-policy.ts) with the mock chat sites routed. */
async function launchWithPolicy(policy: unknown): Promise<void> {
  browser = await launchUnderPolicy(POLICY_FILE, policy);
  context = browser.context;
  extensionId = browser.extensionId!;
  await routeSiteToMock(context, 'https://chatgpt.com', server.url, 'chatgpt');
  await routeSiteToMock(context, `https://${POLICY_TEST_HOST}`, server.url, 'textarea');
}

async function openChat(origin = 'https://chatgpt.com', editor = 'form #prompt-textarea'): Promise<Page> {
  const page = await context!.newPage();
  await page.goto(`${origin}/`);
  await page.locator(editor).waitFor();
  return page;
}

const sent = (page: Page) => page.evaluate(() => (window as unknown as { __sent: string[] }).__sent);
const dialog = (page: Page) => page.locator('[role="alertdialog"]');

async function send(page: Page, text: string, editor = 'form #prompt-textarea'): Promise<void> {
  await page.locator(editor).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

test('a custom keyword and a category switched to block are enforced', async () => {
  await launchWithPolicy({
    version: 1,
    organisation: { name: 'Exempelkommun', policyUrl: 'https://intranet.exempelkommun.se/ai-policy' },
    categories: { email: { action: 'block' } },
    customRules: [{ id: 'nordstjarna', kind: 'keywords', keywords: ['Projekt Nordstjärna'], category: 'classified', message: { sv: 'Projektet är internt.' } }],
  });
  const page = await openChat();
  await send(page, 'Sammanfatta läget i projekt Nordstjärna');
  await expect(dialog(page)).toBeVisible();
  await expect(dialog(page)).toContainText('Projektet är internt.');
  await expect(dialog(page).getByRole('link', { name: /Exempelkommun/ })).toHaveAttribute('href', 'https://intranet.exempelkommun.se/ai-policy');
  expect(await sent(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await page.locator('form #prompt-textarea').fill('');
  // E-mail addresses are only noted by default; this organisation blocks them.
  await send(page, 'Svara anna.berg@exempelkommun.se om mötet');
  await expect(dialog(page)).toHaveAttribute('data-promptvakt-dialog', 'block');
  expect(await sent(page)).toEqual([]);
});

test('a site the organisation adds is protected', async () => {
  await launchWithPolicy({ version: 1, sites: [{ pattern: POLICY_TEST_HOST, mode: 'block' }] });
  const editor = 'form textarea#prompt';
  // The content script is registered at run time for the added site.
  await expect
    .poll(
      async () => {
        const page = await openChat(`https://${POLICY_TEST_HOST}`, editor);
        const guarded = await page.evaluate(() => !!document.querySelector('[data-wxt-shadow-root], promptvakt-dialog'));
        await send(page, `Handläggning för ${PNR}`, editor);
        const stopped = (await sent(page)).length === 0 && (await dialog(page).isVisible());
        await page.close();
        return stopped || guarded;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  const page = await openChat(`https://${POLICY_TEST_HOST}`, editor);
  await send(page, `Handläggning för ${PNR}`, editor);
  await expect(dialog(page)).toBeVisible();
  expect(await sent(page)).toEqual([]);
});

test('"send anyway" asks for a reason where the policy requires one, says how long "another reason" must be, and sends the original', async () => {
  await launchWithPolicy({ version: 1, categories: { health: { action: 'warn', requireJustification: true } } });
  const page = await openChat();
  const prompt = 'min kollega Lena är sjukskriven sedan mars, hjälp mig planera arbetsträning';
  await send(page, prompt);
  await expect(dialog(page)).toHaveAttribute('data-promptvakt-dialog', 'warn');
  await expect(dialog(page)).toHaveAttribute('lang', 'sv');
  const proceed = dialog(page).locator('[data-action="proceed"]');
  await expect(proceed).toBeDisabled();
  await dialog(page).getByRole('radio', { name: 'Annat skäl' }).check();
  await dialog(page).getByLabel(/Med egna ord/).fill('ok');
  await expect(dialog(page).getByText('Minst 5 tecken för Annat skäl (2 av 5).')).toBeVisible();
  // The reasons exist only under an organisation policy: axe checks them here, in light and dark.
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expectNoViolations(page, `reasons (${colorScheme})`, 'promptvakt-dialog');
  }
  await expect(proceed).toBeDisabled();
  await dialog(page).getByLabel(/Med egna ord/).fill('Lena har bett mig om hjälp');
  await expect(proceed).toBeEnabled();
  // A listed reason needs no words at all.
  await dialog(page).getByLabel(/Med egna ord/).fill('');
  await dialog(page).getByRole('radio', { name: 'Uppgifterna är påhittade eller testdata' }).check();
  await expect(proceed).toBeEnabled();
  await proceed.click();
  await expect.poll(() => sent(page)).toEqual([prompt]);
  // Only the reason is counted: the employee's words are nowhere in the extension's storage.
  const options = await context!.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect
    .poll(async () => options.evaluate(async () => JSON.stringify(await chrome.storage.local.get(null))), { timeout: 10_000 })
    .toContain('|sent-anyway|');
  const stored = await options.evaluate(async () =>
    JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.sync.get(null), await chrome.storage.session.get(null)]),
  );
  expect(stored).toContain('|fictitious');
  expect(stored).not.toContain('Lena');
});

test('the dialog offers the approved tools, and "this is wrong" is counted without letting a block through', async () => {
  await launchWithPolicy({
    version: 1,
    organisation: { name: 'Exempelkommun' },
    approvedTools: [{ name: 'Kommunens AI', url: 'https://ai.kommun.example.se/', description: { sv: 'För texter med personuppgifter' } }],
  });
  const page = await openChat();
  await send(page, `Skriv ett avslag till Per Nilsson ${PNR}`);
  await expect(dialog(page)).toHaveAttribute('data-promptvakt-dialog', 'block');
  const tool = dialog(page).getByRole('link', { name: /Använd Kommunens AI i stället/ });
  await expect(tool).toHaveAttribute('href', 'https://ai.kommun.example.se/');
  await expect(tool).toHaveAttribute('target', '_blank');
  await expect(tool).toHaveAccessibleName(/öppnas i en ny flik/);
  await expect(dialog(page)).toContainText('För texter med personuppgifter');
  await expect(dialog(page)).toContainText('Organisationens regler tillåter inte');
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expectNoViolations(page, `approved tools in the dialog (${colorScheme})`, 'promptvakt-dialog');
  }
  await dialog(page).locator('[data-action="false-alarm"]').click();
  await expect(dialog(page).locator('[data-false-alarm="reported"]')).toBeVisible();
  await expect(dialog(page).locator('[data-action="false-alarm"]')).toHaveCount(0);
  expect(await sent(page)).toEqual([]);
  const options = await context!.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect
    .poll(async () => options.evaluate(async () => JSON.stringify(await chrome.storage.local.get('promptvakt.counters'))), { timeout: 10_000 })
    .toMatch(/personnummer\|false-alarm\|chatgpt\.com\|built-in\|[a-z.-]+\|none/);
  // The popup offers the same way forward, on any page.
  const popup = await context!.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByRole('link', { name: /Använd Kommunens AI i stället/ })).toBeVisible();
  for (const colorScheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme });
    await expectNoViolations(popup, `popup with approved tools (${colorScheme})`);
  }
});

test('locked settings cannot be changed in the options page', async () => {
  await launchWithPolicy({ version: 1, lockedSettings: ['categories', 'language'], categories: { health: { action: 'block' } } });
  const page = await context!.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html#settings`);
  await page.getByRole('tab', { name: 'Inställningar' }).click();
  for (const radio of await page.getByRole('radio').all()) await expect(radio).toBeDisabled();
  await page.getByRole('tab', { name: 'Policy' }).click();
  await expect(page.getByRole('combobox')).toHaveCount(0);
  await expect(page.getByText('Låst av organisationen').first()).toBeVisible();
});

test('a malformed policy shows the diagnostic, and protection stays on', async () => {
  await launchWithPolicy({
    version: 1,
    organisation: { name: 'Exempelkommun' },
    customRules: [{ id: 'lookahead', kind: 'regex', pattern: '(?=x)secret', category: 'classified', message: { sv: 'x' } }],
  });
  const popup = await context!.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  // The employee reads one sentence in Swedish; the paths are for IT, behind a disclosure.
  await expect(popup.getByRole('alert')).toContainText('Kontakta IT-supporten');
  await expect(popup.getByRole('alert')).toContainText('customRules[0]');
  const options = await context!.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html#policy`);
  await options.getByRole('tab', { name: 'Policy' }).click();
  await expect(options.getByText(/customRules\[0\] \(id "lookahead"\)\.pattern/)).toBeHidden();
  await options.getByText('Teknisk information för IT').click();
  await expect(options.getByText(/customRules\[0\] \(id "lookahead"\)\.pattern/)).toBeVisible();
  const page = await openChat();
  await send(page, `Beslut för ${PNR}`);
  await expect(dialog(page)).toHaveAttribute('data-promptvakt-dialog', 'block');
  expect(await sent(page)).toEqual([]);
});

test('failureMode "allow": a check that fails lets the text through, as the organisation chose', async () => {
  await launchWithPolicy({ version: 1, failureMode: 'allow' });
  // The background's engine throws (the default, "block", is tested in fail-closed.spec.ts).
  await breakBackgroundEngine(browser!.worker!);
  const page = await openChat();
  const editor = page.locator('form #prompt-textarea');
  await editor.click();
  // Over 100 KB: checked in the background, where the fault is.
  await editor.evaluate((el) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'Protokoll från verksamhetsmöte, punkt för punkt. '.repeat(2500));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(editor).toContainText('Protokoll från verksamhetsmöte', { timeout: 15_000 });
  await expect(dialog(page)).toHaveCount(0);
  // The page is guarded all the same: a short prompt is checked in the page, where nothing fails.
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(`Handläggning för ${PNR}`);
  await page.keyboard.press('Enter');
  await expect(dialog(page)).toBeVisible();
});

test.describe('counters reported to the organisation', () => {
  let receiver: Server;
  let bodies: { body: string; headers: Record<string, string | string[] | undefined> }[];

  test.beforeAll(async () => {
    bodies = [];
    receiver = createServer((req, res) => {
      // An OpenTelemetry Collector with CORS for the extension's origin.
      res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
      res.setHeader('Access-Control-Allow-Headers', 'content-type, x-api-key');
      res.setHeader('Access-Control-Allow-Methods', 'POST');
      if (req.method === 'OPTIONS') return res.writeHead(204).end();
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        if (req.url === '/v1/metrics' && req.method === 'POST') bodies.push({ body, headers: req.headers });
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  });
  test.afterAll(async () => new Promise<void>((r) => receiver.close(() => r())));

  test('a blocked prompt reaches the OTLP receiver as a day count, and nothing else leaves', async () => {
    const port = (receiver.address() as AddressInfo).port;
    await launchWithPolicy({
      version: 1,
      counters: { endpoint: `http://127.0.0.1:${port}`, intervalMinutes: 1440, headerName: 'X-Api-Key', headerValue: 'e2e-key' },
    });
    const page = await openChat();
    await send(page, `Skriv ett avslag till Per Nilsson ${PNR}`);
    await expect(dialog(page)).toBeVisible();
    const options = await context!.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    // The count is stored for today; a day passes (only completed days are reported).
    await expect
      .poll(async () => options.evaluate(async () => JSON.stringify((await chrome.storage.local.get('promptvakt.counters'))['promptvakt.counters'] ?? {})), { timeout: 10_000 })
      .toContain('personnummer|blocked|chatgpt.com|built-in');
    await options.evaluate(async () => {
      const store = (await chrome.storage.local.get('promptvakt.counters'))['promptvakt.counters'] as { days: Record<string, unknown> };
      const today = new Date().toISOString().slice(0, 10);
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      store.days = { [yesterday]: store.days[today] };
      await chrome.storage.local.set({ 'promptvakt.counters': store });
    });
    const reply = await options.evaluate(() => chrome.runtime.sendMessage({ type: 'promptvakt/report-now' }));
    expect(reply).toBe('sent');
    expect(bodies).toHaveLength(1);
    const { body, headers } = bodies[0]!;
    expect(headers['content-type']).toBe('application/json');
    expect(headers['x-api-key']).toBe('e2e-key');
    expect(headers.cookie).toBeUndefined();
    const decoded = decodeOtlpJson(body) as {
      resourceMetrics: { scopeMetrics: { metrics: { name: string; sum: { aggregationTemporality: number; dataPoints: { asInt: string | number; attributes: { key: string; value: { stringValue: string } }[] }[] } }[] }[] }[];
    };
    const metric = decoded.resourceMetrics[0]!.scopeMetrics[0]!.metrics[0]!;
    expect(metric.name).toBe('promptvakt.detections');
    expect(metric.sum.aggregationTemporality).toBe(1);
    const points = metric.sum.dataPoints.map((p) => ({
      count: Number(p.asInt),
      ...Object.fromEntries(p.attributes.map((a) => [a.key, a.value.stringValue])),
    }));
    // A count of 1 is sent: there is no per-browser threshold.
    expect(points).toContainEqual({ count: 1, category: 'personnummer', action: 'blocked', site: 'chatgpt.com', source: 'built-in', rule: 'personnummer.valid', reason: 'none' });
    // Privacy on the wire: no prompt text, no digits of the personnummer, no identifiers.
    expect(body).not.toContain('Nilsson');
    expect(body).not.toContain('avslag');
    for (const digits of ['640823', '4174', '6408234174']) expect(body).not.toContain(digits);
    expect(body).not.toMatch(/chatgpt\.com\/|https?:/i);
    const keys = [...body.matchAll(/"key":"([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(keys)).toEqual(new Set(['service.name', 'service.version', 'category', 'action', 'site', 'source', 'rule', 'reason']));
    // "What does my organisation see?" shows exactly this payload.
    const lastBody = await options.evaluate(async () => ((await chrome.storage.local.get('promptvakt.counters'))['promptvakt.counters'] as { lastReport?: { body: string } }).lastReport?.body);
    expect(lastBody).toBe(body);
    // A second report sends nothing new: the day is done (no double counting).
    expect(await options.evaluate(() => chrome.runtime.sendMessage({ type: 'promptvakt/report-now' }))).toBe('nothing');
    expect(bodies).toHaveLength(1);
  });
});
