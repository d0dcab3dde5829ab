import { describe, expect, it } from 'vitest';
import { DIALOG_STRINGS } from '../../entrypoints/content/ui/dialog-strings';

describe('in-page dialog strings', () => {
  it('has the same keys and kinds in Swedish and English', () => {
    const sv = DIALOG_STRINGS.sv as unknown as Record<string, unknown>;
    const en = DIALOG_STRINGS.en as unknown as Record<string, unknown>;
    expect(Object.keys(sv).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(sv)) {
      expect(typeof en[key], key).toBe(typeof sv[key]);
      if (typeof sv[key] === 'string') expect((sv[key] as string).length, key).toBeGreaterThan(0);
      if (typeof sv[key] === 'function') {
        const a = (sv[key] as (x: never) => string)('X' as never);
        const b = (en[key] as (x: never) => string)('X' as never);
        expect(a).toContain('X');
        expect(b).toContain('X');
      }
    }
  });
  it('counts findings in both languages', () => {
    expect(DIALOG_STRINGS.sv.indicatorFindings(3)).toBe('3 fynd');
    expect(DIALOG_STRINGS.en.indicatorFindings(1)).toBe('1 finding');
    expect(DIALOG_STRINGS.en.indicatorFindings(2)).toBe('2 findings');
  });
});
