/**
 * "Mask and send" that cannot leak: every written form of a masked number goes,
 * and the masked text is checked again with the full engine.
 */
import { describe, expect, it } from 'vitest';
import { maskPrompt, otherForms } from '../../lib/redaction/mask-prompt';
import { PlaceholderBook } from '../../lib/redaction/placeholders';
import { scan } from '../../lib/scan';
import type { ScanResult } from '../../lib/types';
import { identityNumber as make, REFERENCE_DATE } from './helpers';

const N = make('640823', '417');
const rescan = (t: string) => scan(t, { referenceDate: REFERENCE_DATE });

describe('maskPrompt', () => {
  it('masks a number written in two forms in both', () => {
    const text = `Beslut om ${N.slice(0, 6)}-${N.slice(6)}, se bilagan Beslut_19${N}.pdf`;
    const out = maskPrompt(text, rescan(text), new PlaceholderBook('sv'), rescan);
    expect(out.ok).toBe(true);
    expect(out.text).not.toMatch(new RegExp(N.slice(0, 6)));
    expect(out.text).toBe('Beslut om [PERSONNUMMER 1], se bilagan Beslut_[PERSONNUMMER 1].pdf');
  });

  it('masks a second form the detector would not report on its own (digits glued to letters)', () => {
    const text = `Pnr ${N.slice(0, 6)}-${N.slice(6)}. Fil: arende${N}x.txt`;
    const out = maskPrompt(text, rescan(text), new PlaceholderBook('sv'), rescan);
    expect(out.ok).toBe(true);
    expect(out.text.replace(/\D/g, '')).not.toContain(N);
  });

  it('refuses, sending nothing, when the re-scan still finds something that interrupts', () => {
    const text = `Personnummer ${N.slice(0, 6)}-${N.slice(6)}`;
    const partial: ScanResult = { decision: 'block', findings: [] }; // a result that misses the number
    const out = maskPrompt(text, partial, new PlaceholderBook('sv'), rescan);
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.reason).toBe('finding-left');
      expect(out.left.map((f) => f.category)).toEqual(['personnummer']);
    }
  });

  it('masks a dotted form that the engine cannot see, found by its digits', () => {
    const text = `${N.slice(0, 6)}-${N.slice(6)} och ${N.split('').join('.')}`;
    const result = rescan(text);
    const blind = () => ({ decision: 'allow' as const, findings: [] });
    const out = maskPrompt(text, { ...result, findings: result.findings.slice(0, 1) }, new PlaceholderBook('sv'), blind);
    expect(out.ok).toBe(true);
    expect(out.text).toBe('[PERSONNUMMER 1] och [PERSONNUMMER 1]');
  });

  it('refuses when the digits of a masked number are still there after masking', () => {
    const text = `Pnr ${N.slice(0, 6)}-${N.slice(6)}`;
    // A placeholder source that fails (writes the value back): the digit check is the last line of defence.
    const leaky = { placeholderFor: (_c: string, value: string) => value } as unknown as PlaceholderBook;
    const blind = () => ({ decision: 'allow' as const, findings: [] });
    const out = maskPrompt(text, rescan(text), leaky, blind);
    expect(out).toMatchObject({ ok: false, reason: 'digits-left' });
  });

  it('leaves a clean text unchanged', () => {
    const text = 'Sammanfatta mötet i tre punkter.';
    const out = maskPrompt(text, rescan(text), new PlaceholderBook('sv'), rescan);
    expect(out).toEqual({ ok: true, text, replacements: [] });
  });
});

describe('otherForms', () => {
  it('finds the 10- and 12-digit forms with any separator, but not digits split by letters', () => {
    const cores = new Set([N]);
    const spans = (t: string) => otherForms(t, cores).map((s) => t.slice(s.start, s.end));
    expect(spans(`a ${N} b 19${N.slice(0, 6)} ${N.slice(6)} c`)).toEqual([N, `19${N.slice(0, 6)} ${N.slice(6)}`]);
    expect(spans(`${N.slice(0, 6)}&ndash;${N.slice(6)}`)).toEqual([`${N.slice(0, 6)}&ndash;${N.slice(6)}`]);
    expect(spans(`${N.slice(0, 5)} kr och ${N.slice(5)} st`)).toEqual([]);
  });
});
