/**
 * The statistics tab and the popup's "today" line, rendered with
 * react-dom/server from a realistic counter store built with lib/counters'
 * increment(): the tables hold the right numbers per category, outcome and
 * site for each period, the empty state, "What does my organisation see?"
 * (nothing sent, or the endpoint, threshold and the exact last body), the
 * CSV/JSON export content, and the accessible chart structure.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { UI_STRINGS } from '../../lib/i18n/ui-strings';
import type { UiLanguage } from '../../lib/i18n/language';
import { counterActionLabel, counterCategoryLabel } from '../../components/labels';
import { exportFile, FINDING_ACTIONS, localDay, pendingReport, prettyJson, statsFor, type PeriodDays } from '../../lib/counters/dashboard';
import { sendStateText, StatsView, type StatsViewProps } from '../../components/OptionsStats';
import { PopupView, type PopupViewProps } from '../../components/Popup';
import { todayCountsText, TodayCountsSlot } from '../../components/PopupSlots';
import {
  COUNTER_ACTIONS,
  COUNTER_CATEGORIES,
  emptyStore,
  increment,
  todayTotals,
  toJsonExport,
  toOtlpRequest,
  type CounterEvent,
  type CounterStore,
} from '../../lib/counters';
import type { EffectivePolicy } from '../../lib/policy/effective';
import { resolvePolicy } from '../../lib/policy/resolve';
import { decode, element, text } from './markup';

vi.mock('wxt/browser', () => ({ browser: fakeBrowser }));
// wxt/utils/storage (the stores in platform/) reaches the browser through @wxt-dev/browser.
vi.mock('@wxt-dev/browser', () => ({ browser: fakeBrowser }));

const TODAY = '2026-11-23';
const BUILT_IN = resolvePolicy(undefined, undefined);
const REPORTING = resolvePolicy(
  { version: 1, counters: { endpoint: 'https://otel.example.se', privacyThreshold: 3, intervalMinutes: 30, retentionDays: 60 } },
  undefined,
);

type Add = [day: string, category: CounterEvent['category'], action: CounterEvent['action'], site: string, count: number, source?: 'built-in' | 'custom'];

/**
 * Five days with counts: today (2026-11-23), 5, 20 and 60 days ago, and one
 * 100 days ago (outside every period).
 */
const ADDS: Add[] = [
  // Today.
  [TODAY, 'personnummer', 'blocked', 'chatgpt.com', 3],
  [TODAY, 'health', 'warned', 'claude.ai', 2],
  [TODAY, 'health', 'sent-anyway', 'claude.ai', 1],
  [TODAY, 'email', 'warned', 'chatgpt.com', 1],
  [TODAY, 'email', 'masked', 'chatgpt.com', 1],
  // 5 days ago.
  ['2026-11-18', 'personnummer', 'blocked', 'gemini.google.com', 4],
  ['2026-11-18', 'classified', 'blocked', 'other', 2, 'custom'],
  ['2026-11-18', 'personnummer', 'edited', 'gemini.google.com', 4],
  ['2026-11-18', 'none', 'degraded', 'chatgpt.com', 1],
  // 20 days ago.
  ['2026-11-03', 'personnummer', 'blocked', 'chatgpt.com', 10],
  ['2026-11-03', 'health', 'logged', 'other', 5],
  // 60 days ago.
  ['2026-09-24', 'credential', 'blocked', 'chatgpt.com', 7],
  // 100 days ago: in the store, in no period.
  ['2026-08-15', 'iban', 'warned', 'chatgpt.com', 9],
];

function buildStore(adds: readonly Add[] = ADDS): CounterStore {
  let store = emptyStore();
  for (const [day, category, action, site, count, source] of adds) {
    const event = (category === 'none' ? { category, action, site, source: 'none' } : { category, action, site, source: source ?? 'built-in' }) as CounterEvent;
    store = increment(store, event, day, count);
  }
  return store;
}

const STORE = buildStore();

function view(overrides: Partial<StatsViewProps> = {}): string {
  const props: StatsViewProps = {
    language: 'sv',
    policy: BUILT_IN,
    store: STORE,
    today: TODAY,
    period: 7,
    onPeriod: () => {},
    onExport: () => {},
    sendState: 'idle',
    onSendNow: () => {},
    ...overrides,
  };
  return renderToStaticMarkup(createElement(StatsView, props));
}

function countRows(html: string, attr: 'data-category' | 'data-site'): [string, number][] {
  const re = new RegExp(`<tr ${attr}="([^"]+)"><th scope="row">[^<]*</th><td>(\\d+)</td></tr>`, 'g');
  return [...html.matchAll(re)].map((m) => [m[1]!, Number(m[2])]);
}

/** Day rows of the outcome table: day → action → count (with 'total'). */
function dayRows(html: string): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const m of html.matchAll(/<tr data-day="([^"]+)">(.*?)<\/tr>/g)) {
    out[m[1]!] = Object.fromEntries([...m[2]!.matchAll(/<td data-action="([\w-]+)">(\d+)<\/td>/g)].map((c) => [c[1]!, Number(c[2])]));
  }
  return out;
}

function footer(html: string, chart: string): Record<string, number> {
  const figure = element(html, 'figure', `data-chart="${chart}"`);
  const foot = element(figure, 'tr', 'data-total="true"');
  return Object.fromEntries([...foot.matchAll(/<td(?: data-action="([\w-]+)")?>(\d+)<\/td>/g)].map((c) => [c[1] ?? 'total', Number(c[2])]));
}

/** The chart id ChartFigure puts in data-chart ends with the figure's kind. */
function figureOf(html: string, kind: 'category' | 'outcome' | 'site'): string {
  const m = new RegExp(`data-chart="([^"]*-${kind})"`).exec(html);
  expect(m, kind).not.toBeNull();
  return element(html, 'figure', `data-chart="${m![1]}"`);
}

describe('statsFor', () => {
  it('counts findings (warned, blocked, logged) per category and site, and every outcome per day, within the period', () => {
    const week = statsFor(STORE, TODAY, 7);
    expect(week.from).toBe('2026-11-17');
    expect(week.days).toHaveLength(7);
    expect(week.days.at(-1)).toBe(TODAY);
    expect(week.byCategory).toEqual([
      { value: 'personnummer', total: 7 },
      { value: 'classified', total: 2 },
      { value: 'health', total: 2 },
      { value: 'email', total: 1 },
    ]);
    expect(week.bySite).toEqual([
      { value: 'chatgpt.com', total: 4 },
      { value: 'gemini.google.com', total: 4 },
      { value: 'claude.ai', total: 2 },
      { value: 'other', total: 2 },
    ]);
    expect(week.byAction).toEqual({ warned: 3, blocked: 9, masked: 1, 'sent-anyway': 1, edited: 4, logged: 0, degraded: 1 });
    expect(week.total).toBe(19);
    expect(week.byDay.map((d) => [d.day, d.total])).toEqual([
      ['2026-11-18', 11],
      [TODAY, 8],
    ]);
    expect(FINDING_ACTIONS).toEqual(['warned', 'blocked', 'logged']);
  });

  it('widens with the period and never includes days outside it', () => {
    const month = statsFor(STORE, TODAY, 30);
    expect(month.byCategory.find((c) => c.value === 'personnummer')?.total).toBe(17);
    expect(month.byCategory.find((c) => c.value === 'health')?.total).toBe(7);
    expect(month.byCategory.find((c) => c.value === 'credential')).toBeUndefined();
    const quarter = statsFor(STORE, TODAY, 90);
    expect(quarter.byCategory.find((c) => c.value === 'credential')?.total).toBe(7);
    expect(quarter.byCategory.find((c) => c.value === 'iban')).toBeUndefined();
    expect(quarter.total).toBe(19 + 15 + 7);
  });
});

describe('statistics tab', () => {
  const cases: [PeriodDays, Record<string, number>, Record<string, number>][] = [
    [7, { personnummer: 7, classified: 2, health: 2, email: 1 }, { 'chatgpt.com': 4, 'gemini.google.com': 4, 'claude.ai': 2, other: 2 }],
    [
      30,
      { personnummer: 17, health: 7, classified: 2, email: 1 },
      { 'chatgpt.com': 14, other: 7, 'gemini.google.com': 4, 'claude.ai': 2 },
    ],
    [
      90,
      { personnummer: 17, credential: 7, health: 7, classified: 2, email: 1 },
      { 'chatgpt.com': 21, other: 7, 'gemini.google.com': 4, 'claude.ai': 2 },
    ],
  ];

  it.each(cases)('shows the right numbers per category and site for the last %i days, largest first', (period, categories, sites) => {
    const html = view({ period });
    expect(countRows(figureOf(html, 'category'), 'data-category')).toEqual(Object.entries(categories));
    expect(countRows(figureOf(html, 'site'), 'data-site')).toEqual(Object.entries(sites));
    const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
    expect(footer(html, /data-chart="([^"]*-category)"/.exec(html)![1]!)).toEqual({ total: sum(categories) });
    expect(footer(html, /data-chart="([^"]*-site)"/.exec(html)![1]!)).toEqual({ total: sum(sites) });
  });

  it('shows every outcome per day, with a total row, for the period', () => {
    const html = view({ period: 7 });
    const outcome = figureOf(html, 'outcome');
    expect(dayRows(outcome)).toEqual({
      '2026-11-18': { warned: 0, blocked: 6, masked: 0, 'sent-anyway': 0, edited: 4, degraded: 1, total: 11 },
      [TODAY]: { warned: 3, blocked: 3, masked: 1, 'sent-anyway': 1, edited: 0, degraded: 0, total: 8 },
    });
    // Only outcomes that occurred get a column; 'logged' did not happen this week.
    expect(outcome).not.toContain('data-action="logged"');
    expect(footer(html, /data-chart="([^"]*-outcome)"/.exec(html)![1]!)).toEqual({
      warned: 3,
      blocked: 9,
      masked: 1,
      'sent-anyway': 1,
      edited: 4,
      degraded: 1,
      total: 19,
    });
    const month = dayRows(figureOf(view({ period: 30 }), 'outcome'));
    expect(Object.keys(month)).toEqual(['2026-11-03', '2026-11-18', TODAY]);
    expect(month['2026-11-03']).toMatchObject({ blocked: 10, logged: 5, total: 15 });
  });

  it('labels rows with words, in Swedish and English, and prints the period', () => {
    const sv = view({ period: 7 });
    expect(text(element(sv, 'tr', 'data-category="classified"'))).toBe('Säkerhetsskydds- eller sekretessmarkering 2');
    expect(text(element(sv, 'tr', 'data-site="other"'))).toBe('Övriga webbplatser 2');
    expect(text(sv)).toContain('19 händelser, 2026-11-17 till och med 2026-11-23');
    const en = view({ period: 7, language: 'en' });
    expect(text(element(en, 'tr', 'data-category="personnummer"'))).toBe('Personal identity number 7');
    expect(text(en)).toContain('Findings per category');
    expect(text(en)).toContain('19 events, 2026-11-17 to 2026-11-23');
    expect(en).toContain('>Show as table</summary>');
  });

  it('gives each chart a caption, an SVG image with a summary, and the table right after it', () => {
    const html = view({ period: 7 });
    for (const kind of ['category', 'outcome', 'site'] as const) {
      const figure = figureOf(html, kind);
      expect(figure).toMatch(/^<figure[^>]*aria-labelledby="([^"]+)"/);
      const titleId = /aria-labelledby="([^"]+)"/.exec(figure)![1]!;
      expect(figure).toContain(`<h3 id="${titleId}"`);
      expect(figure.indexOf('<figcaption>')).toBeLessThan(figure.indexOf('<svg'));
      const svg = /<svg[^>]*>/.exec(figure)![0];
      expect(svg).toContain('role="img"');
      expect(svg).toMatch(/aria-label="[^"]+2026-11-17 till och med 2026-11-23: /);
      expect(figure.indexOf('</svg>')).toBeLessThan(figure.indexOf('<details'));
      expect(figure).toMatch(/<details[^>]*><summary>Visa som tabell<\/summary>.*<table/);
      expect(figure).toContain('<th scope="col">');
      expect(figure).toContain('<caption class="pv-visually-hidden">');
    }
    const categorySvg = /<svg[^>]*>/.exec(figureOf(html, 'category'))![0];
    expect(decode(categorySvg)).toContain('Personnummer 7, Säkerhetsskydds- eller sekretessmarkering 2, Hälsa 2, E-postadress 1.');
    const outcomeSvg = decode(/<svg[^>]*>/.exec(figureOf(html, 'outcome'))![0]);
    expect(outcomeSvg).toContain('Stoppad 9');
    expect(outcomeSvg).toContain('flest den 2026-11-18 (11)');
    // Values are printed next to the bars, not only shown by length or colour.
    expect(figureOf(html, 'category')).toMatch(/<text[^>]*font-weight="600"[^>]*>7<\/text>/);
  });

  it('says so when nothing was counted in the period, and shows no charts', () => {
    for (const html of [view({ store: emptyStore() }), view({ store: buildStore([['2026-09-24', 'credential', 'blocked', 'chatgpt.com', 7]]) })]) {
      expect(html).toContain('data-empty="true"');
      expect(text(html)).toContain('Inget har räknats under perioden.');
      expect(text(html)).toContain('0 händelser');
      expect(html).not.toContain('<figure');
      expect(html).not.toContain('<svg');
    }
    expect(text(view({ store: emptyStore(), language: 'en' }))).toContain('Nothing was counted in this period.');
    // Only degraded events: no findings to chart per category or site, but the outcome table shows them.
    const degradedOnly = view({ store: buildStore([[TODAY, 'none', 'degraded', 'chatgpt.com', 2]]) });
    expect(text(degradedOnly)).toContain('Inga fynd under perioden.');
    expect(dayRows(degradedOnly)).toEqual({ [TODAY]: { degraded: 2, total: 2 } });
  });

  it('says when the organisation has switched the counters off', () => {
    const off = resolvePolicy({ version: 1, counters: { enabled: false } }, undefined);
    expect(view({ policy: off })).toContain('data-counters-enabled="false"');
    expect(view()).not.toContain('data-counters-enabled');
  });

  it('offers the period as a labelled radio group with the chosen one checked', () => {
    const html = view({ period: 30 });
    const fieldset = element(html, 'fieldset', 'pv-period');
    expect(fieldset).toContain('<legend>Period</legend>');
    const radios = fieldset.match(/<input type="radio"[^>]*>/g)!;
    expect(radios).toHaveLength(3);
    expect(radios.filter((r) => r.includes('checked=""'))).toEqual([expect.stringContaining('value="30"')]);
    expect(text(fieldset)).toContain('Senaste 7 dygnen Senaste 30 dygnen Senaste 90 dygnen');
  });

  it('has the export buttons and a privacy note', () => {
    const html = view();
    expect(html).toMatch(/<button type="button" class="pv-button" data-export="csv">Ladda ned CSV<\/button>/);
    expect(html).toMatch(/<button type="button" class="pv-button" data-export="json">Ladda ned JSON<\/button>/);
    expect(text(html)).toContain('alla sparade dygn (högst 90)');
    expect(text(html)).toContain('vem du är och klockslag räknas eller sparas aldrig');
  });
});

describe('"What does my organisation see?"', () => {
  const sentAt = '2026-11-22T09:15:00.000Z';
  const { request } = toOtlpRequest(STORE, { days: ['2026-11-18'], privacyThreshold: 3, serviceVersion: '0.1.0' });
  const body = JSON.stringify(request);
  const reported: CounterStore = {
    ...STORE,
    reportedThrough: '2026-11-18',
    lastReport: { sentAt, endpoint: 'https://otel.example.se/v1/metrics', body },
  };

  it('says that nothing is sent anywhere when there is no endpoint, with the retention', () => {
    const section = element(view(), 'section', 'data-reporting="off"');
    expect(text(section)).toContain('Vad ser min organisation?');
    expect(text(section)).toContain('Ingenting skickas någonstans. Räkningarna stannar i den här webbläsaren och sparas i 90 dygn.');
    expect(section).not.toContain('<button');
    expect(section).not.toContain('role="status"');
    expect(text(element(view({ language: 'en' }), 'section', 'data-reporting="off"'))).toContain(
      'Nothing is sent anywhere. The counts stay in this browser and are kept for 90 days.',
    );
  });

  it('shows the endpoint, interval, threshold, what is pending, and "nothing sent yet"', () => {
    const section = element(view({ policy: REPORTING }), 'section', 'data-reporting="on"');
    expect(text(section)).toContain('Mottagare https://otel.example.se/v1/metrics');
    expect(text(section)).toContain('ungefär en gång per 30 minuter (±20 %)');
    expect(text(section)).toContain('Integritetströskel (k) 3: antal under 3 skickas aldrig');
    // Completed days not yet sent: 2026-08-15, 09-24, 11-03, 11-18; below k = 3: classified 2 and degraded 1 on 11-18.
    expect(section).toContain('data-org-pending-days="4"');
    expect(section).toContain('data-org-held-back="2"');
    expect(pendingReport(STORE, TODAY, 3)).toEqual({ days: 4, dataPoints: 6, heldBack: 2 });
    expect(text(section)).toContain('Inget skickat ännu.');
    expect(section).toMatch(/<button type="button" class="pv-button" aria-disabled="false"[^>]*>Skicka nu<\/button>/);
    expect(section).toMatch(/<p role="status" class="pv-live" data-send-state="idle"><\/p>/);
  });

  it('shows the last report exactly as sent, with its time and address', () => {
    const section = element(view({ policy: REPORTING, store: reported }), 'section', 'data-reporting="on"');
    expect(section).toContain(`<time dateTime="${sentAt}">`);
    expect(text(section)).toContain('Till https://otel.example.se/v1/metrics');
    const pre = element(section, 'pre', 'data-last-report-body');
    expect(pre).toContain('tabindex="0"');
    const shown = decode(pre.replace(/<[^>]+>/g, ''));
    expect(shown).toBe(prettyJson(body));
    expect(shown.split('\n').length).toBeGreaterThan(10);
    expect(JSON.parse(shown)).toEqual(request);
    // Only line breaks and indentation were added.
    expect(stripJsonSpace(shown)).toBe(body);
    expect(shown).toContain('{"key":"category","value":{"stringValue":"personnummer"}}');
    // Only 11-18's personnummer point (4 ≥ k) was sent.
    expect(shown).toContain('"asInt": "4"');
    expect(text(section)).not.toContain('Inget skickat ännu');
  });

  it('still shows the last report after the endpoint was removed', () => {
    const html = view({ store: reported });
    expect(text(html)).toContain('Ingenting skickas någonstans');
    expect(decode(element(html, 'pre', 'data-last-report-body').replace(/<[^>]+>/g, ''))).toBe(prettyJson(body));
    expect(html).not.toContain('data-send-now');
  });

  it("puts the background's answer in the status line", () => {
    const t = UI_STRINGS.sv;
    expect(text(element(view({ policy: REPORTING, sendState: 'sent' }), 'p', 'data-send-state'))).toBe(t.sendNowSent);
    expect(view({ policy: REPORTING, sendState: 'sending' })).toContain('aria-disabled="true"');
    for (const state of ['sending', 'sent', 'nothing', 'failed', 'off', 'error'] as const) {
      for (const language of ['sv', 'en'] as const) expect(sendStateText(UI_STRINGS[language], state)).not.toBe('');
    }
    expect(sendStateText(t, 'idle')).toBe('');
  });

  it('says that an invalid endpoint sends nothing', () => {
    const policy: EffectivePolicy = { ...REPORTING, counters: { ...REPORTING.counters, endpoint: 'https://user:pw@otel.example.se' } };
    expect(text(element(view({ policy }), 'dd', 'data-org-endpoint'))).toContain('Adressen är ogiltig, så ingenting skickas.');
  });
});

/** The JSON text without whitespace outside strings. */
function stripJsonSpace(json: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += json[++i];
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (!/\s/.test(c)) out += c;
  }
  return out;
}

describe('prettyJson', () => {
  it('adds only line breaks and indentation, copying strings and numbers as they are', () => {
    const body = '{"a":"x, {y}: [\\"z\\"]","n":1.50,"big":12345678901234567890,"u":"\\u00e5","e":[],"o":{},"long":[' +
      Array.from({ length: 12 }, (_, i) => `{"key":"k${i}","value":${i}}`).join(',') + ']}';
    const pretty = prettyJson(body);
    expect(stripJsonSpace(pretty)).toBe(body);
    expect(pretty).toContain('"n": 1.50');
    expect(pretty).toContain('"big": 12345678901234567890');
    expect(pretty).toContain('"u": "\\u00e5"');
    expect(pretty).toContain('"a": "x, {y}: [\\"z\\"]"');
    expect(pretty).toContain('\n    {"key":"k3","value":3},\n');
    expect(pretty.startsWith('{\n  "a"')).toBe(true);
  });

  it('leaves text that is not JSON unchanged', () => {
    expect(prettyJson('not json {')).toBe('not json {');
    expect(prettyJson('{"a":1}')).toBe('{"a":1}');
  });
});

describe('export', () => {
  const now = new Date(2026, 10, 23, 14, 30);

  it('builds the CSV download of every stored day', () => {
    const file = exportFile(STORE, 'csv', now);
    expect(file.filename).toBe('promptvakt-counters-2026-11-23.csv');
    expect(file.type).toBe('text/csv;charset=utf-8');
    const lines = file.content.split('\r\n');
    expect(lines[0]).toBe('day,category,action,site,source,count');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(ADDS.length + 2);
    expect(lines).toContain('2026-11-18,personnummer,blocked,gemini.google.com,built-in,4');
    expect(lines).toContain('2026-11-18,classified,blocked,other,custom,2');
    expect(lines).toContain('2026-11-18,none,degraded,chatgpt.com,none,1');
    expect(lines).toContain('2026-08-15,iban,warned,chatgpt.com,built-in,9');
    expect(lines[1]).toBe('2026-08-15,iban,warned,chatgpt.com,built-in,9');
  });

  it('builds the JSON download: the rows, pretty-printed', () => {
    const file = exportFile(STORE, 'json', now);
    expect(file.filename).toBe('promptvakt-counters-2026-11-23.json');
    expect(file.type).toBe('application/json');
    const rows = JSON.parse(file.content);
    expect(rows).toEqual(toJsonExport(STORE));
    expect(rows).toHaveLength(ADDS.length);
    expect(rows).toContainEqual({ day: TODAY, category: 'health', action: 'sent-anyway', site: 'claude.ai', source: 'built-in', count: 1 });
    expect(file.content.endsWith('\n')).toBe(true);
  });

  it('names the file by the local date, and exports an empty store as just the header', () => {
    expect(localDay(new Date(2027, 0, 5, 0, 1))).toBe('2027-01-05');
    expect(exportFile(emptyStore(), 'csv', now).content).toBe('day,category,action,site,source,count\r\n');
    expect(exportFile(emptyStore(), 'json', now).content).toBe('[]\n');
  });
});

describe('popup: today', () => {
  const totals = todayTotals(STORE, TODAY);
  const popup = (overrides: Partial<PopupViewProps> = {}, language: UiLanguage = 'sv') =>
    renderToStaticMarkup(
      createElement(PopupView, {
        language,
        status: { protected: false },
        policy: BUILT_IN,
        pendingSites: [],
        onGrantAccess: () => {},
        optionsPolicyHref: 'chrome-extension://x/options.html#policy',
        optionsStatsHref: 'chrome-extension://x/options.html#stats',
        onOpenOptions: () => {},
        ...overrides,
      }),
    );

  it("shows today's total and the main outcomes on one line, with a link to the statistics tab", () => {
    const line = element(popup({ todayTotals: totals }), 'p', 'data-today-counts');
    expect(line).toContain('data-today-counts="8"');
    expect(text(line)).toBe('I dag: 8 händelser (3 stoppade, 3 varningar, 1 maskerad, 1 skickad ändå). Visa statistik (öppnas i ny flik)');
    expect(line).toContain('href="chrome-extension://x/options.html#stats"');
    expect(text(element(popup({ todayTotals: totals }, 'en'), 'p', 'data-today-counts'))).toBe(
      'Today: 8 events (3 blocked, 3 warnings, 1 masked, 1 sent anyway). Show statistics (opens in a new tab)',
    );
  });

  it('leaves out outcomes that did not happen, and shows nothing at all when nothing was counted today', () => {
    const onlyEdited = todayTotals(buildStore([[TODAY, 'phone', 'logged', 'chatgpt.com', 2]]), TODAY);
    expect(todayCountsText(UI_STRINGS.sv, onlyEdited)).toEqual({ total: 'I dag: 2 händelser', parts: [] });
    expect(text(renderToStaticMarkup(createElement(TodayCountsSlot, { totals: onlyEdited, language: 'sv', href: '#stats' })))).toBe(
      'I dag: 2 händelser. Visa statistik (öppnas i ny flik)',
    );
    expect(renderToStaticMarkup(createElement(TodayCountsSlot, { totals: todayTotals(STORE, '2026-11-24'), language: 'sv', href: '#' }))).toBe('');
    expect(renderToStaticMarkup(createElement(TodayCountsSlot, { totals: null, language: 'sv', href: '#' }))).toBe('');
    const html = popup({ todayTotals: todayTotals(emptyStore(), TODAY) });
    expect(html).not.toContain('data-today-counts');
    expect(text(html)).not.toMatch(/\d/);
  });
});

describe('counter labels', () => {
  it('name every category and outcome in both languages, each differently', () => {
    for (const language of ['sv', 'en'] as const) {
      const t = UI_STRINGS[language];
      const categories = COUNTER_CATEGORIES.map((c) => counterCategoryLabel(t, c));
      const actions = COUNTER_ACTIONS.map((a) => counterActionLabel(t, a));
      for (const label of [...categories, ...actions]) expect(label?.trim(), language).toBeTruthy();
      expect(new Set(categories).size).toBe(categories.length);
      expect(new Set(actions).size).toBe(actions.length);
    }
  });
});
