import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type DetectionPolicy } from '../../lib/policy/default-policy';
import { decide, scan } from '../../lib/scan';
import { REFERENCE_DATE } from './helpers';

const at = { referenceDate: REFERENCE_DATE };

describe('scan() with the built-in policy', () => {
  it('blocks identity numbers and classified markings', () => {
    expect(scan('Pnr 640823-4174', at).decision).toBe('block');
    expect(scan('HEMLIG\nKontinuitetsplan för valdagen', at).decision).toBe('block');
  });

  it('warns for sensitive data about a person', () => {
    const r = scan('min kollega Lena är sjukskriven för utmattningssyndrom', at);
    expect(r.decision).toBe('warn');
    expect(r.findings.every((f) => f.action === 'warn')).toBe(true);
  });

  it('only informs for Skatteverket test numbers', () => {
    const r = scan('Testfall: 201212121212 ska ge fel i valideringen', at);
    expect(r.decision).toBe('allow');
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ category: 'personnummer', rule: 'personnummer.official-test-number', action: 'log', severity: 'low' });
  });

  it('allows a clean prompt with no findings', () => {
    expect(scan('Skriv en platsannons för en sommarvikarie på biblioteket.', at)).toEqual({ findings: [], decision: 'allow' });
  });

  it('returns findings in text order with original offsets and guideline URLs', () => {
    const text = 'Ｘ\u200B Per Nilsson 640823-4174 är sjukskriven. 8507099805';
    const r = scan(text, at);
    const starts = r.findings.map((f) => f.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    for (const f of r.findings) {
      expect(text.slice(f.start, f.end)).toBe(f.text);
      expect(f.guidelines[0]).toMatch(/^https:\/\//);
    }
  });

  it('drops findings whose category the policy switches off, and follows the policy action', () => {
    const policy: DetectionPolicy = {
      ...DEFAULT_POLICY,
      categories: { ...DEFAULT_POLICY.categories, personnummer: 'off', health: 'block' },
    };
    expect(scan('Pnr 640823-4174', { ...at, policy }).findings).toEqual([]);
    expect(scan('min kollega Lena är sjukskriven', { ...at, policy }).decision).toBe('block');
    const strict: DetectionPolicy = { ...DEFAULT_POLICY, officialTestNumbers: 'block' };
    expect(scan('201212121212', { ...at, policy: strict }).decision).toBe('block');
  });

  it('decides by the strongest action', () => {
    expect(decide([])).toBe('allow');
    expect(decide([{ action: 'log' }])).toBe('allow');
    expect(decide([{ action: 'log' }, { action: 'warn' }])).toBe('warn');
    expect(decide([{ action: 'warn' }, { action: 'block' }, { action: 'log' }])).toBe('block');
  });

  it('rejects a non-string instead of scanning nothing', () => {
    expect(() => scan(undefined as unknown as string)).toThrow(TypeError);
  });

  it('is deterministic for a given reference date', () => {
    const text = 'Sökande: Gunnel Åberg, 470823-4028. Sökande har Parkinsons sjukdom.\nKONFIDENTIELL';
    expect(scan(text, at)).toEqual(scan(text, at));
  });
});
