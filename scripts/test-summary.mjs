#!/usr/bin/env node
// Prints one plain line "N passed, N failed" (plus skipped) from the test
// runners' JSON reports, for CI readers that do not parse Vitest/Playwright.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const seen = [];

const unit = 'reports/unit.json';
if (existsSync(unit)) {
  const r = JSON.parse(readFileSync(unit, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0);
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  seen.push('unit');
}
const e2e = 'reports/e2e.json';
if (existsSync(e2e)) {
  const r = JSON.parse(readFileSync(e2e, 'utf8'));
  passed += r.stats?.expected ?? 0;
  failed += (r.stats?.unexpected ?? 0) + (r.stats?.flaky ?? 0) + (r.errors?.length ?? 0);
  skipped += r.stats?.skipped ?? 0;
  seen.push('e2e');
}
const stepFailed = process.argv.includes('--step-failed');
// A step outside the test runners (typecheck, build, lint) failed: count it.
if (stepFailed && failed === 0) failed = 1;
console.log(`suites: ${seen.join(', ') || 'none'}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
