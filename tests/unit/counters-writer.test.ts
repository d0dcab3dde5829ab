import { describe, expect, it } from 'vitest';
import { COUNTER_ACTIONS, builtInSiteHosts, type CounterEvent } from '../../lib/counters/catalogue';
import { addDays, emptyStore, increment, migrate, seriesKey, todayTotals, utcDay, type CounterStore } from '../../lib/counters/store';
import { CounterWriter, type CounterStorage } from '../../lib/counters/writer';
import { CATEGORIES } from '../../lib/types';
import { KNOWN_RULES, degradedOn, finding, seeded } from './counter-fixtures';

const HOSTS = builtInSiteHosts();
const NOW = new Date('2026-11-24T12:00:00Z');
const TODAY = utcDay(NOW);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Storage like extension storage: every get and set takes a few milliseconds, and values are
 * copied (structured clone) both ways. It records overlapping read-modify-writes.
 */
class FakeStorage implements CounterStorage {
  value: unknown;
  gets = 0;
  sets = 0;
  /** Reads not yet followed by their write; more than one at a time means a race. */
  open = 0;
  maxOpen = 0;
  failNextSet = false;
  private readonly random = seeded(42);

  constructor(initial?: unknown) {
    this.value = initial;
  }

  async get(): Promise<unknown> {
    this.gets++;
    this.open++;
    this.maxOpen = Math.max(this.maxOpen, this.open);
    await sleep(this.random() * 4);
    return this.value === undefined ? undefined : structuredClone(this.value);
  }

  async set(value: CounterStore): Promise<void> {
    await sleep(this.random() * 4);
    this.open--;
    if (this.failNextSet) {
      this.failNextSet = false;
      throw new Error('QUOTA_BYTES quota exceeded');
    }
    this.sets++;
    this.value = structuredClone(value);
  }
}

/** 500 events from 25 tabs: every tab has its own site and cycles through categories and actions. */
function tabEvents(): CounterEvent[] {
  const actions = COUNTER_ACTIONS.filter((a) => a !== 'degraded');
  return Array.from({ length: 500 }, (_, i) => {
    const tab = i % 25;
    if (i % 50 === 0) return degradedOn(HOSTS[tab % HOSTS.length]!);
    const action = actions[i % actions.length]!;
    return finding({
      category: CATEGORIES[i % CATEGORIES.length]!,
      action,
      site: tab < HOSTS.length ? HOSTS[tab]! : 'other',
      source: i % 3 ? 'built-in' : 'custom',
      reason: action === 'sent-anyway' && i % 2 ? 'public' : 'none',
    });
  });
}

function expectedCounts(events: readonly CounterEvent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const event of events) counts.set(seriesKey(event), (counts.get(seriesKey(event)) ?? 0) + 1);
  return counts;
}

describe('CounterWriter', () => {
  it('loses none of 500 concurrent increments from many tabs, and never overlaps two writes', async () => {
    const storage = new FakeStorage();
    const writer = new CounterWriter({ storage, knownHosts: () => HOSTS, now: () => NOW });
    const events = tabEvents();
    // Tabs fire in bursts at different moments, as messages from content scripts would arrive.
    const random = seeded(7);
    await Promise.all(events.map(async (event) => {
      await sleep(random() * 20);
      await writer.increment(event);
    }));
    const stored = migrate(storage.value).store;
    expect(todayTotals(stored, TODAY).total).toBe(events.length);
    expect(new Map(Object.entries(stored.days[TODAY]!))).toEqual(expectedCounts(events));
    expect(storage.maxOpen).toBe(1);
    // Several batches (increments arrived while a write was in flight), far fewer than 500 writes.
    expect(storage.sets).toBeGreaterThan(1);
    expect(storage.sets).toBeLessThan(events.length / 2);
  });

  it('(control) the same storage does lose increments without the writer', async () => {
    const storage = new FakeStorage();
    const events = tabEvents().slice(0, 100);
    await Promise.all(events.map(async (event) => {
      const { store } = migrate(await storage.get());
      await storage.set(increment(store, event, TODAY));
    }));
    expect(todayTotals(migrate(storage.value).store, TODAY).total).toBeLessThan(events.length);
  });

  it('rejects an event outside the catalogue at once and writes nothing for it', async () => {
    const storage = new FakeStorage();
    const writer = new CounterWriter({ storage, knownHosts: () => HOSTS, now: () => NOW });
    const good: CounterEvent = finding({ category: 'email', action: 'warned', site: 'other', source: 'built-in' });
    const results = await Promise.allSettled([
      writer.increment(good),
      writer.increment({ ...good, site: 'intranet.example.se' }),
      writer.increment({ ...good, text: 'Anna' } as unknown as CounterEvent),
      writer.increment(good, 0),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected']);
    expect(todayTotals(await writer.read(), TODAY).total).toBe(1);
  });

  it('uses the known rules of the moment (policy can add a rule), and only built-in rules by default', async () => {
    const event = finding({ category: 'classified', action: 'blocked', site: 'other', source: 'custom', rule: 'custom.projekt-nordstjarna' });
    await expect(new CounterWriter({ storage: new FakeStorage(), knownHosts: () => HOSTS, now: () => NOW }).increment(event)).rejects.toThrow(/known rule/);
    let rules: readonly string[] = ['personnummer.valid'];
    const writer = new CounterWriter({ storage: new FakeStorage(), knownHosts: () => HOSTS, knownRules: () => rules, now: () => NOW });
    await expect(writer.increment(event)).rejects.toThrow(/known rule/);
    rules = KNOWN_RULES;
    await writer.increment(event);
    expect((await writer.read()).days[TODAY]?.[seriesKey(event)]).toBe(1);
  });

  it('uses the known hosts of the moment (policy can add a site)', async () => {
    let hosts = HOSTS;
    const writer = new CounterWriter({ storage: new FakeStorage(), knownHosts: () => hosts, now: () => NOW });
    const event: CounterEvent = finding({ category: 'classified', action: 'blocked', site: 'ai.example.se', source: 'custom' });
    await expect(writer.increment(event)).rejects.toThrow(/known host/);
    hosts = [...HOSTS, 'ai.example.se'];
    await writer.increment(event);
    expect((await writer.read()).days[TODAY]?.[seriesKey(event)]).toBe(1);
  });

  it('counts an event on the day it happened, even if the write is later', async () => {
    let now = new Date('2026-11-24T23:59:59.990Z');
    const storage = new FakeStorage();
    const writer = new CounterWriter({ storage, knownHosts: () => HOSTS, now: () => now });
    const event: CounterEvent = finding({ category: 'phone', action: 'logged', site: 'other', source: 'built-in' });
    const first = writer.increment(event);
    now = new Date('2026-11-25T00:00:00.010Z');
    const second = writer.increment(event);
    await Promise.all([first, second]);
    const days = (await writer.read()).days;
    expect(days['2026-11-24']?.[seriesKey(event)]).toBe(1);
    expect(days['2026-11-25']?.[seriesKey(event)]).toBe(1);
  });

  it('runs updates in order with the increments around them', async () => {
    const writer = new CounterWriter({ storage: new FakeStorage(), knownHosts: () => HOSTS, now: () => NOW });
    const event: CounterEvent = finding({ category: 'iban', action: 'masked', site: 'other', source: 'built-in' });
    const seen: number[] = [];
    const sizeOf = (s: CounterStore) => s.days[TODAY]?.[seriesKey(event)] ?? 0;
    await Promise.all([
      writer.increment(event),
      writer.update((s) => (seen.push(sizeOf(s)), s)),
      writer.increment(event),
      writer.update((s) => (seen.push(sizeOf(s)), s)),
    ]);
    expect(seen).toEqual([1, 2]);
    await expect(writer.update(() => { throw new Error('bad change'); })).rejects.toThrow('bad change');
    expect(sizeOf(await writer.read())).toBe(2);
  });

  it('rejects the batch whose write failed and goes on with the next', async () => {
    const storage = new FakeStorage();
    const writer = new CounterWriter({ storage, knownHosts: () => HOSTS, now: () => NOW });
    const event: CounterEvent = finding({ category: 'credential', action: 'blocked', site: 'other', source: 'built-in' });
    storage.failNextSet = true;
    await expect(writer.increment(event)).rejects.toThrow(/quota/);
    await writer.increment(event);
    expect(todayTotals(await writer.read(), TODAY).total).toBe(1);
  });

  it('repairs a corrupted store, reports it, and prunes old days on write', async () => {
    const old = increment(emptyStore(), finding({ category: 'email', action: 'warned', site: 'other', source: 'built-in' }), addDays(TODAY, -200));
    const diagnostics: string[] = [];
    const storage = new FakeStorage({ ...old, days: { ...old.days, 'not-a-day': {} } });
    let retentionDays = 365;
    const writer = new CounterWriter({
      storage,
      knownHosts: () => HOSTS,
      now: () => NOW,
      retentionDays: () => retentionDays,
      onDiagnostic: (d) => diagnostics.push(d),
    });
    await writer.increment(degradedOn('claude.ai'));
    expect(diagnostics.join()).toMatch(/invalid entry dropped/);
    expect(Object.keys(migrate(storage.value).store.days)).toEqual([addDays(TODAY, -200), TODAY]);
    retentionDays = 90; // the policy changed
    await writer.increment(degradedOn('claude.ai'));
    expect(Object.keys(migrate(storage.value).store.days)).toEqual([TODAY]);
  });
});
