/**
 * Where the anonymous counters live: one key of storage.local, written only
 * by the background's CounterWriter (lib/counters/writer.ts) and read by the
 * popup and the dashboard. A versioned item (@wxt-dev/storage, via wxt/utils/storage);
 * lib/counters/store.ts's migrate() validates and repairs whatever it holds.
 */
import { storage } from 'wxt/utils/storage';
import { emptyStore, migrate, type CounterStore } from '../lib/counters/store';

export const countersItem = storage.defineItem<unknown>('local:promptvakt.counters', {
  version: 1,
  fallback: emptyStore(),
});

/** The counters as stored, repaired if needed (never throws). */
export async function loadCounters(): Promise<CounterStore> {
  try {
    return migrate(await countersItem.getValue()).store;
  } catch {
    return emptyStore();
  }
}

export function watchCounters(listener: (store: CounterStore) => void): () => void {
  return countersItem.watch((value) => listener(migrate(value).store));
}
