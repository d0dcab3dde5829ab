/**
 * Resolves the effective policy and keeps it current:
 *   storage.managed (the organisation; Chrome/Edge policy, Firefox 3rdparty)
 *   > storage.sync (the employee's settings, unlocked fields only)
 *   > built-in defaults.
 * The result goes to storage.local for every tab (platform/policy-store.ts).
 *
 * Chrome may answer {} for storage.managed just after install or start while
 * the policy is still being read, and Firefox has no change event for it, so
 * the managed area is re-read a few times after start and every minute. A
 * policy that once applied is not dropped on a single empty answer: only when
 * the organisation policy stays away through the start-up reads.
 */
import { browser } from 'wxt/browser';
import { builtInEffectivePolicy } from '../../lib/policy/built-in-effective';
import type { EffectivePolicy } from '../../lib/policy/effective';
import { hasManagedPolicy, resolvePolicy } from '../../lib/policy/resolve';
import { loadUserSettings, readStoredPolicy, storeEffectivePolicy, watchUserSettings } from '../../platform/policy-store';

const STARTUP_READS_MS = [0, 1000, 2000, 4000, 8000, 15000];
/** How long a check waits for the first policy of a new profile before it uses the built-in defaults, as the tabs do. */
const FIRST_START_WAIT_MS = 300;
export const POLICY_ALARM = 'promptvakt.policy-refresh';

export class PolicyService {
  private current: EffectivePolicy | null = null;
  private lastJson = '';
  private startupDone = false;
  /** The first managed read of a new profile is taking long (see forChecks). */
  private firstReadLate = false;
  private readonly listeners: ((policy: EffectivePolicy) => void)[] = [];

  /** Registers listeners; call on the service worker's first tick. */
  start(): void {
    browser.storage.onChanged.addListener((_changes, area) => {
      if (area === 'managed') void this.refresh();
    });
    watchUserSettings(() => void this.refresh());
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === POLICY_ALARM) void this.refresh();
    });
    void browser.alarms.create(POLICY_ALARM, { periodInMinutes: 1 });
    STARTUP_READS_MS.forEach((delay, i) =>
      setTimeout(() => {
        if (i === STARTUP_READS_MS.length - 1) this.startupDone = true;
        void this.refresh();
      }, delay),
    );
  }

  onChange(listener: (policy: EffectivePolicy) => void): void {
    this.listeners.push(listener);
    if (this.current) listener(this.current);
  }

  /** The effective policy now (reads storage when the worker just woke up). */
  async get(): Promise<EffectivePolicy> {
    if (this.current) return this.current;
    return this.refresh();
  }

  /**
   * The policy to check a prompt with, without waiting: the current one, or
   * when the worker just woke up, the one every tab already applies (stored
   * by the last resolution). Chrome's first storage.managed read can take
   * seconds, and a held paste would wait for it. The refresh that follows
   * brings any change, as it does for the tabs.
   */
  async forChecks(): Promise<EffectivePolicy> {
    if (this.current) return this.current;
    const stored = await readStoredPolicy().catch(() => undefined);
    if (stored) {
      void this.get();
      return stored;
    }
    // Nothing stored yet: the first start of this profile. Chrome's first managed read can take
    // seconds, and until a policy is stored every tab applies the built-in defaults, checking short
    // texts in the page with them. A held paste is checked with the same defaults rather than
    // waiting; the resolved policy applies from the next check on.
    const resolved = this.get();
    if (this.firstReadLate) return builtInEffectivePolicy();
    const early = new Promise<null>((resolve) => setTimeout(() => resolve(null), FIRST_START_WAIT_MS));
    const policy = await Promise.race([resolved, early]);
    if (policy) return policy;
    // Later checks do not wait again while that read is still out.
    this.firstReadLate = true;
    void resolved.finally(() => (this.firstReadLate = false));
    return builtInEffectivePolicy();
  }

  async refresh(): Promise<EffectivePolicy> {
    const [managed, user, stored] = await Promise.all([readManaged(), readSync(), readStoredPolicy()]);
    let policy = resolvePolicy(managed, user);
    if (!hasManagedPolicy(managed) && !this.startupDone && stored?.source === 'organisation') {
      // Possibly Chrome's empty first answer: keep the organisation's policy until start-up reads are over.
      policy = stored;
    }
    const json = JSON.stringify(policy);
    const changed = json !== this.lastJson;
    // `current` and the listeners change together, before any await: whoever
    // gets the policy from get() finds the other components already told.
    this.current = policy;
    if (changed) {
      this.lastJson = json;
      for (const listener of this.listeners) listener(policy);
      if (JSON.stringify(stored) !== json) await storeEffectivePolicy(policy);
    }
    return policy;
  }
}

async function readManaged(): Promise<unknown> {
  try {
    return await browser.storage.managed.get();
  } catch {
    // Firefox throws when no policy is set; Chrome without a managed schema too.
    return undefined;
  }
}

async function readSync(): Promise<unknown> {
  try {
    return await loadUserSettings();
  } catch {
    return undefined;
  }
}
