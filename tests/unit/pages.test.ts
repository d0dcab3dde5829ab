/**
 * Pure parts of the popup and options page: which tab URLs count as protected,
 * how findings become highlighted runs, the policy table rows, and the
 * language setting in storage (with a fake browser).
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { highlightRuns, strongestAction } from '../../components/highlight';
import { policyRows } from '../../components/OptionsPolicy';
import { siteStatus } from '../../components/Popup';
import * as settings from '../../components/settings';
import { DEFAULT_POLICY } from '../../lib/policy/default-policy';
import { builtInCatalogue } from '../../lib/rules/catalogue';
import { scan } from '../../lib/scan';
import { CATEGORIES } from '../../lib/types';

// vi.mock is hoisted above the imports: the components see the fake browser.
vi.mock('wxt/browser', () => ({ browser: fakeBrowser }));

describe('popup site status', () => {
  it('names a protected site and treats everything else as not protected', () => {
    expect(siteStatus('https://chatgpt.com/c/123')).toEqual({ protected: true, name: 'ChatGPT' });
    expect(siteStatus('https://claude.ai/new')).toEqual({ protected: true, name: 'Claude' });
    expect(siteStatus('https://www.example.se/')).toEqual({ protected: false });
    expect(siteStatus('chrome-extension://abc/popup.html')).toEqual({ protected: false });
    expect(siteStatus(undefined)).toEqual({ protected: false });
    expect(siteStatus('not a url')).toEqual({ protected: false });
  });
});

describe('highlightRuns', () => {
  it('covers the whole text, with a run per finding', () => {
    const text = 'Sökande: Per Nilsson, 640823-4174';
    const { findings } = scan(text);
    const runs = highlightRuns(text, findings);
    expect(runs.map((r) => r.text).join('')).toBe(text);
    const marked = runs.filter((r) => r.findings.length);
    expect(marked.map((r) => r.text)).toContain('640823-4174');
  });

  it('merges overlapping findings into one run and keeps the strongest action', () => {
    const f = (start: number, end: number, action: 'inform' | 'warn' | 'block') => ({ start, end, action });
    const runs = highlightRuns('abcdefghij', [f(6, 8, 'inform'), f(2, 5, 'warn'), f(4, 7, 'block')]);
    expect(runs.map((r) => [r.text, r.findings.length])).toEqual([
      ['ab', 0],
      ['cdefgh', 3],
      ['ij', 0],
    ]);
    expect(strongestAction(runs[1]!.findings)).toBe('block');
  });

  it('ignores empty and out-of-range spans', () => {
    expect(highlightRuns('abc', [{ start: 1, end: 1, action: 'warn' }, { start: 2, end: 9, action: 'warn' }])).toEqual([
      { text: 'abc', start: 0, findings: [] },
    ]);
  });
});

describe('policy table', () => {
  it('has one row per category plus official test numbers, strictest first', () => {
    const rows = policyRows(DEFAULT_POLICY, builtInCatalogue(), 'sv');
    expect(rows.map((r) => r.id).sort()).toEqual([...CATEGORIES, 'official-test-numbers'].sort());
    expect(rows[0]!.action).toBe('block');
    expect(rows.at(-1)).toMatchObject({ id: 'official-test-numbers', action: 'inform' });
    expect(rows.find((r) => r.id === 'personnummer')).toMatchObject({ titles: ['Personnummer'], action: 'block' });
    for (const row of rows) expect(row.titles.length).toBeGreaterThan(0);
  });
});

describe('language setting', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is auto until set, and auto follows the browser language', async () => {
    expect(await settings.getLanguageChoice()).toBe('auto');
    expect(settings.resolveLanguage('auto', 'sv-SE')).toBe('sv');
    expect(settings.resolveLanguage('auto', 'en-US')).toBe('en');
  });

  it('stores the choice under promptvakt.language and reports changes', async () => {
    const seen: string[] = [];
    const off = settings.onLanguageChoiceChanged((c) => seen.push(c));
    await settings.setLanguage('en');
    expect(await fakeBrowser.storage.local.get('promptvakt.language')).toEqual({ 'promptvakt.language': 'en' });
    expect(await settings.getLanguage()).toBe('en');
    await settings.setLanguage('sv');
    expect(await settings.getLanguage()).toBe('sv');
    off();
    await settings.setLanguage('auto');
    expect(seen).toEqual(['en', 'sv']);
  });

  it('treats an unknown stored value as auto and refuses to store one', async () => {
    await fakeBrowser.storage.local.set({ 'promptvakt.language': 'de' });
    expect(await settings.getLanguageChoice()).toBe('auto');
    await expect(settings.setLanguage('de' as never)).rejects.toThrow(TypeError);
  });
});
