/**
 * React hook for extension pages: the anonymous counters (read-only; the
 * background is the only writer), following changes. Null until loaded.
 *
 * The store module is imported when the hook first runs, not with this file:
 * it defines a WXT storage item, which reads extension storage as soon as it
 * is defined, and the popup and options components are also rendered in Node
 * (tests), where there is no extension storage.
 */
import { useEffect, useState } from 'react';
import type { CounterStore } from '../lib/counters/store';

export function useCounters(): CounterStore | null {
  const [store, setStore] = useState<CounterStore | null>(null);

  useEffect(() => {
    let live = true;
    let off = () => {};
    void import('../platform/counter-store').then(({ loadCounters, watchCounters }) => {
      if (!live) return;
      off = watchCounters((s) => live && setStore(s));
      return loadCounters().then((s) => live && setStore((current) => current ?? s));
    });
    return () => {
      live = false;
      off();
    };
  }, []);

  return store;
}
