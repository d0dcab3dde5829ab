/**
 * The statistics tab and the popup's "today" line, rendered with
 * react-dom/server from a realistic counter store built with lib/counters'
 * increment(): the tables hold the right numbers per category, outcome and
 * site for each period, false alarms per rule and "sent anyway" per reason,
 * the empty state, "What does my organisation see?" (nothing sent, or the
 * endpoint, what else the receiver sees and the exact last body), the
 * CSV/JSON export content, and the accessible chart and table structure.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { UI_STRINGS } from '../../lib/i18n/ui-strings';
import type { UiLanguage } from '../../lib/i18n/language';
import { counterActionLabel, counterCategoryLabel } from '../../components/labels';
import { exportFile, FINDING_ACTIONS, localDay, pendingReport, prettyJson, statsFor, type PeriodDays } from '../../lib/counters/dashboard';
import { reasonText, ruleTitle, sendStateText, StatsView, type StatsViewProps } from '../../components/OptionsStats';
import { PopupView, type PopupViewProps } from '../../components/Popup';
import { todayCountsText, TodayCountsSlot } from '../../components/PopupSlots';
import {
  COUNTER_ACTIONS,
  COUNTER_CATEGORIES,
  COUNTER_REASONS,
  emptyStore,
  increment,
  ruleSource,
  todayTotals,
  toJsonExport,
  toOtlpRequest,
  type CounterEvent,
  type CounterReason,
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
// privacyThreshold is deprecated: still accepted in a policy, and ignored.
const REPORTING = resolvePolicy(
  { version: 1, counters: { endpoint: 'https://otel.example.se', privacyThreshold: 3, intervalMinutes: 30, retentionDays: 60 } },
  undefined,
);

type Add = [
  day: string,
  category: CounterEvent['category'],
  action: CounterEvent['action'],
  site: string,
  count: number,
  labels?: { source?: 'built-in' | 'custom'; rule?: string; reason?: CounterReason },
];

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
  ['2026-11-18', 'personnummer', 'blocked', 'gemini.google.com', 4, { rule: 'personnummer.valid' }],
  ['2026-11-18', 'classified', 'blocked', 'other', 2, { source: 'custom' }],
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
  for (const [day, category, action, site, count, labels = {}] of adds) {
    const rule = labels.rule ?? 'none';
    const source = labels.source ?? (rule === 'none' ? 'built-in' : ruleSource(rule));
    const event = (
      category === 'none'
        ? { category, action, site, source: 'none', rule: 'none', reason: 'none' }
        : { category, action, site, source, rule, reason: labels.reason ?? 'none' }
    ) as CounterEvent;
    store = increment(store, event, day, count);
  }
  return store;
}

const STORE = buildStore();

/**
 * False alarms and "sent anyway" with reasons, on top of ADDS: this week (today and
 * 2026-11-18), and one false alarm 20 days ago (outside the 7-day period).
 */
const FEEDBACK: Add[] = [
  [TODAY, 'email', 'false-alarm', 'chatgpt.com', 1, { rule: 'email.address' }],
  [TODAY, 'health', 'false-alarm', 'claude.ai', 2, { rule: 'health.about-person' }],
  ['2026-11-18', 'classified', 'false-alarm', 'other', 2, { rule: 'custom.projekt-nordstjarna' }],
  ['2026-11-18', 'health', 'false-alarm', 'other', 1, { rule: 'health.about-person' }],
  ['2026-11-18', 'phone', 'false-alarm', 'other', 1, { source: 'custom' }],
  ['2026-11-03', 'email', 'false-alarm', 'chatgpt.com', 7, { rule: 'email.address' }],
  [TODAY, 'health', 'sent-anyway', 'claude.ai', 2, { rule: 'health.about-person', reason: 'own-data' }],
  [TODAY, 'email', 'sent-anyway', 'chatgpt.com', 1, { rule: 'email.address', reason: 'fictitious' }],
  ['2026-11-18', 'personnummer', 'sent-anyway', 'other', 3, { rule: 'personnummer.valid', reason: 'fictitious' }],
  ['2026-11-18', 'health', 'sent-anyway', 'other', 1, { reason: 'false-alarm' }],
];
const FEEDBACK_STORE = buildStore([...ADDS, ...FEEDBACK]);

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
    expect(week.byAction).toEqual({ warned: 3, blocked: 9, masked: 1, 'sent-anyway': 1, edited: 4, logged: 0, degraded: 1, 'false-alarm': 0 });
    expect(week.total).toBe(19);
    expect(week.byDay.map((d) => [d.day, d.total])).toEqual([
      ['2026-11-18', 11],
      [TODAY, 8],
    ]);
    expect(FINDING_ACTIONS).toEqual(['warned', 'blocked', 'logged']);
  });

  it('counts false alarms per rule (with its category) and "sent anyway" per reason, within the period', () => {
    const week = statsFor(FEEDBACK_STORE, TODAY, 7);
    expect(week.falseAlarmsByRule).toEqual([
      { rule: 'health.about-person', category: 'health', total: 3 },
      { rule: 'custom.projekt-nordstjarna', category: 'classified', total: 2 },
      { rule: 'email.address', category: 'email', total: 1 },
      { rule: 'none', category: 'phone', total: 1 },
    ]);
    expect(week.sentAnywayByReason).toEqual([
      { reason: 'fictitious', total: 4 },
      { reason: 'own-data', total: 2 },
      { reason: 'false-alarm', total: 1 },
      // ADDS' "sent anyway" today had no reason.
      { reason: 'none', total: 1 },
    ]);
    const sum = (rows: { total: number }[]) => rows.reduce((n, r) => n + r.total, 0);
    expect(sum(week.falseAlarmsByRule)).toBe(week.byAction['false-alarm']);
    expect(sum(week.sentAnywayByReason)).toBe(week.byAction['sent-anyway']);
    // False alarms are not findings: the category chart is the same as without them.
    expect(week.byCategory).toEqual(statsFor(STORE, TODAY, 7).byCategory);
    expect(statsFor(FEEDBACK_STORE, TODAY, 30).falseAlarmsByRule[0]).toEqual({ rule: 'email.address', category: 'email', total: 8 });
    expect(statsFor(STORE, TODAY, 7).falseAlarmsByRule).toEqual([]);
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

  it('shows false alarms per rule and "sent anyway" per reason as two small captioned tables', () => {
    const html = view({ store: FEEDBACK_STORE });
    const alarms = element(html, 'div', 'data-false-alarms="table"');
    expect(alarms).toMatch(/<caption>Felaktiga varningar per regel<span class="pv-visually-hidden">, 2026-11-17 till och med 2026-11-23<\/span><\/caption>/);
    expect(alarms).toContain('<th scope="col">Regel</th><th scope="col">Kategori</th><th scope="col">Antal</th>');
    const rows = [...alarms.matchAll(/<tr data-rule="([^"]+)" data-rule-category="([^"]+)"><th scope="row">([^<]*)<\/th><td>([^<]*)<\/td><td data-count="true">(\d+)<\/td><\/tr>/g)].map((m) => m.slice(1));
    expect(rows).toEqual([
      ['health.about-person', 'health', 'Uppgift om hälsa', 'Hälsa', '3'],
      ['custom.projekt-nordstjarna', 'classified', 'projekt-nordstjarna', 'Säkerhetsskydds- eller sekretessmarkering', '2'],
      ['email.address', 'email', expect.any(String), 'E-postadress', '1'],
      ['none', 'phone', 'Okänd regel', 'Telefonnummer', '1'],
    ]);
    expect(text(element(alarms, 'tfoot', '<tfoot'))).toBe('Totalt 7');
    expect(alarms).toMatch(/<table class="pv-table" aria-describedby="([^"]+)">.*<p id="\1" class="pv-muted">/);

    const reasons = element(html, 'div', 'data-reasons="table"');
    expect(reasons).toContain('<caption>Skickat ändå, per skäl<span class="pv-visually-hidden">');
    expect(reasons).toContain('<th scope="col">Skäl</th><th scope="col">Antal</th>');
    expect([...reasons.matchAll(/<tr data-reason="([^"]+)"><th scope="row">([^<]*)<\/th><td>(\d+)<\/td><\/tr>/g)].map((m) => m.slice(1))).toEqual([
      ['fictitious', 'Påhittade uppgifter eller testdata', '4'],
      ['own-data', 'Mina egna uppgifter', '2'],
      ['false-alarm', 'Felaktig varning', '1'],
      ['none', 'Inget skäl angivet', '1'],
    ]);
    expect(text(element(reasons, 'tfoot', '<tfoot'))).toBe('Totalt 8');

    const en = view({ store: FEEDBACK_STORE, language: 'en' });
    expect(text(element(en, 'tr', 'data-rule="health.about-person"'))).toBe('Health information Health 3');
    expect(text(element(en, 'tr', 'data-reason="fictitious"'))).toBe('Made-up information or test data 4');
    expect(text(en)).toContain('False alarms per rule');
    expect(text(en)).toContain('Sent anyway, by reason');
  });

  it('says plainly when there were no false alarms or "sent anyway" in the period', () => {
    const html = view({ store: buildStore([[TODAY, 'email', 'warned', 'chatgpt.com', 1]]) });
    expect(text(element(html, 'p', 'data-false-alarms="none"'))).toBe('Ingen har rapporterat en felaktig varning under perioden.');
    expect(text(element(html, 'p', 'data-reasons="none"'))).toBe('Inget skickades ändå under perioden.');
    expect(html).not.toContain('<caption>Felaktiga');
  });

  it('names every rule and reason in both languages', () => {
    for (const language of ['sv', 'en'] as const) {
      const t = UI_STRINGS[language];
      const reasons = COUNTER_REASONS.map((r) => reasonText(t, r));
      for (const label of reasons) expect(label.trim()).toBeTruthy();
      expect(new Set(reasons).size).toBe(reasons.length);
      expect(ruleTitle(t, language, 'personnummer.valid')).not.toBe('personnummer.valid');
      expect(ruleTitle(t, language, 'custom.projekt-nordstjarna')).toBe('projekt-nordstjarna');
      expect(ruleTitle(t, language, 'none')).toBe(t.statsRuleUnknown);
    }
    expect(UI_STRINGS.sv.reasonLabel).toEqual({
      'false-alarm': 'Felaktig varning',
      fictitious: 'Påhittade uppgifter eller testdata',
      public: 'Uppgifterna är redan offentliga',
      'own-data': 'Mina egna uppgifter',
      approved: 'Jag har tillstånd att dela dem',
      other: 'Annat skäl',
    });
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
    expect(text(degradedOnly)).toContain('Inga träffar under perioden.');
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
  const { request } = toOtlpRequest(STORE, { days: ['2026-11-18'], serviceVersion: '0.1.0' });
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

  it('shows the endpoint, interval, what is pending, what else the receiver sees, and "nothing sent yet"', () => {
    const section = element(view({ policy: REPORTING }), 'section', 'data-reporting="on"');
    expect(text(section)).toContain('Mottagare https://otel.example.se/v1/metrics');
    expect(text(section)).toContain('ungefär en gång per 30 minuter (±20 %)');
    // Every count is sent: no threshold, nothing held back, and the receiver's view said plainly.
    expect(REPORTING.counters).not.toHaveProperty('privacyThreshold');
    expect(section).not.toContain('data-org-threshold');
    expect(section).not.toContain('data-org-held-back');
    expect(text(section)).not.toMatch(/tröskel/i);
    expect(text(section)).toContain('Alla antal skickas, även små.');
    expect(text(element(section, 'p', 'data-org-address'))).toContain('IP-adress och User-Agent');
    const en = element(view({ policy: REPORTING, language: 'en' }), 'section', 'data-reporting="on"');
    expect(text(en)).toContain('Every count is sent, small ones too.');
    expect(text(element(en, 'p', 'data-org-address'))).toContain('IP address and User-Agent');
    expect(text(en)).not.toMatch(/threshold/i);
    // Completed days not yet sent: 2026-08-15, 09-24, 11-03, 11-18, with 1 + 1 + 2 + 4 series; every one is sent.
    expect(section).toContain('data-org-pending-days="4"');
    expect(section).toContain('data-org-pending-points="8"');
    expect(pendingReport(STORE, TODAY)).toEqual({ days: 4, dataPoints: 8 });
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
    // Every 11-18 point was sent, the small ones too.
    expect(shown).toContain('"asInt": "4"');
    expect(shown).toContain('"asInt": "2"');
    expect(shown).toContain('"asInt": "1"');
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
    expect(lines[0]).toBe('day,category,action,site,source,rule,reason,count');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(ADDS.length + 2);
    expect(lines).toContain('2026-11-18,personnummer,blocked,gemini.google.com,built-in,personnummer.valid,none,4');
    expect(lines).toContain('2026-11-18,classified,blocked,other,custom,none,none,2');
    expect(lines).toContain('2026-11-18,none,degraded,chatgpt.com,none,none,none,1');
    expect(lines).toContain('2026-08-15,iban,warned,chatgpt.com,built-in,none,none,9');
    expect(lines[1]).toBe('2026-08-15,iban,warned,chatgpt.com,built-in,none,none,9');
    expect(exportFile(FEEDBACK_STORE, 'csv', now).content).toContain(`${TODAY},health,sent-anyway,claude.ai,built-in,health.about-person,own-data,2\r\n`);
  });

  it('builds the JSON download: the rows, pretty-printed', () => {
    const file = exportFile(STORE, 'json', now);
    expect(file.filename).toBe('promptvakt-counters-2026-11-23.json');
    expect(file.type).toBe('application/json');
    const rows = JSON.parse(file.content);
    expect(rows).toEqual(toJsonExport(STORE));
    expect(rows).toHaveLength(ADDS.length);
    expect(rows).toContainEqual({ day: TODAY, category: 'health', action: 'sent-anyway', site: 'claude.ai', source: 'built-in', rule: 'none', reason: 'none', count: 1 });
    expect(file.content.endsWith('\n')).toBe(true);
  });

  it('names the file by the local date, and exports an empty store as just the header', () => {
    expect(localDay(new Date(2027, 0, 5, 0, 1))).toBe('2027-01-05');
    expect(exportFile(emptyStore(), 'csv', now).content).toBe('day,category,action,site,source,rule,reason,count\r\n');
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
