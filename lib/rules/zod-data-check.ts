/**
 * Validates built-in data with its zod schemas (see data-check.ts for where).
 * Not imported by the extension's runtime code.
 */
import sitesJson from '../../rules/sites.json';
import { BUILT_IN_SENSITIVE_DATA, createSensitiveDetector } from '../detectors/sensitive';
import { anchorsSchema, namesSchema, surnamesSchema, vocabularySchema } from '../detectors/sensitive/schema';
import { sitesSchema } from '../sites/schema';
import { BUILT_IN_GUIDELINES, BUILT_IN_PACKS, loadCatalogue } from './catalogue';
import type { DataCheck, DataSchemaName } from './data-check';
import { guidelineCatalogueSchema, rulePackSchema } from './schema';
import { parseOrThrow } from './validate';

const SCHEMAS = {
  sites: sitesSchema,
  guidelines: guidelineCatalogueSchema,
  'rule-pack': rulePackSchema,
  vocabulary: vocabularySchema,
  anchors: anchorsSchema,
  'first-names': namesSchema,
  surnames: surnamesSchema,
} as const satisfies Record<DataSchemaName, unknown>;

export const zodCheck: DataCheck = <T>(schema: DataSchemaName, data: unknown, source: string) =>
  parseOrThrow(SCHEMAS[schema], data, source) as T;

/** Validates every built-in data file; throws DataValidationError naming the file, rule and field. */
export function checkBuiltInData(): void {
  zodCheck('sites', sitesJson, 'rules/sites.json');
  loadCatalogue(BUILT_IN_PACKS, BUILT_IN_GUIDELINES, zodCheck);
  createSensitiveDetector(BUILT_IN_SENSITIVE_DATA, zodCheck);
}
