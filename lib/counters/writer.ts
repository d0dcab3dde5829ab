/**
 * CounterWriter: one writer per extension (in the background) that turns increments from many
 * tabs into ONE read-modify-write of the stored counters at a time.
 *
 * Why: extension storage has no transactions. Two overlapping "get, add one, set" sequences both
 * read the same old value and one increment is lost. Here every change is queued; a single drain
 * loop takes everything queued so far, reads the store once, applies all of it in order, prunes
 * and writes once. Changes queued while a write is in flight go into the next batch.
 * (Two writers in different contexts would still race: keep exactly one, and let pages send it
 * messages.)
 *
 * API
 *   new CounterWriter({ storage, knownHosts, knownRules?, now?, retentionDays?, maxSeriesPerDay?, onDiagnostic? })
 *     knownHosts, knownRules and retentionDays are read on every use: policy can change while the writer lives
 *   writer.increment(event, by = 1): Promise<void>   validated at once; the day is taken at call time
 *   writer.update(change: (s) => CounterStore): Promise<CounterStore>   e.g. markReported after a send
 *   writer.read(): Promise<CounterStore>             after everything queued so far is written
 *   writer.flush(): Promise<void>
 * A failed storage get/set rejects the promises of that batch (those changes are lost, and the
 * caller is told); later batches try again.
 */
import { builtInRuleIds, validateEvent, type CounterEvent } from './catalogue';
import { DEFAULT_MAX_SERIES_PER_DAY, DEFAULT_RETENTION_DAYS, increment, migrate, prune, utcDay, type CounterStore } from './store';

/** Where the store lives, e.g. one key of browser.storage.local. */
export interface CounterStorage {
  get(): Promise<unknown>;
  set(value: CounterStore): Promise<void>;
}

export interface CounterWriterOptions {
  storage: CounterStorage;
  /** The current known hosts (built-in plus policy); read on every increment since policy can change. */
  knownHosts: () => readonly string[];
  /** The current known rule ids (knownRuleIds(policy's custom ids)); default: the built-in rules only. */
  knownRules?: () => readonly string[];
  /** The clock; injected so tests control the day. */
  now?: () => Date;
  /** Days kept (default 90); a function if policy can change it while the writer lives. */
  retentionDays?: number | (() => number);
  maxSeriesPerDay?: number;
  /** Told when the stored value had to be repaired or reset (see migrate()). */
  onDiagnostic?: (message: string) => void;
}

interface Change {
  apply: (store: CounterStore) => CounterStore;
  resolve: (store: CounterStore) => void;
  reject: (error: unknown) => void;
}

export class CounterWriter {
  private readonly storage: CounterStorage;
  private readonly knownHosts: () => readonly string[];
  private readonly knownRules: () => readonly string[];
  private readonly now: () => Date;
  private readonly retentionDays: () => number;
  private readonly maxSeriesPerDay: number;
  private readonly onDiagnostic: (message: string) => void;
  private queue: Change[] = [];
  /** True from the moment a drain starts until it finds the queue empty (checked and reset in one step). */
  private running = false;
  private draining: Promise<void> = Promise.resolve();

  constructor(options: CounterWriterOptions) {
    const retention = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
    this.storage = options.storage;
    this.knownHosts = options.knownHosts;
    this.knownRules = options.knownRules ?? builtInRuleIds;
    this.now = options.now ?? (() => new Date());
    this.retentionDays = typeof retention === 'number' ? () => retention : retention;
    this.maxSeriesPerDay = options.maxSeriesPerDay ?? DEFAULT_MAX_SERIES_PER_DAY;
    this.onDiagnostic = options.onDiagnostic ?? (() => {});
  }

  /**
   * Counts one event; rejects at once for an event outside the catalogue. The day is
   * taken now, not when the batch is written, so an event at 23:59:59 UTC stays on its day.
   */
  increment(event: CounterEvent, by = 1): Promise<void> {
    try {
      validateEvent(event, this.knownHosts(), this.knownRules());
      if (!Number.isSafeInteger(by) || by < 1) throw new Error('Promptvakt counters: increment() by must be a positive integer');
    } catch (error) {
      return Promise.reject(error);
    }
    const day = utcDay(this.now());
    const labels: CounterEvent = { ...event }; // a copy: the caller may reuse its object
    return this.update((store) => increment(store, labels, day, by)).then(() => undefined);
  }

  /** Queues any change to the store; it runs in order with the increments around it. */
  update(change: (store: CounterStore) => CounterStore): Promise<CounterStore> {
    return new Promise<CounterStore>((resolve, reject) => {
      this.queue.push({ apply: change, resolve, reject });
      if (!this.running) {
        this.running = true;
        this.draining = this.drain();
      }
    });
  }

  /** Resolves once the queue is empty: everything queued before the call is written (or failed). */
  async flush(): Promise<void> {
    while (this.running) await this.draining;
  }

  /** The stored counters, after everything queued so far. */
  async read(): Promise<CounterStore> {
    await this.flush();
    return this.load();
  }

  private async load(): Promise<CounterStore> {
    const { store, diagnostic } = migrate(await this.storage.get());
    if (diagnostic) this.onDiagnostic(diagnostic);
    return store;
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue;
      this.queue = [];
      try {
        let store = await this.load();
        const applied: Change[] = [];
        for (const change of batch) {
          try {
            store = change.apply(store);
            applied.push(change);
          } catch (error) {
            change.reject(error); // one bad change does not spoil the batch
          }
        }
        store = prune(store, utcDay(this.now()), this.retentionDays(), this.maxSeriesPerDay);
        await this.storage.set(store);
        for (const change of applied) change.resolve(store);
      } catch (error) {
        for (const change of batch) change.reject(error);
      }
    }
    // No await between the empty-queue check above and this line, so no change can be queued
    // in between and be left without a drain.
    this.running = false;
  }
}
