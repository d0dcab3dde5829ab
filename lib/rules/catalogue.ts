/**
 * The rule catalogue: every rule's metadata (category, severity, employee-facing
 * reason, guideline links) and the guideline catalogue, loaded from rules/
 * (validated by zod at build, on CLI start and in tests: lib/rules/data-check.ts). Detectors only emit rule ids; everything a person reads
 * comes from here.
 */
import guidelinesJson from '../../rules/guidelines.json';
import identityPack from '../../rules/packs/identity.json';
import markingsPack from '../../rules/packs/markings.json';
import otherDataPack from '../../rules/packs/other-data.json';
import sensitivePack from '../../rules/packs/sensitive.json';
import { trustData, type DataCheck } from './data-check';
import type { Guideline, Rule, RulePack } from './schema';
import { DataValidationError } from './validate';

export interface RuleCatalogue {
  rules: ReadonlyMap<string, Rule>;
  guidelines: ReadonlyMap<string, Guideline>;
}

export interface NamedData {
  source: string;
  data: unknown;
}

/** Validates rule packs and guidelines and checks that they refer to each other correctly. */
export function loadCatalogue(packs: NamedData[], guidelineData: NamedData, check: DataCheck = trustData): RuleCatalogue {
  const guidelineList = check<{ guidelines: Guideline[] }>('guidelines', guidelineData.data, guidelineData.source).guidelines;
  const guidelines = new Map<string, Guideline>();
  for (const g of guidelineList) {
    if (guidelines.has(g.id)) throw new DataValidationError(guidelineData.source, [`duplicate guideline id "${g.id}"`]);
    guidelines.set(g.id, g);
  }
  const rules = new Map<string, Rule>();
  for (const { source, data } of packs) {
    const pack = check<RulePack>('rule-pack', data, source);
    const problems: string[] = [];
    pack.rules.forEach((rule, i) => {
      const where = `rules[${i}] (id "${rule.id}")`;
      if (rules.has(rule.id)) problems.push(`${where}.id: duplicate rule id`);
      rule.guidelines.forEach((gid, j) => {
        if (!guidelines.has(gid)) problems.push(`${where}.guidelines[${j}]: unknown guideline "${gid}"`);
      });
      rules.set(rule.id, rule);
    });
    if (problems.length) throw new DataValidationError(source, problems);
  }
  return { rules, guidelines };
}

export const BUILT_IN_PACKS: NamedData[] = [
  { source: 'rules/packs/identity.json', data: identityPack },
  { source: 'rules/packs/markings.json', data: markingsPack },
  { source: 'rules/packs/sensitive.json', data: sensitivePack },
  { source: 'rules/packs/other-data.json', data: otherDataPack },
];

export const BUILT_IN_GUIDELINES: NamedData = { source: 'rules/guidelines.json', data: guidelinesJson };

let builtIn: RuleCatalogue | undefined;
export function builtInCatalogue(): RuleCatalogue {
  builtIn ??= loadCatalogue(BUILT_IN_PACKS, BUILT_IN_GUIDELINES);
  return builtIn;
}
