/**
 * The background's engine warm-up (entrypoints/background/scan-service.ts):
 * the text it checks at worker start must reach every detector family, or the
 * first real check after a browser start pays for the cold ones; and a
 * warm-up must never fail loudly or change what a later check finds.
 */
import { describe, expect, it, vi } from 'vitest';
import { builtInEffectivePolicy } from '../../lib/policy/built-in-effective';
import { scan } from '../../lib/scan';
import { WARM_UP_TEXT, scanForPage, warmUp } from '../../entrypoints/background/scan-service';

describe('engine warm-up', () => {
  it('wakes every detector family: identity numbers, markings, sensitive data, contact, bank, card and credentials', () => {
    const categories = new Set(scan(WARM_UP_TEXT).findings.map((f) => f.category));
    for (const c of ['personnummer', 'classified', 'health', 'social-services', 'email', 'phone', 'iban', 'bank-account', 'payment-card', 'credential'])
      expect(categories, c).toContain(c);
  });

  it('runs through the same path as a page check, and a check afterwards finds the same', () => {
    const policy = builtInEffectivePolicy();
    const text = 'Beslut för 640823-4174 om ekonomiskt bistånd';
    const before = scanForPage(policy, { type: 'promptvakt/scan', text, mode: 'block' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'debug').mockImplementation(() => {});
    warmUp(policy);
    expect(warn).not.toHaveBeenCalled();
    expect(scanForPage(policy, { type: 'promptvakt/scan', text, mode: 'block' })).toEqual(before);
    vi.restoreAllMocks();
  });
});
