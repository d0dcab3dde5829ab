import { describe, expect, it } from 'vitest';
import guidelinesJson from '../../rules/guidelines.json';
import { BUILT_IN_PACKS, builtInCatalogue, loadCatalogue } from '../../lib/rules/catalogue';
import { DataValidationError } from '../../lib/rules/validate';
import { checkBuiltInData, zodCheck } from '../../lib/rules/zod-data-check';
import { scan } from '../../lib/scan';
import { CATEGORIES } from '../../lib/types';

const guidelines = { source: 'rules/guidelines.json', data: guidelinesJson };

describe('rule catalogue', () => {
  const catalogue = builtInCatalogue();

  it('loads and validates every built-in pack', () => {
    expect(catalogue.rules.size).toBeGreaterThan(20);
  });

  it('has a rule for every category, each with a Swedish and English reason of one sentence', () => {
    const categories = new Set([...catalogue.rules.values()].map((r) => r.category));
    for (const c of CATEGORIES) expect(categories, c).toContain(c);
    for (const rule of catalogue.rules.values()) {
      for (const lang of ['sv', 'en'] as const) {
        expect(rule.reason[lang].trim(), rule.id).toMatch(/^[^.!?]+(?:\([^)]*\)[^.!?]*)?[.!?]?.*[.!?]$/s);
        expect(rule.reason[lang].length, rule.id).toBeLessThan(240);
      }
    }
  });

  it('links only to Digg and IMY pages over https (known URLs, see docs/RULES.md)', () => {
    for (const g of catalogue.guidelines.values()) expect(g.url).toMatch(/^https:\/\/www\.(digg|imy)\.se\//);
  });

  it('built-in data passes its schemas (the extension trusts what the build validated)', () => {
    expect(() => checkBuiltInData()).not.toThrow();
  });

  it('reports errors that name the file, the rule and the field', () => {
    const bad = {
      pack: 'broken',
      rules: [
        { id: 'email.ok', category: 'email', severity: 'low', title: { sv: 'a', en: 'a' }, reason: { sv: 'a', en: 'a' }, guidelines: ['digg-index'] },
        { id: 'email.bad', category: 'email', severity: 'huge', title: { sv: 'a', en: 'a' }, reason: { sv: 'a', en: 'a' }, guidelines: ['digg-index'] },
      ],
    };
    expect(() => loadCatalogue([{ source: 'rules/packs/broken.json', data: bad }], guidelines, zodCheck)).toThrow(
      /rules\/packs\/broken\.json is invalid:\n {2}rules\[1\] \(id "email\.bad"\)\.severity/,
    );
  });

  it('rejects unknown guideline ids and duplicate rule ids', () => {
    const rule = { id: 'email.x', category: 'email', severity: 'low', title: { sv: 'a', en: 'a' }, reason: { sv: 'a', en: 'a' }, guidelines: ['nope'] };
    expect(() => loadCatalogue([{ source: 'p.json', data: { pack: 'p', rules: [rule] } }], guidelines)).toThrow(/unknown guideline "nope"/);
    const ok = { ...rule, guidelines: ['digg-index'] };
    expect(() => loadCatalogue([{ source: 'p.json', data: { pack: 'p', rules: [ok, ok] } }], guidelines)).toThrow(DataValidationError);
  });

  it('every rule a detector emits on a varied corpus is in the catalogue', () => {
    const corpus = [
      'Sökande: Per Nilsson, 640823-4174, 201212121212, samordningsnummer 701063-2391',
      'KONFIDENTIELL\nText\n\nSekretess enligt 25 kap. 1 § OSL\n\nNATO SECRET\nx\n\nRESTREINT UE/EU RESTRICTED\ny\n\nTOP SECRET//NOFORN\nTLP:RED',
      'min kollega Lena är sjukskriven, troende katolik, medlem i Vänsterpartiet och i Unionen, bisexuell, romsk, DNA-test, misstänkt för stöld, LVU, skyddad folkbokföring',
    ];
    for (const text of corpus) {
      for (const f of scan(text).findings) expect(catalogue.rules.has(f.rule), f.rule).toBe(true);
    }
    expect(BUILT_IN_PACKS.length).toBeGreaterThanOrEqual(4);
  });
});
