/**
 * PolicyService (entrypoints/background/policy-service.ts) against a fake
 * browser (@webext-core/fake-browser): managed > sync > built-in, the result
 * stored for every tab, listeners told once per change, and an organisation
 * policy kept through Chrome's empty first answers while the worker starts.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('wxt/browser', () => ({ browser: fakeBrowser }));
// wxt/utils/storage (the stores in platform/) reaches the browser through @wxt-dev/browser.
vi.mock('@wxt-dev/browser', () => ({ browser: fakeBrowser }));

const { PolicyService } = await import('../../entrypoints/background/policy-service');
const { EFFECTIVE_POLICY_KEY, USER_SETTINGS_KEY } = await import('../../platform/policy-store');
type EffectivePolicy = import('../../lib/policy/effective').EffectivePolicy;

const ORGANISATION = { version: 1, organisation: { name: 'Exempelkommun' }, categories: { health: { action: 'block' } } };

const stored = async () => (await fakeBrowser.storage.local.get(EFFECTIVE_POLICY_KEY))[EFFECTIVE_POLICY_KEY] as EffectivePolicy | undefined;

beforeEach(() => {
  fakeBrowser.reset();
});

describe('PolicyService', () => {
  it('without any policy applies the built-in one and stores it for the tabs', async () => {
    const service = new PolicyService();
    const policy = await service.get();
    expect(policy.source).toBe('built-in');
    expect(policy.categories.personnummer.action).toBe('block');
    expect((await stored())?.source).toBe('built-in');
  });

  it("applies the organisation's managed policy over the employee's settings", async () => {
    await fakeBrowser.storage.managed.set(ORGANISATION);
    await fakeBrowser.storage.sync.set({ [USER_SETTINGS_KEY]: { categories: { health: 'off' } } });
    const service = new PolicyService();
    const policy = await service.get();
    expect(policy.source).toBe('organisation');
    expect(policy.categories.health.action).toBe('block');
    expect((await stored())?.source).toBe('organisation');
  });

  it('tells its listeners once per change, not on every read', async () => {
    const service = new PolicyService();
    const seen: string[] = [];
    service.onChange((p) => seen.push(p.source));
    await service.refresh();
    await service.refresh();
    expect(seen).toEqual(['built-in']);
    await fakeBrowser.storage.managed.set(ORGANISATION);
    await service.refresh();
    expect(seen).toEqual(['built-in', 'organisation']);
  });

  it("keeps the organisation's policy through an empty managed answer while the worker starts", async () => {
    await fakeBrowser.storage.managed.set(ORGANISATION);
    await new PolicyService().get(); // an earlier run stored the organisation's policy
    await fakeBrowser.storage.managed.clear();
    const restarted = new PolicyService();
    expect((await restarted.refresh()).source).toBe('organisation');
  });

  it('answers checks at once with the policy the tabs already apply, when the worker just woke up', async () => {
    await fakeBrowser.storage.managed.set(ORGANISATION);
    await new PolicyService().get();
    const woken = new PolicyService();
    const policy = await woken.forChecks();
    expect(policy.source).toBe('organisation');
    expect(policy.categories.health.action).toBe('block');
  });

  it('on the first start of a profile, checks with the built-in defaults (as the tabs do) when the managed read is slow, and with the policy once it is in', async () => {
    await fakeBrowser.storage.managed.set(ORGANISATION);
    vi.useFakeTimers();
    try {
      const slow = vi.spyOn(fakeBrowser.storage.managed, 'get').mockImplementation(() => new Promise(() => {}));
      const first = new PolicyService();
      const early = first.forChecks();
      await vi.advanceTimersByTimeAsync(300);
      const policy = await early;
      expect(policy.source).toBe('built-in');
      expect(policy.categories.personnummer.action).toBe('block');
      slow.mockRestore();
      // Once the managed read answers, checks use the organisation's policy.
      expect((await first.refresh()).source).toBe('organisation');
      expect((await first.forChecks()).categories.health.action).toBe('block');
    } finally {
      vi.useRealTimers();
    }
  });

  it('on the first start of a profile, waits for a managed read that answers in time', async () => {
    await fakeBrowser.storage.managed.set(ORGANISATION);
    expect((await new PolicyService().forChecks()).source).toBe('organisation');
  });
});
