/**
 * Quality gate on our own labelled corpora (tests/fixtures/*.jsonl), all written
 * independently of the rules: prompts.jsonl (realistic prompts), holdout.jsonl
 * (long case files, dialect, logs), holdout2.jsonl (named people beside sensitive
 * topics, initials), and the four corpora written for the detection issue by
 * authors who never saw the rules or the code: corpus-n1-realistic (everyday
 * prompts), corpus-n2-adversarial (identity numbers in exports, file names, logs
 * and wrapped PDF text; markings in subjects, tables and footers), corpus-n3-markings
 * (marking vs mention) and corpus-n4-documents (long public documents, general
 * questions, subtle positives), plus two held-out sets written later by new authors
 * (corpus-n5-heldout, corpus-n6-heldout), measured blind before their classes were fixed.
 * The thresholds are the product's promises (docs/RULES.md), not a snapshot of
 * today's output.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scan } from '../../lib/scan';
import { SENSITIVE_CATEGORIES } from '../../lib/types';
import { REFERENCE_DATE } from './helpers';

interface Case {
  id: string;
  text: string;
  categories: string[];
  ids: string[];
  note: string;
}

const FIXTURES = 'tests/fixtures';
const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.jsonl'));
const cases: Case[] = files.flatMap((file) =>
  readFileSync(`${FIXTURES}/${file}`, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Case),
);
const results = new Map(cases.map((c) => [c.id, scan(c.text, { referenceDate: REFERENCE_DATE })]));
/**
 * The digits of a written number. HTML entities and JSON escapes are separators
 * ("19960515&#8209;1381" is 19960515-1381), so their own digits do not count.
 */
const digits = (s: string) => s.replace(/&#x?[0-9a-f]{1,6};|\\u[0-9a-f]{4}/gi, '-').replace(/\D/g, '');
const sensitive = new Set<string>(SENSITIVE_CATEGORIES);
const IDENTITY = new Set(['personnummer', 'samordningsnummer']);
const TEST_NUMBER_RULE = /\.official-test-number$/;

describe(`labelled corpora (${cases.length} prompts in ${files.length} files)`, () => {
  it('holds every corpus, each with unique ids', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it('finds every identity number, and reports none that is not there', () => {
    const missed: string[] = [];
    const extra: string[] = [];
    for (const c of cases) {
      const found = results.get(c.id)!.findings.filter((f) => IDENTITY.has(f.category));
      for (const id of c.ids) if (!found.some((f) => digits(f.text) === digits(id))) missed.push(`${c.id} ${id}`);
      for (const f of found) if (!c.ids.some((id) => digits(id) === digits(f.text))) extra.push(`${c.id} ${f.text}`);
    }
    expect(missed).toEqual([]);
    expect(extra).toEqual([]);
  });

  it('never lets an identity number (other than an official test number) or a marking through', () => {
    const allowed = cases
      .filter((c) => c.categories.some((k) => IDENTITY.has(k) || k === 'classified'))
      .filter((c) => {
        const r = results.get(c.id)!;
        const onlyTestNumbers =
          !c.categories.includes('classified') &&
          r.findings.filter((f) => IDENTITY.has(f.category)).every((f) => TEST_NUMBER_RULE.test(f.rule));
        return r.decision === 'allow' && !onlyTestNumbers;
      })
      .map((c) => c.id);
    expect(allowed).toEqual([]);
  });

  it('finds markings with recall ≥ 0.98 and precision ≥ 0.97', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const errors: string[] = [];
    for (const c of cases) {
      const want = c.categories.includes('classified');
      const got = results.get(c.id)!.findings.some((f) => f.category === 'classified');
      if (want && got) tp++;
      else if (want) (fn++, errors.push(`missed ${c.id}`));
      else if (got) (fp++, errors.push(`extra ${c.id}`));
    }
    expect(tp / (tp + fn), errors.join(', ')).toBeGreaterThanOrEqual(0.98);
    expect(tp / (tp + fp), errors.join(', ')).toBeGreaterThanOrEqual(0.97);
  });

  it('raises at most 1 % false alarms on prompts with nothing to flag', () => {
    const negatives = cases.filter((c) => c.categories.length === 0);
    const alarms = negatives.filter((c) => results.get(c.id)!.findings.length > 0).map((c) => `${c.id}: ${c.note}`);
    expect(negatives.length).toBeGreaterThan(300);
    expect(alarms.length / negatives.length, alarms.join('\n')).toBeLessThanOrEqual(0.01);
  });

  it('detects sensitive data about a person with F1 ≥ 0.95', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const c of cases) {
      const want = c.categories.some((k) => sensitive.has(k));
      const got = results.get(c.id)!.findings.some((f) => sensitive.has(f.category));
      if (want && got) tp++;
      else if (want) fn++;
      else if (got) fp++;
    }
    const f1 = (2 * tp) / (2 * tp + fp + fn);
    expect(f1).toBeGreaterThanOrEqual(0.95);
  });

  it('finds each labelled category in at least 80 % of the prompts that have it', () => {
    const perCategory = new Map<string, { want: number; got: number }>();
    for (const c of cases) {
      const found = new Set(results.get(c.id)!.findings.map((f) => f.category));
      for (const k of c.categories) {
        const row = perCategory.get(k) ?? { want: 0, got: 0 };
        row.want++;
        if (found.has(k as never)) row.got++;
        perCategory.set(k, row);
      }
    }
    const weak = [...perCategory].filter(([, r]) => r.got / r.want < 0.8 && r.want >= 4).map(([k, r]) => `${k} ${r.got}/${r.want}`);
    expect(weak).toEqual([]);
  });
});
