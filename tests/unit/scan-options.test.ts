/** One way from a policy to a scan (lib/policy/scan-options.ts): the page, the background and the options page share it. */
import { describe, expect, it } from 'vitest';
import { builtInEffectivePolicy } from '../../lib/policy/built-in-effective';
import { catalogueFor, detectionPolicyFor, detectorsFor } from '../../lib/policy/effective';
import { re2Engine } from '../../lib/policy/regex-engine';
import { resolvePolicy } from '../../lib/policy/resolve';
import { scanOptionsFor } from '../../lib/policy/scan-options';
import { scan } from '../../lib/scan';

const withRegexRule = () =>
  resolvePolicy(
    { version: 1, customRules: [{ id: 'diarienummer', kind: 'regex', pattern: 'KS \\d{4}/\\d{1,5}', category: 'classified', message: { sv: 'Diarienummer stannar internt.' } }] },
    undefined,
  );

describe('scanOptionsFor', () => {
  it('gives what the three copies of the wiring gave: the detection policy for the mode, the detectors, the catalogue', () => {
    const policy = builtInEffectivePolicy();
    for (const mode of ['block', 'warn', 'monitor'] as const) {
      const options = scanOptionsFor(policy, { mode, regex: null });
      expect(options.policy).toEqual(detectionPolicyFor(policy, mode));
      expect(options.detectors).toEqual(detectorsFor(policy, null));
      expect(options.catalogue).toEqual(catalogueFor(policy));
    }
  });

  it('is built once per policy, mode and engine', () => {
    const policy = builtInEffectivePolicy();
    expect(scanOptionsFor(policy, { mode: 'block', regex: null })).toBe(scanOptionsFor(policy, { mode: 'block', regex: null }));
    expect(scanOptionsFor(policy, { mode: 'warn', regex: null })).not.toBe(scanOptionsFor(policy, { mode: 'block', regex: null }));
    expect(scanOptionsFor(builtInEffectivePolicy(), { mode: 'block', regex: null })).not.toBe(scanOptionsFor(policy, { mode: 'block', regex: null }));
  });

  it("runs the organisation's regex rules where an engine is given, and refuses where none is (the page sends those to the background)", () => {
    const policy = withRegexRule();
    const result = scan('Ärende KS 2026/0412 gäller bygglov', scanOptionsFor(policy, { mode: 'block', regex: re2Engine }));
    expect(result.findings.map((f) => f.rule)).toContain('custom.diarienummer');
    expect(() => scan('Ärende KS 2026/0412', scanOptionsFor(policy, { mode: 'block', regex: null }))).toThrow(/regex engine/);
  });
});
