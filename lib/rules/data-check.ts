/**
 * How built-in data (rules/*.json) is checked when it is loaded. Every file
 * has a zod schema (lib/rules/zod-data-check.ts), and the data is validated
 * where zod costs nothing that matters: at build time (wxt.config.ts fails
 * the build), on every CLI start and in the unit tests. The extension trusts
 * the data its build validated, which keeps zod out of the content script
 * that every AI-site page loads.
 */
export type DataSchemaName = 'sites' | 'guidelines' | 'rule-pack' | 'vocabulary' | 'anchors' | 'first-names' | 'surnames';

export type DataCheck = <T>(schema: DataSchemaName, data: unknown, source: string) => T;

/** Trusts data that the build and CI validated. */
export const trustData: DataCheck = <T>(_schema: DataSchemaName, data: unknown) => data as T;
