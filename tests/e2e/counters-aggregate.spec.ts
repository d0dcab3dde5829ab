/**
 * Counters that add up, end to end: 50 simulated browsers report to one
 * OTLP/HTTP receiver, and the receiver's totals (every data point kept and
 * summed per day and labels, as docs/COUNTERS.md tells a receiver to do) equal
 * the sum of what the 50 browsers counted, small counts included. Every count
 * is sent: nothing is held back below a threshold in the browser.
 *
 * One real extension plays the 50 browsers in turn: its managed policy points
 * counters.endpoint at a local receiver, and for each browser the test writes a
 * different seeded version 2 store (yesterday and the day before) into
 * storage.local and asks the background to report now. Needs root to write the
 * managed policy (as policy.spec.ts); skipped otherwise.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { decodeOtlpJson } from '../support/otlp-decode';
import type { LaunchedBrowser } from './launch';
import { launchUnderPolicy, POLICY_DIR, policyDirWritable } from './managed-policy';

declare const chrome: {
  storage: { local: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

const POLICY_FILE = join(POLICY_DIR, 'promptvakt-e2e.json');
const BROWSERS = 50;
const COUNTERS_KEY = 'promptvakt.counters';

test.skip(!policyDirWritable(), `${POLICY_DIR} is not writable (run as root, as CI does): managed-policy tests skipped`);

/*
 * The label values a simulated browser uses, written out here (Playwright's loader cannot import
 * lib/counters, which imports JSON): series keys are 'category|action|site|source|rule|reason',
 * exactly as lib/counters/store.ts writes them in a version 2 store.
 */
const FINDINGS: readonly { category: string; rule: string; source: 'built-in' | 'custom' }[] = [
  { category: 'personnummer', rule: 'personnummer.valid', source: 'built-in' },
  { category: 'health', rule: 'health.about-person', source: 'built-in' },
  { category: 'email', rule: 'email.address', source: 'built-in' },
  { category: 'classified', rule: 'classified.secrecy-osl', source: 'built-in' },
  { category: 'classified', rule: 'custom.projekt-nordstjarna', source: 'custom' },
  { category: 'phone', rule: 'none', source: 'built-in' },
];
const ACTIONS = ['warned', 'blocked', 'masked', 'sent-anyway', 'edited', 'logged', 'false-alarm'] as const;
const SITES = ['chatgpt.com', 'claude.ai', 'gemini.google.com', 'other'] as const;
const REASONS = ['false-alarm', 'fictitious', 'public', 'own-data', 'approved', 'other', 'none'] as const;

/** mulberry32 (as tests/unit/counter-fixtures.ts, which this loader cannot import): every run simulates the same 50 browsers. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function utcDayAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

/** Browser i's counts on `days`: a seeded mix of findings, outcomes, sites and reasons, each count 1–3. */
function browserDays(i: number, days: readonly string[]): Record<string, Record<string, number>> {
  const random = seeded(1000 + i);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const out: Record<string, Record<string, number>> = {};
  const events = 6 + Math.floor(random() * 10);
  for (let n = 0; n < events; n++) {
    const day = pick(days);
    const site = pick(SITES);
    const action = pick([...ACTIONS, 'degraded'] as const);
    let key: string;
    if (action === 'degraded') key = `none|degraded|${site}|none|none|none`;
    else {
      const finding = pick(FINDINGS);
      const reason = action === 'sent-anyway' ? pick(REASONS) : 'none';
      key = [finding.category, action, site, finding.source, finding.rule, reason].join('|');
    }
    const count = 1 + Math.floor(random() * 3);
    const series = (out[day] ??= {});
    series[key] = (series[key] ?? 0) + count;
  }
  return out;
}

/** day#series → count */
function add(totals: Map<string, number>, key: string, count: number): void {
  totals.set(key, (totals.get(key) ?? 0) + count);
}

let receiver: Server;
let received: { body: string; headers: IncomingHttpHeaders }[] = [];
let browser: LaunchedBrowser | undefined;

test.beforeAll(async () => {
  receiver = createServer((req, res) => {
    // An OpenTelemetry Collector with CORS for the extension's origin.
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
    res.setHeader('Access-Control-Allow-Headers', 'content-type');
    res.setHeader('Access-Control-Allow-Methods', 'POST');
    if (req.method === 'OPTIONS') return res.writeHead(204).end();
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.url === '/v1/metrics' && req.method === 'POST') received.push({ body, headers: req.headers });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
});

test.afterAll(async () => {
  await browser?.close();
  rmSync(POLICY_FILE, { force: true });
  await new Promise<void>((r) => receiver.close(() => r()));
});

/** Launches the policy build with counters.endpoint at the receiver; resolves with an extension page once the policy applies. */
async function launchReporting(): Promise<{ context: BrowserContext; page: Page }> {
  const port = (receiver.address() as AddressInfo).port;
  const policy = {
    version: 1,
    counters: { endpoint: `http://127.0.0.1:${port}`, intervalMinutes: 1440 },
    customRules: [
      { id: 'projekt-nordstjarna', kind: 'keywords', keywords: ['Nordstjärna'], category: 'classified', message: { sv: 'Projektet är sekretessbelagt.' } },
    ],
  };
  browser = await launchUnderPolicy(POLICY_FILE, policy);
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  return { context: browser.context, page };
}

test(`${BROWSERS} browsers' day counts add up at the receiver, counts of 1 included`, async () => {
  test.setTimeout(90_000);
  const { page } = await launchReporting();
  const days = [utcDayAgo(2), utcDayAgo(1)];
  const counted = new Map<string, number>();
  received = [];

  for (let i = 0; i < BROWSERS; i++) {
    const store = { version: 2, days: browserDays(i, days) };
    for (const [day, series] of Object.entries(store.days)) for (const [key, count] of Object.entries(series)) add(counted, `${day}#${key}`, count);
    // A fresh browser: nothing reported yet (no reportedThrough), then "Send now".
    await page.evaluate(async ([key, value]) => chrome.storage.local.set({ [key as string]: value }), [COUNTERS_KEY, store] as const);
    expect(await page.evaluate(() => chrome.runtime.sendMessage({ type: 'promptvakt/report-now' })), `browser ${i}`).toBe('sent');
    expect(received, `browser ${i}: one request each`).toHaveLength(i + 1);
  }

  // The receiver at query time: every data point of every request, summed per day and labels.
  const totals = new Map<string, number>();
  let ones = 0;
  for (const { body, headers } of received) {
    expect(headers['content-type']).toBe('application/json');
    expect(headers.cookie).toBeUndefined();
    // What every web request shows the receiver, and what the statistics tab says it sees.
    expect(headers['user-agent']).toBeTruthy();
    for (const resource of decodeOtlpJson(body).resourceMetrics)
      for (const scope of resource.scopeMetrics) {
        expect(scope.scope).toMatchObject({ name: 'promptvakt.counters', version: '2' });
        for (const metric of scope.metrics)
          for (const point of metric.sum.dataPoints) {
            const day = new Date(Number(BigInt(point.startTimeUnixNano) / 1_000_000n)).toISOString().slice(0, 10);
            const labels = Object.fromEntries(point.attributes.map((a) => [a.key, a.value.stringValue]));
            expect(Object.keys(labels)).toEqual(['category', 'action', 'site', 'source', 'rule', 'reason']);
            add(totals, `${day}#${Object.values(labels).join('|')}`, Number(point.asInt));
            if (Number(point.asInt) === 1) ones++;
          }
      }
  }
  expect(totals).toEqual(counted);
  const storedOnes = [...Array(BROWSERS).keys()].flatMap((i) => Object.values(browserDays(i, days)).flatMap((s) => Object.values(s))).filter((n) => n === 1).length;
  expect(storedOnes).toBeGreaterThan(50);
  expect(ones).toBe(storedOnes);
  // Every kind of label arrived: a custom rule, a false alarm, reasons, a degraded site.
  const keys = [...totals.keys()].join('\n');
  for (const part of ['|custom|custom.projekt-nordstjarna|', '|false-alarm|', '|sent-anyway|', '|fictitious', 'none|degraded|']) expect(keys).toContain(part);

  // The last browser's report is what "What does my organisation see?" shows, and it is done.
  const last = await page.evaluate(async (key) => (await chrome.storage.local.get(key))[key] as { reportedThrough?: string; lastReport?: { body: string } }, COUNTERS_KEY);
  expect(last.reportedThrough).toBe(days[1]);
  expect(last.lastReport?.body).toBe(received.at(-1)!.body);
  expect(await page.evaluate(() => chrome.runtime.sendMessage({ type: 'promptvakt/report-now' }))).toBe('nothing');
  expect(received).toHaveLength(BROWSERS);
});
