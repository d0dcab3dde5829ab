/**
 * Quality gate on our own labelled corpora (tests/fixtures/*.jsonl): realistic
 * prompts written independently of the rules; holdout.jsonl in deliberately
 * different styles (long case files, dialect, logs), holdout2.jsonl built to
 * trap a rule-based detector (named people beside sensitive topics, initials).
 * The thresholds are the product's promises, not a snapshot of today's output.
 */
import { readFileSync } from 'node:fs';
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

const cases: Case[] = ['tests/fixtures/prompts.jsonl', 'tests/fixtures/holdout.jsonl', 'tests/fixtures/holdout2.jsonl'].flatMap((file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Case),
);
const results = new Map(cases.map((c) => [c.id, scan(c.text, { referenceDate: REFERENCE_DATE })]));
const digits = (s: string) => s.replace(/\D/g, '');
const sensitive = new Set<string>(SENSITIVE_CATEGORIES);
const IDENTITY = new Set(['personnummer', 'samordningsnummer']);

describe(`labelled corpus (${cases.length} prompts)`, () => {
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

  it('never lets an identity number or a classified marking through', () => {
    const allowed = cases
      .filter((c) => c.categories.some((k) => IDENTITY.has(k) || k === 'classified'))
      .filter((c) => results.get(c.id)!.decision === 'allow')
      .map((c) => c.id);
    expect(allowed).toEqual([]);
  });

  it('raises at most 3 % false alarms on prompts with nothing to flag', () => {
    const negatives = cases.filter((c) => c.categories.length === 0);
    const alarms = negatives.filter((c) => results.get(c.id)!.findings.length > 0).map((c) => `${c.id}: ${c.note}`);
    expect(negatives.length).toBeGreaterThan(30);
    expect(alarms.length / negatives.length, alarms.join('\n')).toBeLessThanOrEqual(0.03);
  });

  it('detects sensitive data about a person with F1 ≥ 0.9', () => {
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
    expect(f1).toBeGreaterThanOrEqual(0.9);
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
