/**
 * The background's count() (entrypoints/background/counters.ts) against a fake
 * browser: what a content script's CountRequest becomes in the store. The rule
 * is counted only if it is built in or one of the organisation's own rules,
 * the source follows from the rule id, a reason only on "sent anyway", and
 * the site only if it is a protected site.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('wxt/browser', () => ({ browser: fakeBrowser }));
// wxt/utils/storage (the stores in platform/) reaches the browser through @wxt-dev/browser.
vi.mock('@wxt-dev/browser', () => ({ browser: fakeBrowser }));

const { Counters } = await import('../../entrypoints/background/counters');
const { resolvePolicy } = await import('../../lib/policy/resolve');
const { utcDay } = await import('../../lib/counters/store');
type CountRequest = import('../../platform/messages').CountRequest;

const POLICY = resolvePolicy(
  {
    version: 1,
    counters: { privacyThreshold: 5 },
    customRules: [
      { id: 'projekt-nordstjarna', kind: 'keywords', keywords: ['Nordstjärna'], category: 'classified', message: { sv: 'Hemligt projekt.' } },
      { id: '19811218-9876', kind: 'keywords', keywords: ['x-projekt'], category: 'classified', message: { sv: 'Ett id som ser ut som ett personnummer.' } },
    ],
  },
  undefined,
);

/** Today's series after counting `requests` from a tab on `url`, in a fresh extension storage. */
async function countAll(requests: readonly Omit<CountRequest, 'type'>[], url = 'https://chatgpt.com/c/abc'): Promise<Record<string, number>> {
  fakeBrowser.reset();
  const counters = new Counters();
  counters.setPolicy(POLICY);
  for (const request of requests) await counters.count({ type: 'promptvakt/count', ...request } as CountRequest, url);
  return (await counters.writer.read()).days[utcDay(new Date())] ?? {};
}

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

describe('Counters.count', () => {
  it('takes a deprecated privacyThreshold in the policy without using it', () => {
    expect(POLICY.diagnostics).toEqual([]);
    expect(POLICY.counters).not.toHaveProperty('privacyThreshold');
  });

  it('counts one event per distinct rule, with the rule id when it is known and its source from the id', async () => {
    const series = await countAll([
      {
        outcome: 'blocked',
        findings: [
          { category: 'personnummer', rule: 'personnummer.valid' },
          { category: 'personnummer', rule: 'personnummer.valid' },
          { category: 'classified', rule: 'custom.projekt-nordstjarna' },
          { category: 'classified', rule: 'custom.not-in-this-policy' },
          { category: 'health', rule: 'health.invented-rule' },
        ],
      },
    ]);
    expect(series).toEqual({
      'personnummer|blocked|chatgpt.com|built-in|personnummer.valid|none': 1,
      'classified|blocked|chatgpt.com|custom|custom.projekt-nordstjarna|none': 1,
      'classified|blocked|chatgpt.com|custom|none|none': 1,
      'health|blocked|chatgpt.com|built-in|none|none': 1,
    });
  });

  it('never counts a rule id that could carry a personnummer or text, even one the admin chose', async () => {
    const series = await countAll([
      {
        outcome: 'warned',
        findings: [
          { category: 'classified', rule: 'custom.19811218-9876' },
          { category: 'email', rule: 'Anna Svensson 640823-4174' },
          { category: 'email', rule: 'email.address|x' },
        ],
      },
    ]);
    expect(Object.keys(series).sort()).toEqual(['classified|warned|chatgpt.com|custom|none|none', 'email|warned|chatgpt.com|built-in|none|none']);
    expect(series['email|warned|chatgpt.com|built-in|none|none']).toBe(2);
    expect(JSON.stringify(series)).not.toMatch(/640823|19811218|Anna/);
  });

  it('counts the reason on "sent anyway" only, and false alarms by rule', async () => {
    const health = [{ category: 'health', rule: 'health.about-person' }];
    const series = await countAll([
      { outcome: 'sent-anyway', findings: health, reason: 'own-data' },
      { outcome: 'sent-anyway', findings: health },
      { outcome: 'sent-anyway', findings: health, reason: 'false-alarm' },
      { outcome: 'false-alarm', findings: health, reason: 'fictitious' },
      { outcome: 'warned', findings: health, reason: 'public' },
    ]);
    expect(series).toEqual({
      'health|sent-anyway|chatgpt.com|built-in|health.about-person|own-data': 1,
      'health|sent-anyway|chatgpt.com|built-in|health.about-person|none': 1,
      'health|sent-anyway|chatgpt.com|built-in|health.about-person|false-alarm': 1,
      'health|false-alarm|chatgpt.com|built-in|health.about-person|none': 1,
      'health|warned|chatgpt.com|built-in|health.about-person|none': 1,
    });
  });

  it('counts degraded protection without a finding, and a page that is not a protected site as "other"', async () => {
    expect(await countAll([{ outcome: 'degraded', findings: [{ category: 'email', rule: 'email.address' }] }])).toEqual({
      'none|degraded|chatgpt.com|none|none|none': 1,
    });
    expect(await countAll([{ outcome: 'masked', findings: [{ category: 'email', rule: 'email.address' }] }], 'https://evil.example/x')).toEqual({
      'email|masked|other|built-in|email.address|none': 1,
    });
  });

  it('drops a finding outside the catalogue and keeps the rest', async () => {
    const series = await countAll([
      {
        outcome: 'blocked',
        findings: [
          { category: 'Anna Svensson', rule: 'personnummer.valid' },
          { category: 'personnummer', rule: 'personnummer.valid' },
        ],
      },
    ]);
    expect(series).toEqual({ 'personnummer|blocked|chatgpt.com|built-in|personnummer.valid|none': 1 });
  });
});
