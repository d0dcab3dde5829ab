/** Shared test inputs for the counters tests. */
import fc from 'fast-check';
import { COUNTER_ACTIONS, OTHER_SITE, type CounterEvent } from '../../lib/counters/catalogue';
import { CATEGORIES } from '../../lib/types';

/** Any event inside the catalogue, on one of `hosts` or 'other'. */
export function arbitraryEvent(hosts: readonly string[]): fc.Arbitrary<CounterEvent> {
  const site = fc.constantFrom(OTHER_SITE, ...hosts);
  return fc.oneof(
    fc.record({
      category: fc.constantFrom(...CATEGORIES),
      action: fc.constantFrom(...COUNTER_ACTIONS.filter((a) => a !== 'degraded')),
      site,
      source: fc.constantFrom('built-in' as const, 'custom' as const),
    }),
    fc.record({ category: fc.constant('none' as const), action: fc.constant('degraded' as const), site, source: fc.constant('none' as const) }),
  ) as fc.Arbitrary<CounterEvent>;
}

/** A deterministic pseudo-random source (mulberry32), so delays differ per call but runs repeat. */
export function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
