/**
 * The stores in platform/policy-store.ts against a fake browser: versioned
 * storage items whose migrations run once when the extension loads, values
 * validated on every read, and watchers that only ever see valid values.
 * Each test loads the module afresh, as an updated extension does, after
 * seeding storage with what an earlier version left.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { builtInEffectivePolicy } from '../../lib/policy/built-in-effective';
import { resolvePolicy } from '../../lib/policy/resolve';

vi.mock('wxt/browser', () => ({ browser: fakeBrowser }));
// wxt/utils/storage (the stores in platform/) reaches the browser through @wxt-dev/browser.
vi.mock('@wxt-dev/browser', () => ({ browser: fakeBrowser }));

type Store = typeof import('../../platform/policy-store');

/** The store as a freshly started extension sees it. */
async function load(): Promise<Store> {
  vi.resetModules();
  return import('../../platform/policy-store');
}

const local = async (key: string) => (await fakeBrowser.storage.local.get(key))[key];
const sync = async (key: string) => (await fakeBrowser.storage.sync.get(key))[key];

beforeEach(() => fakeBrowser.reset());

describe("the employee's settings (sync, version 2)", () => {
  it('moves the language an earlier version kept in storage.local into the settings, once', async () => {
    await fakeBrowser.storage.sync.set({ 'promptvakt.settings': { categories: { health: 'off' } } });
    await fakeBrowser.storage.local.set({ 'promptvakt.language': 'en' });
    const store = await load();
    expect(await store.loadUserSettings()).toEqual({ categories: { health: 'off' }, language: 'en' });
    expect(await local('promptvakt.language')).toBeUndefined();
    expect(await sync('promptvakt.settings$')).toEqual({ v: 2 });
    // A second start finds version 2 and changes nothing.
    await store.saveUserSettings({ language: 'sv' });
    await fakeBrowser.storage.local.set({ 'promptvakt.language': 'en' });
    const again = await load();
    expect((await again.loadUserSettings()).language).toBe('sv');
  });

  it('moves it too when an earlier version stored nothing else', async () => {
    await fakeBrowser.storage.local.set({ 'promptvakt.language': 'en' });
    const store = await load();
    expect(await store.loadUserSettings()).toEqual({ language: 'en' });
    expect(await local('promptvakt.language')).toBeUndefined();
  });

  it('keeps a newer choice over an old one, and drops an unknown old one', async () => {
    await fakeBrowser.storage.sync.set({ 'promptvakt.settings': { language: 'sv' } });
    await fakeBrowser.storage.local.set({ 'promptvakt.language': 'en' });
    expect((await (await load()).loadUserSettings()).language).toBe('sv');
    expect(await local('promptvakt.language')).toBeUndefined();

    fakeBrowser.reset();
    await fakeBrowser.storage.sync.set({ 'promptvakt.settings': {} });
    await fakeBrowser.storage.local.set({ 'promptvakt.language': 'de' });
    expect(await (await load()).loadUserSettings()).toEqual({});
    expect(await local('promptvakt.language')).toBeUndefined();
  });

  it('merges a saved patch into what is stored, categories one by one', async () => {
    const store = await load();
    await store.saveUserSettings({ categories: { health: 'warn' }, language: 'en' });
    await store.saveUserSettings({ categories: { religion: 'off' } });
    expect(await sync('promptvakt.settings')).toEqual({ categories: { health: 'warn', religion: 'off' }, language: 'en' });
  });

  it('reads a damaged value as no settings', async () => {
    await fakeBrowser.storage.sync.set({ 'promptvakt.settings': ['not', 'settings'], 'promptvakt.settings$': { v: 2 } });
    expect(await (await load()).loadUserSettings()).toEqual({});
  });

  it('tells watchers about changes', async () => {
    const store = await load();
    // A first start stores empty settings; watch from then on.
    expect(await store.loadUserSettings()).toEqual({});
    await new Promise((r) => setTimeout(r, 10));
    const seen: unknown[] = [];
    const off = store.watchUserSettings((s) => seen.push(s));
    await store.saveUserSettings({ language: 'en' });
    await vi.waitFor(() => expect(seen).toEqual([{ language: 'en' }]));
    off();
    await store.saveUserSettings({ language: 'sv' });
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toHaveLength(1);
  });
});

describe('the effective policy (local, version 1)', () => {
  it('is the built-in policy until the background has stored one', async () => {
    expect(await (await load()).loadEffectivePolicy()).toEqual(builtInEffectivePolicy());
  });

  it('reads back what the background stored', async () => {
    const store = await load();
    const organisation = resolvePolicy({ version: 1, organisation: { name: 'Exempelkommun' } }, undefined);
    await store.storeEffectivePolicy(organisation);
    expect(await store.loadEffectivePolicy()).toEqual(organisation);
    expect(await local('promptvakt.policy')).toEqual(organisation);
  });

  it('gives the built-in policy, not an error, for a damaged value, and never shows it to watchers', async () => {
    await fakeBrowser.storage.local.set({ 'promptvakt.policy': { source: 'organisation' } });
    const store = await load();
    expect(await store.loadEffectivePolicy()).toEqual(builtInEffectivePolicy());
    expect(await store.readStoredPolicy()).toBeUndefined();
    const seen: string[] = [];
    store.watchEffectivePolicy((p) => seen.push(p.source));
    await fakeBrowser.storage.local.set({ 'promptvakt.policy': 'garbage' });
    await store.storeEffectivePolicy(builtInEffectivePolicy());
    await vi.waitFor(() => expect(seen).toEqual(['built-in']));
  });
});

describe('pending organisation sites (local, version 1)', () => {
  it('stores match patterns and reads only strings back', async () => {
    const store = await load();
    expect(await store.loadPendingSites()).toEqual([]);
    const seen: string[][] = [];
    store.watchPendingSites((p) => seen.push(p));
    await store.savePendingSites(['https://ai.example.se/*']);
    expect(await store.loadPendingSites()).toEqual(['https://ai.example.se/*']);
    await vi.waitFor(() => expect(seen).toEqual([['https://ai.example.se/*']]));
    await fakeBrowser.storage.local.set({ 'promptvakt.pendingSites': ['https://a.example/*', 7, null] });
    expect(await store.loadPendingSites()).toEqual(['https://a.example/*']);
  });
});
